"""The name a person gives for themselves: 俺叫张有才, 我是李春生, 本人刘建国, 姓名：王秀兰, or a name typed
first and then other facts (张有才 湖南隆回的 …)."""

from __future__ import annotations

import functools
import re

from dialogs.nlu.gazetteer import Gazetteer, find_mentions
from dialogs.nlu.lexicon import word_set, words

_PREFIX = re.compile(
    r"(?:(?:我|俺|咱|本人)(?:的)?(?:名字|姓名|大名|真名)(?:叫|是)?|(?:我|俺|咱|本人)(?:叫|是|系)|本人|名字(?:叫|是)|姓名(?:是)?|"
    r"(?:大名|学名|真名|身份证上(?:的名字)?)(?:叫|是)?|叫)"
    r"[:：\s]*"
)
# Fillers of speech typed as said (嗯那个, 呃, 就是), right before 我叫: the sentence starts after them.
_FILLER_BEFORE = re.compile(r"(?:^|[\s,，。.!！嗯啊呃额哦喂])(?:那个|这个|就是|呃|额|啊|哦|喂)$")
_HAN = re.compile(r"[\u4e00-\u9fff·]+")
# Stop characters that end many names when nothing follows them (罗永刚, 王家): 刚来 is "just came", 罗永刚 a name.
_NAME_LAST = frozenset("刚来家和今现都就还已老")


@functools.cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    single = "".join(words("names", "surnames.single")) + "".join(words("names", "surnames.minority"))
    return frozenset(single), word_set("names", "surnames.compound")


def _surname_length(text: str) -> int:
    single, compound = _surnames()
    if text[:2] in compound:
        return 2
    return 1 if text[:1] in single else 0


def _name_at(text: str, start: int, gazetteer: Gazetteer, *, whole: bool) -> str | None:
    """A surname and one or two given characters starting at `start`, cut before what ends a name."""
    run = _HAN.match(text, start)
    if run is None:
        return None
    candidate = run.group(0)
    surname = _surname_length(candidate)
    if not surname:
        return None
    end = min(len(candidate), surname + 2)
    stops = word_set("names", "names.stops")
    for index in range(surname, end):
        if candidate[index] in stops and not (index == len(candidate) - 1 and candidate[index] in _NAME_LAST):
            end = index
            break
    # A place glued after the name (张有才湖南隆回) is not part of it.
    for mention in find_mentions(gazetteer, candidate[: end + 4]):
        if surname < mention.start < end:
            end = mention.start
            break
    name = candidate[:end]
    if is_place_word(name):
        return None  # 石羊村 is a village, 石 a surname
    if end - surname < 1 or candidate[end : end + 1] == "的":
        return None  # 我是江华的: where one is from, not a name
    if whole and len(candidate) > end:
        return None  # a first word longer than a name is not one (新发村三组)
    return name


def _place_goes_on(text: str, start: int, name: str, gazetteer: Gazetteer) -> bool:
    """The name found at `start` is a place's name (or short form) and another place follows it at once (麻阳高村:
    麻阳 then 高村镇's 高村)."""
    window = text[start : start + len(name) + 6]
    mentions = find_mentions(gazetteer, window)
    return any(m.start == 0 and m.end == len(name) for m in mentions) and any(
        m.start == len(name) for m in mentions)


def is_place_word(text: str) -> bool:
    """石羊村, 新市村三组, 草海镇: a word ending as village and township names end (their first character is
    often a surname's), never a person's name."""
    return re.sub(r"[一二三四五六七八九十\d]+组$", "组", text).endswith(words("names", "names.place_ends"))


def find_name(normalized: str, gazetteer: Gazetteer, *, said_as_name: bool = False) -> str | None:
    """The speaker's own name in a longer message, after 我叫 / 我是 / 本人 …; or a name alone as the
    first word of a message that goes on with other facts (not with `said_as_name`: only a name said to be
    one, 我叫杨三贵 / 身份证上叫杨三贵, counts)."""
    for match in _PREFIX.finditer(normalized):
        # Only where a sentence starts (or after 你好 / 嗯): 他是李明的老乡 names someone else.
        if match.start() > 0 and normalized[match.start() - 1] not in " ,，。.!！:：;；好嗯" and not (
                _FILLER_BEFORE.search(normalized, 0, match.start())):
            continue  # (嗯那个我叫张德胜啊, typed as spoken: the filler starts the sentence too)
        found = _name_at(normalized, match.end(), gazetteer, whole=False)
        if found and match.group(0).rstrip(" :：").endswith(("是", "系")) and _place_goes_on(
                normalized, match.end(), found, gazetteer):
            continue  # 我是麻阳高村的: where one is from (麻阳县 高村镇), not the name 麻阳
        if found:
            return found
    first = re.match(r"\s*([\u4e00-\u9fff·]+)(?=[\s,，。])", normalized)
    if first and not said_as_name:
        return _name_at(normalized, first.start(1), gazetteer, whole=True)
    return None
