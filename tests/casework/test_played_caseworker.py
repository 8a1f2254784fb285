"""A caseworker played on the simulator: imported with a phone (or openid) that is a simulator user's, that user
gets the caseworker commands, acting on simulator people's records only, and the alerts about them reach that
user's simulator inbox, never a gateway. The real caseworker with the same phone sees none of it."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from bot import keys
from bot.casework import open_assistance_case
from bot.settings import Settings
from storage import repositories as repo
from storage.models import AssistanceCase, CaseworkerAddress, UnemploymentRegistration
from tests.casework.files import NOW
from tests.casework.people import import_rows, laborer
from tests.fakes.wecom import FakeWeCom
from tests.people import say as say_as
from tests.survey.helpers import say
from tests.survey.test_e2e import COLLOQUIAL, converse

PHONE = "13985001234"
OPENID = "oLiShuji000000000000000001"


async def _inbox(client: Any, user: str, channel: str, wanted: str) -> list[str]:
    texts: list[str] = []
    for _ in range(400):
        texts = [m["text"] for m in (await (await client.get(
            "/simulator/inbox", params={"user": user, "channel": channel})).json())["messages"]]
        if any(wanted in t for t in texts):
            break
        await asyncio.sleep(0.025)
    return texts


async def test_a_caseworker_is_played_on_the_simulator(
    client: Any, settings: Settings, wecom: FakeWeCom, tmp_path: Path
) -> None:
    app = client.server.app
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", PHONE, "520526", "caseworker", "", OPENID, wecom.robot("REAL"), ""]], NOW)
    async with app[keys.SESSIONS]() as session, session.begin():
        real = await laborer(session, app[keys.CIPHER], NOW, name="钱七", phone="+8613800138001")
        real_case = (await open_assistance_case(session, app[keys.CIPHER], person_id=real, now=NOW)).case_id

    # The caseworker writes first from the simulator (by SMS, as their phone): the caseworker commands answer.
    assert (await say(client, PHONE, "列表", channel="sms"))["replies"] == ["您现在没有待办的案件和任务。"]

    await say(client, "sim-1", event="subscribe")
    await converse(client, "sim-1", [*COLLOQUIAL, "0"])
    await converse(client, "sim-1", ["厂子倒闭了", "前天", "没交", "1"])
    async with app[keys.SESSIONS]() as session:
        case_id = (await session.scalars(select(AssistanceCase.id).where(
            AssistanceCase.kind == "assistance", AssistanceCase.id != real_case))).one()

    # The new case's alert reaches the played caseworker's simulator inbox; the real robot never hears of it.
    texts = await _inbox(client, PHONE, "sms", "【一对一帮扶】")
    assert any(t.startswith("【一对一帮扶】王*明 (138****5678") for t in texts), texts
    assert not any("王*明" in m.content for m in wecom.messages)  # the real laborer's alert may go there

    listing = "\n".join((await say(client, PHONE, "列表", channel="sms"))["replies"])
    assert f"C{case_id}" in listing and f"C{real_case}" not in listing
    contacted = (await say(client, PHONE, f"联系 C{case_id}", channel="sms"))["replies"]
    # (the same person's rights case from the survey, still waiting for its first contact, is named after it)
    assert contacted[0].startswith(f"已记录 C{case_id} 首次联系。"), contacted
    phone = (await say(client, PHONE, f"电话 C{case_id}", channel="sms"))["replies"]
    assert re.search(r"13812345678", phone[0]), phone
    # A real laborer's case is not the simulator's: not found, unchanged, and no number shown.
    for command in (f"联系 C{real_case}", f"电话 C{real_case}", f"结案 C{real_case} 就业"):
        reply = (await say(client, PHONE, command, channel="sms"))["replies"]
        assert "13800138001" not in "".join(reply) and "已记录" not in "".join(reply), (command, reply)
    async with app[keys.SESSIONS]() as session:
        played, untouched = await session.get(AssistanceCase, case_id), await session.get(AssistanceCase, real_case)
    assert played is not None and played.first_contact_at is not None
    assert untouched is not None and untouched.first_contact_at is None and untouched.status == "open"

    # The same caseworker on their real WeChat: the real case, not the played one.
    real_listing = "\n".join((await say_as(app, "wechat", OPENID, "列表")).replies)
    assert f"C{real_case}" in real_listing and f"C{case_id}" not in real_listing


async def test_caseworkers_imported_before_get_their_simulator_addresses_at_the_next_import(
    client: Any, tmp_path: Path
) -> None:
    """An unchanged row of a caseworker imported before this existed (only their real addresses stored) is given
    the simulator's at the next import of the same file; it still counts as unchanged."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    rows = [["李书记", PHONE, "520526", "caseworker", "", OPENID, "", ""]]
    await import_rows(app[keys.SESSIONS], cipher, tmp_path, rows, NOW)
    played = [repo.address_hash(cipher, "sms", "+86" + PHONE, simulated=True),
              repo.address_hash(cipher, "wechat", OPENID, simulated=True)]
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(delete(CaseworkerAddress).where(CaseworkerAddress.address_hash.in_(played)))
    report = await import_rows(app[keys.SESSIONS], cipher, tmp_path, rows, NOW)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(CaseworkerAddress)
                                    .where(CaseworkerAddress.address_hash.in_(played))) == 2
    assert (await say(client, PHONE, "列表", channel="sms"))["replies"] == ["您现在没有待办的案件和任务。"]


async def test_a_decision_played_ahead_of_the_clock_reaches_the_laborer_at_once(
    client: Any, settings: Settings, wecom: FakeWeCom, tmp_path: Path
) -> None:
    """A season played with `at` months ahead of the clock: "受理 R1" queued the laborer's notice for the played
    time, so it waited for that day — and every later push to the laborer (the weekly check-ins) waited behind
    it in the person's queue."""
    app = client.server.app
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", PHONE, "520526", "caseworker", "", OPENID, "", ""]], NOW)
    await say(client, PHONE, "列表", channel="sms")
    await say(client, "sim-2", event="subscribe")
    await converse(client, "sim-2", [*COLLOQUIAL, "0"])
    played = app[keys.CLOCK].now() + timedelta(days=60)
    ahead = played.isoformat()
    for line in ["厂子倒闭了", "前天", "没交", "1"]:
        await client.post("/simulator/messages", json={"user": "sim-2", "text": line, "at": ahead})
    async with app[keys.SESSIONS]() as session:
        registration = (await session.scalars(select(UnemploymentRegistration.id))).one()
    # The new case's alert to the played caseworker is dated in the season, not by the clock.
    await _inbox(client, PHONE, "sms", "【一对一帮扶】")
    shown = (await (await client.get("/simulator/inbox", params={"user": PHONE})).json())["messages"]
    assert [m["at"] for m in shown if m["text"].startswith("【一对一帮扶】")] == [played.isoformat()], shown
    resp = await client.post("/simulator/messages", json={
        "user": PHONE, "channel": "sms", "text": f"受理 R{registration}", "at": ahead})
    assert (await resp.json())["replies"] == [f"R{registration} 已受理, 已通知本人。"]
    texts = await _inbox(client, "sim-2", "wechat", "已受理")
    assert any(f"您的失业登记 (R{registration}) 已受理" in t for t in texts), texts
