"""The survey dialog: privacy notice and consent, the form with skip logic, roster linking, status changes,
resuming after a gap, the summary, and the record handed over for review.

State (`state["survey"]`, plain JSON): the form progress of dialogs.forms plus
    last_at   ISO time of the person's last message to the survey (resume greeting after a gap),
    detour    {"back": field | None} while the questions of a new branch are asked after a status change,
    roster    {"status": pending|linked|mismatch|none|skipped, "name", "id_number", "entry_id"}: the look-up
              made for this name and ID (made again when either changes),
    pending_status  a status intent heard before consent, applied once consent is given,
    pending_facts   what messages before consent said beyond the status (name, ID, work place, job, pay),
                    taken into the form on consent and dropped on refusal,
    pending   a follow-up question open on the current field: {"kind": CONFIRM, "field", "value"} (a hedged
              answer to confirm once) or {"kind": ASK_DAYS, "field", "rate"} (a day rate: how many days),
    sender    {"phone": E.164} on SMS: the number the messages come from, offered at the phone question,
    form_offered  true once 外出务工 was offered to someone working away who did not know their way of working,
    said_none  optional fields answered "none" (没有 at the skills question): left empty like a don't-know, shown
              as 没有 at the summary,
    held      answers told before their question applies ({"desired_jobs": "看大门"} said at the name question),
              filled in once the branch they belong to is chosen; dropped with the submitted form.
    day_rate  a day's pay told with the employer (张老板 一天两百): the pay question asks the days instead.
    job_lost  {"said", "on"}: a job lost not by choice told before any work was on record (上个月厂子倒闭了 at the
              status question), and the day it was said: the registration dialog once the identity is asked.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from dialogs import forms, nlu, policy
from dialogs.flow import end_flow
from dialogs.flows import english, rights
from dialogs.flows.rights import (
    FORM_RIGHTS,
    NEW_JOB_GRACE,
    TOLD_KEYS,
    details_at_question,
    details_not_an_answer,
    form_rights_issues,
    issue_of,
    issues_of,
    report_rights_issue,
    tell_reported,
    tell_too_early,
    too_early,
)
from dialogs.flows.survey import replies
from dialogs.flows.survey.answering import Answering
from dialogs.flows.survey.applied import taken_job_facts
from dialogs.flows.survey.asked_back import KEYS as ASKED_BACK_KEYS
from dialogs.flows.survey.changing import ADDRESS_DROPPED, BY_NUMBER, LEARN, LEARN_NOTED, WORK, keep_learning
from dialogs.flows.survey.corrections import find_correction
from dialogs.flows.survey.fields import (
    ASK_DAYS,
    ASK_MONTH,
    ASK_SIDE_JOB,
    CONFIRM,
    FIELD_KEYS,
    ID_PROBLEMS,
    ID_SHAPED,
    JOB_FIELDS,
    SURVEY_FORM,
    YES_NO_FIELDS,
    looking,
    parse_name,
    place_from_code,
    place_value,
    put_back,
    remember_pay,
    show_phone,
    taken_away,
)
from dialogs.flows.survey.late import later_answer, names_work_only
from dialogs.flows.survey.news import WILLING, news_for_form
from dialogs.flows.survey.prefill import (
    INTENT_STATUS,
    hold_wish,
    prefill,
    status_from,
    township_then_village,
    village_alone,
)
from dialogs.flows.survey.vocabulary import (
    as_the_person,
    asks_to_fix_record,
    correction_cue,
    id_card_not_at_hand,
    new_boss_only,
)
from dialogs.forms import Invalid
from dialogs.i18n import catalog
from dialogs.matching.job_types import job_types
from dialogs.nlu import digit_runs
from dialogs.nlu.memo import copied_memo, short_memo, understood_key
from dialogs.place_names import short_place_name
from dialogs.policy import subsidies
from dialogs.types import Inbound, JsonDict, Outbound, StepContext, StepResult, told_so_far

# A rights complaint typed at a question the survey could not take as its answer (below this: a guess).
RIGHTS_CONFIDENT = 0.7

# The answers a change of status took away, kept for the message after it (a misreading put right).
_UNDO = "undo"
# 我还在上班的 只是问问, 啥都没变, 没辞: the change read was not what they said.
_AS_BEFORE = re.compile(r"还在|没变|一样|原来|照旧|只是问问|就问问|问问而已|随便问"
                        r"|没(?:说|有)?(?:不干|辞|离职|走|不做)")
# 不是 我还没找到, 不对 还没上班: no work after all, said at a question of the job a misreading began (that day).
_BRANCH_UNDO_FOR = timedelta(hours=24)
_NO_WORK_AFTER_ALL = re.compile(r"没(?:有)?(?:找到|找着|上班|上岗|去上班|开始干|开工|活干?|工作)")
log = logging.getLogger(__name__)
# How family members register (said by the idle handler, the check-in and the survey alike).
SOMEONE_ELSE = "idle.someone_else"
# 我是帮我爸登记的 他不会用手机: the family member has no phone of their own to register with; a caseworker calls or
# visits (it said "让他们关注我们或发短信过来").
SOMEONE_ELSE_NO_PHONE = "idle.someone_else_no_phone"
_NO_PHONE_OF_THEIR_OWN = re.compile(r"不会(?:用|弄|玩)手机|没(?:有)?手机|用不来手机|不会打字|打不来字|不识字|不认字")


def someone_else(text: str) -> str:
    """How family members register: by their own phone, or, when they have none they can use, with a caseworker."""
    return SOMEONE_ELSE_NO_PHONE if _NO_PHONE_OF_THEIR_OWN.search(nlu.normalize(text)) else SOMEONE_ELSE

CONSENT_VERSION = "2026-11"
CONSENT_OPTIONS = ("survey.consent.agree", "survey.consent.refuse")
# A job lost told at the privacy notice: sympathy, the registration once they agree, and why agreeing comes first.
JOB_LOST_FIRST = "survey.consent.job_lost"
JOB_LOST_OWED = "survey.consent.job_lost_owed"  # (with wages owed: dialogs/flows/idle.py)
# Back after this long: greet and repeat the question instead of treating the message as a wrong answer.
RESUME_GAP = timedelta(hours=12)
ROSTER_EVENT = "survey.roster_lookup"
ROSTER_RESULT = ROSTER_EVENT + ".result"
ROSTER_FIELDS = ("phone", "household_id", "home_division")
# `menu_open` after the form is saved: a bare number picks from the menu, words do not (dialogs/engine.py).
MENU_BY_NUMBER = "by_number"
# Trades to learn told during the survey, for the list the engine shows once it is saved (JOBS.after_survey).
LEARN_WISHES = "learn_wishes"
FOUND_JOB = "survey.status.found_job"
# Work wished for, told during the survey (想回家附近找点事做), for the jobs list shown once it is saved.
WORK_WISHES = "work_wishes"
_STATUS_INDEX = FIELD_KEYS.index("employment_status")
_FIELD_KEY_SET = frozenset(FIELD_KEYS)
def _month_answered(fs: JsonDict, text: str, ctx: StepContext) -> bool:
    """过完年吧 工资要到了就回去 at "什么时候可以开始工作?" just after wages owed were reported: the wages are the
    report's details, and the month answers the question too (it was asked again). Only a month's reading is
    strict enough to tell an answer from the details beside it."""
    field = fs.get("field")
    f = SURVEY_FORM.field(field) if fs.get("phase") == "ask" and isinstance(field, str) else None
    if f is None or not f.month or f.parse is None:
        return False
    value = f.parse(text, ctx)
    return value is not None and not isinstance(value, Invalid)


_QUESTION_KEYS = frozenset(f.prompt for f in SURVEY_FORM.fields)
_AGREE = frozenset({"1", "同意", "我同意", "可以", "agree", "yes", "y", "ok", "同一", "同以", "铜意", "童意",
                    "那行吧", "那好吧", "那行", "那好", "登记", "登记吧", "那就登记", "我要登记", "要登记"})
_REFUSE = frozenset({"2", "不同意", "拒绝", "no", "n", "disagree", "不想登记", "不登记", "不要登记", "我不想登记",
                     "俺不想登记", "不想填", "不填"})
# "Nothing"-words (没得 is 没有 in Guizhou and Sichuan speech): at "您同意吗?" they answer no question asked, so
# the question is put again plainly rather than taken as a refusal; 不同意, 不想登记, 2 still refuse.
_NOTHING = re.compile(r"(?:没得|没有|莫得|冒得|冇得|木有|么有|米有|没又|冇|没)(?:啊|嘛|哦|呢|噢|的)?")
# 嗯? / 啊? / 啥? at the notice: a puzzled sound with a question mark, not agreement (嗯? was taken as consent).
_PUZZLED = re.compile(r"(?:嗯|恩|啊|阿|哈|啥|什么|呃|额|哦|噢|诶|欸|咦|哪|这)*[?？]+[\s?？!！.。~]*")
# 那…吧, 我…了: the words around a plain 同意 (or 不同意) that change nothing.
_AROUND_CONSENT = re.compile(r"^(?:那就|那|就|我|俺|哦|噢|嗯)+|(?:吧|啊|呀|嘛|了|哈|呗|的|哦)+$")
_CONSENT_CORE = frozenset({"同意", "愿意"})
_REFUSAL_CORE = frozenset({"不同意", "不愿意"})
# Yes-words that say something was done (交了 社保, 签了 合同, 按时发): consent is given in words of agreeing only.
_DONE_SOMETHING = re.compile(r"[交签发缴买办上]了|按时|有的?$")
# 好的 我等电话, 等你们电话: waiting for someone to call (a caseworker, the village), not agreement to the notice; a
# call asked for in words the classifier reads as a request for a person (打电话给我) is one too.
_WAITS_FOR_A_CALL = re.compile(r"等(?:你们|您|你|工作人员|他们|村里)?的?(?:电话|回电|来电)")
# Agreement in its own words (1, 同意) still agrees beside such a wish (同意 我等电话).
_AGREED_PLAINLY = frozenset({"1", "同意", "我同意", "agree"})
# 没签, 还没签合同, 没有签字: a no about a contract (or a signature), never a refusal of consent (it ended the survey).
_NOT_SIGNED = re.compile(r"(?:还|都|也|我|俺)*(?:没有?|木有|没得|冇)签(?:过|了)?(?:合同|字|名)?(?:呢|的|啊|哦|嘛)?")


class SurveyFlow(Answering):
    name = "survey"
    form = SURVEY_FORM

    # -- Flow protocol ---------------------------------------------------------------------------------

    def start(self, r: StepResult, ctx: StepContext) -> None:
        previous = r.state.get("survey") or {}
        fs = forms.new_form_state(previous.get("answers"))
        # (said_none: 没有 said of a skill stays 没有 at the summary when the form is opened again, not 不知道)
        for key in ("roster", "pending_status", "pending_facts", "said_none", "last_pay"):
            if previous.get(key) is not None:
                fs[key] = previous[key]
        fs["last_at"] = ctx.now.isoformat()
        r.state["survey"] = fs
        if not (r.state.get("consent") or {}).get("given"):
            # 我想找个保安的活 as the first SMS (the jobs look-up found nothing to match on and handed over): the
            # work wished held for the form, as when said at the notice (it was asked again as if never said).
            asked = r.state.get("jobs") or {}
            for wish in asked.get("wishes") or ():
                if isinstance(wish, str) and asked.get("item") == "training":
                    keep_learning(fs, nlu.understand(wish, ctx.today))  # 有没有月嫂培训: the courses looked for by it
                elif isinstance(wish, str):
                    hold_wish(fs, nlu.understand(wish, ctx.today), ctx.today)
            self._ask_consent(r)
            return
        self._next(r, ctx)

    def start_with_correction(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> bool:
        """Opened by a change of a saved answer told outside the survey (手机号换了 139…, 工资涨了 现在五千五): the
        saved form's summary, the change made there as if typed at it; whether the message was one."""
        previous = r.state.get("survey") or {}
        if previous.get("phase") != "done" or not (r.state.get("consent") or {}).get("given"):
            return False
        fields = [f.key for f in SURVEY_FORM.applicable(previous.get("answers") or {})]
        if (previous.get("answers") or {}).get("id_number") is None and (
                found := nlu.parse_id_number(inbound.text)) is not None:
            # The ID number put off at the survey (身份证在我老婆那), sent once found: taken, the roster looked up,
            # the form to confirm (it was "没太明白").
            r.state["flow"] = self.name
            r.state["menu_open"] = False
            said = len(r.outbound)
            self.start(r, ctx)
            del r.outbound[said:]
            fs = r.state["survey"]
            fs.pop("id_later", None)
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "id_number", found), ctx)
            if ctx.channel != "sms":  # (on SMS the summary's changed items, after the roster look-up, say it)
                r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("id_number", found)], ctx.locale))
            self._next(r, ctx)
            return True
        correction = find_correction(inbound.text, fields, by_number=False)
        if correction is None or nlu.understand(inbound.text, ctx.today).intent == "rights_issue":
            return False  # (工资不对 少发了 is a rights report, not a new figure)
        f = SURVEY_FORM.field(correction.field)
        if not any(not isinstance(forms.parse_answer(f, value, ctx), Invalid) for value in correction.values):
            return False  # a field named and no value for it: not a change to make here
        if new_boss_only(inbound.text):
            return False  # 厂里换了个老板 我还在这干: the same job (it saved employer "厂里 个 我还在这干")
        r.state["flow"] = self.name
        r.state["menu_open"] = False
        said = len(r.outbound)
        self.start(r, ctx)  # the summary of what is saved
        del r.outbound[said:]
        self.handle(r, inbound, ctx)  # the change, then the summary to confirm
        if r.state["survey"].get("phase") == "summary":
            # One change to confirm: said back, not the whole form again (18 lines, three SMS). 看 shows it.
            r.outbound[said:] = [
                Outbound(key="survey.change_confirm") if out.key in _SUMMARY_KEYS else out
                for out in r.outbound[said:]
            ]
        return True

    def start_with_status(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> None:
        """Opened by a status change said outside the survey ("我换工作了" when no dialog is open)."""
        r.state["flow"] = self.name
        r.state["menu_open"] = False
        said = len(r.outbound)  # what the caller said first stays (the rights told beside a job loss)
        self.start(r, ctx)
        del r.outbound[said:]  # start() asked a question; the change decides what comes first
        fs = r.state["survey"]
        news = news_for_form(understanding, fs["answers"]) or understanding.status or understanding.intent
        if news == WILLING:
            # A change of mind (想通了 还是想出去挣点钱): that answer, then the questions it brings.
            self._apply_fills(r, {"willing_to_work": "yes"}, ctx)
            self._apply_prefill(r, understanding, "willing_to_work", ctx)
            self._next(r, ctx)
            return
        if not (r.state.get("consent") or {}).get("given"):
            fs["pending_status"] = news
            fs["pending_facts"] = _facts_before_consent(understanding)
            _note_job_lost(fs, understanding, None)
            if fs.get("job_lost") is not None:
                r.say(JOB_LOST_FIRST)  # 老板跑路了 我没活干了 as the first message: registered once they agree
            self._ask_consent(r)
            return
        self._change_status_keeping(r, news, understanding, ctx)

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        fs = r.state.get("survey")
        if r.state.get("awaiting") == "consent" or fs is None:
            self._ask_consent(r) if fs is not None else self.start(r, ctx)
            return
        if fs["phase"] == "summary":
            r.outbound.append(forms.summary(SURVEY_FORM, fs, ctx, full=True))
        elif fs["phase"] == "ask" and fs.get("field"):
            r.outbound.append(self._open_question(fs, SURVEY_FORM.field(fs["field"]), ctx))
        else:
            self._next(r, ctx)
        self._sync_awaiting(r)

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        said = len(r.outbound)
        self._handle(r, inbound, ctx)
        _change_said_once(r, said)
        self._first_time_out(r, inbound, said, ctx)

    def _first_time_out(self, r: StepResult, inbound: Inbound, said: int, ctx: StepContext) -> None:
        """第一次出来打工 (a 19-year-old's first job): a kind word, once (it went unremarked); from someone out of
        work it says they came out to work, so whether they want work is not asked."""
        fs = r.state.get("survey")
        if inbound.kind != "text" or not isinstance(fs, dict) or fs.get(_FIRST_TIME) or (
                _FIRST_TIME_OUT.search(nlu.normalize(inbound.text or "")) is None):
            return
        fs[_FIRST_TIME] = True
        r.outbound.insert(said, Outbound(key=FIRST_TIME_OUT))
        if fs.get("phase") == "ask" and fs.get("field") == "willing_to_work" and (
                r.state.get("consent") or {}).get("given") and "willing_to_work" not in fs["answers"]:
            r.outbound[:] = [m for m in r.outbound if m.key not in _QUESTION_KEYS]
            self._record(r, forms.set_answer(SURVEY_FORM, fs, "willing_to_work", "yes"), ctx)
            self._next(r, ctx)

    def _handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event":
            if inbound.event == ROSTER_RESULT:
                self._on_roster(r, dict(inbound.payload), ctx)
            return
        text = nlu.as_typed(inbound.text) if inbound.location is None else inbound.location[2]
        # (no new form state made only to be thrown away: the survey has one at most messages)
        fs = r.state["survey"] if "survey" in r.state else r.state.setdefault("survey", forms.new_form_state())
        if ctx.channel == "sms" and "sender" not in fs and (sender := nlu.parse_phone(inbound.address)):
            fs["sender"] = {"phone": sender}  # "phone" is a sensitive state key: encrypted at rest
        came_back = _came_back(fs, ctx)
        fs["last_at"] = ctx.now.isoformat()
        undo = fs.pop(_UNDO, None)  # good for the message right after the change only
        if isinstance(undo, dict) and undo.get("branch") and fs.get("phase") == "ask":
            fs[_UNDO] = undo  # a change that opened its branch's questions: good while they are asked
        if r.state.get("awaiting") == "consent":
            self._on_consent(r, text, ctx, came_back)
            return
        if not (r.state.get("consent") or {}).get("given"):
            # Nothing is asked before consent, whatever came in between (help, the menu): show the notice
            # again rather than read this message as an answer to a question no longer on screen.
            self._ask_consent(r)
            return
        if r.state.get("awaiting") == "roster_lookup":
            # The look-up result never came back (it normally arrives in the same unit of work): go on.
            log.warning("survey: roster look-up result missing; continuing without it")
            fs["roster"] = {**(fs.get("roster") or {}), "status": "skipped"}
            self._next(r, ctx)
            return
        if not came_back and nlu.checks_presence(text):
            r.say("common.here")  # 在吗 / 你好 at a question: answered, and the question again
            self.resume(r, ctx)
            return
        if _LINK.search(inbound.text or ""):
            # A link pasted in (a job ad, an article): we cannot open it; said so, and the question again (it was
            # referred to a caseworker as a question, its address broken by as_typed, or counted as a miss).
            r.say("survey.link")
            self.resume(r, ctx)
            return
        if fs["phase"] == "ask" and (theirs := as_the_person(text, at_name=fs.get("field") == "name")) is not None:
            # 我是她孙女 帮她填 她叫王秀英 今年56 在车间做手工: every fact is the grandmother's, read as she would say
            # them (it was someone else's news: the name and the work lost).
            text = theirs
        understanding = nlu.understand(text, ctx.today)
        if understanding.intent == "unknown" and (chinese := english.job_loss_in_chinese(text)) is not None:
            # I lost my job last month, the factory closed (it was "An ID number has 18 characters"): read as the
            # Chinese news is, held and registered the same way.
            if fs.get("field") == "name" and isinstance(named := parse_name(text, ctx), str):
                # my name is Li Wei, I lost my job …: the name is the answer, the news is read on.
                self._record(r, forms.set_answer(SURVEY_FORM, fs, "name", named), ctx)
            text, understanding = chinese, nlu.understand(chinese, ctx.today)
        # Details of a rights report made at a question ("欠了五千多 是万家超市") are no answer to the next one; an
        # item's number at the summary ("10 跟着包工头干") is that item's change, whatever its words.
        numbered = fs["phase"] == "summary" and BY_NUMBER.match(nlu.normalize(text)) is not None
        if not numbered and details_at_question(r, text, understanding, ctx, fs.get("field")) == "told" and not (
                _month_answered(fs, text, ctx)):
            self.resume(r, ctx)
            return
        if undo is not None and not numbered and self._change_undone(r, undo, text, understanding, ctx):
            return
        _note_job_lost(fs, understanding, ctx)
        _note_insurance(fs, text, ctx)
        if fs["phase"] == "ask" and _day_of_job_lost(r, fs, text, ctx):
            self.resume(r, ctx)  # 上个月底 just after 厂子倒闭了: the day kept for the registration, the question again
            return
        if fs["phase"] == "summary":
            self._at_summary(r, text, understanding, ctx, came_back)
        else:
            self._answer(r, text, understanding, ctx, came_back)

    def catalog_keys(self) -> set[str]:
        return SURVEY_FORM.catalog_keys() | {
            "survey.consent.notice",
            "survey.consent.reprompt",
            "survey.consent.plainly",
            "survey.consent.id_later",
            "survey.social_insurance.unknown", "survey.social_insurance.prompt_own",
            "survey.wages_on_time.unknown",
            "survey.confirm_flip",
            "survey.consent.jobs_first",
            "survey.consent.course_kept",
            "survey.consent.courses_kept",
            LEARN_NOTED,
            JOB_LOST_FIRST,
            "survey.consent.thanks",
            "survey.consent.facts_later",
            "survey.consent.refused",
            "survey.saved",
            "survey.passed_over",
            *TOLD_KEYS,
            "survey.welcome_back",
            "survey.change_confirm",
            "survey.prefilled",
            "survey.stuck",
            "survey.willing_to_work.later_from",
            "survey.household_id.number_unknown",
            "survey.household_id.what",
            "survey.household_id.number_unknown_noted",
            "survey.willing_to_work.with_conditions",
            "survey.willing_to_work.undecided",
            "survey.roster.found",
            "survey.id_number.bad_length",
            "survey.id_number.bad_length_said",
            "survey.phone.bad_length_said",
            "survey.id_number.bad_check",
            "survey.phone.wechat_hides_it",
            "survey.phone.not_this_one",
            "survey.id_number.bad_birth_date",
            "survey.place.not_found",
            "survey.place.too_broad",
            "survey.place.town_not_found",
            "survey.place.town_not_found_plain",
            "survey.place.town_not_found_later",
            "survey.place.town_renamed",
            ADDRESS_DROPPED,
            "survey.place.town_renamed_later",
            "survey.home_village.with_town",
            "survey.income.not_amount",
            "survey.income.out_of_range",
            "survey.month.not_month",
            "survey.month.in_future",
            "survey.required",
            "survey.employer.dont_know",
            "survey.employer.unknown",
            "survey.required_declined",
            "survey.stuck_optional",
            "survey.left_empty",
            "survey.later",
            "survey.id_number.not_at_hand",
            "survey.id_number.none",
            "survey.id_number.no_number",
            "survey.name.nickname",
            "survey.month.which_month",
            "survey.home_village.not_a_village",
            "survey.name.full_name",
            "survey.id_number.not_yet",
            "survey.id_number.known",
            "survey.corrected",
            "survey.consent.register_here",
            "survey.consent.nothing_to_correct",
            "survey.consent.no_signing",
            "survey.income.ask_days_again",
            "survey.income.days_estimated",
            "survey.name.as_called",
            "survey.place.which_town",
            "survey.place.which_county",
            "survey.edit_first",
            "survey.employment_form.contract_next",
            "survey.register_here",
            "survey.wish_referred",
            "survey.training_referred",
            "survey.link",
            "survey.no_services",
            "survey.phone.offer",
            *ASKED_BACK_KEYS,
            SOMEONE_ELSE,
            SOMEONE_ELSE_NO_PHONE,
            CONFIRM,
            ASK_DAYS,
            ASK_SIDE_JOB,
            *(f"survey.status.{intent}" for intent in INTENT_STATUS),
            "survey.status.undone",
            FOUND_JOB,
            *CONSENT_OPTIONS,
        }

    # -- consent ---------------------------------------------------------------------------------------

    def _ask_consent(self, r: StepResult) -> None:
        r.state["awaiting"] = "consent"
        r.say("survey.consent.notice", options=CONSENT_OPTIONS, version=CONSENT_VERSION)

    def tells_who(self, understanding: nlu.Understanding) -> bool:
        """你好 我是威宁的, 您好 我叫王秀英: a greeting that says who or where the person is (facts for the form)."""
        return bool(_facts_before_consent(understanding))

    def hold_before_consent(self, r: StepResult, understanding: nlu.Understanding) -> None:
        """Facts told while the privacy notice waits for an answer (a name, an ID number, where they work),
        held for the form until consent (_facts_before_consent)."""
        fs = r.state.get("survey")
        if fs is None or (r.state.get("consent") or {}).get("given"):
            return
        facts = _facts_before_consent(understanding)
        if {"id_number", "phone"} & facts.keys():
            # An ID or phone number typed before consent: the person is told that it is recorded only once they
            # agree and dropped if they do not (nothing was said), before the notice's question.
            asking = [i for i, m in enumerate(r.outbound) if (m.key or "").startswith("survey.consent.")]
            r.outbound.insert(asking[-1] if asking else len(r.outbound), Outbound(key="survey.consent.numbers_later"))
        elif "name" in facts and not (fs.get("pending_facts") or {}).get("name"):
            # 我叫杨丽 at the notice: greeted by the name and told it is recorded once they agree (it got only
            # 请回复 1 同意), then the notice's question.
            asking = [i for i, m in enumerate(r.outbound) if (m.key or "").startswith("survey.consent.")]
            r.outbound.insert(asking[-1] if asking else len(r.outbound),
                              Outbound(key="survey.consent.name_later", params={"name": facts["name"]}))
        fs["pending_facts"] = {**(fs.get("pending_facts") or {}), **facts}
        news = understanding.status if understanding.status in INTENT_STATUS else None
        if news in (None, "unable") and status_from(understanding) == "unemployed":
            news = "looking"  # 俺没有工作 想找活干; 我是残疾人 想找点活干 (it was 暂时不能工作)
        _note_job_lost(fs, understanding, None)  # 老板跑路了 我没活干了 at the notice: registered once they agree
        if news is None and fs.get("job_lost") is not None:
            news = "job_lost"  # 被辞了 失业金咋领: the loss is held (a question has no status of its own)
        if news is not None and not fs.get("pending_status"):
            fs["pending_status"] = news

    def _on_consent(self, r: StepResult, text: str, ctx: StepContext, came_back: bool) -> None:
        if _PUZZLED.fullmatch(text.strip()):
            log.info("survey: a puzzled sound at the consent question, the notice said again plainly")
            r.say("survey.consent.puzzled", options=CONSENT_OPTIONS)
            return
        if _NOTHING.fullmatch(forms.squash(text)):
            log.info("survey: a bare no at the consent question, asked again")
            r.say("survey.consent.plainly", options=CONSENT_OPTIONS)
            return
        verdict = _consent_verdict(text)
        if verdict and wants_a_call(text, ctx) and not any(
                forms.squash(part) in _AGREED_PLAINLY for part in re.split(r"[\s,，。.!！~]+", text)):
            verdict = None  # 好的 我等电话: they want a call (answered so, the notice still open); 同意 我等电话 agrees
        if verdict is None:
            log.info("survey: consent answer not understood")
            # 我叫张三 想登记一下 在东莞打工, 看大门的活: what was said waits for the questions it answers.
            what_is_this = nlu.asks_what_this_is(text)
            # (我在昆明扎钢筋 这个是干啥的: the work is held as if said alone; the question took its status away)
            understanding = nlu.understand(nlu.without_what_this_is(text) if what_is_this else text, ctx.today)
            if understanding.intent == "unknown" and (chinese := english.job_loss_in_chinese(text)) is not None:
                understanding = nlu.understand(chinese, ctx.today)  # I lost my job: held as 没活干了 is
            lost_before = r.state["survey"].get("job_lost") is not None
            held_before = set(r.state["survey"].get("pending_facts") or ())
            self.hold_before_consent(r, understanding)
            held_now = set(r.state["survey"].get("pending_facts") or ()) - held_before
            _note_insurance(r.state["survey"], text, ctx)
            if lost_before and _day_of_job_lost(r, r.state["survey"], text, ctx):
                r.say("survey.consent.reprompt")  # 上个月底 after 厂子倒闭了: kept (the line names the options)
                return
            lost_now = not lost_before and r.state["survey"].get("job_lost") is not None
            # 我想找个保安的活 (with 要钱不, or any question): the work wished, held for the form once they agree.
            job = hold_wish(r.state["survey"], understanding, ctx.today)
            if understanding.intent == "seek_training" and not nlu.about_someone_else(text):
                # 有没有月嫂培训 我想学 at the notice: the courses looked for once the form is saved, whatever the
                # status turns out (在家带娃: unable to work now, no jobs list; the question was never answered).
                keep_learning(r.state["survey"], understanding)
            if came_back:
                r.say("survey.welcome_back")
                self._ask_consent(r)
                return
            if wants_a_call(text, ctx):
                # 好的 我等电话 at the notice: a call wanted, not agreement (it was taken as consent, and the questions
                # began); the caseworker is told, as 人工 would, and the notice stays open.
                r.emit("human_requested", channel=ctx.channel, **told_so_far(r.state))
                r.say("survey.consent.call_wish")
            elif _NOT_SIGNED.fullmatch(forms.squash(text)):
                # 没签 at the notice: nothing is signed here; the question is whether they agree (it was taken as
                # a refusal and the survey ended). The contract is asked about in its turn.
                r.say("survey.consent.no_signing")
            elif rights.reported_before_consent(understanding):
                if nlu.is_question(text):
                    policy.answer_or_refer(r, text, ctx)  # 工资被包工头拖了半年 咋办: the answer first, as before
                rights.hold_before_consent(r, understanding)  # 包工头姓王 欠俺一万二: where to go; a case on consent
            elif nlu.about_others_only(text) or (nlu.about_someone_else(text) and understanding.intent == "help"):
                # 我老婆也想登记一下, 我是帮我爸登记的 他不会用手机: how family members register (or a caseworker),
                # then the notice's question.
                r.say(someone_else(text))
            elif "身份证" in text and id_card_not_at_hand(nlu.normalize(text)) and nlu.parse_id_number(text) is None:
                r.say("survey.consent.id_later")  # 没带身份证 at the notice: later is fine (it got the question alone)
            elif _WHAT_AND_COST.search(forms.squash(text)):
                # 这个是干嘛的 要钱不: who we are, and that it costs nothing (it was referred to a caseworker).
                r.say("common.who_we_are")
            elif _WHAT_FOR.search(forms.squash(text)) and not nlu.about_someone_else(text):
                # 填这个有啥用, 登记了有啥好处: what registering brings, then the question (it was only the greeting).
                r.say(WHY_REGISTER)
            elif understanding.intent == "help" or what_is_this:
                # 这是干啥的 (and 我在昆明扎钢筋 这个是干啥的, the work held): what the service is, then the question
                r.say("common.greeting")
            elif held_now and not held_now & {"name", "id_number", "phone"} and not nlu.is_question(text) and (
                    understanding.intent in ("greeting", "unknown", "affirm")):
                # 你好 我是威宁的 at the notice: greeted, and told what they said is kept once they agree (it got only
                # "请回复 1 同意"); said back after consent. (A name or a number has its own word: hold_before_consent.)
                r.say("survey.consent.facts_later")
            elif understanding.intent == "seek_training" and not job:
                # 你好 有没有月嫂培训: the course asked about in a line (government courses cost nothing; which ones
                # they can join depends on their county and age, known once registered) and kept for the list after
                # the form; nothing of theirs is looked at before consent (it got "登记好了, 就能…推荐").
                keep_learning(r.state["survey"], understanding)
                trade = next(iter(job_types().groups([understanding.normalized]).values()), None)
                r.say("survey.consent.course_kept", trade=trade) if trade else r.say("survey.consent.courses_kept")
            elif understanding.intent in ("seek_job", "seek_training"):
                # 有没有活干: the list needs the form (home, age), so the answer is why registering comes first.
                r.say("survey.consent.wish_kept", job=job) if job else r.say("survey.consent.jobs_first")
            elif asks_to_fix_record(text):
                r.say("survey.consent.nothing_to_correct")  # 我的信息填错了 怎么改: nothing yet (it was referred)
            elif nlu.asks_how_to_register(text):
                r.say("survey.consent.register_here")  # 咋登记: here, once they agree (not 失业登记's policy)
            elif policy.answers_family_benefit(r, text, understanding.intent, ctx):
                pass  # 我老公被辞了 失业金咋领: answered as after consent (it was referred), then the question again
            elif lost_now and nlu.is_question(text) and policy.asks_about_benefit(text):
                policy.tell_answer(r, subsidies.INSURED_ENTRY, ctx)  # 被辞了 失业金咋领: the benefit (it was referred)
            elif nlu.is_question(text) or policy.asked_not_told(text, understanding.intent):
                # (家里老伴瘫了 要人伺候 有啥补助: no 吗, but asked; it got only the question again)
                policy.answer_or_refer(r, text, ctx)
            if job and not any(m.key == "survey.consent.wish_kept" for m in r.outbound):
                r.say("survey.consent.wish_kept", job=job)  # (我想找个保安的活 介绍工作 要钱不: who we are, then this)
            if lost_now:
                # 老板跑路了 我没活干了: a word for them, the registration we do once they agree, and why agreeing
                # comes first (it got only "请回复 1 同意").
                r.say(JOB_LOST_FIRST)
            # (The line names the options itself: the list after it said them twice, "请回复 1 同意, 或 2 不同意。
            # 1同意 2不同意" in one SMS.)
            r.say("survey.consent.reprompt")
            return
        r.state["consent"] = {"given": verdict, "at": ctx.now.isoformat(), "version": CONSENT_VERSION}
        if not verdict:
            r.emit("consent_refused", version=CONSENT_VERSION, channel=ctx.channel)
            r.say("survey.consent.refused")
            rights.drop_held(r)  # a rights report held for the answer: gone, and where they can take it told
            r.state["survey"].pop("pending_status", None)
            r.state["survey"].pop("pending_facts", None)
            r.state["survey"].pop("job_lost", None)
            r.state["survey"].pop("insurance_told", None)
            r.state["survey"].pop("held", None)
            end_flow(r)
            return
        r.emit("consent_given", version=CONSENT_VERSION, channel=ctx.channel)
        r.say("survey.consent.thanks")
        rights.report_held(r, ctx)  # a rights report told at the notice: the case opened now
        # What was told before consent (在北京当保姆) and with it (同意 我在东莞长安打工) counts now, and the
        # questions go on in the form's order.
        fs = r.state["survey"]
        if (lost := fs.get("job_lost")) is not None and not lost.get("on"):
            lost["on"] = ctx.today.isoformat()
        fills = dict(fs.pop("pending_facts", None) or {})
        pending = fs.pop("pending_status", None)
        if pending in INTENT_STATUS and "employment_status" not in fs["answers"]:
            fills["employment_status"] = INTENT_STATUS[pending]
            r.emit("employment_status_changed", old=None, new=INTENT_STATUS[pending], reason=pending,
                   channel=ctx.channel)
        said = nlu.understand(text, ctx.today)
        fills |= prefill(SURVEY_FORM, {**fs["answers"], **fills}, said, current=None, today=ctx.today)
        self._apply_fills(r, {k: v for k, v in fills.items() if k not in fs["answers"]}, ctx)
        self._next(r, ctx)

    def _submit(self, r: StepResult, ctx: StepContext) -> None:
        fs = r.state["survey"]
        fs.pop(forms.SHOWN, None)  # opened again later, the whole form is shown
        consent = r.state.get("consent") or {}
        roster = fs.get("roster") or {}
        r.emit(
            "form_submitted",
            answers=dict(fs["answers"]),
            channel=ctx.channel,
            consent_at=consent.get("at"),
            consent_version=consent.get("version"),
            roster_entry_id=roster.get("entry_id") if roster.get("status") == "linked" else None,
        )
        r.say("survey.saved")
        told = fs.pop("told_issues", None) or ()
        if issues := [issue for issue in form_rights_issues(fs["answers"], ctx.today) if issue not in told]:
            tell_reported(r, issues, ctx)  # no contract, no insurance, wages late: a rights case, a caseworker calls
        tell_too_early(r, too_early(fs["answers"], ctx.today), ctx)  # a job started this month: its month to go
        fs["detour"] = None
        fs.pop("held", None)
        fs.pop("day_rate", None)
        fs.pop("insurance_told", None)
        if learn := fs.pop(LEARN, None):
            r.state[LEARN_WISHES] = learn  # 学电焊或者修车: the list shown next looks for it (dialogs/engine.py)
        if work := fs.pop(WORK, None):
            r.state[WORK_WISHES] = work  # 想回家附近找点事做: the jobs list shown next looks for it, near home
        end_flow(r)
        # The menu (seen at the start, on SMS the only way around) is what a bare number means next: 1 is
        # its first entry, not a message nobody understood. Words are read as usual (the menu is not shown).
        r.state["menu_open"] = MENU_BY_NUMBER

    # -- status changes --------------------------------------------------------------------------------

    def _not_an_answer(
        self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext, came_back: bool
    ) -> bool:
        """A message that does not answer the question: a status change, or hello again after a gap."""
        if self._status_change_in(r, understanding, ctx):
            return True
        if details_not_an_answer(r, understanding.text, understanding, ctx):
            self.resume(r, ctx)  # 是万家超市 after a report: who owes, for the caseworker; then the question again
            return True
        if self.rights_reported(r, understanding, ctx):
            return True
        asked = r.state["survey"].get("field")
        # (At the household number, its own question says the number looks like an ID: fields.parse_household.)
        if asked not in ("id_number", "household_id") and (
            problem := nlu.id_number_problem(understanding.text)
        ) in ID_SHAPED:
            # An ID number typed wrong at another question was passed over without a word (the question again):
            # say what is wrong with it; a right one at any question is taken.
            r.say(ID_PROBLEMS[str(problem)])
            self.resume(r, ctx)
            return True
        if nlu.about_others_only(understanding.text):
            # 我老婆也想登记一下 at any question: how family members register, then the question again.
            r.say(someone_else(understanding.text))
            self.resume(r, ctx)
            return True
        if understanding.intent == "human" and understanding.confidence >= RIGHTS_CONFIDENT:
            # 要人工, 我想找个工作人员问问 at any question: the caseworker is told (with what the survey heard).
            r.emit("human_requested", channel=ctx.channel, **told_so_far(r.state))
            r.say("common.human_requested")
            self.resume(r, ctx)
            return True
        if came_back:
            r.say("survey.welcome_back")
            self.resume(r, ctx)
            return True
        return False

    def rights_reported(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
        """老板拖欠工资三个月了 at any question ("请回复数字" before; at the work place or the employer it was
        stored as the answer): a rights case, then the question again."""
        if understanding.intent != "rights_issue" or understanding.confidence < RIGHTS_CONFIDENT:
            return False
        if r.state["survey"].get("reported") == understanding.text:
            return False  # (reported beside the status it told: rights_beside)
        report_rights_issue(r, understanding, ctx, ask_details=False)
        self._keep_reported_answer(r, understanding, ctx)
        fs = r.state["survey"]
        _told_already(fs, understanding)
        if fs.get("field") and fs["field"] in fs["answers"]:
            self._next(r, ctx)  # 没签 临时工哪有合同 at the contract question: answered by the report, not asked again
        else:
            self.resume(r, ctx)
        return True

    def rights_beside(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> None:
        """在上海工地干活 包工头欠了三个月工资没给 at the status question: the work told is the answer, and the wages
        owed a rights case all the same (they were lost: the survey went on to the work address)."""
        if understanding.intent != "rights_issue" or understanding.confidence < RIGHTS_CONFIDENT or (
                issue_of(understanding) != "wage_arrears"):
            return  # (腿摔断了 在家养着 is no report: an injury not said to be at work)
        report_rights_issue(r, understanding, ctx, ask_details=False)
        r.state["survey"]["reported"] = understanding.text
        _told_already(r.state["survey"], understanding)

    def _keep_reported_answer(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> None:
        """没签合同 at the way of working: the report answers the contract question ahead too (said back by the
        report itself), so it is not asked later; 没签 也没买保险 at the pay answers both."""
        fs = r.state["survey"]
        answers = fs["answers"]
        field_of = dict((issue, field) for field, issue in FORM_RIGHTS)
        # 养老保险没买过 from someone whose form says insured: the report corrects the form's yes (the summary still
        # showed 缴纳社保: 是 beside the case opened for no insurance), said back once.
        corrected = [field_of[issue] for issue in issues_of(understanding)
                     if issue in field_of and answers.get(field_of[issue]) == "yes"]
        for field in corrected:
            self._record(r, forms.set_answer(SURVEY_FORM, fs, field, "no"), ctx)
        if corrected:
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [(k, answers[k]) for k in corrected],
                                                        ctx.locale))
        if not fs.get("field"):
            return
        # 合同没签 社保也没有: every issue the report names answers its question ahead (the insurance was asked later).
        for issue in issues_of(understanding):
            reported = field_of.get(issue)
            if reported is None or reported in answers:
                continue
            if SURVEY_FORM.field(reported).applies(answers):
                self._record(r, forms.set_answer(SURVEY_FORM, fs, reported, "no"), ctx)
            elif issue in NEW_JOB_GRACE:
                # Told before the work is known (跑美团 没签合同 at the household number): held for its question,
                # not asked again there ("刚才说了 没签"). (Wages owed told then may be an old boss's: the wages
                # question still asks of the work the person names.)
                fs["held"] = {**(fs.get("held") or {}), reported: "no"}
        ahead = later_answer(SURVEY_FORM, fs, SURVEY_FORM.field(fs["field"]), understanding.text, ctx)
        if ahead is not None and ahead[0] in YES_NO_FIELDS:
            self._record(r, forms.set_answer(SURVEY_FORM, fs, *ahead), ctx)

    def _status_change_in(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
        """The speaker's own news ("I lost / changed / have a job", "I cannot work now") that the current
        question could not take; someone else's news (我老婆被厂里辞了) is none."""
        news = understanding.status
        if news is None or status_from(understanding) is None:  # (the attribute first: most messages have none)
            return False
        answers = r.state["survey"]["answers"]
        if news in ("employed", "changed_job") and looking(answers) and names_work_only(understanding.text):
            return False  # 电焊 开叉车 from someone looking for work: the work wanted, not work found

        if news != "changed_job" and INTENT_STATUS[news] == answers.get("employment_status"):
            return False
        if news in ("employed", "unable") and policy.asked_not_told(understanding.text, understanding.intent):
            return False  # 残疾证咋办, 我55了还能干公益岗不: a question the policy answers (passed on), not news
        self._change_status_keeping(r, news, understanding, ctx)
        return True

    def _change_status_keeping(
        self, r: StepResult, news: str, understanding: nlu.Understanding, ctx: StepContext
    ) -> None:
        """The change of status, then what the new job keeps of the old one (隔壁厂, 工资一样)."""
        answers = r.state["survey"]["answers"]
        answers_before = dict(answers)
        kept = replies.kept_by_new_job(understanding.normalized, answers) if news == "changed_job" else {}
        said = len(r.outbound)
        self._change_status(r, news, understanding, ctx)
        self._apply_fills(r, {k: v for k, v in kept.items() if k not in r.state["survey"]["answers"]}, ctx)
        if news in ("employed", "changed_job") and (taken := taken_job_facts(r.state, understanding.text)):
            # 去假发车间上班了 after applying for 「假发加工」: the item's employer, place and job (it asked
            # where), said back once with what the words told (假发车间 gives way to the employer's name)
            r.outbound[said:] = [m for m in r.outbound[said:] if m.key != "survey.prefilled"]
            fs = r.state["survey"]
            for key, value in taken.items():
                self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
            told = [(k, fs["answers"][k]) for k in FIELD_KEYS if k in taken or (
                k in JOB_FIELDS and k in fs["answers"] and k not in answers_before)]
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, told, ctx.locale))
            kept = kept or taken
        if kept:
            r.outbound[:] = [m for m in r.outbound if m.key not in _QUESTION_KEYS]
            self._next(r, ctx)  # the questions of the new job, minus what it keeps

    def _change_undone(
        self, r: StepResult, undo: JsonDict, text: str, understanding: nlu.Understanding, ctx: StepContext
    ) -> bool:
        """"不对 我还在上班的 只是问问" right after a change of status we read in their words: we misread it. The
        status and every answer the change took away come back (with history), and the summary to confirm."""
        fs = r.state["survey"]
        normalized = nlu.normalize(text)
        news = news_for_form(understanding, fs["answers"])
        if undo.get("branch"):
            # At a question of the branch the change opened, its answers ("还在东莞", "回原来的厂了") are not denials:
            # only the old status said again as a denial is, the same day ("不是 我没找到活" after 找到了 read at a
            # weekly check-in: the case was reopened, but the unemployed answers the misreading took were asked all
            # over again). "不干了 太累了" days later is the job found, then left: news, not a misreading.
            no_work = undo["status"] != "employed" and _NO_WORK_AFTER_ALL.search(normalized) is not None
            denied = correction_cue().search(normalized) is not None or no_work
            old_again = no_work or (news is not None and INTENT_STATUS.get(news) == undo["status"])
            since = _changed_at(undo)
            if not (denied and old_again) or since is None or ctx.now - since > _BRANCH_UNDO_FOR:
                return False
            fs.pop(_UNDO, None)
        elif not (correction_cue().search(normalized) or _AS_BEFORE.search(normalized)):
            return False
        elif news is not None and INTENT_STATUS.get(news) != undo["status"]:
            return False  # 不对 我是换了工作: another change, read as such
        now, changes = put_back(fs, undo)
        self._record(r, changes, ctx)
        r.emit("employment_status_changed", old=now, new=undo["status"], reason="corrected", channel=ctx.channel)
        r.say("survey.status.undone")
        fs.update(phase="summary", field=None, detour=None, editing=False)
        self.resume(r, ctx)
        return True

    def _plans_to_stop(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """干完这个月就不干了, 下个月就不干了 from someone recorded in work: their own plan, still in work now (it
        prepared the registration, its last day ahead). Noted as the check-in notes it (asked again after that
        day), and the open question (the summary) again. A place closing then (干到年底厂子就关了) is a job lost
        then: not this."""
        from dialogs.flows.checkin.answers import closing_then, leaving, work_ends

        # (下个月就不干了 回家找活: the plan first, then what comes after it)
        first = re.split(r"[\s,，。;；!！]+", nlu.as_typed(text).strip())[0]
        ends = work_ends(text, ctx.today) or leaving(text, ctx.today) or leaving(first, ctx.today)
        if ends is None or ends <= ctx.today or closing_then(text) or nlu.about_someone_else(text):
            return False
        r.say("checkin.ending", month=ends.month, day=ends.day)
        r.emit("checkin_recheck", work="checkin", status="employed", ends=ends.isoformat(),
               days=max(1, (ends - ctx.today).days + 1), recheck=1)
        self.resume(r, ctx)
        return True

    def _change_status(
        self, r: StepResult, intent: str, understanding: nlu.Understanding | None, ctx: StepContext
    ) -> None:
        if intent == "job_lost" and r.state["survey"]["answers"].get("employment_status") == "employed" and (
                understanding is not None and self._plans_to_stop(r, understanding.text, ctx)):
            return
        if intent == "job_lost" and r.state["survey"]["answers"].get("employment_status") == "employed":
            # A job we knew of is lost: the registration dialog's (it comes back here when done); imported here:
            # it uses the survey's form.
            from dialogs.flows.registration import job_loss_facts, start_job_loss

            told = r.state["survey"].pop("insurance_told", None) or {}
            start_job_loss(r, ctx, {**told, **(job_loss_facts(understanding.text, ctx) if understanding else {})})
            return
        fs = r.state["survey"]
        old = fs["answers"].get("employment_status")
        if intent == "job_lost" and old is None and understanding is not None:
            _note_job_lost(fs, understanding, ctx)  # a job never recorded: registered once the form is that far
        new = INTENT_STATUS[intent]
        changes: dict[str, tuple[Any, Any]] = {}
        if intent == "changed_job" and old == "employed":
            changes |= forms.clear_answers(SURVEY_FORM, fs, JOB_FIELDS)
        changes |= forms.set_answer(SURVEY_FORM, fs, "employment_status", new)
        if old is not None and old != new:
            # What the change took away, for one message: "不对 我还在上班的" right after puts it all back.
            fs[_UNDO] = taken_away(old, changes)
        self._record(r, changes, ctx)
        r.emit("employment_status_changed", old=old, new=new, reason=intent, channel=ctx.channel)
        ahead = forms.next_field(SURVEY_FORM, fs["answers"])
        if old is None and intent == "employed" and ahead is not None and FIELD_KEYS.index(ahead.key) < _STATUS_INDEX:
            # 是的还在上班 at the ID question: the status noted and the question again plainly (it said "请说说工作的
            # 情况" right before asking for the ID number).
            r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, [("employment_status", new)], ctx.locale))
        elif intent == "employed" and old in ("unemployed", "unable"):
            r.say(FOUND_JOB)  # 找到了 在县城超市上班 after looking: congratulated (it was "好的, 您现在在工作了")
        else:
            r.say(f"survey.status.{intent}")
        if understanding is not None:
            self._apply_prefill(r, understanding, None, ctx)
        # Ask the new branch first, then go back to the question that was open (or the summary).
        editing = fs["phase"] == "ask" and fs.get("editing") and fs.get("field") in fs["answers"]
        fs["detour"] = {"back": fs.get("field") if editing else None}
        fs["editing"] = False
        self._next(r, ctx)
        if fs.get("phase") != "summary" and _UNDO in fs:
            # A change that opened a new branch's questions is put back only by the old status said again while they
            # are asked: they take "还在东莞", "回原来的厂了" as answers.
            fs[_UNDO].update(branch=True, at=ctx.now.isoformat())

    # -- roster ----------------------------------------------------------------------------------------

    def _lookup_needed(self, fs: JsonDict) -> bool:
        answers = fs["answers"]
        if not answers.get("name") or not answers.get("id_number"):
            return False
        roster = fs.get("roster") or {}
        return bool(roster.get("name") != answers["name"] or roster.get("id_number") != answers["id_number"])

    def _on_roster(self, r: StepResult, payload: dict[str, Any], ctx: StepContext) -> None:
        fs = r.state.get("survey")
        if fs is None or (fs.get("roster") or {}).get("status") != "pending":
            return  # a stale result: the person moved on
        status = str(payload.get("status") or "none")
        fs["roster"] = {**fs["roster"], "status": status, "entry_id": payload.get("entry_id")}
        if status == "linked":
            # The roster is what the county registered: use it for what the person has not told us.
            fills: dict[str, Any] = {}
            for key in ROSTER_FIELDS:
                value = payload.get(key)
                if value and key not in fs["answers"]:
                    fills[key] = place_from_code(str(value)) if key == "home_division" else value
            for key, value in fills.items():
                self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx, actor="roster")
            r.say("survey.roster.found")
        # A mismatch is flagged for review by the look-up itself; the person is not told (it would reveal
        # whose ID it is) and the dialog goes on without linking.
        self._next(r, ctx)

    # -- plumbing --------------------------------------------------------------------------------------

    def _record(
        self, r: StepResult, changes: dict[str, tuple[Any, Any]], ctx: StepContext, actor: str = "laborer"
    ) -> None:
        fs = r.state.get("survey") or {}
        if "work_division" in changes and "work_place" not in changes and _address_elsewhere(
                old_address := fs["answers"].get("work_place"), *changes["work_division"]):
            # 工作地点改成厚街 after 长安镇上 as the address: the address of the town left is dropped, and said to be
            # (the summary showed 厚街 with 长安镇上). Not asked: at the summary people go on by numbers.
            changes = {**changes, **forms.set_answer(SURVEY_FORM, fs, "work_place", None)}
            r.say(ADDRESS_DROPPED, address=old_address)
        said_none = fs.get("said_none")
        # (one change, the common case, is that key alone if it is a field's: not a pass over the form's 25 keys)
        for key in FIELD_KEYS if len(changes) > 1 else [k for k in changes if k in _FIELD_KEY_SET]:
            if key in changes:
                old, new = changes[key]
                r.emit("field_changed", field=key, old=old, new=new, channel=ctx.channel, actor=actor)
                if new is not None and said_none and key in said_none:
                    said_none.remove(key)  # a value now: its 没有 of before is no longer what was said
        remember_pay(r.state["survey"], changes)

    def _next(self, r: StepResult, ctx: StepContext) -> None:
        """Look up the roster when name and ID are new; else the next question, the detour first."""
        fs = r.state["survey"]
        if self._lookup_needed(fs):
            answers = fs["answers"]
            fs["roster"] = {"status": "pending", "name": answers["name"], "id_number": answers["id_number"]}
            fs["field"] = None
            r.emit(ROSTER_EVENT, name=answers["name"], id_number=answers["id_number"])
            self._sync_awaiting(r)
            return
        held = fs.get("held") or {}
        answers = fs["answers"]
        ready: dict[str, Any] = {}
        while more := {k: v for k, v in held.items()
                       if k not in answers and k not in ready and SURVEY_FORM.field(k).applies({**answers, **ready})}:
            ready |= more  # (the status held makes the willingness held apply: both at once)
        if ready:
            fs["held"] = {k: v for k, v in held.items() if k not in ready}
            self._apply_fills(r, ready, ctx)
        if self._register_job_lost(r, ctx):
            return
        detour = fs.get("detour")
        if detour and (ahead := forms.next_field(SURVEY_FORM, fs["answers"])) is not None and (
                FIELD_KEYS.index(ahead.key) < _STATUS_INDEX):
            # 厂子倒闭了, I lost my job at the name question: who they are first (the ID in its turn), then the
            # registration or the questions of the new status, as when told at the status question.
            fs["detour"] = detour = None
        if detour:
            branch = [
                f for f in SURVEY_FORM.applicable(fs["answers"])
                if FIELD_KEYS.index(f.key) > _STATUS_INDEX and f.key not in fs["answers"]
            ]
            if branch:
                r.outbound.extend(_part_known(fs, [forms.ask(SURVEY_FORM, fs, branch[0])]))
                self._sync_awaiting(r)
                return
            fs["detour"] = None
            back = detour.get("back")
            if back and back in fs["answers"] and SURVEY_FORM.field(back).applies(fs["answers"]):
                fs["editing"] = True  # they were changing this answer when the news came
                r.outbound.append(forms.ask(SURVEY_FORM, fs, SURVEY_FORM.field(back)))
                self._sync_awaiting(r)
                return
        # (the next question worked out once: the two below ask only before the summary, and change no answer)
        nxt = forms.next_field(SURVEY_FORM, fs["answers"])
        if nxt is None and (self._ask_passed_over(r, fs) or self._ask_id_again(r, fs)):
            return
        r.outbound.extend(_part_known(fs, forms.advance(SURVEY_FORM, fs, ctx, nxt)))
        self._sync_awaiting(r)

    def _register_job_lost(self, r: StepResult, ctx: StepContext) -> bool:
        """A job lost before we knew of it (上个月厂子倒闭了 at the status question): once the form says unemployed
        and its identity questions are behind, the registration dialog, as for a job on record; the survey goes
        on after it (registration.flow's return_to), so the jobs shown at the form's end come after both."""
        fs = r.state["survey"]
        lost = fs.get("job_lost")
        if lost is None:
            return False
        answers = fs["answers"]
        if answers.get("employment_status") not in (None, "unemployed"):
            fs.pop("job_lost")  # (working after all, or unable to work: no registration)
            return False
        ahead = forms.next_field(SURVEY_FORM, answers)
        if answers.get("employment_status") != "unemployed" or (
                ahead is not None and FIELD_KEYS.index(ahead.key) <= _STATUS_INDEX):
            return False  # told at the name question: registered once the identity is known
        fs.pop("job_lost")
        from dialogs.flows.registration import job_loss_facts, start_job_loss  # (they import the survey's form)

        said_on = replace(ctx, today=date.fromisoformat(lost["on"])) if lost.get("on") else ctx
        fs["field"] = None  # back from the registration: the survey's next question, not the status again
        facts = job_loss_facts(str(lost.get("said") or ""), said_on)
        if "last_work_day" not in facts and lost.get("day"):
            # 上个月底 told as the next message: kept with the news (_day_of_job_lost)
            facts = {k: v for k, v in facts.items() if k != "last_work_month"} | {"last_work_day": lost["day"]}
        elif "last_work_day" not in facts and "last_work_month" not in facts and lost.get("month"):
            facts["last_work_month"] = lost["month"]
        start_job_loss(r, ctx, {**(fs.pop("insurance_told", None) or {}), **facts})
        return r.state.get("flow") != self.name

    def _ask_passed_over(self, r: StepResult, fs: JsonDict) -> bool:
        """Before the summary, an optional question an answer to another one passed over (去年三月来的 at the
        employer's phone) is asked once more; still unknown unless answered now."""
        answers = fs["answers"]  # (asked by `_next` when no question is left)
        while fs.get("passed"):
            key = fs["passed"].pop(0)
            if key in answers and answers[key] is None and SURVEY_FORM.field(key).applies(answers):
                fs["asked_again"] = [*fs.get("asked_again", []), key]
                r.say("survey.passed_over")
                r.outbound.append(forms.ask(SURVEY_FORM, fs, SURVEY_FORM.field(key)))
                self._sync_awaiting(r)
                return True
        return False

    def _ask_id_again(self, r: StepResult, fs: JsonDict) -> bool:
        """Before the summary, the ID number put off at its question (回头再说) is asked once more."""
        answers = fs["answers"]
        if fs.get("id_later") != "open" or answers.get("id_number") is not None:  # (no question left: `_next`)
            return False
        fs["id_later"] = "asked"
        r.say("survey.id_number.ask_again")
        forms.ask(SURVEY_FORM, fs, SURVEY_FORM.field("id_number"))
        self._sync_awaiting(r)
        return True

    def _sync_awaiting(self, r: StepResult) -> None:
        fs = r.state["survey"]
        sender = replies.sender_phone(fs)
        if sender is not None:
            # On SMS the number the messages come from is offered rather than asked for.
            r.outbound[:] = [
                Outbound(key="survey.phone.offer", params={"phone": show_phone(sender)})
                if m.key == "survey.phone.prompt" else m
                for m in r.outbound
            ]
        if (fs.get("roster") or {}).get("status") == "pending":
            r.state["awaiting"] = "roster_lookup"
        elif fs["phase"] == "summary":
            r.state["awaiting"] = "summary"
        else:
            r.state["awaiting"] = fs.get("field")


