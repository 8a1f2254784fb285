"""The job-loss dialog: the unemployment registration (失业登记), the benefit answer and the one-on-one case.

Started by `start_job_loss` wherever a job loss is heard (no dialog open, the middle of the survey, a check-in
answer), with the facts already heard so that nothing is asked twice. It asks what it lacks, emits
`registration.submit` (the effect stores the registration, opens the case and answers with its numbers and
owner), then tells the person what they may get, where to claim, and who will contact them; the flow that
was open before (the survey) goes on. The diagram is in registration.mmd beside it.

State (`state["registration"]`, plain JSON):
    answers  the registration's answers (last_work_day as YYYY-MM-DD)
    field    the question awaited; phase: ask / submitted (waiting for the effect) / done
    misses   wrong answers in a row; return_to: the flow to go back to; id, at: the registration submitted
    insured_on_form  social insurance paid or not as the saved form said it: the insured question's answer
    month_asked  the month (YYYY-MM) whose day was just asked (是10月的哪一天?): 20号 or 不知道 next is read in it
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from dialogs import forms, nlu, policy
from dialogs.flow import end_flow
from dialogs.flows import english
from dialogs.flows.checkin.answers import rights_told, wish_beside
from dialogs.flows.registration.benefits import benefit
from dialogs.flows.registration.dates import MonthOnly, approximate, day_in_month, find_day, month_end
from dialogs.flows.registration.fields import (
    DURATION,
    FIELD_KEYS,
    NO_SERVICE,
    PLAN,
    REGISTRATION_FORM,
    SOCIAL_ONLY,
    WHICH_DAY,
    ends_ahead,
    known_answers,
    month_shown,
    parse_insured_years,
    read_insured,
    reason_in,
    services,
    years_in,
)
from dialogs.flows.registration.survey_sync import (
    help_wanted,
    keep_wish,
    not_lost,
    now_unemployed,
    plan_told,
    wishes_told,
)
from dialogs.flows.rights import (
    TOLD_KEYS,
    details_at_question,
    details_not_an_answer,
    report_rights_issue,
    tell_reported,
)
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.flows.survey.replies import WANTS_HELP
from dialogs.flows.survey.vocabulary import asks_for_jobs
from dialogs.forms import Invalid
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

log = logging.getLogger(__name__)

NAME = "registration"
SUBMIT = "registration.submit"
SUBMIT_RESULT = SUBMIT + ".result"
AWAITING_RESULT = "registration_submit"
STUCK_AFTER = 3
# A job loss told again this soon after a registration is the same one, not a new registration.
SAME_JOB_LOSS = timedelta(days=30)
_RIGHTS_CONFIDENT = 0.8


def employed_on_record(state: Mapping[str, Any]) -> bool:
    """Whether the survey recorded the person as working: news of a lost job is then a job loss to register
    (said by someone whose status we never heard, it is simply their status, for the survey)."""
    survey = state.get("survey")
    answers = survey.get("answers") if isinstance(survey, dict) else None
    return isinstance(answers, dict) and answers.get("employment_status") == "employed"


# Said when the menu is used while registering: the registration's questions come first.
FINISH_FIRST = "registration.finish_first"
# The opening, and its words for someone the form says has no employer's insurance (no benefits promised).
INTRO = "registration.intro"
INTRO_UNINSURED = "registration.intro_uninsured"
INTRO_QUIT = "registration.intro_quit"


def registering(state: Mapping[str, Any]) -> bool:
    """Whether the registration's questions are being asked (the menu's entries wait for them)."""
    fs = state.get(NAME)
    return state.get("flow") == NAME and isinstance(fs, Mapping) and fs.get("phase") == "ask"


def takes_job_loss(state: Mapping[str, Any], ctx: StepContext) -> bool:
    """Whether news of a lost job is this dialog's: work was on record, or it was registered lately (and is
    told so again)."""
    return employed_on_record(state) or _registered_lately(state.get(NAME) or {}, ctx)


# A key of job_loss_facts: the month (YYYY-MM) work stopped in, when no day was said with it.
MONTH_TOLD = "last_work_month"


def job_loss_facts(text: str, ctx: StepContext) -> dict[str, Any]:
    """What a job-loss sentence already says: "上个月底厂子倒闭了" gives the day and the reason."""
    facts: dict[str, Any] = {}
    day = ends_ahead(text, ctx.today) or find_day(text, ctx.today)
    if isinstance(day, date) and (day <= ctx.today or ends_ahead(text, ctx.today) == day):
        facts["last_work_day"] = day.isoformat()  # (超市关门了 干到月底: the end of this month)
    elif isinstance(day, MonthOnly) and day.month <= f"{ctx.today:%Y-%m}":
        facts[MONTH_TOLD] = day.month  # 上个月厂子倒闭了: only the month; its day is what to ask
    reason = reason_in(text)
    if reason is not None:
        facts["job_loss_reason"] = reason
    if boss_gone_wages_unsaid(text, ctx):
        facts[BOSS_GONE] = True  # 老板跑了: whether the wages were settled is asked once (dialogs below)
    if wished := wish_beside(text, ctx.today):
        facts[WISH_TOLD] = wished  # 厂里那边辞了 … 想在附近找个事做: where and what, for the survey's questions after
    return facts | insurance_facts(text, ctx)


# The key of job_loss_facts for the work wished for, told with the news (kept as keep_wish keeps it).
WISH_TOLD = "wish_told"
# The key of job_loss_facts for the boss gone (老板跑了), the wages not spoken of: whether they were settled is asked.
BOSS_GONE = "boss_gone"
# 老板跑了, 老板跑路了, 包工头卷钱跑了: the employer gone, the likeliest harm wages owed.
_BOSS_GONE = re.compile(r"跑(?:了|路|掉)")
WAGES_AWAITING = "wages_settled"
# The question asked once when the boss is gone: settled (1) or still owed (2).
WAGES_ASK = "registration.wages.ask"
_WAGES_SETTLED = re.compile(r"(?:结|算|给|发|付)(?:清|完|齐|够)?了|结清|清了|拿到了|(?:没|不)(?:有)?(?:欠|拖|少)|"
                            r"^(?:1|是|是的|对|嗯|有|都有)$")
_WAGES_OWED = re.compile(r"欠|拖|差|没(?:有)?(?:结|算|给|发|付|拿到)|一分|一半|部分|一点|一些|只(?:结|给|发|拿)|"
                         r"^(?:2|没|没有|没得|否|不是)$")


def boss_gone_wages_unsaid(text: str, ctx: StepContext) -> bool:
    """老板跑了 as the job loss's reason, nothing said of the wages (老板跑了 钱还没结 is a wages report already)."""
    return (reason_in(text) == "employer_closed" and _BOSS_GONE.search(text) is not None
            and not rights_told(text, nlu.understand(text, ctx.today)))


