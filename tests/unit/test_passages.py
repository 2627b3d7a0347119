"""The labelled passages of #26 (tests/passages) keep their own rules: short verbatim excerpts, rows whose
every field is one the package knows, quotes that hold their figure, and a test split of the agreed size.

Each check names the file, the line and the key, so a bad label is found without reading the whole file."""
import csv
import datetime as dt
import json
import re

import pytest

from tests.conftest import PACKAGE, ROOT

HERE = ROOT / "tests" / "passages"
SPLITS = ("dev.jsonl", "test.jsonl")
PASSAGE_KEYS = {"id", "province", "url", "title", "publisher", "published", "region", "script", "text", "rows"}
OPTIONAL_KEYS = {"original_publisher"}
ROW_KEYS = {"figure", "locator", "value", "qualifier", "unit", "unit_word", "indicator", "region",
            "period_start", "period_end", "part_of_total"}
# The extractor's engineer adds at_most (不超过, 最多, 以内) to the schema; the labels may use it already.
EXTRA_QUALIFIERS = {"at_most"}
CODE = re.compile(r"^\d{6}$")
MAX_TEXT, MAX_LOCATOR = 300, 30
MIN_PASSAGES, MIN_PROVINCES = 60, 12
TEST_SHARE = (0.28, 0.40)


def _facts_enum(field: str) -> set[str]:
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    spec = next(f for f in facts["schema"]["fields"] if f["name"] == field)
    return set(spec["constraints"]["enum"])


def _ids(name: str) -> set[str]:
    with open(ROOT / name, encoding="utf-8", newline="") as f:
        return {row["id"] for row in csv.DictReader(f)}


def _load() -> dict[str, list[tuple[int, dict]]]:
    """Every split as (line number, passage); a line that is not a JSON object fails here, named."""
    splits = {}
    for name in SPLITS:
        lines = (HERE / name).read_text(encoding="utf-8").splitlines()
        passages = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                passage = json.loads(line)
            except json.JSONDecodeError as error:
                pytest.fail(f"{name}:{number}: not JSON ({error})")
            assert isinstance(passage, dict), f"{name}:{number}: not a JSON object"
            passages.append((number, passage))
        splits[name] = passages
    return splits


SPLIT_PASSAGES = _load()
ALL = [(name, number, passage) for name, passages in SPLIT_PASSAGES.items() for number, passage in passages]


def _where(name: str, number: int, passage: dict) -> str:
    return f"{name}:{number} ({passage.get('id', '?')})"


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _rows():
    for name, number, passage in ALL:
        for index, row in enumerate(passage.get("rows", [])):
            yield f"{_where(name, number, passage)} row {index} {row.get('locator', '?')!r}", passage, row


def test_every_passage_has_the_agreed_keys_and_nothing_else():
    bad = []
    for name, number, passage in ALL:
        keys = set(passage)
        if PASSAGE_KEYS - keys or keys - PASSAGE_KEYS - OPTIONAL_KEYS:
            bad.append(f"{_where(name, number, passage)}: missing {sorted(PASSAGE_KEYS - keys)}, "
                       f"unknown {sorted(keys - PASSAGE_KEYS - OPTIONAL_KEYS)}")
        elif not isinstance(passage["rows"], list):
            bad.append(f"{_where(name, number, passage)}: rows is not a list")
    assert not bad, "\n".join(bad)


def test_ids_are_unique_across_both_splits():
    seen, bad = {}, []
    for name, number, passage in ALL:
        if passage.get("id") in seen:
            bad.append(f"{_where(name, number, passage)}: id also at {seen[passage['id']]}")
        seen.setdefault(passage.get("id"), f"{name}:{number}")
    assert not bad, "\n".join(bad)


def test_texts_are_short_and_passages_say_where_and_when():
    bad = []
    for name, number, passage in ALL:
        where = _where(name, number, passage)
        text = passage.get("text", "")
        if not isinstance(text, str) or not text or len(text) > MAX_TEXT:
            bad.append(f"{where}: text has {len(text)} characters (1 to {MAX_TEXT})")
        if not str(passage.get("url", "")).startswith(("http://", "https://")):
            bad.append(f"{where}: url {passage.get('url')!r} is not an address")
        if not passage.get("publisher"):
            bad.append(f"{where}: publisher is empty")
        if _date(passage.get("published")) is None:
            bad.append(f"{where}: published {passage.get('published')!r} is not a YYYY-MM-DD date")
        if passage.get("script") not in ("simplified", "traditional"):
            bad.append(f"{where}: script {passage.get('script')!r}")
        for key in ("province", "region"):
            if not CODE.match(str(passage.get(key, ""))):
                bad.append(f"{where}: {key} {passage.get(key)!r} is not a 6-digit code")
        if CODE.match(str(passage.get("province", ""))) and not str(passage["province"]).endswith("0000"):
            bad.append(f"{where}: province {passage['province']} is not a province's code (..0000)")
    assert not bad, "\n".join(bad)