_DIVISION_END = re.compile(r"(?:街道|镇|乡|县|区|市)$")


def _address_elsewhere(address: Any, old: Any, new: Any) -> bool:
    """The work address names a place outside the new place of work: the town left (长安镇上 after 长安 became 厚街),
    or any division named in full that neither holds nor lies in the new one."""
    if not isinstance(address, str) or not isinstance(new, dict) or not new.get("code"):
        return False
    code = str(new["code"])
    if isinstance(old, dict) and old.get("code") and not code.startswith(str(old["code"])):
        town = _DIVISION_END.sub("", short_place_name(str(old["code"])))
        if len(town) >= 2 and town in address:
            return True
    # (a division named in full, 长安镇: a street's name may read as a place, 振安路 as 振安区)
    return any(m.place.name in address and not (m.place.code.startswith(code) or code.startswith(m.place.code))
               for m in nlu.place_mentions(address))


def _home_and_village(said: str) -> JsonDict:
    """盐仓镇海边村三组, 威宁盐仓镇海边村的: a division, then a village, and nothing else (the division cut where it
    ends: read as one run, 盐仓镇海边村 holds 镇海, a district of 宁波)."""
    for end, char in enumerate(said, start=1):
        village = said[end:].removesuffix("的")
        if char in "镇乡县区道" and village and village_alone(village) and (place := nlu.resolve_place(said[:end])):
            return {"home_division": place_value(place), "home_village": village}
    if (glued := township_then_village(said)) is not None:  # 隆回六都寨石门村: the township without 镇 (it was lost)
        return {"home_division": place_value(glued[0]), "home_village": glued[1]}
    return {}


