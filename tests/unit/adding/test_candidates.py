"""The extractor: candidate rows, and every source text it can reach (numbers and periods in Chinese prose:
test_numerals.py, test_periods.py).

Texts of bulletins are not ours to copy into the repository. The seed sits in ../shared/sources;
other retrieved texts are found in the folders named by QINGLIAN_SOURCE_TEXTS (separated by ':'),
each matched to its source by the SHA-256 in data/sources.csv. A source whose text is not found
is skipped with that reason.
"""
import json
import os
import string
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.adding.candidates import MAX_LOCATOR, Vocabulary, candidates, text_sha256
from dashboard.adding.documents import Budget, DocumentError, read_document
from dashboard.adding.numerals import mentions
from deploy.crafted_pdf import dense_figures
from tests.conftest import PACKAGE, ROOT, SEED

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)
KEY = ["indicator", "region", "sector", "period_start", "period_end", "value", "qualifier", "unit"]


def test_candidates_name_indicator_area_period_and_why():
    text = ("舟山市纪委监委通报\n2019年,全市纪检监察机关共处置问题线索1,024件,立案312件。定海区立案58件,处分四十九人。"
            "\n普陀区立案40件。")
    rows = candidates(text, VOCABULARY, date(2020, 1, 20))
    got = {tuple(r) for r in rows[KEY].itertuples(index=False)}
    assert ("clues_handled", "330900", "", "2019-01-01", "2019-12-31", "1024", "exact", "case") in got
    assert ("cases_filed", "330900", "", "2019-01-01", "2019-12-31", "312", "exact", "case") in got
    # A new sentence with no period of its own: the period phrase before it governs it, with the area it names.
    assert ("cases_filed", "330902", "", "2019-01-01", "2019-12-31", "58", "exact", "case") in got
    assert ("people_disciplined", "330902", "", "2019-01-01", "2019-12-31", "49", "exact", "person") in got
    # A new paragraph with none: as of the bulletin's date.
    assert ("cases_filed", "330903", "", "2020-01-20", "2020-01-20", "40", "exact", "case") in got
    said = [json.loads(why) for why in rows["why"]]  # the record of what was matched, for /add to word
    assert all(why["period"]["how"] in ("stated", "bulletin_date") for why in said)
    assert {why["area"]["how"] for why in said} == {"heading", "named"}


def test_a_period_that_counts_months_is_no_figure_and_governs_what_follows():
    text = "今年以来,西安市整治扶贫领域问题,前5个月,全市共查处违纪问题36件,移送司法机关3人。"
    rows = candidates(text, VOCABULARY, date(2016, 6, 4), "610100")
    assert list(rows["value"]) == ["36", "3"]  # 5 counts no months
    assert set(zip(rows["period_start"], rows["period_end"])) == {("2016-01-01", "2016-05-31")}


def test_个_before_a_noun_of_its_own_is_not_what_the_个_before_counted():
    rows = candidates("2019年,全市17个部门参与改革,74个审批事项表单减少。", VOCABULARY, date(2019, 11, 7), "370100")
    assert list(zip(rows["value"], rows["unit"])) == [("17", "unit"), ("74", "item")]


def test_why_records_where_the_figure_is_in_the_text():
    """`at` is the figure's span (qualifier and unit included): benchmarks.extraction_quality matches rows by it."""
    text = "舟山市纪委监委通报\n2019年,全市立案312件,处分约200人。"
    rows = candidates(text, VOCABULARY, date(2020, 1, 20))
    spans = [json.loads(why)["at"] for why in rows["why"]]
    assert [text[start:end] for start, end in spans] == ["312件", "约200人"]


