"""The unemployment registration's questions: when work stopped, why, insured or not, for how long, what help."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from dialogs import nlu
from dialogs.flows import english
from dialogs.flows.registration.dates import MonthOnly, find_day
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.forms import NONE_CHOICE, Choice, Form, FormField, Invalid, parse_answer, parse_choice
from dialogs.nlu.intents import canonical
from dialogs.nlu.memo import short_memo
from dialogs.nlu.numerals import parse_numeral
from dialogs.types import StepContext

# A last working day further back than this is a mistake (a year typed wrong), not a job loss to register.
OLDEST = timedelta(days=5 * 366)
MAX_YEARS = 50
PLAN = "registration.last_work_day.plan"
# 交了社保 with nothing to say whose: rural 社保 is often only the pension and medical cover paid at the village,
# so whether unemployment insurance was in it is asked once (the benefit answer is not given on a guess).
SOCIAL_ONLY = "registration.insured.social_only"
# A month without its day: which day, the month's name shown (and kept, as `asked`, for the answer to come).
WHICH_DAY = "registration.last_work_day.which_day"


# 干到月底, 做到20号, 这个月底就不干了: work that ends on a day still to come.
_UNTIL = re.compile(r"(?:干|做|上班|上|搞|待|呆)到|不干了|就不干|才走|才结束|到期|完工|干完|做完|完了|结束|收尾")
# (干完这个月就不干了: this month done, i.e. its end; it asked "12月几号?")
_UNTIL_MONTH_END = re.compile(r"(?<![\d一二两三四五六七八九十])(?:这个?|本)?月(?:底|末)|(?:干|做)完(?:这个?|本)月")
_UNTIL_DAY = re.compile(
    r"(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*)?(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号|日)"
)
# How far ahead a day work ends may be (干到下个月底 is still a job held, not a loss to register yet).
AHEAD = timedelta(days=62)


def ends_ahead(text: str, today: date) -> date | None:
    """The day work ends when it is still to come (干到月底: the end of this month), or None."""
    t = nlu.normalize(text)
    if _UNTIL.search(t) is None or re.search(r"[上下]个?月|明年|去年", t):
        return None  # (干到下个月底: work held for a while yet)
    if (week := nlu.work_until(t)) in ("这周", "下周"):
        # 下个礼拜就完工了: the Sunday ending that week (it asked "12月几号?")
        end: date | None = today + timedelta(days=6 - today.weekday() + (7 if week == "下周" else 0))
    elif _UNTIL_MONTH_END.search(t):
        end = date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    elif re.search(r"年底|年末|(?:干|做)完今年", t):
        end = date(today.year, 12, 31)  # 干到年底厂子就关了 (said in December: within reach)
    elif (m := _UNTIL_DAY.search(t)) is not None:
        month = parse_numeral(m.group(1)) if m.group(1) and not m.group(1).isdigit() else int(m.group(1) or today.month)
        day = parse_numeral(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
        try:
            end = date(today.year, int(month or 0), int(day or 0))
        except ValueError:
            end = None
    else:
        end = None
    return end if end is not None and today < end <= today + AHEAD else None


def month_shown(asked: str, ctx: StepContext) -> dict[str, str]:
    """The parameters of 是{month}的哪一天? for a month kept as YYYY-MM (`asked`, for the answer to come)."""
    month = int(asked[5:])
    return {"month": f"{month}月" if ctx.locale == "zh_CN" else date(2000, month, 1).strftime("%B"), "asked": asked}


def parse_last_work_day(text: str, ctx: StepContext) -> Any:
    if (ahead := ends_ahead(text, ctx.today)) is not None:
        return ahead.isoformat()  # 干到月底: that day (the flow says the registration is done after it)
    found = find_day(text, ctx.today)
    if isinstance(found, MonthOnly) and found.month > f"{ctx.today:%Y-%m}":
        # 想找 过完年再出来: when they mean to go out again, a plan, not the day work stopped.
        return Invalid(PLAN)
    if isinstance(found, MonthOnly):
        return Invalid(WHICH_DAY, month_shown(found.month, ctx))
    if found is None:
        return None
    if found > ctx.today:
        return Invalid("registration.last_work_day.in_future")
    if ctx.today - found > OLDEST:
        return None
    return found.isoformat()


# (五险一金 names the insurances, not five years)
_YEARS = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}|半)\s*(?:个)?\s*(年半|年多|多年|年)?(?![险金])")

_UNDER_YEARS = re.compile(
    r"(?:不到|不满|没到|没满|没有|不够|不足|还没到|还没满|还不到)\s*(\d+|[一二两三四五六七八九十]{1,3})\s*(?:个)?\s*年")
_MONTHS = re.compile(r"(\d+|[一二两三四五六七八九十]{1,3})\s*个\s*(?:多)?\s*月")
_YEARS_BEFORE_MONTHS = re.compile(r"年")


def parse_insured_years(text: str, _ctx: StepContext) -> Any:
    """Years of contributions: 3年, 三年多 (3), 一年半 (1.5), 半年 (0.5), a bare 5; in English "four years", "4 yrs"."""
    if (said := english.years_said(text)) is not None:
        if not 0 <= said <= MAX_YEARS:
            return None
        return int(said) if said.is_integer() else said
    t = unicodedata.normalize("NFKC", nlu.normalize(text))
    if (under := _UNDER_YEARS.search(t)) is not None:
        # 不到一年 (it was read as 1 year: the benefit said likely), 不满三年: less than that many (the half year
        # below keeps the benefit's length right: 1-5 years is 12 months).
        whole = float(under.group(1)) if under.group(1)[0].isdigit() else parse_numeral(under.group(1))
        return None if whole is None or not 0 < whole <= MAX_YEARS else whole - 0.5
    if (months := _MONTHS.search(t)) is not None and not _YEARS_BEFORE_MONTHS.search(t[: months.start()]):
        # 交了八个月 (re-asked as no answer): under a year is counted as half a year, as 不到一年 is.
        count = float(months.group(1)) if months.group(1)[0].isdigit() else parse_numeral(months.group(1))
        if count is not None and 0 < count <= 12 * MAX_YEARS:
            return 0.5 if count < 12 else (int(count) // 12 if count % 12 == 0 else round(count / 12, 1))
    m = _YEARS.search(t)
    if m is None:
        return None
    number = m.group(1)
    if number == "半":
        if m.group(2) != "年":
            return None
        return 0.5
    value = float(number) if number[0].isdigit() else parse_numeral(number)
    if value is None:
        return None
    if m.group(2) == "年半":
        value += 0.5
    if not 0 <= value <= MAX_YEARS:
        return None
    return int(value) if float(value).is_integer() else float(value)


# 一年多, 三年, 五六个年头 at the insured question: how long, so insured (the years are kept with it).
DURATION = re.compile(r"(?:\d+|[一二两三四五六七八九十]{1,3}|半)\s*(?:个)?\s*(?:年半|年多|多年|年头|年)")
# 自己交的: paid by oneself, as flexible workers do — pension and medical cover, rarely unemployment insurance.
_SELF_PAID = re.compile(r"自己(?:交|缴|买)")


# Social insurance said without saying it held unemployment insurance or that an employer paid it.
_SOCIAL = re.compile(r"社保|保险")
_UNEMPLOYMENT_OR_EMPLOYER = re.compile(r"失业|[五四三]险|单位|厂|公司|老板|工地")
# 单位交的, 厂里给买的: paid by the employer, so unemployment insurance with it (five insurances by law).
_EMPLOYER_PAID = re.compile(r"(?:单位|厂里?|厂子|公司|老板)(?:里|上)?(?:都|也|有)?(?:给|帮)?(?:我)?(?:交|缴|买|上)")


def _parse_yes_no_unknown(text: str, _ctx: StepContext) -> Any:
    said = nlu.normalize(text)
    verdict = nlu.parse_yes_no(text)
    if verdict is None and _EMPLOYER_PAID.search(said) and not _SELF_PAID.search(said):
        return "yes"  # 单位交的 (the answer to the question on 社保 below)
    if verdict is None:
        if _SELF_PAID.search(text):
            return "unknown"  # the caseworker finds out whether unemployment insurance was in it
        if (DURATION.search(nlu.normalize(text)) or english.years_said(text) is not None) and not (
                nlu.mentions_dont_know(text)):
            return "yes"  # (four years, 4 yrs: it was "please reply with a number", or the reason 4)
        # 不晓得交没交: the 没交 inside 交没交 is no answer, the don't-know is.
        return "unknown" if nlu.mentions_dont_know(text) else None
    return "yes" if verdict else "no"


def read_insured(text: str, ctx: StepContext, *, asked: bool = False) -> Any:
    """The answer to "did you pay unemployment insurance": yes, no, unknown, or an Invalid; 交了社保 / 有社保 with
    nothing to say unemployment insurance was in it (no employer, no 五险) asks that once (SOCIAL_ONLY). `asked`: at
    the registration's own question ("您在单位交过失业保险 (社保) 吗?"), where 社保 paid for years said (交过社保的 交了
    两年多) is the employer's, so insured (it asked again what the 社保 held)."""
    said = nlu.normalize(text)
    value = parse_answer(REGISTRATION_FORM.field("insured"), text, ctx)
    if value == "yes" and _SOCIAL.search(said) and not _UNEMPLOYMENT_OR_EMPLOYER.search(said):
        if asked and years_in(text, ctx) is not None and not _SELF_PAID.search(said):
            return "yes"
        return Invalid(SOCIAL_ONLY)
    return value