@copied_memo(understood_key)
def _facts_before_consent(understanding: nlu.Understanding) -> JsonDict:
    """What a message before consent tells (我叫张三 想登记一下 在东莞打工: the name, the work place), held in
    the conversation only until the answer to the notice: taken into the form on consent, dropped on refusal.
    The message itself is in the inbound log either way; the ID and phone numbers held are encrypted at rest
    like every such state key (storage/repositories.py)."""
    fills = prefill(SURVEY_FORM, {}, understanding, current=None)
    said = understanding.normalized.strip(" 。.!！~")
    if "name" not in fills and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", said) and nlu.find_name(f"{said} ") == said and (
            not village_alone(said)):  # (石门坎 is a village: below)
        fills["name"] = said  # 张桂芳 typed alone before the answer to the notice: the name (a surname first)
    if not fills and (home := _home_and_village(said)):
        fills = home  # 威宁盐仓镇海边村 alone: the home, township and village (it got only "请回复 1 同意", and lost)
    elif not fills.keys() & {"name", "home_village"} and village_alone(said):
        fills["home_village"] = said  # 石羊村, 李湾 alone: the village (never the name, 石 as a surname)
    return {key: value for key, value in fills.items() if key != "employment_status"}


# Of the lay-off words (laid_off also covers 停工, 放假: a pause), those that end the job: 裁, and the boss or the
# place no longer taking them (包工头说今年不要人了 after the festival; 找了几个厂都不要人 is a search, not a loss).
_LET_GO = re.compile(
    r"裁|(?:包工头|工头|老板|厂里|厂子|公司|工地|项目|单位|车间)(?:说)?[^,，。\s]{0,4}不要人了|[都全]辞了|[都全]放回家")