def test_a_period_governs_the_sentences_after_it_and_a_comparison_never_moves_it():
    text = ("2021年上半年,舟山市纪检监察机关立案312件。其中,处分四十九人;比去年同期增长8%;"
            "移送司法机关17人。截至3月9日,定海区立案58件。")
    rows = candidates(text, VOCABULARY, date(2021, 7, 20))
    periods = dict(zip(rows["value"], zip(rows["period_start"], rows["period_end"])))
    half = ("2021-01-01", "2021-06-30")
    assert periods["312"] == periods["49"] == periods["17"] == half
    assert periods["58"] == ("2021-03-09", "2021-03-09")
    assert json.loads(rows["why"].iloc[-1])["period"] == {"how": "stated", "words": "截至3月9日"}


def test_a_paragraph_that_goes_on_with_a_breakdown_or_其中_keeps_the_period_before_it():
    text = "2021年上半年,全市立案312件。\n从问题类型看,违规吃喝12件。\n其中,县处级干部3人。\n全县处分9人。"
    rows = candidates(text, VOCABULARY, date(2021, 7, 20), "330900")
    periods = dict(zip(rows["value"], zip(rows["period_start"], rows["period_end"])))
    assert periods["312"] == periods["12"] == periods["3"] == ("2021-01-01", "2021-06-30")
    assert periods["9"] == ("2021-07-20", "2021-07-20")  # a new paragraph of its own: the bulletin's date


@pytest.mark.parametrize("text, indicator, value, part", [
    ("全市运用“四种形态”批评教育帮助和处理共1005人次。", "four_forms_total", "1005", "false"),
    ("运用“四种形态”处理共1005人次。其中,运用第一种形态批评教育帮助663人次,占66%;运用第二种形态处理262人次。",
     "four_forms_second", "262", "true"),
    ("谈话函询5335件次,立案312件。", "talks_inquiries", "5335", "false"),
    ("移送司法机关298人。", "people_transferred_prosecution", "298", "false"),
    ("设立了541个村(社)监察工作联络站,并为27名监察联络员发放了聘书。", "supervision_liaison_staff", "27", "false"),
    ("查处违反中央八项规定精神问题7799起,给予党纪政务处分7752人。", "eight_point_people_disciplined", "7752", "true"),
    ("该市12个区县监委全部挂牌。", "counties", "12", "false"),
    ("全省共有县(市、区)90个。", "counties", "90", "false"),
    ("全县立案35起。", "cases_filed", "35", "false"),
    ("违反中央八项规定精神问题逐年减少;今年,全省查处问题数量为348起。", "eight_point_cases", "348", "false"),
    ("采取留置措施31人,移送审查起诉28人。", "detention_people", "31", "false"),
    ("采取留置措施31人,移送审查起诉28人。", "people_transferred_prosecution", "28", "false"),
    ("全县处分20人,其中党纪处分15名。", "party_discipline_people", "15", "true"),
    ("选任30名村(社区)监察联络员。", "supervision_liaison_staff", "30", "false"),
    ("今年以来被处分者有1.2万人,其中政务处分3000人。", "people_disciplined", "12000", "false"),
    ("今年以来被处分者有1.2万人,其中政务处分3000人。", "", "3000", "true"),
    # the context word in an earlier clause of the sentence: the same words with it win over the bare ones
    ("查处违反中央八项规定精神问题7799起;今年1-9月,处理80人,给予党纪政纪处分52人。", "eight_point_people_disciplined", "52",
     "true"),
    # wordings of many bulletins (the search tool's stored pages), not only of the labelled passages
    ("该县运用监督执纪“四种形态”处理654人次。其中,第一种形态368人次,占56.3%。", "four_forms_total", "654", "false"),
    ("全省运用“四种形态”批评教育和处理51044人次。", "four_forms_total", "51044", "false"),
    ("其中,运用第一种形态(经常性批评教育、约谈函询)处理68.8万人次,占50%;运用第二种形态(党纪轻处分与组织调整)处理55.6万人次。",
     "four_forms_first", "688000", "true"),
    ("整个2月份,全省共查处了219件违反中央八项规定精神问题,处理295人。", "eight_point_cases", "219", "false"),
    ("全国查处违反中央八项规定精神问题51600起,处理67679人,给予18365人党政纪处分。", "eight_point_people_disciplined", "18365", "true"),
    ("今年4月全国查处违反中央八项规定精神问题3514起,处理5023人,给予党政纪处分3476人。", "eight_point_people_disciplined", "3476", "true"),
    ("立案1.72万件;给予党纪政纪处分11273人;移送司法机关处理5698人。", "people_transferred_prosecution", "5698", "false"),
    ("全区开展谈话函询69件(次)。", "talks_inquiries", "69", "false"),
    ("全县立案查处违纪案件的12件。", "", "12", "false"),
    ("全县立案查处12件。", "cases_filed", "12", "false"),
    ("全县设立12个派出监察办公室。", "supervision_offices", "12", "false"),
    ("全县21个乡镇、街道派出监察办公室全部挂牌成立。", "supervision_offices", "21", "false"),  # the offices, by convention
    ("区监委分别向全区21个镇(街)派出了监察办公室,516名村(社)监察联络员也已全部就位。", "supervision_offices", "21", "false"),
    ("区监委分别向全区21个镇(街)派出了监察办公室,516名村(社)监察联络员也已全部就位。", "supervision_liaison_staff", "516",
     "false"),
    ("华池县111名驻村监察联络员全面上岗。", "supervision_liaison_staff", "111", "false"),
    # a filler word between the phrasing's words and the figure (共, 达, 有, 共计)
    ("全国纪检监察机关收到的信访举报共314.4万件次。", "petitions_received", "3144000", "false"),
    ("全县立案共56件,处分达40人。", "people_disciplined", "40", "false"),
    # the figure before the words that name what happened to them
    ("全县对12人采取留置措施,9人被移送检察机关。", "detention_people", "12", "false"),
    ("全县对12人采取留置措施,9人被移送检察机关。", "people_transferred_prosecution", "9", "false"),
    ("查处违反中央八项规定精神问题56起,80人受到处理,52人受到党纪政务处分。", "eight_point_people_disciplined", "52", "true"),
    ("全县立案56件,52人受到党纪政务处分。", "people_disciplined", "52", "false"),
    # 机关 alone is every bulletin's 纪检监察机关: the organs' phrasings want 市直机关
    ("全市纪检监察机关查处作风问题4512个。", "", "4512", "false")])
