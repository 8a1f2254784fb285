"""A message that corrects an answer already given: by the summary's number ("18不对 工资有时候拖",
"第5条不对 户口是威宁石门乡的") or by the field's name ("身份证号填错了 是…", "电话不对")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dialogs.flows.survey.vocabulary import correction_cue, field_name_pattern, field_of_name

_BY_NUMBER = re.compile(
    r"^\s*第?\s*(\d{1,2})\s*(?:条|项|个|行|号)?\s*(?:不对|错了|错|有误|要改|改一下|改成|改为|改|应该是|是)"
)
# At the summary, "10 宏达电子厂" / "3、13812345678": the field's number, then its new value, no word between.
# Not a number that is a month, a day, an age or an amount (3月开始干的, 5千).
_NUMBER_THEN_VALUE = re.compile(
    r"^\s*第?\s*(\d{1,2})\s*(?:条|项|行)?(?:[\s.、:：,，]+|(?=[^\d\s]))(?![月年号日个岁点块元千万百天周])(?=\S)"
)
# Pay that went up or down (工资涨了, 工钱降到四千): the month's pay is what changed.
_PAY_MOVED = re.compile(r"涨|降|加了|少了|多了")
_NOISE = re.compile(r"^[\s,，。.:：!！、]+|[\s,，。.:：!！、]+$")


@dataclass(frozen=True, slots=True)
class Correction:
    field: str
    values: tuple[str, ...]  # what the message may give as the new value, best guess first ("" if none)


# A Han character right before the field's name: the name is the end of a word (新华村), not said on its own.
_NAME_ENDS_WORD = re.compile(r"[\u4e00-\u9fff](?=村)")
# Words around a correction that are no value (还有单位写错了, 那个电话不对).
_FILLER = re.compile(r"^(?:还有|还|也|另外|那个|这个|就是|我的|我|刚才|刚刚|之前|前面|上面)+$")
_STATED = re.compile(r"\s*(?:是|叫|在|:|：|写|填)")
_DENIED = re.compile(r"不是[^\s,，。;；]+")


def _candidates(rest: str) -> tuple[str, ...]:
    """The new value, as the rest of the message may hold it: 是王秀兰 不是王秀莲 -> 王秀兰."""
    rest = _DENIED.sub(" ", rest)
    found = [correction_cue().sub(" ", rest)]
    if "是" in rest:
        found.insert(0, rest.rsplit("是", 1)[1])
    values = (_FILLER.sub("", _NOISE.sub("", v)) for v in found)
    return tuple(dict.fromkeys(value for value in values if value))


def find_correction(
    text: str, fields: Sequence[str], *, need_cue: bool = True, by_number: bool = True,
    numbered: Sequence[str] | None = None,
) -> Correction | None:
    """The field a message corrects, among `fields` (the summary's order), and the candidate new values.

    By number (only where the numbered summary is on screen) with a word saying it is wrong; by name with
    such a word too. Unless `need_cue` is off: at the summary, "身份证号是…" and "10 宏达电子厂" are corrections
    as they stand (the caller keeps them only when the value parses). `numbered`: the items as the summary
    numbers them, where it leaves some out (SMS); `fields` by default."""
    said = unicodedata.normalize("NFKC", text)
    by = _BY_NUMBER.match(said) if by_number else None
    if by is None and by_number and not need_cue:
        by = _NUMBER_THEN_VALUE.match(said)
    if by:
        index = int(by.group(1))
        items = fields if numbered is None else numbered
        if 1 <= index <= len(items):
            return Correction(items[index - 1], _candidates(said[by.end() :]))
        return None
    named = field_name_pattern().search(said)
    if named is None:
        return None
    field = field_of_name()[named.group(0)]
    if field == "wages_on_time" and _PAY_MOVED.search(said) and "monthly_income" in fields:
        field = "monthly_income"  # 工资涨了 现在五千五: the pay, not whether it comes on time
    if field in ("wages_on_time", "monthly_income") and field not in fields and "expected_income" in fields:
        field = "expected_income"  # 工资改成四千 from someone looking for work: the pay wished (it was a new job)
    if field not in fields:
        return None
    if not correction_cue().search(said) and (need_cue or not _STATED.match(said, named.end())):
        return None  # without a word saying it is wrong, only "身份证号是…" / "村是石门坎" states a value
    rest = said[: named.start()] + " " + said[named.end() :]
    values = _candidates(rest)
    if _NAME_ENDS_WORD.match(said, max(0, named.start() - 1)) and named.group(0) == "村":
        # 不对 是新华村: the 村 ends the new village's name, no field named apart (it was saved as 新华)
        values = _candidates(said)
    if field == "employer" and _BOSS_REMARK.match(said, named.end()):
        return None  # 新老板是个好人: what the boss is like, not a new employer (it saved employer 个好人)
    return Correction(field, values)


# What a boss is like (是个好人, 人挺好, 对我们不错): no employer's name.
_BOSS_REMARK = re.compile(
    r"\s*(?:是|也是)?\s*(?:一?个)?(?:好人|坏人|好老板|人(?:很|挺|蛮|还|不错|好|坏)|很|挺|蛮|不错|还行|对(?:我|俺))"
)