def _note_job_lost(fs: JsonDict, understanding: nlu.Understanding, ctx: StepContext | None) -> None:
    """上个月厂子倒闭了 现在没活干, 老板跑路了 before the form knew of any work: a job lost, with its reason (没有工作
    alone is no job lost), kept for the registration (_register_job_lost) with the day it was said (上个月 is
    read on that day); before consent (`ctx` None) with the day of the consent."""
    answers = fs["answers"]
    if answers.get("employment_status") == "employed" or (
            "employment_status" in answers and fs.get("field") != "employment_status"):
        return  # (a job on record is the status change's: _change_status)
    if understanding.status != "job_lost" and understanding.intent != "job_lost":
        return
    from dialogs.flows.registration.fields import reason_in  # (the registration imports the survey's form)

    if ctx is None and nlu.is_question(understanding.text) and SUPPOSED.search(understanding.text):
        return  # 要是被辞了 失业金咋领 before consent: a supposition, no news (被辞了 失业金咋领 is held: answered too)
    reason = reason_in(understanding.text)
    if nlu.about_someone_else(understanding.text) or reason not in _LOST_NOT_BY_CHOICE or (
            reason == "laid_off" and not _LET_GO.search(understanding.text)):
        return  # (工地停工 is a pause, 自己辞了 a choice: the survey's status alone, as before)
    # The words are kept in the state (not sealed) until the registration reads them: a phone or ID number typed
    # with them is no part of when or why, and never stays there.
    said = digit_runs.without_long_runs(understanding.text)
    fs["job_lost"] = {"said": said, "on": ctx.today.isoformat() if ctx is not None else None}


