"""The dispatcher's guarantees: per-person order, no lost update, de-duplication, parallel people."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from bot import dispatcher as dispatcher_module
from bot import keys
from bot.unit_of_work import Outcome
from dialogs.i18n import render
from dialogs.types import Inbound, Outbound
from storage.hot_path import HeldConnection
from storage.models import Conversation, InboundMessage, OutboxMessage


def _inbound(user: str, text: str, dedup: str | None = None, transport: str = "simulator") -> Inbound:
    return Inbound(
        channel="wechat",
        address=user,
        kind="text",
        dedup_key=dedup or uuid.uuid4().hex,
        received_at=datetime.now(UTC),
        text=text,
        transport=transport,  # type: ignore[arg-type]
        simulated=transport == "simulator",
    )


async def _count(app: Any, model: Any, *where: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _version(app: Any) -> list[int]:
    async with app[keys.SESSIONS]() as session:
        return list(await session.scalars(select(Conversation.version).order_by(Conversation.person_id)))


async def test_one_persons_messages_apply_in_arrival_order(client: Any) -> None:
    """Regression guard for lost or reordered updates: language switches are order-sensitive."""
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    commands = ["english", "中文"] * 10 + ["english"]
    futures = [dispatcher.submit(_inbound("order-user", c)) for c in commands]
    outcomes: list[Outcome] = await asyncio.gather(*futures)
    for command, outcome in zip(commands, outcomes, strict=True):
        expected = "Language set to English." if command == "english" else "已切换为中文。"
        assert outcome.replies[0] == expected
    assert await _version(app) == [len(commands)]
    assert await _count(app, InboundMessage) == len(commands)


async def test_concurrent_http_messages_lose_no_update(client: Any) -> None:
    responses = await asyncio.gather(
        *[client.post("/simulator/messages", json={"user": "busy", "text": "菜单"}) for _ in range(30)]
    )
    assert [r.status for r in responses] == [200] * 30
    assert await _version(client.server.app) == [30]


async def test_same_delivery_three_times_is_processed_once(client: Any) -> None:
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    first = await dispatcher.submit(_inbound("dup-user", "english"))
    assert first.replies
    futures = [dispatcher.submit(_inbound("dup-user", "中文", dedup="same-msg")) for _ in range(3)]
    outcomes = await asyncio.gather(*futures)
    assert len({o.replies for o in outcomes}) == 1
    assert outcomes[0].replies[0] == "已切换为中文。" and "1. 登记/更新就业信息" in outcomes[0].replies[1]
    # A fourth copy, after the first was committed, is answered from the database.
    again = await dispatcher.submit(_inbound("dup-user", "中文", dedup="same-msg"))
    assert again.duplicate and again.replies == outcomes[0].replies
    assert await _version(app) == [2]
    assert await _count(app, InboundMessage) == 2


async def test_different_people_each_get_their_own_state(client: Any) -> None:
    dispatcher = client.server.app[keys.DISPATCHER]
    users = [f"person-{i}" for i in range(40)]
    outcomes = await asyncio.gather(
        *[dispatcher.submit(_inbound(u, "english" if i % 2 else "中文")) for i, u in enumerate(users)]
    )
    assert len({o.person_id for o in outcomes}) == 40
    for i, outcome in enumerate(outcomes):
        assert outcome.replies[0] == ("Language set to English." if i % 2 else "已切换为中文。")


async def test_passive_replies_are_recorded_and_queued_ones_left_for_the_worker(client: Any) -> None:
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    await dispatcher.submit(_inbound("sim", "菜单"))
    assert await _count(app, OutboxMessage, OutboxMessage.status == "passive") == 2
    # Scheduled work enters as an internal inbound: nothing answers in a response, all goes to the outbox.
    outcome = await dispatcher.submit(_inbound("sim", "菜单", transport="internal"))
    assert outcome.replies == () and outcome.pushed
    assert await _count(app, OutboxMessage, OutboxMessage.status.in_(["queued", "skipped", "sent"])) == 2


# Blips in the late push: none; fewer than a unit of work waits out; more than that (the background retries).
@pytest.mark.parametrize("blips", [0, 2, 6])
async def test_a_reply_committed_as_the_channel_gave_up_is_pushed_and_not_replayed(
    client: Any, blips: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The WeChat handler's deadline passes while the unit of work commits: its replies were stored as
    `passive` but never went out, so they are queued for the worker (through database outages too: nobody
    retries a message answered "success"), and a retry gets no copy of them."""
    monkeypatch.setattr(dispatcher_module, "LATE_RETRIES", (0.05, 0.05, 0.05))
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    async with _late_push_blips(app, dispatcher, blips) as (future, failures):
        outcome = await future
        assert outcome.replies  # committed as a passive reply ...
        # ... while the push waits out the outage, the lane goes on with other messages ...
        other = await dispatcher.submit(_inbound("someone-else", "菜单"))
        assert other.replies and not other.duplicate
        if blips > len(dispatcher_module.DB_RETRIES):
            assert dispatcher._late_tasks  # still waiting (DB_RETRIES alone take 1.75 s)
        for _ in range(200):  # ... and the replies are handed to the outbox worker
            if not await _count(app, OutboxMessage, OutboxMessage.status == "passive", _late_rows()):
                break
            await asyncio.sleep(0.02)
    assert len(failures) == blips
    assert await _count(app, OutboxMessage, OutboxMessage.status == "passive", _late_rows()) == 0
    assert await _count(app, OutboxMessage, OutboxMessage.status == "queued", OutboxMessage.sent_at.is_(None)) == 1
    again = await dispatcher.submit(_inbound("late-user", "菜单", dedup="late-msg", transport="wechat"))
    assert again.duplicate and again.replies == ()
    assert await _count(app, InboundMessage, InboundMessage.dedup_key == "late-msg") == 1


