"""The outbox worker: claims queued messages from the database and hands them to the channel senders.

Guarantees, and how:
- nothing sent without being saved: messages exist only as outbox rows committed with the state change;
- nothing saved without being sent: the worker polls, and is woken after every commit that queued work;
- nothing delivered twice: a row is claimed (`sending`, committed) before the send and settled after it;
  a row found still `sending` after its claim expired belongs to a worker that died mid-send, and
  becomes `unknown` (reported in the log), never re-sent.
Claims use FOR UPDATE SKIP LOCKED on PostgreSQL, so several processes share the work without overlap.
Messages to simulated people (storage/models/people.py Person.simulated) go to the simulator's in-process
sender whatever their channel, never through a real gateway.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql import Select

from bot.clock import Clock
from bot.finishing import STOP_GRACE, Finishing
from storage import outbox_store
from storage.crypto import FieldCipher
from storage.models import ChannelAccount, InfoForm, OutboxMessage
from storage.outage import is_outage
from storage.outbox_store import DEFER, DELIVERED, SENDING, SENT, SKIP, OutboxStore
from storage.outbox_store import AccountRow as _Account

log = logging.getLogger(__name__)

CLAIM_SECONDS = 120
# How often abandoned claims (rows left `sending`) are looked for.
RECOVERY_INTERVAL = 30.0
# Rows claimed per transaction: its fixed costs (BEGIN IMMEDIATE, COMMIT and its fsync, the look-ups) shared by
# more messages (benchmarks/README.md). A batch's sends share the HTTP pool (50 connections): 300 at WeChat's
# 5-second timeout end well inside CLAIM_SECONDS.
BATCH = 300
# Sends of one batch in flight at once (people in parallel, each person's messages in order). With the batches in
# flight (bot/app.py: 3) about the HTTP pool's 50 connections, so that sends rarely queue for a connection; 300 at
# WeChat's 5-second timeout, 20 at a time, still end well inside CLAIM_SECONDS.
SENDS_IN_FLIGHT = 20
MAX_ATTEMPTS = 8
BACKOFF = (5, 15, 60, 120, 300, 600, 1200, 1800)
# Outbox rows on channel "auto" go to whichever channel can reach the person when they are sent: WeChat
# inside its service window after the person's last WeChat message, or outside it when a subscription or
# template notice can carry the push; otherwise SMS. "auto-sms" prefers SMS (a reminder on the other channel).
AUTO = "auto"
AUTO_SMS = "auto-sms"
AUTO_CHANNELS = (AUTO, AUTO_SMS)
# `session.info` key (the app's sessions carry it): a callable telling whether the outbox can send on a channel now
# (`OutboxWorker.sends`): without an SMS gateway an `auto-sms` row goes by WeChat, which a caseworker who asked for
# an SMS (发短信 C3 …) must be told before anything is queued.
CAN_SEND = "jiuye.outbox_can_send"
WECHAT_WINDOW = timedelta(hours=48)
# Customer-service messages WeChat lets through after a person's message, within the window.
WINDOW_MESSAGES = 5
_PERSON_CHANNELS = ("wechat", "sms")


class SendStatus(Enum):
    SENT = "sent"
    RETRY = "retry"  # transient: gateway down, rate limited
    FAILED = "failed"  # permanent for this message
    UNREACHABLE = "unreachable"  # this channel cannot reach the person now (window closed, unsubscribed)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try on one way out: `method` custom / subscribe / template / sms / simulator; `outcome` sent /
    refused (the gateway answered an error code) / error (no answer, or a transport failure)."""

    method: str
    outcome: str
    errcode: int | None = None


# Not frozen, as OutgoingMessage: one of each per message sent, and a frozen dataclass's __init__ sets each field
# through object.__setattr__ (4-5 µs a message for the two). Nothing changes them once made.
@dataclass(slots=True)
class SendResult:
    status: SendStatus
    error: str | None = None
    external_id: str | None = None
    retry_after: float | None = None
    via: str | None = None  # the method that delivered it
    attempts: tuple[Attempt, ...] = ()


