"""A township named with the home county that the county does not have (商城县城关镇: 城关镇 became 赤城街道 and
鲇鱼山街道): found, so that it is said and asked again, with the nearest names, rather than dropped."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dialogs import nlu
from dialogs.nlu.lexicon import lexicon

# 城关镇, 双椿铺镇, 苏仙石乡, 赤城街道: two to four characters and the suffix; 我家乡下, 回乡 are no township.
_TOWNSHIP = re.compile(r"([\u4e00-\u9fff]{2,4}?)(街道|镇|乡)(?![下村亲里土音])")
_NOT_A_NAME = re.compile(r"^[是回到我俺家在老]|[我俺在的了]")
_SUFFIXES = ("特别行政区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗")
NEAREST = 3
# 盐仓那边, 哲觉这块: where a township said short is placed (that side), no part of its name.
_NEAR_AFTER = re.compile(r"(?<=..)(?:那边|这边|那块|这块|那一块|那一带|一带)(?:的)?$")


@dataclass(frozen=True, slots=True)
class TownNotFound:
    town: str  # as said (城关镇)
    county: str  # the county recorded (商城县)
    nearest: tuple[str, ...]  # townships of the county with a character of it in common (赤城街道)
    former: bool = False  # a township abolished, `nearest` the divisions that replaced it (桃洪镇)


def town_not_found(text: str, home: Mapping[str, Any] | None) -> TownNotFound | None:
    """The township said with a county-level home that the county does not have; None when none was said, or
    the one said was found."""
    code = str((home or {}).get("code") or "")
    if len(code) != 6:
        return None
    said = nlu.normalize(text)
    if nlu.places_within(said, code):
        return None
    path = nlu.place_path(code)
    for place in path:
        said = said.replace(place.name, " ")
        short = place.name
        for suffix in _SUFFIXES:
            short = short.removesuffix(suffix)
        if len(short) >= 2:
            said = said.replace(short, " ")
        if "自治" in place.name:
            # 威宁县城关镇: 威宁 (and 威宁县) is how 威宁彝族回族苗族自治县 is said; the township follows it (it was cut
            # as 宁县城关镇).
            said = re.sub(f"{place.name[:2]}[县州]?", " ", said)
    match = _TOWNSHIP.search(said)
    if match is None or _NOT_A_NAME.search(match.group(1)):
        return None
    stem = match.group(1)
    towns = nlu.townships_of(code)
    replaced = _former_townships().get(code, {}).get(match.group(0), "").split()
    nearest = list(replaced) or [t.name for t in towns if set(stem) & set(_stem(t.name))]
    if not nearest and stem == "城关":
        nearest = [t.name for t in towns if t.name.endswith("街道")]  # 城关镇 is often its 街道 today
    county = path[-1].name if path else code
    return TownNotFound(match.group(0), county, tuple(nearest[:NEAREST]), former=bool(replaced))


@functools.cache
def _former_townships() -> Mapping[str, Mapping[str, str]]:
    """county code -> {a township abolished: the divisions that replaced it} (data/places.toml of the NLU)."""
    table: Mapping[str, Mapping[str, str]] = lexicon("places").get("former_townships", {})
    return table


def counties_of_former(town: str) -> list[str]:
    """The codes of the counties that had a township now abolished by that name (桃洪镇: 隆回县's)."""
    return [county for county, towns in _former_townships().items() if town in towns]


def township_said(text: str) -> str | None:
    """城关镇 in 我是城关镇李家村的: a township named (its county not said), or None."""
    said = nlu.normalize(text)
    for start in range(len(said)):  # (我是城关镇: the name starts after 我是)
        match = _TOWNSHIP.match(said, start)
        if match is not None and not _NOT_A_NAME.search(match.group(1)):
            return match.group(0)
    return None


def township_by_stem(text: str, home: Mapping[str, Any] | None) -> str | None:
    """哲觉 typed alone with the county-level home known (威宁): the county's township of that name (哲觉镇), else
    None (a village's name, 新华村, is none)."""
    code = str((home or {}).get("code") or "")
    said = _NEAR_AFTER.sub("", re.sub(r"[\s,，。.!！~]|的$", "", nlu.normalize(text)))  # (盐仓那边: 盐仓)
    if len(code) != 6 or not 2 <= len(said) <= 4:
        return None
    found = [t.name for t in nlu.townships_of(code) if _stem(t.name) == said]
    return found[0] if len(found) == 1 else None


def _stem(name: str) -> str:
    """赤城街道 -> 赤城, 双椿铺镇 -> 双椿铺."""
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


# After the home's township said short (石门 年丰村, 石门年丰村): what is left is a village when it ends so.
_VILLAGE_AFTER = re.compile(r"[\s,，、]*([\u4e00-\u9fff]{2,6}村(?:[一二三四五六七八九十\d]{1,3}组)?)")


def after_home_township(text: str, home: Mapping[str, Any] | None) -> str | None:
    """年丰村 in 石门 年丰村 (石门乡 the township on record): the home's township said short before a village is
    the home's, not part of the village. None when the text does not start with it or no village follows."""
    code = str((home or {}).get("code") or "")
    said = nlu.normalize(text).strip(" 。.!！~")
    if len(code) != 9 or "村" not in said:  # (cheap: no village named, nothing to read)
        return None
    path = nlu.place_path(code)
    if not path:
        return None
    stem = _stem(path[-1].name)
    if not said.startswith(stem) or said.startswith(path[-1].name):
        return None  # (石门乡 年丰村 said in full is read as before: the township's name taken out)
    rest = _VILLAGE_AFTER.fullmatch(said, len(stem))
    return rest.group(1) if rest is not None else None
