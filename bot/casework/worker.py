"""The alert worker: claims queued alerts and delivers them to caseworkers, within seconds of the commit.

Each alert goes to the first channel that takes it, in this order, and records every channel tried (`route`)
and the outcome:
1. the caseworker's WeCom group robot (a text @-mentioning their phone). A robot takes 20 messages a minute:
   while what is waiting for a robot fits in what is left of its minute, each alert goes on its own; when
   more would go, everything waiting is combined into digests. Past the limit (45009), the alerts wait a
   minute for the same robot.
2. their WeChat (a customer-service message inside the 48-hour window; a template message outside it
   when a template is configured);
3. SMS through Kannel.
A channel that fails hands the alert to the next; with none left it is `failed` (or `undeliverable` when the
caseworker has no channel at all). Alerts about simulator users are shown by the simulator only
(`GET /simulator/alerts`), never sent through a gateway. Like the outbox worker, it claims rows before
sending (FOR UPDATE SKIP LOCKED on PostgreSQL) so that several processes never send the same alert; a claim
abandoned by a dead worker is given back to the queue (an alert twice is better than a visit missed).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.casework.alerts import ALERT, ALERT_LOCALE
from bot.casework.wecom import MAX_CONTENT_BYTES, PER_MINUTE, RobotOutcome, WeComRobot
from bot.clock import Clock
from bot.delivery import OutgoingMessage, Sender, SendStatus
from bot.finishing import STOP_GRACE, Finishing
from bot.wechat_api import Failure, WeChatApi, WeChatApiError
from dialogs.i18n import catalog
from storage import outbox_store
from storage.crypto import FieldCipher
from storage.models import Alert, Caseworker, CaseworkerAddress, ChannelAccount, OutboxMessage, Person

log = logging.getLogger(__name__)

BATCH = 200
CLAIM_SECONDS = 120
# After a wake, how long to let more alerts arrive before claiming them together.
GATHER = 0.5
# How often claims abandoned by a dead worker are looked for.
RECOVERY_INTERVAL = 30.0
MAX_ATTEMPTS = 8
BACKOFF = (10, 30, 60, 120, 300, 600, 1200, 1800)
ROBOT_WINDOW = timedelta(minutes=1)
_FAILURES_FOR_TEMPLATE = frozenset({Failure.WINDOW, Failure.UNSUBSCRIBED})
_DUE = (
    select(Alert.id, Alert.caseworker_id, Alert.body_enc, Alert.attempts, Alert.created_at, Caseworker.phone_enc,
           Caseworker.wechat_openid_enc, Caseworker.wecom_webhook_enc, Caseworker.wecom_robot_hash,
           Person.simulated)
    .join(Caseworker, Caseworker.id == Alert.caseworker_id)
    .outerjoin(Person, Person.id == Alert.person_id)
    .where(Alert.status == "queued", Alert.next_attempt_at <= bindparam("now"))
    .order_by(Alert.id)
    .limit(BATCH)
)


async def _to_played_caseworkers(session: AsyncSession, rows: Sequence[Any], now: datetime) -> None:
    """An alert about a simulator user also reaches the caseworker played on the simulator (their phone or openid
    as a simulator user who has written once): in that user's `GET /simulator/inbox`, never a gateway."""
    wanted = {r.caseworker_id for r in rows}
    accounts = await session.execute(
        select(CaseworkerAddress.caseworker_id, ChannelAccount.person_id, ChannelAccount.channel)
        .join(ChannelAccount, and_(ChannelAccount.channel == CaseworkerAddress.channel,
                                   ChannelAccount.address_hash == CaseworkerAddress.address_hash))
        .join(Person, Person.id == ChannelAccount.person_id)
        .where(CaseworkerAddress.caseworker_id.in_(wanted), Person.simulated.is_(True))
        .order_by(ChannelAccount.id)
    )
    played: dict[int, tuple[int, str]] = {}
    for caseworker_id, person_id, channel in accounts:
        # The first account they played from (on WeChat and SMS both: one copy is enough).
        played.setdefault(caseworker_id, (person_id, channel))
    inbox = [
        {"person_id": played[r.caseworker_id][0], "channel": played[r.caseworker_id][1], "kind": "text",
         "body_enc": r.body_enc, "solicited": False, "status": "sent", "attempts": 1, "next_attempt_at": now,
         # Dated by what made it (a step of a season played ahead of the clock): the inbox shows that time.
         "created_at": max(now, r.created_at), "sent_at": now, "external_id": "simulator",
         "sent_via": played[r.caseworker_id][1]}
        for r in rows if r.caseworker_id in played
    ]
    if inbox:
        await session.execute(insert(OutboxMessage), inbox)


