"""One batch of inbounds in one transaction: people resolved and locked, dialogs stepped, everything written.

The dispatcher (bot/dispatcher.py) decides what goes into a batch and what to do with the outcomes; this
module does the work inside the transaction, in this order:

0. refuse a signed WeChat URL seen before with another body (the replay check; several processes share it
   through the `wechat_request` table, claimed here in one statement);
1. resolve (or create) the person behind each address (simulator users in a namespace of their own);
2. lock those people's conversation rows (PostgreSQL: FOR UPDATE, sorted; SQLite: BEGIN IMMEDIATE);
3. de-duplicate against inbound messages already stored (a retried delivery gets the first reply, and only
   when the stored message is the same person's);
4. run the pure dialog step for each inbound in order, applying the events it emits;
5. store the inbounds, the new states, the outbox rows (the replies given in the HTTP response among them,
   as `passive`: what a retry is answered with) and the event log.

The statements for these steps are in storage/hot_path.py, several rows each (on SQLite they run directly
on the sqlite3 connection); effects write through the session, in the same transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import checkin_effects, effects, linking
from bot.casework import chat as _casework_chat  # noqa: F401  (registers its event handlers)
from bot.casework import effects as _casework_effects  # noqa: F401  (registers its event handlers)
from bot.effects import LockOutOfOrder
from bot.job_board import JobBoard
from dialogs import caseworker_reply, engine, wechat_text
from dialogs.caseworker_reply import MARK as REPLY_MARK
from dialogs.flows import caseworker
from dialogs.flows.link import JOINED as LINK_JOINED
from dialogs.flows.link import OFFER as LINK_OFFER
from dialogs.i18n import DEFAULT_LOCALE, render
from dialogs.sms_text import pack, within_parts
from dialogs.types import Inbound, StepContext, StepResult
from scheduler.fires import FireWrites
from scheduler.planning import Planner
from storage import hot_path
from storage import repositories as repo
from storage.crypto import FieldCipher

log = logging.getLogger(__name__)
# Its handlers register on import.
_ = checkin_effects

MAX_FEEDBACK_ROUNDS = 3


class StaleRead(RuntimeError):
    """What the transaction read was changed by another process before it could be locked; retry it."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a channel needs to answer: passive replies, or none when they were queued for delivery."""

    person_id: int
    replies: tuple[str, ...]
    awaiting: str | None
    duplicate: bool = False
    pushed: bool = False
    # Work was queued for a background worker (alerts to caseworkers): wake the workers after the commit.
    wake: bool = False
    # Not processed: a signed URL replayed with another body, or a key that is another person's message.
    refused: bool = False
    # Not committed by the channel's deadline (bot/dispatcher.py `submit`'s `answer_by`): the channel answers at
    # once without the replies, which are pushed once the unit of work commits.
    deferred: bool = False


REFUSED = Outcome(0, (), None, refused=True)
DEFERRED = Outcome(0, (), None, deferred=True)


class _Given(NamedTuple):
    """A stored inbound's answer, replayed to a retry of the same person's message."""

    person_id: int
    replies: tuple[str, ...]
    awaiting: str | None


@dataclass(frozen=True, slots=True)
class Prepared:
    """What an inbound's unit of work needs that depends on the inbound alone, computed before its batch: the
    address's blind index ("" for scheduled work, which names its person) and the stored body, encrypted."""

    address_hash: str
    body_enc: str


def prepare(inbound: Inbound, cipher: FieldCipher) -> Prepared:
    """The dispatcher calls this when an inbound is queued, while the lane may still be waiting for the batch
    before it to commit (its fsync, on aiosqlite's thread): work that needs no lock, out of the batch's own time."""
    address_hash = "" if inbound.person_id is not None else repo.address_hash(
        cipher, inbound.channel, inbound.address, simulated=inbound.simulated)
    return Prepared(address_hash, cipher.encrypt(_inbound_body(inbound)))


class Work(Protocol):
    """One inbound of a batch as the unit of work reads it: the dispatcher's own queued entry (bot/dispatcher.py
    `_Pending`: no second object per message and attempt), or an `Item`."""

    @property
    def inbound(self) -> Inbound: ...

    # Computed when it was queued (`prepare`); otherwise by the unit of work (`_ready`).
    @property
    def prepared(self) -> Prepared | None: ...

    def passive_allowed(self) -> bool:
        """Whether its replies can still go back in the HTTP response."""
        ...


