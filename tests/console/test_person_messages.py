"""A laborer's messages on their console page, as a deployment has them: the world's people each had a short
WeChat conversation (tests/console/world.py writes the rows the pipeline writes), a new message goes through the
real pipeline, and a check-in comes from the scheduler. Shown newest first, in words (微信, 已回复), never raw codes;
numbers in them masked; out of scope the same 404 as nobody; the scheduler's own events are not the person
speaking."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.channels.wechat_protocol import dedup_key as wechat_key
from bot.console import person
from scheduler import fires
from storage.models import InboundMessage, OutboxMessage
from tests.checkins.helpers import add_people
from tests.console.world import BOSS_PHONE, A, World, conversation_texts
from tests.people import say

MASKED_BOSS = BOSS_PHONE[:3] + "****" + BOSS_PHONE[-4:]


def _timeline(page: str) -> list[tuple[str, str]]:
    """(text, who · way · state · time) of each message, top first."""
    section = page.split('id="messages"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<span class="main">(.*?)</span>\s*<span class="who">(.*?)</span>', section, re.S)
    return [(text.strip(), " ".join(who.split())) for text, who in items]


async def test_the_person_page_shows_their_conversation_newest_first_numbers_masked(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    status, page = await (await signed_in("caseworker_a")).get(f"/console/people/{a.person_id}")
    assert status == 200
    shown = _timeline(page)
    expected = [text.replace(BOSS_PHONE, MASKED_BOSS) for text in conversation_texts(a)]
    assert [text for text, _ in shown] == list(reversed(expected))
    assert BOSS_PHONE not in page
    whos = [who for _, who in shown]
    assert whos[0].startswith("发给本人 · 微信 · 已发送")  # the check-in push, sent over WeChat
    assert whos[1].startswith("发给本人 · 微信 · 已回复") and whos[2].startswith("本人发来 · 微信 · ")
    assert not any(code in " ".join(whos) for code in ("passive", "wechat", "auto", "sent "))
    # Another county's caseworker: the same 404 as a person who does not exist.
    other = await signed_in("caseworker_c")
    assert (await other.get(f"/console/people/{a.person_id}"))[0] == 404
    assert (await other.get("/console/people/999999"))[0] == 404
    # The simulated laborer (same conversation) is nobody's.
    assert (await (await signed_in("supervisor")).get(f"/console/people/{world.people['sim'].person_id}"))[0] == 404


async def test_a_message_through_the_pipeline_shows_like_the_worlds(console: Any, world: World,
                                                                    signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    clock = app[keys.CLOCK]
    clock.advance(timedelta(minutes=5))
    said = await say(app, "wechat", f"o-{a.name}-11", "我换号了 新号13800001111")
    assert said.person_id == a.person_id and said.replies
    async with app[keys.SESSIONS]() as session:
        inbound = (await session.scalars(select(InboundMessage).where(InboundMessage.person_id == a.person_id)
                                         .order_by(InboundMessage.id.desc()))).first()
        replies = list(await session.scalars(select(OutboxMessage.body_enc).where(
            OutboxMessage.inbound_id == inbound.id)))
    assert inbound is not None and replies
    _, page = await (await signed_in("caseworker_a")).get(f"/console/people/{a.person_id}")
    shown = _timeline(page)
    texts = [text for text, _ in shown]
    assert "我换号了 新号138****1111" in texts and "13800001111" not in page
    for body in replies:
        reply = app[keys.CIPHER].decrypt(body)
        assert any(reply.split("\n")[0][:20] in text for text in texts), reply
    assert shown[len(replies)][1].startswith("本人发来 · 微信")


async def test_the_schedulers_check_in_is_a_message_to_them_not_from_them(console: Any, world: World,
                                                                          signed_in: Any) -> None:
    app = console.server.app
    recorded = app[keys.CLOCK].now() - timedelta(days=30)
    [pid] = await add_people(app, 1, recorded_at=recorded, channels=("wechat",), home_division=A, prefix="wx")
    await app[keys.DUE_WORK].run_due(recorded + timedelta(days=14))
    async with app[keys.SESSIONS]() as session:
        events = list(await session.scalars(select(InboundMessage.kind).where(InboundMessage.person_id == pid)))
    assert events == ["event"]  # the scheduler's check-in entered the pipeline as the person's event
    _, page = await (await signed_in("caseworker_a")).get(f"/console/people/{pid}")
    shown = _timeline(page)
    assert [who.split(" · ")[0] for _, who in shown] == ["发给本人"], shown
    assert "checkin" not in page.split('id="messages"', 1)[1].split("</section>", 1)[0]


async def test_what_they_wrote_comes_before_what_to_do_the_older_folded(console: Any, world: World,
                                                                        signed_in: Any) -> None:
    """Opening someone who asked for a person, the caseworker read the messages at the bottom of a phone's page,
    under every form. They come right after the form now, the ten newest open and the rest folded."""
    app = console.server.app
    a = world.people["a"]
    for n in range(12):
        app[keys.CLOCK].advance(timedelta(minutes=1))
        await say(app, "wechat", f"o-{a.name}-11", f"第{n}条 请问补贴什么时候发")
    _, page = await (await signed_in("caseworker_a")).get(f"/console/people/{a.person_id}")
    assert page.index('id="form"') < page.index('id="messages"') < page.index('id="act"')
    section = page.split('id="messages"', 1)[1].split("</section>", 1)[0]
    recent, earlier = section.split("<details>", 1)
    assert len(_timeline('id="messages"' + recent + "</section>")) == 10
    assert "第11条" in recent and "第0条" in earlier and "更早的消息(" in earlier
    async with app[keys.SESSIONS]() as session:
        rows = len(list(await session.scalars(select(InboundMessage.id).where(
            InboundMessage.person_id == a.person_id)))) + len(list(await session.scalars(select(OutboxMessage.id).where(
                OutboxMessage.person_id == a.person_id))))
    assert len(_timeline(page)) == rows > 12 * 2  # every one shown, the older folded


def test_the_scheduler_says_which_inbound_events_are_its_own() -> None:
    """The person page leaves out the scheduler's events by the scheduler's own prefix, not a copy of it; no
    channel's key looks like one, and every fire's does."""
    assert person.SCHEDULED == fires.DEDUP_PREFIX
    assert all(fires.is_scheduled(fires.dedup_key(n)) for n in (1, 42, 10**12))
    for key in (wechat_key("m", "ofire:1", "123"), wechat_key("e", "fire:1", "1", "subscribe"),
                "kannel:+8613800138000:9", "sim:fire:1"):
        assert not fires.is_scheduled(key), key