@dataclass(slots=True)
class OutgoingMessage:
    id: int
    person_id: int
    channel: str
    address: str
    text: str
    kind: str
    # For a simulated person: goes to the simulator's sender, whatever the channel.
    simulated: bool = False
    # Pushes (unsolicited): what they are about, and what the WeChat ladder needs to know about the person.
    solicited: bool = True
    topic: str | None = None
    locale: str = "zh_CN"
    window_open: bool = True
    window_sends: int = 0  # customer-service messages already sent in the person's current window
    subscribed: frozenset[str] = frozenset()  # subscription-notice templates the person accepted


@dataclass(slots=True)
class _Claimed:
    """An outbox row as the claim reads it; `channel` is routed in place."""

    id: int
    person_id: int
    channel: str
    kind: str
    body_enc: str
    sms_body_enc: str | None
    solicited: bool
    topic: str | None
    attempts: int


def claim_statement(channels: Sequence[str], dialect: str, batch: int = BATCH) -> Select[Any]:
    """The next batch of queued rows due, on these channels (or to simulated people), oldest due first."""
    return outbox_store.claim_statement(channels, dialect, batch)


class Sender(Protocol):
    """One channel's way out. Must not raise for gateway errors: it returns a SendResult."""

    channel: str

    async def send(self, message: OutgoingMessage) -> SendResult: ...


def in_quiet_hours(local: datetime, hours: tuple[time, time]) -> bool:
    """True outside the allowed window (quiet hours are when unsolicited messages wait)."""
    start, end = hours
    return not (start <= local.time() < end)


def next_allowed(local: datetime, hours: tuple[time, time]) -> datetime:
    start, _end = hours
    candidate = local.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    return candidate if candidate > local else candidate + timedelta(days=1)


class OutboxWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        clock: Clock,
        senders: Mapping[str, Sender],
        *,
        quiet_hours: tuple[time, time],
        poll_interval: float = 1.0,
        holder: str = "worker",
        concurrency: int = 1,
        simulator: Sender | None = None,
    ) -> None:
        self._sessions = sessions
        # Without it, messages to simulated people are skipped: they never go through a real gateway.
        self._simulator = simulator
        self._cipher = cipher
        self._clock = clock
        self._senders = dict(senders)
        self._quiet_hours = quiet_hours
        self._poll = poll_interval
        self._holder = holder
        self._wake = asyncio.Event()
        # Batches in flight at once: while one waits for the database (SQLite's one writer, a commit's fsync),
        # another sends. Claims never overlap (SKIP LOCKED; SQLite: one writer), and a person's messages stay
        # in order (a row claimed by one batch holds back that person's later rows).
        self._concurrency = max(1, concurrency)
        self._tasks: list[asyncio.Task[None]] = []
        self._rounds = Finishing("outbox")

    def wake(self) -> None:
        self._wake.set()

    def add_sender(self, sender: Sender) -> None:
        self._senders[sender.channel] = sender

    def sends(self, channel: str) -> bool:
        """Whether a real person's message can go on this channel (a sender for it; the simulator plays both)."""
        return channel in self._senders

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._run(recovers=i == 0), name=f"outbox-worker-{i}") for i in range(self._concurrency)
        ]

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop claiming; sends under way finish and are recorded first (bot/finishing.py)."""
        if self._tasks:
            await self._rounds.stop(self._tasks, grace)
            self._tasks = []

    async def _run(self, *, recovers: bool = True) -> None:
        last_recovery = float("-inf")
        loop = asyncio.get_running_loop()
        while True:
            try:
                if recovers and loop.time() - last_recovery >= RECOVERY_INTERVAL:
                    # Also after a failed settle in this very process: such rows would hold back the
                    # person's later messages until their claim is resolved.
                    await self._rounds.run(self.recover_abandoned())
                    last_recovery = loop.time()
                busy = await self._rounds.run(self.run_once())
            except Exception as exc:
                if is_outage(exc):
                    log.warning("outbox: database unavailable (%s); retrying", type(exc).__name__)
                else:
                    # A bug must not stop delivery for everyone: log it and go on with the next batch.
                    log.exception("outbox: unexpected error; continuing")
                busy = False
            if not busy:
                try:
                    # asyncio.timeout, not wait_for: Python 3.11's wait_for returns the result and swallows a
                    # cancellation that comes in the same turn as the wake-up, and stop() then waited forever.
                    async with asyncio.timeout(self._poll):
                        await self._wake.wait()
                except TimeoutError:
                    pass
                self._wake.clear()

    async def recover_abandoned(self) -> int:
        """Rows left `sending` by a dead worker: their fate is unknown, so they are not sent again."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == "sending", OutboxMessage.claimed_until < now)
                .values(status="unknown", last_error="worker stopped during the send")
                .returning(OutboxMessage.id)
            )
            ids = list(result.scalars())
        if ids:
            log.error(
                "outbox: %d message(s) in unknown state after a worker stopped mid-send: ids %s",
                len(ids),
                ids[:20],
            )
        return len(ids)

    async def run_once(self) -> bool:
        """Claim and send one batch; True when there was work."""
        claimed = await self._claim()
        if not claimed:
            return False
        by_person: dict[int, list[OutgoingMessage]] = defaultdict(list)
        for message in claimed:
            by_person[message.person_id].append(message)
        # One person's messages go in order; different people in parallel. Successful sends are settled
        # together afterwards: one commit for the batch instead of one per message (a crash before it
        # leaves them `sending`, hence `unknown`, never sent again).
        sent: list[tuple[OutgoingMessage, SendResult]] = []
        lines = iter(by_person.values())
        errors: list[BaseException] = []

        async def sending() -> None:
            # Each takes the next person's messages until none are left: a few coroutines per batch rather
            # than a task per person queueing on the HTTP pool (a check-in burst is one message per person).
            for msgs in lines:
                try:
                    await self._send_in_order(msgs, sent)
                except Exception as exc:  # as gather(return_exceptions=True) did: the others go on
                    errors.append(exc)

        try:
            # Every person's sends finish (or fail) before the settle: one person's error must not leave
            # the others' successful sends unrecorded.
            # return_exceptions: a stop waits for every coroutine to put back what it had not sent.
            await asyncio.gather(*(sending() for _ in range(min(SENDS_IN_FLIGHT, len(by_person)))),
                                 return_exceptions=True)
        except asyncio.CancelledError:
            # Stopping cut the batch off (bot/finishing.py): the people no send was started for are back in
            # the queue, as _send_in_order puts back what follows a send cut off.
            await self._release([m.id for msgs in lines for m in msgs])
            raise
        finally:
            await self._settle_sent(sent)
        if errors:
            raise errors[0]
        return True

    async def _settle_sent(self, sent: list[tuple[OutgoingMessage, SendResult]]) -> None:
        if not sent:
            return
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            store = await outbox_store.outbox_store(session)
            await store.change(SENT, [
                {"oid": m.id, "at": now, "ext": r.external_id, "via": r.via or m.channel} for m, r in sent
            ])
            await _record_attempts(store, sent, now)
            if simulated := [m.id for m, _r in sent if m.simulated]:
                # In the simulator's inbox as it is sent: delivered.
                await store.change(DELIVERED, [{"oid": i, "at": now} for i in simulated])

    async def _claim(self) -> list[OutgoingMessage]:
        # Plain rows throughout (storage/outbox_store.py: Core statements, or plain SQL on SQLite's connection):
        # ORM objects for three rows per message and a flush of each changed one were a third of a send's cost.
        now = self._clock.now()
        channels = [*self._senders, *AUTO_CHANNELS]
        engine = self._sessions.kw.get("bind")
        if isinstance(engine, AsyncEngine) and await outbox_store.nothing_due(engine, channels, now):
            # An empty poll or wake-up: no write transaction (SQLite's lock), nothing for the lane to wait behind.
            return []
        async with self._sessions() as session, session.begin():
            store = await outbox_store.outbox_store(session)
            rows = [_Claimed(*row) for row in await store.claim(channels, now, BATCH)]
            if not rows:
                return []
            rows = await self._in_person_order(store, rows)
            people = await store.people({r.person_id for r in rows})
            accounts = await store.accounts({r.person_id for r in rows})
            pushed = {r.person_id for r in rows if not r.solicited}
            # A phone on the form can carry a push by SMS; the simulator plays SMS for its people without a gateway.
            with_phones = "sms" in self._senders or (
                self._simulator is not None and any(p.simulated for pid, p in people.items() if pid in pushed))
            reach = await _Reach.load(store, pushed, accounts, now, with_phones=with_phones)
            ready: list[OutgoingMessage] = []
            skipped: list[dict[str, Any]] = []
            deferred: list[dict[str, Any]] = []
            sending: list[dict[str, Any]] = []
            local_now = self._clock.now().astimezone(self._clock.tz)
            claimed_until = now + timedelta(seconds=CLAIM_SECONDS)
            for row in rows:
                person = people.get(row.person_id)
                simulated = person is not None and person.simulated
                if simulated and self._simulator is None:
                    skipped.append({"oid": row.id, "ch": row.channel, "err": "simulated person: no simulator sender"})
                    continue
                # A simulated person lives in the simulator's dialog time (the scheduler kept the quiet hours
                # there, at the `"at"` or `run-due --now` being played); the real night does not hold them.
                quiet = not simulated and in_quiet_hours(local_now, self._quiet_hours)
                if row.channel in AUTO_CHANNELS and (row.solicited or not quiet):
                    # Decided at the last moment (a push held overnight is routed in the morning).
                    routed = self.route(row.person_id, accounts, now, prefer_sms=row.channel == AUTO_SMS,
                                        phone=row.person_id in reach.phones,
                                        subscribed=reach.subscribed.get(row.person_id, frozenset()),
                                        simulated=simulated)
                    if routed is None:
                        skipped.append({"oid": row.id, "ch": row.channel, "err": "no channel reaches this person"})
                        continue
                    row.channel = routed
                account = accounts.get((row.person_id, row.channel))
                address = self._cipher.decrypt(account.address_enc) if account is not None else None
                if row.channel == "sms" and address is None and row.person_id in reach.phones:
                    address = self._cipher.decrypt(reach.phones[row.person_id])
                if row.channel not in AUTO_CHANNELS and (
                    address is None or (row.channel == "wechat" and account is not None
                                        and account.unsubscribed_at is not None)
                ):
                    skipped.append({"oid": row.id, "ch": row.channel, "err": "no reachable account on this channel"})
                    continue
                if not row.solicited and person is not None and person.opted_out_at is not None:
                    skipped.append({"oid": row.id, "ch": row.channel, "err": "opted out"})
                    continue
                if not row.solicited and quiet:
                    deferred.append({"oid": row.id, "at": next_allowed(local_now, self._quiet_hours)})
                    continue
                assert address is not None  # an "auto" row reaches this point routed
                sending.append({"oid": row.id, "ch": row.channel, "n": row.attempts + 1, "until": claimed_until})
                text = self._cipher.decrypt(row.sms_body_enc if row.channel == "sms" and row.sms_body_enc
                                            else row.body_enc)
                window_open, window_sends = reach.window(row.person_id)
                ready.append(
                    OutgoingMessage(
                        row.id, row.person_id, row.channel, address, text, row.kind,
                        simulated=simulated, solicited=row.solicited, topic=row.topic,
                        locale=person.locale if person is not None else "zh_CN",
                        window_open=window_open, window_sends=window_sends,
                        subscribed=reach.subscribed.get(row.person_id, frozenset()),
                    )
                )
            for change, changes in ((SKIP, skipped), (DEFER, deferred), (SENDING, sending)):
                await store.change(change, changes)
        return ready

    async def _in_person_order(self, store: OutboxStore, rows: list[_Claimed]) -> list[_Claimed]:
        """Keep only rows that are next in line for their person: an earlier message still waiting
        (backing off, or claimed elsewhere) holds back everything after it. Replies and pushes are two
        lines, so a push waiting for the morning never holds back the answer to a question."""
        pending = await store.pending({r.person_id for r in rows})
        lines: dict[tuple[int, bool], list[int]] = defaultdict(list)
        for person_id, solicited, message_id in pending:
            lines[(person_id, solicited)].append(message_id)
        due = {r.id for r in rows}
        allowed: set[int] = set()
        for ids in lines.values():
            for message_id in ids:
                if message_id not in due:
                    break
                allowed.add(message_id)
        # Claimed by due time; a person's own messages go out in the order they were queued.
        return sorted((r for r in rows if r.id in allowed), key=lambda r: r.id)

    def route(
        self, person_id: int, accounts: Mapping[tuple[int, str], _Account], now: datetime, *,
        prefer_sms: bool = False, phone: bool = False, subscribed: frozenset[str] = frozenset(),
        simulated: bool = False,
    ) -> str | None:
        """The channel that can reach the person now, among those this worker can send on (for a simulated
        person, the simulator plays both). `phone`: an SMS can go to the number on their form even without an
        SMS account."""
        available = _PERSON_CHANNELS if simulated else self._senders
        wechat = accounts.get((person_id, "wechat")) if "wechat" in available else None
        if wechat is not None and wechat.unsubscribed_at is not None:
            wechat = None
        sms = "sms" in available and ((person_id, "sms") in accounts or phone)
        if prefer_sms and sms:
            return "sms"
        if wechat is not None and wechat.last_inbound_at is not None and now - wechat.last_inbound_at < WECHAT_WINDOW:
            return "wechat"
        outside = None if simulated else getattr(self._senders.get("wechat"), "reaches_outside_window", None)
        if wechat is not None and outside is not None and outside(subscribed):
            return "wechat"  # a subscription or template notice carries it
        if sms:
            return "sms"
        # No window and no phone: WeChat may still carry it (the sender answers UNREACHABLE if not).
        return "wechat" if wechat is not None else None

    async def _sms_fallback(self, person_id: int) -> bool:
        """Whether a message WeChat could not carry can go by SMS instead (an SMS account, or a phone number
        on the person's form)."""
        if "sms" not in self._senders:
            return False
        async with self._sessions() as session:
            found = await session.scalar(
                select(ChannelAccount.id).where(ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms")
            )
            if found is None:
                found = await session.scalar(
                    select(InfoForm.id).where(InfoForm.person_id == person_id, InfoForm.phone_enc.is_not(None))
                )
        return found is not None

    async def _send_in_order(
        self, messages: Sequence[OutgoingMessage], sent: list[tuple[OutgoingMessage, SendResult]]
    ) -> None:
        for i, message in enumerate(messages):
            sender = self._simulator if message.simulated and self._simulator else self._senders[message.channel]
            try:
                result = await sender.send(message)
            except asyncio.CancelledError:
                # Stopping cut this send off (bot/finishing.py): its outcome is unknown and it stays
                # `sending`, but the messages after it were never tried: back in the queue.
                await self._release([m.id for m in messages[i + 1 :]])
                raise
            except Exception as exc:  # a sender bug must not kill the worker; the outcome is unknown
                log.exception("outbox: sender %s raised for message %d", message.channel, message.id)
                result = SendResult(SendStatus.FAILED, f"sender raised {type(exc).__name__}")
            if result.status is SendStatus.SENT:
                sent.append((message, result))
                continue
            await self._settle(message, result)
            if result.status is SendStatus.RETRY:
                # Keep this person's order: later messages wait for the earlier one.
                await self._release([m.id for m in messages[i + 1 :]])
                return

    async def _release(self, ids: list[int]) -> None:
        if not ids:
            return
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(status="queued", attempts=OutboxMessage.attempts - 1, claimed_until=None)
            )

    async def _settle(self, message: OutgoingMessage, result: SendResult) -> None:
        now = self._clock.now()
        values: dict[str, object] = {"claimed_until": None, "last_error": result.error}
        if result.status is SendStatus.SENT:
            values |= {"status": "sent", "sent_at": now, "external_id": result.external_id}
        elif result.status is SendStatus.RETRY:
            async with self._sessions() as session:
                attempts = int(
                    await session.scalar(select(OutboxMessage.attempts).where(OutboxMessage.id == message.id))
                    or 0
                )
            if attempts >= MAX_ATTEMPTS:
                values |= {"status": "failed"}
            else:
                delay = result.retry_after or BACKOFF[min(attempts, len(BACKOFF)) - 1]
                values |= {"status": "queued", "next_attempt_at": now + timedelta(seconds=delay)}
        elif result.status is SendStatus.UNREACHABLE and message.channel == "wechat" and await self._sms_fallback(
            message.person_id
        ):
            # Outside WeChat's window (or unsubscribed there): SMS is the last resort. Not sent yet, so
            # sending it again on the other channel cannot deliver it twice.
            values |= {"status": "queued", "channel": "sms", "next_attempt_at": now}
        elif result.status is SendStatus.UNREACHABLE:
            values |= {"status": "skipped"}
        else:
            values |= {"status": "failed"}
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values)
            )
            await _record_attempts(await outbox_store.outbox_store(session), [(message, result)], now)
        if result.status is not SendStatus.SENT:
            log.warning(
                "outbox: message %d via %s %s: %s",
                message.id,
                message.channel,
                values["status"],
                result.error,
            )


