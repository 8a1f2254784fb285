"""What someone whose form is saved tells in passing, with no dialog open, that the form keeps (pure).

"工资这个月按时发了": the wages paid on time (recorded, thanked); "先做到年底再说": the work goes on until then, its
end expected and asked after (the check-in's own reading and reply, dialogs/flows/checkin/answers.py: work_ends);
"我会开挖机": a skill, added to those recorded and said back. Each was "没太明白" and the menu, or "好的, 知道了"
with nothing kept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from dialogs import nlu
from dialogs.flows.checkin.answers import closing_then, parse_on_hold, sent_home, work_ends
from dialogs.flows.checkin.flow import CHECKIN as CHECKIN_FLOW
from dialogs.flows.checkin.flow import NAME as CHECKIN_STATE
from dialogs.flows.checkin.flow import RECHECK_DAYS
from dialogs.flows.rights import report_rights_issue
from dialogs.flows.survey.late import only_skills
from dialogs.types import JsonDict, StepContext, StepResult

WAGES_PAID = "idle.told.wages_paid"
SKILL_ADDED = "idle.told.skill_added"
PAUSED = "idle.told.paused"
ENDING = "checkin.ending"  # the check-in's reply to the same words
CATALOG_KEYS = frozenset({WAGES_PAID, SKILL_ADDED, PAUSED})
# 工资这个月按时发了, 这个月工资准时到账了, 工钱都结清了: paid, told (not asked: 工资发了吗; nor denied: 还没发).
_WAGES_PAID = re.compile(r"(?:工资|工钱|薪水|薪资)[^,，。!！?？]{0,6}?(?:按时|准时|及时|都|全|足额)?"
                         r"(?:发了|发的|发下来了|到了|到账了?|结了|结清了?|给了|拿到了|打过来了|打卡上了)")
# Paid, but not all of it (发了 就是少了五百, 只发了一半, 还差两千, 扣了三百).
_SHORT = re.compile(r"少了|少给|少发|差了|还差|还欠|欠了|扣了|克扣|只发了?|没发全|没发够|没给全|一半")
# Wages held back to a far day (老板说过年前一起结, 工钱年底统一结, 干完才给钱): due monthly by law.
# (干到年底 结了工钱就回来 says no more than when they will be paid off: not one.)
# 这个月工资下个月一起发: a month's pay put off to the next, late pay as the check-in reads it (its _PAID_LATE).
_DEFERRED = re.compile(r"(?:过年|年前|年底|年后|腊月|完工|干完|做完|工程完)[^,，。]{0,4}(?:一起|一块|一次性|统一|才)"
                       r"(?:结|算|给|发|付)|"
                       r"(?:工资|工钱|薪水)[^,，。\s]{0,6}?下下?个?月(?:再|才|一起|一块|统一)?(?:结|给|发|算|付)")
# Who or what is paid late (年底结婚 is no wages held back).
_MONEY = re.compile(r"工资|工钱|钱|账|老板|包工头|工头|厂里")
WAGES = "工资"  # the word the rights report's issue is read from (dialogs/flows/rights.py: ISSUE_WORDS)
_NOT_SO = re.compile(r"没|不|未|欠|拖|少|差|吗|么|没有|[?？]")
# The check-in's kind the recheck asks again with (scheduler/: the check-in of someone in work).
CHECKIN = "checkin"


def tells(r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
    """Record what the message tells of the person's own work, and answer; True when it told something kept."""
    text = understanding.text
    survey = r.state.get("survey")
    answers = survey.get("answers") if isinstance(survey, dict) else None
    if not isinstance(answers, dict) or not answers.get("employment_status") or nlu.is_question(text):
        return False
    employed = answers.get("employment_status") == "employed"
    said = nlu.normalize(text)
    if employed and ((_WAGES_PAID.search(text) and _SHORT.search(said))
                     or (_DEFERRED.search(said) and _MONEY.search(said))):
        # 工资发了 就是少了五百: paid short; 老板说过年前一起结: held back to the year's end (wages are due monthly):
        # a rights matter for the caseworker (each was "没太明白" and the menu), about the wages where no word says so.
        report_rights_issue(r, replace(understanding, normalized=f"{WAGES} {understanding.normalized}"), ctx)
        return True
    if employed and _WAGES_PAID.search(text) and not _NOT_SO.search(nlu.normalize(text)):
        _record(r, answers, {"wages_on_time": "yes"}, ctx, booleans=True)
        r.say(WAGES_PAID)
        return True
    if employed and understanding.status in ("job_lost", None) and _MAY_PAUSE.search(said) and (
            understanding.status == "job_lost" or _THE_WORK.search(said)) and parse_on_hold(text) == "on_hold":
        _paused(r, text, ctx)
        return True
    if employed and CHECKIN_FLOW.told_at_home(r, text, ctx):
        return True  # 我回来了 不出去了: the check-in's reading and question (it was "没太明白" and the menu)
    ends = work_ends(text, ctx.today) if employed else None
    if ends is not None and not closing_then(text):
        # The check-in's reading: in post, the end expected, asked again the day after it (checkin_recheck).
        r.say(ENDING, month=ends.month, day=ends.day)
        r.emit("checkin_recheck", work=CHECKIN, status="employed", ends=ends.isoformat(),
               days=max(1, (ends - ctx.today).days + 1), recheck=1)
        return True
    skills = only_skills(text)
    if skills:
        known = [s for s in re.split(r"[、,，\s]+", str(answers.get("skills") or "")) if s]
        new = [s for s in skills if s not in known]
        if new:
            _record(r, answers, {"skills": "、".join([*known, *new])}, ctx)
        r.say(SKILL_ADDED, skills="、".join(skills))
        return True
    return False


