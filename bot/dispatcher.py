"""The dispatcher: every inbound goes through here, one unit of work per batch (group commit).

A channel calls `submit(inbound)` and awaits the outcome. Inbounds are routed to a lane by address, so one
person's messages are processed one at a time in arrival order; lanes run in parallel. A lane takes what
has queued up into one transaction:

1. resolve (or create) the person behind each address;
2. lock those people's conversation rows (PostgreSQL: FOR UPDATE, sorted; SQLite: BEGIN IMMEDIATE);
3. de-duplicate against inbound messages already stored (a retried delivery gets the first reply);
4. run the pure dialog step for each inbound in order, applying the events it emits;
5. store the inbound (with its reply), the new state and the outbox rows; commit once.

Only after the commit do the channels answer, so a reply is never given for work that was not saved.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects, linking
from bot.clock import Clock
from dialogs import engine
from dialogs.flows.link import JOINED as LINK_JOINED
from dialogs.flows.link import OFFER as LINK_OFFER
from dialogs.i18n import DEFAULT_LOCALE, render
from dialogs.sms_text import pack
from dialogs.types import Inbound, StepContext, StepResult
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import ChannelAccount, Conversation, InboundMessage, OutboxMessage

log = logging.getLogger(__name__)

MAX_BATCH = 128
MAX_FEEDBACK_ROUNDS = 3
# Transient database failures are retried this many times with growing pauses before the channel is told.
DB_RETRIES = (0.05, 0.2, 0.5, 1.0)


class DispatchUnavailable(RuntimeError):
    """The database could not take the message; the channel answers so that the sender retries."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a channel needs to answer: passive replies, or none when they were queued for delivery."""

    person_id: int
    replies: tuple[str, ...]
    awaiting: str | None
    duplicate: bool = False
    pushed: bool = False


@dataclass(slots=True)
class _Pending:
    inbound: Inbound
    future: asyncio.Future[Outcome]
    # Monotonic time after which a passive reply can no longer go out in the HTTP response.
    passive_deadline: float | None
    late: bool = False
    followers: list[_Pending] = field(default_factory=list)


class Dispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        clock: Clock,
        *,
        lanes: int = 1,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._clock = clock
        self._queues: list[asyncio.Queue[_Pending]] = [asyncio.Queue() for _ in range(lanes)]
        self._inflight: dict[tuple[str, str], _Pending] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._on_queued = on_queued or (lambda: None)

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._lane(q), name=f"dispatch-lane-{i}") for i, q in enumerate(self._queues)
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    # -- entry point -----------------------------------------------------------------------------

    def submit(self, inbound: Inbound, passive_deadline: float | None = None) -> asyncio.Future[Outcome]:
        """Queue an inbound; the future resolves after its unit of work committed.

        `passive_deadline` (loop time) applies to channels that answer in the HTTP response: past it the
        replies are queued for delivery instead (WeChat's 5-second limit).
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        pending = _Pending(inbound, future, passive_deadline)
        key = (inbound.channel, inbound.dedup_key)
        first = self._inflight.get(key)
        if first is not None:
            # The same delivery is already queued here: share its outcome (retries answer identically).
            first.followers.append(pending)
            return future
        self._inflight[key] = pending
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
                await self._run_batch(batch)
            except Exception:  # pragma: no cover - _run_batch resolves every future itself
                log.exception("dispatch lane failed")

    async def _run_batch(self, batch: list[_Pending]) -> None:
        try:
            outcomes = await self._with_retries(batch)
        except Exception as exc:
            if len(batch) > 1:
                # Isolate the item that fails so that the others still go through.
                for pending in batch:
                    await self._run_batch([pending])
                return
            # Without this line the sender only sees a 503; the type names the bug without message content.
            log.error("inbound (%s) not processed: %s", batch[0].inbound.kind, type(exc).__name__)
            self._finish(batch[0], exc=exc)
            return
        late_after_commit = [p for p in batch if p.late and outcomes[id(p)].replies]
        for pending in batch:
            self._finish(pending, outcome=outcomes[id(pending)])
        if late_after_commit:
            await self._push_late(late_after_commit)
        if any(o.pushed for o in outcomes.values()) or any(
            p.inbound.transport in ("kannel", "internal") for p in batch
        ):
            self._on_queued()

    def _finish(
        self, pending: _Pending, outcome: Outcome | None = None, exc: BaseException | None = None
    ) -> None:
        self._inflight.pop((pending.inbound.channel, pending.inbound.dedup_key), None)
        for p in (pending, *pending.followers):
            if p.future.done():
                continue
            if outcome is not None:
                p.future.set_result(outcome if p is pending else _as_duplicate(outcome))
            else:
                p.future.set_exception(DispatchUnavailable(type(exc).__name__))

    async def _with_retries(self, batch: list[_Pending]) -> dict[int, Outcome]:
        for attempt, pause in enumerate((*DB_RETRIES, None)):
            try:
                return await self._unit_of_work(batch)
            except (OperationalError, DBAPIError, OSError, ConnectionError) as exc:
                if pause is None:
                    log.error(
                        "database unavailable, giving up on %d inbound(s): %s", len(batch), type(exc).__name__
                    )
                    raise
                log.warning("database error (%s), retry %d in %.2fs", type(exc).__name__, attempt + 1, pause)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable")

    # -- the unit of work ------------------------------------------------------------------------

    async def _unit_of_work(self, batch: list[_Pending]) -> dict[int, Outcome]:
        now = self._clock.now()
        cipher = self._cipher
        outcomes: dict[int, Outcome] = {}
        async with self._sessions() as session, session.begin():
            hashes = {id(p): cipher.blind_index(p.inbound.channel, p.inbound.address) for p in batch}
            keys = sorted({(p.inbound.channel, hashes[id(p)]) for p in batch})
            accounts = await repo.find_accounts(session, keys)
            missing = [k for k in keys if k not in accounts]
            first_contact: set[int] = set()  # accounts created here: a new SMS number may be a known person
            if missing:
                await repo.lock_addresses(session, (f"{c}:{h}" for c, h in missing))
                accounts |= await repo.find_accounts(session, missing)
                new: dict[tuple[str, str], str] = {}
                for p in batch:
                    k = (p.inbound.channel, hashes[id(p)])
                    if k not in accounts and k not in new:
                        new[k] = cipher.encrypt(p.inbound.address)
                created = await repo.create_people_with_accounts(session, new, DEFAULT_LOCALE, now)
                accounts |= created
                first_contact |= {a.id for a in created.values()}
            conversations = await repo.lock_conversations(session, (a.person_id for a in accounts.values()))
            seen = await repo.find_inbound(session, [(p.inbound.channel, p.inbound.dedup_key) for p in batch])

            states: dict[int, dict[str, Any]] = {}
            steps: dict[int, int] = {}
            inbound_rows: list[dict[str, Any]] = []
            outbox_rows: list[list[dict[str, Any]]] = []
            for p in batch:
                inbound = p.inbound
                account = accounts[(inbound.channel, hashes[id(p)])]
                person_id = account.person_id
                prior = seen.get((inbound.channel, inbound.dedup_key))
                if prior is not None:
                    outcomes[id(p)] = Outcome(
                        person_id,
                        tuple(json.loads(cipher.decrypt(prior.reply_enc or cipher.encrypt("[]")))),
                        prior.awaiting,
                        duplicate=True,
                    )
                    continue
                if person_id not in states:
                    conv = conversations[person_id]
                    states[person_id] = repo.open_state(conv.state, cipher) if conv.state else {}
                result = await self._step(session, states[person_id], inbound, account, now,
                                          first_contact=account.id in first_contact)
                first_contact.discard(account.id)
                if account.person_id != person_id:
                    # bot/linking.py moved this address to the person it belongs to: continue their conversation.
                    person_id, result = await self._joined(
                        session, person_id, account, inbound, result, now, states, steps, conversations,
                        [inbound_rows, *outbox_rows],
                    )
                states[person_id] = result.state
                steps[person_id] = steps.get(person_id, 0) + 1
                locale = str(result.state.get("locale") or DEFAULT_LOCALE)
                texts = [render(m, locale, inbound.channel) for m in result.outbound]
                if inbound.channel == "sms":
                    texts = pack(texts)  # short replies share one SMS
                passive = inbound.transport in ("wechat", "simulator") and not (
                    inbound.transport == "wechat"
                    and (p.late or (p.passive_deadline is not None and time.monotonic() > p.passive_deadline))
                )
                replies = _passive_replies(inbound, texts) if passive else ()
                outcomes[id(p)] = Outcome(
                    person_id, replies, result.awaiting, pushed=bool(texts) and not passive
                )
                inbound_rows.append(
                    {
                        "channel": inbound.channel,
                        "dedup_key": inbound.dedup_key,
                        "person_id": person_id,
                        "kind": inbound.kind,
                        "body_enc": cipher.encrypt(_inbound_body(inbound)),
                        "reply_enc": cipher.encrypt(json.dumps(list(replies), ensure_ascii=False)),
                        "awaiting": result.awaiting,
                        "received_at": inbound.received_at,
                        "processed_at": now,
                    }
                )
                outbox_rows.append(
                    [
                        {
                            "person_id": person_id,
                            # Scheduled pushes go wherever the person can be reached then (bot/delivery.py).
                            "channel": "auto" if inbound.transport == "internal" else inbound.channel,
                            "body_enc": cipher.encrypt(t),
                            "solicited": inbound.transport != "internal",
                            "status": "passive" if passive else "queued",
                            "next_attempt_at": now,
                            "created_at": now,
                            "sent_at": now if passive else None,
                        }
                        for t in (_passive_replies(inbound, texts) if passive else texts)
                    ]
                )
                seen[(inbound.channel, inbound.dedup_key)] = InboundMessage(
                    reply_enc=inbound_rows[-1]["reply_enc"], awaiting=result.awaiting
                )

            if inbound_rows:
                # One executemany, then the ids by the unique key: RETURNING in parameter order would make
                # SQLite run one INSERT per row.
                await session.execute(insert(InboundMessage), inbound_rows)
                keys = [(row["channel"], row["dedup_key"]) for row in inbound_rows]
                ids = await repo.inbound_ids(session, keys)
                rows = [
                    dict(row, inbound_id=ids[key])
                    for key, group in zip(keys, outbox_rows, strict=True)
                    for row in group
                ]
                if rows:
                    await session.execute(insert(OutboxMessage), rows)
            if states:
                await session.execute(
                    update(Conversation),
                    [
                        {
                            "person_id": pid,
                            "state": repo.seal_state(state, cipher),
                            "version": conversations[pid].version + steps[pid],
                            "updated_at": now,
                        }
                        for pid, state in states.items()
                    ],
                )
            await repo.touch_accounts(
                session,
                (
                    accounts[(p.inbound.channel, hashes[id(p)])].id
                    for p in batch
                    if p.inbound.transport != "internal"
                ),
                now,
            )
        return outcomes

    async def _step(
        self,
        session: AsyncSession,
        state: dict[str, Any],
        inbound: Inbound,
        account: ChannelAccount,
        now: datetime,
        *,
        first_contact: bool = False,
    ) -> StepResult:
        """The dialog step plus its effects; feedback from effects re-enters the dialog as synthetic events."""
        locale = str(state.get("locale") or DEFAULT_LOCALE)
        ctx = StepContext(now=now, today=self._clock.today(), channel=inbound.channel, locale=locale)
        if first_contact and (offer := await linking.offer(session, self._cipher, account, inbound)):
            # A new SMS number already on record for someone: the first message opens the confirmation.
            inbound = replace(inbound, kind="event", event=LINK_OFFER, payload=offer)
        try:
            result = engine.step(state, inbound, ctx)
        except Exception:
            # A bug must not lose the message or wedge the person: keep the state, say sorry, log no content.
            log.exception("dialog step failed for person %d (%s)", account.person_id, inbound.kind)
            return StepResult(dict(state)).say("common.error")
        outbound = list(result.outbound)
        effect_ctx = effects.EffectContext(
            session, self._cipher, account.person_id, account.id, inbound.channel, now
        )
        events = list(result.events)
        for _round in range(MAX_FEEDBACK_ROUNDS):
            feedback: list[Inbound] = []
            for event in events:
                payload = await effects.apply(effect_ctx, event)
                if payload is not None:
                    feedback.append(
                        Inbound(
                            channel=inbound.channel,
                            address=inbound.address,
                            kind="event",
                            dedup_key=inbound.dedup_key,
                            received_at=now,
                            event=f"{event.kind}.result",
                            payload=payload,
                            transport=inbound.transport,
                        )
                    )
            events = []
            for synthetic in feedback:
                follow = engine.step(result.state, synthetic, ctx)
                result = StepResult(follow.state, result.outbound, result.events)
                outbound.extend(follow.outbound)
                events.extend(follow.events)
            if not events:
                break
        return StepResult(result.state, outbound, result.events)

    async def _joined(
        self,
        session: AsyncSession,
        old_person: int,
        account: ChannelAccount,
        inbound: Inbound,
        result: StepResult,
        now: datetime,
        states: dict[int, dict[str, Any]],
        steps: dict[int, int],
        conversations: dict[int, Conversation],
        pending_rows: list[list[dict[str, Any]]],
    ) -> tuple[int, StepResult]:
        """After linking: the SMS-side person is gone, so rows of this batch move to the existing person,
        whose conversation (from this batch if it already changed here, else from the database) goes on."""
        person_id = account.person_id
        states.pop(old_person, None)
        steps.pop(old_person, None)
        for rows in pending_rows:
            for row in rows:
                if row["person_id"] == old_person:
                    row["person_id"] = person_id
        if person_id not in states:
            conversations |= await repo.lock_conversations(session, [person_id])
            conv = conversations[person_id]
            states[person_id] = repo.open_state(conv.state, self._cipher) if conv.state else {}
        joined = replace(inbound, kind="event", event=LINK_JOINED, payload={})
        follow = await self._step(session, states[person_id], joined, account, now)
        return person_id, StepResult(follow.state, [*result.outbound, *follow.outbound], result.events)

    async def _push_late(self, late: list[_Pending]) -> None:
        """Replies committed as passive after the channel stopped waiting: hand them to the outbox worker."""
        keys = [(p.inbound.channel, p.inbound.dedup_key) for p in late]
        try:
            async with self._sessions() as session, session.begin():
                stored = await repo.find_inbound(session, keys)
                ids = [m.id for m in stored.values()]
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.inbound_id.in_(ids), OutboxMessage.status == "passive")
                    .values(status="queued", sent_at=None)
                )
                # A retry of the same message must not get the pushed reply once more as a passive one.
                await session.execute(
                    update(InboundMessage).where(InboundMessage.id.in_(ids))
                    .values(reply_enc=self._cipher.encrypt("[]"))
                )
        except (OperationalError, DBAPIError, OSError) as exc:
            log.error("could not queue %d late replies: %s", len(late), type(exc).__name__)
        self._on_queued()


def _passive_replies(inbound: Inbound, texts: list[str]) -> tuple[str, ...]:
    """WeChat's passive reply holds one message: join them. The simulator shows each one."""
    if not texts:
        return ()
    if inbound.transport == "wechat":
        return ("\n\n".join(texts),)
    return tuple(texts)


def _as_duplicate(outcome: Outcome) -> Outcome:
    return Outcome(
        outcome.person_id, outcome.replies, outcome.awaiting, duplicate=True, pushed=outcome.pushed
    )


def _inbound_body(inbound: Inbound) -> str:
    body: dict[str, Any] = {"text": inbound.text}
    if inbound.event:
        body |= {"event": inbound.event, "event_key": inbound.event_key}
    if inbound.location:
        body["location"] = list(inbound.location)
    return json.dumps(body, ensure_ascii=False)
