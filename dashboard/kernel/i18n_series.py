"""The words of the national series and the comparisons (#28), merged into `i18n.TEXT`: (中文, English)."""

SERIES_TEXT: dict[str, tuple[str, str]] = {
    "cmp.heading": ("与所在省、全国对照", "Beside the province and the country"),
    "cmp.help": ("只有同一指标、同一时期的数字才并列比较,并按第七次人口普查常住人口折算为每10万人;时期不同的只说明,不比较。",
                 "Figures are set side by side only for the same measure and the same period, also per 100,000 residents "
                 "(census population); where the periods differ, that is said and nothing is compared."),
    "cmp.same": ("{label}({period}):{place}{value},每10万常住人口 {rate};{other}{other_value},每10万常住人口 {other_rate}。",
                 "{label} ({period}): {place} {value}, per 100,000 residents {rate}; {other} {other_value}, per 100,000 residents {other_rate}."),
    "cmp.differs": ("{label}:{place}公布的是{period}({value}),{other}最接近的是{other_period}({other_value})。时期不同,不作比较。",
                    "{label}: {place} published {value} for {period}; {other}'s nearest published figure is {other_value} for {other_period}. "
                    "The periods differ, so they are not compared."),
    "figure.per_100k": ("每10万常住人口", "Per 100,000 residents"),
    "figure.per_100k_text": ("{value} ÷ {population} × 100,000 ≈ {rate}(常住人口取{census}年人口普查,来源 {source};普查时点不是本数字的时期)",
                             "{value} ÷ {population} × 100,000 ≈ {rate} (resident population from the {census} census, source {source}; "
                             "the census date is not this figure's period)"),
    "enf.national_years": ("全国纪检监察机关:{metric}(全年)", "Discipline organs nationwide: {metric} (full years)"),
    "overview.national_heading": ("全国背景:最近一年与上一公布年份", "National context: the latest year beside the one before"),
    "overview.national_change": ("{label}:{year}年{value},{previous_year}年{previous},变化{change}({pct})。",
                                 "{label}: {value} in {year}, {previous} in {previous_year}; change {change} ({pct})."),
    "overview.national_gap": ("{previous_year}年与{year}年之间的年份未公布,故与{previous_year}年相比。",
                              "The years between {previous_year} and {year} were not reported, so {year} is set beside {previous_year}."),
    # A series read from many reprints names two under its chart (labels.source_line); the notes list every one.
    "sources_more": ("{named}等{n}个出处(见「出处与原文」)", "{named} and {more} more (see “Sources and quotes”)"),
    # An area whose figures are all of other periods than the one an area chart compares (charts.compared_period).
    "other_periods": ("仅有其他时期的数字", "other periods only"),
}