def test_phrasings_of_the_labelled_passages_indicators(text, indicator, value, part):
    rows = candidates(text, VOCABULARY, date(2023, 4, 28), "330900").set_index("value")
    assert (rows.loc[value, "indicator"], rows.loc[value, "part_of_total"]) == (indicator, part)


def test_a_figure_no_phrasing_knows_is_proposed_with_the_indicator_left_blank():
    rows = candidates("舟山市今年开展专项检查37次。", VOCABULARY, date(2020, 5, 1))
    # medium: no indicator's words, so blank is decided, but 舟山市 stands in the heading, not given
    assert rows[["indicator", "value", "confidence"]].values.tolist() == [["", "37", "medium"]]
    assert json.loads(rows["why"].iloc[0])["phrase"] == ""


def test_before_and_after_of_a_from_to_pair():
    rows = candidates("舟山市工业项目测绘时间从原来9天减少到4天。", VOCABULARY, date(2019, 10, 24))
    assert rows[["indicator", "value"]].values.tolist() == [["surveying_time_before", "9"], ["surveying_time_after", "4"]]
    assert [json.loads(why)["stage"] for why in rows["why"]] == ["before", "after"]


def test_candidate_ids_never_repeat_the_packages():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else "截至目前,4个县(区)共设立派出监察办公室39个"
    rows = candidates(text, VOCABULARY, date(2018, 12, 23))
    assert not set(rows["fact_id"]) & VOCABULARY.fact_ids
    assert rows["fact_id"].is_unique


# ---- every source text the tests can reach: extraction gives back the package's rows ----

def _text_folders() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("QINGLIAN_SOURCE_TEXTS", "").split(":") if p]
    return [SEED.parent, *extra]