def _note_insurance(fs: JsonDict, text: str, ctx: StepContext) -> None:
    """交了三年社保, 社保没交 told before any job loss is registered (at first contact, at a question of the
    survey): kept for the registration's insurance questions, which are then not asked (the last said counts)."""
    if told := _insurance_facts()(text, ctx):
        fs["insurance_told"] = told


@functools.cache
def _insurance_facts() -> Callable[[str, StepContext], JsonDict]:
    """The registration's reader of insurance told in passing, imported once (the registration imports the
    survey's form): the import statement in `_note_insurance` cost ~0.6 µs at every survey message."""
    from dialogs.flows.registration.flow import insurance_facts

    return insurance_facts


def _day_of_job_lost(r: StepResult, fs: JsonDict, text: str, ctx: StepContext) -> bool:
    """上个月底, 12月3号 told after a job lost was heard and held for the registration without its day: the day
    the registration would ask, kept with the news and said back. True when the message said only that (the open
    question is asked again); else it is read on as usual."""
    lost = fs.get("job_lost")
    if lost is None or lost.get("day") or lost.get("month"):
        return False
    from dialogs.flows.registration.dates import MonthOnly, find_day  # (the registration imports the survey's form)

    found = find_day(english.day_in_chinese(text) or text, ctx.today)  # (end of last month: 上个月底)
    if not (isinstance(found, date) and found <= ctx.today) and not (
            isinstance(found, MonthOnly) and found.month <= f"{ctx.today:%Y-%m}"):
        return False  # no day in this message (most): the news held is not read again
    from dialogs.flows.registration import job_loss_facts
    from dialogs.flows.registration.fields import REGISTRATION_FORM

    said_on = replace(ctx, today=date.fromisoformat(lost["on"])) if lost.get("on") else ctx
    known = job_loss_facts(str(lost.get("said") or ""), said_on)
    if "last_work_day" in known:
        return False
    if isinstance(found, date) and found <= ctx.today:
        lost["day"] = found.isoformat()  # (上个月 with the news, 上个月底 now: the day of that month)
    elif isinstance(found, MonthOnly) and found.month <= f"{ctx.today:%Y-%m}" and "last_work_month" not in known:
        lost["month"] = found.month
    else:
        return False
    if lost.get("day"):
        day = date.fromisoformat(lost["day"])
        value = f"{day.month}月{day.day}日" if ctx.locale == "zh_CN" else f"{day.day} {day:%B}"
    else:
        value = forms.show_month(lost["month"], ctx.locale)
    label = catalog(ctx.locale).get(REGISTRATION_FORM.field("last_work_day").label)
    r.say("survey.prefilled", items=f"{label}: {value}")
    if english.day_in_chinese(text) is not None:
        return len(text.split()) <= _DAY_ALONE_WORDS  # end of last month (it was also saved as the village)
    return len(forms.squash(text)) <= _DAY_ALONE