# How long, said with being insured: 年 (交了三年多), or a number right after 交了 (交了三四, 交了五).
_YEARS_TOLD = re.compile(r"年|交了?\s*[一二两三四五六七八九十\d](?![险金])")


def years_in(text: str, ctx: StepContext) -> Any:
    """The years insured told in a message about the insurance (交了两年多, 社保交了三年, paid 4 years), or None."""
    if _YEARS_TOLD.search(text) or english.years_said(text) is not None:
        return parse_insured_years(text, ctx)
    return None


def insured(answers: Mapping[str, Any]) -> bool:
    return answers.get("insured") == "yes"


def _field(key: str, **kwargs: Any) -> FormField:
    return FormField(key, f"registration.{key}.prompt", f"registration.{key}.reprompt",
                     f"registration.{key}.label", **kwargs)


REASONS = (
    Choice("contract_ended", "registration.job_loss_reason.contract_ended",
           ("合同到期", "合同到了", "合同满了", "合同期满", "到期了", "期满")),
    Choice("laid_off", "registration.job_loss_reason.laid_off",
           ("裁员", "裁人", "被裁", "裁了", "裁掉", "把我裁", "减员", "精简", "不要人", "停工", "停产", "放长假",
            "放假", "没订单", "没单子", "厂里没活", "厂子没活", "厂没活", "都辞了", "全辞了", "不给活干", "不给活",
            "没活给我干", "没活派", "工地停了", "厂里停了", "厂子停了", "停了",
            "都放回家", "全放回家",
            # 厂头莫得活路了 老板喊我们走 (厂里没有活了): no work, everyone sent away (it was "请回复数字")
            "厂里没有活", "厂子没有活", "工地没有活", "叫我们走", "让我们走", "喊我们走", "叫我们回", "喊我们回",
            # 老板说没活干了: the employer's word that there is no work (it was "请回复数字选择原因"); 我没活干了
            # alone is the loss itself, not its reason
            "说没活", "说没得活", "说没有活")),
    Choice("employer_closed", "registration.job_loss_reason.employer_closed",
           ("倒闭", "关门", "跑路", "破产", "黄了", "搬走", "搬迁", "老板跑了", "老板也跑了", "老板都跑了", "厂子关了",
            "工地完工", "完工",
            "老板没钱", "公司没钱",
            "工程完", "活干完", "活儿干完", "活都干完", "活也干完", "活做完", "厂子搬", "厂搬",
            # 工地做完了, 项目结束了: the site's work done, as 工地完工 (it was asked again, "请回复数字"). (工地干完了
            # at first contact is left unregistered by the eval's w235: not added here.)
            "工地做完", "工程做完", "项目做完", "项目结束", "工程结束")),
    Choice("dismissed", "registration.job_loss_reason.dismissed",
           ("辞退", "被辞", "开除", "炒了", "炒掉", "炒鱿鱼", "被开", "被老板开", "把我开", "给开了", "开掉", "解雇",
            "不要我", "让我走", "叫我走", "喊我走", "赶走", "不让我干", "不让干")),
    Choice("quit", "registration.job_loss_reason.quit",
           ("辞职", "辞工", "自己走", "自己辞", "我辞了", "俺辞了", "我就辞了",
            "不想干", "不想做", "自己不干", "主动离职", "我不干了", "干不下去",
            "干够了", "不想去", "自己不想", "离家太远")),
    Choice("other", "registration.job_loss_reason.other", ("其他", "其它", "别的")),
)
_REASON = _field("job_loss_reason", choices=REASONS)


