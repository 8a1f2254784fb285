"""Administrative-division gazetteer: lookup by code, path to the province, places named in text."""

from __future__ import annotations

import gzip
import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dialogs.nlu.lexicon import lexicon
from dialogs.nlu.types import Place

DATA_FILE = "divisions.tsv.gz"
# Provinces, prefectures and counties spelled in pinyin (chongqing fengjie), built by scripts/build_pinyin.py.
PINYIN_FILE = "pinyin.tsv.gz"
_LEVEL_LENGTHS = (2, 4, 6, 9)


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    short: bool  # matched by a short form (毕节, 威宁), not the official name
    preferred: bool = False  # the reading of a name several divisions share when nothing else is said

    @property
    def needs_parent(self) -> bool:
        # A township said without its suffix (长安 for 长安镇) names dozens of places and is part of
        # many ordinary words; it only counts when a parent division is named too.
        # A preferred township (长安镇: Dongguan's) is the one meant when nothing else is said.
        return self.short and len(self.code) == 9 and not self.preferred


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
    # Aliases that are also ordinary words (义务 for 义乌): a place only right after 在/去/到 ….
    cue_only: frozenset[str] = frozenset()


# A township named with its peoples (猪场苗族彝族乡, 新房彝族苗族乡): the name without them, and 乡 or 镇.
_ETHNIC_TOWNSHIP = re.compile(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,3}族)+(乡|镇)")


def parse_gazetteer(
    lines: list[str], aliases: Mapping[str, str] | None = None, cue_only: frozenset[str] = frozenset(),
    spelled: Sequence[tuple[str, str]] = (), preferred: frozenset[str] = frozenset(),
) -> Gazetteer:
    """Build the gazetteer from `code<TAB>name<TAB>key,key` lines (see scripts/build_gazetteer.py), plus
    aliases (typos, pinyin: alias -> code) and spellings (pinyin, code: several codes may share one) read as
    short forms of the divisions they name; a `preferred` alias names its division alone (the others sharing
    the name are said with their city)."""
    places: dict[str, Place] = {}
    keys: dict[str, list[Candidate]] = {}
    for line in lines:
        if not line:
            continue
        code, name, joined = line.split("\t")
        places[code] = Place(code, name)
        for key in joined.split(",") if joined else ():
            keys.setdefault(key, []).append(Candidate(code, key != name))
        if len(code) == 9 and (ethnic := _ETHNIC_TOWNSHIP.fullmatch(name)):
            # 猪场苗族彝族乡 is said 猪场乡: that short form too, or only 广西's own 猪场乡 would be read.
            said = ethnic.group(1) + ethnic.group(2)
            if not any(c.code == code for c in keys.get(said, ())):
                keys.setdefault(said, []).append(Candidate(code, True))
        if len(code) == 9 and len(name) >= 4 and name.endswith("街道"):
            # A town made a street (白果镇 -> 白果街道) keeps its old name in people's mouths: 白果镇, 白果乡 (short
            # forms: counted only with the county named, 赫章县 白果镇).
            for said in (name[:-2] + "镇", name[:-2] + "乡"):
                if not any(c.code == code for c in keys.get(said, ())):
                    keys.setdefault(said, []).append(Candidate(code, True))
    for alias, code in [*(aliases or {}).items(), *spelled]:
        if code in places and alias in preferred:
            # 龙华: the one people mean when nothing else is said (海口龙华区 is still Haikou's).
            found = keys.setdefault(alias, [])
            found[:] = [c for c in found if c.code != code] + [Candidate(code, True, preferred=True)]
        elif code in places:
            keys.setdefault(alias.lower(), []).append(Candidate(code, True))
    frozen = {key: tuple(found) for key, found in keys.items()}
    return Gazetteer(
        places=MappingProxyType(places),
        keys=MappingProxyType(frozen),
        longest_key=max((len(key) for key in frozen), default=0),
        cue_only=cue_only,
    )


def load_gazetteer() -> Gazetteer:
    """Read the gazetteer shipped with the package (never the shared source data), with the aliases of
    data/places.toml."""
    data = resources.files("dialogs.nlu").joinpath("data")
    blob = data.joinpath(DATA_FILE).read_bytes()
    groups = lexicon("places")["aliases"]
    aliases = {alias: str(code) for group in groups.values() for alias, code in group.items()}
    spelled = [(key, code) for key, code in _pinyin_keys(data.joinpath(PINYIN_FILE).read_bytes()) if key not in aliases]
    cue_only = frozenset(groups.get("in_context", {}))
    preferred = frozenset(groups.get("districts", {}))
    return parse_gazetteer(gzip.decompress(blob).decode("utf-8").split("\n"), aliases, cue_only, spelled, preferred)


