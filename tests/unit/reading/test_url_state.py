"""The view ⇄ query string rules, without Streamlit: what a link opens, and what a view writes."""
from urllib.parse import parse_qs

from dashboard.reading.url_state import DEFAULT_REGION, View, chosen, params_to_write, view_from_params

CODES = {"lang": ("zh", "en"), "region": ("330900", "330902"), "metric": ("cases_filed", "clues_handled"),
         "period": ("month", "year"), "sector": ("schools", "hospitals")}


def test_a_link_opens_the_view_its_codes_name():
    view, bad = view_from_params({"lang": ["en"], "region": ["330902"], "metric": ["cases_filed"],
                                  "sector": ["schools", "hospitals"]}, CODES)
    assert view == View("en", "330902", "cases_filed", sectors=("schools", "hospitals"))
    assert bad == {}


def test_a_view_writes_codes_in_link_order_and_reads_back_the_same():
    view = View("en", "330902", "cases_filed", "year", ("schools",))
    assert view.query() == "lang=en&region=330902&metric=cases_filed&period=year&sector=schools"
    assert view_from_params(parse_qs(view.query()), CODES) == (view, {})


def test_unknown_values_fall_back_to_the_default_and_are_named_for_the_notice():
    view, bad = view_from_params({"region": ["<script>"], "lang": ["fr"], "sector": ["schools", "casinos"]}, CODES)
    assert (view.region, view.lang, view.sectors) == (DEFAULT_REGION, "zh", ("schools",))
    assert bad == {"region": "<script>", "lang": "fr", "sector": "casinos"}


def test_the_last_of_a_repeated_key_counts_and_old_labels_are_read_through_aliases():
    assert chosen(["330900", "330902"], CODES["region"]) == ("330902", None)
    assert chosen(["定海区 Dinghai District"], CODES["region"], {"定海区 Dinghai District": "330902"}) == ("330902", None)


def test_old_sector_links_open_their_sectors():
    view, _ = view_from_params({"sector_schools": ["true"], "sector_hospitals": ["false"]}, CODES)
    assert view.sectors == ("schools",)


def test_a_figure_page_keeps_its_figure_first_and_encoded():
    assert View("en", fact_id="a&b=c").query().startswith("id=a%26b%3Dc&lang=en")


def test_what_a_run_writes_names_every_key_of_ours_and_nothing_else():
    written = params_to_write({"lang": "en", "region": "330902", "sector": ["schools"], "other": "x"})
    assert written == {"lang": ["en"], "region": ["330902"], "metric": [], "period": [], "sector": ["schools"]}