def _parse_reason(text: str, _ctx: StepContext) -> Any:
    return _reason(text)


def _reason(text: str) -> Any:
    """Said in dialect (老板把俺开了), once the words as typed matched no reason: read as standard words. Parts that
    name different reasons not of the person's choosing (工地完工了 老板不要人了) give the first: the cause, then
    what followed from it; one of them a choice of their own (不想干了 老板也不要人) is asked."""
    if english.years_said(text) is not None:
        return None  # 4 yrs, yes, paid 4 years: how long insured, not the 4th reason (it was "Dismissed")
    if text.isascii() and (told := _english_reason(text)) is not None:
        return told  # the factory closed, laid off, fired (the en locale: it was "Please reply with a number")
    said = canonical(nlu.normalize(text))
    value = parse_choice(_REASON, said)
    if value is not None:
        return value
    if (ended := _JUST_ENDED_AFTER.search(said)) is not None and ended.start() > 0 and (
            before := parse_choice(_REASON, said[:ended.start()])) not in (None, "quit"):
        return before  # 老板说不要人了我不干了, typed or spoken without a break
    found = [v for part in _CLAUSES.split(said) if part and isinstance(v := parse_choice(_REASON, part), str) and not (
        v == "quit" and _JUST_ENDED.fullmatch(part))]
    if "employer_closed" in found and "laid_off" in found:
        # 厂里停工了 老板跑了: the employer gone is why the work stopped (the caseworker's alert read 被裁员、停工, as
        # if there were an employer to go back to).
        return "employer_closed"
    return found[0] if found and "quit" not in found else None