def _pinyin_keys(blob: bytes) -> list[tuple[str, str]]:
    """(spelling, code) for every division a spelling names (changan: two districts named 长安)."""
    pairs: list[tuple[str, str]] = []
    for line in gzip.decompress(blob).decode("utf-8").split("\n"):
        if line:
            spelled, codes = line.split("\t")
            pairs.extend((spelled, code) for code in codes.split(","))
    return pairs


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
    text = text.translate(_ASCII_LOWER)  # pinyin aliases in any case (same length: spans hold)
    for start in range(len(text) - 1):
        for end in range(min(len(text), start + gazetteer.longest_key), start + 1, -1):
            candidates = gazetteer.keys.get(text[start:end])
            if candidates and _inside_a_word(text, start, end):
                continue  # "xian" inside "xianzai" is no place
            key = text[start:end]
            if candidates and text[end : end + 1] == "村" and not _ends_as_division(gazetteer, key, candidates):
                continue  # 坪地村 is a village, not 坪地 (彝族乡) said short; 新市村 not 新市区
            if candidates and _NUMERALS_ONLY.fullmatch(key) and not text.endswith(_NUMERAL_PLACE_CUES, 0, start):
                continue  # 多的时候八千 is pay, not 郑州's 八千乡; 今年五十 an age (在二七 still names 二七区)
            if candidates:
                if not mentions or end > mentions[-1].end:
                    mentions.append(Mention(start, end, candidates))
                break
    return mentions


# Short forms that are numbers (八千, 五十, 二七): a place only right after a verb of place.
_NUMERALS_ONLY = re.compile(r"[一二三四五六七八九十百千万两零〇]+")
_NUMERAL_PLACE_CUES = ("在", "去", "到", "回", "住", "从")


# The last character of a division's full name: 坪地乡村 would still name the township.
_DIVISION_ENDS = frozenset("省市州盟县区旗乡镇")


def _ends_as_division(gazetteer: Gazetteer, key: str, candidates: tuple[Candidate, ...]) -> bool:
    """坪地乡 ends as the township's name does (坪地彝族乡); 新市 ends in 市 but names 新市区 and 新市镇."""
    return key[-1] in _DIVISION_ENDS and any(
        (place := gazetteer.places.get(c.code)) is not None and place.name.endswith(key[-1]) for c in candidates)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """A Latin key glued to other Latin letters."""
    if not text[start].isascii():
        return False
    before = start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()
    after = end < len(text) and text[end].isascii() and text[end].isalpha()
    return before or after


# 喺 is Cantonese 在; 离/靠近 measure distance from a place (离米脂近的, 靠近梅州).
_CUE_BEFORE = (*"在去到从是回来住离喺往返嚟 ,", "老家", "家乡", "户口", "靠近", "去了", "到了", "来了", "回了")
_CUE_AFTER = (
    *("的", "人", "那", "这", "县", "市", "城", "老家", "打工", "上班", "干", "做", "有", "找", "进"),
    *("附近", "周边", "一带", "近", "方向", "境内", "片区", "哪"),
)


# A village's own last character (石门坎, 李家坳, 白岩寨): a short form glued before one is the start of the village's
# name, not the county (石门坎 is a village of 威宁, not 石门县), when the name ends there.
_VILLAGE_TAIL = re.compile(r"[坎坳垭寨屯湾沟坡坪坝堡岭峪垸冲塘洼岔](?:村|组|的|\s|$)")


