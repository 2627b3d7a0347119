"""SYNTHETIC national-scale data package, made at run time for benchmarks and tests only.

Real GB/T 2260 structure (country 100000, the 31 provinces with their real codes, cities
PPCC00, counties PPCCXX) but invented cities, counties and figures: ~2,850 counties x 30
indicators x 12 quarters, about one million facts. County names are drawn from a small pool
on purpose, so names repeat across cities (as 鼓楼区 does in real life). Never written into
data/: `python -m benchmarks.national /tmp/qinglian-national` writes it where you say.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"
PROVINCES = [
    ("11", "北京市", "Beijing"), ("12", "天津市", "Tianjin"), ("13", "河北省", "Hebei"), ("14", "山西省", "Shanxi"),
    ("15", "内蒙古自治区", "Inner Mongolia"), ("21", "辽宁省", "Liaoning"), ("22", "吉林省", "Jilin"),
    ("23", "黑龙江省", "Heilongjiang"), ("31", "上海市", "Shanghai"), ("32", "江苏省", "Jiangsu"),
    ("33", "浙江省", "Zhejiang"), ("34", "安徽省", "Anhui"), ("35", "福建省", "Fujian"), ("36", "江西省", "Jiangxi"),
    ("37", "山东省", "Shandong"), ("41", "河南省", "Henan"), ("42", "湖北省", "Hubei"), ("43", "湖南省", "Hunan"),
    ("44", "广东省", "Guangdong"), ("45", "广西壮族自治区", "Guangxi"), ("46", "海南省", "Hainan"),
    ("50", "重庆市", "Chongqing"), ("51", "四川省", "Sichuan"), ("52", "贵州省", "Guizhou"), ("53", "云南省", "Yunnan"),
    ("54", "西藏自治区", "Tibet"), ("61", "陕西省", "Shaanxi"), ("62", "甘肃省", "Gansu"), ("63", "青海省", "Qinghai"),
    ("64", "宁夏回族自治区", "Ningxia"), ("65", "新疆维吾尔自治区", "Xinjiang"),
]
COUNTY_NAMES = [("鼓楼区", "Gulou District"), ("城关区", "Chengguan District"), ("新华区", "Xinhua District"),
                ("市中区", "Shizhong District"), ("城区", "Chengqu District"), ("郊区", "Jiaoqu District"),
                ("东区", "East District"), ("西区", "West District"), ("南山县", "Nanshan County")]
CITIES_PER_PROVINCE, COUNTIES_PER_CITY = 11, 8  # 31 x 11 x 8 = 2,728 + Zhoushan's 4 + extras ~ 2,850
QUARTERS = [(f"{y}-{m:02d}-01", end) for y in (2021, 2022, 2023) for m, end in
            ((1, f"{y}-03-31"), (4, f"{y}-06-30"), (7, f"{y}-09-30"), (10, f"{y}-12-31"))]
INDICATORS = 30
SOURCE = "synthetic-benchmark"


def regions() -> pd.DataFrame:
    rows = [("100000", "全国", "China", "country", "")]
    bundled = pd.read_csv(BUNDLED / "regions.csv", dtype=str, keep_default_na=False)
    for code, zh, en in PROVINCES:
        rows.append((f"{code}0000", zh, en, "province", "100000"))
        cities = CITIES_PER_PROVINCE + (3 if code in ("51", "44", "37") else 0)
        for c in range(1, cities + 1):
            city = f"{code}{c:02d}00"
            if city == "330900":  # the real Zhoushan and its four counties, the dashboard's default view
                rows += [tuple(r) for r in bundled[bundled["code"].str.startswith("3309")].itertuples(index=False)]
                continue
            rows.append((city, f"合成{zh[:2]}{c}市", f"Synthetic {en} City {c}", "city", f"{code}0000"))
            for k in range(1, COUNTIES_PER_CITY + 1):
                name_zh, name_en = COUNTY_NAMES[(c + k) % len(COUNTY_NAMES)] if k <= 3 else (f"合成{k}县", f"Synthetic County {k}")
                rows.append((f"{code}{c:02d}{k:02d}", name_zh, name_en, "county", city))
    return pd.DataFrame(rows, columns=["code", "name_zh", "name_en", "level", "parent"]).drop_duplicates("code")


def indicators_and_units() -> tuple[pd.DataFrame, dict[str, str]]:
    """The first 30 bundled indicators that have a published figure, with the unit it was published in."""
    facts = pd.read_csv(BUNDLED / "facts.csv", dtype=str, keep_default_na=False)
    units = facts.drop_duplicates("indicator").set_index("indicator")["unit"].to_dict()
    indicators = pd.read_csv(BUNDLED / "indicators.csv", dtype=str, keep_default_na=False)
    return indicators, {i: units[i] for i in indicators["id"] if i in units and "_before" not in i and "_after" not in i
                        }


def facts(regions_: pd.DataFrame, units: dict[str, str], seed: int = 6) -> pd.DataFrame:
    counties = regions_.loc[regions_["level"] == "county", "code"].to_numpy()
    chosen = list(units)[:INDICATORS]
    rng = np.random.default_rng(seed)
    region = np.repeat(counties, len(chosen) * len(QUARTERS))
    indicator = np.tile(np.repeat(chosen, len(QUARTERS)), len(counties))
    quarter = np.tile(np.arange(len(QUARTERS)), len(counties) * len(chosen))
    starts = np.array([s for s, _ in QUARTERS])[quarter]
    ends = np.array([e for _, e in QUARTERS])[quarter]
    unit = np.array([units[i] for i in chosen])[np.tile(np.repeat(np.arange(len(chosen)), len(QUARTERS)), len(counties))]
    value = rng.integers(1, 500, len(region)).astype(float)
    value[unit == "percent"] = rng.integers(50, 100, int((unit == "percent").sum()))
    ids = pd.Series(region).str.cat([pd.Series(indicator).str.replace("_", "-"), pd.Series(starts).str[:7]], sep="-")
    return pd.DataFrame({
        "fact_id": "syn-" + ids, "indicator": indicator, "region": region, "sector": "",
        "period_start": starts, "period_end": ends, "value": value.astype(int).astype(str), "qualifier": "exact",
        "unit": unit, "unit_word": "", "source": SOURCE, "locator": "合成数据 synthetic", "note": "SYNTHETIC benchmark figure, not real",
    })


def write(folder: Path) -> Path:
    folder = Path(folder)
    if folder.resolve().is_relative_to(BUNDLED.resolve()):
        raise SystemExit("refusing to write synthetic data into data/")
    folder.mkdir(parents=True, exist_ok=True)
    regions_ = regions()
    indicators, units = indicators_and_units()
    facts(regions_, units).to_csv(folder / "facts.csv", index=False)
    regions_.to_csv(folder / "regions.csv", index=False)
    indicators.to_csv(folder / "indicators.csv", index=False)
    shutil.copy(BUNDLED / "sectors.csv", folder / "sectors.csv")
    shutil.copy(BUNDLED / "phrasings.csv", folder / "phrasings.csv")
    shutil.copy(BUNDLED / "gazetteer.csv", folder / "gazetteer.csv")  # described in the bundled descriptor
    sources = pd.read_csv(BUNDLED / "sources.csv", dtype=str, keep_default_na=False).iloc[0:0]
    sources.loc[0] = {"id": SOURCE, "title": "SYNTHETIC national-scale benchmark data",
                      "title_en": "SYNTHETIC national-scale benchmark data", "publisher": "benchmarks/national.py",
                      "publisher_en": "benchmarks/national.py", "date": "", "url": "", "kind": "reference",
                      "note": "Invented figures for speed tests; not real statistics."}
    sources.to_csv(folder / "sources.csv", index=False)
    events = pd.read_csv(BUNDLED / "events.csv", dtype=str, keep_default_na=False).iloc[0:0]
    events.to_csv(folder / "events.csv", index=False)
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the tables this benchmark has no figures for (changes, …): empty
        if not (folder / resource["path"]).exists():
            pd.read_csv(BUNDLED / resource["path"], dtype=str, keep_default_na=False).iloc[0:0].to_csv(
                folder / resource["path"], index=False)
    descriptor |= {"name": "qinglian-synthetic-national", "title": "SYNTHETIC national-scale benchmark package",
                   "description": "Invented figures in the real GB/T 2260 structure, for benchmarks only."}
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder / "datapackage.json"


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qinglian-national")))
