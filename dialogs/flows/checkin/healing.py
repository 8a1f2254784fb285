"""Reading the check-in's answers about health and a child on the way: how someone on sick leave is now (healed
and back, still off, or the job gone), whether an injured worker's wages and medical costs are paid, and whether
someone expecting still works, is on maternity leave or stopped."""

from __future__ import annotations

import re
from datetime import date

from dialogs import forms, nlu
from dialogs.nlu.lexicon import alternation
from dialogs.nlu.numerals import parse_numeral

_AFTER_FESTIVAL = alternation("time", "festival.after_new_year")

# Medical costs (or wages while off) an employer refuses after an injury: 医药费自己垫的 包工头不管, 老板不给报.
_COSTS = re.compile(r"医药费|医疗费|住院费|看病(?:的)?钱|治疗费|药费|手术费|工伤")
_REFUSED = re.compile(r"自己(?:垫|出|掏|付|花)|不管|不给|没给|不报|没报|不赔|没赔|不认|没人管|不出|没出|赖|"
                      # 给了一点, 只给了一半, 说等好了一起算: part of it, or put off (a rights matter too)
                      r"给了一点|一部分|一半|只给|只报|没给全|没给够|不够|一起算|一起结|再算|以后再说")
_NONE_PAID = re.compile(r"^(?:没|没有|不给|没得)(?:的|啊|呢)?$|一分(?:钱)?(?:都|也)?没")
_PAID = re.compile(r"^(?:都|也)?(?:给|报|出|赔|发|付)(?:了|的)?(?:的|啊|呢)?$|都给了|给了|报了|老板出|单位出|工伤保险|"
                   r"都(?:报|出|给|发)|照发|发了|赔了|管了|在管|管的")


# The same in English (the en locale): "I pay the medical bills myself", "the boss won't pay".
_EN_UNPAID = re.compile(r"\b(?:no|not paid|unpaid|nothing|myself|(?:won'?t|doesn'?t|didn'?t|does not|did not|will not|"
                        r"refuses? to) pay|refus\w*|a bit|a little|only (?:part|some|half)|part of it|half|not all)\b")
_EN_PAID = re.compile(r"\b(?:yes|paid|pays|covered|covers)\b")
_EN_COSTS = re.compile(r"\b(?:medical|hospital|doctor|treatment|bills?)\b")


def costs_refused(text: str) -> bool:
    """医药费自己垫的 包工头不管: the costs of treatment (or a work injury) not paid by whoever should (the
    speaker's own)."""
    if text.isascii():
        lowered = text.lower()
        return _EN_COSTS.search(lowered) is not None and _EN_UNPAID.search(lowered) is not None
    squashed = forms.squash(text)
    return _COSTS.search(squashed) is not None and _REFUSED.search(squashed) is not None and not (
        nlu.about_someone_else(text))


def parse_costs(text: str) -> str | None:
    """"paid" or "unpaid" at "养伤期间的工资和医药费, 老板给了吗?", or None when not understood."""
    squashed = forms.squash(text)
    if squashed in ("1", "2"):
        return "paid" if squashed == "1" else "unpaid"
    if text.isascii():
        lowered = text.lower()
        return "unpaid" if _EN_UNPAID.search(lowered) else "paid" if _EN_PAID.search(lowered) else None
    if _REFUSED.search(squashed) or _NONE_PAID.search(squashed):
        return "unpaid"
    return "paid" if _PAID.search(squashed) else None


# How someone on sick leave is now: healed and back at work, still off, or the job gone.
_HEALING_GONE = re.compile(r"不干了|辞了|没在那|不在那|没了|不要我|不要俺|开除|辞退|走了|离职|不去了|不做了|"
                           r"不让(?:我|俺)?(?:回去|干|去|上班)")
_HEALING_STILL = re.compile(r"还没好|没好|没全好|没养好|还在养|养着|在家|还不能|干不了|做不了|还疼|还痛|住院|复查|"
                            r"还没(?:回去|上班|去)|没回去|拄拐|打着石膏|好些了|好点了|好多了|慢慢|好一点|差不多|"
                            r"还(?:在)?(?:肿|疼|痛)|肿着|走不了|下不了地")
_HEALING_BACK = re.compile(r"好了|回去(?:上班|干活|干)?了|上班了|在上班|在干|开工了|回厂|能干了|干着呢|已经回去")
_EN_HEALING = (
    ("gone", re.compile(r"\b(?:not there|no longer|left|quit|lost (?:my|the) job|fired|let me go)\b")),
    ("still", re.compile(r"\b(?:still|recovering|not yet|resting|not better|at home|in hospital)\b")),
    ("back", re.compile(r"\b(?:back (?:at|to) work|back there|working again|better|healed|recovered|fine now)\b")),
)
_BACK_AFTER_BETTER = re.compile(r"(?:好些了|好点了|好多了)[^,，。]*(?:上班了|回去了|在干|在上班|开工了)")


