"""Plans for after the Spring Festival said at a check-in ("过完年去", "年后去广东", "过完年出去打工"): going out to
work or to look for it then, nothing settled yet (a job promised is `promised_after_festival`'s)."""

from __future__ import annotations

import re

from dialogs import forms
from dialogs.nlu.lexicon import alternation

_AFTER_FESTIVAL = alternation("time", "festival.after_new_year")
_PARTS = re.compile(r"[\s,，。;；!！~]+")
# The festival's end (or next spring), then going out, maybe a place and what for; nothing more in the message.
_PLAN = re.compile(
    rf"^(?:等|打算|准备|想)?(?:{_AFTER_FESTIVAL}|明年|开春)(?:了)?(?:我|俺)?(?:就|再|才|还是?|打算|准备|想)?"
    r"(?:出去|出门|去|到|上)(?P<place>[\u4e00-\u9fff]{0,6}?)"
    r"(?:找(?:个|点)?(?:活|工作|事|厂|班上)?|打工|干活|做事|看看|闯闯|挣钱)?(?:吧|呢|嘞|了|啊|哦)*$"
)
# Words that make it a job promised or work now, not a plan (说好了过完年去上班, 过完年去厂里).
# (过完年再去找: looking put off, not looking for now: check16's reading, willing_to_work later)
_NOT_A_PLAN = re.compile(r"说好|让我|叫我|答应|上班|厂里|进厂|那边|原来|再去?找")


# In English (the en locale): "after the New Year", "going to Guangdong after Spring Festival".
_EN_PLAN = re.compile(r"\bafter (?:the )?(?:chinese )?(?:new year|spring festival|festival|holiday)\b")
_EN_NOT_A_PLAN = re.compile(r"\b(?:promised|start(?:ing)?|boss|offered|found)\b")


def plans_after_festival(text: str) -> bool:
    """过完年去, 年后去广东, 过完年出去打工, 过了十五再出去找活: going out after the festival, nothing settled."""
    if text.isascii():
        lowered = text.lower()
        return _EN_PLAN.search(lowered) is not None and _EN_NOT_A_PLAN.search(lowered) is None
    squashed = forms.squash(text)
    if _NOT_A_PLAN.search(squashed):
        return False
    # (年后去浙江 老乡带我去: the plan, then who goes with them)
    return any(_PLAN.match(forms.squash(part)) for part in _PARTS.split(text.strip()) if part)