# 上个月底, 就上个月底的事, 是12月3号倒的: a message this short with a day in it says only the day.
_DAY_ALONE = 8
_DAY_ALONE_WORDS = 5


# A web address: http(s)://…, www.…, or a domain with a path (mp.weixin.qq.com/s/…).
_LINK = re.compile(r"https?://|www\.[a-z0-9-]+\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|cc|vip)/",
                   re.IGNORECASE)


# A supposition (要是被辞了 失业金咋领: no news to hold; 如果换了工作 at idle: no status change).
SUPPOSED = re.compile(r"要是|如果|假如|万一|若是|假设|if\b", re.IGNORECASE)

# Job losses not of the person's choosing (a firm closed, dismissed, laid off, a contract ended), told before any
# work was on record: registered (benefits count from the registration day).
_LOST_NOT_BY_CHOICE = frozenset({"employer_closed", "dismissed", "laid_off", "contract_ended"})

# Words that take back what was said before; followed by more, they answer nothing at the privacy notice.
_TAKES_BACK = frozenset({"不是", "不对", "错了", "说错了", "搞错了"})


# At the notice: whether it costs money (要钱不, 收费吗, 免费的吧), or what this is with it (这个是干嘛的 要钱不).
_WHAT_AND_COST = re.compile(r"要钱|收钱|收费|花钱|交钱|免费")
# 填这个有啥用, 登记有啥好处, 为啥要填: what registering is good for (the idle handler's words for it too).
_WHAT_FOR = re.compile(r"好处|有啥用|有什么用|有啥子用|有么子用|干啥用|干什么用|(?:为啥|为什么)要(?:填|登记)|图啥")
WHY_REGISTER = "idle.why_register"