def wages_settled(text: str) -> bool | None:
    """The answer to "工资结清了吗?": True settled (结清了, 1), False still owed (还欠两个月, 没有, 2), None else."""
    squashed = re.sub(r"[\s,，。.!！?？]", "", forms.squash(text))
    if _WAGES_OWED.search(squashed) and not re.search(r"(?:没|不)(?:有)?(?:欠|拖|少)", squashed):
        return False
    if _WAGES_SETTLED.search(squashed):
        return True
    return None


# Keys of insurance_facts for 交了三年社保 with nothing to say whose: SOCIAL_ONLY is the question to ask, and the
# years told are kept for a yes to it.
SOCIAL_TOLD, YEARS_TOLD = "social_told", "years_told"
_SUPPOSED = re.compile(r"要是|如果|假如|万一|若是|假设")
# An employer named in the message (厂子倒闭了, 公司裁人): the 社保 said beside it is the employer's.
_EMPLOYER_SAID = re.compile(r"厂|公司|单位|老板|工地")


def insurance_facts(text: str, ctx: StepContext) -> dict[str, Any]:
    """Being insured and for how long, as told in passing (交了三年社保 厂子倒闭了, 社保没交): the parts of the
    message that speak of insurance are read as the insurance question's answer would be."""
    typed = nlu.as_typed(text)
    if "保" not in typed and "社" not in typed:
        return {}  # (no part can speak of insurance: most messages, read at every survey question)
    parts = [p for p in re.split(r"[\s,，。;；!！]+", typed) if any(w in p for w in _INSURANCE_WORDS)]
    said = " ".join(p for p in parts if "保" in p or "社" in p) if parts else ""
    if not said or _SUPPOSED.search(said):
        return {}
    verdict = read_insured(said, ctx)
    if isinstance(verdict, Invalid) and verdict.reprompt == SOCIAL_ONLY and _EMPLOYER_SAID.search(text):
        verdict = "yes"  # 交了三年社保 厂子倒闭了: the factory paid it, unemployment insurance with it
    years = years_in(said, ctx)
    if isinstance(verdict, Invalid) and verdict.reprompt == SOCIAL_ONLY:
        return {SOCIAL_TOLD: True} | ({YEARS_TOLD: years} if years is not None else {})
    if verdict not in ("yes", "no"):
        return {}
    return {"insured": verdict} | ({"insured_years": years} if verdict == "yes" and years is not None else {})


# 我还在干, 还在上班, 还没走, 没失业: the job is not lost (said at a question of the registration; 没辞 是被开的 is a
# reason, not this).
_STILL_IN_POST = re.compile(r"还在(?:这|那|厂里|工地上?)?(?:干|做|上班)|还没(?:走|不干|离职)|没(?:有)?(?:丢工作|失业)")


def start_job_loss(r: StepResult, ctx: StepContext, known: Mapping[str, Any]) -> None:
    """Open the registration dialog after a job loss was heard; `known` holds facts already heard (keys of
    the registration: last_work_day, job_loss_reason, insured, insured_years, wants_services)."""
    previous = r.state.get("flow")
    mine = r.state.get(NAME) or {}
    if previous == NAME and mine.get("phase") == "ask":
        REGISTRATION.resume(r, ctx)  # already registering: go on with the question open
        return
    if _registered_lately(mine, ctx) and _status_on_form(r) != "employed":
        # (a job found and recorded since that registration, then lost: a new loss, registered as such — it was
        # "已经提交过了", the form left saying employed and nobody told)
        r.say("registration.already", registration=mine["id"])
        return
    r.state[NAME] = {
        "answers": known_answers(known), "field": None, "phase": "ask", "misses": 0,
        "return_to": previous if previous not in (None, NAME) else None,
    }
    if known.get(BOSS_GONE) is True:
        r.state[NAME]["wages_pending"] = True  # 老板跑了 with the news: the wages asked before the questions
    if "last_work_day" not in r.state[NAME]["answers"] and isinstance(known.get(MONTH_TOLD), str):
        r.state[NAME]["month_asked"] = known[MONTH_TOLD]  # (上个月 said: 是10月的哪一天? rather than the whole day)
    if _own_business_on_form(r):
        # 摆摊, 开小卖部 stopped: no employer, so neither an employee's reasons (合同到期, 被辞退, 单位倒闭) nor
        # "单位交了社保" fit; the reason is recorded as another one, and the insurance asked of themselves.
        r.state[NAME]["own_business"] = True
        r.state[NAME]["answers"].setdefault("job_loss_reason", "other")
    elif (on_form := _insured_on_form(r)) is not None:
        r.state[NAME]["insured_on_form"] = on_form  # (the job's answers go with the status: kept here first)
    if "insured" not in r.state[NAME]["answers"] and known.get(SOCIAL_TOLD) is True:
        r.state[NAME]["social_told"] = True  # 交了三年社保 told before: whether it held unemployment insurance
        if isinstance(known.get(YEARS_TOLD), int | float):
            r.state[NAME]["years_told"] = known[YEARS_TOLD]
    r.state["flow"] = NAME
    r.state["menu_open"] = False
    if isinstance(known.get(WISH_TOLD), str):
        # 我回来了 厂里那边辞了 想在附近找个事做 with no dialog open: the wish kept (where to work was asked after)
        keep_wish(r, known[WISH_TOLD])
    now_unemployed(r, ctx)
    # (on the form without the employer's insurance, or working for themselves: no benefits to promise; it said
    # "保险金从登记那天起算" to someone who pays only 城乡居民 insurance)
    uninsured = r.state[NAME].get("own_business") or r.state[NAME].get("insured_on_form") == "no"
    # (厂里那边辞了: their own choice, told with the news: it was "很遗憾您没了工作 … 保险金从登记那天起算")
    quit_told = r.state[NAME]["answers"].get("job_loss_reason") == "quit"
    r.say(INTRO_QUIT if quit_told else INTRO_UNINSURED if uninsured else INTRO)
    if str(r.state[NAME]["answers"].get("last_work_day") or "") > ctx.today.isoformat():
        _say_ahead(r, r.state[NAME]["answers"]["last_work_day"], ctx)  # 干到月底 told with the news
    _next(r, ctx)