@dataclass(frozen=True, slots=True)
class Item:
    """One inbound of the batch, and whether its replies can still go back in the HTTP response (`Work` for the
    callers other than the dispatcher: scheduled check-ins prepared ahead, tests)."""

    inbound: Inbound
    allowed: Callable[[], bool]
    prepared: Prepared | None = None

    def passive_allowed(self) -> bool:
        return self.allowed()


def _ready(item: Work, cipher: FieldCipher) -> Prepared:
    prepared = item.prepared
    return prepared if prepared is not None else prepare(item.inbound, cipher)


class UnitOfWork:
    def __init__(
        self,
        session: AsyncSession,
        cipher: FieldCipher,
        now: datetime,
        today: Any,
        *,
        degraded: bool = False,
        also_lock: frozenset[int] = frozenset(),
        board: JobBoard | None = None,
        prune_requests: bool = False,
        tz: ZoneInfo | None = None,
        planner: Planner | None = None,
        capture: bool = False,
    ) -> None:
        self.session = session
        # Capture: run everything but write nothing of it (bot/prepared_checkins.py keeps what it would write).
        self.capture = capture
        # The kinds of events whose effects ran, and the people whose dialog step failed (per person).
        self.applied: dict[int, set[str]] = {}
        self.failed: set[int] = set()
        self.board = board
        # Forget signed WeChat URLs past their replay window (the dispatcher asks for it now and then).
        self.prune_requests = prune_requests
        self.tz = tz or ZoneInfo("Asia/Shanghai")
        self.planner = planner
        self.fires = FireWrites()
        # Degraded: the batch failed for a reason other than the database; each inbound is stored with an
        # apology and its person's conversation as it was, without running the dialog or its effects.
        self.degraded = degraded
        self.cipher = cipher
        # People to lock with the batch's own (a previous run of this batch found them by linking).
        self.also_lock = also_lock
        self.now = now
        self.today = today
        self.accounts: dict[tuple[str, str], repo.AccountRef] = {}
        self.first_contact: set[int] = set()  # accounts created here: a new SMS number may be a known person
        self.versions: dict[int, int] = {}
        self.states: dict[int, dict[str, Any]] = {}
        self.steps: dict[int, int] = {}
        self.inbound_rows: list[dict[str, Any]] = []
        self.outbox_rows: list[list[dict[str, Any]]] = []
        self.event_log: list[dict[str, Any]] = []
        self.row_updates = effects.RowUpdates()
        self.moved_accounts: dict[int, int] = {}
        self.form_changes: list[dict[str, Any]] = []
        # Markers other people's effects put in a conversation (bot/casework/replies.py): person id -> value.
        self.marks: dict[int, dict[str, Any]] = {}
        self.rows: hot_path.Rows  # set by run(): needs the transaction's connection

    async def run(self, all_items: Sequence[Work]) -> list[Outcome]:
        cipher = self.cipher
        self.rows = await hot_path.rows_for(self.session)
        if self.prune_requests:
            await self.rows.prune_requests(self.now)
        refused = await self._replays(all_items)
        items = [item for i, item in enumerate(all_items) if i not in refused]
        # Scheduled work names its person: no address to resolve (its "account" is the person alone).
        ready = [_ready(item, cipher) for item in items]
        hashes = [p.address_hash for p in ready]
        await self._resolve_people([i for i in items if i.inbound.person_id is None], [h for h in hashes if h])
        named = {i.inbound.person_id for i in items if i.inbound.person_id is not None}
        await self._lock([*(a.person_id for a in self.accounts.values()), *named], optional=self.also_lock)
        seen = await self.rows.find_inbound([(item.inbound.channel, item.inbound.dedup_key) for item in items])
        replayed: dict[tuple[str, str], _Given] = {}
        if seen:
            # Retried deliveries (rare): the first reply is the inbound's `passive` outbox rows.
            given = await repo.passive_replies(self.session, (m.id for m in seen.values()))
            replayed = {
                key: _Given(m.person_id, tuple(cipher.decrypt(text) for text in given.get(m.id, ())), m.awaiting)
                for key, m in seen.items()
            }
        outcomes = []
        handled: list[tuple[Work, str]] = []
        for item, prepared in zip(items, ready, strict=True):
            inbound, address_hash = item.inbound, prepared.address_hash
            account = self._account(inbound, address_hash)
            prior = replayed.get((inbound.channel, inbound.dedup_key))
            if prior is not None and prior.person_id != account.person_id:
                # Another sender's message under this key: never its reply, never a second row.
                log.warning("inbound refused: its de-duplication key belongs to another person's message")
                outcomes.append(REFUSED)
                continue
            handled.append((item, address_hash))
            if prior is not None:
                outcomes.append(Outcome(account.person_id, prior.replies, prior.awaiting, duplicate=True))
                continue
            outcome = await self._handle(item, account, prepared.body_enc)
            replayed[(inbound.channel, inbound.dedup_key)] = _Given(outcome.person_id, outcome.replies,
                                                                   outcome.awaiting)
            outcomes.append(outcome)
        if not self.capture:
            await self._write(handled)
        for i in sorted(refused):
            outcomes.insert(i, REFUSED)
        return outcomes

    def _account(self, inbound: Inbound, address_hash: str) -> repo.AccountRef:
        if inbound.person_id is not None:
            return repo.AccountRef(0, inbound.person_id)
        return self.accounts[(inbound.channel, address_hash)]

    # -- 0. the replay check -------------------------------------------------------------------------

    async def _replays(self, items: Sequence[Work]) -> set[int]:
        """Positions of the inbounds whose signed URL was already used with another body."""
        signed = [(i, item.inbound.signed) for i, item in enumerate(items) if item.inbound.signed is not None]
        if not signed:
            return set()
        first: dict[int, hot_path.SignedRequest] = {}
        for _, request in signed:
            first.setdefault(request.key, request)
        stored = await self.rows.claim_requests(list(first.values()))
        refused = {i for i, request in signed if stored.get(request.key) != request.body_digest}
        if refused:
            log.warning("%d signed request(s) replayed with another body: refused", len(refused))
        return refused

    # -- 1. and 2. people and locks ----------------------------------------------------------------

    async def _resolve_people(self, items: Sequence[Work], hashes: list[str]) -> None:
        keys = sorted({(item.inbound.channel, h) for item, h in zip(items, hashes, strict=True)})
        self.accounts = await self.rows.find_accounts(keys)
        missing = [k for k in keys if k not in self.accounts]
        if not missing:
            return
        if not isinstance(self.rows, hot_path.SqliteRows):
            # PostgreSQL's advisory locks (SQLite: BEGIN IMMEDIATE already serialises writers; and a lane's held
            # connection makes no session for it).
            await repo.lock_addresses(self.session, (f"{c}:{h}" for c, h in missing))
        self.accounts |= await self.rows.find_accounts(missing)
        new: dict[bool, dict[tuple[str, str], str]] = {False: {}, True: {}}
        for item, h in zip(items, hashes, strict=True):
            key = (item.inbound.channel, h)
            if key not in self.accounts and key not in new[item.inbound.simulated]:
                new[item.inbound.simulated][key] = self.cipher.encrypt(item.inbound.address)
        for simulated, addresses in new.items():
            created = await self.rows.create_people(addresses, DEFAULT_LOCALE, self.now, simulated=simulated)
            self.accounts |= created
            self.first_contact |= {a.id for a in created.values()}

    async def _lock(self, person_ids: list[int], optional: Iterable[int] = ()) -> None:
        """Lock (PostgreSQL) and read these people's conversations, all in one statement in id order; an
        `optional` person that no longer exists is left out."""
        locked = await self.rows.open_states([*person_ids, *optional], self.cipher)
        if not locked.keys() >= set(person_ids):
            # Another process linked one of these addresses to someone else (and removed the person it
            # had) between our account look-up and the lock: start the unit of work again.
            raise StaleRead("a person disappeared before their conversation could be locked")
        for pid, conv in locked.items():
            self.versions[pid] = conv.version
            self.states.setdefault(pid, conv.state)

    # -- 4. one inbound ----------------------------------------------------------------------------

    async def _handle(self, item: Work, account: repo.AccountRef, body_enc: str) -> Outcome:
        inbound, cipher = item.inbound, self.cipher
        person_id = account.person_id
        if self.degraded:
            result = StepResult(dict(self.states[person_id])).say("common.error")
        else:
            result = await self._step(
                self.states[person_id], inbound, account, first_contact=account.id in self.first_contact
            )
        self.first_contact.discard(account.id)
        account.person_id = self.moved_accounts.pop(account.id, person_id)
        if account.person_id != person_id:
            # bot/linking.py moved this address to the person it belongs to: continue their conversation.
            person_id, result = await self._joined(person_id, account, inbound, result)
        self.states[person_id] = result.state
        self.steps[person_id] = self.steps.get(person_id, 0) + 1
        locale = str(result.state.get("locale") or DEFAULT_LOCALE)
        replies: tuple[str, ...] = ()
        if inbound.person_id is not None:
            # Scheduled work: one push, rendered there for WeChat and for SMS (never for the inbound's channel).
            outbox = self._push_rows(person_id, inbound, result, locale)
        else:
            texts = [render(m, locale, inbound.channel) for m in result.outbound]
            if inbound.channel == "sms":
                # Short replies share one SMS; a long one (the summary) goes as several of at most two parts.
                texts = pack(piece for text in texts for piece in within_parts(text))
            else:
                texts = [piece for text in texts for piece in wechat_text.within_limit(text)]
            passive = inbound.transport in ("wechat", "simulator") and item.passive_allowed()
            replies, queued = _passive_split(inbound, texts) if passive else ((), texts)
            internal = inbound.transport == "internal"
            outbox = [
                # Other internal inbounds' pushes go wherever the person can be reached then (bot/delivery.py).
                self._outbox_row(person_id, "auto" if internal else inbound.channel, cipher.encrypt(text), status,
                                 solicited=not internal)
                for status, group in (("passive", replies), ("queued", queued))
                for text in group
            ]
        self.inbound_rows.append(
            {
                "channel": inbound.channel,
                "dedup_key": inbound.dedup_key,
                "person_id": person_id,
                "kind": inbound.kind,
                "body_enc": body_enc,
                "awaiting": result.awaiting,
                "received_at": inbound.received_at,
                "processed_at": self.now,
            }
        )
        self.outbox_rows.append(outbox)
        return Outcome(person_id, replies, result.awaiting, pushed=any(row["status"] == "queued" for row in outbox))

    def _outbox_row(self, person_id: int, channel: str, body_enc: str, status: str, *, solicited: bool = True,
                    sms_body_enc: str | None = None, topic: str | None = None) -> dict[str, Any]:
        return {
            "person_id": person_id,
            "channel": channel,
            "kind": "text",
            "body_enc": body_enc,
            "solicited": solicited,
            "status": status,
            "attempts": 0,
            "next_attempt_at": self.now,
            "created_at": self.now,
            "sent_at": self.now if status == "passive" else None,
            "sms_body_enc": sms_body_enc,
            "topic": topic,
        }

    def _push_rows(self, person_id: int, inbound: Inbound, result: StepResult, locale: str) -> list[dict[str, Any]]:
        """Scheduled work (it names its person) says what it has to say in one push (one check-in is one
        message, one SMS), rendered for WeChat and for SMS: the route is chosen when it is sent
        (bot/delivery.py) and may end on either. Nothing to say, no push."""
        if not result.outbound:
            return []
        sms = "\n".join(render(m, locale, "sms") for m in result.outbound)
        wechat = "\n\n".join(render(m, locale, "wechat") for m in result.outbound)
        prefer = inbound.payload.get("push_channel")
        channel = "auto-sms" if prefer == "sms" else "auto"
        topic = inbound.payload.get("topic")
        return [
            self._outbox_row(person_id, channel, self.cipher.encrypt(part), "queued", solicited=False,
                             sms_body_enc=self.cipher.encrypt(sms) if i == 0 else None,
                             topic=str(topic)[:24] if isinstance(topic, str) else None)
            for i, part in enumerate(wechat_text.within_limit(wechat))
        ]

    async def _step(
        self, state: dict[str, Any], inbound: Inbound, account: repo.AccountRef, *, first_contact: bool = False
    ) -> StepResult:
        """The dialog step plus its effects; feedback from effects re-enters the dialog as synthetic events."""
        locale = str(state.get("locale") or DEFAULT_LOCALE)
        now = inbound.at or self.now
        today = now.astimezone(self.tz).date() if inbound.at else self.today
        ctx = StepContext(now=now, today=today, channel=inbound.channel, locale=locale)
        # A caseworker's own address gets the caseworker commands, never the laborer dialogs.
        dialog = engine.step if account.caseworker_id is None else caseworker.step
        if first_contact and account.caseworker_id is None and inbound.channel == "sms" and (
            offer := await linking.offer(self.session, self.cipher, account, inbound, now)
        ):
            # A new SMS number already on record for someone: the first message opens the confirmation.
            inbound = replace(inbound, kind="event", event=LINK_OFFER, payload=offer)
        try:
            result = dialog(state, inbound, ctx)
        except Exception:
            # A bug must not lose the message or wedge the person: keep the state, say sorry, log no content.
            log.exception("dialog step failed for person %d (%s)", account.person_id, inbound.kind)
            self.failed.add(account.person_id)
            return StepResult(dict(state)).say("common.error")
        outbound = list(result.outbound)
        events = list(result.events)
        applied = self.applied.setdefault(account.person_id, set())
        if not events:
            # Most messages emit no event (about four in five of the load test's mix): no effect context, a
            # frozen dataclass of twenty fields, built for nothing.
            return StepResult(result.state, outbound, result.events)
        effect_ctx = effects.EffectContext(
            self.session,
            self.cipher,
            account.person_id,
            account.id,
            inbound.channel,
            now,
            event_log=self.event_log,
            updates=self.row_updates,
            form_changes=self.form_changes,
            moved_accounts=self.moved_accounts,
            locked=self.versions.keys(),
            caseworker_id=account.caseworker_id,
            fires=self.fires,
            planner=self.planner,
            payload=inbound.payload,
            clock_now=self.now,
            local_today=today,  # a dated message's day (the simulator's `at`) for its effects as for its dialog
            board=self.board,
            simulated=inbound.simulated,
            marks=self.marks,
        )
        for _round in range(MAX_FEEDBACK_ROUNDS):
            feedback = []
            for event in events:
                applied.add(event.kind)
                payload = await effects.apply(effect_ctx, event)
                if payload is not None:
                    feedback.append(
                        replace(
                            inbound, kind="event", event=f"{event.kind}.result", payload=payload, received_at=now
                        )
                    )
            events = []
            for synthetic in feedback:
                try:
                    follow = dialog(result.state, synthetic, ctx)
                except Exception:
                    # As for the first step: keep what the message already did, say sorry, log no content.
                    log.exception("dialog step failed for person %d (%s)", account.person_id, synthetic.event)
                    self.failed.add(account.person_id)
                    follow = StepResult(result.state).say("common.error")
                result = StepResult(follow.state, result.outbound, result.events)
                outbound.extend(follow.outbound)
                events.extend(follow.events)
            if not events:
                break
        return StepResult(result.state, outbound, result.events)

    async def _joined(
        self, old_person: int, account: repo.AccountRef, inbound: Inbound, result: StepResult
    ) -> tuple[int, StepResult]:
        """After linking: the SMS-side person is gone, so rows of this batch move to the existing person,
        whose conversation (from this batch if it already changed here, else from the database) goes on."""
        person_id = account.person_id
        self.states.pop(old_person, None)
        self.steps.pop(old_person, None)
        for rows in (self.inbound_rows, *self.outbox_rows, self.event_log, self.form_changes):
            for row in rows:
                if row["person_id"] == old_person:
                    row["person_id"] = person_id
        if person_id not in self.states:
            await self._lock([person_id])  # in order: linking checked (EffectContext.may_lock)
        joined = replace(inbound, kind="event", event=LINK_JOINED, payload={})
        follow = await self._step(self.states[person_id], joined, account)
        return person_id, StepResult(follow.state, [*result.outbound, *follow.outbound], result.events)

    # -- 5. writing --------------------------------------------------------------------------------

    async def _write(self, handled: Sequence[tuple[Work, str]]) -> None:
        rows = self.rows
        if self.marks:
            await self._mark()
        if self.inbound_rows:
            ids = await rows.insert_inbound(self.inbound_rows)
            await rows.insert(
                hot_path.OUTBOX,
                [
                    dict(row, inbound_id=ids[(inbound["channel"], inbound["dedup_key"])])
                    for inbound, group in zip(self.inbound_rows, self.outbox_rows, strict=True)
                    for row in group
                ],
            )
        await rows.store_states(
            [(pid, self.states[pid], self.versions[pid] + steps) for pid, steps in self.steps.items()],
            self.now, self.cipher,
        )
        await self.row_updates.flush(self.session)
        await self.fires.flush(self.session)
        await rows.insert(hot_path.EVENT_LOG, self.event_log)
        await rows.insert(hot_path.FORM_CHANGE, self.form_changes)
        await rows.touch_accounts(
            (
                self.accounts[(item.inbound.channel, h)].id
                for item, h in handled
                if item.inbound.transport != "internal"
            ),
            self.now,
        )


    async def _mark(self) -> None:
        """Set the markers effects asked for (a caseworker's message awaits the person's reply) in those people's
        conversations: in the state this unit of work steps on when it holds it (the person wrote in the same batch),
        else read and locked now, in id order (`EffectContext.may_lock` checked it), and written with the others."""
        # (One asked for up front that is still not here has no conversation: never written to, nothing to mark.)
        missing = sorted(pid for pid in self.marks if pid not in self.states and pid not in self.also_lock)
        if missing and min(missing) < max(self.versions, default=0):
            raise LockOutOfOrder(min(missing))  # locked after a later id: again, with it locked up front
        if missing:
            await self._lock([], optional=missing)
        for pid, mark in self.marks.items():
            if pid in self.states:
                old = self.states[pid].get(REPLY_MARK)
                parked = self.states[pid].get(caseworker_reply.PARKED)
                new = (caseworker_reply.reopened(old, parked, mark[caseworker_reply.REOPENS], self.now)
                       if caseworker_reply.REOPENS in mark else caseworker_reply.renewed(old, mark, self.now))
                if new is old and parked is None:
                    continue  # a case closed that no window was open for: nothing written
                # (A window kept aside is given back, or has no use once another message opened one.)
                state = {key: value for key, value in self.states[pid].items()
                         if key not in (REPLY_MARK, caseworker_reply.PARKED)}
                self.states[pid] = state if new is None else {**state, REPLY_MARK: new}
                self.steps[pid] = self.steps.get(pid, 0) + 1