def test_every_row_has_the_agreed_keys():
    bad = [f"{where}: missing {sorted(ROW_KEYS - set(row))}, unknown {sorted(set(row) - ROW_KEYS)}"
           for where, _, row in _rows() if set(row) != ROW_KEYS]
    assert not bad, "\n".join(bad)


def test_locators_are_verbatim_unique_short_and_hold_their_figure():
    bad = []
    for where, passage, row in _rows():
        locator, figure, text = row.get("locator"), row.get("figure"), passage.get("text", "")
        if not isinstance(locator, str) or not locator:
            bad.append(f"{where}: no locator")
            continue
        if len(locator) > MAX_LOCATOR:
            bad.append(f"{where}: locator has {len(locator)} characters (at most {MAX_LOCATOR})")
        if text.count(locator) != 1:
            bad.append(f"{where}: locator found {text.count(locator)} times in the text (must be once)")
        if not isinstance(figure, str) or not figure or figure not in locator:
            bad.append(f"{where}: figure {figure!r} is not in the locator")
        if isinstance(figure, str) and figure == locator:
            bad.append(f"{where}: the locator is the bare figure; it must name what is counted")
    assert not bad, "\n".join(bad)


def test_row_values_come_from_the_package():
    qualifiers = _facts_enum("qualifier") | EXTRA_QUALIFIERS
    units = _facts_enum("unit")
    indicators = _ids("data/indicators.csv") | _ids("tests/passages/indicators_proposed.csv")
    bad = []
    for where, _, row in _rows():
        if row.get("qualifier") not in qualifiers:
            bad.append(f"{where}: qualifier {row.get('qualifier')!r} not in {sorted(qualifiers)}")
        if row.get("unit") not in units:
            bad.append(f"{where}: unit {row.get('unit')!r} not in datapackage.json's units")
        if row.get("indicator") is not None and row.get("indicator") not in indicators:
            bad.append(f"{where}: indicator {row.get('indicator')!r} is in neither data/indicators.csv "
                       "nor tests/passages/indicators_proposed.csv")
        value = row.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            bad.append(f"{where}: value {value!r} is not a non-negative number")
        if not isinstance(row.get("unit_word"), str) or not row.get("unit_word"):
            bad.append(f"{where}: unit_word is empty")
        if not isinstance(row.get("part_of_total"), bool):
            bad.append(f"{where}: part_of_total {row.get('part_of_total')!r} is not true or false")
    assert not bad, "\n".join(bad)


def test_row_areas_and_periods_are_codes_and_dates_in_order():
    bad = []
    for where, _, row in _rows():
        if not CODE.match(str(row.get("region", ""))):
            bad.append(f"{where}: region {row.get('region')!r} is not a 6-digit code")
        start, end = _date(row.get("period_start")), _date(row.get("period_end"))
        if start is None or end is None:
            bad.append(f"{where}: period {row.get('period_start')!r}..{row.get('period_end')!r} is not two dates")
        elif end < start:
            bad.append(f"{where}: period ends {end} before it starts {start}")
    assert not bad, "\n".join(bad)


def test_enough_passages_from_enough_provinces():
    provinces = {passage.get("province") for _, _, passage in ALL} - {"100000"}
    assert len(ALL) >= MIN_PASSAGES, f"{len(ALL)} passages, at least {MIN_PASSAGES} wanted"
    assert len(provinces) >= MIN_PROVINCES, f"{len(provinces)} provinces {sorted(provinces)}, at least {MIN_PROVINCES}"


def test_no_excerpt_is_in_both_splits():
    """The test split is passages nothing was tuned on: an excerpt of the same lines of an article in the
    development split (the same figure quoted the same way) would let tuning reach it. Two excerpts of one
    article, or two monthly releases with the same wording around other figures, are allowed."""
    dev = {(row["locator"], str(row["value"])): passage["id"]
           for _, passage in SPLIT_PASSAGES["dev.jsonl"] for row in passage.get("rows", [])}
    both = sorted({(passage["id"], dev[key]) for _, passage in SPLIT_PASSAGES["test.jsonl"]
                   for key in [(row["locator"], str(row["value"])) for row in passage.get("rows", [])] if key in dev})
    assert not both, f"the same figure, quoted the same way, in a test and a development passage: {both}"


def test_the_test_split_is_about_a_third():
    share = len(SPLIT_PASSAGES["test.jsonl"]) / max(1, len(ALL))
    low, high = TEST_SHARE
    assert low <= share <= high, f"test split holds {share:.0%} of the passages ({low:.0%} to {high:.0%} wanted)"
