"""How a division is named to people: one rendering wherever a caseworker or laborer reads a place (alerts on
WeCom, WeChat and SMS, the chat commands' lists, the console, the casework exports, the chat's job lists)."""

from __future__ import annotations

import re

from dialogs import nlu

# The gazetteer stops at townships (9 digits); a 12-digit statistics code (village) is named by its township.
TOWNSHIP_DIGITS = 9


def place_name(code: str | None) -> str:
    """The division and the one above it: 威宁彝族回族苗族自治县草海镇 for a township, 毕节市威宁彝族回族苗族自治县
    for a county, 东莞市东城街道 where a city has no counties. Enough for a caseworker to place someone, short
    enough for an SMS (never the province: everyone served lives in one). "" for no code; an unknown code is
    shown as it is, so that nothing is hidden."""
    if not code:
        return ""
    code = code.strip()
    path = nlu.place_path(code) or nlu.place_path(code[:TOWNSHIP_DIGITS])
    return "".join(p.name for p in path[-2:]) if path else code


# 威宁彝族回族苗族自治县 -> 威宁县: the ethnic groups of an autonomous county (banner, prefecture) are left out in
# everyday speech, as the gazetteer's short forms do.
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+自治([县旗州])$")


def short_place_name(code: str | None) -> str:
    """The division by its everyday name, where the reader knows the region (a job list on SMS): 威宁县 for
    威宁彝族回族苗族自治县, 深圳宝安区 for a city district (a district alone says little), 么站镇. "" for no code;
    an unknown code is shown as it is."""
    if not code:
        return ""
    code = code.strip()
    path = nlu.place_path(code) or nlu.place_path(code[:TOWNSHIP_DIGITS])
    if not path:
        return code
    last = path[-1].name
    if m := _AUTONOMOUS.match(last):
        last = m.group(1) + m.group(2)
    if last.endswith("区") and len(path) >= 2 and path[-2].name.endswith("市"):
        return path[-2].name[:-1] + last
    return last


# 浙江省 -> 浙江, 新疆维吾尔自治区 -> 新疆, 宁波市 -> 宁波: how people name a province and a city.
_REGION_SUFFIX = re.compile(r"(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$")


def region_name(code: str | None) -> str:
    """Where a division is, to someone from another province: the province and the city by their everyday names
    (浙江宁波, 广东东莞, 北京, 新疆乌鲁木齐). "" for no code or an unknown one."""
    path = nlu.place_path(code.strip()) or nlu.place_path(code.strip()[:TOWNSHIP_DIGITS]) if code else []
    if not path:
        return ""
    names = [path[0].name] + ([path[1].name] if len(path) > 1 and path[1].code[:2] == path[0].code else [])
    # A municipality's second level is a district (北京市朝阳区): the city is the province.
    if len(names) > 1 and path[0].name.endswith("市"):
        names = names[:1]
    return "".join(_everyday(name) for name in names)


# The peoples an autonomous prefecture is named with (黔东南苗族侗族自治州 is 黔东南州: a lazy run of any characters
# before 族 would cut 黔东 南苗族).
_PEOPLES = ("苗|侗|布依|彝|白|傣|景颇|哈尼|藏|羌|土家|壮|回|蒙古|朝鲜|哈萨克|柯尔克孜|傈僳|维吾尔|瑶|黎|纳西|怒|佤"
            "|布朗|水|仡佬|仫佬|毛南|土|撒拉|东乡|保安|裕固|锡伯|达斡尔|鄂温克|鄂伦春|蒙|满|畲|京|普米|阿昌|德昂|独龙|基诺")
_AUTONOMOUS_PREFECTURE = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLES})族)+自治州$")


def _everyday(name: str) -> str:
    """浙江省 -> 浙江, 大理白族自治州 -> 大理州, 黔东南苗族侗族自治州 -> 黔东南州, 毕节地区 stays."""
    if m := _AUTONOMOUS_PREFECTURE.match(name):
        return m.group(1) + "州"
    return _REGION_SUFFIX.sub("", name) or name
