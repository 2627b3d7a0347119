"""What app.py hands the page it runs: the dataset, the view, the page's registry entry and the link
builder, as one `PageContext`.

Why a context variable rather than page functions taking an argument: `st.navigation` accepts
callables, but `AppTest.switch_page` (Streamlit 1.67) opens only file pages, so the pages stay files
and app.py hands the context over for exactly the time the page runs (`handing`). A page begins with
`ctx = handed()`; nothing else passes between them. The variable is per thread, and each session's
script runs in its own, so no reader ever sees another's context.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from dashboard.kernel.model import Dataset
from dashboard.reading.registry import Page
from dashboard.reading.url_state import View
from dashboard.reading.urls import Urls


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    view: View
    page: Page
    urls: Urls

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def region(self) -> str:
        return self.view.region

    def share_url(self, **changes) -> str:
        """The full address of this page's view (with `changes`, e.g. the figure's id), for links in notes."""
        return self.urls.share(self.page.name, replace(self.view, **changes))


_HANDED: ContextVar[PageContext] = ContextVar("page_context")


@contextmanager
def handing(ctx: PageContext) -> Iterator[None]:
    """Hand `ctx` to the page that runs inside this block, and take it back after."""
    token = _HANDED.set(ctx)
    try:
        yield
    finally:
        _HANDED.reset(token)


def handed() -> PageContext:
    """The context app.py handed this page (a page run outside app.py has none: a clear error)."""
    try:
        return _HANDED.get()
    except LookupError:
        raise RuntimeError("a page runs inside dashboard/app.py, which hands it its context") from None
