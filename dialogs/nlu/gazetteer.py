"""Administrative-division gazetteer: lookup by code, path to the province, places named in text."""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dialogs.nlu.types import Place

DATA_FILE = "divisions.tsv.gz"
_LEVEL_LENGTHS = (2, 4, 6, 9)


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    short: bool  # matched by a short form (毕节, 威宁), not the official name

    @property
    def needs_parent(self) -> bool:
        # A township said without its suffix (长安 for 长安镇) names dozens of places and is part of
        # many ordinary words; it only counts when a parent division is named too.
        return self.short and len(self.code) == 9


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    places: Mapping[str, Place]
    keys: Mapping[str, tuple[Candidate, ...]]
    longest_key: int


def parse_gazetteer(lines: list[str]) -> Gazetteer:
    """Build the gazetteer from `code<TAB>name<TAB>key,key` lines (see scripts/build_gazetteer.py)."""
    places: dict[str, Place] = {}
    keys: dict[str, list[Candidate]] = {}
    for line in lines:
        if not line:
            continue
        code, name, joined = line.split("\t")
        places[code] = Place(code, name)
        for key in joined.split(",") if joined else ():
            keys.setdefault(key, []).append(Candidate(code, key != name))
    frozen = {key: tuple(found) for key, found in keys.items()}
    return Gazetteer(
        places=MappingProxyType(places),
        keys=MappingProxyType(frozen),
        longest_key=max((len(key) for key in frozen), default=0),
    )


def load_gazetteer() -> Gazetteer:
    """Read the gazetteer shipped with the package (never the shared source data)."""
    blob = resources.files("dialogs.nlu").joinpath("data").joinpath(DATA_FILE).read_bytes()
    return parse_gazetteer(gzip.decompress(blob).decode("utf-8").split("\n"))


def path_of(gazetteer: Gazetteer, code: str) -> list[Place]:
    """Province down to the division itself, skipping placeholders and same-name repeats (东莞市)."""
    if code not in gazetteer.places:
        return []
    path: list[Place] = []
    for length in _LEVEL_LENGTHS:
        if length > len(code):
            break
        place = gazetteer.places.get(code[:length])
        if place is not None and not (path and path[-1].name == place.name):
            path.append(place)
    return path


def find_mentions(gazetteer: Gazetteer, text: str) -> list[Mention]:
    """The longest division name or short form starting at each position, minus those inside another.

    Overlaps are kept (在中山小榄: 在中 is a township short form, 中山 the city): resolution decides.
    """
    mentions: list[Mention] = []
    for start in range(len(text) - 1):
        for end in range(min(len(text), start + gazetteer.longest_key), start + 1, -1):
            candidates = gazetteer.keys.get(text[start:end])
            if candidates:
                if not mentions or end > mentions[-1].end:
                    mentions.append(Mention(start, end, candidates))
                break
    return mentions


_CUE_BEFORE = (*"在去到从是回来住 ,", "老家", "家乡", "户口")
_CUE_AFTER = ("的", "人", "那", "这", "县", "市", "城", "老家", "打工", "上班", "干", "做", "有", "找", "进")


def _said_as_place(text: str, mention: Mention) -> bool:
    """Whether a short form stands where a place name would (在会泽, 赫章这边, 纳雍 alone) rather
    than inside an ordinary word (考上高中 is not 上高县)."""
    before = text[: mention.start] or " "
    after = text[mention.end :]
    return before.endswith(_CUE_BEFORE) or not after or not after[0].strip() or after.startswith(_CUE_AFTER)


def _support(code: str, others: list[Mention]) -> int:
    """Length of the most specific other-mentioned division that contains `code` (0 if none)."""
    best = 0
    for other in others:
        for candidate in other.candidates:
            parent = candidate.code
            if len(parent) < len(code) and code.startswith(parent) and len(parent) > best:
                best = len(parent)
    return best


def _resolve_mention(text: str, mention: Mention, others: list[Mention]) -> str | None:
    scored = [(candidate, _support(candidate.code, others)) for candidate in mention.candidates]
    as_place = _said_as_place(text, mention)
    usable = [
        (c.code, s)
        for c, s in scored
        if s > 0 or not (c.needs_parent or (c.short and len(c.code) > 2 and not as_place))
    ]
    if not usable:
        return None
    best_support = max(s for _, s in usable)
    if best_support > 0:
        supported = [code for code, s in usable if s == best_support]
        # 深圳龙华: 龙华区 and its 龙华街道 are both inside 深圳; the coarser reading is what was meant.
        shallowest = min(len(code) for code in supported)
        supported = [code for code in supported if len(code) == shallowest]
        return supported[0] if len(supported) == 1 else None
    if len(usable) == 1:
        return usable[0][0]
    # Unsupported and ambiguous: a unique highest-level reading wins (朝阳 -> 朝阳市 over 朝阳区),
    # but never a township, which would be a guess among equals.
    shallowest = min(len(code) for code, _ in usable)
    top = [code for code, _ in usable if len(code) == shallowest]
    return top[0] if len(top) == 1 and shallowest < 9 else None


def resolve(gazetteer: Gazetteer, text: str) -> Place | None:
    """The most specific division named in (normalised) text, or None."""
    mentions = find_mentions(gazetteer, text)
    resolved: list[str] = []
    for mention in mentions:
        others = [other for other in mentions if other.end <= mention.start or other.start >= mention.end]
        code = _resolve_mention(text, mention, others)
        if code is not None:
            resolved.append(code)
    if not resolved:
        return None

    # Prefer the division that the other named places confirm as its parents (云南昭通镇雄 ->
    # 镇雄县, not the unrelated 通镇 hiding across 昭通|镇雄), then the deepest; among equals the
    # first said (usually the place the sentence is about).
    def rank(code: str) -> tuple[int, int]:
        parents = sum(1 for other in resolved if len(other) < len(code) and code.startswith(other))
        return parents, len(code)

    return gazetteer.places[max(resolved, key=rank)]