_CLAUSES = re.compile(r"[\s,，。;；!！]+")
# 老板说不要人了 我不干了: 我不干了 beside a reason not of their choosing says what followed, not a choice (it was
# asked).
_ENDED = r"(?:那|所以)?(?:我|俺)?(?:就|也|只好|只能|只有)?不干了(?:啊|呀|嘛|呗|噻|撒)*"
_JUST_ENDED = re.compile(_ENDED)
_JUST_ENDED_AFTER = re.compile(_ENDED + "$")
# The reasons in English, the cause first (laid off when the factory closed: employer_closed).
_ENGLISH_REASONS = (
    ("contract_ended", re.compile(r"\bcontract (?:ended|ran out|expired|is over|was over|was up|finished)\b|"
                                  r"\bend of (?:my |the )?contract\b")),
    ("employer_closed", re.compile(r"\b(?:closed|shut|bankrupt|went bust|folded|ran off|ran away|run off|"
                                   r"moved away)\b")),
    ("laid_off", re.compile(r"\blaid off\b|\blay-?offs?\b|\bno (?:more )?(?:work|orders)\b|\bwork stopped\b|"
                            r"\bcut (?:jobs|staff|workers)\b")),
    ("dismissed", re.compile(r"\b(?:fired|dismissed|sacked|let (?:me )?go)\b")),
    ("quit", re.compile(r"\b(?:quit|resigned|i left)\b")),
)


def _english_reason(text: str) -> str | None:
    lowered = text.lower()
    return next((reason for reason, words in _ENGLISH_REASONS if words.search(lowered)), None)


_SERVICE_NEEDS = SURVEY_FORM.field("service_needs").choices
NO_SERVICE = NONE_CHOICE

REGISTRATION_FORM = Form(
    name="registration",
    summary="registration.submitted",  # no summary is shown: the record goes in as answered
    summary_reprompt="registration.stuck",
    fields=(
        _field("last_work_day", parse=parse_last_work_day, optional=True),
        _field("job_loss_reason", choices=REASONS, parse=_parse_reason),
        _field(
            "insured", parse=_parse_yes_no_unknown,
            choices=(
                Choice("yes", "registration.insured.yes", ("交过", "交了", "有交", "买了", "有买", "参保了", "有社保",
                                                          "交着", "有", "是")),
                Choice("no", "registration.insured.no", ("没交", "没有", "没买", "没参保", "没社保", "没上", "不是",
                                                        "否", "无")),
                Choice("unknown", "registration.insured.unknown", ("不知道", "不清楚", "不晓得", "不记得",
                                                                  "不确定", "说不准", "搞不清")),
            ),
        ),
        _field("insured_years", parse=parse_insured_years, when=insured, optional=True,
               unit="registration.insured_years.shown"),
        _field(
            "wants_services", multi=True,
            choices=(*_SERVICE_NEEDS, Choice(NO_SERVICE, "registration.wants_services.none",
                                             ("不需要", "不用", "都不要", "都不用", "不要"))),
        ),
    ),
)
FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in REGISTRATION_FORM.fields)


@short_memo
def reason_in(text: str) -> str | None:
    """The reason a job-loss sentence gives (老板跑路了 -> employer_closed), when it names exactly one."""
    value = _reason(text)
    return value if isinstance(value, str) and not text.strip().isdigit() else None


def services(value: Any) -> list[str]:
    """The help wanted, without the "none" choice."""
    return [v for v in (value or []) if v != NO_SERVICE]


def known_answers(known: Mapping[str, Any]) -> dict[str, Any]:
    """Facts heard before the dialog (a check-in's answer, the job-loss sentence), kept when well-formed."""
    answers: dict[str, Any] = {}
    day = known.get("last_work_day")
    if isinstance(day, str):
        try:
            answers["last_work_day"] = date.fromisoformat(day).isoformat()
        except ValueError:
            pass
    if known.get("job_loss_reason") in {c.value for c in REASONS}:
        answers["job_loss_reason"] = known["job_loss_reason"]
    if known.get("insured") in ("yes", "no", "unknown"):
        answers["insured"] = known["insured"]
    years = known.get("insured_years")
    if isinstance(years, int | float) and not isinstance(years, bool) and 0 <= years <= MAX_YEARS:
        answers["insured_years"] = years
    wanted = known.get("wants_services")
    choices = {c.value for c in REGISTRATION_FORM.field("wants_services").choices}
    if isinstance(wanted, list) and all(v in choices for v in wanted):
        answers["wants_services"] = list(wanted)
    return answers
