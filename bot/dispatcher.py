"""The dispatcher: every inbound goes through here, one unit of work per batch (group commit).

A channel calls `submit(inbound)` and awaits the outcome. Inbounds are routed to a lane by address, so one
person's messages are processed one at a time in arrival order; lanes run in parallel. A lane takes what
has queued up into one transaction (bot/unit_of_work.py does the work inside it), retries it when the
database fails for a moment, and isolates an inbound that keeps failing so that the others go through.

Only after the commit do the channels answer, so a reply is never given for work that was not saved.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.effects import LockOutOfOrder
from bot.finishing import STOP_GRACE, Finishing
from bot.job_board import JobBoard
from bot.unit_of_work import DEFERRED, Outcome, Prepared, StaleRead, UnitOfWork, prepare
from dialogs.types import Inbound
from scheduler.planning import Planner
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.db import WAKE_WORKERS
from storage.hot_path import HeldConnection
from storage.models import OutboxMessage
from storage.outage import is_outage

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BATCH = 128
# Runs of one unit of work that may each find one more person to lock (linking, bot/unit_of_work.py).
MAX_RELOCKS = 4
# Outages (storage/outage.py) are retried this many times with growing pauses before the channel is told.
DB_RETRIES = (0.05, 0.2, 0.5, 1.0)
# Late replies (`_push_late`) are retried longer, after DB_RETRIES (about eight minutes in all): nobody else
# will ever send them.
LATE_RETRIES = (5.0, 15.0, 30.0, 60.0, 120.0, 240.0)
# Signed WeChat URLs past their replay window are forgotten by a unit of work at most this often (seconds).
PRUNE_INTERVAL = 60.0


class DispatchUnavailable(RuntimeError):
    """The database could not take the message; the channel answers so that the sender retries."""


@dataclass(slots=True)
class _Pending:
    inbound: Inbound
    future: asyncio.Future[Outcome]
    # Monotonic time after which a passive reply can no longer go out in the HTTP response.
    passive_deadline: float | None
    # The blind index and encrypted body, computed on queueing (bot/unit_of_work.py, `prepare`).
    prepared: Prepared | None = None
    late: bool = False
    followers: list[_Pending] = field(default_factory=list)

    def passive_allowed(self) -> bool:
        """Whether a reply can still go back in the HTTP response (WeChat: before the channel gives up); the unit
        of work asks this of the queued entry itself (bot/unit_of_work.py `Work`), no closure and no `Item` made
        per message and attempt."""
        if self.inbound.transport != "wechat":
            return True
        return not self.late and (self.passive_deadline is None or time.monotonic() <= self.passive_deadline)


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        clock: Clock,
        *,
        lanes: int = 1,
        on_queued: Callable[[], None] | None = None,
        planner: Planner | None = None,
        board: JobBoard | None = None,
    ) -> None:
        self._planner = planner
        self._sessions = sessions
        self._board = board
        self._cipher = cipher
        self._clock = clock
        self._queues: list[asyncio.Queue[_Pending]] = [asyncio.Queue() for _ in range(lanes)]
        self._inflight: dict[_InflightKey, _Pending] = {}
        self._next_prune = 0.0
        self._tasks: list[asyncio.Task[None]] = []
        self._late_tasks: set[asyncio.Task[None]] = set()
        self._batches = Finishing("dispatcher")
        self._on_queued = on_queued or (lambda: None)
        # The channels' deadlines (`submit`'s `answer_by`, monotonic), earliest first, and one timer for the earliest
        # (`_expire`): a timer per message cost a handle, a heap push and a cancel each; deadlines mostly come in
        # order (arrival + the channel's constant), so one timer serves a whole batch.
        self._deadlines: deque[tuple[float, _Pending]] = deque()
        self._deadline_timer: asyncio.TimerHandle | None = None
        # SQLite: connections the lanes hold for their units of work (`_take_held`), free ones last in; `_hold`
        # turns false for a database that gets none (PostgreSQL).
        self._hold = True
        self._free_held: list[HeldConnection] = []
        self._all_held: set[HeldConnection] = set()

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._lane(q), name=f"dispatch-lane-{i}") for i, q in enumerate(self._queues)
        ]

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop taking batches; a batch under way commits and answers first (bot/finishing.py)."""
        await self._batches.stop(self._tasks, grace)
        self._tasks = []
        for queue in self._queues:
            while not queue.empty():
                # Never taken into a batch: not saved, so the sender is told to try again (503).
                self._finish(queue.get_nowait(), exc=RuntimeError("stopping"))
        if self._late_tasks:
            log.error("stopping with late replies still unqueued (%d batch(es)): they stay unsent",
                      len(self._late_tasks))
        for task in self._late_tasks:
            task.cancel()
        await asyncio.gather(*self._late_tasks, return_exceptions=True)
        self._forget_finished_deadlines()
        held, self._all_held, self._free_held = self._all_held, set(), []
        for connection in held:
            await connection.close()

    # -- entry point -----------------------------------------------------------------------------

    def submit(self, inbound: Inbound, passive_deadline: float | None = None,
               answer_by: float | None = None) -> asyncio.Future[Outcome]:
        """Queue an inbound; the future resolves after its unit of work committed.

        `passive_deadline` (monotonic time) applies to channels that answer in the HTTP response: past it the
        replies are queued for delivery instead (WeChat's 5-second limit). `answer_by` (monotonic time): when
        the unit of work has not committed by then, the future resolves with DEFERRED instead, and the replies it
        commits are pushed (as `give_up_passive`). The channel awaits the future itself: no waiter future, timer
        and callbacks of its own and no extra turn of the loop per request. The future is never cancelled here.
        """
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        pending = _Pending(inbound, future, passive_deadline)
        if answer_by is not None:
            self._keep_deadline(answer_by, pending)
        key = _inflight_key(inbound)
        first = self._inflight.get(key)
        if first is not None:
            # The same delivery is already queued here: share its outcome (retries answer identically).
            first.followers.append(pending)
            return future
        self._inflight[key] = pending
        try:
            # Here, not in the batch: the lane may be waiting for the previous batch's commit meanwhile.
            pending.prepared = prepare(inbound, self._cipher)
        except Exception:  # noqa: S110 - the batch computes it again, and handles a failure as it always did
            pass
        lane = hash(inbound.address) % len(self._queues)
        self._queues[lane].put_nowait(pending)
        return future

    def give_up_passive(self, future: asyncio.Future[Outcome]) -> None:
        """The channel stopped waiting: whatever this inbound replies must be pushed instead."""
        for pending in self._inflight.values():
            if pending.future is future:
                pending.late = True

    # -- lanes -----------------------------------------------------------------------------------

    async def _lane(self, queue: asyncio.Queue[_Pending]) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < MAX_BATCH and not queue.empty():
                batch.append(queue.get_nowait())
            try:
                await self._batches.run(self._run_batch(batch))
            except Exception:  # pragma: no cover - _run_batch resolves every future itself
                log.exception("dispatch lane failed")

    async def _run_batch(self, batch: list[_Pending]) -> None:
        try:
            outcomes = await self._with_retries(batch)
        except Exception as exc:
            if is_outage(exc):
                # The database stayed down through the retries: every sender is told at once (they retry),
                # rather than each inbound waiting through the retries again on its own.
                # Without this line the sender only sees a 503; the type names the bug without message content.
                log.error("%d inbound(s) not processed: %s", len(batch), type(exc).__name__)
                for pending in batch:
                    self._finish(pending, exc=exc)
                return
            if len(batch) > 1:
                # Isolate the item that fails so that the others still go through.
                for pending in batch:
                    await self._run_batch([pending])
                return
            # This one inbound cannot be processed (a bug in an effect or a template, not the database): a
            # sender's retry would fail the same way and the message would be lost. Store it with an apology
            # and the conversation unchanged instead, so that it is kept and answered once.
            log.error("inbound processing failed (%s); stored with an apology instead", type(exc).__name__)
            try:
                outcomes = await self._with_retries(batch, degraded=True)
            except Exception as again:
                # Text is cleaned at the edge (bot/channels/clean.py), so this is the database or a bug, not the
                # message: the sender is told to retry (503) rather than lose it.
                log.error("inbound not processed even with an apology: %s", type(again).__name__)
                self._finish(batch[0], exc=again)
                return
        late_after_commit = [p for p in batch if p.late and outcomes[id(p)].replies]
        for pending in batch:
            self._finish(pending, outcome=outcomes[id(pending)])
        if late_after_commit:
            self._push_late(late_after_commit)
        if any(o.pushed or o.wake for o in outcomes.values()) or any(
            p.inbound.transport in ("kannel", "internal") for p in batch
        ):
            self._on_queued()

    def _finish(self, pending: _Pending, outcome: Outcome | None = None, exc: BaseException | None = None) -> None:
        self._inflight.pop(_inflight_key(pending.inbound), None)
        for p in (pending, *pending.followers):
            if p.future.done():
                continue
            if outcome is not None:
                p.future.set_result(outcome if p is pending else _as_duplicate(outcome))
            else:
                p.future.set_exception(DispatchUnavailable(type(exc).__name__))
        if self._deadlines:
            self._forget_finished_deadlines()

    # -- deadlines -------------------------------------------------------------------------------

    def _keep_deadline(self, answer_by: float, pending: _Pending) -> None:
        deadlines = self._deadlines
        if not deadlines or deadlines[-1][0] <= answer_by:
            deadlines.append((answer_by, pending))
            if len(deadlines) > 1 and self._deadline_timer is not None:
                return  # the timer is armed for an earlier deadline
        else:
            # Submitted after a later deadline (its body took longer to arrive): in its place, never behind it.
            deadlines.insert(bisect.bisect_right(deadlines, answer_by, key=_deadline), (answer_by, pending))
        self._arm(deadlines[0][0])

    def _arm(self, deadline: float) -> None:
        if self._deadline_timer is not None:
            self._deadline_timer.cancel()
        loop = asyncio.get_running_loop()
        self._deadline_timer = loop.call_at(loop.time() + max(0.0, deadline - time.monotonic()), self._expire)

    def _expire(self) -> None:
        """The earliest deadline came: every pending whose deadline passed is deferred (`_defer`); the timer is
        armed again for the next one still waiting."""
        self._deadline_timer = None
        deadlines, now = self._deadlines, time.monotonic()
        while deadlines:
            deadline, pending = deadlines[0]
            if not pending.future.done():
                if deadline > now:
                    self._arm(deadline)
                    return
                _defer(pending)
            deadlines.popleft()

    def _forget_finished_deadlines(self) -> None:
        """Drop the answered from the front (batches finish in arrival order, so nearly all of them); with none
        left waiting, the timer is cancelled."""
        deadlines = self._deadlines
        while deadlines and deadlines[0][1].future.done():
            deadlines.popleft()
        if not deadlines and self._deadline_timer is not None:
            self._deadline_timer.cancel()
            self._deadline_timer = None

    async def _with_retries(self, batch: list[_Pending], *, degraded: bool = False) -> dict[int, Outcome]:
        return await _retrying(f"{len(batch)} inbound(s)", lambda: self._unit_of_work(batch, degraded=degraded))

    # -- the unit of work ------------------------------------------------------------------------

    async def _unit_of_work(self, batch: list[_Pending], *, degraded: bool = False) -> dict[int, Outcome]:
        also_lock: set[int] = set()
        prune = time.monotonic() >= self._next_prune
        if prune:
            self._next_prune = time.monotonic() + PRUNE_INTERVAL
        for _ in range(MAX_RELOCKS):
            held = await self._take_held()
            if held is not None:
                try:
                    outcomes = await self._held_unit_of_work(held, batch, degraded, frozenset(also_lock), prune)
                except LockOutOfOrder as wanted:
                    also_lock.add(wanted.person_id)
                    continue
                return {id(p): outcome for p, outcome in zip(batch, outcomes, strict=True)}
            try:
                async with self._sessions() as session, session.begin():
                    work = UnitOfWork(session, self._cipher, self._clock.now(), self._clock.today(),
                                      degraded=degraded, also_lock=frozenset(also_lock), board=self._board,
                                      prune_requests=prune, tz=self._clock.tz, planner=self._planner)
                    outcomes = await work.run(batch)
                    if session.info.pop(WAKE_WORKERS, False):
                        # Effects queued work for a worker (alerts): wake it once this commits. The batch's
                        # first outcome carries it (the lane wakes the workers once per batch: `_run_batch`),
                        # not a copy of every outcome of the batch.
                        outcomes[0] = replace(outcomes[0], wake=True)
            except LockOutOfOrder as wanted:
                # Rolled back; at once again, with that person locked in order with the others.
                also_lock.add(wanted.person_id)
                continue
            return {id(p): outcome for p, outcome in zip(batch, outcomes, strict=True)}
        raise StaleRead("people to lock kept changing")

    async def _take_held(self) -> HeldConnection | None:
        """A held connection for one unit of work (SQLite), or None: the unit of work opens a session (PostgreSQL,
        where asyncpg needs no thread hand-off, keeps the session path)."""
        while self._free_held:
            free = self._free_held.pop()
            if free.current:
                return free
            self._all_held.discard(free)  # the engine was disposed of: a fresh connection, as the pool's are
            await free.close()
        if not self._hold:
            return None
        held = await HeldConnection.open(self._sessions)
        if held is None:
            self._hold = False
        else:
            self._all_held.add(held)
        return held

    async def _held_unit_of_work(self, held: HeldConnection, batch: list[_Pending], degraded: bool,
                                 also_lock: frozenset[int], prune: bool) -> list[Outcome]:
        """`_unit_of_work`'s transaction on a held connection: BEGIN IMMEDIATE and COMMIT on it directly, an ORM
        session only when an effect asks for one (storage/hot_path.py `HeldSession`). Any failure rolls back
        everything, the session's work with the batch's; a connection that cannot be rolled back is closed."""
        usable = False
        try:
            # A connection that cannot even begin (locked past busy_timeout, broken) is closed: the next attempt
            # opens a fresh one.
            tx = await held.begin()
            usable = True
            try:
                work = UnitOfWork(cast(AsyncSession, tx), self._cipher, self._clock.now(), self._clock.today(),
                                  degraded=degraded, also_lock=also_lock, board=self._board,
                                  prune_requests=prune, tz=self._clock.tz, planner=self._planner)
                outcomes = await work.run(batch)
                wake = tx.info.pop(WAKE_WORKERS, False)
                await held.commit(tx)
            except BaseException:
                usable = await held.rollback(tx)
                raise
        finally:
            if usable:
                self._free_held.append(held)
            else:
                self._all_held.discard(held)
                await held.close()
        if wake:
            # As `_unit_of_work`'s: the batch's first outcome carries it.
            outcomes[0] = replace(outcomes[0], wake=True)
        return outcomes

    def _push_late(self, late: list[_Pending]) -> None:
        """Replies committed as passive after the channel stopped waiting: hand them to the outbox worker.

        The channel has answered "success", so nobody retries: these replies reach the person only through
        this update. It runs beside the lane, which goes on meanwhile, and waits out a database outage of
        up to about eight minutes (DB_RETRIES, then LATE_RETRIES)."""
        keys = [(p.inbound.channel, p.inbound.dedup_key) for p in late]
        task = asyncio.create_task(self._queue_late(keys), name="dispatch-late-replies")
        self._late_tasks.add(task)
        task.add_done_callback(self._late_tasks.discard)

    async def _queue_late(self, keys: Sequence[tuple[str, str]]) -> None:
        async def queue() -> None:
            async with self._sessions() as session, session.begin():
                stored = await repo.find_inbound(session, keys)
                ids = [m.id for m in stored.values()]
                # Queued, they are no longer `passive`: a retry of the same message gets no second copy.
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.inbound_id.in_(ids), OutboxMessage.status == "passive")
                    .values(status="queued", sent_at=None)
                )

        try:
            await _retrying(f"{len(keys)} late replies", queue, pauses=(*DB_RETRIES, *LATE_RETRIES))
        except Exception as exc:
            # Logged by _retrying as given up (an outage) or here: these replies stay `passive`, unsent.
            if not (is_outage(exc) or isinstance(exc, StaleRead)):
                log.error("late replies not queued: %s", type(exc).__name__)
            return
        self._on_queued()