def _say_ahead(r: StepResult, value: str, ctx: StepContext) -> None:
    """干到月底: the day to come is the last one; the registration is prepared now, completed after it."""
    day = date.fromisoformat(value)
    r.say("registration.last_work_day.ahead",
          day=f"{day.month}月{day.day}日" if ctx.locale == "zh_CN" else f"{day.day} {day:%B}")


def _day_of_the_month(fs: JsonDict, text: str, value: Any, ctx: StepContext) -> date | None:
    """The day a month stands for when the month is all that will be said: the day forgotten with it
    (想不起来了 反正是上个月), the month said again, or don't-know after 是10月的哪一天?; a day said alone after
    that question (20号) is in that month. None when the message is read as usual."""
    asked = fs.pop("month_asked", None)
    found = find_day(text, ctx.today)
    if isinstance(found, MonthOnly):
        which_day = isinstance(value, Invalid) and value.reprompt == WHICH_DAY
        if which_day and (nlu.mentions_dont_know(text) or found.month == asked):
            return month_end(found.month, ctx.today)
        return None
    if asked is None:
        return None
    if found is None:
        return month_end(asked, ctx.today) if nlu.is_dont_know(text) or nlu.mentions_dont_know(text) else None
    day = day_in_month(text, asked)  # 20号, resolved against today, is a day of the month asked about
    return day if day is not None and day <= ctx.today else None


# "1 5 离家近点的" at the help question: the numbers of the choices, then words about the work (group 2).
# Not "3年", "3 年多" (the years, said late): words that make the number an amount are no wishes.
# 没得 (Guizhou, Sichuan: 没有), 没有, 啥都不要 at the help question, whose list ends with 都不需要.
_NONE_OF_THEM = re.compile(
    r"(?:我|俺)?(?:暂时|现在|先)?(?:都|啥都|什么都|啥也)?(?:没得啥?|没有|没啥|不需要|不要|不用)(?:了|吧|的|呢)*"
)
# 都要, 都有, 都是 at the reason: more than one reason (the main one is asked for).
_SEVERAL = re.compile(r"(?:都|全)(?:要|有|是|算|占)(?:吧|啊|的|了)?")


def _also_told(fs: JsonDict, answered: str, text: str, ctx: StepContext) -> None:
    """Facts for the next questions told with this answer ("交过 交了三年多", "上个月底 厂子倒了"): kept, so
    that they are not asked for again."""
    more: dict[str, Any] = {}
    if answered in ("last_work_day", "job_loss_reason"):
        more = job_loss_facts(text, ctx)
    elif answered == "insured" and fs["answers"].get("insured") == "yes" and (
            (years := years_in(text, ctx)) is not None):
        more = {"insured_years": years}  # 交了三年多, 交了三四, paid 4 years: how long, too
    if answered == "insured":
        told = fs.pop("years_told", None)  # 交了社保 三年, then 有 at the question on 社保
        if told is not None and fs["answers"].get("insured") == "yes":
            more.setdefault("insured_years", told)
    for key, value in known_answers(more).items():
        fs["answers"].setdefault(key, value)


# Work found since the job was lost (找到活了, 又找了个厂, 上班了): no registration needed.
_WORK_FOUND = re.compile(
    r"(?<![没不])(?:找到|找着|找了|寻到)[^\s,，。]{0,10}?(?:活|工作|事做|班|厂)(?!\s*(?:就|再|才|的话))|(?<!没)上班了|上岗了|"
    r"有活干了|又干上了"
)
_INSURANCE_WORDS = ("交", "买", "社保", "保险", "参保")
# 不知道交没交, 有没有交不清楚: whether insured at all is not known.
_WHETHER = r"(?:交没交|有没有交|交没有|交了没有?|买没买|有没有买|买了没有?|交过没有?|有没有)"
_WHETHER_NOT_KNOWN = re.compile(rf"(?:不知道|不清楚|不晓得|不记得|搞不清|记不清)[^。]{{0,4}}?{_WHETHER}|"
                                rf"{_WHETHER}[^。]{{0,4}}?(?:不知道|不清楚|不晓得|不记得|搞不清|记不清)")


def _whether_not_known(text: str) -> bool:
    """不知道交没交, 有没有交不清楚: whether insured at all is not known."""
    return "没" in text and _WHETHER_NOT_KNOWN.search(forms.squash(text)) is not None


# 好几年, 交了好多年: several years, how many not said.
_SEVERAL_YEARS = re.compile(r"(?<![一二两三四五六七八九十\d])(?:好几|好多|很多|好些|几)年")
# 没, 没交过 at the years question: no years, none paid.
_NOT_INSURED = frozenset({
    "没", "没有", "没交", "没交过", "没有交", "没有交过", "没得", "冇", "没买", "没买过", "一年都没交",
})


