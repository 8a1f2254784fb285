"""How a reply stands to the question it follows: "I don't know", a hedged or partial yes/no, or a question
back. The vocabulary is data (data/replies.toml); this module only combines it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dialogs.nlu import intents
from dialogs.nlu.intents import TRAILING, TRIM, canonical, yes_no
from dialogs.nlu.lexicon import alternation


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(alternation("replies", key))


def _parts(normalized: str) -> list[str]:
    text = canonical(normalized)
    return [p for p in (TRAILING.sub("", part) for part in TRIM.split(text) if part) if p]


def is_dont_know(normalized: str) -> bool:
    """不记得了, 本本没带 记不得, 具体地址不知道, 不晓得交没交: nothing but not knowing."""
    parts = _parts(normalized)
    if not parts:
        return False
    phrases, fillers = _pattern("dont_know.phrases"), _pattern("dont_know.fillers")
    said = "".join(parts)
    if not phrases.search(said):
        return False
    return not fillers.sub("", phrases.sub("", said))


@dataclass(frozen=True, slots=True)
class YesNo:
    """A yes/no answer and whether it was hedged (to be confirmed once before it is saved)."""

    value: bool
    hedged: bool = False


_NEVER_LATE = re.compile(r"(?:没|不|从不|从没|从来没|不存在|不会)有?(?:拖|欠|压|押|晚|不按时|不准时|没给|没发)")


def yes_no_reading(normalized: str, *, late_means_no: bool = False) -> YesNo | None:
    """Yes or no, honestly: not yet (还没签, 试用期) is no; doubtful, partial or "mostly" is hedged; with
    `late_means_no` (wages), any delay or lump-sum payment is no whatever qualifies it."""
    parts = _parts(normalized)
    text = "".join(parts)
    if not text:
        return None
    # Within a part: 没有 欠了三个月了 is "no, three months owed", not 没有欠 (never owed).
    never_late = any(_NEVER_LATE.search(part) for part in parts)
    if late_means_no:
        if never_late:
            return YesNo(True)
        if _pattern("hedges.late_pay").search(text):
            return YesNo(False)
    if _pattern("hedges.not_yet").search(text):
        return YesNo(False)
    qualifiers = [_pattern(key) for key in ("hedges.doubt", "hedges.mostly", "hedges.partial")]
    core = text
    for qualifier in qualifiers:
        core = qualifier.sub("", core)
    verdict = yes_no(core) if core else None
    if verdict is None and core != text and _pattern("hedges.partial").search(text):
        verdict = True  # 只交了医保: something was paid; whether it counts is confirmed once
    if verdict is None:
        return None
    return YesNo(verdict, hedged=core != text)


# What a question ends with: 要钱不, 交了没, 行吗 (不 after a pronoun or adverb is a plain no: 我不, 也不;
# 嘛 ends statements as often as questions: 出来打工嘛).
_QUESTION_END = re.compile(r"(?:吗|么|伐|不咯|没得|了没有?|(?<![我你他她也都还就并可绝从决])不)$")


# 咋样的活都中, 什么样的都行: "whatever kind", said of what one would take (after canonical(): 咋 -> 怎么).
_WHATEVER = re.compile(r"(?:怎么样|什么样|什么)的?[^\s,，。]{0,3}?都(?:中|行|可以|干|成|做)")
# 叫干啥就干啥, 有啥干啥, 去哪就去哪: whatever comes, said the way it is; no question.
_WHATEVER_COMES = re.compile(r"(?P<w>啥|什么|哪里|哪儿|哪)就?[^\s,，。?？]{1,2}?(?P=w)")


# 不知道叫啥, 不晓得是哪个厂: not knowing what, which is said, not asked.
_NOT_KNOWING_WHAT = re.compile(
    r"(?:不知道|不晓得|不清楚|搞不清|记不得|记不清|忘了)(?:叫|是|在)?(?:啥|什么|哪个|哪家|哪里|哪儿|多少)(?:名字|厂|单位)?"
)


def is_question(normalized: str) -> bool:
    """A question back (问一下 这个要钱不, 登记了有啥好处, 要填多久?) rather than an answer."""
    if "?" in normalized or "？" in normalized:
        return True
    parts = _parts(normalized)
    if not parts:
        return False
    said = _WHATEVER.sub(" ", " ".join(parts)).strip()  # 咋样的活都中: whatever work, no question
    said = _WHATEVER_COMES.sub(" ", said).strip()
    said = _NOT_KNOWING_WHAT.sub(" ", said).strip()  # 不知道叫啥 就在镇上: not known, no question
    if not said:
        return False
    if _pattern("questions.openers").match(said):
        return True
    if _pattern("questions.cues").search(said):
        return True
    # Any clause may be the question: 这个要填吗 不想给老板电话.
    clauses = re.split(r"[\s,，。.!！~]+", _WHATEVER_COMES.sub(" ", _NOT_KNOWING_WHAT.sub(" ", canonical(normalized))))
    return any(len(clause) >= 3 and _QUESTION_END.search(clause) for clause in clauses)


def mentions_dont_know(normalized: str) -> bool:
    return _pattern("dont_know.phrases").search("".join(_parts(normalized))) is not None


def is_none(normalized: str) -> bool:
    """没有 / 没有这个 / 不会啥: nothing to record for an optional question."""
    said = "".join(_parts(normalized))
    if not said:
        return False
    rest = _pattern("dont_know.fillers").sub("", _pattern("dont_know.none").sub("", said))
    return _pattern("dont_know.none").search(said) is not None and not rest


def is_later(normalized: str) -> bool:
    """等下 有人叫我 / 在忙 晚点说: no answer yet."""
    parts = _parts(normalized)
    return bool(parts) and sum(map(len, parts)) <= 16 and _pattern("later.words").search("".join(parts)) is not None


def is_bare_reply(normalized: str) -> bool:
    """好的 / 嗯 / 谢谢 / 你好: a reply that says nothing a text question could record."""
    return intents.whole_reply(canonical(normalized)) in ("affirm", "greeting", "help") or not _parts(normalized)


# 好嘛 1 / 1 好的 / 嗯 选2 / 2吧: an option number with nothing but a yes or 选 / 吧 around it.
_ONE_NUMBER = re.compile(r"^(\D*?)\s*(\d{1,2})\s*(\D*)$")
_PICKING = re.compile(r"[我那就选吧]")


def number_with_yes(normalized: str) -> str | None:
    """The option number of 好嘛 1 / 1 好的 / 我选2 / 2吧, or None when the words around it say more."""
    found = _ONE_NUMBER.match(normalized.strip())
    if found is None:
        return None
    words = _PICKING.sub("", "".join(part.strip() for part in (found.group(1), found.group(3))))
    if words and intents.whole_reply(canonical(words)) != "affirm":
        return None
    return found.group(2)
