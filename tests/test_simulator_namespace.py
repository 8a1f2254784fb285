"""Issue 10, defect 1 and 11: the simulator never reaches a real person, refuses cross-site requests and deep
JSON, is on by default only without real channels, and shows what was pushed to its users in an inbox."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from bot import keys
from bot.roster import import_roster
from bot.settings import Settings
from dialogs.i18n import catalog
from dialogs.types import Inbound
from storage.crypto import FieldCipher
from storage.info_forms import upsert_info_form
from storage.models import Conversation, OutboxMessage, Person, RosterEntry
from tests.fakes.identity import make_id
from tests.fakes.recording_sender import RecordingSender
from tests.people import registered_on_wechat
from tests.people import say as real_say
from tests.survey.helpers import say as sim_say

ZH = catalog("zh_CN")
SMS_TOKEN = "sms-token-0123456789"


async def _version(app: Any, person_id: int) -> int:
    async with app[keys.SESSIONS]() as session:
        conversation = await session.get(Conversation, person_id)
        assert conversation is not None
        return conversation.version


async def _people(app: Any, *, simulated: bool) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(
            select(func.count()).select_from(Person).where(Person.simulated.is_(simulated))) or 0)


async def test_the_simulator_is_off_when_sms_is_configured(make_client: Any, settings: Settings) -> None:
    """Defect 1: with SMS configured and no WeChat, the simulator was on."""
    only_sms = settings.replace(wechat_token="", wechat_app_id="", simulator=None, sms_inbound_token=SMS_TOKEN)
    client = await make_client(only_sms)
    resp = await client.post("/simulator/messages", json={"user": "13900000001", "channel": "sms", "text": "1"})
    assert resp.status == 404
    assert not settings.replace(wechat_token="", wechat_app_id="", simulator=None,
                                sms_kannel_sendsms_url="http://127.0.0.1:1/").simulator_enabled
    assert settings.replace(wechat_token="", wechat_app_id="", simulator=None).simulator_enabled


async def test_a_simulator_user_with_a_real_phone_never_reaches_that_person(
    make_client: Any, settings: Settings
) -> None:
    """Defect 1: `{"user": "<a real phone>", "channel": "sms"}` read and edited that real person's record."""
    client = await make_client(settings.replace(sms_inbound_token=SMS_TOKEN, simulator=True))
    app = client.server.app
    real = await real_say(app, "sms", "+8613900000001", "菜单")
    assert real.awaiting == "menu"
    before = await _version(app, real.person_id)
    # The simulator's "13900000001" answers "1" as a new user would, not the real person's open menu.
    answer = await sim_say(client, "139 0000 0001", "1", channel="sms")
    assert answer["awaiting"] != "consent"
    assert await _version(app, real.person_id) == before
    # And the other way round: the real phone's next message continues the real conversation.
    assert (await real_say(app, "sms", "+8613900000001", "1")).awaiting == "consent"
    assert await _people(app, simulated=True) == 1 and await _people(app, simulated=False) == 1


async def test_a_simulator_user_is_never_linked_to_a_real_form_or_the_roster(client: Any, tmp_path: Any) -> None:
    app = client.server.app
    id_number = make_id(seq=501)
    await registered_on_wechat(app, "openid-real-501", "+8613900000501", id_number)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"姓名,身份证号,手机号\n李四,{make_id(seq=502)},13900000502\n", encoding="utf-8")
    await import_roster(app[keys.SESSIONS], app[keys.CIPHER], roster, now=datetime(2026, 11, 1, tzinfo=UTC))
    # A real SMS from these numbers would be offered linking (tests/test_linking.py); the simulator's never.
    for phone in ("13900000501", "13900000502"):
        reply = await sim_say(client, phone, "你好", channel="sms")
        assert ZH.get("link.ask", "sms") not in reply["replies"]
        assert reply["awaiting"] != "link_id4"
        assert (await sim_say(client, phone, id_number[-4:], channel="sms"))["awaiting"] != "link_id4"
    # Nor is a simulator user matched with the roster by name and ID number in the survey.
    await sim_say(client, "sim-roster", event="subscribe")
    for line in ("同意", "李四", make_id(seq=502)):
        reply = await sim_say(client, "sim-roster", line)
    assert "已找到您的登记信息" not in " ".join(reply["replies"])
    async with app[keys.SESSIONS]() as session:
        assert (await session.scalars(select(RosterEntry.person_id))).one() is None


async def test_simulator_users_can_link_with_each_other(client: Any) -> None:
    """Linking is kept inside the namespace: a simulator WeChat user's phone links a simulator SMS user."""
    app = client.server.app
    id_number = make_id(seq=601)
    await sim_say(client, "sim-wx-601", event="subscribe")
    await sim_say(client, "sim-wx-601", "1")
    await sim_say(client, "sim-wx-601", "王小明")
    cipher: FieldCipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = (await session.scalars(select(Person.id).where(Person.simulated.is_(True)))).one()
        await upsert_info_form(session, cipher, person_id=person_id,
                               record={"name": "王小明", "id_number": id_number, "phone": "+8613900000601"},
                               source="wechat", consent_at=None, consent_version=None, now=app[keys.CLOCK].now(),
                               status="draft")
    asked = await sim_say(client, "13900000601", "你好", channel="sms")
    assert asked["awaiting"] == "link_id4"
    done = await sim_say(client, "13900000601", id_number[-4:], channel="sms")
    assert done["replies"][0].startswith(ZH.get("link.done", "sms"))
    assert await _people(app, simulated=True) == 1