def _told_ahead(r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
    """Answers to questions not yet asked, told instead of this one's: kept and said back (the reason the
    job was lost, being insured and for how long), so that they are not asked for."""
    answers, ahead = fs["answers"], {}
    if "job_loss_reason" not in answers and (reason := reason_in(text)) is not None:
        ahead["job_loss_reason"] = reason
    if current != "insured" and "insured" not in answers and any(w in text for w in _INSURANCE_WORDS):
        verdict = read_insured(text, ctx)
        if isinstance(verdict, Invalid) and verdict.reprompt == SOCIAL_ONLY:
            # 社保交了三年: noted (the years kept for a yes); whether unemployment insurance was in it is asked
            # at its question.
            fs["social_told"] = True
            years = years_in(text, ctx)
            if years is not None:
                fs["years_told"] = years
            r.say("registration.insured.social_noted")
            return True
        if isinstance(verdict, str):
            ahead["insured"] = verdict
            years = parse_insured_years(text, ctx) if verdict == "yes" and "年" in text else None
            if years is not None:
                ahead["insured_years"] = years
    if not ahead:
        return False
    for key, value in ahead.items():
        forms.set_answer(REGISTRATION_FORM, fs, key, value)
    r.say("survey.prefilled", items=forms.noted(REGISTRATION_FORM, [(k, answers[k]) for k in ahead], ctx.locale))
    return True


def _years_late(r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
    """3年, 交了三年多 at the help question, just after the years insured were asked: a late answer to that
    question (it was "请回复数字"), taken and said back."""
    answers = fs["answers"]
    if current != "wants_services" or answers.get("insured") != "yes" or not DURATION.search(text):
        return False
    years = parse_insured_years(text, ctx)
    if years is None:
        return False
    forms.set_answer(REGISTRATION_FORM, fs, "insured_years", years)
    r.say("survey.prefilled", items=forms.noted(REGISTRATION_FORM, [("insured_years", years)], ctx.locale))
    return True


def _insured_after_all(r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
    """Being insured answered, then said otherwise in words at a later question (2, then 交过 交了三年多): the
    new answer (and the years told with it) replaces it, and is said back."""
    answers = fs["answers"]
    if current == "insured" or "insured" not in answers or not any(w in text for w in _INSURANCE_WORDS):
        return False
    verdict = forms.parse_answer(REGISTRATION_FORM.field("insured"), text, ctx)
    if not isinstance(verdict, str):
        return False
    if verdict == answers["insured"]:
        # 没买过 just after "按没交失业保险算": the answer taken from the form, confirmed (it was "请回复数字").
        r.say("survey.prefilled", items=forms.noted(REGISTRATION_FORM, [("insured", verdict)], ctx.locale))
        return True
    forms.set_answer(REGISTRATION_FORM, fs, "insured", verdict)
    changed = ["insured"]
    years = parse_insured_years(text, ctx) if verdict == "yes" and "年" in text else None
    if years is not None:
        forms.set_answer(REGISTRATION_FORM, fs, "insured_years", years)
        changed.append("insured_years")
    r.say("survey.corrected", items=forms.noted(REGISTRATION_FORM, [(k, answers[k]) for k in changed], ctx.locale))
    return True


def _reason_again(r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
    """The reason told again at a later question (老板跑了 at "交过失业保险吗?" after 被辞退了): a different one
    replaces it, said back; at the insurance question, how to find out is said (it was "请回复数字")."""
    answers = fs["answers"]
    reason = reason_in(text)
    if current == "job_loss_reason" or "job_loss_reason" not in answers or reason is None:
        return False
    said = forms.noted(REGISTRATION_FORM, [("job_loss_reason", reason)], ctx.locale)
    if reason != answers["job_loss_reason"]:
        forms.set_answer(REGISTRATION_FORM, fs, "job_loss_reason", reason)
        r.say("survey.corrected", items=said)
    elif current != "insured":
        r.say("registration.reason_known", items=said)  # 老板跑了 again at the help question: heard, not ignored
    if current == "insured":
        r.say("registration.insured.find_out")
    return True


def _registered_lately(mine: Mapping[str, Any], ctx: StepContext) -> bool:
    if mine.get("phase") != "done" or not mine.get("id") or not mine.get("at"):
        return False
    try:
        return ctx.now - datetime.fromisoformat(mine["at"]) < SAME_JOB_LOSS
    except (TypeError, ValueError):
        return False


def _status_on_form(r: StepResult) -> str | None:
    survey = r.state.get("survey")
    answers = survey.get("answers") if isinstance(survey, dict) else None
    status = answers.get("employment_status") if isinstance(answers, dict) else None
    return status if isinstance(status, str) else None


def _own_business_on_form(r: StepResult) -> bool:
    """The saved form says the work was their own (self-employed: 摆摊, 开小卖部, 自己跑车)."""
    survey = r.state.get("survey")
    answers = survey.get("answers") if isinstance(survey, dict) else None
    return isinstance(answers, dict) and answers.get("employment_form") == "self_employed"


def _insured_on_form(r: StepResult) -> str | None:
    """Social insurance paid or not, as the saved form (the survey) says it: the unemployment insurance is part
    of it, so the registration does not ask again (交过失业保险吗 after 单位交社保 said yes)."""
    survey = r.state.get("survey")
    answers = survey.get("answers") if isinstance(survey, dict) else None
    said = answers.get("social_insurance") if isinstance(answers, dict) else None
    return said if said in ("yes", "no") else None


def _next(r: StepResult, ctx: StepContext) -> None:
    fs = r.state[NAME]
    if fs.get("wages_pending") and "last_work_day" in fs["answers"] and not fs.get("wages_asked"):
        # 老板跑了: wages owed are the likeliest harm; asked once, after the day (the other questions after it)
        fs.pop("wages_pending")
        fs["wages_asked"] = fs["wages_open"] = True
        r.say(WAGES_ASK)
        r.state["awaiting"] = WAGES_AWAITING
        return
    f = forms.next_field(REGISTRATION_FORM, fs["answers"])
    if f is not None and f.key == "insured" and (on_form := fs.pop("insured_on_form", None)) is not None:
        forms.set_answer(REGISTRATION_FORM, fs, "insured", on_form)
        r.say(f"registration.insured.from_form_{on_form}")  # what it was taken from; a word corrects it
        fs.pop("social_told", None)
        if (years := fs.pop("years_told", None)) is not None and on_form == "yes":
            forms.set_answer(REGISTRATION_FORM, fs, "insured_years", years)  # 社保交了三年, told before: not asked
        f = forms.next_field(REGISTRATION_FORM, fs["answers"])
    if f is None:
        _submit(r, ctx)
        return
    if f.key == "last_work_day" and fs.get("month_asked"):
        fs["field"], fs["phase"] = f.key, "ask"  # the month told with the news: which day of it
        r.say(WHICH_DAY, (), **month_shown(fs["month_asked"], ctx))
    elif f.key == "insured" and fs.pop("social_told", False):
        # 社保交了三年 told before: whether unemployment insurance was in it is the question to ask.
        fs["field"], fs["phase"] = f.key, "ask"
        r.say(SOCIAL_ONLY)
    elif f.key == "insured" and fs.get("own_business"):
        asked = forms.ask(REGISTRATION_FORM, fs, f)  # 您自己交过失业保险吗 (not "您在单位交过")
        r.outbound.append(replace(asked, key="registration.insured.prompt_own"))
    else:
        r.outbound.append(forms.ask(REGISTRATION_FORM, fs, f))
    r.state["awaiting"] = f.key


def _submit(r: StepResult, ctx: StepContext) -> None:
    fs = r.state[NAME]
    answers = fs["answers"]
    outlook = benefit(answers.get("insured"), answers.get("insured_years"), answers.get("job_loss_reason"))
    fs["phase"], fs["field"] = "submitted", None
    r.state["awaiting"] = AWAITING_RESULT
    r.emit(
        SUBMIT,
        last_work_day=answers.get("last_work_day"), job_loss_reason=answers.get("job_loss_reason"),
        insured=answers.get("insured"), insured_years=answers.get("insured_years"),
        wants_services=services(answers.get("wants_services")), benefit_likely=outlook.likely,
        benefit_months=outlook.months, locale=ctx.locale, channel=ctx.channel,
    )


class RegistrationFlow:
    name = NAME
    form = REGISTRATION_FORM

    def start(self, r: StepResult, ctx: StepContext) -> None:
        start_job_loss(r, ctx, {})

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        fs = r.state.get(NAME)
        if not fs or fs.get("phase") != "ask":
            return
        if fs.get("wages_open"):
            r.say(WAGES_ASK)
            r.state["awaiting"] = WAGES_AWAITING
        elif fs.get("field") == "last_work_day" and fs.get("month_asked"):
            # 去年过完年就没干了 (是2月的哪一天?), then the reason: the day of that month again, not the day afresh
            r.say(WHICH_DAY, (), **month_shown(fs["month_asked"], ctx))
            r.state["awaiting"] = fs["field"]
        elif fs.get("field"):
            r.outbound.append(forms.ask(REGISTRATION_FORM, fs, REGISTRATION_FORM.field(fs["field"])))
            r.state["awaiting"] = fs["field"]
        else:
            _next(r, ctx)

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        fs = r.state.get(NAME)
        if inbound.kind == "event":
            if inbound.event == SUBMIT_RESULT and fs is not None and fs.get("phase") == "submitted":
                self._on_submitted(r, dict(inbound.payload), ctx)
            return
        if fs is None or fs.get("phase") != "ask":
            # The result of the submission never came back (it normally arrives in the same unit of work).
            log.warning("registration: no submission result; closing the dialog")
            end_flow(r)
            r.say("common.not_understood")
            return
        text = nlu.as_typed(inbound.text) if inbound.location is None else inbound.location[2]
        if fs.pop("wages_open", False):
            if self._wages_answer(r, text, ctx):
                return
            # Anything else is read as the registration's answer (the wages asked once): the question it comes to.
            r.state["awaiting"] = fs.get("field")
            if not fs.get("field") or fs["field"] in fs["answers"]:
                # 前天, 今年才进的厂 不到一年: the answer to the question coming next (what the form says of the
                # insurance said first), read as its answer; the question itself not said.
                said = len(r.outbound)
                _next(r, ctx)
                if fs.get("phase") != "ask" or len(r.outbound) <= said:
                    return
                r.outbound.pop()
        if not fs.get("field"):
            _next(r, ctx)
            return
        f = REGISTRATION_FORM.field(fs["field"])
        if _STILL_IN_POST.search(nlu.normalize(text)) and reason_in(text) is None and not_lost(r, ctx):
            # 不对 我还在干 下个月才不干: we misread a job loss (it was "这是您以后的打算…最后一天上班是哪天?", with no
            # way out): nothing registered, the form as it was.
            r.state.pop(NAME, None)
            end_flow(r)
            r.say("registration.not_lost")
            return
        if f.key == "last_work_day" and (chinese := english.date_in_chinese(text)) is not None:
            text = chinese  # 28 Nov, end of last month: read as the Chinese is (the prompt's own example was not)
        if nlu.asks_meaning(text):
            r.say("common.explain")  # 啥意思: the question again, with a word on what it is for; nothing missed
            self.resume(r, ctx)
            return
        if asks_for_jobs(text, nlu.understand(text, ctx.today)):
            # 有啥活没有 at a question of the registration (at the insurance one it was read as 没有: not insured):
            # at the help question, a job found for them; elsewhere the jobs come after, and the question again.
            if f.key == "wants_services":
                fs["misses"] = 0
                forms.set_answer(REGISTRATION_FORM, fs, f.key, ["job_referral"])
                r.say("registration.wants_services.yes_is_job")
                _next(r, ctx)
                return
            r.say("survey.consent.jobs_first")
            self.resume(r, ctx)
            return
        if f.key == "insured_years" and forms.squash(text) in _NOT_INSURED:
            # 没 at "交了几年?" (just after "按交过失业保险算, 不对请直说"): not insured after all, said back.
            fs["misses"] = 0
            forms.set_answer(REGISTRATION_FORM, fs, "insured", "no")
            r.say("survey.corrected", items=forms.noted(REGISTRATION_FORM, [("insured", "no")], ctx.locale))
            _next(r, ctx)
            return
        if f.key == "job_loss_reason" and _whether_not_known(text):
            # 不知道交没交 at the reason: it answers the insurance, not the reason (it was 其他原因): whether insured
            # is not known, said back, and the reason asked again.
            fs["misses"] = 0
            told = "survey.corrected" if fs["answers"].get("insured") not in (None, "unknown") else "survey.prefilled"
            forms.set_answer(REGISTRATION_FORM, fs, "insured", "unknown")
            fs["answers"].pop("insured_years", None)
            r.say(told, items=forms.noted(REGISTRATION_FORM, [("insured", "unknown")], ctx.locale))
            self.resume(r, ctx)
            return
        if f.key == "insured_years" and _SEVERAL_YEARS.search(text) and not parse_insured_years(text, ctx):
            # 交了好几年了 具体记不到了: insured, the years not known (it said "交过" back and asked the years again):
            # not known, the caseworker checks, and on.
            fs["misses"] = 0
            forms.set_answer(REGISTRATION_FORM, fs, f.key, None)
            r.say("registration.insured_years.unknown")
            _next(r, ctx)
            return
        if f.key == "insured_years" and _whether_not_known(text):
            # 不知道交没交 at "交了几年?": whether insured at all is not known (it left insured = yes, the years not
            # known): said back, the caseworker checks it.
            fs["misses"] = 0
            forms.set_answer(REGISTRATION_FORM, fs, "insured", "unknown")
            fs["answers"].pop("insured_years", None)
            r.say("survey.corrected", items=forms.noted(REGISTRATION_FORM, [("insured", "unknown")], ctx.locale))
            _next(r, ctx)
            return
        value = read_insured(text, ctx, asked=True) if f.key == "insured" else forms.parse_answer(f, text, ctx)
        asked = fs.get("month_asked")
        if f.key == "last_work_day" and (day := _day_of_the_month(fs, text, value, ctx)) is not None:
            fs["misses"] = 0
            forms.set_answer(REGISTRATION_FORM, fs, f.key, day.isoformat())
            shown = f"{day.month}月{day.day}日" if ctx.locale == "zh_CN" else f"{day.day} {day:%B}"
            forgot = nlu.is_dont_know(text) or nlu.mentions_dont_know(text)
            if approximate(text):
                r.say("registration.last_work_day.approximate", day=shown)  # 二十几号: the 25th, to be checked
            elif forgot or isinstance(find_day(text, ctx.today), MonthOnly):
                r.say("registration.last_work_day.month_end", day=shown)  # 不知道, 反正是上个月: its last day
            else:
                r.say("registration.last_work_day.noted", day=shown)  # 20号 (it was "记不清哪天按月底算: 11月20日")
            _also_told(fs, f.key, text, ctx)
            if wished := wish_beside(text, ctx.today):
                keep_wish(r, wished)  # 上个月底 想找个保安的活: the day, and the work wished for (it was lost)
            _next(r, ctx)
            return
        if f.key == "wants_services" and (_NONE_OF_THEM.fullmatch(forms.squash(text)) or english.declines(text)):
            value = [NO_SERVICE]  # 没得 (Guizhou for 没有) at "需要哪些帮助?": none (it was "请回复数字")
        wishes = text if f.key == "wants_services" and not any(char.isdigit() for char in text) else None
        if f.key == "wants_services" and not isinstance(value, Invalid) and (
                numbered := forms.choices_then_words(nlu.as_typed(text))) is not None:
            wishes = numbered[1]  # 1 2 想学美发: the choices (with what the words name), the words kept as wishes
        if isinstance(value, Invalid) and f.key == "wants_services" and (
            numbered := forms.choices_then_words(nlu.as_typed(text))
        ) is not None and not isinstance(chosen := forms.parse_answer(f, numbered[0], ctx), Invalid):
            value, wishes = chosen, numbered[1]  # 1 5 离家近点的: the choices, and the words kept as wishes
        if isinstance(value, Invalid) and f.key == "wants_services" and not any(c.isdigit() for c in text):
            wish = nlu.understand(text, ctx.today)
            if wish.intent == "seek_job" and wish.confidence >= _RIGHTS_CONFIDENT:
                value = ["job_referral"]  # 想找个保安的活 县里就行: a job found for them (the rest: wishes_told)
            elif WANTS_HELP.fullmatch(forms.squash(text)):
                # 想 / 要的 / 嗯: help wanted, none named (it looped on "请回复数字"): a job found for them, which
                # is what the one-on-one case is for; said back, the rest can be told to the caseworker.
                value = ["job_referral"]
                r.say("registration.wants_services.yes_is_job")
        if isinstance(value, Invalid) and value.reprompt == WHICH_DAY:
            fs["month_asked"] = value.params["asked"]
        elif isinstance(value, Invalid) and f.key == "last_work_day" and asked and value.reprompt == f.reprompt:
            fs["month_asked"] = asked  # something else told after 是2月的哪一天?: the month still stands
            value = Invalid(WHICH_DAY, month_shown(asked, ctx))
        if isinstance(value, Invalid) and f.optional and not f.choices and nlu.is_dont_know(text):
            value = None  # 记不清了, 想不起来了: not known, as 不知道 is
        if isinstance(value, Invalid):
            if self._rights_report(r, text, ctx):
                return
            if self._work_found(r, text, ctx):
                return
            if self._reason_unclear(r, fs, f.key, text, ctx) or (
                    value.reprompt != PLAN and self._wish_early(r, fs, f.key, text, ctx)):
                return  # (想找 过完年再出来 is when they mean to go out again: PLAN, below)
            if _years_late(r, fs, f.key, text, ctx):
                self.resume(r, ctx)  # 3年 at the help question just after the years: those, then this again
                return
            owed = self._wages_owed_beside(r, text, ctx)
            reason_before = "job_loss_reason" in fs["answers"]
            if _told_ahead(r, fs, f.key, text, ctx) or owed:
                if not reason_before and boss_gone_wages_unsaid(text, ctx):
                    fs["wages_pending"] = True
                    _next(r, ctx)  # 老板跑了 at the day's question: 工资结清了吗? first, that question after
                    return
                self.resume(r, ctx)  # "交了两年多吧" asked when work stopped: noted, and the question again
                return
            if _reason_again(r, fs, f.key, text, ctx):
                self.resume(r, ctx)  # 老板跑了 at the insurance question: the reason (changed or not), then it again
                return
            if _insured_after_all(r, fs, f.key, text, ctx):
                _next(r, ctx)  # 2, then "交过 交了三年多" at the next question: the answer changed, said back
                return
            if nlu.is_question(text):
                # 失业金咋领 at a question: answered (or passed to the caseworker), then the question again.
                policy.answer_or_refer(r, text, ctx)
                self.resume(r, ctx)
                return
            if value.reprompt == SOCIAL_ONLY:
                # 交了社保: whether unemployment insurance was in it, asked once (no miss); the years told with it
                # are kept for a yes.
                if (years := years_in(text, ctx)) is not None:
                    fs["years_told"] = years
                r.say(SOCIAL_ONLY)
                return
            if value.reprompt == PLAN:
                plan_told(r, text, ctx)  # 想找 过完年再出来: the survey's questions on wanting work take it
            if f.key == "insured_years":
                # 啥都行 能挣钱就行 at "交了几年?": no answer about years (it was the same question again and again):
                # asked once more, plainly with examples, then not known (the caseworker checks) and on.
                if int(fs.get("misses", 0)) >= 1:
                    fs["misses"] = 0
                    forms.set_answer(REGISTRATION_FORM, fs, f.key, None)
                    r.say("registration.insured_years.unknown")
                    _next(r, ctx)
                    return
                fs["misses"] = 1
                r.say("registration.insured_years.plain")
                return
            fs["misses"] = int(fs.get("misses", 0)) + 1
            log.info("registration: answer to %s not accepted (%s)", f.key, value.reprompt)
            r.say(value.reprompt, options=tuple(c.label for c in f.choices), **value.params)
            if fs["misses"] >= STUCK_AFTER:
                r.say("registration.stuck")
            return
        fs["misses"] = 0
        forms.set_answer(REGISTRATION_FORM, fs, f.key, value)
        if f.key == "last_work_day" and isinstance(value, str) and value > ctx.today.isoformat():
            _say_ahead(r, value, ctx)  # 干到月底
        elif f.key == "last_work_day" and isinstance(value, str) and approximate(text):
            # 上个月二十几号: the middle of the span said (the 25th), said back as an approximation to be checked
            # (it was "11月几号?" again); the benefit counts from the registration date, not from this day.
            day = date.fromisoformat(value)
            r.say("registration.last_work_day.approximate",
                  day=f"{day.month}月{day.day}日" if ctx.locale == "zh_CN" else f"{day.day} {day:%B}")
        if wishes:
            fs["wishes"] = wishes  # 想找个活 离家近点的: where and what, for the survey's questions (_on_submitted)
        _also_told(fs, f.key, text, ctx)
        if f.key in ("last_work_day", "job_loss_reason") and boss_gone_wages_unsaid(text, ctx):
            fs["wages_pending"] = True  # 老板跑了 at the reason: 工资结清了吗? before the next question
        if f.key in ("last_work_day", "job_loss_reason") and (wished := wish_beside(text, ctx.today)):
            keep_wish(r, wished)  # 上个月底 想找个保安的活: the day, and the work wished for (it was lost)
        if f.key in ("last_work_day", "job_loss_reason") and (
                issues := sorted(rights_told(text, nlu.understand(text, ctx.today)))):
            # 上个月底 被裁了 老板还欠我两千: the day taken, and the wages owed a rights case (they were lost).
            r.emit("rights_issue_reported", issue=issues[0], issues=issues, channel=ctx.channel,
                   source="registration")
            tell_reported(r, issues, ctx)
        if policy.benefit_length.asks_how_long(text):
            # 我交了五年社保 能领多久 at the years: taken, and the question answered with them (it went on silently)
            policy.tell_benefit_length(r, text, ctx)
        _next(r, ctx)

    def catalog_keys(self) -> set[str]:
        return REGISTRATION_FORM.catalog_keys() | {
            INTRO, INTRO_UNINSURED, INTRO_QUIT, "registration.stuck", "registration.already", WHICH_DAY, FINISH_FIRST,
            "registration.not_lost",
            "registration.last_work_day.month_end", "registration.last_work_day.in_future", PLAN,
            "registration.last_work_day.noted", "survey.consent.jobs_first", "registration.last_work_day.approximate",
            "registration.insured_years.plain", "registration.insured_years.unknown", "registration.insured.prompt_own",
            "registration.last_work_day.ahead", WAGES_ASK, "registration.wages.settled",
            "registration.claim", "registration.case",
            "registration.case_unassigned", "registration.back_to_survey", "rights.acknowledged",
            "registration.accepted", "registration.rejected", "survey.prefilled", "registration.work_found",
            "registration.wants_services.yes_is_job", "registration.insured.find_out", *TOLD_KEYS,
            "registration.reason_known", "registration.wish_kept", "registration.job_loss_reason.unknown_noted",
            "registration.job_loss_reason.main_one",
            "registration.insured.from_form_yes", "registration.insured.from_form_no",
            *(f"registration.benefit.{v}" for v in ("likely", "not_insured", "too_short", "own_choice", "unsure")),
        }

    def _reason_unclear(self, r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
        """不晓得 at the reason: recorded as another reason, said back, and the questions go on (it was "请回复
        数字", again); 都要 / 都有 (several reasons): the main one asked for, no miss counted."""
        if current != "job_loss_reason":
            return False
        said = forms.squash(nlu.normalize(text))
        if nlu.is_dont_know(text) or nlu.mentions_dont_know(text):
            fs["misses"] = 0
            forms.set_answer(REGISTRATION_FORM, fs, current, "other")
            r.say("registration.job_loss_reason.unknown_noted")
            _next(r, ctx)
            return True
        if _SEVERAL.fullmatch(said):
            f = REGISTRATION_FORM.field(current)
            r.say("registration.job_loss_reason.main_one", options=tuple(c.label for c in f.choices))
            return True
        return False

    def _wish_early(self, r: StepResult, fs: JsonDict, current: str, text: str, ctx: StepContext) -> bool:
        """帮我找个近点的活 at the last working day: the wish kept for after the registration (where, what work), said
        so, and the day asked again (it was lost, and the day asked as if nothing was said)."""
        if current != "last_work_day":
            return False
        wish = nlu.understand(text, ctx.today)
        if wish.intent != "seek_job" or wish.confidence < _RIGHTS_CONFIDENT or nlu.is_question(text):
            return False
        keep_wish(r, text)
        r.say("registration.wish_kept")
        self.resume(r, ctx)
        return True

    def _work_found(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """我找到工作了 在县城工地上班 while being registered as unemployed: no registration; the survey records the
        work and what the message says of it (the place), then asks the rest (imported here: the survey imports
        this dialog)."""
        understanding = nlu.understand(text, ctx.today)
        if understanding.status not in ("employed", "changed_job") or not _WORK_FOUND.search(understanding.normalized):
            return False
        from dialogs.flows.survey import SURVEY

        r.state.pop(NAME, None)
        end_flow(r)
        r.say("registration.work_found")
        SURVEY.start_with_status(r, understanding, ctx)
        return True

    def _wages_answer(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """After 老板跑了 (工资结清了吗?): still owed opens the wage-arrears rights case and is told so; settled is
        said back; both go on with the registration. False when the answer is not about the wages."""
        settled = wages_settled(text)
        if settled is None and not nlu.is_dont_know(text):
            return False
        if settled is None:
            pass  # 不知道, 不清楚: nothing recorded (the caseworker asks), the registration goes on
        elif settled:
            r.say("registration.wages.settled")
        else:
            r.emit("rights_issue_reported", issue="wage_arrears", issues=["wage_arrears"], channel=ctx.channel,
                   source="registration")
            tell_reported(r, ["wage_arrears"], ctx)
        fs = r.state[NAME]
        if fs.get("field") and fs["field"] not in fs["answers"]:
            self.resume(r, ctx)  # (the question open before it, when the reason was told at another one)
        else:
            _next(r, ctx)
        return True

    def _wages_owed_beside(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """"老板跑了 工资还欠着两个月" at a question: the reason (taken ahead) and the wages owed, a rights case told
        to the caseworker (it was lost: a job loss read first, the complaint under the confidence asked)."""
        if reason_in(text) is None:
            return False
        owed = sorted(rights_told(text, nlu.understand(text, ctx.today)))
        if owed:  # one report, one case listing the issues
            r.emit("rights_issue_reported", issue=owed[0], issues=owed, channel=ctx.channel, source="registration")
            tell_reported(r, owed, ctx)
        return bool(owed)

    def _rights_report(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """Unpaid wages told instead of an answer: a rights case, then the question again; its details told
        next go to the caseworker."""
        understanding = nlu.understand(text, ctx.today)
        if details_at_question(r, text, understanding, ctx, None) or details_not_an_answer(r, text, understanding, ctx):
            self.resume(r, ctx)  # the details asked for after a report (欠了五千多 是万家超市), then the question again
            return True
        if understanding.intent != "rights_issue" or understanding.confidence < _RIGHTS_CONFIDENT:
            return False
        report_rights_issue(r, understanding, ctx)
        self.resume(r, ctx)
        return True

    def _on_submitted(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        fs = r.state[NAME]
        answers = fs["answers"]
        outlook = benefit(answers.get("insured"), answers.get("insured_years"), answers.get("job_loss_reason"))
        r.say("registration.submitted", registration=payload.get("registration_id", "-"))
        years = answers.get("insured_years")
        r.say(f"registration.benefit.{outlook.verdict}", months=outlook.months or "",
              years=_years(years) if years is not None else "")
        if outlook.verdict in ("likely", "unsure"):  # told they get none, they are not sent to claim it
            r.say("registration.claim", where=str(payload.get("claim_where") or ""))
        days = payload.get("first_contact_days", 2)
        if payload.get("caseworker"):
            r.say("registration.case", caseworker=str(payload["caseworker"]), days=days)
        else:
            r.say("registration.case_unassigned", days=days)
        wanted = services(answers.get("wants_services"))
        help_wanted(r, wanted, ctx)
        if wanted and fs.get("wishes"):
            wishes_told(r, str(fs.pop("wishes")), ctx)
        r.emit("job_search_started", case_id=payload.get("case_id"), channel=ctx.channel)
        fs.update(phase="done", id=payload.get("registration_id"), at=ctx.now.isoformat(), field=None)
        back = fs.pop("return_to", None) or ("survey" if _survey_unfinished(r) else None)
        end_flow(r)
        if back:
            _return_to(r, back, ctx)


def _survey_unfinished(r: StepResult) -> bool:
    """The form has questions the job loss opened (where to work, what job): the survey asks them next."""
    survey = r.state.get("survey")
    if not isinstance(survey, dict) or not isinstance(survey.get("answers"), dict) or not survey["answers"]:
        return False
    return forms.next_field(SURVEY_FORM, survey["answers"]) is not None


def _years(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _return_to(r: StepResult, flow_name: str, ctx: StepContext) -> None:
    """Go back to the dialog the job loss interrupted (the survey), with its next question."""
    from dialogs.engine import FLOWS  # the engine imports this flow: only at run time the other way

    flow = FLOWS.get(flow_name)
    if flow is None:
        return
    r.state["flow"] = flow_name
    r.say("registration.back_to_survey")
    flow.resume(r, ctx)


REGISTRATION = RegistrationFlow()
__all__ = ["FIELD_KEYS", "NAME", "REGISTRATION", "SUBMIT", "job_loss_facts", "start_job_loss", "takes_job_loss"]