def _passive_split(inbound: Inbound, texts: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """What goes back in the HTTP response, and what is left for the outbox worker.

    WeChat's passive reply is one text message of at most 2,048 bytes: as many replies as fit go in it,
    joined, and the rest follow as service messages (queued in the same transaction, sent after the
    commit). The simulator shows each reply.
    """
    if not texts:
        return (), []
    if inbound.transport == "wechat":
        first, *rest = wechat_text.pack(texts)
        return (first,), rest
    return tuple(texts), []


def _inbound_body(inbound: Inbound) -> str:
    if not inbound.event and not inbound.location:
        # A text (nearly every inbound): the same JSON as the dict's, the string escaped by the encoder's C
        # routine alone; encoding the dict went through the encoder's Python layers (~3 us a message).
        return _TEXT_BODY.format(_BODY_JSON.encode(inbound.text))
    body: dict[str, Any] = {"text": inbound.text}
    if inbound.event:
        body |= {"event": inbound.event, "event_key": inbound.event_key}
    if inbound.location:
        body["location"] = list(inbound.location)
    return _BODY_JSON.encode(body)


# json.dumps(body, ensure_ascii=False) builds a new encoder on every call (only the defaults share one): the same
# text from one made once.
_BODY_JSON = json.JSONEncoder(ensure_ascii=False)
_TEXT_BODY = '{{"text": {}}}'

