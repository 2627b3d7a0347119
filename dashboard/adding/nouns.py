"""What a measure word counts, read from the noun beside it: 13个巡视组 and 22个乡镇 are units, 12个巡察办 offices,
问题线索5100个 cases, 6类 and 15个方面 kinds, 74个审批事项 items (tests/passages/README.md "Units"). numerals.py
asks, for 个 and the measure words that count more than one kind of thing (条, 件, 家)."""
from __future__ import annotations

import re

# What 个 counts, from the noun after it (13个巡视组, 22个乡镇: organisations and places, `unit`) or
# before it (问题线索5100个: cases); else items (data/README.md "unit").
ORGANISATIONS_AFTER = re.compile(r"(?:行政村|村|社区|单位|地区|乡镇|街道|镇|乡|省|市|县|区|地级|巡视组|巡察组|部门|党组织|"
                                 r"党支部|机关|组织|省份|省区市|省市|纪委|紀委|监委|監委|党委|黨委|委员会|委員會)")
ORGANS_AFTER = re.compile(r"[^，,。；;、\d]{0,4}(?:单位|單位|部门|部門|机关|機關)")  # 301家党政事业单位
# 12个督察组, 4个监督检查和审查调查协作区, 4个领域, 12个盟市: teams, zones, fields and places counted (`unit`)
GROUPS_AFTER = re.compile(r"[^，,。；;、\d]{0,10}?(?:督察组|督查组|检查组|工作组|协作区|片区|领域|盟市|城市"
                          # 9个县直巡查组, 12个巡察工作领导小组, 7个工作专班, 804个人民团体, 2.84万余个事业单位
                          r"|巡查组|巡察组|暗访组|领导小组|专班|团体|事业单位|党政机关)")
# 12个巡察办, 3个监察员办公室, 541个村监察联络站: offices and stations (`office`)
OFFICES_AFTER = re.compile(r"[^，,。；;、\d]{0,8}?(?:巡察办|办公室|监察室|联络站|工作站)")
COUNTIES_AFTER = re.compile(r"(?:贫困|重点)?(?:区县|县区|县市区|县)(?![直级委])")  # 7个贫困县, 38个区县 (not 9个县直巡查组): `county`
UNITS_BEFORE = re.compile(r"(?:单位|乡镇|村|社区|党组织)(?:达|共|有|共有)?$")  # 排查涉及单位达1630个
CASES_BEFORE = re.compile(r"(?:线索|線索|问题|問題)$")  # 问题线索5100个, 发现问题1021个, 问题线索26条: cases
# 74个审批事项, 26个审批系统, 6个环节: things, items by their own noun (no 个 before decides them)
ITEMS_AFTER = re.compile(r"[^，,。；;、\d]{0,4}?(?:事项|事項|系统|系統|环节|環節|材料|证明|證明|程序|表单|表單)")
CASES_AFTER = re.compile(r"(?:问题|問題)(?:线索|線索)?")  # 216个问题: problems found are cases
KINDS_AFTER = re.compile(r"方面")  # 15个方面38类: the kinds of problem, like 类
PLACES_AFTER = re.compile(r"[^，,。；;、\d]{0,8}?(?:基地|阵地|陣地|场馆|場館|展馆|展館|教育馆|教育館|示范点|示範點|场所|場所)")  # 36家…廉洁文化基地
TASKS_BEFORE = re.compile(r"(?:诉求|訴求|实事|實事|事项|事項|任务|任務|建议|建議)$")


ENTERPRISES_AFTER = re.compile(r"(?:中央|國有|国有|金融|民营|民營|中央金融|市属|市屬|省属|省屬)*(?:企业|企業)")


def what_个_counts(text: str, match: re.Match) -> str:
    """The unit a figure in 个 counts (`match`: numerals.MENTION's), from the noun beside it."""
    if ENTERPRISES_AFTER.match(text, match.end()):
        return "enterprise"  # 111个中央企业, 15个中央金融企业
    if OFFICES_AFTER.match(text, match.end()):
        return "office"
    if COUNTIES_AFTER.match(text, match.end()):
        return "county"
    if ORGANISATIONS_AFTER.match(text, match.end()) or GROUPS_AFTER.match(text, match.end()) \
            or PLACES_AFTER.match(text, match.end()) \
            or UNITS_BEFORE.search(text, max(0, match.start() - 6), match.start()):
        return "unit"
    if CASES_BEFORE.search(text, max(0, match.start() - 4), match.start()) or CASES_AFTER.match(text, match.end()):
        return "case"
    if KINDS_AFTER.match(text, match.end()):
        return "category"
    return "item"
