"""Rights reports (权益维护): unpaid wages, no contract, no social insurance told in any dialog become a rights
case for the caseworker (event `rights_issue_reported`, bot/casework/effects.py); the person is told so."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from dialogs import nlu
from dialogs.flows import english
from dialogs.flows.english import injured
from dialogs.flows.jobs_replies import asks_for_list
from dialogs.i18n import catalog
from dialogs.nlu.memo import short_memo
from dialogs.policy.catalogue import retrieval
from dialogs.types import StepContext, StepResult

# Words that name the issue, checked in this order; any other rights report (wages held back, a deposit,
# an injury) is about pay or treatment at work: `wage_arrears` when wages are named, else `other`.
# English words too (the en locale): "boss hasn't paid me" is about wages.
ISSUE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no_contract", ("合同", "没签", "没有签", "不签", "不给签", "contract")),
    ("no_social_insurance", ("社保", "保险", "五险", "养老保险", "医保", "insurance")),
    ("wage_arrears", ("工资", "工钱", "欠薪", "拖欠", "欠", "克扣", "血汗钱", "加班费", "结账", "工费", "薪水", "钱",
                      "paid", "pay", "wage", "salary", "owe", "money")),
)
# After an injury was reported (an `other` issue): who pays for the treatment, told (医药费都是我自己出的).
_HURT_DETAILS = ("医药费", "医疗费", "看病", "住院", "治疗", "手术", "赔", "自己出", "自己掏", "自己垫", "没人管")
# Someone hurt at work: the report is answered with what to do and keep (an injury is an `other` issue).
INJURED = "policy.injury"
ISSUES = ("wage_arrears", "no_contract", "no_social_insurance", "other")
# A question about a work injury (工伤能赔多少, 医药费谁出): answered from the policy (catalogue entry `work_injury`),
# not a report; the case is offered (INJURY_OFFER) unless one was just reported.
INJURY_ENTRY = "work_injury"
INJURY_OFFER = "policy.injury_offer"
# Asked whom to go to with a rights issue (欠薪找谁): besides the caseworker, the HR hotline and labour inspection.
RIGHTS_WHERE = "policy.rights_where"
_ASKING = re.compile(r"多少|几|谁|咋|怎么|怎样|如何|吗|么|嘛|能不能|要不要|会不会|[?？]|[不没]$|how|who|what|\?")
# What such a question asks about: money, insurance, recognition ("工伤怎么办" is someone hurt: a report).
_INJURY_MONEY = re.compile(r"赔|补偿|医药费|医疗费|看病.{0,2}钱|治疗费|住院费|工伤保险|伤残|认定"
                           r"|compensat|medical|pays?\b")
# After a report: how many messages, and how long, may still tell its details.
DETAILS = "rights_details"
DETAIL_MESSAGES = 2
DETAIL_WINDOW = timedelta(days=1)
_NOT_DETAILS = frozenset({"seek_job", "seek_training", "ask_policy", "human", "opt_out", "help", "greeting",
                          "affirm", "deny", "job_lost", "changed_job"})
# What a report's details speak of besides the words of its issue: money owed, held back, the boss who ran off.
DETAIL_WORDS = ("欠", "拖", "扣", "没给", "不给", "没发", "不发", "老板", "包工头", "工头", "跑路", "跑了", "讨")
# Words that are an answer's own at a question, not details of the report made before it: the boss at the questions
# who the employer is (王老板的砖厂, 王老板 139…), the pay at the income questions (工资五千), the issue at its own
# rights question (没签合同 at 签劳动合同了吗?). Only what is owed, held back or run off with makes them details.
_WHO_WORDS = ("老板", "包工头", "工头")
_PAY_WORDS = ("工资", "工钱", "薪水", "钱", "结账", "工费", "pay", "wage", "salary", "money")
_ANSWER_WORDS: Mapping[str, frozenset[str]] = {
    "employer": frozenset(_WHO_WORDS), "employer_contact": frozenset(_WHO_WORDS),
    # 还留着 包工头说好了再回去 at the check-in's question whether the job is kept: who said so is the answer's.
    "checkin_sick": frozenset(_WHO_WORDS),
    "monthly_income": frozenset(_PAY_WORDS), "expected_income": frozenset(_PAY_WORDS),
    "contract_signed": frozenset(dict(ISSUE_WORDS)["no_contract"]),
    "social_insurance": frozenset(dict(ISSUE_WORDS)["no_social_insurance"]),
    "wages_on_time": frozenset(dict(ISSUE_WORDS)["wage_arrears"]) - frozenset(DETAIL_WORDS) - {"拖欠", "克扣", "欠薪"},
}
# A rights issue as a survey answer says it (someone working): the answer that means the right is not respected.
FORM_RIGHTS = (("contract_signed", "no_contract"), ("social_insurance", "no_social_insurance"),
               ("wages_on_time", "wage_arrears"))


# A job started this month: the employer still has its month to sign the contract (劳动合同法 第十条) and to
# register the insurance (社会保险法 第五十八条), so "not yet" opens no case; the next check-in asks again.
NEW_JOB_GRACE = ("no_contract", "no_social_insurance")


# An employer that is an organisation (a shop, a company, a factory): wage work, whatever way of working was chosen.
_ORGANISATION = re.compile(r"店|超市|商场|公司|厂|酒店|宾馆|饭店|餐馆|医院|学校|物业|车间|集团|中心")


def _told_no(answers: Mapping[str, Any]) -> list[str]:
    if answers.get("employment_status") != "employed" or answers.get("employment_form") == "self_employed":
        return []  # working for oneself: no employer owes wages, a contract or insurance
    told = [issue for field, issue in FORM_RIGHTS if answers.get(field) == "no"]
    if answers.get("employment_form") == "flexible" and not _ORGANISATION.search(str(answers.get("employer") or "")):
        # Orders taken on an app, odd jobs, piecework at home: no contract and insurance of one's own are how such
        # work is done, not a right withheld (every delivery rider's form opened a rights case); wages owed are.
        # (A shop or a company on record is an employer who owes them: 华联超市's clerk, who took 灵活就业 as the
        # nearest way of working, asked no contract.)
        return [issue for issue in told if issue not in NEW_JOB_GRACE]
    return told


# In the first days of a month a job started the month before is weeks old at most (上个礼拜开始的, told at a
# check-in on the 1st): its month to sign a contract and register insurance has not run out either.
EARLY_IN_MONTH = 10


def _new_job(answers: Mapping[str, Any], today: date | None) -> bool:
    if today is None:
        return False
    started = answers.get("started")
    last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    return started == f"{today:%Y-%m}" or (started == last_month and today.day <= EARLY_IN_MONTH)


def form_rights_issues(answers: Mapping[str, Any], today: date | None = None) -> list[str]:
    """The rights issues a saved form reports (they open rights cases: bot/casework/effects.py); with `today`, not
    a contract or insurance not yet there in a job started this month."""
    told = _told_no(answers)
    return [issue for issue in told if not (_new_job(answers, today) and issue in NEW_JOB_GRACE)]


def too_early(answers: Mapping[str, Any], today: date) -> list[str]:
    """The issues a saved form tells that are too early to be issues (a job started this month: its month to go)."""
    return [issue for issue in _told_no(answers) if _new_job(answers, today) and issue in NEW_JOB_GRACE]


def issue_of(understanding: nlu.Understanding) -> str:
    said = understanding.normalized.lower()
    if injured(said):
        return "other"  # 工伤 of a worker with no contract: the injury is what the caseworker must hear of
    for issue, words in ISSUE_WORDS:
        if any(word in said for word in words):
            return issue
    return "other"


# Wages owed, told beside another issue (没签合同 工资也欠着): "工资" alone is no complaint (没签合同 工资三千).
_OWED_WORDS = ("欠", "拖", "克扣", "没发", "不发", "没结", "不结")


def issues_of(understanding: nlu.Understanding) -> list[str]:
    """Every issue one report tells, the one issue_of reads first: "没签合同 也没交社保" is both, one rights case
    listing them (bot/casework/cases.py open_rights_cases)."""
    first = issue_of(understanding)
    if first in ("wage_arrears", "other"):
        return [first]
    said = understanding.normalized.lower()
    also = [issue for issue, words in ISSUE_WORDS[:2] if issue != first and any(word in said for word in words)]
    if any(word in said for word in _OWED_WORDS):
        also.append("wage_arrears")
    return [first, *also]


@short_memo
def asks_about_injury(text: str) -> bool:
    """工伤能赔多少, 医药费谁出, 干活被机器轧了手 医药费谁出: a question about the money of a work injury, which the
    work-injury entry answers (受伤了 alone, 工伤怎么办, are reports)."""
    said = text.lower()
    if not _ASKING.search(said) or not _INJURY_MONEY.search(said):
        return False
    return asked_only(text) or injured(text)


def asked_only(text: str) -> bool:
    """工伤能赔多少: the catalogue's question, no injury of the speaker's told with it (干活被机器轧了手 医药费谁出)."""
    found = retrieval().search(text)
    return found.confident and found.entry is not None and found.entry.id == INJURY_ENTRY


def injury_reported(state: Mapping[str, Any], now: datetime) -> bool:
    """An injury reported in the last day whose report is still open (its details may come)."""
    pending = _open_report(state, now)
    return pending is not None and pending.get("issue") == "other"


def report_rights_issue(
    r: StepResult, understanding: nlu.Understanding, ctx: StepContext, *, ask_details: bool = True
) -> None:
    """A rights case for the caseworker, and the person told. With no dialog open the next message or two may
    say who, how much and since when (asked for; they go with the case); inside one (`ask_details` False) the
    open question comes next, so it is said back plainly."""
    issues = issues_of(understanding)
    issue = issues[0]
    # (`said`: for the alert of someone who never did the survey, numbers masked there; never in the event log.)
    r.emit("rights_issue_reported", issue=issue, issues=issues, channel=ctx.channel, said=understanding.text)
    # Inside a dialog its question comes next; details told anyway are still taken (details_at_question).
    open_details(r, issue, ctx)
    if injured(understanding.text):
        r.say(INJURED)  # passed on, and what to do now: get treated, keep the records and proof of the work
    elif ask_details:
        r.say("rights.acknowledged")
        if nlu.is_question(understanding.text):
            r.say(RIGHTS_WHERE)  # 欠薪找谁, 老板不发工资怎么办: whom else they can go to
    elif all(told in FORM_ISSUES for told in issues):
        tell_reported(r, issues, ctx)
    else:
        r.say("rights.reported")


# A rights report told at the consent question (包工头姓王 欠俺一万二): nothing goes into a case before consent, but
# the person hears at once where to get help and that agreeing lets the caseworker help; the report (its words)
# waits in the conversation, is passed on when they agree, and is dropped if they do not.
HELD = "rights_held"
CONSENT_FIRST = "policy.rights_consent_first"
HELD_REPORTED = "policy.rights_held_reported"
_CONFIDENT = 0.7


def reported_before_consent(understanding: nlu.Understanding) -> bool:
    return understanding.intent == "rights_issue" and understanding.confidence >= _CONFIDENT and not (
        nlu.about_others_only(understanding.text))


def hold_before_consent(r: StepResult, understanding: nlu.Understanding, *, said: bool = True) -> None:
    # The issue only: the case needs no more (report_held passes nothing else), and the person's words (a boss's
    # name, a sum, a phone) have no place in the conversation's state before consent. (said=False: the caller's
    # own word names it.)
    issues = issues_of(understanding)
    r.state[HELD] = {"issue": issues[0], **({"issues": issues} if len(issues) > 1 else {})}
    if said:
        r.say(CONSENT_FIRST)


def report_held(r: StepResult, ctx: StepContext) -> None:
    """Consent given: the report held since the notice goes to the caseworker, with the words it was told in."""
    held = r.state.pop(HELD, None)
    if not isinstance(held, dict):
        return
    issue = str(held.get("issue") or "other")
    issues = [str(told) for told in held.get("issues") or [issue]]
    # One alert, the case's own (its words as a second, rights_details, alert were one too many).
    r.emit("rights_issue_reported", issue=issue, issues=issues, channel=ctx.channel)
    r.say(HELD_REPORTED)


def drop_held(r: StepResult) -> None:
    """Consent refused: the report held is dropped, and the person told again where to take it themselves."""
    if r.state.pop(HELD, None) is not None:
        r.say(RIGHTS_WHERE)


def open_details(r: StepResult, issue: str, ctx: StepContext) -> None:
    """The next message or two may tell the details of the issue just reported (who, how much, since when):
    also after a report another dialog made itself (工资拖欠 at a check-in, then "两个月 六千块")."""
    r.state[DETAILS] = {"issue": issue, "at": ctx.now.isoformat(), "left": DETAIL_MESSAGES}


def takes_details(r: StepResult, text: str, understanding: nlu.Understanding, ctx: StepContext) -> bool:
    """After a rights report, "是威宁万家超市 欠了五千多" (the employer, the sum, since when) would be "没太明白": it
    goes to the caseworker as the report's details (event `rights_details_told`, the text redacted there) and
    the person is told so. A wish, a question or a new issue is read as usual; after two messages or a day
    the report is closed."""
    pending = _open_report(r.state, ctx.now)
    r.state.pop(DETAILS, None)  # with no dialog open, any other message closes the report
    if pending is None or not _may_be_details(pending, text, understanding):
        return False
    _pass_on(r, pending, text)
    r.say("rights.details_noted")
    return True


def details_at_question(
    r: StepResult, text: str, understanding: nlu.Understanding, ctx: StepContext, question: str | None
) -> str | None:
    """After a report made at a survey question, the next messages are answers to the open question unless they
    speak of what was reported: "欠了五千多 是万家超市" (the words of the issue, of money owed, of the boss) goes to
    the caseworker like details told at idle. "told": passed on and the person told so (the caller asks its
    question again); "answers": passed on, and a question it answers too (拖了三个月了 at 工资按时发了吗, the
    employer) reads it as usual; None: not the report's details."""
    pending = _open_report(r.state, ctx.now)
    if pending is None or not _may_be_details(pending, text, understanding):
        return None
    own = _ANSWER_WORDS.get(question or "", frozenset())
    issue = str(pending.get("issue"))
    words = tuple(word for word in (*dict(ISSUE_WORDS).get(issue, ()), *(_HURT_DETAILS if issue == "other" else ()),
                                    *DETAIL_WORDS)
                  if word not in own)
    # Who owes, named with the sum ("五千多 是威宁某砖厂" at 希望每月挣多少钱?): no answer of an income question
    # (a wish for work names a workplace and pay too: 想去电子厂 五千左右 at the jobs wanted).
    named = understanding.entities
    names_who = named.employer is not None and named.salary is not None and question not in (
        *ANSWERED_BY_DETAILS, "desired_jobs")
    if not names_who and not any(word in understanding.normalized for word in words):
        return None
    _pass_on(r, pending, text)
    if question in ANSWERED_BY_DETAILS:
        return "answers"
    r.say("rights.details_noted")
    return "told"