def _texts_by_hash() -> dict[str, str]:
    found = {}
    for folder in _text_folders():
        for file in sorted(folder.glob("*")) if folder.is_dir() else []:
            if file.suffix.lower() in {".txt", ".html", ".htm", ".docx", ".pdf"}:
                text = read_document(file.name, file.read_bytes())
                found[text_sha256(text)] = text
    return found


SOURCES = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
FACTS = pd.read_csv(ROOT / "data" / "facts.csv", dtype=str, keep_default_na=False)
WITH_TEXT = SOURCES[SOURCES["text_sha256"] != ""]


def test_the_seed_has_a_retrieval_record():
    seed = SOURCES.set_index("id").loc["zs-2018-qinglian"]
    assert seed["text_sha256"] and seed["retrieved"] and seed["date"] == "2018-12-23"
    if SEED.exists():
        assert text_sha256(read_document(SEED.name, SEED.read_bytes())) == seed["text_sha256"]


@pytest.mark.parametrize("source", WITH_TEXT["id"].tolist())
def test_extraction_gives_back_every_figure_of_a_source_whose_text_is_reachable(source):
    record = WITH_TEXT.set_index("id").loc[source]
    text = _texts_by_hash().get(record["text_sha256"])
    if text is None:
        pytest.skip(f"the text of {source} (sha256 {record['text_sha256'][:12]}…) is not beside this clone")
    region = record["extracted_with"].removeprefix("--region ") or None  # how the rows were made from it
    rows = candidates(text, VOCABULARY, date.fromisoformat(record["date"]) if record["date"] else None, region,
                      source=source)
    got = {tuple(r) for r in rows[KEY].itertuples(index=False)}
    expected = FACTS[FACTS["source"] == source].copy()
    expected["value"] = [f"{float(v):.15g}" for v in expected["value"]]  # as candidates write it
    missing = [tuple(r) for r in expected[KEY].itertuples(index=False) if tuple(r) not in got]
    assert not missing, missing
    for locator in FACTS.loc[FACTS["source"] == source, "locator"]:
        assert locator in text, locator
    if source == "zs-2018-qinglian":  # /add's "accept all high" has the seed's sure rows to accept
        assert (rows["confidence"] == "high").any()


# ---- no candidate ever quotes what its input does not say ----

CHINESE = "舟山市定海区普陀岱山嵊泗全市今年以来截至目前立案处分人件起名个家批次问题线索处置查处违反中央八项规定精神" \
          "约近多余左右不到以内以上超过万亿百千十九八七六五四三二一两半小时个月工作日倍%,。;、“”《》第年月日号从至压缩为"
ALPHABET = st.sampled_from(list(CHINESE) + list(string.digits) + list(".,-—\n "))


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=ALPHABET, max_size=300), day=st.dates(date(2010, 1, 1), date(2030, 12, 31)))
def test_every_locator_is_verbatim_in_the_input(text, day):
    rows = candidates(text, VOCABULARY, day)
    for locator in rows["locator"]:
        assert locator and locator in text and len(locator) <= MAX_LOCATOR
    for mention in mentions(text):
        assert text[mention.number_start:mention.number_end] in text[mention.start:mention.end]


@pytest.mark.parametrize("sentence_end", ["。", "\n", ""])
def test_the_page_limit_of_dense_figures_is_extracted_in_linear_time(sentence_end):
    """200,000 characters (the page's limit) of dense figures, also on one line with no full stop: each
    figure finds its sentence, clause, period and area without rescanning the text. In quadratic time
    this took minutes (20,000 characters 3.4 s, issue #31); linear, it takes about 2 s on the project's
    machine (figures: benchmarks/extraction.py). The bound is generous on purpose: not a speed figure."""
    import time
    text = dense_figures(200_000, sentence_end)
    started = time.perf_counter()
    rows = candidates(text, VOCABULARY, date(2020, 1, 20))
    assert time.perf_counter() - started < 20
    assert len(rows) > 15_000
    # Spot-check that the cut sentences still carry period, area and indicator to every figure.
    last = rows[rows["locator"].str.contains("立案")].iloc[-1]
    assert last["region"] == "330902" and last["period_start"] == "2020-01-01" and last["indicator"] == "cases_filed"