async def _retrying(
    what: str, operation: Callable[[], Awaitable[T]], pauses: tuple[float, ...] = DB_RETRIES
) -> T:
    """Run `operation` (a transaction), again after each outage (storage/outage.py) with growing `pauses`;
    the last failure is raised. Any other error is raised at once: a statement the database refused is
    refused again, and retrying it would only hold up the lane (isolated by the caller in milliseconds).
    `what` names the work in the log, never its content."""
    for attempt, pause in enumerate((*pauses, None)):
        try:
            return await operation()
        except Exception as exc:
            if not (isinstance(exc, StaleRead) or is_outage(exc)):
                raise
            if pause is None:
                log.error("database unavailable, giving up on %s: %s", what, type(exc).__name__)
                raise
            log.warning("database error (%s) on %s, retry %d in %.2fs", type(exc).__name__, what, attempt + 1,
                        pause)
            await asyncio.sleep(pause)
    raise AssertionError("unreachable")


_InflightKey = tuple[str, str, str, bool, int | None]


def _inflight_key(inbound: Inbound) -> _InflightKey:
    """Deliveries that share one outcome while the first is under way: the same message of the same sender
    (and, for a signed WeChat URL, the same body: a replay with another body is refused on its own)."""
    digest = inbound.signed.body_digest if inbound.signed is not None else None
    return inbound.channel, inbound.dedup_key, inbound.address, inbound.simulated, digest


def _as_duplicate(outcome: Outcome) -> Outcome:
    return replace(outcome, duplicate=True)


def _deadline(entry: tuple[float, _Pending]) -> float:
    return entry[0]


def _defer(pending: _Pending) -> None:
    """The channel's deadline passed before the commit: it answers without the replies; those the unit of work
    commits as passive are pushed after the commit (`_run_batch`'s `late_after_commit`)."""
    if not pending.future.done():
        pending.late = True
        pending.future.set_result(DEFERRED)
