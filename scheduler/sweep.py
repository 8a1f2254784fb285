"""The due-work sweep: what is due at `now` is claimed, held back when pushing is not allowed, and handed to
the dialog pipeline as synthetic inbounds (transport "internal"), many at a time; planning fills the gaps.

It imports nothing from `bot/`: the app (or `jiuye scheduler run-due`) hands it a way to submit inbounds and
the casework hooks. Guarantees, and how:
- nothing sent twice: a fire's inbound carries the de-duplication key `fire:<id>` (storage's unique index),
  and the fire is marked done in the same transaction as the state change and the outbox row;
- nothing skipped: a claim that dies is recovered (due again); work held back stays due at a later time;
  work missed while the service was down is simply overdue, and goes out on the next sweep;
- every outcome recorded on the fire row (sent, not_needed, superseded, opted_out, …).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.types import Inbound
from scheduler import fires as repo
from scheduler.fires import Fire
from scheduler.job_pushes import ItemPushes
from scheduler.planning import Planner
from scheduler.schedules import (
    CHECKIN,
    FOLLOW_UP,
    JOB_PUSH,
    REMINDER,
    SPRING_RETURN,
    SURVEY_REMINDER,
    VISIT,
    anchor_for,
)
from storage import prepared
from storage.db import CLOCK_NOW
from storage.models import (
    ChannelAccount,
    InboundMessage,
    InfoForm,
    OutboxMessage,
    Person,
    PreparedCheckin,
    ScheduledFire,
)

log = logging.getLogger(__name__)

CLAIM_BATCH = 1000
CLAIM_FOR = timedelta(minutes=10)
RETRY_AFTER = timedelta(minutes=2)
PLAN_CHUNK = 2000
# The synthetic event each kind of work becomes (dialogs/flows/checkin, dialogs/flows/jobs.py and
# dialogs/flows/follow_up handle them).
EVENTS = {
    CHECKIN: "checkin.due",
    SPRING_RETURN: "checkin.due",
    REMINDER: "checkin.reminder",
    VISIT: "checkin.no_answer",
    SURVEY_REMINDER: "checkin.survey_reminder",
    JOB_PUSH: "jobs.push",
    FOLLOW_UP: "follow_up.due",
}
PUSHES = frozenset({CHECKIN, SPRING_RETURN, REMINDER, SURVEY_REMINDER, JOB_PUSH, FOLLOW_UP})
# (the rights answers: a check-in does not ask again within a month of a form that answered them)
FORM_FIELDS = ("employer", "work_place", "work_division", "started", "employment_form", "contract_signed",
               "social_insurance", "wages_on_time")

Submit = Callable[[Sequence[Inbound]], Awaitable[list[BaseException | None]]]
# Check-ins prepared ahead (bot/prepared_checkins.py): (fire id, inbound, the fire's digest, the person's facts
# version read before the facts) and the clock's time -> the fire ids prepared.
PrepareWork = tuple[int, Inbound, str, int]
Prepare = Callable[[Sequence[PrepareWork], datetime], Awaitable[set[int]]]
# A prepared check-in is released only within this long after the time it was computed for (its dialog time:
# the state's and the plans' times are that time's); later, it takes the full path.
RELEASE_WITHIN = timedelta(hours=2)
PREPARE_CHUNK = 250  # a chunk's unit of work holds SQLite's write lock (rolled back after)


class CaseworkHooks(Protocol):
    """What the sweep needs from casework (bot/ wires it; part A of issue 11)."""

    async def open_cases(self, session: AsyncSession, person_ids: Sequence[int]) -> set[int]: ...

    async def after_sweep(self, session: AsyncSession, now: datetime) -> int:
        """Escalate tasks past due; the number escalated."""
        ...


class NoCasework:
    async def open_cases(self, session: AsyncSession, person_ids: Sequence[int]) -> set[int]:
        return set()

    async def after_sweep(self, session: AsyncSession, now: datetime) -> int:
        return 0


@dataclass(slots=True)
class SweepReport:
    """Counts only (never who): `kind outcome` -> n."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[f"{kind} {outcome}"] += n

    def lines(self) -> list[str]:
        return [f"{key}: {n}" for key, n in sorted(self.counts.items())]


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the sweep reads about the people of a batch to build their inbounds."""

    forms: dict[int, tuple[str | None, dict[str, Any]]]
    channels: dict[int, set[str]]
    opted_out: set[int]
    simulated: set[int]
    checkin_channel: dict[tuple[int, str], str]
    # When each person last wrote (on any channel): whether a dialog they left is one they are still in.
    last_wrote: dict[int, datetime] = field(default_factory=dict)
    # person.facts_version, read before the facts above (a write after it moves it on: migration 0015).
    versions: dict[int, int] = field(default_factory=dict)
    # Their data was erased (bot/erasure.py): none of their work is done.
    erased: set[int] = field(default_factory=set)


class DueWork:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        planner: Planner,
        submit: Submit,
        *,
        casework: CaseworkHooks | None = None,
        pushes: ItemPushes | None = None,
        batch: int = CLAIM_BATCH,
        prepare: Prepare | None = None,
        prepare_within: timedelta = timedelta(0),
        wake: Callable[[], None] | None = None,
    ) -> None:
        self._sessions = sessions
        # Check-ins due within `prepare_within` are prepared by each sweep (none when zero or no `prepare`).
        self._prepare = prepare
        self.prepare_within = prepare_within
        self._prepared_skip: set[int] = set()  # fires found not preparable (not tried again by this process)
        # The outbox worker, woken when released check-ins queued their pushes (the dispatcher does it otherwise).
        self._wake = wake
        self.planner = planner
        self._submit = submit
        self._casework = casework or NoCasework()
        # Pushes of new vacancies and trainings, and follow-ups of applications (None: not planned here).
        self.pushes = pushes
        self.batch = batch
        self._spring_planned: set[int] = set()
        self._spring_windows: dict[int, tuple[date, date]] = {}
        self._planned_on: date | None = None
        self._clock: Callable[[], datetime] | None = None
        self._stopping = False
        self._running: asyncio.Task[Any] | None = None

    # -- inside `jiuye serve` ------------------------------------------------------------------------

    def use_clock(self, now: Callable[[], datetime]) -> None:
        self._clock = now

    async def tick(self) -> None:
        """One sweep at the clock's time; planning once per local day. Errors are logged, never raised: the
        next tick tries again (nothing is lost: the work stays due)."""
        if self._stopping or self._clock is None or (self._running is not None and not self._running.done()):
            return  # a sweep longer than the interval: this tick has nothing to add
        now = self._clock()
        today = self.planner.today(now)
        plan = self._planned_on != today
        self._running = asyncio.current_task()
        try:
            report = await self.run_due(now, plan=plan, clock_now=self._clock)
        except Exception as exc:
            log.error("due work: sweep failed (%s); the work stays due and the next tick tries again",
                      type(exc).__name__)
            return
        finally:
            self._running = None
        if plan:
            self._planned_on = today
        if report.counts:
            log.info("due work: %s", "; ".join(report.lines()))

    async def stop(self, grace: float = 12.0) -> None:
        """Claim nothing more; a batch under way finishes (its unclaimed rows stay due)."""
        self._stopping = True
        running = self._running
        if running is not None and not running.done():
            try:
                await asyncio.wait_for(asyncio.shield(running), grace)
            except (TimeoutError, Exception):  # noqa: S110 - logged by the tick itself
                pass

    # -- the whole run -----------------------------------------------------------------------------

    async def run_due(self, now: datetime, *, plan: bool = True, clock_now: Callable[[], datetime] | None = None,
                      ) -> SweepReport:
        """Everything due at `now` (dialog time). `clock_now` is the real time, for claims (defaults to `now`)."""
        report = SweepReport()
        real = clock_now or (lambda: now)
        async with self._sessions() as session, session.begin():
            recovered = await repo.recover_expired(session, real())
        report.add("claims", "recovered", recovered)
        if plan:
            await self.plan(now, report)
        await self._plan_new_items(now, report)
        # Two batches in flight: the next is claimed and read while the dialog pipeline works on the last.
        previous: asyncio.Task[None] | None = None
        try:
            while not self._stopping:
                async with self._sessions() as session, session.begin():
                    claimed = await repo.claim_due(session, now, self.batch, real() + CLAIM_FOR)
                if not claimed:
                    if previous is None:
                        break
                    # The batch under way may plan more work due now (a reminder moved to its new time).
                    await previous
                    previous = None
                    continue
                current = asyncio.create_task(self._handle(claimed, now, real, report))
                if previous is not None:
                    await previous
                previous = current
        finally:
            if previous is not None:
                await previous
        if self._prepare is not None and self.prepare_within > timedelta(0) and not self._stopping:
            await self.prepare_due_soon(now, self.prepare_within, report, clock_now=real)
        async with self._sessions() as session, session.begin():
            # The alerts it raises are due at once, even when `now` is played time ahead of the clock.
            session.info[CLOCK_NOW] = real()
            report.add("tasks", "escalated", await self._casework.after_sweep(session, now))
        return report

    async def _handle(self, claimed: Sequence[Fire], now: datetime, real: Callable[[], datetime],
                      report: SweepReport) -> None:
        calendar = self.planner.calendar
        may_push = calendar.may_push(now)
        if may_push:
            # Check-ins prepared ahead whose reads still hold go first, set-based and without reading the facts:
            # the versions checked in SQL stand for them.
            claimed = await self._release(claimed, now, real, report)
            if not claimed:
                return
        async with self._sessions() as session:
            facts = await self._facts(session, claimed)
            open_cases = await self._casework.open_cases(
                session, [f.person_id for f in claimed if f.kind == CHECKIN and f.data.get("status") == "unemployed"]
            )
        deferred: list[tuple[int, datetime]] = []
        finished: dict[str, list[int]] = {}
        replans: list[dict[str, Any]] = []
        ready: list[tuple[Fire, Inbound]] = []
        for fire in claimed:
            status, form = facts.forms.get(fire.person_id, (None, {}))
            if fire.person_id in facts.erased:
                # Their data was erased (bot/erasure.py deletes their fires; one planned since is never done).
                finished.setdefault("erased", []).append(fire.id)
                continue
            if fire.kind in PUSHES and fire.person_id in facts.opted_out:
                finished.setdefault("opted_out", []).append(fire.id)
                continue
            if fire.kind == CHECKIN and (fire.data.get("status") != status or (
                    status == "unemployed" and fire.person_id not in open_cases)):
                # Planned for another status (RapidPro's stale fire): not sent; the current status plans anew.
                finished.setdefault("superseded", []).append(fire.id)
                row = self.planner.checkin(fire.person_id, status, self.planner.today(now),
                                           self.planner.today(now), now,
                                           open_case=fire.person_id in open_cases)
                if row is not None:
                    replans.append(row)
                continue
            if fire.kind in PUSHES and not may_push:
                deferred.append((fire.id, calendar.push_time(now, fire.person_id)))
                continue
            ready.append((fire, self._inbound(fire, status, form, facts, now)))
        kinds = {f.id: f.kind for f in claimed}
        async with self._sessions() as session, session.begin():
            await repo.release(session, deferred, deferred=True)
            for outcome, ids in finished.items():
                await repo.finish_claimed(session, ids, outcome, real())
                # Not sent (opted out, planned for another status): what was prepared for them goes too.
                await prepared.forget(session, [i for i in ids if kinds[i] == CHECKIN])
            await repo.add_fires(session, replans)
        for fire_id, _at in deferred:
            report.add(kinds[fire_id], "deferred")
        for outcome, ids in finished.items():
            for fire_id in ids:
                report.add(kinds[fire_id], outcome)
        if not ready:
            return
        results = await self._submit([inbound for _fire, inbound in ready])
        # Not again in this run (a simulated `now` may lie ahead of the clock): a database that is down stays
        # down for a while.
        retry_at = max(now, real()) + RETRY_AFTER
        failed = [(fire.id, retry_at) for (fire, _), error in zip(ready, results, strict=True) if error is not None]
        handled = [fire.id for (fire, _), error in zip(ready, results, strict=True) if error is None]
        async with self._sessions() as session, session.begin():
            await repo.release(session, failed, deferred=False)
            # The unit of work records each fire's outcome; one left claimed would be a dialog that forgot.
            await repo.finish_claimed(session, handled, "handled", real())
        if failed:
            log.warning("due work: %d item(s) not processed (database unavailable?); retried later", len(failed))
        for (fire, _), error in zip(ready, results, strict=True):
            report.add(fire.kind, "failed" if error is not None else "submitted")

    async def _release(self, claimed: Sequence[Fire], now: datetime, real: Callable[[], datetime],
                       report: SweepReport) -> Sequence[Fire]:
        """Check-ins prepared ahead whose reads still hold (the conversation's and the person's facts versions,
        the fire's digest, the time: storage/prepared.py) are applied set-based; the rest (and any check-in not
        prepared) go on to the full path, returned."""
        people = Counter(fire.person_id for fire in claimed)
        # Fires claimed on SQLite share one data object per distinct text (scheduler/fires.py): one digest each
        # (the objects are alive meanwhile, so an id is not reused).
        digests: dict[tuple[str, date, int], str] = {}

        def digest(fire: Fire) -> str:
            key = (fire.kind, fire.due_date, id(fire.data))
            if key not in digests:
                digests[key] = self.fire_digest(fire)
            return digests[key]

        # Someone with two pieces of work in the batch takes the full path (their preparation is thrown away).
        candidates = {fire.id: digest(fire) if people[fire.person_id] == 1 else None
                      for fire in claimed if fire.kind == CHECKIN}
        if not candidates:
            return claimed
        calendar = self.planner.calendar
        async with self._sessions() as session, session.begin():
            released = await prepared.release(session, candidates, at=now, now=real(), within=RELEASE_WITHIN,
                                              local_day=lambda moment: calendar.local(moment).date())
        if not released:
            return claimed
        report.add(CHECKIN, "released", len(released))
        if self._wake is not None:
            self._wake()
        return [fire for fire in claimed if fire.id not in released]

    def fire_digest(self, fire: Fire) -> str:
        """What a check-in's dialog step reads from the fire and the settings (the facts are tied by version)."""
        facts = [fire.kind, fire.due_date.isoformat(), fire.data, self.planner.policy.rights_every.days]
        encoded = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str).encode()
        return hashlib.blake2b(encoded, digest_size=16).hexdigest()

    # -- preparing ahead ----------------------------------------------------------------------------

    async def prepare_due_soon(self, now: datetime, within: timedelta, report: SweepReport, *,
                               clock_now: Callable[[], datetime] | None = None) -> int:
        """Prepare the check-ins due after `now` and within `within` that are not prepared yet, each as of the
        time it will go out (its due time, or when the quiet hours or the holiday it falls in end). A check-in
        that cannot be prepared is simply not: it takes the full path when due."""
        if self._prepare is None:
            return 0
        real = clock_now or (lambda: now)
        calendar = self.planner.calendar
        async with self._sessions() as session, session.begin():
            await prepared.forget_finished(session)
        after, total = 0, 0
        while not self._stopping:
            async with self._sessions() as session:
                rows = list(await session.execute(
                    select(ScheduledFire.id, ScheduledFire.person_id, ScheduledFire.kind, ScheduledFire.due_date,
                           ScheduledFire.due_at, ScheduledFire.attempts, ScheduledFire.data)
                    .where(ScheduledFire.id > after, ScheduledFire.kind == CHECKIN, ScheduledFire.status == repo.DUE,
                           ScheduledFire.due_at > now, ScheduledFire.due_at <= now + within,
                           ~exists().where(PreparedCheckin.fire_id == ScheduledFire.id))
                    .order_by(ScheduledFire.id).limit(PREPARE_CHUNK)
                ))
                if not rows:
                    break
                after = rows[-1][0]
                fires = [Fire(*row) for row in rows if row[0] not in self._prepared_skip]
                facts = await self._facts(session, fires)
                open_cases = await self._casework.open_cases(
                    session, [f.person_id for f in fires if f.data.get("status") == "unemployed"])
            work: list[PrepareWork] = []
            seen: set[int] = set()
            for fire in fires:
                status, form = facts.forms.get(fire.person_id, (None, {}))
                if (fire.person_id in seen or fire.person_id in facts.opted_out or fire.data.get("status") != status
                        or (status == "unemployed" and fire.person_id not in open_cases)):
                    continue  # the sweep decides these when due
                seen.add(fire.person_id)
                # In the time zone of the sweep's own times: the dialog writes them into the state and plans as text.
                at = calendar.push_time(fire.due_at, fire.person_id).astimezone(now.tzinfo)
                inbound = self._inbound(fire, status, form, facts, at)
                work.append((fire.id, inbound, self.fire_digest(fire), facts.versions.get(fire.person_id, 0)))
            done = await self._prepare(work, real()) if work else set()
            self._prepared_skip |= {fire_id for fire_id, *_rest in work if fire_id not in done}
            total += len(done)
        report.add(CHECKIN, "prepared", total)
        return total

    def _inbound(self, fire: Fire, status: str | None, form: dict[str, Any], facts: _Facts, now: datetime) -> Inbound:
        channels = facts.channels.get(fire.person_id, set())
        channel = "wechat" if "wechat" in channels or not channels else "sms"
        payload: dict[str, Any] = {"fire": fire.id, "kind": fire.kind, "due_date": fire.due_date.isoformat(),
                                   "topic": fire.kind, **fire.data}
        if (wrote := facts.last_wrote.get(fire.person_id)) is not None:
            # A dialog they left days ago (a survey stopped at its summary) does not hold a check-in back.
            payload["last_wrote_at"] = wrote.isoformat()
        if fire.kind in (CHECKIN, SPRING_RETURN):
            payload |= {"status": status, **{k: form[k] for k in FORM_FIELDS if form.get(k)},
                        "rights_every_days": self.planner.policy.rights_every.days}
            if fire.kind == CHECKIN and self._in_spring_window(now):
                # A check-in asked in the weeks after the Spring Festival (one held over the holiday) is answered
                # in that season's words: 还没回去 等通知 is a return still to come.
                payload["season"] = "spring"
        elif fire.kind == REMINDER:
            payload["planned_at"] = fire.due_at.isoformat()  # a reminder caught up late is not sent (the dialog)
            went = facts.checkin_channel.get((fire.person_id, str(fire.data.get("checkin"))))
            # The reminder goes on the other channel when there is one (issue 11's ladder).
            if went == "wechat":
                payload["push_channel"] = "sms"
                channel = "sms" if "sms" in channels else channel
            elif went == "sms":
                payload["push_channel"] = "wechat"
                channel = "wechat" if "wechat" in channels else channel
        elif fire.kind == VISIT:
            payload["visit_due_at"] = (now + self.planner.policy.visit_due).isoformat()
        elif fire.kind == SURVEY_REMINDER:
            payload["reminder_days"] = list(self.planner.policy.survey_reminders.first)
            # When the local day ends: a reminder counted again from a later answer that falls before it goes now
            # (planned again, it would share this fire's (person, kind, day) key and be dropped).
            tomorrow = self.planner.today(now) + timedelta(days=1)
            payload["day_ends_at"] = datetime.combine(tomorrow, time(0, 0), tzinfo=self.planner.calendar.tz).isoformat()
        return Inbound(
            channel=channel,  # type: ignore[arg-type]
            address="",
            kind="event",
            dedup_key=repo.dedup_key(fire.id),
            received_at=now,
            event=EVENTS[fire.kind],
            transport="internal",
            payload=payload,
            person_id=fire.person_id,
            at=now,
            # A simulator user's work stays in the simulator (its inbox), never a real gateway.
            simulated=fire.person_id in facts.simulated,
        )

    async def _facts(self, session: AsyncSession, claimed: Sequence[Fire]) -> _Facts:
        ids = sorted({f.person_id for f in claimed})
        # The person rows first, with their facts version: a write to the facts read after this moves it on
        # (each statement sees at least what was committed before it, on PostgreSQL's READ COMMITTED too).
        opted_out, simulated, erased, versions = set(), set(), set(), {}
        for pid, out_at, sim, version, erased_at in await session.execute(
            select(Person.id, Person.opted_out_at, Person.simulated, Person.facts_version, Person.erased_at)
            .where(Person.id.in_(ids))
        ):
            versions[pid] = version
            if out_at is not None or erased_at is not None:
                opted_out.add(pid)
            if erased_at is not None:
                erased.add(pid)
            if sim:
                simulated.add(pid)
        forms = {
            pid: (status, data or {})
            for pid, status, data in await session.execute(
                select(InfoForm.person_id, InfoForm.employment_status, InfoForm.data).where(InfoForm.person_id.in_(ids))
            )
        }
        channels: dict[int, set[str]] = {}
        last_wrote: dict[int, datetime] = {}
        for pid, channel, unsubscribed, wrote in await session.execute(
            select(ChannelAccount.person_id, ChannelAccount.channel, ChannelAccount.unsubscribed_at,
                   ChannelAccount.last_inbound_at)
            .where(ChannelAccount.person_id.in_(ids))
        ):
            if unsubscribed is None:
                channels.setdefault(pid, set()).add(channel)
            if wrote is not None and (pid not in last_wrote or wrote > last_wrote[pid]):
                last_wrote[pid] = wrote
        if simulated:
            # A simulator user plays dated messages (`at`): when they last wrote is their last message's played
            # time, not the clock's (the account's last_inbound_at), or a survey played an hour before a
            # `run-due --now` weeks ahead would look abandoned. Real people: the account's stamp, no scan.
            for pid, played in await session.execute(
                select(InboundMessage.person_id, func.max(InboundMessage.received_at))
                .where(InboundMessage.person_id.in_(simulated),
                       InboundMessage.dedup_key.not_like(repo.DEDUP_PREFIX + "%"))
                .group_by(InboundMessage.person_id)
            ):
                if played is not None:
                    last_wrote[pid] = played
        checkin_channel: dict[tuple[int, str], str] = {}
        reminders = {(f.person_id, date.fromisoformat(str(f.data.get("checkin")))) for f in claimed
                     if f.kind == REMINDER and f.data.get("checkin")}
        if reminders:
            # How each check-in the reminders follow went out: the outbox rows of that fire's inbound.
            fire_ids = {
                repo.dedup_key(fid): (pid, due)
                for fid, pid, due in await session.execute(
                    select(ScheduledFire.id, ScheduledFire.person_id, ScheduledFire.due_date).where(
                        ScheduledFire.person_id.in_({p for p, _ in reminders}),
                        ScheduledFire.kind.in_([CHECKIN, SPRING_RETURN]),
                        ScheduledFire.due_date.in_({d for _, d in reminders}),
                    )
                )
                if (pid, due) in reminders
            }
            if fire_ids:
                rows = await session.execute(
                    select(InboundMessage.dedup_key, OutboxMessage.channel)
                    .join(OutboxMessage, OutboxMessage.inbound_id == InboundMessage.id)
                    .where(InboundMessage.channel.in_(["wechat", "sms"]), InboundMessage.dedup_key.in_(fire_ids))
                )
                for key, channel in rows:
                    pid, due = fire_ids[key]
                    if channel in ("wechat", "sms"):
                        checkin_channel[(pid, due.isoformat())] = channel
        return _Facts(forms, channels, opted_out, simulated, checkin_channel, last_wrote, versions, erased)

    # -- planning ----------------------------------------------------------------------------------

    async def plan(self, now: datetime, report: SweepReport) -> None:
        """Fill the gaps: people with a status and no check-in planned (records from before this feature, a
        lost plan), and the return-to-work checks after the Spring Festival. Streams in chunks."""
        report.add(CHECKIN, "planned", await self._plan_missing(now))
        report.add(SPRING_RETURN, "planned", await self._plan_spring(now))
        if self.pushes is not None:
            report.add(FOLLOW_UP, "planned", await self.pushes.plan_follow_ups(now))

    async def _plan_new_items(self, now: datetime, report: SweepReport) -> None:
        """Pushes of items added since the last planning (an import plans its own at once; this catches the
        rest). A failure here holds up nothing else: the items stay unplanned and the next sweep tries again."""
        if self.pushes is None:
            return
        try:
            planned = await self.pushes.plan_new_items(now)
        except Exception as exc:
            log.error("due work: planning pushes of new items failed (%s); the next sweep tries again",
                      type(exc).__name__)
            return
        report.add(JOB_PUSH, "planned", planned.counts["pushes planned"])

    async def _plan_missing(self, now: datetime) -> int:
        pending = exists().where(
            ScheduledFire.person_id == InfoForm.person_id, ScheduledFire.kind == CHECKIN,
            ScheduledFire.status.in_([repo.DUE, repo.CLAIMED]),
        )
        after, planned = 0, 0
        today = self.planner.today(now)
        while True:
            async with self._sessions() as session, session.begin():
                rows = list(await session.execute(
                    select(InfoForm.id, InfoForm.person_id, InfoForm.employment_status, InfoForm.updated_at,
                           InfoForm.data)
                    .where(InfoForm.id > after, InfoForm.employment_status.is_not(None), ~pending)
                    .order_by(InfoForm.id).limit(PLAN_CHUNK)
                ))
                if not rows:
                    return planned
                after = rows[-1][0]
                cases = await self._casework.open_cases(session, [r[1] for r in rows if r[2] == "unemployed"])
                plans = []
                for _id, pid, status, updated_at, data in rows:
                    started = (data or {}).get("started")
                    row = self.planner.checkin(
                        pid, status, _anchor(self.planner, status, updated_at, started), today - timedelta(days=1),
                        now, open_case=pid in cases,
                    )
                    if row is not None:
                        plans.append(row)
                await repo.add_fires(session, plans)
                planned += len(plans)

    def _in_spring_window(self, now: datetime) -> bool:
        today = self.planner.today(now)
        first, last = self._spring_windows.get(today.year) or self.planner.spring_window(today.year)
        self._spring_windows[today.year] = (first, last)
        return first <= today <= last

    async def _plan_spring(self, now: datetime) -> int:
        today = self.planner.today(now)
        year = today.year
        first, last = self.planner.spring_window(year)
        if year in self._spring_planned or not (first - timedelta(days=7) <= today <= last):
            return 0
        # Those recorded as working before the holiday ended: someone recorded after it needs no return check.
        before = datetime.combine(first, datetime.min.time(), tzinfo=self.planner.calendar.tz)
        after, planned = 0, 0
        while True:
            async with self._sessions() as session, session.begin():
                rows = list(await session.execute(
                    select(InfoForm.id, InfoForm.person_id)
                    .where(InfoForm.id > after, InfoForm.employment_status == "employed", InfoForm.updated_at < before)
                    .order_by(InfoForm.id).limit(PLAN_CHUNK)
                ))
                if not rows:
                    break
                after = rows[-1][0]
                await repo.add_fires(session, [self.planner.spring_return(pid, year, now) for _id, pid in rows])
                planned += len(rows)
        self._spring_planned.add(year)
        return planned


def _anchor(planner: Planner, status: str | None, updated_at: datetime, started: Any) -> date:
    return anchor_for(status, planner.today(updated_at), started if isinstance(started, str) else None)


async def gather_submit(submit_one: Callable[[Inbound], Awaitable[Any]], inbounds: Sequence[Inbound]
                        ) -> list[BaseException | None]:
    """Submit many at once and wait for all (the dispatcher group-commits what queues up)."""
    results = await asyncio.gather(*(submit_one(i) for i in inbounds), return_exceptions=True)
    return [r if isinstance(r, BaseException) else None for r in results]


__all__ = ["CaseworkHooks", "DueWork", "NoCasework", "SweepReport", "gather_submit"]
