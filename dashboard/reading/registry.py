"""The pages: one list, read by app.py's navigation, the overview's links, the tests and the benchmarks."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str  # the title's i18n key is page.<name>; a subject page's indicators have this topic
    file: str  # relative to dashboard/ (a folder named pages/ would put Streamlit in its legacy mode)
    url_path: str  # '' for the default page at /
    icon: str
    topic: str | None = None  # the topic whose metrics the page explores (its ?metric=): the sidebar's metric control
    hidden: bool = False  # reached by links only, not listed in the navigation
    tool: bool = False  # a workbench (adding a bulletin), not a report of the data: no district or metric


PAGES = (
    Page("overview", "reading/views/overview.py", "", ":material/dashboard:"),
    Page("enforcement", "reading/views/enforcement.py", "enforcement", ":material/gavel:", topic="enforcement"),
    Page("supervision", "reading/views/supervision.py", "supervision", ":material/account_balance:", topic="supervision"),
    Page("approvals", "reading/views/approvals.py", "approvals", ":material/speed:", topic="approvals"),
    Page("sectors", "reading/views/sectors.py", "sectors", ":material/apartment:", topic="sectors"),
    Page("data", "reading/views/data.py", "data", ":material/table:"),
    Page("add", "reading/views/add.py", "add", ":material/post_add:", tool=True),
    Page("figure", "reading/views/figure.py", "figure", ":material/info:", hidden=True),
    # The change record: no district or metric, so not one of the reports (tool=True keeps it out of them).
    Page("changes", "reading/views/changes.py", "changes", ":material/history:", tool=True),
)
BY_NAME = {page.name: page for page in PAGES}
BY_TOPIC = {page.topic: page for page in PAGES if page.topic}  # the page exploring a topic's metrics
BY_PATH = {page.url_path: page for page in PAGES}  # '' is the overview at /
LISTED = tuple(page for page in PAGES if not page.hidden)  # the pages in the navigation
REPORTS = tuple(page for page in LISTED if not page.tool)  # the pages that report the data
