"""What pushes and follow-ups do inside the unit of work: decide what a push carries, record it, plan and
finish their fires, record how an application went.

Registered on import (bot/effects.py imports this module). A push's items are decided when it is sent, from
the items' rows in this transaction: never an item the person has already seen (storage/matches.py), never
over the weekly cap, never an item closed or full since it was planned.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

# The module, not its names: bot.job_effects imported first imports bot.effects, which imports this module while
# bot.job_effects is still half-read (`from bot.job_effects import item_index` was a circular ImportError).
from bot import job_effects
from bot.effects import EffectContext, handles
from dialogs.flows.jobs import LISTED
from dialogs.matching.engine import unmet_limits
from dialogs.matching.index import OpeningIndex
from dialogs.matching.types import Scored, rules
from dialogs.types import DialogEvent
from scheduler.fires import fire_row
from scheduler.schedules import CheckinPolicy
from storage import jobs, matches
from storage.models import InfoForm, JobApplication, MatchOffer, Training, Vacancy

log = logging.getLogger(__name__)

# Someone shown a list in the chat this recently is not pushed more at the same time (job loss while talking),
# when the push does not say since when.
_JUST_SHOWN = timedelta(hours=12)
_SPARE = 3
# What an answer makes of an application: (status, outcome).
# A push a caseworker asked for (bot/casework/chat.py: 推荐 C12 WN-001).
REFERRAL = "referral"
# The reason a referred item gives when its fit was not found (bot/casework/chat.py: confirmed past its limits).
REFERRED_REASON = "jobs.referred_reason"
_OUTCOMES = {"interview": ("applied", "interview"), "hired": ("closed", "hired"), "not_hired": ("closed", "not_hired")}



def _finish(ctx: EffectContext, fire: Any, outcome: str) -> None:
    if isinstance(fire, int):
        ctx.fires.finish(fire, outcome, ctx.clock)


def _weekly_cap(ctx: EffectContext) -> int:
    return ctx.planner.policy.job_pushes_per_week if ctx.planner is not None else CheckinPolicy().job_pushes_per_week


@handles("jobs.push_items")
async def _push_items(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    """What this push carries for this person (nothing: the fire says why), recorded as a push."""
    fire, trigger = event.data.get("fire"), str(event.data.get("trigger") or "import")
    refs = [str(ref) for ref in event.data.get("refs") or ()]
    outcome, items = await _choose(ctx, trigger, refs)
    if not items:
        _finish(ctx, fire, outcome)
        return {"status": outcome, "trigger": trigger}
    await matches.record_push(ctx.session, ctx.person_id, [i["ref"] for i in items], trigger=trigger, now=ctx.now)
    _finish(ctx, fire, "sent")
    log.info("job push: %d item(s) (%s)", len(items), trigger)
    return {"status": "ok", "trigger": trigger, "items": items}


async def _choose(ctx: EffectContext, trigger: str, refs: list[str]) -> tuple[str, list[dict[str, Any]]]:
    if trigger == REFERRAL:
        return await _referred(ctx, refs)
    if not await _open_to_offers(ctx):
        return "not_looking", []
    counts = await matches.pushes_in_week(ctx.session, [ctx.person_id], ctx.now)
    if counts.get(ctx.person_id, 0) >= _weekly_cap(ctx):
        return "capped", []
    if trigger == "job_loss" and await _shown_since(ctx, ctx.payload.get("since")):
        return "not_needed", []  # a list in the conversation just now: the push would repeat it
    seeker = await matches.load_seeker(ctx.session, ctx.cipher, ctx.person_id)
    if seeker is None:
        return "no_profile", []
    seen = (await matches.offered(ctx.session, [ctx.person_id])).get(ctx.person_id, set())
    if refs:
        rows = await jobs.items_by_ref(ctx.session, [r for r in refs if r not in seen])
        index = OpeningIndex(jobs.as_opening(row) for row in rows.values())
    else:
        index, _board = await job_effects.item_index(ctx)
    minimum = rules().push_min_score
    ranked: list[Scored] = [s for s in index.top(seeker, ctx.today, LISTED + _SPARE, exclude=seen)
                            if s.score >= minimum]
    found = await jobs.items_by_ref(ctx.session, [s.opening.ref for s in ranked])
    items: list[dict[str, Any]] = []
    for scored in ranked:
        row = found.get(scored.opening.ref)
        if row is not None and jobs.is_live(row, ctx.today) and jobs.has_place(row) and len(items) < LISTED:
            items.append(jobs.details(row) | job_effects.shown_with(seeker, scored))
    return ("sent" if items else "nothing_new"), items


async def _referred(ctx: EffectContext, refs: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """A caseworker's referral (推荐 C12 WN-001): the vacancy named, whatever the weekly cap, the score or what the
    person has seen (the caseworker chose it for them); never one closed or full since."""
    seeker = await matches.load_seeker(ctx.session, ctx.cipher, ctx.person_id)
    found = await jobs.items_by_ref(ctx.session, refs)
    items: list[dict[str, Any]] = []
    for row in found.values():
        if not (jobs.is_live(row, ctx.today) and jobs.has_place(row)):
            continue
        opening = jobs.as_opening(row)
        unmet, checked = unmet_limits(seeker, opening, ctx.today)
        scored = OpeningIndex([opening]).top(seeker, ctx.today, 1) if seeker is not None else []
        if seeker is not None and scored and checked and not unmet:
            items.append(jobs.details(row) | job_effects.shown_with(seeker, scored[0]))
        else:
            # Referred on purpose past its limits (or with nothing to check them on): the caseworker's choice,
            # never "符合您的条件".
            items.append(jobs.details(row) | {"reasons": [{"key": REFERRED_REASON, "params": {}}]})
    return ("sent" if items else "nothing_new"), items[:LISTED]


async def _open_to_offers(ctx: EffectContext) -> bool:
    """Unemployed and not saying they do not want work, as the push was planned for (storage/matches.py): someone
    who since became unable to work (病了, 在家照顾老人), found work or said 不想找了 is pushed nothing; they may
    still ask for a list."""
    row = (await ctx.session.execute(
        select(InfoForm.employment_status, InfoForm.data).where(InfoForm.person_id == ctx.person_id))).first()
    if row is None:
        return True  # no form to say otherwise (the look-up then finds nothing to match on)
    status, data = row
    return status == "unemployed" and (data or {}).get("willing_to_work") != "no"


async def _shown_since(ctx: EffectContext, since: Any) -> bool:
    """Items were shown in the chat since the push was planned (or lately, when the plan does not say)."""
    try:
        start = datetime.fromisoformat(str(since))
    except ValueError:
        start = ctx.now - _JUST_SHOWN
    return await ctx.session.scalar(
        select(MatchOffer.person_id).where(MatchOffer.person_id == ctx.person_id, MatchOffer.via == "chat",
                                           MatchOffer.first_at >= start).limit(1)
    ) is not None


@handles("due_work_done")
async def _due_work_done(ctx: EffectContext, event: DialogEvent) -> None:
    _finish(ctx, event.data.get("fire"), str(event.data.get("outcome") or "done"))


@handles("due_work_postponed")
async def _due_work_postponed(ctx: EffectContext, event: DialogEvent) -> None:
    """Busy in another dialog: the same work tomorrow when sending opens (the payload counts how often)."""
    _finish(ctx, event.data.get("fire"), "postponed")
    if ctx.planner is None:
        return
    tomorrow = ctx.planner.today(ctx.now) + timedelta(days=1)
    keep = {k: ctx.payload[k] for k in ("trigger", "refs", "since") if k in ctx.payload}
    data = keep | {"postponed": int(ctx.payload.get("postponed") or 0) + 1}
    ctx.fires.plan(fire_row(ctx.person_id, str(event.data.get("work")), tomorrow,
                            ctx.planner.calendar.day_start(tomorrow, ctx.person_id), ctx.now, data))


@handles("job_search_started")
async def _job_search_started(ctx: EffectContext, event: DialogEvent) -> None:
    """Looking for work from now: the matching vacancies at once (a push, unless the conversation showed them)."""
    if ctx.planner is not None:
        data = {"trigger": "job_loss", "since": ctx.now.isoformat()}
        ctx.fires.plan(ctx.planner.job_push(ctx.person_id, ctx.now, ctx.now, data))


@handles("application_made")
async def _plan_follow_up(ctx: EffectContext, event: DialogEvent) -> None:
    """Seven days on, the person is asked how it went."""
    if ctx.planner is not None:
        ctx.fires.plan(ctx.planner.follow_up(ctx.person_id, ctx.now + jobs.FOLLOW_UP_AFTER, ctx.now))


@handles("follow_up.applications")
async def _applications(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    """The person's applications due for a follow-up, marked as followed up (asked once)."""
    rows = list(await ctx.session.execute(
        select(JobApplication, Vacancy, Training)
        .outerjoin(Vacancy, Vacancy.id == JobApplication.vacancy_id)
        .outerjoin(Training, Training.id == JobApplication.training_id)
        .where(JobApplication.person_id == ctx.person_id, JobApplication.followed_up_at.is_(None),
               JobApplication.status == "applied", JobApplication.outcome.is_(None),
               JobApplication.follow_up_at <= ctx.now)
        .order_by(JobApplication.id)
    ))
    waiting: list[dict[str, Any]] = []
    for application, vacancy, training in rows:
        application.followed_up_at = ctx.now
        if vacancy is not None:
            waiting.append({"id": application.id, "item": "vacancy", "title": vacancy.title,
                            "employer": vacancy.employer, "job_type": vacancy.job_type,
                            "division": vacancy.division})
        elif training is not None:
            waiting.append({"id": application.id, "item": "training", "title": training.title})
    _finish(ctx, event.data.get("fire"), "sent" if waiting else "not_needed")
    return {"status": "ok", "applications": waiting}


@handles("application_outcome")
async def _application_outcome(ctx: EffectContext, event: DialogEvent) -> None:
    status_outcome = _OUTCOMES.get(str(event.data.get("outcome")))
    application_id = event.data.get("application_id")
    if status_outcome is None or not isinstance(application_id, int):
        return
    status, outcome = status_outcome
    await ctx.session.execute(
        update(JobApplication)
        .where(JobApplication.id == application_id, JobApplication.person_id == ctx.person_id)
        .values(status=status, outcome=outcome, outcome_at=ctx.now, updated_at=ctx.now)
        .execution_options(synchronize_session=False)
    )