@dataclass(slots=True)
class _Reach:
    """What routing pushes needs about the people of a batch: their WeChat window (and how much of it is
    used), subscriptions, and phone numbers on their forms (for SMS without an SMS account)."""

    last_inbound: dict[int, datetime]
    sends_since: dict[int, list[datetime]]
    subscribed: dict[int, frozenset[str]]
    phones: dict[int, str]
    now: datetime

    @staticmethod
    async def load(store: OutboxStore, people: set[int], accounts: Mapping[tuple[int, str], _Account],
                   now: datetime, *, with_phones: bool) -> _Reach:
        last = {pid: a.last_inbound_at for (pid, channel), a in accounts.items()
                if channel == "wechat" and pid in people and a.last_inbound_at is not None}
        sends: dict[int, list[datetime]] = defaultdict(list)
        subscribed: dict[int, set[str]] = defaultdict(set)
        phones: dict[int, str] = {}
        if people:
            if last:
                for pid, at in await store.custom_sends(last, now - WECHAT_WINDOW):
                    sends[pid].append(at)
            for pid, template in await store.subscriptions(people):
                subscribed[pid].add(template)
            without_sms = {pid for pid in people if (pid, "sms") not in accounts}
            if with_phones and without_sms:
                phones = await store.phones(without_sms)
        return _Reach(last, sends, {k: frozenset(v) for k, v in subscribed.items()}, phones, now)

    def window(self, person_id: int) -> tuple[bool, int]:
        """Whether the person's customer-service window is open, and how many messages it already carried."""
        last = self.last_inbound.get(person_id)
        if last is None or self.now - last >= WECHAT_WINDOW:
            return False, 0
        return True, sum(1 for at in self.sends_since.get(person_id, ()) if at >= last)


async def _record_attempts(
    store: OutboxStore, settled: Sequence[tuple[OutgoingMessage, SendResult]], now: datetime
) -> None:
    rows = [
        {"outbox_id": m.id, "method": a.method, "outcome": a.outcome, "errcode": a.errcode, "attempted_at": now}
        for m, r in settled
        for a in (r.attempts or (Attempt("simulator" if m.simulated else m.channel,
                                         "sent" if r.status is SendStatus.SENT else "error"),))
    ]
    await store.record_attempts(rows)
