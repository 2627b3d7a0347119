"""Every label in both languages: one dictionary, one `t(key, lang)`; value and period wording."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.kernel.i18n_review import REVIEW_TEXT
from dashboard.kernel.i18n_editing import EDITING_TEXT
from dashboard.kernel.i18n_series import SERIES_TEXT

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
# Shown on the language switch and written into the URL by Streamlit's query binding.
LANG_LABELS = {"zh": "中文", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("清廉看板", "Qinglian Dashboard"),
    "app.tagline": ("把清廉建设通报中的数字整理成有出处、可筛选的数据。",
                    "Clean-government figures from official bulletins, each with its source."),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    "sidebar.region": ("地区", "District"),
    "sidebar.metric": ("指标", "Metric"),
    "sidebar.open": ("筛选地区与指标", "Filters"),
    "page.overview": ("概览", "Overview"),
    "page.enforcement": ("执纪审查", "Enforcement"),
    "page.supervision": ("派驻监察", "Supervision offices"),
    "page.approvals": ("审批提速", "Approval speed"),
    "page.sectors": ("清廉单元", "Sector adoption"),
    "page.data": ("数据与来源", "Data & sources"),
    "share": ("分享", "Share"),
    "share.help": ("复制此链接,对方打开即是当前视图(页面、地区、指标、语言)。",
                   "Copy this link: it reopens this exact view (page, district, metric, language)."),
    "share.embed": ("嵌入文章:把这段代码贴进网页,读者看到的就是当前视图。",
                    "Embed in an article: paste this code into a web page to show this view."),
    # Link previews in chat apps and the card to post (dashboard/reading/previews.py, share_images.py).
    "preview.general": ("清廉建设通报中的数字:每个都有出处与原文引语,可按地区查看、按链接分享。",
                        "Figures from clean-government bulletins, each with its source and verbatim quote, by district."),
    "preview.none": ("{place}:本页暂无已公布的数字。", "{place}: no figures reported on this page yet."),
    "preview.source": ("来源", "Source"),
    "preview.described": ("{indicator}:{value}({place_period})。原文:「{quote}」。来源:{source}",
                          "{indicator}: {value} ({place_period}). Quote: 「{quote}」. Source: {source}"),
    "card.download": ("下载卡片", "Download card"),
    "card.help": ("一张可发到朋友圈或微博的图片(1080×1350):数字、原文引语、出处和打开此视图的二维码。",
                  "An image to post (1080×1350): the figure, its quote, its source and a QR code that opens this view."),
    "card.scan": ("扫码打开此视图", "Scan to open this view"),
    "metric.section": ("按指标查看", "Explore a metric"),
    "metric.by_region": ("{metric}:各地区公布情况", "{metric}: what each area has published"),
    "metric.over_time": ("{metric}:历次公布", "{metric}: every published period"),
    "metric.none": ("本页暂无可选指标。", "No metric to choose on this page yet."),
    # A takeaway says what the page shows, never what the data found: findings change with the next
    # bulletin or another package, and live in the data (tests/unit/test_i18n.py checks it).
    "enf.takeaway": ("处置问题线索、立案、处分等执纪审查数字,按地区和指标查看,均为通报原文数字。",
                     "Enforcement figures (clues handled, cases filed, people disciplined) by area and metric, "
                     "exactly as the bulletins give them."),
    "enf.funnel": ("从线索到处分", "From clues to sanctions"),
    "enf.eight_point": ("违反中央八项规定精神问题", "Eight-point rule violations"),
    "enf.national": ("全国查处违反中央八项规定精神问题", "Eight-point rule violations nationwide"),
    "enf.period": ("时期", "Period"),
    "enf.national_heading": ("全国背景", "National context"),
    "col.original": ("原发布者(本页所读为转载或报道)", "Original publisher (the page read reprints or reports it)"),
    "sup.takeaway": ("向乡镇(街道)派出的监察办公室与监察干部:各地区公布了哪些数字,哪些未公布。",
                     "Supervision offices sent to townships and their cadres: what each area has published, and what it has not."),
    "sup.offices": ("派出监察办公室与监察干部", "Supervision offices and cadres"),
    "apr.takeaway": ("改革前后办事用时、审批提速倍数与覆盖率,均为公布原文数字。",
                     "Time taken before and after reform, speed-up factors and coverage rates, exactly as published."),
    "apr.before_after": ("改革前后用时", "Time taken, before and after"),
    "apr.rates": ("覆盖率", "Coverage rates"),
    "apr.factors": ("提速倍数", "Speed-up factors"),
    "sec.takeaway": ("各清廉单元(如机关、学校、企业)公布了哪些数字和进展。",
                     "What has been reported for each clean unit (organs, schools, enterprises and the others)."),
    "sec.milestones": ("进展", "Milestones"),
    "sec.figures": ("数字", "Figures"),
    "data.takeaway": ("本看板的全部数字、出处与原文引语,可筛选、可下载。",
                      "Every figure in this dashboard with its source and quote, to filter and download."),
    "data.table": ("所选地区的数字", "Figures for the selected area"),
    "data.coverage": ("公布情况一览", "What is and is not reported"),
    "data.sources": ("出处列表", "Sources"),
    "data.coverage_sources": ("本看板全部 {sources} 个出处,见下方出处列表",
                              "all {sources} sources of this dashboard, listed below"),
    "data.download_csv": ("下载所列数字 (CSV)", "Download these rows (CSV)"),
    "data.download_zip": ("下载完整数据包 (ZIP)", "Download the whole data package (ZIP)"),
    "col.indicator": ("指标", "Indicator"), "col.region": ("地区", "Area"), "col.value": ("数值", "Value"),
    "col.as_published": ("原文表述", "As published"), "col.period": ("时期", "Period"),
    "col.source": ("出处", "Source"), "col.locator": ("原文", "Quote"), "col.url": ("链接", "Link"),
    "col.title": ("标题", "Title"), "col.publisher": ("发布者", "Publisher"), "col.date": ("日期", "Date"),
    "col.note": ("说明", "Note"), "col.fact_id": ("编号", "ID"), "col.figure": ("数字页", "Figure page"),
    "col.definition": ("定义", "Definition"), "col.qualifier": ("原文限定", "As qualified"),
    "col.unit": ("单位", "Unit"), "col.sector": ("清廉单元", "Clean unit"),
    "qualifier.exact": ("确数", "exact"), "qualifier.approx": ("约数(约、左右、近)", "approximate (about)"),
    "qualifier.more_than": ("多于(多、余、超过)", "more than"), "qualifier.less_than": ("少于(不到、不足)", "less than"),
    "figure.quote": ("原文", "Quote, as published"), "figure.source": ("出处", "Source"),
    "figure.cite": ("引用", "Cite"), "figure.cite_help": ("引用格式:GB/T 7714-2015(中文)与英文;引用日期为今天。",
                                                      "Reference formats: GB/T 7714-2015 (Chinese) and English; accessed today."),
    "figure.views": ("在看板中查看", "See it in the dashboard"),
    "figure.missing_title": ("没有这个数字", "No such figure"),
    "figure.missing": ("数据中没有编号为 {id} 的数字。请在「数据与来源」页查找。",
                       "The data has no figure with the id {id}. Look for it on the “Data & sources” page."),
    "page.figure": ("数字", "Figure"),
    "overview.headline": ("公布的主要数字", "Headline figures"),
    "overview.count": ("{n}个指标", "{n} indicators"),
    "overview.count_one": ("{n}个指标", "{n} indicator"),
    "overview.all": ("全部{n}个指标见「{page}」", "All {n} in “{page}”"),
    "topic.context": ("背景", "Context"),
    "overview.headline_caption": ("所选地区公布的最新数字;每个数字下注明时期与出处。",
                                  "Latest published figures for the selected area, each with its period and source."),
    "overview.none": ("{region}:未公布。该地区暂无公布的数字。",
                      "{region}: not reported. No figure has been published for this area yet."),
    "overview.holdings": ("本看板收录 {facts} 个数字、{events} 个事件,来自 {sources} 个出处。",
                          "This dashboard holds {facts} figures and {events} events from {sources} sources."),
    "overview.topics": ("分主题一览", "By topic"),
    "overview.open": ("打开「{page}」", "Open “{page}”"),
    "source": ("出处", "Source"),
    "sources": ("出处与原文", "Sources and quotes"),
    "quote": ("原文", "Quote"),
    "not_reported": ("未公布", "not reported"),
    "data_table": ("数据表", "Data table"),
    "not_dated": ("未注明", "not dated"),
    "reported_by": ("截至{month}报道", "Reported by {month}"),
    "our_translation": ("本站译", "our translation"),
    "report": ("报告错误", "Report an error"),
    "notice.bad_param": ("链接中的参数 {param}={value} 无法识别,已显示默认视图。",
                         "The link's {param}={value} is not recognised; showing the default view."),
    "error.data": ("数据文件有误,无法显示。请联系维护者。", "The data files are invalid, so nothing can be shown. Please tell the maintainers."),
    "error.unavailable": ("数据暂时无法读取,页面将自动重试。", "Data is temporarily unavailable; this page will try again by itself."),
    "error.stale_data": ("数据文件刚被改坏,本页仍显示上次有效的数据。", "The data files on disk are now invalid; this page still shows the last valid data."),
    # Chart wording (dashboard/reading/charts.py)
    "chart.period.month": ("当月", "Monthly"),
    "chart.period.year_to_date": ("年初至今累计", "Year to date"),
    "chart.period.year": ("全年", "Full year"),
    "chart.period.other": ("其他时期", "Other periods"),
    "chart.before": ("改革前", "Before"),
    "chart.after": ("改革后", "After"),
    "chart.log_scale": ("对数时间轴;工作日画在自然日的位置",
                  "Log time axis; working days are placed as calendar days"),
    "chart.rates_title": ("覆盖率", "Coverage rates"),
    "chart.factors_title": ("提速倍数", "Speed-up factors"),
    "chart.before_after_title": ("办理用时:改革前后", "Time taken, before and after the reform"),
    "chart.facts": ("公布的数字", "Figures reported"),
    "chart.events": ("报道的进展", "Milestones reported"),
    "chart.sector_title": ("各清廉单元:公布的数字与进展",
                     "Clean units: figures and milestones reported"),
    "chart.coverage_title": ("各地区公布了哪些数字", "Which figures each area has published"),
    # The "add a bulletin" page (dashboard/views/add.py)
    "page.add": ("添加公报", "Add a bulletin"),
    "add.takeaway": ("粘贴或上传一篇通报,得到带原文引文的候选数据,逐行核对,检查后下载。服务器上不保存任何内容。",
                     "Paste or upload a bulletin, get candidate rows with verbatim quotes, review them row by row, "
                     "check them and download. Nothing is stored on the server."),
    "add.step_text": ("1. 公报文字", "1. The bulletin's text"),
    "add.paste": ("粘贴公报文字", "Paste the bulletin's text"),
    "add.upload": ("或上传文件:.txt、.html、.docx、.pdf,不超过 2 MB", "Or upload a file: .txt, .html, .docx, .pdf; at most 2 MB"),
    "add.file_used": ("使用上传文件「{name}」中的文字({n} 字)。", "Using the text of the uploaded file “{name}” ({n} characters)."),
    "add.unreadable": ("无法读取「{name}」:{why}", "“{name}” cannot be read: {why}"),
    "add.step_source": ("2. 来源", "2. The source"),
    "add.source_help": ("来源的网址、发布者和日期会写进检索记录,连同文字的 SHA-256,供任何人核对引文。",
                        "The source's address, publisher and date go into its retrieval record, with the SHA-256 "
                        "of the text, so anyone holding the text can check every quote."),
    "add.title": ("标题(原文)", "Title (as published)"), "add.title_en": ("标题英译", "Title in English"),
    "add.publisher": ("发布者", "Publisher"), "add.publisher_en": ("发布者英译", "Publisher in English"),
    "add.date": ("发布日期(用于解释“今年”“截至目前”)", "Date published (resolves 今年, 截至目前 …)"),
    "add.url": ("网址", "Address (URL)"), "add.kind": ("类型", "Kind"),
    "add.source_id": ("来源编号(小写字母、数字、连字符)", "Source id (lower-case letters, digits, hyphens)"),
    "add.region": ("文中未写明地区时的地区", "Area when the text names none"),
    "add.region_text": ("由文字判断", "From the text"),
    "add.extract": ("提取候选数据", "Extract candidate rows"),
    "add.step_review": ("3. 核对", "3. Review"),
    "add.review_help": ("每一行是文中的一个数字。改正指标、地区、时期、限定词和单位,删除不是数据的行。“依据”说明匹配到了什么。",
                        "Each row is one figure in the text. Correct the indicator, area, period, qualifier and unit; "
                        "delete rows that are not figures. “Why” says what was matched."),
    "add.nothing_yet": ("粘贴文字或上传文件,填写来源,再点“提取候选数据”。",
                        "Paste text or upload a file, fill in the source, then press “Extract candidate rows”."),
    "add.none_found": ("文中没有找到数字。", "No figures were found in the text."),
    "add.edits": ("已改动 {n} 行。", "{n} row(s) changed."),
    "add.step_check": ("4. 检查与下载", "4. Check and download"),
    "add.valid": ("{n} 行全部通过数据包的检查。", "All {n} rows pass the package's checks."),
    "add.invalid": ("{n} 个问题:改正后才能下载更新后的数据包。", "{n} problem(s): correct them to download the updated package."),
    "add.empty": ("没有要添加的行。", "No rows to add."),
    "add.col_row": ("行", "Row"), "add.col_column": ("列", "Column"), "add.col_problem": ("问题", "Problem"),
    "kind.report": ("工作报告、通报", "Report or bulletin"), "kind.news": ("新闻报道", "News story"),
    "kind.government": ("政府文件", "Government document"), "kind.reprint": ("转载", "Reprint"),
    "kind.reference": ("资料汇编", "Reference compilation"),
    "add.col_start": ("时期起", "Period from"), "add.col_end": ("时期止", "Period to"),
    "add.col_confidence": ("把握", "Confidence"), "add.col_why": ("依据", "Why"),
    "add.source_row": ("来源", "Source"),
    "add.download_rows": ("下载新行(facts.csv 格式)", "Download the new rows (as facts.csv)"),
    "add.download_source": ("下载来源行(sources.csv 格式)", "Download the source row (as sources.csv)"),
    "add.download_zip": ("下载更新后的整个数据包(zip)", "Download the whole updated package (zip)"),
    "add.sha": ("文字的 SHA-256:{sha}", "SHA-256 of the text: {sha}"),
    "qualifier.at_least": ("不少于(以上、至少)", "at least"),
    "qualifier.at_most": ("至多(不超过、以内)", "at most"),
    "chart.coverage_subtitle": ("格中数字为公布的数字个数;“—”为未公布",
                          "Cells count published figures; '—' means not reported"),
    # Issue #30, what a reporter trips on: the data page's table, its CSV and licence; /add; a source without a link.
    "data.nearby": ("同时列出相关地区", "Also list related areas"),
    "data.nearby_help": ("市:加上下辖区县;区县:加上所属市与同级区县。", "A city: add its counties. A county: add its city and the other counties."),
    "data.indicator": ("指标", "Indicator"),
    "data.all_indicators": ("全部指标", "All indicators"),
    "data.year": ("年份(时期涉及)", "Year (the period covers)"),
    "data.all_years": ("全部年份", "All years"),
    "data.rows": ("{area}:{n} 行,最新的在前。", "{area}: {n} rows, newest first."),
    "data.csv_help": ("CSV 为带 BOM 的 UTF-8(Excel 可直接打开),除可读的列外还有指标编号 indicator_id、地区代码 region_code "
                      "和 ISO 日期 period_start、period_end。",
                      "The CSV is UTF-8 with a byte-order mark (Excel opens it as is); beside the readable columns it has "
                      "indicator_id, region_code and ISO dates period_start and period_end."),
    "data.licence": ("许可:本数据包采用 {licence} 许可。", "Licence: this data package is published under {licence}."),
    "data.licence_none": ("许可:数据包未声明许可。", "Licence: the data package declares none."),
    "nolink.none": ("此出处没有网址。", "This source has no address (URL)."),
    "nolink.kind": ("出处类型:{kind}。", "Kind of source: {kind}."),
    "nolink.retrieved": ("本看板所用的文本于 {day} 取得,文本的 SHA-256 为 {sha}。",
                         "The text this dashboard uses was retrieved on {day}; its SHA-256 is {sha}."),
    "nolink.extracted": ("数字由提取器以 {options} 从该文本得出。", "The figures were extracted from it with {options}."),
    "nolink.no_record": ("出处记录中没有这段文本的检索记录。", "The source's row holds no retrieval record of its text."),
    "nolink.note": ("出处记录的说明:{note}", "The source's note: {note}"),
    "no_title_en": ("暂无英文标题", "no English title yet"),
    "no_publisher_en": ("暂无英文名", "no English name yet"),
    "add.no_indicator": ("指标待填", "indicator to fill in"),
    "add.no_region": ("地区待填", "area to fill in"),
    "add.new_areas": ("新地区", "New areas"),
    "add.new_areas_help": ("这些地区不在数据包的 regions.csv 里,按 GB/T 2260 代码(data/gazetteer.csv)提出,上级地区一并列出。"
                           "核对名称和英文名(按拼音生成,请改正),勾选“采用”的地区会与数据一同加入;未采用时,用到它的行无法通过检查。",
                           "These areas are not in the package's regions.csv: proposed by their GB/T 2260 code (data/gazetteer.csv), "
                           "with the areas above them. Check the names (the English one is made from pinyin: correct it); the ones "
                           "ticked “Accept” join the package with the rows, and rows naming an area left unticked do not pass the check."),
    "add.accept": ("采用", "Accept"),
    "add.level": ("级别", "Level"), "add.parent": ("上级代码", "Parent code"),
    "add.name_zh": ("中文名", "Name in Chinese"), "add.name_en": ("英文名", "Name in English"),
    "add.no_sector": ("不属清廉单元", "no clean unit"),
    "add.untranslated": ("{fields}未填:英文译名可以以后补上。英文页面会显示中文原文,并注明“暂无英文”。",
                         "{fields} left blank: translations can be added later. English pages show the Chinese, "
                         "marked as not yet translated."),
    "add.preview": ("5. 在看板中的样子", "5. As the dashboard would show them"),
    "add.preview_help": ("通过检查的行在看板中会这样显示(数字页链接在加入数据包后才有)。",
                         "How the checked rows would look in the dashboard (their figure pages exist once they are in the package)."),
    "add.preview_skipped": ("{n} 行缺少指标、数值或时期,暂不能显示。", "{n} row(s) lack an indicator, value or period, so cannot be shown yet."),
    "why.before": ("“从…到…”中前一个数字,即改革前", "the first figure of a “from … to …”: before the reform"),
    "why.after": ("“从…到…”中后一个数字,即改革后", "the second figure of a “from … to …”: after the reform"),
    # Limits on what one visitor may cost (issue #31; dashboard/reading/guards.py, the /add page)
    "limits.reruns": ("操作太频繁,页面已暂停。请稍等几秒,再更改筛选或刷新页面。",
                      "Too many changes in a short time: the page is paused. Wait a few seconds, then change a "
                      "filter or reload the page."),
    "limits.extract_failed": ("无法提取候选数据:{why}", "The candidate rows could not be extracted: {why}"),
    # ---- #30: notes and /add's checks in the page's language ----
    # A note from data is ours: its English half is our translation (said once, in the column's name).
    "col.note_ours": ("说明", "Note (our translation)"),
    # A check's finding, said in the page's language (kernel/problems.py: Problem.said). Each `problem.*`
    # English template is exactly the phrase problems.py writes, so the English page reads as before.
    "problem.said": ("应为{expected};实际为{found}", "expected {expected}; found {found}"),
    "problem.said_at": ("{where}:应为{expected};实际为{found}", "{where}: expected {expected}; found {found}"),
    "problem.row": ("第 {row} 行", "row {row}"),
    "problem.column": ("“{column}”列", "column '{column}'"),
    "problem.required": ("一个值(此列必填)", "a value (the column is required)"),
    "problem.date": ("YYYY-MM-DD 格式的日期", "a date as YYYY-MM-DD"),
    "problem.type": ("{kind}", "a {kind}"),
    "problem.one_of": ("以下之一:{values}", "one of {values}"),
    "problem.max_length": ("不超过 {n} 个字符", "at most {n} characters"),
    "problem.pattern": ("符合 {pattern} 的文本", "text matching {pattern}"),
    "problem.unique_value": ("不重复的值", "a unique value"),
    "problem.unique_id": ("不重复的编号", "a unique id"),
    "problem.listed_in": ("{table} 的“{column}”列中已有的值", "a value listed in {table} column '{column}'"),
    "problem.referenced": ("被引用的表中已有的值", "a value that exists in the referenced table"),
    "problem.new_figure": ("数据包中尚无的数字", "a figure not yet in the package"),
    "problem.column_named": ("名为“{column}”的列", "a column named '{column}'"),
    "problem.column_at": ("第 {position} 列名为“{column}”", "a column named '{column}' in position {position}"),
    "problem.header": ("与数据模式一致的表头", "the header of the schema"),
    "problem.cells": ("{n} 个单元格,每列一个", "{n} cells, one per column"),
    "problem.max_cells": ("每行最多 {n} 个单元格", "at most {n} cells in a row"),
    "problem.period_order": ("period_start 不晚于 period_end", "period_start on or before period_end"),
    "problem.utf8": ("UTF-8 文本", "UTF-8 text"),
    "problem.no_bom": ("不带字节顺序标记(BOM)的 UTF-8", "UTF-8 without a byte-order mark"),
    "problem.file_exists": ("文件存在", "the file to exist"),
    "problem.header_and_rows": ("一行表头和数据行", "a header row and data rows"),
    "problem.readable_json": ("可读的 Frictionless datapackage.json", "a readable Frictionless datapackage.json"),
    "problem.empty_cell": ("空单元格", "an empty cell"),
    "problem.nothing": ("空", "nothing"),
    "problem.no_file": ("没有这个文件", "no such file"),
    "problem.empty_file": ("空文件", "an empty file"),
    "problem.no_column": ("表头中没有这一列", "no such column in the header"),
    "problem.not_utf8": ("不是 UTF-8 的字节(文件是否存成了 GBK/GB18030?)", "bytes that are not UTF-8 (is the file saved as GBK/GB18030?)"),
    "problem.bom": ("表头前有 UTF-8 BOM(EF BB BF)", "a UTF-8 BOM (EF BB BF) before the header"),
    "problem.n_cells": ("{n} 个单元格", "{n} cells"),
    "problem.cut": ("{value}…(共 {n} 个字符)", "{value}… ({n} characters)"),
    "problem.there": ("此处为 {label}", "{label} there"),
    "problem.extra_cell": ("多出的单元格 {value}", "extra cell {value}"),
    "problem.missing_cell": ("缺少单元格", "missing cell"),
    "problem.extra_label": ("多出的列名 {label}", "extra label {label}"),
    "problem.duplicate_label": ("重复的列名 {label}", "duplicate label {label}"),
    "problem.blank_label": ("空白的列名 {label}", "blank label {label}"),
    "problem.again": ("{value} 重复出现", "{value} again"),
    "problem.again_row": ("{value} 重复出现(与第 {row} 行相同)", "{value} again (the same as in the row at position {row})"),
    "problem.after": ("{first} {a} 晚于 {second} {b}", "{first} {a} after {second} {b}"),
    "problem.same_figure": ("与 {fact} 的指标、地区、时期和出处都相同", "the same indicator, area, period and source as {fact}"),
    "problem.not_in_text": ("原文中找不到这段引文", "not found word for word in the text"),
    "problem.too_long": ("超过 {n} 个字符", "longer than {n} characters"),
    "problem.type.number": ("数字", "number"), "problem.type.integer": ("整数", "integer"),
    "problem.type.string": ("文本", "string"), "problem.type.boolean": ("布尔值(true/false)", "boolean"),
    "problem.type.year": ("年份", "year"), "problem.type.datetime": ("日期时间", "datetime"),
}


# The words for each unit code; the codes themselves are the schema's (kernel/schema.UNITS).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "case": ("件", "cases"), "person": ("人", "people"), "item": ("项", "items"), "category": ("类", "categories"),
    "office": ("个", "offices"), "enterprise": ("家", "enterprises"), "batch": ("批次", "batches"),
    "problem": ("个", "problems"), "county": ("个", "counties"), "percent": ("%", "%"),
    "times": ("倍", "×"), "month": ("个月", "months"), "day": ("天", "days"),
    "week": ("周", "weeks"), "working_day": ("个工作日", "working days"), "hour": ("小时", "hours"), "minute": ("分钟", "minutes"),
    "score": ("分", "points"), "yuan_10k": ("万元", "× 10,000 yuan"), "yuan_100m": ("亿元", "× 100 million yuan"),
    "unit": ("个", "units"), "person_time": ("人次", "person-times"),
}


# English units for exactly one: "1 unit", "1 working day".
ONE_EN = {"cases": "case", "categories": "category", "people": "person", "items": "item", "offices": "office", "enterprises": "enterprise",
          "batches": "batch", "problems": "problem", "counties": "county", "months": "month", "weeks": "week", "days": "day",
          "working days": "working day", "hours": "hour", "minutes": "minute", "points": "point", "units": "unit",
          "person-times": "person-time"}

TEXT.update(REVIEW_TEXT)  # /add's review table (i18n_review.py)


TEXT.update(EDITING_TEXT)  # the editor app's and the change record's words (i18n_editing.py)
TEXT.update(SERIES_TEXT)  # national series and honest comparisons (i18n_series.py)


def t(key: str, lang: str, **values) -> str:
    text = TEXT[key][LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**values) if values else text


def unit_label(unit: str, lang: str) -> str:
    zh, en = UNIT_WORDS.get(unit, (unit, unit))
    return zh if lang == "zh" else en


def format_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def format_value(value: float, qualifier: str, unit: str, lang: str, word: str = "") -> str:
    """'约3个月' / 'about 3 months', '不到30分钟' / 'under 30 minutes', '20多个' / '20+'. `word`: the measure
    word as published (问题54起 reads '54起', not '54件'), shown in Chinese instead of the unit's usual one."""
    number, unit_text = format_number(value), (word or unit_label(unit, lang)) if lang == "zh" else unit_label(unit, lang)
    if lang == "en" and float(value) == 1:
        unit_text = ONE_EN.get(unit_text, unit_text)
    if lang == "zh":
        return {"approx": f"约{number}{unit_text}", "more_than": f"{number}多{unit_text}",
                "less_than": f"不到{number}{unit_text}", "at_least": f"{number}{unit_text}以上",
                "at_most": f"不超过{number}{unit_text}"}.get(qualifier, f"{number}{unit_text}")
    tight = unit in {"percent", "times"}  # '100%' and '5×', not '100 %'
    joined = f"{number}{unit_text}" if tight else f"{number} {unit_text}"
    return {"approx": f"about {joined}", "more_than": f"{number}+ {unit_text}".replace("+ %", "+%"),
            "less_than": f"under {joined}", "at_least": f"at least {joined}",
            "at_most": f"at most {joined}"}.get(qualifier, joined)