@dataclass(slots=True)
class Claimed:
    """An alert taken for delivery, with where it can go (decrypted for the send only)."""

    id: int
    caseworker_id: int
    text: str
    attempts: int
    phone: str | None
    openid: str | None
    webhook: str | None
    robot: str | None
    route: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Settled:
    """The outcome to write for one alert."""

    status: str  # sent / queued / failed / undeliverable
    channel: str | None = None
    retry_at: datetime | None = None
    robot: str | None = None
    digest_id: int | None = None


class AlertWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        clock: Clock,
        robot: WeComRobot,
        *,
        wechat: WeChatApi | None = None,
        sms: Sender | None = None,
        template_id: str = "",
        poll_interval: float = 1.0,
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._clock = clock
        self._robot = robot
        self._wechat = wechat
        self._sms = sms
        self._template_id = template_id
        self._poll = poll_interval
        self._wake = asyncio.Event()
        # Set while the worker waits for a wake or its next poll, having found nothing to do.
        self.idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._rounds = Finishing("alerts")
        self._told_nowhere = False

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="alert-worker")

    async def stop(self, grace: float = STOP_GRACE) -> None:
        if self._task is not None:
            await self._rounds.stop([self._task], grace)
            self._task = None

    async def _run(self) -> None:
        last_recovery = float("-inf")
        loop = asyncio.get_running_loop()
        while True:
            try:
                if loop.time() - last_recovery >= RECOVERY_INTERVAL:
                    await self._rounds.run(self.recover_abandoned())
                    last_recovery = loop.time()
                busy = await self._rounds.run(self.run_once())
            except (OperationalError, DBAPIError, OSError) as exc:
                log.warning("alerts: database error %s; retrying", type(exc).__name__)
                busy = False
            except Exception:
                log.exception("alerts: unexpected error; continuing")
                busy = False
            if not busy:
                self.idle.set()
                try:
                    async with asyncio.timeout(self._poll):  # not wait_for: see OutboxWorker._run
                        await self._wake.wait()
                    # Woken by a commit: let the alerts of the next commits join the same claim (one transaction
                    # for many under load; half a second is still "within seconds").
                    await asyncio.sleep(GATHER)
                except TimeoutError:
                    pass
                self.idle.clear()
                self._wake.clear()

    async def recover_abandoned(self) -> int:
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(Alert)
                .where(Alert.status == "sending", Alert.claimed_until < now)
                .values(status="queued", claimed_until=None, next_attempt_at=now)
                .returning(Alert.id)
            )
            ids = list(result.scalars())
        if ids:
            log.warning("alerts: %d alert(s) claimed by a worker that stopped; queued again", len(ids))
        return len(ids)

    async def run_once(self) -> bool:
        """Claim and deliver one batch; True when there was work."""
        claimed = await self._claim()
        if not claimed:
            return False
        outcomes: dict[int, Settled] = {}
        by_robot: dict[str, list[Claimed]] = defaultdict(list)
        direct: list[Claimed] = []
        for alert in claimed:
            (by_robot[alert.robot] if alert.webhook and alert.robot else direct).append(alert)
        robots = [self._to_robot(robot, alerts, outcomes, direct) for robot, alerts in by_robot.items()]
        await asyncio.gather(*robots)
        await asyncio.gather(*(self._direct(alert, outcomes) for alert in direct))
        await self._settle(claimed, outcomes)
        return True

    # -- claiming --------------------------------------------------------------------------------

    async def _claim(self) -> list[Claimed]:
        """Take a batch of due alerts: `sending` for those with somewhere to go, `undeliverable` at once for
        those whose caseworker has no contact at all (the stand-in owner before anyone is imported)."""
        now = self._clock.now()
        engine = self._sessions.kw.get("bind")
        if isinstance(engine, AsyncEngine) and await outbox_store.no_alert_due(engine, now):
            # An empty poll or wake-up: no write transaction (SQLite's lock), nothing for the lane to wait behind.
            return []
        async with self._sessions() as session, session.begin():
            query = _DUE
            if session.bind.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=Alert)
            rows = list(await session.execute(query, {"now": now}))
            if not rows:
                return []
            # About a simulator user: shown by the simulator (GET /simulator/alerts), never sent through a gateway.
            played = [r.id for r in rows if r.simulated]
            nowhere = [r.id for r in rows if not r.simulated
                       and not (r.phone_enc or r.wechat_openid_enc or r.wecom_webhook_enc)]
            going = [r for r in rows if r.id not in {*played, *nowhere}]
            if played:
                await session.execute(ALERT.update().where(ALERT.c.id.in_(played)).values(
                    status="sent", channel="simulator", route="simulator", sent_at=now))
                await _to_played_caseworkers(session, [r for r in rows if r.simulated], now)
            # Core statements on the table: an ORM UPDATE would first look for the rows among loaded objects.
            if nowhere:
                await session.execute(ALERT.update().where(ALERT.c.id.in_(nowhere)).values(status="undeliverable"))
                self._report_nowhere(len(nowhere))
            if going:
                await session.execute(
                    ALERT.update().where(ALERT.c.id.in_([r.id for r in going]))
                    .values(status="sending", attempts=ALERT.c.attempts + 1,
                            claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
                )
        decrypt = self._cipher.decrypt_optional
        return [
            Claimed(r.id, r.caseworker_id, self._cipher.decrypt(r.body_enc), r.attempts + 1, decrypt(r.phone_enc),
                    decrypt(r.wechat_openid_enc), decrypt(r.wecom_webhook_enc), r.wecom_robot_hash)
            for r in going
        ]

    def _report_nowhere(self, count: int) -> None:
        # Once loudly, then quietly: before anyone is imported every alert goes to the stand-in.
        level = logging.DEBUG if self._told_nowhere else logging.WARNING
        self._told_nowhere = True
        log.log(level, "alerts: %d alert(s) for caseworkers without any contact (none imported yet?): kept as "
                       "undeliverable, not sent", count)

    # -- WeCom robots ----------------------------------------------------------------------------

    async def _sent_last_minute(self, robot: str) -> tuple[int, datetime | None]:
        """Messages this robot took in the last minute (a digest counts once) and when the oldest went."""
        since = self._clock.now() - ROBOT_WINDOW
        async with self._sessions() as session:
            count, oldest = (await session.execute(
                select(func.count(), func.min(Alert.sent_at)).where(
                    Alert.robot_hash == robot, Alert.sent_at > since,
                    or_(Alert.digest_id.is_(None), Alert.digest_id == Alert.id),
                )
            )).one()
        return int(count), oldest

    async def _to_robot(
        self, robot: str, alerts: list[Claimed], outcomes: dict[int, Settled], direct: list[Claimed]
    ) -> None:
        now = self._clock.now()
        sent, oldest = await self._sent_last_minute(robot)
        budget = PER_MINUTE - sent
        wait_until = (oldest or now) + ROBOT_WINDOW
        if len(alerts) <= budget:
            messages = [[alert] for alert in alerts]
        else:
            messages = digests(alerts)
            log.info("alerts: %d alert(s) for one robot with %d message(s) left this minute: %d digest(s)",
                     len(alerts), max(budget, 0), len(messages))
        for i, group in enumerate(messages):
            if i >= budget:
                for alert in group:
                    outcomes[alert.id] = Settled("queued", retry_at=wait_until)
                continue
            text = group[0].text if len(group) == 1 else digest_text(group)
            mentions = sorted({a.phone for a in group if a.phone})
            webhook = group[0].webhook
            assert webhook is not None
            result = await self._robot.send_text(webhook, text, mentions)
            for alert in group:
                alert.route.append("wecom")
            if result.outcome is RobotOutcome.SENT:
                lead = group[0].id if len(group) > 1 else None
                for alert in group:
                    outcomes[alert.id] = Settled("sent", "wecom", robot=robot, digest_id=lead)
            elif result.outcome is RobotOutcome.RATE_LIMITED:
                log.warning("alerts: a WeCom robot refused %d alert(s) as over its limit; waiting a minute",
                            len(group))
                for alert in group:
                    alert.errors.append(result.error or "wecom")
                    outcomes[alert.id] = Settled("queued", retry_at=now + ROBOT_WINDOW)
            else:
                log.warning("alerts: WeCom robot failed (%s); falling back for %d alert(s)", result.error, len(group))
                for alert in group:
                    alert.errors.append(result.error or "wecom")
                    direct.append(alert)

    # -- WeChat and SMS --------------------------------------------------------------------------

    async def _direct(self, alert: Claimed, outcomes: dict[int, Settled]) -> None:
        if alert.openid and self._wechat is not None:
            alert.route.append("wechat")
            if await self._by_wechat(alert):
                outcomes[alert.id] = Settled("sent", "wechat")
                return
        if alert.phone and self._sms is not None:
            alert.route.append("sms")
            message = OutgoingMessage(alert.id, 0, "sms", alert.phone, alert.text, "text")
            result = await self._sms.send(message)
            if result.status is SendStatus.SENT:
                outcomes[alert.id] = Settled("sent", "sms")
                return
            alert.errors.append(f"sms: {result.error}")
            if result.status is SendStatus.RETRY and alert.attempts < MAX_ATTEMPTS:
                delay = BACKOFF[min(alert.attempts, len(BACKOFF)) - 1]
                outcomes[alert.id] = Settled("queued", "sms", retry_at=self._clock.now() + timedelta(seconds=delay))
                return
        if not alert.route:
            # This process has no sender for the contacts the caseworker has (no SMS gateway configured, …).
            outcomes[alert.id] = Settled("undeliverable")
            return
        outcomes[alert.id] = Settled("failed", alert.route[-1])

    async def _by_wechat(self, alert: Claimed) -> bool:
        assert self._wechat is not None and alert.openid is not None
        try:
            await self._wechat.send_text(alert.openid, alert.text)
            return True
        except WeChatApiError as err:
            alert.errors.append(f"wechat: {err.reason}")
            if not (self._template_id and err.failure in _FAILURES_FOR_TEMPLATE):
                return False
        except (OperationalError, DBAPIError, OSError) as exc:
            alert.errors.append(f"wechat: {type(exc).__name__}")
            return False
        try:
            # Outside the 48-hour window: a template message (one field, {{content.DATA}}).
            await self._wechat.send_template(alert.openid, self._template_id, {"content": alert.text})
            return True
        except WeChatApiError as err:
            alert.errors.append(f"wechat template: {err.reason}")
        except (OperationalError, DBAPIError, OSError) as exc:
            alert.errors.append(f"wechat template: {type(exc).__name__}")
        return False

    # -- settling --------------------------------------------------------------------------------

    async def _settle(self, claimed: Sequence[Claimed], outcomes: dict[int, Settled]) -> None:
        now = self._clock.now()
        rows: list[dict[str, Any]] = []
        for alert in claimed:
            outcome = outcomes.get(alert.id, Settled("failed"))
            values: dict[str, Any] = {
                "id": alert.id, "status": outcome.status, "claimed_until": None,
                "route": ">".join(alert.route)[:64] or None,
                "last_error": "; ".join(alert.errors)[-200:] or None,
            }
            if outcome.channel is not None:
                values["channel"] = outcome.channel
            if outcome.status == "sent":
                values |= {"sent_at": now, "robot_hash": outcome.robot, "digest_id": outcome.digest_id}
            elif outcome.status == "queued":
                if alert.attempts >= MAX_ATTEMPTS:
                    values["status"] = "failed"
                else:
                    values["next_attempt_at"] = outcome.retry_at or now
            rows.append(values)
        async with self._sessions() as session, session.begin():
            await session.execute(update(Alert), rows)
        failed = sum(1 for r in rows if r["status"] == "failed")
        nowhere = sum(1 for r in rows if r["status"] == "undeliverable")
        if failed or nowhere:
            log.warning("alerts: %d alert(s) failed on every channel, %d had no channel this service can send on",
                        failed, nowhere)


def digests(alerts: list[Claimed]) -> list[list[Claimed]]:
    """The alerts in order, packed into as few digests as fit a robot's message."""
    groups: list[list[Claimed]] = []
    for alert in alerts:
        if groups and len(digest_text([*groups[-1], alert]).encode()) <= MAX_CONTENT_BYTES:
            groups[-1].append(alert)
        else:
            groups.append([alert])
    return groups


def digest_text(alerts: Sequence[Claimed]) -> str:
    lines = "\n".join(f"{i}. {a.text}" for i, a in enumerate(alerts, 1))
    return catalog(ALERT_LOCALE).get("alert.digest").format(count=len(alerts), lines=lines)