def _said_as_place(text: str, mention: Mention) -> bool:
    """Whether a short form stands where a place name would (在会泽, 赫章这边, 纳雍 alone) rather
    than inside an ordinary word (考上高中 is not 上高县)."""
    start, end = mention.start, mention.end
    if _VILLAGE_TAIL.match(text, end):
        return False
    cue_after = text.startswith(_CUE_AFTER, end)
    if start > 0 and _is_han(text[start - 1]) and not text.endswith(_CUE_BEFORE, 0, start):
        # Glued to a preceding word (王秀英 is a person, not 秀英区): only a place cue after it counts.
        return cue_after
    return start == 0 or text.endswith(_CUE_BEFORE, 0, start) or end == len(text) or text[end].isspace() or cue_after


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _index(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions by each code that can contain another (2/4/6 digits), for _support."""
    by_code: dict[str, list[Mention]] = {}
    for mention in mentions:
        for candidate in mention.candidates:
            if len(candidate.code) < 9:
                by_code.setdefault(candidate.code, []).append(mention)
    return by_code


def _support(code: str, mention: Mention, by_code: dict[str, list[Mention]]) -> int:
    """Length of the most specific division containing `code` that another mention (one not
    overlapping `mention`) may name; 0 if none.

    Looked up by prefix rather than by scanning every other mention, so a long message full of
    place names costs linear time, not quadratic."""
    for length in (6, 4, 2):
        if length < len(code):
            # Only mentions near this one can overlap it, so the scan stops after a few at most.
            for other in by_code.get(code[:length], ()):
                if other.end <= mention.start or other.start >= mention.end:
                    return length
    return 0


_PLACE_VERBS = ("在", "去", "到", "来", "回", "从", "住", "跑", "进")


def _resolve_mention(
    text: str,
    mention: Mention,
    by_code: dict[str, list[Mention]],
    places: Mapping[str, Place],
    cue_only: frozenset[str] = frozenset(),
) -> str | None:
    if text[mention.start : mention.end].lower() in cue_only and not text.endswith(_PLACE_VERBS, 0, mention.start):
        return None  # 义务教育 is no 义乌
    scored = [(candidate, _support(candidate.code, mention, by_code)) for candidate in mention.candidates]
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
    favoured = [c.code for c, s in scored if c.preferred and (c.code, s) in usable]
    if len(favoured) == 1:
        return favoured[0]  # 龙华 alone: Shenzhen's (data/places.toml, aliases.districts)
    # Unsupported and ambiguous: a unique highest-level reading wins (朝阳 -> 朝阳市 over 朝阳区),
    # but never a township, which would be a guess among equals.
    shallowest = min(len(code) for code, _ in usable)
    top = [code for code, _ in usable if len(code) == shallowest]
    if len(top) > 1 and shallowest == 6:
        # A county said alone is a county (五华 -> 五华县, not Kunming's 五华区): a city district is
        # named after its city (昆明五华), and the people we serve come from counties.
        counties = [code for code in top if not places[code].name.endswith("区")]
        top = counties or top
    return top[0] if len(top) == 1 and shallowest < 9 else None


# Words right before a place that is left behind (不在贵阳了, 离开东莞, 从深圳); also dialogs/nlu/places.py.
LEFT_BEHIND = re.compile(r"(?:不在|离开了?|从)\s*$")


def resolve(gazetteer: Gazetteer, text: str) -> Place | None:
    """The most specific division named in (normalised) text, or None."""
    mentions = find_mentions(gazetteer, text)
    by_code = _index(mentions)
    resolved: list[str] = []
    left: set[str] = set()
    countyless: set[str] = set()
    for mention in mentions:
        code = _resolve_mention(text, mention, by_code, gazetteer.places, gazetteer.cue_only)
        if code is not None:
            resolved.append(code)
            if LEFT_BEHIND.search(text, 0, mention.start):
                left.add(code)
            if len(code) > 6 and _support(code, mention, by_code) < 6:
                countyless.add(code)
    # 贵州威宁县城关镇: 城关镇 placed by the province alone (施秉县's) is not the county named's (威宁 has none left):
    # a township whose county is not said never beats a county that is.
    counties = {code for code in resolved if len(code) == 6 and code not in left}
    resolved = [code for code in resolved if code not in countyless or not counties - {code[:6]}] or resolved
    if not resolved:
        return None
    # 我不在贵阳了 去遵义了, 从东莞到了深圳: the place left is not where they are, when another is named.
    resolved = [code for code in resolved if code not in left] or resolved
    said = Counter(resolved)

    # Prefer the division that the other named places confirm as its parents (云南昭通镇雄 ->
    # 镇雄县, not the unrelated 通镇 hiding across 昭通|镇雄), then the deepest; among equals the
    # first said (usually the place the sentence is about).
    def rank(code: str) -> tuple[int, int]:
        parents = sum(said[code[:length]] for length in (2, 4, 6) if length < len(code))
        return parents, len(code)

    return gazetteer.places[max(resolved, key=rank)]