def _part_known(fs: JsonDict, questions: list[Outbound]) -> list[Outbound]:
    """The question about to be asked, or the part of it still unknown when the rest was told ahead: the days
    for a day's pay (张老板 干装修的 一天两百, or with the news of a new job), the month for a year (去年来的)."""
    if fs.get("field") == "monthly_income" and (rate := fs.pop("day_rate", None)) is not None:
        fs["pending"] = {"kind": ASK_DAYS, "field": "monthly_income", "rate": rate}
        return [Outbound(key=ASK_DAYS, params={"rate": rate})]
    if fs.get("field") == "started" and (year := fs.pop("started_year", None)) is not None:
        fs["pending"] = {"kind": ASK_MONTH, "field": "started", "year": year}
        return [Outbound(key=ASK_MONTH, params={"year": year})]
    return questions


@short_memo
def _consent_verdict(text: str) -> bool | None:
    """同意, 1, 晓得了 同意, 同意 我在东莞长安打工: the first part of the reply that says yes or no."""
    parts = [part for part in re.split(r"[\s,，。.!！~]+", text.strip()) if part] or [text]
    for index, part in enumerate(parts):
        answer = forms.squash(part)
        if answer in _TAKES_BACK and index + 1 < len(parts):
            continue  # 不是 俺号是182…: a correction of something said, not a refusal (the rest is read)
        if _NOT_SIGNED.fullmatch(answer):
            return None  # 没签 at "您同意吗?": about a contract, not consent (told there is nothing to sign)
        core = _AROUND_CONSENT.sub("", answer)  # 那同意吧, 我同意了, 那就同意吧: 同意 (it was "请回复 1 同意")
        verdict = True if answer in _AGREE or core in _CONSENT_CORE else False if (
            answer in _REFUSE or core in _REFUSAL_CORE) else nlu.parse_yes_no(part)
        if verdict is True and _DONE_SOMETHING.search(answer):
            verdict = None  # 交了, 签了: a yes to another question (insurance paid), never agreement
        if verdict is not None:
            return verdict
    return None


