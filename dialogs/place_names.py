"""How a division is named to people: one rendering wherever a caseworker or laborer reads a place (alerts on
WeCom, WeChat and SMS, the chat commands' lists, the console, the casework exports, the chat's job lists)."""

from __future__ import annotations

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
