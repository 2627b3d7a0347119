"""The same pages on every store: DuckDB and PostgreSQL give exactly the text and chart data of the package.

The other app tests check the package's pages against data/; here every page (and every figure's
page) read from each database is compared with the same view read from the package, element by
element, so those checks hold on every store.
"""
import json

import pytest

from dashboard.reading.registry import REPORTS
from tests.conftest import PACKAGE, bundled, open_app

DATA = bundled()
DATABASES = ["duckdb", "postgresql"]
TEXT = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "metric", "selectbox",
        "radio", "checkbox", "toggle", "expander", "tabs", "button")


def snapshot(at) -> dict:
    """What a reader gets, element by element: texts, widget labels and values, table cells, chart specs."""
    assert not at.exception, [e.value for e in at.exception]
    seen = {kind: [repr(getattr(e, "value", None)) + repr(getattr(e, "label", None)) for e in at.get(kind)]
            for kind in TEXT}
    seen["dataframe"] = [e.value.astype(str).to_dict("split") for e in at.get("arrow_data_frame")]
    seen["plotly_chart"] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    seen["query"] = dict(at.query_params)
    return seen


_FROM_PACKAGE: dict[tuple, dict] = {}


def view(stores, monkeypatch, store: str, page: str, **params) -> dict:
    monkeypatch.setenv("QINGLIAN_STORE", stores[store])
    return snapshot(open_app(page, **params))


def reference(stores, monkeypatch, page: str, **params) -> dict:
    key = (page, *sorted(params.items()))
    if key not in _FROM_PACKAGE:
        _FROM_PACKAGE[key] = view(stores, monkeypatch, "package", page, **params)
    return _FROM_PACKAGE[key]


# Every section of every district, in both languages, is compared on every store in tests/unit/storing/test_database.py;
# here the pages that draw them: the city in Chinese and a county in English.
@pytest.mark.parametrize("store", DATABASES)
@pytest.mark.parametrize("region, lang", [("330900", "zh"), ("330902", "en")])
@pytest.mark.parametrize("page", [page.name for page in REPORTS])
def test_every_page_reads_the_same_from_a_database(page, region, lang, store, stores, monkeypatch):
    expected = reference(stores, monkeypatch, page, region=region, lang=lang)
    assert expected["plotly_chart"] or expected["info"]  # a real page, not an empty one on both sides
    assert view(stores, monkeypatch, store, page, region=region, lang=lang) == expected


# Every figure's record is compared on every store in tests/unit/storing/test_database.py; here its page, for a spread of them.
FIGURES = list(DATA.facts["fact_id"])[::14]


@pytest.mark.parametrize("store", DATABASES)
@pytest.mark.parametrize("fact_id", FIGURES)
def test_figure_pages_read_the_same_from_a_database(fact_id, store, stores, monkeypatch):
    expected = reference(stores, monkeypatch, "figure", id=fact_id, lang="en")
    quote = DATA.facts.set_index("fact_id").at[fact_id, "locator"]
    # the figure's own page, not 'no such figure' (the page escapes Markdown in a quote, '63\\.8万件', and a
    # snapshot holds repr()s, so each escape shows as two backslashes)
    assert any(quote in m.replace("\\\\", "") for m in expected["markdown"])
    assert view(stores, monkeypatch, store, "figure", id=fact_id, lang="en") == expected


def test_a_database_named_in_secrets_toml_is_read_without_any_setting(smaller_package, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.kernel.i18n import t
    from dashboard.publish import publish
    from tests.conftest import APP

    url = f"duckdb:///{tmp_path / 'secret.duckdb'}"
    publish(smaller_package, url)
    monkeypatch.delenv("QINGLIAN_STORE", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["connections"] = {"qinglian": {"url": url}}  # as .streamlit/secrets.toml would hold it
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    holdings = t("overview.holdings", "en", facts=len(DATA.facts) - 1, events=len(DATA.events), sources=len(DATA.sources))
    assert holdings in [c.value for c in at.caption]
