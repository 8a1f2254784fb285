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
