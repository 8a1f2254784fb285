"""The check-in dialog: scheduled questions about work ("您还在东莞宏达电子厂上班吗?"), the monthly wages and
contract question, reminders when nobody answers, and the visit task when they still do not.

It is started by synthetic events from the due-work sweep (scheduler/sweep.py), never by a person:
    checkin.due              a status check-in or the return-to-work check after the Spring Festival
    checkin.reminder         48 h without an answer: the question again (on the other channel); when late, once
                             more a little later if the question is still open
    checkin.no_answer        7 days without an answer: a visit task for the caseworker (nothing is said)
    checkin.survey_reminder  a survey left half-done: the open question again
Every event reports what became of its fire (`checkin_sent`, `checkin_fire_done`), so the due work's outcome
is written in the same transaction as the message.

State (`state["checkin"]`, plain JSON): fire, kind, due_date, status, asked_at, phase (status | rights),
answered, responded (anything said: the no-answer ladder stops), misses, rights_at (when wages and contract
were last asked).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import forms, nlu, policy
from dialogs.flow import end_flow
from dialogs.flows.checkin.answers import (
    BY_NUMBER,
    CONFIDENT,
    RIGHTS_FIELDS,
    after_festival,
    asked_too_often,
    at_home,
    back_after_lantern,
    back_when,
    caring_at_home,
    caring_now,
    caring_yet_looking,
    closing_then,
    contract_not_known,
    ends_soon,
    english_answer,
    festival_eve,
    few_days_off,
    going_later,
    home_then,
    hurt_at_work,
    hurt_or_ill_self,
    idle_said,
    job_ended,
    leave_unsaid,
    leaves_at_festival,
    leaving,
    leaving_when,
    left_for_age,
    left_for_health,
    left_for_home,
    let_go,
    let_go_expecting,
    looking_now,
    names_festival,
    new_job_found,
    not_known_yet,
    odd_jobs,
    older_not_hired,
    own_business,
    paid_days_late,
    parse_home,
    parse_idle,
    parse_leave,
    parse_look_or_stay,
    parse_on_hold,
    parse_quit,
    parse_rest_or_look,
    parse_rights,
    parse_sick_leave,
    parse_spring_return,
    parse_status,
    place_given_up,
    promised_after_festival,
    promised_later,
    rights_fine_told,
    rights_spoken_of,
    rights_told,
    says_unwell,
    sent_home,
    transferred,
    unable_word,
    waiting_for_pay,
    wants_better_job,
    wants_out,
    wants_work_near_home,
    willing_when_not_looking,
    wish_beside,
    without_day,
    without_expecting,
    without_place_given_up,
    work_ends,
)
from dialogs.flows.checkin.changes import MAX_INCOME, MIN_INCOME, Changes, changes_beside
from dialogs.flows.checkin.festival_plans import plans_after_festival
from dialogs.flows.checkin.handoff import job_lost, looking_for_work, status_changed, unable_now
from dialogs.flows.checkin.healing import (
    costs_refused,
    due_month,
    expecting_in_english,
    on_maternity_leave,
    parse_costs,
    parse_healing,
    parse_maternity,
)
from dialogs.flows.jobs import JOBS
from dialogs.flows.registration.fields import ends_ahead
from dialogs.flows.registration.survey_sync import keep_wish, now_unemployed, training_wished
from dialogs.flows.rights import (
    INJURED,
    TOLD_KEYS,
    details_at_question,
    injury_reported,
    open_details,
    report_rights_issue,
    tell_reported,
)
from dialogs.flows.survey import SURVEY
from dialogs.flows.survey.fields import SURVEY_FORM, place_value
from dialogs.flows.survey.flow import SOMEONE_ELSE
from dialogs.flows.survey.prefill import wants_training
from dialogs.nlu.insurance import self_paid_insurance, waives_insurance
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

log = logging.getLogger(__name__)
# Answers that keep the person in post: still there, or leaving on a day said.
_IN_POST = frozenset({"still_employed", "leaving", "ending"})

NAME = "checkin"
AWAITING = "checkin"
STATUS_OPTIONS = {
    "employed": ("checkin.option.still_there", "checkin.option.left", "checkin.option.changed"),
    "unemployed": ("checkin.option.found_job", "checkin.option.still_looking", "checkin.option.need_help"),
    "unable": ("checkin.option.working_now", "checkin.option.want_work", "checkin.option.not_yet"),
}
# The self-employed (摆摊, 开小卖部): the same answers as STATUS_OPTIONS["employed"], in their words.
OWN_BUSINESS_OPTIONS = ("checkin.option.still_doing", "checkin.option.stopped", "checkin.option.other_work")
SICK_OPTIONS = ("checkin.sick.kept", "checkin.sick.gone")
REST_OPTIONS = ("checkin.rest.rest", "checkin.rest.look")
QUIT_OPTIONS = ("checkin.quit.left", "checkin.quit.staying")
# The policy catalogue's entry for older workers nobody hires (dialogs/policy/catalogue.toml): 公益性岗位.
OLDER_POSTS = "public_welfare_job"
# 耍起的, 在耍 (Sichuan: idle) from someone in work: a few days off, or out of work?
IDLE_OPTIONS = ("checkin.idle.resting", "checkin.idle.no_work")
HOME_OPTIONS = ("checkin.home.back", "checkin.home.look", "checkin.home.stay")
LEAVE_OPTIONS = ("checkin.leave.paid", "checkin.leave.unpaid")
STAY_OPTIONS = ("checkin.stay.look", "checkin.stay.stay")
# On sick leave at the last check-in: how they are now (checkin.healing.ask, or ask_injury after a work injury).
HEALING_OPTIONS = ("checkin.healing.back", "checkin.healing.still", "checkin.healing.gone")
# Still off after a work injury: are the wages and medical costs paid?
COSTS_OPTIONS = ("checkin.costs.paid", "checkin.costs.unpaid")
# 我怀孕了 alone: still at work, on maternity leave, or stopped?
MATERNITY_OPTIONS = ("checkin.maternity.working", "checkin.maternity.leave", "checkin.maternity.stopped")
RIGHTS_OPTIONS = ("checkin.rights.all_fine", "checkin.rights.wage_arrears", "checkin.rights.no_contract",
                  "checkin.rights.no_social_insurance")
# The follow-up questions a check-in may be waiting on, by phase (each asks checkin.<phase>.ask with these options).
PHASE_OPTIONS = {"rights": RIGHTS_OPTIONS, "rest": REST_OPTIONS, "quit": QUIT_OPTIONS, "idle": IDLE_OPTIONS,
                 "home": HOME_OPTIONS,
                 "leave": LEAVE_OPTIONS, "stay": STAY_OPTIONS, "healing": HEALING_OPTIONS, "costs": COSTS_OPTIONS,
                 "maternity": MATERNITY_OPTIONS}
# The check-in's own follow-up questions: their answers are the check-in's, whatever they say.
FOLLOW_UPS = frozenset({"sick", "moved", "days", "boss", "job", *PHASE_OPTIONS})
MAX_MISSES = 2
# A person busy in another dialog is asked another day, at most this many times, then asked anyway.
MAX_POSTPONED = 3
# A dialog not written to for this long does not postpone a check-in (the sweep says when they last wrote).
IDLE_AFTER = timedelta(hours=24)
# A form saved without the ID number (talk16: 身份证在我老婆那 … 还没找到): after a check-in's answer, one line asks for
# it, at most once in this long — never at every check-in (weekly ones would nag), yet not forgotten for good.
ID_ASKED_EVERY = timedelta(days=90)
# A check-in due while the last one is still open and was asked less than this long ago (a series' check-in
# held over the holiday lands on the morning of the spring return's; downtime catches several up at once) is
# answered by that question: asking twice in a row is noise, and one check-in is one message.
MERGE_WINDOW = timedelta(hours=48)
# A reminder that comes this long after the time it was planned for (the sweep caught it up late) is not sent.
LATE_REMINDER = timedelta(hours=24)
# Wishes said at the check-in's question instead of an answer, for the idle handler (a search).
_ELSEWHERE = frozenset({"seek_job", "seek_training"})
# "还没回去 过了十五再走" at the spring return check: asked again this many days on.
RECHECK_DAYS = 7
# Back after 正月十五: asked again this many days after it (the first days back are the travel).
LANTERN_MARGIN_DAYS = 2
# A return-to-work check or a week's recheck due this soon after a check-in was answered is not asked: a recheck
# held over the holiday and the spring return would ask the same thing days apart. Shorter than RECHECK_DAYS,
# so the answer that planned a recheck never covers it.
ANSWERED_RECENTLY = timedelta(days=5)


class CheckinFlow:
    name = NAME

    def start(self, r: StepResult, ctx: StepContext) -> None:
        """Never opened from the menu: only scheduled work starts a check-in."""
        end_flow(r)

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        ci = r.state.get(NAME)
        if ci and not ci.get("answered"):
            self._ask(r, ci, again=True)

    def ask_again(self, r: StepResult) -> None:
        """A job or course asked for at the check-in's question was searched and nothing found: the check-in's
        question again at once (a list found keeps the numbers; its reminder asks then)."""
        ci = r.state.get(NAME)
        if ci and not ci.get("answered"):
            r.state["flow"] = NAME
            self._ask(r, ci, again=True)

    def claims(self, state: JsonDict, inbound: Inbound, ctx: StepContext) -> bool:
        """An answer (or a question) is the check-in's; a job or a course wanted instead (有没有工地的活, 我想学个
        手艺) goes to the idle handler, which searches, and the check-in stays open for its reminder. It was
        "没太明白, 请回复数字" and, twice, a hand-over to the caseworker."""
        ci = state.get(NAME)
        if not ci or ci.get("answered") or ci.get("phase") in FOLLOW_UPS or inbound.location is not None:
            return True
        understanding = nlu.understand(inbound.text, ctx.today)
        if understanding.intent not in _ELSEWHERE or understanding.confidence < CONFIDENT:
            return True
        return _read_status(ci, inbound.text, understanding, ctx.today) is not None

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event":
            payload = dict(inbound.payload)
            event = inbound.event
            if event == "checkin.due":
                self._due(r, payload, ctx)
            elif event == "checkin.reminder":
                self._reminder(r, payload, ctx)
            elif event == "checkin.no_answer":
                self._no_answer(r, payload, ctx)
            elif event == "checkin.survey_reminder":
                self._survey_reminder(r, payload, ctx)
            return
        ci = r.state.get(NAME)
        if not ci or ci.get("answered"):
            end_flow(r)
            return
        text = nlu.as_typed(inbound.text) if inbound.location is None else inbound.location[2]
        # Any answer, understood or not, stops the no-answer ladder: the person is there.
        ci["responded"] = True
        if ci.get("phase") in (None, "status") and (rest := asked_too_often(text)) is not None:
            # 在呢 你们天天问烦不烦: how often we ask and that 退订 stops it, kindly; the rest is the answer (it went
            # on to the wages question without a word); nothing else said: the question again, no miss.
            status = str(ci.get("status") or "employed")
            r.say(f"checkin.how_often.{status if status in ('unemployed', 'unable') else 'employed'}")
            if not rest:
                self._ask(r, ci, again=True)
                return
            text = rest
        if self._question(r, ci, text, ctx):
            return
        if ci.get("phase") == "rights":
            self._rights_answer(r, ci, text, ctx)
        elif ci.get("phase") == "sick":
            self._sick_answer(r, ci, text, ctx)
        elif ci.get("phase") == "rest":
            self._rest_answer(r, ci, text, ctx)
        elif ci.get("phase") == "quit":
            self._quit_answer(r, ci, text, ctx)
        elif ci.get("phase") == "idle":
            self._idle_answer(r, ci, text, ctx)
        elif ci.get("phase") == "home":
            self._home_answer(r, ci, text, ctx)
        elif ci.get("phase") == "leave":
            self._leave_answer(r, ci, text, ctx)
        elif ci.get("phase") == "stay":
            self._stay_answer(r, ci, text, ctx)
        elif ci.get("phase") == "healing":
            self._healing_answer(r, ci, text, ctx)
        elif ci.get("phase") == "costs":
            self._costs_answer(r, ci, text, ctx)
        elif ci.get("phase") == "maternity":
            self._maternity_answer(r, ci, text, ctx)
        elif ci.get("phase") == "moved":
            self._moved_answer(r, ci, text, ctx)
        elif ci.get("phase") in ("days", "boss", "job"):
            self._change_answer(r, ci, text, ctx)
        else:
            self._status_answer(r, ci, text, ctx)
        _ask_id_once(r, ci, ctx)
        self._back_to_survey(r, ci, ctx)

    @staticmethod
    def _back_to_survey(r: StepResult, ci: JsonDict, ctx: StepContext) -> None:
        """The check-in took over from a survey left days ago (a change of a saved answer waiting at the summary
        for its 0, the questions a new status brought): once it is done and nothing else began, the survey is
        taken up again — else the change was never saved, and nobody said so."""
        survey = r.state.get("survey") or {}
        if ci.get("interrupted") != "survey" or r.state.get("flow") is not None:
            return  # not a survey it took over, or not done yet (the wages question), or another dialog began
        del ci["interrupted"]
        if survey.get("phase") not in ("summary", "ask") or r.state.get("opted_out"):
            return
        r.say("checkin.back_to_survey")
        r.state["flow"] = "survey"
        SURVEY.resume(r, ctx)

    def catalog_keys(self) -> set[str]:
        keys = {
            "checkin.ask.employed_at", "checkin.ask.employed_employer", "checkin.ask.employed_place",
            "checkin.ask.employed",
            "checkin.ask.spring_at", "checkin.ask.spring",
            "checkin.ask.unemployed", "checkin.ask.unable", "checkin.ask.unable_bereaved", "checkin.reprompt",
            "checkin.handed_over",
            "checkin.reminder", "checkin.thanks", "checkin.still_looking", "checkin.help_requested",
            "checkin.not_yet", "checkin.not_back_yet", "checkin.not_back_yet_until", "checkin.not_back_yet_meanwhile",
            "checkin.not_back_yet_meanwhile_soon", "checkin.not_back_yet_lantern", "checkin.on_hold", "checkin.ending",
            "checkin.ending_near_home", "checkin.paused_festival", "checkin.festival_home", "checkin.at_risk",
            "checkin.new_year_leave",
            "checkin.rest.ask", "checkin.rest.rest", "checkin.rest.look", "checkin.not_looking",
            "checkin.waiting_for_pay", "checkin.better_job",
            "checkin.still_there_noted", "checkin.resting", "checkin.job_promised", "checkin.expecting",
            "checkin.expecting_let_go",
            "checkin.festival_plan", "checkin.festival_plan_to",
            "checkin.job_promised_later", "checkin.going_later", "checkin.expecting_home", "checkin.ends_soon",
            "checkin.rights.ask",
            "checkin.rights.reprompt", "checkin.rights.thanks", "checkin.rights.paid_late",
            "checkin.rights.self_paid",
            "checkin.rights.reported", "checkin.rights.waiver", "checkin.how_often.employed",
            "checkin.how_often.unemployed", "checkin.how_often.unable",
            *REST_KEYS, "checkin.survey_reminder", "checkin.back_to_survey", "checkin.id_missing",
            *TOLD_KEYS,
        }
        for options in STATUS_OPTIONS.values():
            keys |= set(options)
        keys |= set(HEALING_OPTIONS) | set(COSTS_OPTIONS) | set(MATERNITY_OPTIONS) | {
            "checkin.healing.ask", "checkin.healing.ask_injury", "checkin.costs.ask", "checkin.costs.reported",
            "checkin.maternity.ask", "checkin.maternity.leave_noted", "checkin.maternity.due_noted",
            "checkin.moved.ask", "checkin.moved.same_job", "checkin.moved.noted", "checkin.let_go_unwell",
            "checkin.changed.pay", "checkin.changed.place", "checkin.changed.boss", "checkin.changed.days_ask",
            "checkin.changed.boss_ask", "checkin.sent_home", "checkin.changed.job", "checkin.changed.job_ask",
            "checkin.ask.own_business", "checkin.ask.own_business_at",
            *OWN_BUSINESS_OPTIONS}
        keys |= set(HOME_OPTIONS) | set(LEAVE_OPTIONS) | set(STAY_OPTIONS) | {
            "checkin.home.ask", "checkin.leave.ask", "checkin.stay.ask", "checkin.odd_jobs", "checkin.leaving"}
        return keys | set(RIGHTS_OPTIONS) | set(SICK_OPTIONS) | set(QUIT_OPTIONS) | {"checkin.quit.ask"} | {
            "checkin.sick.ask", "checkin.sick.ask_caring", "checkin.sick.get_well", "checkin.sick.not_known"}

    def told_at_home(self, r: StepResult, text: str, ctx: StepContext) -> bool:
        """我回来了 不出去了, 回老家了 with no dialog open, from someone the form has in work (it was "没太明白" and
        the menu): read as the check-in reads the same words — home for good (work wanted, or not?) or home for now
        (the job kept, or given up?) — and its question asked, answered as at a check-in. False when the check-in
        would read neither."""
        answers = (r.state.get("survey") or {}).get("answers") or {}
        if answers.get("employment_status") != "employed" or nlu.is_question(text):
            return False
        held = r.state.get(NAME)
        ci: JsonDict = {
            **(held if isinstance(held, dict) else {}), "kind": "checkin", "status": "employed", "phase": "status",
            "answered": False, "misses": 0, "told": True, "due_date": None, "asked_at": ctx.now.isoformat(),
            "employer": answers.get("employer"), "place": _place({
                "work_division": (answers.get("work_division") or {}).get("code"),
                "work_place": answers.get("work_place")})}
        answer = _read_status(ci, text, nlu.understand(text, ctx.today), ctx.today)
        if answer not in ("left_for_home", "at_home"):
            return False
        r.state[NAME] = ci
        self._status_answer(r, ci, text, ctx)
        return True

    # -- scheduled events ------------------------------------------------------------------------

    def _due(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        fire, kind, due = p.get("fire"), str(p.get("kind") or "checkin"), str(p.get("due_date") or "")
        flow = r.state.get("flow")
        # A jobs list is in the way only while its numbers are taken (a pushed one: three days).
        busy = JOBS.holds(r.state, ctx.now) if flow == JOBS.name else flow not in (None, NAME)
        wrote = _when(p.get("last_wrote_at"))
        if busy and wrote is not None and ctx.now - wrote >= IDLE_AFTER:
            # Left days ago (a survey stopped at its summary): not a dialog they are in; asked on its day.
            busy = False
        if busy and int(p.get("postponed") or 0) < MAX_POSTPONED:
            # In the middle of another dialog (the survey, linking): asking now would take its answers.
            r.emit("checkin_postponed", fire=fire, work=kind, due_date=due)
            return
        status = str(p.get("status") or "employed")
        previous = r.state.get(NAME) or {}
        answered_at = _when(previous.get("answered_at"))
        in_season = previous.get("kind") == "spring_return" or previous.get("season") == "spring"
        if (in_season if kind == "spring_return" else int(p.get("recheck") or 0) > 0) and answered_at is not None \
                and ctx.now - answered_at < ANSWERED_RECENTLY:
            # 上班了 told after the holiday three days ago: the return check would ask it again; a recheck after
            # any answer as recent the same.
            r.emit("checkin_fire_done", fire=fire, outcome="answered_recently")
            return
        asked_at = _when(previous.get("asked_at"))
        if previous and not previous.get("answered") and asked_at is not None and (
                ctx.now - asked_at < MERGE_WINDOW):
            # The series goes on (its next one planned); no second question and no second ladder. The open
            # one is answered in the merged one's season ("还没回去" after the Spring Festival).
            if kind == "spring_return":
                previous["season"] = "spring"
                previous["recheck"] = max(int(previous.get("recheck") or 0), int(p.get("recheck") or 0))
            r.emit("checkin_sent", fire=fire, work=kind, due_date=due, status=p.get("status"),
                   anchor=p.get("anchor"), channel=ctx.channel, merged=True)
            return
        ci: JsonDict = {
            "fire": fire, "kind": kind, "due_date": due, "status": status, "asked_at": ctx.now.isoformat(),
            "phase": "status", "answered": False, "misses": 0,
            "employer": p.get("employer"), "place": _place(p),
            "rights_at": previous.get("rights_at") or (
                _form_day(p.get("anchor"), ctx) if any(p.get(field) for field in RIGHTS_FIELDS.values()) else None),
            "rights_every_days": int(p.get("rights_every_days") or 30), "recheck": int(p.get("recheck") or 0),
            # (self-employed, or flexible work — orders taken on an app, odd jobs: no contract or insurance
            # to ask of an employer every month, as the form opens no case for them: dialogs/flows/rights.py)
            "own_account": p.get("employment_form") in ("self_employed", "flexible"), "started": p.get("started"),
        }
        if p.get("employment_form") == "self_employed":
            ci["self_employed"] = True  # (摆摊, 开小卖部: asked about their own business, not a 单位)
        if p.get("anchor"):
            ci["anchor"] = p.get("anchor")  # (the series' day, for a series put off: 过完年去)
        if p.get("season"):
            ci["season"] = p.get("season")
        if int(p.get("recheck") or 0) > 0 and previous.get("answer") == "on_hold":
            ci["held"] = True  # asked again a week after 活少了 / 停工了: 还是那样 answers it
        if int(p.get("recheck") or 0) > 0 and previous.get("answer") == "not_back_yet":
            ci["away"] = True  # asked again after 还回去干 at home: 回去了 / 还在家 answer it, as after the festival
        if status == "employed" and previous.get("answer") == "sick_leave" and not previous.get("caring") and (
                previous.get("employer") == ci["employer"]):
            # Off ill or hurt at the last check-in (a work injury, its case open): how they are now comes first,
            # with what is on record (it was "您还在万科上班吗?" as if nothing had happened).
            ci["phase"] = "healing"
            for kept in ("injured", "costs"):
                if previous.get(kept):
                    ci[kept] = previous[kept]
        if flow == "survey":
            ci["interrupted"] = "survey"  # left days ago: taken up again once this is answered
        if previous.get("due_date") and not previous.get("responded") and not previous.get("answered"):
            # The one before went unanswered too (weekly check-ins come before their week's visit step): the
            # silence is counted from the first, for the visit it calls for.
            ci["silent_since"] = previous.get("silent_since") or previous.get("due_date")
        r.state[NAME] = ci
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        self._ask(r, ci)
        r.emit("checkin_sent", fire=fire, work=kind, due_date=due, status=p.get("status"),
               anchor=p.get("anchor"), channel=ctx.channel)

    def _reminder(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        ci = r.state.get(NAME)
        planned = _when(p.get("planned_at"))
        if planned is not None and ctx.now - planned > LATE_REMINDER:
            # Caught up after a jump in time or downtime, with the next check-in in the same sweep: "前两天问过您"
            # would be untrue, and the two went out at once. The visit task of the ladder still follows. A
            # question still open is reminded of a little later, once (the person got no reminder at all).
            again = self._unanswered(r, ci, p) and not p.get("replanned")
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="late_replanned" if again else "late")
            if again:
                r.emit("checkin_reminder_late", checkin=p.get("checkin"), sent_at=p.get("sent_at"))
            return
        if self._unanswered(r, ci, p):
            assert ci is not None
            r.state["flow"] = NAME
            r.state["menu_open"] = False
            r.say("checkin.reminder")
            self._ask(r, ci, again=True)
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="sent")
        else:
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="not_needed")

    def _no_answer(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        ci = r.state.get(NAME)
        silent_since = str((ci or {}).get("silent_since") or "")
        if self._unanswered(r, ci, p):
            r.emit("visit_task_needed", fire=p.get("fire"), reason="checkin_no_answer",
                   due_at=p.get("visit_due_at"), checkin=silent_since or p.get("checkin"))
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="task_opened")
        elif self._still_silent(r, ci, p):
            # A weekly check-in went out before this one's visit step, and is unanswered too: a week of silence.
            # One visit for the whole silence (keyed by its first check-in), however many weeks it lasts.
            r.emit("visit_task_needed", fire=p.get("fire"), reason="checkin_no_answer",
                   due_at=p.get("visit_due_at"), checkin=silent_since)
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="task_opened")
        else:
            r.emit("checkin_fire_done", fire=p.get("fire"), outcome="not_needed")

    def _survey_reminder(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        fire, n = p.get("fire"), int(p.get("n") or 0)
        survey = r.state.get("survey") or {}
        if r.state.get("flow") != "survey" or r.state.get("opted_out"):
            r.emit("checkin_fire_done", fire=fire, outcome="not_needed")
            return
        last_at = _when(survey.get("last_at")) or _when(p.get("last_at")) or ctx.now
        planned_from = _when(p.get("last_at"))
        if planned_from is not None and last_at > planned_from and not _silent_long_enough(p, n, last_at, ctx):
            # They answered since this reminder was planned: count again from their last answer (a later day:
            # on this one, the answers of the same morning, it goes now — a new row for today would share this
            # one's (person, kind, day) key and be dropped, and no reminder would ever come).
            r.emit("checkin_fire_done", fire=fire, outcome="not_needed")
            r.emit("survey_reminder_planned", n=0, last_at=last_at.isoformat())
            return
        r.say("checkin.survey_reminder")
        SURVEY.resume(r, ctx)
        r.emit("checkin_fire_done", fire=fire, outcome="sent")
        r.emit("survey_reminder_planned", n=n + 1, last_at=last_at.isoformat())

    @staticmethod
    def _unanswered(r: StepResult, ci: JsonDict | None, p: Mapping[str, Any]) -> bool:
        """The check-in this ladder step belongs to is still open and unanswered."""
        # Its flow, or none: a job or course asked for instead of an answer (claims) left the question open.
        return bool(
            ci and not ci.get("responded") and r.state.get("flow") in (NAME, None)
            and ci.get("due_date") == p.get("checkin")
        )

    @staticmethod
    def _still_silent(r: StepResult, ci: JsonDict | None, p: Mapping[str, Any]) -> bool:
        """A later check-in replaced the one this ladder step belongs to, and nothing was said to either."""
        since, checkin = str((ci or {}).get("silent_since") or ""), str(p.get("checkin") or "")
        return bool(
            ci and since and checkin and since <= checkin < str(ci.get("due_date") or "")
            and not ci.get("responded") and r.state.get("flow") in (NAME, None)
        )

    # -- asking ----------------------------------------------------------------------------------

    def _ask(self, r: StepResult, ci: JsonDict, again: bool = False) -> None:
        r.state["awaiting"] = AWAITING
        phase = ci.get("phase")
        if phase == "sick":
            r.say("checkin.sick.ask_caring" if ci.get("caring") else "checkin.sick.ask", options=SICK_OPTIONS)
            return
        if phase == "days":
            r.say("checkin.changed.days_ask", rate=ci.get("day_rate"))  # (said back with the question)
            return
        if phase == "boss":
            r.say("checkin.changed.boss_ask")
            return
        if phase == "job":
            r.say("checkin.changed.job_ask")
            return
        if phase == "moved":
            r.say("checkin.moved.ask")  # 调到另一个工地了: where the new site is (no options: a place, or 不知道)
            return
        if phase == "healing":
            r.say("checkin.healing.ask_injury" if ci.get("injured") else "checkin.healing.ask",
                  options=HEALING_OPTIONS)
            return
        if phase == "rights" and ci.get("rights_rest"):
            r.say(_rest_key(ci["rights_rest"]))  # 合同签了一年的: the wages and the insurance, not said, asked
            return
        if (options := PHASE_OPTIONS.get(str(phase))) is not None:
            r.say(f"checkin.{phase}.ask", options=options)  # the phase's own question (checkin.home.ask …)
            return
        status = ci.get("status") or "employed"
        options = STATUS_OPTIONS.get(status, STATUS_OPTIONS["employed"])
        employer, place = _named(ci.get("employer")), ci.get("place")
        if employer and r.state.get("locale", "zh_CN") != "zh_CN" and ci.get("employer") != employer:
            employer = str(ci.get("employer"))  # "at 陈老板 in 贵阳", not "at 陈老板那里" (Chinese grammar)
        if employer and place and _place_in_name(str(place), employer):
            place = None  # 隆回县京东物流仓 says where: "您还在隆回县的隆回县京东物流仓上班吗?" said it twice
        if status in ("unemployed", "unable"):
            r.say(f"checkin.ask.{status}", options=options)
        elif ci.get("self_employed") and ci.get("kind") != "spring_return":
            # 摆摊, 开小卖部, 自己跑车: their own business, not "原来的单位" nor "已离职" (nobody to leave).
            if place:
                r.say("checkin.ask.own_business_at", options=OWN_BUSINESS_OPTIONS, place=place)
            else:
                r.say("checkin.ask.own_business", options=OWN_BUSINESS_OPTIONS)
        elif ci.get("kind") == "spring_return":
            if employer:
                r.say("checkin.ask.spring_at", options=options, employer=employer, place=place or "")
            else:
                r.say("checkin.ask.spring", options=options)
        elif employer and place:
            r.say("checkin.ask.employed_at", options=options, employer=employer, place=place)
        elif employer:
            r.say("checkin.ask.employed_employer", options=options, employer=employer)
        elif place:
            r.say("checkin.ask.employed_place", options=options, place=place)
        else:
            r.say("checkin.ask.employed", options=options)

    # -- answers ---------------------------------------------------------------------------------

    def _question(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> bool:
        """A question instead of an answer (外出务工有交通补贴吗): answered or passed to the caseworker, as the
        survey does, then the check-in's question again; no miss counted. An answer with a question mark
        (换了 工资还能按时发吗?) is still an answer. How long the benefit lasts for them (我交了五年社保 能领多久,
        交了3年了 失业金能拿几个月: no question word the reader knows) is a question, though its 交了 reads as all
        fine."""
        if policy.benefit_length.is_question(r.state, text):
            policy.answer_or_refer(r, text, ctx)
            self._ask(r, ci, again=True)
            return True
        if not nlu.is_question(text):
            return False
        understanding = nlu.understand(text, ctx.today)
        if ci.get("phase") == "rights":
            answered = parse_rights(text, understanding) is not None
        elif ci.get("phase") == "sick":
            answered = parse_sick_leave(text, understanding) is not None
        elif ci.get("phase") == "rest":
            answered = parse_rest_or_look(text) is not None
        elif ci.get("phase") == "quit":
            answered = parse_quit(text) is not None
        elif ci.get("phase") == "idle":
            answered = parse_idle(text) is not None
        elif ci.get("phase") == "home":
            answered = parse_home(text) is not None
        elif ci.get("phase") == "leave":
            answered = parse_leave(text) is not None
        elif ci.get("phase") == "stay":
            answered = parse_look_or_stay(text) is not None
        elif ci.get("phase") == "moved":
            answered = understanding.entities.location is not None
        else:
            answered = _read_status(ci, text, understanding, ctx.today) is not None
        if answered:
            return False
        policy.answer_or_refer(r, text, ctx)
        self._ask(r, ci, again=True)
        return True

    def _status_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        if (rest := _besides_death(ci, text)) != text and rest:
            text = rest  # 婆子走了 现在能出去了: the answer is 现在能出去了 (the condolence is the engine's)
        head, _, asked = nlu.as_typed(text).strip().rpartition(" ")
        if head and nlu.asks_who_we_are(asked):
            # 还在 你们是哪个: who we are, then the answer read (the question went unanswered)
            r.say("common.who_we_are")
            text = head
        numbers = BY_NUMBER.get(str(ci.get("status") or "employed"), BY_NUMBER["employed"])
        chosen: str | None = None
        if (numbered := _NUMBER_THEN_WORDS.fullmatch(nlu.as_typed(text).strip())) is not None and (
                numbered.group(1) in numbers):
            # 2 上个月走的, 3 去了隔壁厂, 1在: the option picked, and what the words add to it (each was "没太明白" or
            # read against the number: 3 去了隔壁厂 was in post)
            chosen, text = numbers[numbered.group(1)], numbered.group(2)
        if (ci.get("status") or "employed") == "employed" and (changes := _changes_in_post(text, ctx.today)):
            self._changes_told(r, ci, changes, ctx)  # 还在 现在一天三百了: in post, the change recorded
            return
        understanding = nlu.understand(text, ctx.today)
        answer = _read_status(ci, text, understanding, ctx.today)
        if chosen is not None and answer != chosen and answer in numbers.values() and (
                ci.get("status") in ("unemployed", "unable")):
            # 2找到了 at the weekly check-in: the option (还在找) and the words (found work) say contrary things.
            # Asked once (it was still looking: the option stood); said so again, the words are the answer.
            if not ci.get("number_doubted"):
                ci["number_doubted"] = True
                r.say("checkin.number_doubted")
                self._ask(r, ci, again=True)
                return
            chosen = None
        if chosen is not None and (answer is None or (answer in _AGAINST.get(chosen, numbers.values()) and (
                answer != chosen))):
            answer = chosen  # (the words read nothing, or the contrary of the option picked: the option)
            understanding = replace(understanding, status={"job_lost": "job_lost", "changed_job": "changed_job"}.get(
                chosen, understanding.status))
        if answer == "changed_job" and (left := _PLACE_LEFT.match(forms.squash(nlu.normalize(text)))):
            # (没在贵阳了 在县城装空调: the new job is what follows; the place left is no part of it)
            text = left.group("rest")
            understanding = nlu.understand(text, ctx.today)
        employed = (ci.get("status") or "employed") == "employed"
        expecting_alone = employed and expecting_in_english(text)  # I'm pregnant
        if employed and let_go_expecting(text):
            # 怀孕了 老板不让我干了: let go for expecting (unlawful): a rights case with her words, what the law says,
            # and the job lost (it was "您安心休养。这份工作还给您留着吗?", and no case at all).
            r.emit("rights_issue_reported", issue="other", issues=["other"], channel=ctx.channel, said=text,
                   source="checkin")
            r.say("checkin.expecting_let_go")
            # (the job lost, not unable to work: 怀孕 alone reads as unable)
            self._act(r, ci, "job_lost", text, replace(understanding, intent="job_lost", status="job_lost"), ctx)
            return
        if employed and (expecting := without_expecting(text)) is not None:
            # 还在 不过我怀孕了 下个月可能就不干了, 在的 老婆怀孕了: a child on the way is no illness; what the rest
            # says of the job counts when it keeps them in post (it was "您安心休养。这份工作还给您留着吗?", or the
            # wages question with the plan lost).
            rest, own = expecting
            in_post = _read_status(ci, rest, nlu.understand(rest, ctx.today), ctx.today) if rest else None
            if in_post in _IN_POST:
                if own:
                    r.say("checkin.expecting")
                text, understanding, answer = rest, nlu.understand(rest, ctx.today), in_post
            expecting_alone = own and not rest
        if (ci.get("status") == "unable" or answer in (None, "unwell")) and costs_refused(text) and not (
                injury_reported(r.state, ctx.now)):
            # 医药费自己垫的 包工头不管 at the check-in of someone off work (or told with their health): an injury's
            # costs refused, its rights case (it was "没太明白" or nothing passed on); the question then, if unanswered.
            self._report_injury(r, ci, text, ctx)
            if answer is None:
                self._ask(r, ci, again=True)
                return
        if ci.get("status") == "unable" and (told := without_expecting(text)) is not None and told[1] and not told[0]:
            # 我怀孕了 at the check-in of someone at home (caring, unwell): congratulated, and not able to work now
            # (it was "没太明白, 请回复数字").
            self._close(r, ci, "not_yet", ctx)
            r.say("checkin.expecting_home")
            return
        if expecting_alone:
            # 我怀孕了 alone: expecting is not leaving (it was "您安心休养。这份工作还给您留着吗?"): congratulated, then
            # whether she still works, is on maternity leave or stopped.
            r.say("checkin.expecting")
            ci["phase"] = "maternity"
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer is None and nlu.about_someone_else(text) and understanding.intent != "unknown":
            r.say(SOMEONE_ELSE)  # 我老公失业了: how family members register, and the question again (no miss)
            self._ask(r, ci, again=True)
            return
        if answer is None and ci.get("status") == "unable" and nlu.tells_bereavement(text):
            # 婆子走了, 老人走了 at the check-in of someone caring at home: condolences (the engine's), then whether
            # they can work now, in words that fit (it was "没太明白, 请回复数字" and the check-in's greeting again).
            r.say("checkin.ask.unable_bereaved", options=STATUS_OPTIONS["unable"])
            r.state["awaiting"] = AWAITING
            return
        if answer is None:
            self._missed(r, ci, text, ctx)
            return
        if answer == "left_unwell":
            # 没干了 腰不好 在家歇着: the job is over, but is it work they want (the registration) or rest first (the
            # status "unable")? One question before either (it went straight to the registration).
            ci["phase"] = "rest"
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer == "idle":
            # 耍起的, 在耍 (Sichuan: idle): a few days off, or out of work? One short question (it went straight to
            # the registration).
            ci["phase"] = "idle"
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer == "wants_out":
            # 不想再干了: left, or means to leave? One short question (it was "没太明白", the numbers again).
            ci["phase"] = "quit"
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer in ("unwell", "unwell_family"):
            # 住院了 干不了了: is the job kept for them? One more question before anything changes.
            if answer == "unwell" and hurt_at_work(text):
                ci["injured"] = True  # (the next check-in asks after the injury first)
                if not injury_reported(r.state, ctx.now):
                    # 在工地上摔了 腿骨折了: a work injury, passed on (what to keep told), before the question
                    report_rights_issue(r, understanding, ctx, ask_details=False)
            ci["phase"] = "sick"
            ci["caring"] = answer == "unwell_family"
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer == "left_for_home":
            ci["phase"] = "stay"
            ci["caring"] = caring_at_home(text)
            ci["said"] = text  # (the news, for the registration if work is wanted; dropped with the answer)
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        if answer in ("at_home", "leave_unsaid"):
            # 回老家了 / 在家种地 / 在家带孩子 / 没回: the job kept, or given up (looking for work, or not)? 厂里放假了
            # (no festival near): paid, and a day to go back, or a stop without pay? One question before anything.
            ci["phase"] = "home" if answer == "at_home" else "leave"
            ci["caring"] = caring_at_home(text)
            r.state["flow"] = NAME
            then = home_then(text) if answer == "at_home" else None
            if then and names_festival(then):
                ci["festival_named"] = True  # (回老家了 过完年再出去找活: going back is after the festival)
            if then and parse_home(then) is not None and not (names_festival(then) and parse_home(then) == "look"):
                self._home_answer(r, ci, then, ctx)  # 回家了 过段时间再出去: the question answered with the news
                return
            self._ask(r, ci)
            return
        self._act(r, ci, answer, text, understanding, ctx)

    def _act(self, r: StepResult, ci: JsonDict, answer: str, text: str, understanding: nlu.Understanding,
             ctx: StepContext) -> None:
        """The answer read: the check-in closed with it, and what it calls for done."""
        if answer == "let_go_unwell":
            # 受伤了老板就不要我了: let go while hurt or ill is a rights matter (the caseworker's) and a job lost (the
            # registration), both said in one reply.
            self._let_go_reported(r, ci, text, ctx)
            answer = "job_lost"
        self._close(r, ci, answer, ctx)
        if answer == "job_lost":
            # Wages still owed by the closed factory: a rights case beside the registration, and they are told.
            owed = sorted(rights_told(text, understanding))
            if owed:  # one report, one case listing the issues
                r.emit("rights_issue_reported", issue=owed[0], issues=owed, channel=ctx.channel, source="checkin")
                tell_reported(r, owed, ctx)
            if older_not_hired(text):
                policy.tell_answer(r, OLDER_POSTS, ctx)  # 60多了 人家不要: the public-welfare posts there are
            job_lost(r, ctx, understanding)
            if wish := wish_beside(text, ctx.today):
                keep_wish(r, wish)  # 不干了 想找个保安的活: the work wished for, kept for after the registration
        elif answer in ("changed_job", "found_job", "working_now"):
            if (place := understanding.entities.location) is not None and place_given_up(text, place.name):
                # 我今年不去贵阳了 在县城找了个活: 贵阳 is the old job's place, not the new one's (it was recorded)
                kept = without_place_given_up(text, place.name)
                understanding = replace(understanding, text=kept, normalized=nlu.normalize(kept),
                                        entities=replace(understanding.entities, location=None))
            status_changed(r, ctx, understanding, "changed_job" if answer == "changed_job" else "employed",
                           no_contract="no_contract" in rights_told(text, understanding))
        elif answer == "left_for_age":
            # 年纪大了 干不动了 回家了: the work is over for age; unable to work, as the survey records it.
            unable_now(r, ctx, understanding, told=unable_word(text))
        elif answer == "caring":
            # 不想找了 在家带娃: out of the labour market to care for the family; the form's status says so (the
            # status change reaches the case side as employment_status_changed).
            unable_now(r, ctx, understanding, told=unable_word(text))
        elif answer == "unable_now":
            # 腰疼 干不了了 while looking for work: unable for now, as the survey records it (was "请回复数字"); a kind
            # word and what changes, not the whole form to confirm (it showed the summary, no word for the illness)
            unable_now(r, ctx, understanding, told=unable_word(text))
        elif answer == "still_employed":
            if few_days_off(text):
                r.say("checkin.resting")  # 休息几天: said back (it went on to the next question without a word)
            told = rights_told(text, understanding)
            if told:
                # 还在干 就是上个月工资还没发: the wages question is answered already; asking it would ignore them.
                ci["rights_at"] = ctx.now.isoformat()
                self._record_rights(r, told, ctx, asked=set(told))
                r.say("checkin.still_there_noted")  # both things said are answered: the job, then the wages
                if "no_social_insurance" in told and waives_insurance(text):
                    # 在 但是老板要我们签自愿放弃社保的协议: the waiver is void, said so (it was the wages question)
                    r.say("checkin.rights.waiver")
                    if others := sorted(told - {"no_social_insurance"}):
                        tell_reported(r, others, ctx)
                    else:
                        r.say("checkin.rights.reported")
                    return
                tell_reported(r, sorted(told), ctx)
                return
            if fine := rights_fine_told(text):
                # 在的 工资也还行 合同签了: what is said fine is recorded; the wages question asks only the rest, or
                # nothing when all three are said (it asked all three again).
                self._record_rights(r, set(), ctx, asked=fine)
                if self._rights_due(ci, ctx) and (rest := set(RIGHTS_FIELDS) - fine):
                    self._ask_rest(r, ci, rest)
                    return
                if not (set(RIGHTS_FIELDS) - fine):
                    ci["rights_at"] = ctx.now.isoformat()
                r.say("checkin.rights.thanks")
                return
            if wants_better_job(text, understanding):
                # 干着呢 想换个工资高点的: in post, and a search for a better job rather than the wages question.
                r.say("checkin.better_job")
                JOBS.search(r, ctx, item="vacancy", wishes=[text])
                return
            if (asked := _jobs_asked_beside(text, ctx.today)) is not None:
                # 还在干 你们那有叉车的活吗?: in post, said back, and the question answered (the jobs that fit, or
                # that they will be sent) instead of the wages question (the question was dropped).
                r.say("checkin.still_there_noted")
                JOBS.search(r, ctx, item=asked, wishes=[text])
                return
            self._in_post_next(r, ci, ctx)
        elif answer in ("still_looking", "odd_jobs") and (owed := sorted(rights_told(text, understanding))):
            # 找了个活 不过干了三天就不干了 老板不给钱: the days' pay owed, a rights case (it was lost); help goes on
            r.emit("rights_issue_reported", issue=owed[0], issues=owed, channel=ctx.channel, source="checkin")
            tell_reported(r, owed, ctx)
            r.say("checkin.still_looking")
            JOBS.with_checkin(r)
        elif answer == "still_looking":
            r.say("checkin.still_looking")
            if older_not_hired(text):
                policy.tell_answer(r, OLDER_POSTS, ctx)  # 60多了 人家不要: the public-welfare posts there are
            if wants_training(understanding):
                training_wished(r, ctx)  # 还没呢 想先学个美发: training among the help wanted, and a course looked for
                JOBS.search(r, ctx, item="training", wishes=[text], quiet=not nlu.is_question(text), looking_told=True)
            elif understanding.intent == "seek_job" and understanding.confidence >= CONFIDENT:
                # 还没找着 有没有工地的活: that search; told plans (… 到时候去看看), not a question, hear nothing more
                # when nothing fits ("会继续帮您找" was said)
                JOBS.search(r, ctx, item="vacancy", wishes=[text], quiet=not nlu.is_question(text), looking_told=True)
            else:
                JOBS.with_checkin(r)  # the best new matches with the answer, if there are any
        elif answer == "not_looking":
            # 没找 在家带娃 / 不想找了: the form says so (the matches and pushes follow it); the case stays the
            # caseworker's to close.
            if waiting_for_pay(text):
                # 在等老板结工资 拿到钱再找: still wanting work once paid (the form keeps 想工作: no "不找了, 可结案"
                # to the caseworker); the pay owed named, and who helps when it does not come.
                r.say("checkin.waiting_for_pay")
            else:
                self._record_fields(r, {"willing_to_work": willing_when_not_looking(text)}, ctx)
                r.say("checkin.not_looking")
        elif answer == "want_work" and _recorded_status(r) == "unable" and not wants_training(understanding):
            # 好多了 能干点轻活: able and willing now; the form's unemployed questions (the help wanted, where,
            # what work) follow, as when it is said outside a check-in.
            looking_for_work(r, ctx, understanding)
        elif answer in ("need_help", "want_work"):
            if wants_training(understanding):
                training_wished(r, ctx)  # 想学电焊: the survey's service needs say so
            r.emit("human_requested", channel=ctx.channel, reason=f"checkin_{answer}", said=text)
            r.say("checkin.help_requested")
        elif answer == "ending":
            # The job ends on a day said: noted, and the check-in asked again the day after (then a loss goes to
            # the registration as any other).
            ends = work_ends(text, ctx.today) or (festival_eve(ctx.today) if leaves_at_festival(text) else ctx.today)
            ci["ends"] = ends.isoformat()
            if leaves_at_festival(text) and wants_work_near_home(text):
                # 过了年不去了 在家门口找点活: the work wished for then is near home (the form's scope says so).
                self._record_fields(r, {"preferred_scope": "home_county"}, ctx)
                r.say("checkin.ending_near_home", month=ends.month, day=ends.day)
            else:
                r.say("checkin.ending", month=ends.month, day=ends.day)
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"), ends=ends.isoformat(),
                   days=max(1, (ends - ctx.today).days + 1), recheck=int(ci.get("recheck") or 0) + 1)
            if self._rights_due(ci, ctx):
                ci["phase"] = "rights"  # in post until then: the wages question as for anyone in post
                ci["answered"] = False
                r.state["flow"] = NAME
                self._ask(r, ci)
        elif answer == "transferred":
            # 我被调到另一个工地了: the same employer, the same job; only where it is done changed: recorded when said
            # (调到遵义的工地了), else asked once.
            place = understanding.entities.location
            if place is not None:
                self._record_fields(r, {"work_division": place_value(place)}, ctx)  # type: ignore[dict-item]
                r.say("checkin.moved.noted", place=place.name)
            else:
                ci["phase"] = "moved"
                ci["answered"] = False
                r.state["flow"] = NAME
                r.say("checkin.moved.same_job")
                self._ask(r, ci)
        elif answer == "maternity_leave":
            r.say("checkin.maternity.leave_noted")  # in post, on leave: nothing changes on the form
        elif answer == "festival_plan":
            # 过完年去, 年后去广东: still looking, a plan for after the festival; the case and the weekly check-ins
            # go on.
            place = understanding.entities.location
            if place is not None:
                r.say("checkin.festival_plan_to", place=place.name)  # 年后去广东: where, said back
            else:
                r.say("checkin.festival_plan")
            # Not asked every week until then, through the holiday (the plan is told): the series goes on after the
            # Lantern Festival, or in four weeks when that is further and before the holiday (monthly contact).
            resume = _after_festival_plan(ctx.today)
            r.emit("checkin_series_put_off", status=ci.get("status"), anchor=ci.get("anchor") or ci.get("due_date"),
                   until=resume.isoformat())
        elif answer == "job_promised_later":
            # 下个月开工 让我到时候去: still out of work until then; the case and the weekly check-ins go on.
            if (going := going_later(text)) is not None:
                r.say("checkin.going_later", when=going[0], place=going[1])  # 下礼拜去浙江了: no promise said
            else:
                r.say("checkin.job_promised_later")
        elif answer == "job_promised":
            # 说好了过完年去上班: still out of work until then; the case and the weekly check-ins go on (a promise may
            # fall through), and it is said back.
            r.say("checkin.job_promised")
        elif answer == "odd_jobs":
            # 打零工 while the case is open: casual day labour is no job found; the case stays open and the search
            # goes on (it closed the case, the survey asking about the "new job").
            r.say("checkin.odd_jobs")
            JOBS.with_checkin(r)
        elif answer == "left_home":
            # 不回去了 先不找 (种地, 在家): the job given up, no work wanted now: out of work and not looking, on the
            # form; no registration (it is for those who want work), no case.
            # The form as the registration's status change leaves it (the old job's answers dropped, with history),
            # the history's actor the check-in.
            first = len(r.events)
            now_unemployed(r, ctx)
            survey = r.state.get("survey")
            if isinstance(survey, dict) and isinstance(survey.get("answers"), dict):
                for field, (old, new) in forms.set_answer(SURVEY_FORM, survey, "willing_to_work", "no").items():
                    r.emit("field_changed", field=field, old=old, new=new, channel=ctx.channel, actor="checkin")
            for i in range(first, len(r.events)):
                if r.events[i].kind == "field_changed":
                    r.events[i] = replace(r.events[i], data={**r.events[i].data, "actor": "checkin"})
            r.emit("form_fields_updated", fields={"employment_status": "unemployed", "willing_to_work": "no"})
            r.say("checkin.not_looking")
        elif answer == "leaving":
            # 下个月就走: in post, leaving then; the plan noted, asked again after it, and the next job looked for.
            ends = leaving(text, ctx.today) or ctx.today
            ci["ends"] = ends.isoformat()
            r.say("checkin.leaving", when=leaving_when(text) or "")
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"), ends=ends.isoformat(),
                   days=max(1, (ends - ctx.today).days + 1), recheck=int(ci.get("recheck") or 0) + 1)
            # (… 想回家那边找个活: the work wished for, said beside the plan, is what is looked for)
            wished = wish_beside(text, ctx.today)
            JOBS.search(r, ctx, item="vacancy", wishes=[wished] if wished else [])
        elif answer == "new_year_leave":
            # 快放假了 腊月二十就放: in post, off for the New Year (the return-to-work check follows the holiday);
            # the wages question when due, as for anyone in post (wages owed show before the New Year).
            r.say("checkin.new_year_leave")
            if self._rights_due(ci, ctx):
                ci["phase"] = "rights"
                ci["answered"] = False
                r.state["flow"] = NAME
                self._ask(r, ci)
        elif answer == "paused_festival":
            # 工地停了 说过完年再开工: a seasonal stop with the return said; asked again after the festival.
            r.say("checkin.paused_festival")
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"),
                   days=max(RECHECK_DAYS, (after_festival(ctx.today) - ctx.today).days),
                   recheck=int(ci.get("recheck") or 0) + 1)
        elif answer == "at_risk":
            # 还在 不过厂里说年后可能要裁人: in post, a lay-off talked of; asked again in a week, as a pause is.
            first = int(ci.get("recheck") or 0) < 1
            r.say("checkin.at_risk")
            if first:
                r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"), days=RECHECK_DAYS,
                       recheck=int(ci.get("recheck") or 0) + 1)
        elif answer == "not_back_yet" and _festival_ahead(ci, ctx.today) and not (
                ci.get("home_for_now") or ci.get("away")):
            # 回家过年了, 过年在家过, 过完年再去, weeks before the festival: in post, home for the Spring Festival (no
            # registration, no case); asked again after it, not in a week (in the holiday).
            r.say("checkin.festival_home")
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"),
                   days=max(RECHECK_DAYS, (after_festival(ctx.today) - ctx.today).days),
                   recheck=int(ci.get("recheck") or 0) + 1)
        elif answer == "not_back_yet" and int(ci.get("recheck") or 0) < 1 and (
                lantern := back_after_lantern(text, ctx.today)) is not None and (
                (lantern - ctx.today).days > RECHECK_DAYS):
            # 还在家 厂里说十五以后开工: back after 正月十五, asked again two days after it (it was in a week, in the
            # middle of the holiday). A week's recheck that falls on or after it stands.
            ci["back"] = lantern.isoformat()
            r.say("checkin.not_back_yet_lantern", month=lantern.month, day=lantern.day)
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"),
                   days=max(1, (lantern - ctx.today).days + LANTERN_MARGIN_DAYS),
                   recheck=int(ci.get("recheck") or 0) + 1)
        elif answer == "not_back_yet" and int(ci.get("recheck") or 0) < 1 and (
                (back := back_when(text, ctx.today)) is not None or wish_beside(text, ctx.today)):
            # 酒店三月份开业 我到时候回去 (这期间想找个零工): back when the place opens, asked again a week after that
            # (it was in a week, then never); temporary work wished for meanwhile is looked for, in one reply (it
            # was a plain return to come, the wish lost).
            wish = wish_beside(text, ctx.today)
            days = max(RECHECK_DAYS, (back - ctx.today).days + RECHECK_DAYS) if back else RECHECK_DAYS
            if back is not None:
                ci["back"] = back.isoformat()
            if back is None:
                r.say("checkin.not_back_yet_meanwhile_soon")
            else:
                r.say("checkin.not_back_yet_meanwhile" if wish else "checkin.not_back_yet_until", month=back.month)
            r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"), days=days,
                   recheck=int(ci.get("recheck") or 0) + 1)
            if wish:
                JOBS.search(r, ctx, item="vacancy", wishes=[wish], quiet=True, looking_told=True)
        elif answer in ("not_back_yet", "on_hold"):
            # Not back at work yet after the holiday, or work paused or too little of it: asked again in a week,
            # once (the weeks jobs are lost); still so then, a caseworker looks at it.
            # Home a week after 还回去干 and still not back: a caseworker looks at it too.
            first = int(ci.get("recheck") or 0) < 1
            held = answer == "on_hold" or bool(ci.get("away"))
            if first and answer == "on_hold" and ends_soon(text):
                r.say("checkin.ends_soon")  # 工地快干完了: the work ends soon, not "停工、活少的时候不好过"
            elif first and answer == "on_hold" and sent_home(text):
                r.say("checkin.sent_home")  # 老板说没活了 让我们先回家: a pause, said so (it was the registration)
            elif first or not held:
                r.say(f"checkin.{answer}")
            if first:
                r.emit("checkin_recheck", work=ci.get("kind"), status=ci.get("status"), days=RECHECK_DAYS,
                       recheck=int(ci.get("recheck") or 0) + 1)
            elif held:
                # Still at home a week after 还回去干 is not work paused twice: its own wording for the caseworker.
                reason = "checkin_on_hold" if answer == "on_hold" else "checkin_still_home"
                r.emit("human_requested", channel=ctx.channel, reason=reason, said=text)
                r.say("checkin.help_requested")
        else:  # not_yet
            r.say("checkin.not_yet")

    def _missed(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """Not understood: asked again, twice at most; then a caseworker is asked to call."""
        ci["misses"] = int(ci.get("misses", 0)) + 1
        if ci["misses"] > MAX_MISSES:
            self._close(r, ci, "unclear", ctx)
            r.emit("human_requested", channel=ctx.channel, reason="checkin_unclear", said=text)
            r.say("checkin.handed_over")
            return
        r.say("checkin.reprompt")
        self._ask(r, ci, again=True)

    def _moved_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """Where the new site of the same job is: a place is recorded; 不知道 (or anything else) is thanks, the form
        unchanged (the caseworker can ask; the job is the same)."""
        place = nlu.understand(text, ctx.today).entities.location
        ci["answered"] = True  # (its answer, transferred, was told when the question was put)
        end_flow(r)
        if place is not None:
            self._record_fields(r, {"work_division": place_value(place)}, ctx)  # type: ignore[dict-item]
            r.say("checkin.moved.noted", place=place.name)
        else:
            r.say("checkin.thanks")

    def _changes_told(self, r: StepResult, ci: JsonDict, changes: Changes, ctx: StepContext) -> None:
        """In post, and a change in the same job told beside it (还在 现在一个月七千了, 还在干 搬到长安那个新厂区了,
        在的 换了个老板 厂还是那个厂): the form changed with history (actor `checkin`) and said back, in the one
        reply (the change was lost: the wages question, or a job changed and its questions from the start). A day's
        pay alone asks the days worked (the form holds a month's pay, as the survey asks); a new boss not named asks
        the name."""
        self._close(r, ci, "still_employed", ctx)
        values: dict[str, Any] = {}
        if changes.place:
            values["work_place"] = changes.place
            if changes.location is not None:
                values["work_division"] = place_value(changes.location)
            r.say("checkin.changed.place", place=changes.place)
        if changes.monthly:
            values["monthly_income"] = changes.monthly
            r.say("checkin.changed.pay", pay=changes.monthly)
        if changes.boss:
            values["employer"] = changes.boss
            r.say("checkin.changed.boss", boss=changes.boss)
        if changes.job_type:
            values["job_type"] = changes.job_type
            r.say("checkin.changed.job", job=changes.job_type)
        self._record_fields(r, values, ctx)
        if changes.day_rate or (changes.new_boss and not changes.boss) or (changes.new_trade and not changes.job_type):
            ci["phase"] = "days" if changes.day_rate else "boss" if changes.new_boss and not changes.boss else "job"
            ci["day_rate"] = changes.day_rate
            ci["answered"] = False
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        self._in_post_next(r, ci, ctx)

    def _change_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """The days worked a month after a day's pay (二十五天, 不固定), or the new boss's name (姓王, 不知道): recorded
        when told; anything else leaves the form as it was (asked once, never again)."""
        ci["answered"] = True
        end_flow(r)
        if ci.get("phase") == "days":
            days = nlu.parse_days_worked(text)
            rate = int(ci.get("day_rate") or 0)
            if days and MIN_INCOME <= rate * days <= MAX_INCOME:
                self._record_fields(r, {"monthly_income": rate * days}, ctx)  # type: ignore[dict-item]
                r.say("checkin.changed.pay", pay=rate * days)
        elif ci.get("phase") == "job":
            job = nlu.find_job_type(text)
            if job is None and not nlu.is_dont_know(text) and 1 < len(forms.squash(text)) <= 8:
                job = forms.squash(text)  # 开塔吊: the trade as said (the survey keeps unknown trades so too)
            if job:
                self._record_fields(r, {"job_type": job}, ctx)
                r.say("checkin.changed.job", job=job)
        else:
            named = changes_beside(f"换了个老板 {text}", ctx.today).boss or _boss_name(text)
            if named:
                self._record_fields(r, {"employer": named}, ctx)
                r.say("checkin.changed.boss", boss=named)
        ci["phase"] = "status"
        self._in_post_next(r, ci, ctx)

    def _in_post_next(self, r: StepResult, ci: JsonDict, ctx: StepContext) -> None:
        """In post: the wages question when due, else thanks."""
        if self._rights_due(ci, ctx):
            ci["phase"] = "rights"
            ci["answered"] = False
            r.state["flow"] = NAME
            self._ask(r, ci)
            return
        r.say("checkin.thanks")

    def _sick_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        understanding = nlu.understand(text, ctx.today)
        # 医药费都是我自己出的 after a work injury was passed on: for its case (the caseworker's).
        told = details_at_question(r, text, understanding, ctx, "checkin_sick")
        leave = parse_sick_leave(text, understanding)
        if not told and not ci.get("caring") and costs_refused(text):
            # 医药费自己垫的 包工头不管 (no injury told before): medical costs an employer refuses are a work injury's,
            # a rights case as one told at the check-in's question (it was "没太明白, 请回复数字").
            self._report_injury(r, ci, text, ctx)
            told = "told"
        elif told and costs_refused(text):
            ci["costs"] = "unpaid"  # 医药费都是我自己出的 after the injury was told: not asked again next time
        if leave is None and not_known_yet(text):
            # 不知道 包工头说让我自己回家养: nobody said; the form keeps the job until they know (it was "没太明白").
            self._close(r, ci, "sick_leave", ctx)
            r.say("checkin.sick.not_known")
            return
        if leave is None:
            if told:
                self._ask(r, ci, again=True)
            else:
                self._missed(r, ci, text, ctx)
            return
        if leave == "kept":
            self._close(r, ci, "sick_leave", ctx)
            r.say("checkin.sick.get_well")  # the job waits: nothing changes on the form
            return
        if not ci.get("caring") and let_go(text):
            self._let_go_reported(r, ci, text, ctx)  # 老板不要我了 while off hurt: a rights matter too
        self._close(r, ci, "job_lost", ctx)
        job_lost(r, ctx, understanding)

    @staticmethod
    def _let_go_reported(r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """Let go while off hurt or ill (受伤了老板就不要我了, at the check-in or at the question whether the job is
        kept): a rights case (`other`; with an injury's case open, it joins it), and the person told before the
        registration's questions. After a work injury reported, the injury's case is that case: an `other` issue
        joining it added nothing, so its owner never heard of the dismissal (though the person was told it was passed
        on); the words go to it as the report's details (`rights_details_told`: kept with it, its owner alerted)."""
        injured_before = bool(ci.get("injured"))
        ci["injured"] = True
        r.emit("rights_issue_reported", issue="other", issues=["other"], channel=ctx.channel, said=text,
               source="checkin")
        if injured_before:
            r.emit("rights_details_told", issue="other", details=text)
        r.say("checkin.let_go_unwell")

    @staticmethod
    def _report_injury(r: StepResult, ci: JsonDict, text: str, ctx: StepContext, *, told: str = INJURED) -> None:
        """Medical costs or wages refused after an injury: a rights case (an `other` issue; a later report joins the
        open one), its details open for the next message, and the person told (`told`: what to keep, or, at the
        question after it, that wages and costs are the employer's)."""
        ci["injured"] = True
        ci["costs"] = "unpaid"
        r.emit("rights_issue_reported", issue="other", issues=["other"], channel=ctx.channel, said=text,
               source="checkin")
        open_details(r, "other", ctx)
        r.say(told)

    def _healing_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After "上次您说干活受了伤, 现在好些了吗?": back at work (as "在岗": the wages question when due), still off
        (after a work injury: are wages and medical costs paid?), or the job gone (the registration)."""
        understanding = nlu.understand(text, ctx.today)
        choice = parse_healing(text)
        if choice is None:
            # 换了个厂, 厂子倒闭了: the check-in's own question answered.
            status = _read_status({**ci, "phase": "status"}, text, understanding, ctx.today)
            if status is not None and status not in ("still_employed", "unwell"):
                ci["phase"] = "status"
                self._status_answer(r, ci, text, ctx)
                return
            choice = {"still_employed": "back", "unwell": "still"}.get(status or "")
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        if choice == "back":
            self._act(r, ci, "still_employed", text, understanding, ctx)
            return
        if choice == "returning":
            # 好了 过完年回去: healed, the job kept, back on a day to come (asked again then, as after the holiday;
            # 好了 下礼拜回去 in December: in a week, not "回家过年").
            ci["home_for_now"] = not names_festival(text)
            self._act(r, ci, "not_back_yet", text, understanding, ctx)
            return
        if choice == "gone":
            if let_go(text):
                self._let_go_reported(r, ci, text, ctx)  # 老板不让我回去了 after the injury: a rights matter too
            self._close(r, ci, "job_lost", ctx)
            job_lost(r, ctx, understanding)
            return
        if ci.get("injured") and not ci.get("costs"):
            if costs_refused(text):
                self._close(r, ci, "sick_leave", ctx)
                self._report_injury(r, ci, text, ctx, told="checkin.costs.reported")
                return
            ci["phase"] = "costs"  # still off after a work injury: paid while off, treatment paid?
            self._ask(r, ci)
            return
        self._close(r, ci, "sick_leave", ctx)
        r.say("checkin.sick.get_well")

    def _costs_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        choice = parse_costs(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        self._close(r, ci, "sick_leave", ctx)
        if choice == "paid":
            ci["costs"] = "paid"
            r.say("checkin.sick.get_well")
        else:
            self._report_injury(r, ci, text, ctx, told="checkin.costs.reported")

    def _maternity_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 我怀孕了 (congratulated): still at work is in post; on maternity leave is in post, the job kept;
        stopped work is unable to work for now, as the survey records it (怀孕了 不干了 回家待产)."""
        choice = parse_maternity(text)
        understanding = nlu.understand(text, ctx.today)
        if choice is None and (month := due_month(text, ctx.today)) is not None:
            # 预产期三月: when she is due, not which of the three (it was "没太明白, 请回复数字"): at work until then,
            # said back; the series asks again as for anyone in post.
            self._close(r, ci, "still_employed", ctx)
            r.say("checkin.maternity.due_noted", month=month)
            return
        if choice is None:
            status = _read_status({**ci, "phase": "status"}, text, understanding, ctx.today)
            choice = {"still_employed": "working", "job_lost": "stopped"}.get(status or "")
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        if choice == "working":
            self._act(r, ci, "still_employed", text, understanding, ctx)
        elif choice == "leave":
            self._act(r, ci, "maternity_leave", text, understanding, ctx)
        else:
            self._close(r, ci, "expecting_stopped", ctx)
            unable_now(r, ctx, understanding, told="checkin.unable.expecting")

    def _rest_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        choice = parse_rest_or_look(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        understanding = nlu.understand(text, ctx.today)
        self._close(r, ci, "job_lost" if choice == "look" else "left_unwell", ctx)
        if choice == "look":
            job_lost(r, ctx, understanding)
        else:
            # 没干了 腰不好, then 先养身体: a kind word and what changes (it showed the whole form to confirm)
            unable_now(r, ctx, understanding, told="checkin.unable.unwell")

    def _home_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 回老家了 / 在家种地 / 没回: going back (home for a while), or the job given up and work wanted (the
        registration) or not (caring: unable, as the survey records it; else out of work, not looking)."""
        choice = parse_home(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        understanding = nlu.understand(text, ctx.today)
        if choice == "back":
            # Going back (home for a while): asked again in a week, not after the festival unless it is named.
            ci["home_for_now"] = not (names_festival(text) or ci.get("festival_named"))
            answer = "not_back_yet"
        elif choice == "look":
            answer = "job_lost"
        else:
            answer = "caring" if ci.get("caring") or caring_at_home(text) else "left_home"
        self._act(r, ci, answer, text, understanding, ctx)

    def _stay_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 辞了 回家带孩子: work wanted is the registration (with what the news said); not now is no registration
        (caring: unable; else out of work, not looking)."""
        choice = parse_look_or_stay(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        said = str(ci.pop("said", "") or text)
        answer = "job_lost" if choice == "look" else "caring" if ci.get("caring") else "left_home"
        self._act(r, ci, answer, said, nlu.understand(said, ctx.today), ctx)

    def _leave_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 厂里放假了: paid or a day to go back is in post (the wages question when due); no pay or no day is
        work held at risk (asked again in a week, then the caseworker)."""
        choice = parse_leave(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        self._act(r, ci, "still_employed" if choice == "paid" else "on_hold", text, nlu.understand(text, ctx.today),
                  ctx)

    def _quit_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 不想再干了: left (the registration, as for any job lost) or still there and wanting another job
        (in post; jobs offered)."""
        choice = parse_quit(text)
        if choice is None:
            understanding = nlu.understand(text, ctx.today)
            status = _read_status({**ci, "phase": "status"}, text, understanding, ctx.today)
            choice = {"job_lost": "left", "still_employed": "staying"}.get(status or "")
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        understanding = nlu.understand(text, ctx.today)
        if choice == "left":
            self._close(r, ci, "job_lost", ctx)
            job_lost(r, ctx, understanding)
            return
        self._close(r, ci, "still_employed", ctx)
        r.say("checkin.better_job")
        JOBS.search(r, ctx, item="vacancy", wishes=[])

    def _idle_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        """After 耍起的: a few days off (in post) or out of work (the registration, as for any job lost)."""
        choice = parse_idle(text)
        if choice is None:
            self._missed(r, ci, text, ctx)
            return
        understanding = nlu.understand(text, ctx.today)
        if choice == "no_work":
            self._act(r, ci, "job_lost", text, understanding, ctx)
            return
        if not few_days_off(text):
            r.say("checkin.resting")  # (said back, as 休息几天 is)
        self._act(r, ci, "still_employed", text, understanding, ctx)

    def _close(self, r: StepResult, ci: JsonDict, answer: str, ctx: StepContext) -> None:
        ci["answered"] = True
        ci["answer"] = answer
        ci["answered_at"] = ctx.now.isoformat()
        r.emit("checkin_answered", work=ci.get("kind"), answer=answer, due_date=ci.get("due_date"),
               channel=ctx.channel)
        end_flow(r)

    def _rights_due(self, ci: JsonDict, ctx: StepContext) -> bool:
        if ci.get("own_account"):
            return False  # self-employed: nobody to owe wages, a contract or insurance
        if ci.get("started") == f"{ctx.today:%Y-%m}":
            return False  # a job started this month: the employer has its month (dialogs/flows/rights.py)
        last = _when(ci.get("rights_at"))
        every = timedelta(days=int(ci.get("rights_every_days") or 30))
        return last is None or ctx.now - last >= every - timedelta(hours=12)

    def _rights_answer(self, r: StepResult, ci: JsonDict, text: str, ctx: StepContext) -> None:
        understanding = nlu.understand(text, ctx.today)
        if paid_days_late(text):
            # 钱都发了 就是晚几天: paid, a few days late: not on time, said back, and no wages case (it was asked again)
            ci["answered"] = True
            ci["rights_at"] = ctx.now.isoformat()
            end_flow(r)
            self._record_fields(r, {"wages_on_time": "no"}, ctx, as_yes_no=True)
            r.say("checkin.rights.paid_late")
            return
        if contract_not_known(text):
            # 合同签没签不晓得: not known, no rights case (it was read as no contract): how to find out; the rest of
            # the question, if unsaid, asked.
            r.say("checkin.rights.contract_unknown")
            unsaid = set(ci.get("rights_rest") or RIGHTS_FIELDS) - {"no_contract"}
            if unsaid and not ci.get("rights_rest"):
                self._ask_rest(r, ci, unsaid)
                return
            ci.pop("rights_rest", None)
            ci["answered"] = True
            ci["rights_at"] = ctx.now.isoformat()
            end_flow(r)
            return
        issues = parse_rights(text, understanding)
        # (老板跑路了 工钱也没给 reads as the wages alone, no status: the words that end a job make it a loss too)
        # (工地完工了 我回家了 包工头还欠我一万二: the job loss read beside the wages; it was the report alone)
        lost = (understanding.status == "job_lost" or (understanding.status is None and job_ended(text))) and not (
            nlu.about_others_only(text))
        if (issues is None and understanding.status in ("job_lost", "changed_job")) or (issues and lost):
            # (老板跑路了 我没活干了 工钱还欠着两个月: the wages owed are reported with the job loss there; it was the
            # report alone, and the job loss never registered)
            # 厂子倒闭了 at the wages question (days later, or at once): the work is gone or changed, read as the
            # answer to "还在…上班吗?" (it was "请回复数字", and the job loss was never registered).
            ci["phase"] = "status"
            self._status_answer(r, ci, text, ctx)
            return
        rest = ci.get("rights_rest") or []
        if issues is None and len(rest) == 1 and understanding.intent == "deny":
            issues = set(rest)  # 没有 at "签劳动合同了吗?", the one thing left to ask
        if issues is None:
            ci["misses"] = int(ci.get("misses", 0)) + 1
            if ci["misses"] > MAX_MISSES:
                ci["answered"] = True
                end_flow(r)
                r.say("checkin.thanks")
                return
            r.say("checkin.rights.reprompt", options=RIGHTS_OPTIONS)
            r.state["awaiting"] = AWAITING
            return
        asked = set(ci.get("rights_rest") or RIGHTS_FIELDS)
        spoken = rights_spoken_of(text) & asked
        if not issues and spoken and spoken != asked and not ci.get("rights_rest"):
            # 合同签了一年的: the contract alone said to be fine; the rest asked once (it recorded all three fine).
            self._record_rights(r, set(), ctx, asked=spoken)
            self._ask_rest(r, ci, asked - spoken)
            return
        ci.pop("rights_rest", None)
        ci["answered"] = True
        ci["rights_at"] = ctx.now.isoformat()
        end_flow(r)
        # (the fields the answer speaks of: 没签 at the question leaves the wages and the insurance as they were)
        self._record_rights(r, issues, ctx, asked=(spoken or asked) | issues)
        if "no_social_insurance" in issues and self_paid_insurance(text):
            r.say("checkin.rights.self_paid")  # 社保是自己在老家交的: not the employer's, whose duty it is
        elif "no_social_insurance" in issues and waives_insurance(text):
            r.say("checkin.rights.waiver")  # 老板要我们签放弃社保的协议: void, the employer's duty stands
        r.say("checkin.rights.reported" if issues else "checkin.rights.thanks")

    def _ask_rest(self, r: StepResult, ci: JsonDict, rest: set[str]) -> None:
        """The wages question again, for what the first answer left unsaid (the contract said, the wages and the
        insurance asked)."""
        ci["phase"] = "rights"
        ci["answered"] = False
        ci["rights_rest"] = [issue for issue in RIGHTS_FIELDS if issue in rest]
        r.state["flow"] = NAME
        self._ask(r, ci)

    @staticmethod
    def _record_fields(r: StepResult, values: Mapping[str, str], ctx: StepContext, *, as_yes_no: bool = False) -> None:
        """Answers heard at the check-in, into the form with history (actor `checkin`); unchanged ones skipped."""
        answers = (r.state.get("survey") or {}).get("answers")
        updates: dict[str, str] = {}
        for field, value in values.items():
            old = answers.get(field) if isinstance(answers, dict) else None
            if old != value:
                updates[field] = value
                if isinstance(answers, dict):
                    answers[field] = value
                r.emit("field_changed", field=field, old=old, new=value, channel=ctx.channel, actor="checkin")
        if updates:
            r.emit("form_fields_updated", fields={k: v == "yes" if as_yes_no else v for k, v in updates.items()})

    def _record_rights(self, r: StepResult, issues: set[str], ctx: StepContext, *, asked: set[str]) -> None:
        """The form's wages, contract and insurance answers for the issues asked about (all three at the
        question; only those told when they came with the status answer), the issues reported as one."""
        self._record_fields(r, {field: "no" if issue in issues else "yes" for issue, field in RIGHTS_FIELDS.items()
                                if issue in asked}, ctx, as_yes_no=True)
        if issues:  # one report, one case listing the issues
            r.emit("rights_issue_reported", issue=min(issues), issues=sorted(issues), channel=ctx.channel,
                   source="checkin")
            open_details(r, "wage_arrears" if "wage_arrears" in issues else min(issues), ctx)  # 两个月 六千块 next


# An employer answer that names no employer ("包工头带的 没单位", "打零工 不固定"): the check-in asks about the place.
_NO_EMPLOYER = re.compile(r"没有?单位|无单位|没有?固定|不固定|包工头|零工|自己干|个人干|到处")
# 张包工头 (the survey writes 包工头姓张 so): a foreman named is someone to ask after, as 陈老板 is.
_FOREMAN_NAMED = re.compile(r"[^跟个给帮找是当那这一][\u4e00-\u9fff]?(?:包工头|工头)")
_A_PERSON = re.compile(r"(?:老板|老板娘|包工头|工头|师傅|老乡|大哥|大姐|亲戚|哥|姐|叔|舅)$")



_REST_WORDS = {"wage_arrears": "wages", "no_contract": "contract", "no_social_insurance": "insurance"}
REST_KEYS = ("checkin.rights.rest.wages", "checkin.rights.rest.contract", "checkin.rights.rest.insurance",
             "checkin.rights.rest.wages_contract", "checkin.rights.rest.wages_insurance",
             "checkin.rights.rest.contract_insurance")


def _rest_key(rest: list[str]) -> str:
    """The question for the rights issues not yet said (in RIGHTS_FIELDS order): one of REST_KEYS."""
    return "checkin.rights.rest." + "_".join(_REST_WORDS[issue] for issue in RIGHTS_FIELDS if issue in rest)


def _place_in_name(place: str, employer: str) -> bool:
    """Whether the employer's name says the place already (隆回县京东物流仓 at 隆回县, 东莞宏达电子厂 at 东莞市)."""
    short = re.sub(r"(?:省|市|县|区|镇|乡)$", "", place)
    return place in employer or (len(short) >= 2 and short in employer)


def _named(employer: object) -> str | None:
    """The employer as the check-in can name it ("您还在…的宏达电子厂上班吗"), or None."""
    if not isinstance(employer, str) or not employer.strip():
        return None
    if _NO_EMPLOYER.search(employer) and not _FOREMAN_NAMED.fullmatch(employer):
        return None
    # A person worked for (陈老板): "还在陈老板那里上班吗", not "还在陈老板上班吗".
    return f"{employer}那里" if _A_PERSON.search(employer) else employer


def _place(p: Mapping[str, Any]) -> str | None:
    """Where they work, as people say it: the town or city of the form's division, else the place as typed."""
    code = p.get("work_division")
    if isinstance(code, str) and code:
        found = nlu.place_by_code(code)
        if found is not None:
            return found.name
    place = p.get("work_place")
    if isinstance(place, str) and _NO_PLACE.match(place):
        return None  # 一个工地 (its name forgotten): "您还在一个工地的中建上班吗?" names no place
    return place if isinstance(place, str) and place else None


# A work address that names no place (一个工地, 一家厂, 某个小区): not said back as where they work.
_NO_PLACE = re.compile(r"^(?:一个|一家|一处|某个?|个)")


def _changes_in_post(text: str, today: date) -> Changes | None:
    """还在 现在一天三百了: "still there" first, then a change in the same job (None when not so)."""
    first, _, rest = nlu.as_typed(text).strip().partition(" ")
    if _PAY_ALONE.match(forms.squash(text)) and (changes := changes_beside(text, today)) and (
            not changes.place and not changes.new_boss and not changes.new_trade):
        return changes  # 现在一天200 (paid by the day): the pay is the news, the job the same (it was "没太明白")
    if not rest or ("在" not in first and "干" not in first and "做" not in first):
        return None  # (cheap: most answers are one word, or say neither)
    if parse_status(first, nlu.understand(first, today), "employed") != "still_employed":
        return None
    changes = changes_beside(rest, today)
    return changes if changes else None


def _jobs_asked_beside(text: str, today: date) -> str | None:
    """还在干 你们那有叉车的活吗?, 在 有啥培训没有: the jobs' item asked for after the answer (vacancy or training), or
    None."""
    _first, _, rest = nlu.as_typed(text).strip().partition(" ")
    if not rest or not nlu.is_question(rest):
        return None
    understanding = nlu.understand(rest, today)
    if understanding.confidence < CONFIDENT:
        return None
    return {"seek_job": "vacancy", "seek_training": "training"}.get(understanding.intent)


# 现在一天200, 一个月七千了: the pay alone, said first (the rest is read as changes_beside reads it).
_PAY_ALONE = re.compile(r"(?:现在|目前|如今|这阵子?|最近)?(?:工资|工钱)?(?:是|涨到|涨了|降到|变成|改成)?了?"
                        r"(?:一天|每天|一个月|每个?月|一月)")
# A new boss's name at its question: 王, 王老板, 王总 (not 不知道, 没问).
_BOSS_ALONE = re.compile(r"^(?:他|她|新老板)?(?:姓|叫)?([\u4e00-\u9fff])(?:老板|总|哥|姐)?(?:吧|呢|啊)?$")


def _boss_name(text: str) -> str | None:
    found = _BOSS_ALONE.match(forms.squash(text))
    return f"{found.group(1)}老板" if found is not None and found.group(1) not in "不没那这" else None


# 歇着, 在家养, 住院, 请假, 没去上班: off work for it (a pain said beside 在干 is not).
_OFF_WORK = re.compile(r"歇|休息|在家|住院|请了?[^,，。\s]{0,3}假|养着|养伤|没去|没上班|干不了|不能干|上不了班")
# 干着呢, 在干, 还在上班 said first, alone in its part (在工地上摔了 is where it happened, no answer).
_AT_WORK_FIRST = re.compile(
    r"(?:我|俺)?(?:还|一直|照常|照样)?(?:在干|干着|在上班|上着班|在|在做|做着)(?:呢|的|着|啊|嘞)*")
# 不在了, 没在那干了, 早不在那了: no longer at that job, said first (the rest says why or what now).
_NO_LONGER_THERE = re.compile(
    r"(?:我|俺)?(?:早就?|已经|现在)?(?:不在|没在)(?:那|那里|那儿|那边|厂里|那个厂|那干|那里干|那儿干)?(?:干|做)?(?:了|啦)[\s,，。]")


# An option's number with words after it (2 上个月走的, 3去了隔壁厂); a day, a count or an amount is none (3号就没去了
# was "changed_job", option 3).
_NUMBER_THEN_WORDS = re.compile(r"([1-3])(?!\s*[号日月天个点年岁块千百万元多])\s*[.、,，:：]?\s*([^\d\s.].*)")
# What the words may not say beside the option picked (3 去了隔壁厂 read as in post: the option stands); an option
# not listed stands against every other option's answer.
_AGAINST: dict[str, tuple[str, ...]] = {
    "still_employed": ("job_lost", "changed_job"),
    "job_lost": ("still_employed", "changed_job"),
    "changed_job": ("still_employed", "job_lost", "on_hold", "ending", "leaving", "at_home", "left_for_home"),
}
# 没在贵阳了, 不在那个厂干了, then what they do now (回来了 在县城跟人家装空调).
_PLACE_LEFT = re.compile(
    r"(?:我|俺)?(?:早就?|已经|现在)?(?:不在|没在)[\u4e00-\u9fff]{0,8}?(?:干|做)?(?:了|啦)"
    r"(?:(?:我|俺)?(?:已经)?(?:回来|回家|回老家|回去)了)?(?P<rest>.+)")


def _read_status(ci: JsonDict, text: str, understanding: nlu.Understanding, today: date) -> str | None:
    status = str(ci.get("status") or "employed")
    if (rest := _besides_death(ci, text)) != text:
        if not rest:
            return None  # 婆子走了 and nothing more: no answer yet (they are asked, gently)
        text, understanding = rest, nlu.understand(rest, today)
    spring_season = ci.get("kind") == "spring_return" or ci.get("season") == "spring"
    if status == "employed" and (left := _PLACE_LEFT.match(forms.squash(nlu.normalize(text)))) and (
            rest := left.group("rest")) and nlu.understand(rest, today).status in ("employed", "changed_job"):
        # 我现在没在贵阳了 回来了 在县城跟人家装空调: the place left, work now elsewhere (it was in post, or the
        # registration when typed without spaces)
        return "changed_job"
    if status == "employed" and (said_so := _NO_LONGER_THERE.match(nlu.as_typed(text).strip())) and (
            rest := nlu.as_typed(text).strip()[said_so.end():].strip(" ,，。")):
        # 不在了 回老家了 在家照顾老人, 没在那干了 老人病了回来照顾: read as 不干了 is, with what follows (both were
        # "没太明白", or "您安心休养" for someone else's illness).
        text = f"不干了 {rest}"
        understanding = nlu.understand(text, today)
    if status == "employed" and on_maternity_leave(text):
        return "maternity_leave"  # 休产假了 (it was "没太明白, 请回复数字")
    if status == "employed" and own_business(text) and not job_ended(text):
        return "changed_job"  # 我回老家开了个小卖部: work of their own (it was "没太明白, 请回复数字")
    if status == "employed" and new_job_found(text) and not nlu.about_someone_else(text):
        return "changed_job"  # 我今年不去贵阳了 在我们县城里找了个活在做 (it was still there, the wages question next)
    if status == "employed" and transferred(text):
        return "transferred"  # 我被调到另一个工地了: the same job elsewhere (it was a job changed)
    if status == "employed" and ci.get("held") and _SAME_AS_BEFORE.match(forms.squash(text)) and not job_ended(text):
        return "on_hold"  # 还是那样 a week after 活少了 (it was "没太明白, 请回复数字")
    if status == "employed" and leaving(text, today) is not None:
        return "leaving"  # 下个月就走, 还在这干 不过下个月干完就不干了: in post, leaving then (it was "没太明白")
    if status == "employed" and (said := english_answer(text, held=bool(ci.get("held")), spring=bool(
            spring_season or ci.get("away")))) is not None and parse_status(text, understanding, status) != "job_lost":
        return said  # less work lately, still the same, I'm back, the boss hasn't paid me (it was "please reply …")
    if status == "employed" and text.isascii() and at_home(text):
        return "at_home"  # I went home (the en locale): the home question, as for 回老家了 (it was "please reply …")
    if spring_season and status == "employed" and at_home(text, spring=True) and not at_home(text):
        return "at_home"  # 没回: not back yet, or not going back? (asked once; it was a return still to come)
    if (spring_season or ci.get("away")) and status == "employed" and left_for_home(text):
        return "left_for_home"  # 回来了 不出去了 在家种地 after the festival: work wanted? (it was the registration)
    if (spring_season or ci.get("away")) and status == "employed" and (spring := parse_spring_return(text)):
        return spring
    if status == "employed" and looking_now(text):
        return "wants_out"  # 在找活: lost it and looking, or looking while there? (it was a search, the check-in open)
    if status == "employed" and few_days_off(text):
        return "still_employed"  # 休息几天: a few days off (it was "没太明白")
    if status == "employed" and not spring_season and leave_unsaid(text):
        # 厂里放假了, far from the New Year's leave: with pay, or a stop without it? (it was on_hold, unasked) Still
        # off at the week's recheck: held at risk, not asked again.
        if festival_eve(today) - today <= NEW_YEAR_LEAVE_AHEAD:
            return "new_year_leave"
        return "on_hold" if int(ci.get("recheck") or 0) > 0 else "leave_unsaid"
    if status == "unemployed" and _festival_ahead(ci, today) and promised_after_festival(text):
        return "job_promised"  # 过完年去厂里: work promised after the festival (it was a job found, last spring)
    if status == "unemployed" and promised_later(text):
        return "job_promised_later"  # 下个月开工 让我到时候去 (it was a job found: the case closed)
    if status == "unemployed" and _festival_ahead(ci, today) and plans_after_festival(text):
        # 过完年去, 年后去广东: still looking, going out after the festival (it was "没太明白"; 过完年出去打工 was a job
        # found, started "2026年3月")
        return "festival_plan"
    if status == "unemployed" and (casual := odd_jobs(text)):
        return casual  # 打零工: no job found (it closed the case); 零工都找不到: still looking (it was a job found)
    if status == "employed" and leaves_at_festival(text):
        return "ending"  # 过了年不去了 在家门口找点活: in post until the festival (it ran a job search)
    if status == "employed" and left_for_age(text):
        return "left_for_age"  # 年纪大了 干不动了 回家了 (it asked whether the job was kept, as for sick leave)
    if status == "employed" and work_ends(text, today) is not None:
        # 干到年底厂子就关了: the job lost on that day (the registration takes it as the last day); 先做到年底再说:
        # in post, the end expected and asked after (it was "still_employed" both, the end lost).
        # (下个月工地就完工了: too far ahead to register now; in post until then, asked after)
        return "job_lost" if closing_then(text) and ends_ahead(text, today) is not None else "ending"
    if status == "employed" and left_for_health(text):
        return "left_unwell"
    if status == "employed" and (then := home_then(text)) and names_festival(then) and wish_beside(then, today):
        # 回老家了 过完年再出去找活: a plan, the old job not said given up: asked (it was the registration)
        return "at_home"
    if status == "employed" and home_then(text) and wish_beside(text, today):
        return "job_lost"  # 回老家了 想在家附近找个活: the job given up, work wanted near home (it was read as in post)
    if status == "employed" and left_for_home(text):
        return "left_for_home"  # 辞了 回家带孩子: work wanted, or not? (it went straight to the registration)
    if status == "employed" and hurt_or_ill_self(text) and not _OFF_WORK.search(forms.squash(text)) and (
            _AT_WORK_FIRST.fullmatch(nlu.as_typed(text).strip().partition(" ")[0])):
        return "still_employed"  # 干着呢 就是腰疼: at work, and in pain (it was "您安心休养。这份工作还给您留着吗?")
    if status == "employed" and hurt_or_ill_self(text) and let_go(text) and not nlu.about_someone_else(text):
        return "let_go_unwell"  # 受伤了老板就不要我了: a job lost and a rights matter (it was "没太明白, 请回复数字")
    if status == "employed" and hurt_or_ill_self(text) and says_unwell(text, understanding) == "self":
        return "unwell"  # 腿还没好 还在家养着 包工头说年后再看: their health first (it was work paused, on_hold)
    if status == "employed" and (held := parse_on_hold(text)):
        return held
    if status == "employed" and (who := says_unwell(text, understanding)):
        return "unwell" if who == "self" else "unwell_family"
    if status == "employed" and wants_out(text):
        return "wants_out"  # 不想再干了: asked which (left, or means to)
    first, _, rest = nlu.as_typed(text).strip().partition(" ")
    if status == "employed" and rest and _LEFT_FIRST.fullmatch(forms.squash(first)) and (
            understanding.intent == "seek_job" or nlu.about_someone_else(rest) is False):
        return "job_lost"  # 没去了 在家这边找点活: the job over, then the work wished (it ran a search, unanswered)
    if status == "employed" and rest and (
        rights_told(rest, nlu.understand(rest, today)) or rights_fine_told(rest)
    ) and parse_status(first, nlu.understand(first, today), status) == "still_employed":
        return "still_employed"  # 在的 老板还欠我两千: in post, then the wages (it was "没太明白, 请回复数字")
    if status == "unemployed" and older_not_hired(text):
        return "still_looking"  # 60多了 人家不要 while looking: nothing found, for their age (it was "没太明白")
    if status == "employed" and older_not_hired(text) and not _AT_WORK_FIRST.fullmatch(
            nlu.as_typed(text).strip().partition(" ")[0]):
        return "job_lost"  # 60多了 人家不要: let go for their age (it was "没太明白, 请回复数字")
    if status == "employed" and idle_said(text):
        return "idle"  # 耍起的, 在耍: a day off, or out of work? asked (it went straight to the registration)
    if status == "unemployed" and caring_yet_looking(text) and not nlu.about_someone_else(text):
        return "still_looking"  # 在家带孩子 想找个附近的活: looking, near home (it was "not looking": 不找了 said back)
    if status == "unemployed" and caring_now(text) and understanding.status != "employed":
        return "unable_now"  # 要照顾老人 出不去 while looking: caring, unable now (it was not looking, nothing changed)
    answer = parse_status(text, understanding, status)
    if answer is None and status == "unemployed" and hurt_or_ill_self(text) and (
            says_unwell(text, understanding) == "self"):
        return "unable_now"  # 生病了 找不了 while looking: unable for now, as 腰疼 干不了活 is (it was "没太明白")
    if answer is None and status == "employed" and rights_told(text, understanding) and not (
            nlu.about_someone_else(text)):
        # 工资还没发: there still, the wages owed; 老板跑路了 工资没给, 老板不给钱 我走了: gone, the wages owed (both
        # were "没太明白, 请回复数字"; the wages are reported beside the job lost)
        return "job_lost" if job_ended(text) or _GONE_BESIDE.search(forms.squash(text)) else "still_employed"
    if answer is None and status == "employed" and (bare := without_day(text)) != text and parse_status(
            bare, nlu.understand(bare, today), status) == "job_lost":
        return "job_lost"  # 走了 上个月底, 上个月二十号就走了 (it was "没太明白, 请回复数字"; 走了 alone was the loss)
    if answer is None and status == "employed" and home_then(text) is not None:
        return "at_home"  # 回老家了, 在家种地, 在家带孩子, 回家了 过段时间再出去 (it was "没太明白")
    if answer == "not_looking" and willing_when_not_looking(text) == "no" and (
            _CARING_AT_HOME.search(forms.squash(text))):
        # 不想找了 在家带娃: out of the labour market for the family (没找 在家带娃 is busy for now: not looking)
        return "caring"
    return answer


def _besides_death(ci: JsonDict, text: str) -> str:
    """At the check-in of someone unable to work, what a message says besides a death in the family (婆子走了
    现在能出去了: 现在能出去了; its 走了 was read as a job changed, "知道了, 您换了工作"): the condolence is the
    engine's, the answer is the rest ("" when nothing else is said). Elsewhere, the text as it is."""
    if ci.get("status") != "unable" or not nlu.tells_bereavement(text):
        return text
    return " ".join(part for part in re.split(r"[\s,，。;；!！]+", text) if part and not nlu.tells_bereavement(part))


# 还是那样, 老样子, 没啥变化 at the recheck of work held at risk: still so.
_SAME_AS_BEFORE = re.compile(r"^(?:还是|还|也)?(?:那样|那个样|老样子|一样|差不多|没(?:啥|什么)?变(?:化)?)|"
                             # 还是没活 在家等着, 还在等 a week after 先回家 (it was "没太明白, 请回复数字")
                             r"^(?:还是|还|也|都)?(?:没(?:有|啥)?活|没开工|没叫|没通知)|^(?:还|还是)?在(?:家)?等")


# Leaving said beside a wages complaint (老板不给钱 我走了).
_GONE_BESIDE = re.compile(r"(?:我|俺)(?:就|也|只好)?走(?:了|啦|人了)|(?:我|俺)(?:就|也|只好)?不干了")


# The job said over as a part of its own, first (没去了, 早就不干了, 辞了): what follows is what comes next.
_LEFT_FIRST = re.compile(r"(?:我|俺)?(?:早就|已经|好久)?(?:没|不)(?:再)?(?:去|干|做)了|(?:我|俺)?(?:已经)?辞(?:职)?了")


# Caring for family at home, said by someone out of work (在家带娃, 照顾老人).
_CARING_AT_HOME = re.compile(r"带娃|带孩子|带小孩|带孙|看孩子|看娃|照顾(?:老人|家里|孩子|娃|老的|小的|病人)")


# The Spring Festival this close ahead: home for it now is the holiday, not a return still to come.
FESTIVAL_AHEAD = timedelta(days=75)
# 厂里放假了 this close to the New Year's eve is the New Year's leave; further off, a stop to ask about.
NEW_YEAR_LEAVE_AHEAD = timedelta(days=21)


# A series put off for a plan after the Spring Festival is asked again this soon at the latest, unless that falls in
# the festival's weeks (from a week before its eve to the Lantern Festival): then after them.
PUT_OFF_AT_MOST = timedelta(days=28)


def _ask_id_once(r: StepResult, ci: JsonDict, ctx: StepContext) -> None:
    """The check-in answered and nothing else begun (no registration, no new job's questions): a form saved without
    the ID number is reminded of it in one short line (找到了直接发: the idle handler takes the number), once in
    ID_ASKED_EVERY (it was never asked again after the survey)."""
    survey = r.state.get("survey")
    if not ci.get("answered") or r.state.get("flow") is not None or not isinstance(survey, dict):
        return
    answers = survey.get("answers")
    if survey.get("phase") != "done" or not isinstance(answers, dict) or "id_number" not in answers or (
            answers["id_number"] is not None):
        return  # (put off at the survey, 身份证在我老婆那: None on the form; no key is a form made elsewhere)
    asked = _when(survey.get("id_asked_at"))
    if asked is not None and ctx.now - asked < ID_ASKED_EVERY:
        return
    survey["id_asked_at"] = ctx.now.isoformat()
    r.say("checkin.id_missing")


def _after_festival_plan(today: date) -> date:
    """When the weekly check-ins go on after 过完年去: the day after the Lantern Festival, or four weeks on when that
    comes before the festival's weeks."""
    soon = today + PUT_OFF_AT_MOST
    return soon if soon < festival_eve(today) - timedelta(days=7) else after_festival(today)


def _festival_ahead(ci: JsonDict, today: date) -> bool:
    spring_season = ci.get("kind") == "spring_return" or ci.get("season") == "spring"
    return not spring_season and festival_eve(today) - today <= FESTIVAL_AHEAD


def _recorded_status(r: StepResult) -> str | None:
    """The employment status the person's form records (None before any)."""
    answers = (r.state.get("survey") or {}).get("answers")
    status = answers.get("employment_status") if isinstance(answers, dict) else None
    return status if isinstance(status, str) else None


def _silent_long_enough(p: Mapping[str, Any], n: int, last_at: datetime, ctx: StepContext) -> bool:
    """Whether reminder `n`, counted from the last answer, falls due before the local day ends (the sweep says
    when: `day_ends_at`)."""
    days, day_ends = p.get("reminder_days"), _when(p.get("day_ends_at"))
    if not isinstance(days, list) or not 0 <= n < len(days) or not isinstance(days[n], int) or day_ends is None:
        return False
    due = last_at + timedelta(days=days[n])
    return due.tzinfo is not None and due < day_ends


def _form_day(anchor: Any, ctx: StepContext) -> str | None:
    """The day check-ins count from (the form's record, or the job's start), as the last time the wages and the
    contract were asked, when the form answered them: the first check-in two weeks on does not ask again (the
    question is monthly)."""
    try:
        day = date.fromisoformat(anchor) if isinstance(anchor, str) else None
    except ValueError:
        return None
    return datetime.combine(day, time(), tzinfo=ctx.now.tzinfo).isoformat() if day is not None else None


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


CHECKIN = CheckinFlow()
__all__ = ["CHECKIN", "CheckinFlow"]