def details_not_an_answer(r: StepResult, text: str, understanding: nlu.Understanding, ctx: StepContext) -> bool:
    """After a report made at a survey question, a message the open question could not take that names who owes
    or how much ("是万家超市" at a numbered choice) is the report's details: passed on, the person told so."""
    pending = _open_report(r.state, ctx.now)
    if pending is None:
        return False
    # A sum is what is owed only after unpaid wages (or an injury's costs); after 没签合同 or 没交社保 it is the pay
    # ("一个月七八千吧" passed on as the report's details, then the pay asked again).
    sums = pending.get("issue") in ("wage_arrears", "other")
    named = understanding.entities.employer is not None or (sums and understanding.entities.salary is not None)
    if not named or not _may_be_details(pending, text, understanding):
        return False
    _pass_on(r, pending, text)
    r.say("rights.details_noted")
    return True


def may_tell_details(state: Mapping[str, Any], text: str, today: date, now: datetime) -> bool:
    """A report was just made and this message may be its details (no wish, question, bare reply or other issue):
    what another dialog on screen (a list of jobs) leaves to the idle handler's `takes_details`. The message is
    read only when a report is open."""
    pending = _open_report(state, now)
    return pending is not None and _may_be_details(pending, text, nlu.understand(text, today))


def _open_report(state: Mapping[str, Any], now: datetime) -> dict[str, Any] | None:
    """The report whose details may still be told (made less than a day ago, fewer than two told)."""
    pending = state.get(DETAILS)
    if not isinstance(pending, dict):
        return None
    try:
        since = datetime.fromisoformat(str(pending.get("at")))
    except ValueError:
        return None
    if now - since > DETAIL_WINDOW or int(pending.get("left") or 0) <= 0:
        return None
    return pending