def format_values(facts: pd.DataFrame, lang: str, prefix: str = "") -> list[str]:
    """`format_value` for each row of a frame of facts (`prefix`: 'before_' for a pair's columns)."""
    words = facts[f"{prefix}unit_word"] if f"{prefix}unit_word" in facts else [""] * len(facts)
    return [format_value(v, q, u, lang, w) for v, q, u, w in
            zip(facts[f"{prefix}value"], facts[f"{prefix}qualifier"], facts[f"{prefix}unit"], words)]


def format_period(start, end, lang: str) -> str:
    """'2018年1—11月' / 'Jan–Nov 2018'; a point in time reads '截至…' / 'as of …'."""
    return _period_words(pd.Timestamp(start).date(), pd.Timestamp(end).date(), lang)


@lru_cache(maxsize=4096)  # a table of thousands of facts names a few dozen periods: word each once
def _period_words(start, end, lang: str) -> str:
    if start == end:
        return f"截至{_zh_day(end)}" if lang == "zh" else f"as of {_en_day(end)}"
    whole_months = start.day == 1 and (pd.Timestamp(end) + pd.Timedelta(days=1)).day == 1
    if whole_months and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return f"{end.year}年" if lang == "zh" else f"{end.year}"
        if start.month == end.month:
            return f"{end.year}年{end.month}月" if lang == "zh" else f"{_month_abbr(end)} {end.year}"
        return (f"{end.year}年{start.month}—{end.month}月" if lang == "zh"
                else f"{_month_abbr(start)}–{_month_abbr(end)} {end.year}")
    return f"{_zh_day(start)}—{_zh_day(end)}" if lang == "zh" else f"{_en_day(start)} – {_en_day(end)}"


def format_day(day, lang: str) -> str:
    """'2018年12月23日' / '23 Dec 2018'."""
    day = pd.Timestamp(day).date()
    return _zh_day(day) if lang == "zh" else _en_day(day)


def _zh_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _en_day(d: date) -> str:
    return f"{d.day} {_month_abbr(d)} {d.year}"


def _month_abbr(d: date) -> str:
    return d.strftime("%b")