async def test_late_replies_given_up_after_a_long_outage_are_logged_without_content(
    client: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dispatcher_module, "LATE_RETRIES", (0.05,))
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    attempts = len(dispatcher_module.DB_RETRIES) + 2  # every attempt of the late push fails
    with caplog.at_level(logging.WARNING, logger="bot.dispatcher"):
        async with _late_push_blips(app, dispatcher, attempts) as (future, failures):
            await future
            for _ in range(200):
                if len(failures) == attempts and not dispatcher._late_tasks:
                    break
                await asyncio.sleep(0.02)
    assert len(failures) == attempts
    given_up = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in given_up] == ["database unavailable, giving up on 1 late replies: OperationalError"]
    assert not any("菜单" in r.getMessage() or "late-user" in r.getMessage() for r in caplog.records)
    # Nothing was sent twice or marked queued: the reply is still the stored `passive` one.
    assert await _count(app, OutboxMessage, OutboxMessage.status == "passive", _late_rows()) == 1


async def test_stopping_while_late_replies_wait_for_the_database_says_so(
    client: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dispatcher_module, "DB_RETRIES", (60.0,))
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    async with _late_push_blips(app, dispatcher, 100) as (future, failures):
        await future
        for _ in range(200):
            if failures:
                break
            await asyncio.sleep(0.02)
        assert failures and dispatcher._late_tasks
        with caplog.at_level(logging.ERROR, logger="bot.dispatcher"):
            await dispatcher.stop()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR] == [
        "stopping with late replies still unqueued (1 batch(es)): they stay unsent"
    ]
    assert not dispatcher._late_tasks


def _late_rows() -> Any:
    return OutboxMessage.inbound_id.in_(select(InboundMessage.id).where(InboundMessage.dedup_key == "late-msg"))