def _may_be_details(pending: Mapping[str, Any], text: str, understanding: nlu.Understanding) -> bool:
    """Not a wish, a question, a bare reply or another issue (社保也没给交: its own case)."""
    if understanding.intent in _NOT_DETAILS or nlu.is_question(text) or nlu.is_bare_reply(text):
        return False
    if english.is_question(text) or english.intent_of(text) in ("seek_job", "seek_training"):
        return False  # "what subsidies can I get", "find work": asked, not told
    if asks_for_list(text):
        return False  # 发个列表: the jobs asked for
    another = understanding.intent == "rights_issue" and issue_of(understanding) not in (pending.get("issue"), "other")
    hurt = injured(text) and pending.get("issue") != "other"  # 手也弄伤了 after unpaid wages: its own case
    return not another and not hurt


def _pass_on(r: StepResult, pending: Mapping[str, Any], text: str) -> None:
    r.emit("rights_details_told", issue=pending.get("issue"), details=text)
    left = int(pending.get("left") or 0) - 1
    if left > 0:
        r.state[DETAILS] = dict(pending) | {"left": left}
    else:
        r.state.pop(DETAILS, None)


def tell_too_early(r: StepResult, issues: Sequence[str], ctx: StepContext) -> None:
    """"刚上班不到一个月: 单位应在一个月内签合同、办社保; 下次回访再问": no case yet, and when to speak up."""
    if issues:
        r.say("rights.new_job")


def tell_reported(r: StepResult, issues: Sequence[str], ctx: StepContext) -> None:
    """Tell the person that the rights issues they told us of went to their caseworker (the cases are opened by
    the `rights_issue_reported` / `form_submitted` effects): "您说没签劳动合同、单位没交社保, … 已转给…"."""
    cat = catalog(ctx.locale)
    said = ("、" if ctx.locale == "zh_CN" else "; ").join(cat.get(f"rights.issue.{issue}") for issue in issues)
    r.say("rights.from_form", issues=said)


# Survey questions a report's details may answer too (the employer, the rights questions).
ANSWERED_BY_DETAILS = frozenset({"employer", *(field for field, _issue in FORM_RIGHTS)})
# The issues a survey answer can report, each with words to say it back (rights.issue.*).
FORM_ISSUES = frozenset(issue for _field, issue in FORM_RIGHTS)
TOLD_KEYS = frozenset({CONSENT_FIRST, HELD_REPORTED,
                       "rights.from_form", "rights.details_noted", "rights.reported", "rights.new_job", INJURED,
                       INJURY_OFFER, RIGHTS_WHERE,
                       *(f"rights.issue.{issue}" for _field, issue in FORM_RIGHTS)})