def test_extraction_stops_with_a_sentence_when_its_budget_is_spent():
    with pytest.raises(DocumentError) as refused:
        candidates(dense_figures(50_000, "。"), VOCABULARY, date(2020, 1, 20), budget=Budget(0))
    assert "was stopped" in refused.value.en and "已停止" in refused.value.zh


def test_a_candidates_note_is_written_in_both_languages_and_each_half_reads_alone():
    """'原文2.5万件;截至报道日 / As published: '2.5万件'; as of report date': the package's form, so the
    row's note reads in the page's language once it is in the package (labels.in_language)."""
    from dashboard.reading.labels import in_language

    rows = candidates("舟山市纪委监委\n截至目前,全市共立案2.5万件。", VOCABULARY, date(2020, 1, 20))
    note = rows.loc[rows["value"] == "25000", "note"].iloc[0]
    assert in_language(note, "zh") == "原文2.5万件;截至报道日"
    assert in_language(note, "en") == "As published: '2.5万件'; as of report date"


def test_a_candidate_keeps_the_measure_word_its_text_used():
    """「查处问题54起」 is shown as 54起, as published, not as the unit's usual 54件."""
    rows = candidates("舟山市纪委监委\n今年以来,全市查处违反中央八项规定精神问题54起,立案257件。", VOCABULARY, date(2018, 12, 23))
    words = dict(zip(rows["value"], rows["unit_word"]))
    assert words["54"] == "起" and words["257"] == ""


def test_a_whole_city_named_just_before_in_the_sentence_is_that_city_by_name():
    # 「舟山市2019年,全市纪检监察机关…」: 全市 is 舟山市, which the sentence names, so the area is as sure as a name.
    from dashboard.adding.review import extract
    from tests.conftest import PACKAGE

    rows = extract("舟山市纪委监委\n舟山市2019年,全市纪检监察机关立案312件。", PACKAGE, date(2020, 1, 20), None, "x")
    assert rows["region"].tolist() == ["330900"]
    assert json.loads(rows["why"].iloc[0])["area"] == {"how": "named", "name": "舟山市"}


def test_values_keep_every_digit_as_published():
    rows = candidates("2011年查处违纪金额39198.28万元,受理270.3万件,处分1234567人。", VOCABULARY, date(2012, 1, 5), "330900")
    assert rows["value"].tolist() == ["39198.28", "2703000", "1234567"]


def test_个_with_no_noun_to_tell_counts_what_the_个_before_it_in_its_paragraph_counted():
    rows = candidates("全省发现问题线索50个。\n其中,甲地最多,达到20个,其次乙地15个。\n另有整改措施8个。", VOCABULARY,
                      date(2020, 5, 1), "330900")
    units = dict(zip(rows["value"], rows["unit"]))
    assert units["50"] == units["20"] == units["15"] == "case"
    assert units["8"] == "item"  # a paragraph of its own: nothing said before it


def test_a_part_with_a_shorter_period_of_its_own_is_no_part_and_a_traditional_報導指_goes_on_with_the_report():
    text = "2015年全国查处违反中央八项规定精神问题36911起。其中仅12月一个月内,就查处问题4785起。"
    rows = candidates(text, VOCABULARY, date(2016, 1, 12), "100000").set_index("value")
    assert (rows.loc["4785", "indicator"], rows.loc["4785", "part_of_total"]) == ("eight_point_cases", "false")
    text = "今年一月至九月十六日,中紀委網站已通報查處官員525名。\n報導指,其中有88人被立案調查。"
    rows = candidates(text, VOCABULARY, date(2014, 9, 19), "100000").set_index("value")
    assert (rows.loc["88", "period_start"], rows.loc["88", "period_end"]) == ("2014-01-01", "2014-09-16")