async def test_queued_messages_for_a_simulator_user_reach_its_inbox_never_a_gateway(
    make_client: Any, settings: Settings
) -> None:
    gateway = RecordingSender("sms")
    client = await make_client(settings.replace(sms_inbound_token=SMS_TOKEN), extra_senders=[gateway])
    app = client.server.app
    await sim_say(client, "13900000701", "菜单", channel="sms")
    # A push queued for this simulator user, as check-ins will queue theirs.
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = (await session.scalars(select(Person.id).where(Person.simulated.is_(True)))).one()
        for words in ("第一条推送", "第二条推送"):
            session.add(OutboxMessage(person_id=person_id, channel="auto", body_enc=app[keys.CIPHER].encrypt(words),
                                      solicited=True, status="queued", next_attempt_at=app[keys.CLOCK].now()))
    app[keys.OUTBOX].wake()
    for _ in range(200):
        resp = await client.get("/simulator/inbox", params={"user": "139 0000 0701", "channel": "sms"})
        messages = (await resp.json())["messages"]
        if len(messages) == 2:
            break
        await asyncio.sleep(0.02)
    assert [m["text"] for m in messages] == ["第一条推送", "第二条推送"]
    assert {m["channel"] for m in messages} == {"sms"} and all(m["at"] for m in messages)
    assert gateway.sent == []  # nothing through the real SMS gateway
    # Only that user's: another simulator user, or the same one on WeChat, has an empty inbox.
    other = await client.get("/simulator/inbox", params={"user": "13900000702"})
    assert (await other.json())["messages"] == []
    assert (await (await client.get("/simulator/inbox", params={"user": "13900000701", "channel": "wechat"})
                   ).json())["messages"] == []
    assert (await client.get("/simulator/inbox", params={"user": ""})).status == 400


async def test_a_real_persons_queued_message_never_goes_to_the_simulator(client: Any) -> None:
    app = client.server.app
    outcome = await app[keys.DISPATCHER].submit(Inbound(
        channel="sms", address="+8613900000801", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=app[keys.CLOCK].now(), text="菜单", transport="kannel"))
    await app[keys.OUTBOX].run_once()
    async with app[keys.SESSIONS]() as session:
        statuses = set(await session.scalars(
            select(OutboxMessage.status).where(OutboxMessage.person_id == outcome.person_id)))
    assert statuses == {"queued"}  # no SMS sender configured: it waits, it is not "delivered" anywhere
    inbox = await client.get("/simulator/inbox", params={"user": "13900000801", "channel": "sms"})
    assert (await inbox.json())["messages"] == []


async def test_cross_site_requests_are_refused(client: Any) -> None:
    body = json.dumps({"user": "u-cs", "text": "菜单"})
    as_form = await client.post("/simulator/messages", data=body, headers={"Content-Type": "text/plain"})
    assert as_form.status == 415
    foreign = await client.post("/simulator/messages", data=body, headers={
        "Content-Type": "application/json", "Origin": "http://evil.example"})
    assert foreign.status == 403
    assert (await client.get("/simulator/inbox", params={"user": "u-cs"},
                             headers={"Origin": "http://evil.example"})).status == 403
    own = await client.post("/simulator/messages", data=body, headers={
        "Content-Type": "application/json; charset=utf-8", "Origin": str(client.make_url("")).rstrip("/")})
    assert own.status == 200
    page = await client.get("/simulator")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


async def test_deeply_nested_json_is_a_400(client: Any) -> None:
    """Defect 11: deeply nested JSON gave 500 (RecursionError)."""
    # Under the 64 KB body limit, far deeper than the parser's recursion allows.
    for deep in ("[" * 20_000 + "]" * 20_000, '{"user": ' + "[" * 20_000 + "]" * 20_000 + "}"):
        resp = await client.post("/simulator/messages", data=deep, headers={"Content-Type": "application/json"})
        assert resp.status == 400
    # Brackets inside strings are text, not nesting.
    resp = await client.post("/simulator/messages", json={"user": "u-brackets", "text": "[[[[[[[[[[[[{{{{{{"})
    assert resp.status == 200


async def test_nul_and_lone_surrogates_from_the_simulator_are_cleaned(client: Any) -> None:
    """Defect 7: "\\ud800" in the simulator gave 503 forever."""
    resp = await client.post("/simulator/messages", data='{"user": "u-sur", "text": "菜\\ud800单\\u0000"}',
                             headers={"Content-Type": "application/json"})
    assert resp.status == 200
    assert (await resp.json())["awaiting"] == "menu"
    bad_user = await client.post("/simulator/messages", data='{"user": "u\\ud800", "text": "x"}',
                                 headers={"Content-Type": "application/json"})
    assert bad_user.status == 400


async def test_forms_filled_in_the_simulator_are_never_exported(client: Any, tmp_path: Any) -> None:
    from bot.export import export_forms

    app = client.server.app
    await sim_say(client, "sim-export", event="subscribe")
    await registered_on_wechat(app, "openid-export", "+8613900000901", make_id(seq=901))
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = (await session.scalars(select(Person.id).where(Person.simulated.is_(True)))).one()
        await upsert_info_form(session, app[keys.CIPHER], person_id=person_id,
                               record={"name": "模拟用户", "id_number": make_id(seq=902)}, source="wechat",
                               consent_at=None, consent_version=None, now=app[keys.CLOCK].now(), status="draft")
    out = tmp_path / "forms.json"
    rows = await export_forms(app[keys.SESSIONS], app[keys.CIPHER], fmt="json", out=out, division=None,
                              unmasked=False, now=app[keys.CLOCK].now())
    assert rows == 1 and "模拟用户" not in out.read_text(encoding="utf-8")
