"""Hostile links: every page, opened with arbitrary query parameters, shows a valid view and no error.

Hypothesis draws the parameters: any text (control, bidi and CJK characters included), numbers,
the real labels, very long values, markup, and repeated keys. Streamlit keeps the *last* value of
a repeated key, and so does the notice logic. The run is derandomized, so CI tries the same
inputs every time; `QINGLIAN_HOSTILE_EXAMPLES=300` tries more on a one-off deep run.
"""
import os
import unicodedata
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.runtime.state.query_params import sanitize_query_string
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import DEFAULT_LANG, LANG_LABELS, t
from dashboard.reading.controls import metric_labels, region_labels
from dashboard.reading.registry import BY_NAME, REPORTS
from dashboard.reading.url_state import DEFAULT_REGION
from tests.cards import cards
from tests.conftest import bundled

DATA = bundled()
REGIONS = region_labels(DATA)
PAGES = [page.name for page in REPORTS]
TITLES = {page: "app.title" if page == "overview" else f"page.{page}" for page in PAGES}
EXAMPLES = int(os.environ.get("QINGLIAN_HOSTILE_EXAMPLES", "12"))

IMG = "<img src=x onerror=alert(1)>"
NASTY = [IMG, "<script>alert(1)</script>", "javascript:alert(1)", "`**bold**`", "[link](https://example.com)",
         "a\n\n# heading\n\n[click](https://example.com)", "\x00", "\u202egnp.exe", "../../etc/passwd", "%00%2e%2e",
         "' OR 1=1 --", "{{7*7}}", "${jndi:ldap://x}", "NaN", "-0", "1e400", "🙂" * 50, "\ud7ff\ufeff\u200b", " "]
METRICS = {topic: metric_labels(DATA, topic) for topic in ("enforcement", "supervision", "approvals", "sectors")}
# Codes (what links hold now) and labels (what old links held): both open their view.
ALL_VALUES = [*LANG_LABELS, *LANG_LABELS.values(), *REGIONS, *REGIONS.values(),
              *[value for labels in METRICS.values() for item in labels.items() for value in item]]

one_value = st.one_of(
    st.text(max_size=60),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(ALL_VALUES),  # real codes and labels, also on the wrong key: fallbacks are not all we test
    st.sampled_from(NASTY),
    st.builds(lambda char, n: char * n, st.characters(), st.integers(1_000, 100_000)),  # very long values
)
param_value = st.one_of(one_value, st.lists(one_value, min_size=2, max_size=4))  # a list = a repeated key
query = st.dictionaries(st.sampled_from(["lang", "region", "metric", "sector", "sector_organs", "period", "utm_source",
                                         "embed_options"]),
                        param_value, max_size=4)


def last(value):
    return value[-1] if isinstance(value, list) else value


def expected_view(page: str, params: dict) -> tuple[str, str, str | None]:
    """(language, region code, metric id) the link should open: its last value if valid, else the default."""
    if not sanitize_query_string(urlencode(params, doseq=True)):
        params = {}  # over 512 Ki characters or 1000 fields, Streamlit ignores the whole query string
    lang = known(LANG_LABELS).get(last(params.get("lang")), DEFAULT_LANG)
    region = known(REGIONS).get(last(params.get("region")), DEFAULT_REGION)
    topic = BY_NAME[page].topic
    metric = None
    if topic:
        metrics = known(METRICS[topic])
        metric = metrics.get(last(params.get("metric")), next(iter(METRICS[topic])))
    return lang, region, metric


def known(labels: dict[str, str]) -> dict[str, str]:
    """Every value a link may hold for one control, code or old label, mapped to the code."""
    return {**{code: code for code in labels}, **{label: code for code, label in labels.items()}}


def check_valid_view(at: AppTest, page: str, params: dict) -> None:
    assert not at.exception, [e.value for e in at.exception]
    lang, region, metric = expected_view(page, params)
    assert at.title and at.title[0].value == t(TITLES[page], lang)
    assert at.session_state["region"] == region
    if metric is not None:
        assert at.session_state["metric"] == metric
    said_not_reported = any(t("not_reported", lang) in i.value for i in at.info)
    assert at.get("plotly_chart") or cards(at) or said_not_reported


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(params=query)
@example(params={"lang": ["English", IMG], "region": ["x", REGIONS["330902"]], "metric": "m" * 100_000})
@example(params={"lang": "English", "region": IMG, "metric": "<script>alert(1)</script>"})
@example(params={"region": "\x00\u202e" + "区" * 10_000, "lang": ["中文", "English"]})
@example(params={"region": ["x"] * 1_200, "lang": "English"})  # over Streamlit's 1000-field limit
def test_any_link_opens_a_valid_view(page, params, open_page):
    check_valid_view(open_page(page, **params), page, params)


@settings(max_examples=EXAMPLES * 2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(params=query)
@example(params={"region": "a\n\n# heading\n\n[click](https://example.com)"})
@example(params={"region": "\u202eevil", "lang": IMG})
def test_a_bad_value_is_named_once_in_a_notice_that_stays_plain_text(params, open_page):
    """The overview runs once (AppTest keeps its notices): one notice per bad key, none for a good one."""
    at = open_page("overview", **params)
    check_valid_view(at, "overview", params)
    notices = [w.value for w in at.warning]
    if not sanitize_query_string(urlencode(params, doseq=True)):
        params = {}  # Streamlit ignored the whole query string: nothing to point out
    for key, valid in (("lang", known(LANG_LABELS)), ("region", known(REGIONS))):
        bad = key in params and last(params[key]) not in valid
        assert sum(f"{key}=`" in n for n in notices) == (1 if bad else 0), notices
    for notice in notices:  # the echoed value stays inside one code span: no line break, no bidi control
        echoed = notice.split("`")[1]
        assert notice.count("`") == 2
        assert not any(unicodedata.category(c) in {"Cc", "Cf"} for c in echoed), repr(echoed)