def wants_a_call(text: str, ctx: StepContext) -> bool:
    """好的 我等电话, 你们给我打个电话吧: someone waiting for a call, or asking for one."""
    said = nlu.normalize(text)
    return _WAITS_FOR_A_CALL.search(said) is not None or (
        "电话" in said and nlu.understand(text, ctx.today).intent == "human")


def _came_back(fs: JsonDict, ctx: StepContext) -> bool:
    last = fs.get("last_at")
    if not last:
        return False
    try:
        return ctx.now - datetime.fromisoformat(last) > RESUME_GAP
    except (TypeError, ValueError):
        return False


SURVEY = SurveyFlow()


def _told_already(fs: dict[str, Any], understanding: nlu.Understanding) -> None:
    """A rights issue reported at a question was said back then (您说没签劳动合同…已转给…): the saved form does
    not say it again."""
    told = fs.setdefault("told_issues", [])
    if (issue := issue_of(understanding)) not in told:
        told.append(issue)


def _changed_at(undo: JsonDict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(undo.get("at")))
    except ValueError:
        return None


# The summary in any of its forms: the whole, the changed items (SMS), the confirm line after a change said back.
_SUMMARY_KEYS = frozenset({SURVEY_FORM.summary, SURVEY_FORM.summary_changed, SURVEY_FORM.summary_reprompt})
# What says a change back ("好的, 已改为 工作单位: 宏达电子厂。"): the SMS summary's changed items after it are the same
# words again, so the confirm line alone follows.
_SAID_BACK = frozenset({"survey.corrected", "survey.prefilled"})
# 第一次出来打工, 头一回出门打工: someone's first time out to work.
_FIRST_TIME_OUT = re.compile(
    r"(?:第一次|头一次|头一回|第一回)(?:出来|出门|出去|外出|进城)?(?:打工|上班|找工作|找活|干活)")
_FIRST_TIME = "first_time_told"
FIRST_TIME_OUT = "survey.first_time_out"


def _change_said_once(r: StepResult, said: int) -> None:
    """The SMS summary of the changed items (forms.summary), when this reply already said the change back: the
    confirm line alone."""
    replies = r.outbound[said:]
    for i, out in enumerate(replies):
        if out.key == SURVEY_FORM.summary_changed and any(o.key in _SAID_BACK for o in replies[:i]):
            r.outbound[said + i] = Outbound(key=SURVEY_FORM.summary_reprompt, params={"count": out.params["count"]})