# Healed, going back on a day to come (好了 过完年回去, 好多了 下礼拜回去): not back at work yet.
_RETURNING = re.compile(
    rf"(?:{_AFTER_FESTIVAL}|明天|后天|下(?:个)?(?:周|礼拜|星期|月)|过(?:几|两|些)天|过段时间|月底|[\d一二三四五六七八九十]+号)"
    r"(?:就|再|才)?(?:回去|去上班|上班|回厂|开工|过去)")


def parse_healing(text: str) -> str | None:
    """"back", "returning", "still" or "gone" at "上次您说…, 现在好些了吗?", or None when not understood."""
    squashed = forms.squash(text)
    if squashed in ("1", "2", "3"):
        return {"1": "back", "2": "still", "3": "gone"}[squashed]
    if text.isascii():
        lowered = text.lower()
        return next((choice for choice, words in _EN_HEALING if words.search(lowered)), None)
    if _HEALING_GONE.search(squashed):
        return "gone"
    if _RETURNING.search(squashed) and not _HEALING_STILL.search(squashed.replace("好多了", "")):
        return "returning"  # 好了 过完年回去
    if _BACK_AFTER_BETTER.search(squashed):
        return "back"  # 好多了 上周回去上班了
    if _HEALING_STILL.search(squashed) or costs_refused(text):
        return "still"
    return "back" if _HEALING_BACK.search(squashed) else None


# Expecting, asked whether still at work: at work, on maternity leave, or stopped (to wait for the birth).
_EN_MATERNITY = (
    ("stopped", re.compile(r"\b(?:stopped|quit|left|not working|gave up|resigned)\b")),
    ("leave", re.compile(r"\b(?:leave|off work|time off)\b")),
    ("working", re.compile(r"\b(?:still (?:working|there|at work)|working|at work)\b")),
)
# 我怀孕了 in English: "I'm pregnant", "expecting a baby".
_EN_EXPECTING = re.compile(r"\b(?:pregnant|expecting(?: a baby)?|having a baby)\b")
_MATERNITY_STOPPED = re.compile(r"不干了|辞了|辞职|没干了|不做了|没做了|不去了|(?:回|在)家(?:待产|养胎)|待产")
_MATERNITY_LEAVE = re.compile(r"产假|请(?:了)?假|休假|保胎假|放(?:了)?假|歇着")
_MATERNITY_WORKING = re.compile(r"还在|在上班|在干|上着班|还上班|干着|做着|还干|还做|照常|正常上班|"
                                r"还没(?:休|到)?|下个?月(?:开始|才)?休")


# 预产期三月, 三月份生, 下个月就生了: when the child is due, told instead of the choice (still at work until then).
_DUE_IN = re.compile(r"预产期(?:是|在)?(?:大概|差不多|估计)?(?:是|在)?([一二三四五六七八九十]{1,2}|[0-9]{1,2}|下个?)月|"
                     r"([一二三四五六七八九十]{1,2}|[0-9]{1,2}|下个?)月(?:份)?(?:底|初|中)?(?:就)?(?:要)?生")


def due_month(text: str, today: date) -> int | None:
    """The month a child is due when the answer says it (预产期三月, 下个月生), else None."""
    if "月" not in text:
        return None  # (cheap: the answers with a month are few)
    found = _DUE_IN.search(forms.squash(text))
    if found is None:
        return None
    said = found.group(1) or found.group(2)
    if said.startswith("下"):
        return today.month % 12 + 1
    month = parse_numeral(said)
    return month if month is not None and 1 <= month <= 12 else None


def parse_maternity(text: str) -> str | None:
    """"working", "leave" or "stopped" at "您现在还在上班, 还是休产假了?", or None when not understood."""
    squashed = forms.squash(text)
    if squashed in ("1", "2", "3"):
        return {"1": "working", "2": "leave", "3": "stopped"}[squashed]
    if text.isascii():
        lowered = text.lower()
        return next((choice for choice, words in _EN_MATERNITY if words.search(lowered)), None)
    if _MATERNITY_STOPPED.search(squashed):
        return "stopped"
    if _MATERNITY_LEAVE.search(squashed):
        return "leave"
    return "working" if _MATERNITY_WORKING.search(squashed) else None


def on_maternity_leave(text: str) -> bool:
    """休产假了, 在休产假 (单位给交了生育保险), on maternity leave: in post, on leave; not a job given up."""
    if text.isascii():
        return re.search(r"\bmaternity leave\b", text.lower()) is not None and parse_maternity(text) == "leave"
    squashed = forms.squash(text)
    return "产假" in squashed and not _MATERNITY_STOPPED.search(squashed) and not nlu.about_someone_else(text) and (
        not nlu.is_question(text))


def expecting_in_english(text: str) -> bool:
    """"I'm pregnant" (and nothing of leaving): as 我怀孕了 alone, congratulated and asked whether she works still."""
    lowered = text.lower()
    return text.isascii() and _EN_EXPECTING.search(lowered) is not None and parse_maternity(text) is None
