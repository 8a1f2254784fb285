"""Which township of the county an item is in, against the person's (or the one they name): 草海离哲觉远不远 of a job in
草海镇 is the same county and another township (威宁县 is large); how far is not known, so none is said."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogs import nlu
from dialogs.place_names import TOWNSHIP_DIGITS, short_place_name

COUNTY_DIGITS = 6


def _stem(name: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


def _named(text: str, towns: list[Any]) -> list[Any]:
    """The county's townships named in the text, in full or by their stem (草海, 哲觉), in the order said."""
    found = [(text.find(_stem(t.name)), t) for t in towns if len(_stem(t.name)) >= 2 and _stem(t.name) in text]
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]


def townships_apart(item: Mapping[str, Any], text: str, home: Any) -> tuple[str, str, str] | None:
    """(the item's township, the other one, the county's everyday name) when the item's township is known and the
    text names another of the county (or, naming none, the home is in another one); ("", town, county) when the
    home (or the one named) is the item's own township; None when it cannot be told."""
    home_code = str((home.get("code") if isinstance(home, Mapping) else home) or "")
    division = str(item.get("division") or "")
    if not division and (place := nlu.resolve_place(f"{item.get('place') or ''} {item.get('address') or ''}")):
        division = place.code  # 毕节市威宁彝族回族苗族自治县 草海镇建设路8号: 520526100
    county = (division or home_code)[:COUNTY_DIGITS]
    if len(county) != COUNTY_DIGITS or (home_code and home_code[:COUNTY_DIGITS] != county):
        return None
    towns = nlu.townships_of(county)
    if not towns:
        return None
    if len(division) >= TOWNSHIP_DIGITS:
        own = next((t for t in towns if t.code == division[:TOWNSHIP_DIGITS]), None)
    else:
        found = _named(f"{item.get('address') or ''} {item.get('place') or ''}", towns)
        own = found[0] if found else None
    if own is None:
        return None
    said = nlu.normalize(text)
    others = [t for t in _named(said, towns) if t.code != own.code]
    if others:
        return own.name, others[0].name, short_place_name(county)
    mine = next((t for t in towns if len(home_code) >= TOWNSHIP_DIGITS and t.code == home_code[:TOWNSHIP_DIGITS]),
                None)
    if mine is None:
        return None
    return ("", own.name, short_place_name(county)) if mine.code == own.code else (
        own.name, mine.name, short_place_name(county))