# The words of a pause (停工 等通知, 让我们先回家, 歇业): only then is the check-in's reading tried.
_MAY_PAUSE = re.compile(r"[停回歇等]")
# The work or the workplace named (厂里停工了 等通知), unless the NLU reads job news: 面试完了 等通知 is no pause.
_THE_WORK = re.compile(r"厂|工地|老板|公司|店|活|工|车间|单位|包工头|上班")


def _paused(r: StepResult, text: str, ctx: StepContext) -> None:
    """厂里停工了 等通知, 老板说没活了 让我们先回家 with no dialog open: the check-in's reading of the same words, a
    pause (it started the unemployment registration): the answer on_hold recorded as the check-in records it (its
    event, and the check-in's state, so that the week's recheck reads 还是没活 as still paused), the same recheck, and
    one reply saying what comes next and that 不干了 starts the registration."""
    held = r.state.get(CHECKIN_STATE)
    ci: JsonDict = held if isinstance(held, dict) else {}
    ci.update(answered=True, answer="on_hold", answered_at=ctx.now.isoformat(), told=True)
    r.state[CHECKIN_STATE] = ci
    r.emit("checkin_answered", work=CHECKIN, answer="on_hold", due_date=None, channel=ctx.channel, told=True,
           sent_home=sent_home(text))
    r.emit("checkin_recheck", work=CHECKIN, status="employed", days=RECHECK_DAYS, recheck=1)
    r.say(PAUSED)


def _record(r: StepResult, answers: JsonDict, values: dict[str, Any], ctx: StepContext, *,
            booleans: bool = False) -> None:
    """Into the form with its history (actor `laborer`), as the check-in records its answers."""
    changed = {k: v for k, v in values.items() if answers.get(k) != v}
    for field, value in changed.items():
        r.emit("field_changed", field=field, old=answers.get(field), new=value, channel=ctx.channel, actor="laborer")
        answers[field] = value
    if changed:
        r.emit("form_fields_updated", fields={k: v == "yes" if booleans else v for k, v in changed.items()})
