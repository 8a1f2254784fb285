"""Hardship said in passing ("家里等着用钱", "孩子上学要钱", "实在揭不开锅了"): the caseworker hears of it (the seed's
measure 五 asks for care of the poor laborers and their families), and the person is answered kindly and told of the
help that exists (work now, the money that fits them, a technical school free for the children of registered
households) — never read as news of work or a question to refer.

`told(text)` finds it; the engine emits `human_requested` with reason `hardship` (an alert in its own words,
bot/casework/effects.py) and says `reply_key` when it was all the message said, else `NOTED` before the answer to
the rest (read without the hardship words: "实在揭不开锅了 有活吗" asks for work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.nlu.memo import short_memo

HARDSHIP, SCHOOL, NOTED = "policy.hardship", "policy.hardship_school", "policy.hardship_noted"
ILLNESS = "policy.hardship_illness"
CATALOG_KEYS = frozenset({HARDSHIP, SCHOOL, NOTED, ILLNESS})
REASON = "hardship"
# Money short at home, said as people say it. Not money owed by a boss (欠钱, 不给钱: a rights report).
_HARDSHIP = re.compile(
    r"(?:家里|家中|屋里|俺家|我家)?(?:等着|急着|急)用钱|急需(?:用)?钱|缺钱|(?<!老板)(?<!老闆)(?<!厂里)(?<!公司)(?<!工地)(?:没|没有)钱(?:了|用|花|吃饭|看病|买|交|过年)"
    r"|揭不开锅|吃不上饭|吃不饱饭?|(?:日子|生活)(?:太|很|实在|真)?(?:难过|难|苦|过不下去|不好过|困难)|活不下去|过不下去了?"
    r"|家里(?:太|很|实在|真)?(?:困难|穷|难)|(?:娃|孩子|小孩|儿子|女儿|闺女)(?:上学|读书|念书|的学费)(?:要|缺|没|等着用)?钱"
    r"|学费(?:交不起|凑不齐|没着落|还没凑|不够)|看病(?:没钱|要钱|花了好多钱|欠)"
)
_SCHOOL = re.compile(r"上学|读书|念书|学费")
# A family member's illness told with the hardship (我老婆生病了 家里困难): the cause of it, part of the same news, not
# a message of its own. Said alone it is no hardship ("我老婆住院了 我在家照顾" at a check-in asks about the job).
_FAMILY_ILL = re.compile(
    r"(?:我|俺)?(?:家)?(?:的)?(?:老婆|媳妇|爱人|老公|男人|孩子|娃|小孩|儿子|女儿|闺女|老人|父亲|母亲|老爹|老娘|爹|娘|爸爸?|妈妈?"
    r"|公公|婆婆|家里人|家人|家里老人)(?:得了?|又|一直|常年|长期)?(?:生病|病了|生了病|有病|住院|看病|身体不好|做手术|动手术|瘫了|瘫痪)"
    r"(?:了|住院了)?|(?:大病|重病)")
# What is left of a message once its hardship words are taken out, when nothing else was said.
_FILLER = re.compile(r"[\s,，。.!！?？~～、…]+|实在|真的|真是|确实|都|了|啊|呀|呢|哎|唉|嘛|吧|啦|现在|最近|这阵子"
                     r"|这段时间|家里")


@dataclass(frozen=True, slots=True)
class Hardship:
    said: str  # the message
    rest: str  # what else it says ("有活吗"), "" when nothing
    school: bool  # about a child's schooling
    illness: bool = False  # a family member's illness told as its cause

    @property
    def reply_key(self) -> str:
        return SCHOOL if self.school else ILLNESS if self.illness else HARDSHIP


@short_memo
def told(text: str) -> Hardship | None:
    """The hardship a message tells, or None (most messages: one regular-expression search)."""
    found = list(_HARDSHIP.finditer(text))
    if not found:
        return None
    rest = _HARDSHIP.sub(" ", text)
    illness = _FAMILY_ILL.search(rest) is not None
    rest = _FAMILY_ILL.sub(" ", rest)
    rest = "" if not _FILLER.sub("", rest) else re.sub(rf"^(?:{_FILLER.pattern})+", "", rest)
    return Hardship(said=text, rest=rest.strip(), school=any(_SCHOOL.search(m.group(0)) for m in found),
                    illness=illness)