@contextlib.asynccontextmanager
async def _late_push_blips(app: Any, dispatcher: Any, blips: int) -> AsyncIterator[tuple[Any, list[str]]]:
    """Submit the message "late-msg" and make the handler's timer fire as its transaction commits; the
    first `blips` attempts to queue its late replies fail as a dropped database would."""
    engine = app[keys.ENGINE].sync_engine
    inbound = _inbound("late-user", "菜单", dedup="late-msg", transport="wechat")
    future = dispatcher.submit(inbound, passive_deadline=asyncio.get_running_loop().time() + 60)
    failures: list[str] = []

    def timer_fires(connection: Any) -> None:
        # What the handler's timer does, at the worst moment: as the transaction holding this inbound (and
        # not the outbox worker's or any other) commits.
        mine = connection.exec_driver_sql("SELECT count(*) FROM inbound_message WHERE dedup_key = 'late-msg'")
        if mine.scalar() and not future.done():
            dispatcher.give_up_passive(future)

    def database_blips(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # The late push's statement (the outbox worker updates statuses too, by id).
        late_push = statement.startswith("UPDATE outbox_message SET status") and "inbound_id IN" in statement
        if late_push and len(failures) < blips:
            failures.append(statement)
            raise OperationalError(statement, None, ConnectionError("the database dropped for a moment"))

    held_commit = HeldConnection.commit

    async def held_timer_fires(held: HeldConnection, tx: Any) -> None:
        # The same moment on SQLite, where the lane commits on the connection it holds (no SQLAlchemy commit).
        mine = held.db.execute("SELECT count(*) FROM inbound_message WHERE dedup_key = 'late-msg'").fetchone()[0]
        if mine and not future.done():
            dispatcher.give_up_passive(future)
        await held_commit(held, tx)

    sa_event.listen(engine, "commit", timer_fires)
    sa_event.listen(engine, "before_cursor_execute", database_blips)
    HeldConnection.commit = held_timer_fires  # type: ignore[method-assign]
    try:
        yield future, failures
    finally:
        HeldConnection.commit = held_commit  # type: ignore[method-assign]
        sa_event.remove(engine, "commit", timer_fires)
        sa_event.remove(engine, "before_cursor_execute", database_blips)


async def test_stored_text_is_encrypted(client: Any, database_url: str) -> None:
    from tests.fakes.identity import make_id

    app = client.server.app
    id_number = make_id()
    await app[keys.DISPATCHER].submit(_inbound("secretive", f"我的身份证 {id_number}"))
    async with app[keys.SESSIONS]() as session:
        bodies = list(await session.scalars(select(InboundMessage.body_enc)))
        states = list(await session.scalars(select(Conversation.state)))
    assert bodies and all(id_number not in b for b in bodies)
    assert all(id_number not in repr(s) for s in states)


async def test_following_again_makes_the_person_reachable_on_wechat_again(client: Any) -> None:
    from storage.models import ChannelAccount

    for event in ("subscribe", "unsubscribe"):
        assert (await client.post("/simulator/messages", json={"user": "fickle", "event": event})).status == 200
    async with client.server.app[keys.SESSIONS]() as session:
        assert (await session.scalars(select(ChannelAccount.unsubscribed_at))).one() is not None
    await client.post("/simulator/messages", json={"user": "fickle", "event": "subscribe"})
    async with client.server.app[keys.SESSIONS]() as session:
        assert (await session.scalars(select(ChannelAccount.unsubscribed_at))).one() is None


async def test_an_inbound_whose_effect_fails_is_kept_answered_once_and_the_person_goes_on(
    client: Any, monkeypatch: Any, caplog: Any
) -> None:
    """A bug in an effect must not lose the message (a 503 would make the sender retry into the same bug)."""
    from bot import effects

    async def broken(ctx: Any, event: Any) -> None:
        raise RuntimeError("bug in an effect")

    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    subscribe = Inbound(channel="wechat", address="effect-user", kind="event", dedup_key="sub-1",
                        received_at=datetime.now(UTC), event="subscribe", transport="simulator", simulated=True)
    assert (await dispatcher.submit(subscribe)).awaiting == "consent"
    monkeypatch.setitem(effects._HANDLERS, "consent_given", [broken])  # a kind has a list of handlers
    # Another person's message in the same batch is not held back by the failing one.
    failing, other = await asyncio.gather(
        dispatcher.submit(_inbound("effect-user", "同意", dedup="consent-1")),
        dispatcher.submit(_inbound("bystander", "english")),
    )
    assert failing.replies == ("抱歉, 系统出了点问题, 请稍后再发一次。",)
    assert failing.awaiting == "consent"  # the conversation is as it was
    assert other.replies[0] == "Language set to English." and "Find work" in other.replies[1]
    assert "stored with an apology" in caplog.text and "同意" not in caplog.text
    # Kept once; the sender's retry is answered from the store, not processed again.
    assert await _count(app, InboundMessage, InboundMessage.dedup_key == "consent-1") == 1
    again = await dispatcher.submit(_inbound("effect-user", "同意", dedup="consent-1"))
    assert again.duplicate and again.replies == failing.replies
    # Once the bug is gone the same answer goes through.
    monkeypatch.undo()
    fixed = await dispatcher.submit(_inbound("effect-user", "同意"))
    assert fixed.awaiting == "name"


async def test_an_inbound_that_fails_even_with_an_apology_is_refused_and_not_stored(
    client: Any, monkeypatch: Any
) -> None:
    """When even the apology cannot be made (here: no text can be rendered), the sender is told to retry."""
    from bot import unit_of_work
    from bot.dispatcher import DispatchUnavailable

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("bug in rendering")

    monkeypatch.setattr(unit_of_work, "render", broken)
    app = client.server.app
    with pytest.raises(DispatchUnavailable):
        await app[keys.DISPATCHER].submit(_inbound("render-user", "菜单", dedup="render-1"))
    assert await _count(app, InboundMessage, InboundMessage.dedup_key == "render-1") == 0


async def test_a_state_the_dialog_cannot_read_gets_an_apology_and_start_over_recovers(
    client: Any, caplog: Any
) -> None:
    """A conversation state the flows cannot handle (left by a bug or an older version) must not lose the
    message or wedge the person: the message is stored, answered with an apology, the state kept as it
    was; the commands that work anywhere still do, and 重新开始 gets the person going again."""
    app = client.server.app
    assert (await client.post("/simulator/messages", json={"user": "broken", "text": "菜单"})).status == 200
    corrupted = {"v": 1, "locale": "zh_CN", "flow": "survey", "survey": 42, "awaiting": "name"}
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Conversation).values(state=corrupted))
    caplog.set_level(logging.ERROR)

    resp = await client.post("/simulator/messages", json={"user": "broken", "text": "王小明"})
    assert resp.status == 200
    assert (await resp.json())["replies"] == [render(Outbound(key="common.error"), "zh_CN", "wechat")]
    assert "dialog step failed" in caplog.text and "王小明" not in caplog.text
    async with app[keys.SESSIONS]() as session:
        [state] = list(await session.scalars(select(Conversation.state)))
    assert state == corrupted
    assert await _count(app, InboundMessage) == 2

    resp = await client.post("/simulator/messages", json={"user": "broken", "text": "重新开始"})
    assert resp.status == 200
    assert (await resp.json())["replies"][0] == render(Outbound(key="common.restarted"), "zh_CN", "wechat")
    async with app[keys.SESSIONS]() as session:
        [state] = list(await session.scalars(select(Conversation.state)))
    assert isinstance(state["survey"], dict)