@pytest.mark.parametrize("text, values", [
    ("2020年,全省运用第一、二、三、四种形态分别处理45460人次、23134人次、3070人次、2737人次。", ["45460", "23134", "3070", "2737"]),
    ("2017年,该市运用“四种形态”处置的人员中,第一至第四种形态分别有10021人、2623人、703人、338人。", ["10021", "2623", "703", "338"]),
    ("2017年,第一、第二、第三、第四种形态分别为100人次、20人次、3人次、1人次。", ["100", "20", "3", "1"])])
def test_figures_listed_after_an_enumeration_and_分别_count_the_things_named_in_turn(text, values):
    rows = candidates(text, VOCABULARY, date(2021, 1, 20), "420000").set_index("value")
    forms = ["four_forms_first", "four_forms_second", "four_forms_third", "four_forms_fourth"]
    assert [rows.loc[v, "indicator"] for v in values] == forms
    assert set(rows.loc[values, "part_of_total"]) == {"true"}


def test_supervisors_offices_and_the_townships_they_are_sent_to_count_supervision_offices():
    """tests/passages/README.md: 监察员办公室 are supervision offices; 向N个乡镇派出的乡镇监察室 counts the offices."""
    for text, figure in (("截至目前,全市基层16个监察员办公室共立案59件。", "16个"),
                         ("近日,固安县监委向全县9个乡镇派出的乡镇监察室全部挂牌成立。", "9个")):
        rows = candidates(text, VOCABULARY, date(2019, 8, 28), "320400")
        row = rows[rows["why"].map(lambda w: json.loads(w)["figure"]) == figure].iloc[0]
        assert (row["unit"], row["indicator"]) == ("office", "supervision_offices")


def test_people_found_under_the_eight_point_rules_are_eight_point_people_handled():
    """ha-2015-m8-8p: 查处违反中央八项规定精神问题251起,查处338人 (#26)."""
    rows = candidates("8月份,河南省共查处违反中央八项规定精神问题251起,查处338人。", VOCABULARY, date(2015, 9, 10), "410000")
    row = rows[rows["locator"].str.contains("338")].iloc[0]
    assert row["indicator"] == "eight_point_people_handled"


def test_我市_in_the_sentence_keeps_the_bulletins_own_area_over_a_city_above_it():
    """zj-cx-2022-08-private-firms: 宁波市公布了名单,…我市…等3家企业列榜单 in a 慈溪 (330282) bulletin (#26)."""
    text = "日前,宁波市公布了名单,共有19家企业上榜,我市新海科技集团有限公司、宁波耀华电气科技有限公司等3家企业列榜单。"
    rows = candidates(text, VOCABULARY, date(2022, 8, 8), "330282")
    assert rows[rows["locator"].str.contains("3家")].iloc[0]["region"] == "330282"
    assert rows[rows["locator"].str.contains("19家")].iloc[0]["region"] == "330200"


@pytest.mark.parametrize("text, region, figures", [
    ("2015年,山西省各级纪检监察机关共立案侦查乡科级及以下干部案件19756件,结案19661件,处分21307人,移送司法机关655人。",
     "140000", ("19756", "19661", "21307", "655")),
    ("截至目前,全市基层16个监察员办公室共立案59件,处分22人。", "320400", ("59", "22")),
])
def test_a_total_restricted_to_a_level_or_to_some_organs_is_a_part_with_no_indicator(text, region, figures):
    """tests/passages/README.md: a subset of organs (基层16个监察员办公室共立案59件) or ranks (乡科级及以下) is a part (#26)."""
    rows = candidates(text, VOCABULARY, date(2019, 8, 28), region)
    for figure in figures:
        row = rows[rows["locator"].str.contains(figure)].iloc[0]
        assert (row["part_of_total"], row["indicator"]) == ("true", ""), figure
    assert rows[rows["locator"].str.contains("16")].iloc[0]["part_of_total"] == "false" if "16" in text else True
