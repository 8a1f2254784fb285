"""Every place a message names, each with its role: where the person is from or where they work
(俺湖南隆回的 在宁波工地上干活: home 隆回县, work 宁波市); and "here at home" (就在俺们镇上)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from dialogs.nlu.gazetteer import LEFT_BEHIND, Gazetteer, find_mentions, resolve
from dialogs.nlu.lexicon import alternation, words
from dialogs.nlu.types import Place

Role = Literal["home", "work"]
# Mentions this close together are one place said from the top down (湖南隆回, 东莞 长安镇).
_CHAIN_GAP = 1
_LOOK = 8
_CLAUSE_END = re.compile(r"[\s,，。.!！?？;；]")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    role: Role | None


def _chains(gazetteer: Gazetteer, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for mention in find_mentions(gazetteer, text):
        if spans and mention.start <= spans[-1][1] + _CHAIN_GAP:
            spans[-1] = (spans[-1][0], max(spans[-1][1], mention.end))
        else:
            spans.append((mention.start, mention.end))
    return spans


_VILLAGE_OF = re.compile(r"[\u4e00-\u9fff]{0,4}村(?:[一二三四五六七八九十\d]{1,3}(?:组|社|队))?的(?:$|[\s,，。])")


@functools.cache
def _cue(key: str, at_end: bool) -> re.Pattern[str]:
    return re.compile(alternation("places", key) + ("$" if at_end else ""))


def _role(text: str, start: int, end: int) -> Role | None:
    before = text[max(0, start - _LOOK) : start]
    clause_after = _CLAUSE_END.split(text[end : end + _LOOK], maxsplit=1)[0]
    after = text[end : end + _LOOK]
    if LEFT_BEHIND.search(before):
        return None  # 不在贵阳了 去遵义了, 从东莞: a place left behind is neither where they work nor home
    if _cue("roles.home_before", True).search(before) or _cue("roles.home_after", False).match(after):
        return "home"
    # 隆回的 (said alone, as where one is from) — not 宁波的电子厂.
    if after.startswith("的") and (len(after) == 1 or _CLAUSE_END.match(after[1])):
        return "home"
    if _VILLAGE_OF.match(after):
        return "home"  # 麻阳县高村镇石羊村的: the village after the township, then 的
    if _cue("roles.work_before", True).search(before) or _cue("roles.work_after", False).search(clause_after):
        return "work"
    return None


def place_mentions(gazetteer: Gazetteer, text: str) -> list[PlaceMention]:
    """The distinct places named, in order, each resolved on its own stretch of the text."""
    chains = _chains(gazetteer, text)
    found: list[PlaceMention] = []
    for index, (start, end) in enumerate(chains):
        left = chains[index - 1][1] if index else 0
        right = chains[index + 1][0] if index + 1 < len(chains) else len(text)
        place = resolve(gazetteer, text[left:right])
        if place is None or any(m.place.code == place.code for m in found):
            continue
        last = found[-1] if found else None
        if last is not None and place.code.startswith(last.place.code) and _JOINED.fullmatch(text[last.end : start]):
            # 隆回县的 六都寨镇: the county, then a township inside it, is one place, the township.
            found[-1] = PlaceMention(place, last.start, end, last.role or _role(text, start, end))
            continue
        found.append(PlaceMention(place, start, end, _role(text, start, end)))
    return found


# What may stand between a division and one inside it said as the same place (隆回县的 六都寨镇).
_JOINED = re.compile(r"[\s,，、的]*")


def local_level(canonical_text: str) -> Literal["township", "county", "city", "home"] | None:
    """How much of the person's home division "here" names (镇上: the township, 县城: the county, 市里 or
    主城: the city)."""
    for level in ("township", "county", "city", "home"):
        if any(word in canonical_text for word in words("places", f"local.{level}")):
            return level
    return None
