"""Journey 8 from the caseworker's side: someone not yet surveyed (no form, no roster entry, so no home division)
asks for a person or asks a question the bot passes on; the caseworker the alert went to opens the person from
the inbox, reads what they wrote and answers in the same chat. Nobody else sees them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert, OutboxMessage
from tests.console.conftest import Browser
from tests.console.world import World
from tests.fakes.identity import make_id
from tests.people import say


async def test_the_caseworker_alerted_opens_and_answers_someone_not_yet_surveyed(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    await say(app, "wechat", "oStranger0000000000000001", event="subscribe")
    asked = await say(app, "wechat", "oStranger0000000000000001", "找人工")
    async with app[keys.SESSIONS]() as session:
        alert = await session.scalar(select(Alert).where(Alert.person_id == asked.person_id))
    assert alert is not None and alert.kind == "human_requested"
    # Nobody covers where they live (not known yet): the supervisor above is responsible.
    assert alert.caseworker_id == world.accounts["supervisor"]
    b: Browser = await signed_in("supervisor")
    _, inbox = await b.get("/console/")
    assert f'href="/console/people/{asked.person_id}"' in inbox
    status, page = await b.get(f"/console/people/{asked.person_id}")
    assert status == 200 and "找人工" in page
    status, _, _ = await b.post(f"/console/people/{asked.person_id}/message", {"text": "您好，我是赵主管，有什么事？"})
    assert status == 303
    async with app[keys.SESSIONS]() as session:
        queued = list(await session.scalars(select(OutboxMessage.body_enc).where(
            OutboxMessage.person_id == asked.person_id, OutboxMessage.solicited.is_(False))))
    assert [app[keys.CIPHER].decrypt(q) for q in queued] == ["【就业帮扶主管赵主管】您好，我是赵主管，有什么事？"]
    # Answered: the request leaves the inbox's unread alerts (it was read there before, by hand).
    async with app[keys.SESSIONS]() as session:
        answered = await session.get(Alert, alert.id)
    assert answered is not None and answered.acknowledged_by == world.accounts["supervisor"]
    _, inbox = await b.get("/console/")
    assert f'href="/console/people/{asked.person_id}"' not in inbox.split("未读提醒", 1)[1]
    # A caseworker the alert did not go to: the same 404 as a missing person.
    for account in ("caseworker_a", "caseworker_c"):
        other: Browser = await signed_in(account)
        status, _ = await other.get(f"/console/people/{asked.person_id}")
        assert status == 404, account


async def test_their_messages_read_as_they_wrote_them_with_numbers_masked(
        console: Any, world: World, signed_in: Any) -> None:
    """The page showed each message as the row keeps it, {"text": "找人工"}, and an ID number typed into the
    survey in full beside the form's masked one."""
    app = console.server.app
    openid = "oStranger0000000000000002"
    id_number = make_id("520526", date(1980, 3, 4), 41)
    for text in ("1", "王大妹", id_number, "13912345678"):
        await say(app, "wechat", openid, text)
    asked = await say(app, "wechat", openid, "找人工")
    _, page = await (await signed_in("supervisor")).get(f"/console/people/{asked.person_id}")
    assert "找人工" in page and "139****5678" in page and "[subscribe]" not in page
    messages = page.split('id="messages"')[1]
    assert "&#34;text&#34;" not in messages and "{" not in messages
    assert id_number not in page and "13912345678" not in page
    assert id_number[:4] + "*" * 10 + id_number[-4:] in page


async def test_a_call_recorded_on_their_page_answers_their_request(
        console: Any, world: World, signed_in: Any) -> None:
    """The supervisor called the person who texted 人工 and recorded it on their page: the request stayed unread
    in the inbox (and in the chat's 列表 as A4), to be marked by hand. Recording the contact answers it, as 联系 A4
    does; a request to someone else is left alone."""
    app = console.server.app
    asked = await say(app, "sms", "+8613800138042", "人工")
    b: Browser = await signed_in("supervisor")
    _, inbox = await b.get("/console/")
    assert "138****8042" in inbox.split('id="alerts"')[1]
    await b.get(f"/console/people/{asked.person_id}")
    status, _, _ = await b.post(f"/console/people/{asked.person_id}/contact",
                                {"kind": "contact", "channel": "phone", "note": "打过电话了, 想找县城的活"})
    assert status == 303
    async with app[keys.SESSIONS]() as session:
        alert = await session.scalar(select(Alert).where(Alert.person_id == asked.person_id))
    assert alert is not None and alert.acknowledged_by == world.accounts["supervisor"]
    _, inbox = await b.get("/console/")
    assert "138****8042" not in inbox.split('id="alerts"')[1]
