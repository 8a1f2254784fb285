"""A supervisor's list and alerts name the case of an escalated first contact. Before, the list said
`T1 首次联系 截止… 已逾期 (李书记)` and the escalation `李书记的首次联系 T1: … 请督办。`: no case number (C1) to act on
(`联系 C1`, `电话 C1`, the console's case page), no command. Now the task's entry names its case and the alerts say
how to act on it from the chat, as every other alert does; `联系 C1` from the supervisor does the first contact."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import escalate_overdue_tasks
from storage.models import Alert, CaseworkTask
from tests.casework.files import NOW
from tests.casework.test_caseworker_chat import _world
from tests.people import say

BOSS = "oZhangZhuren0000000000001"


async def test_an_escalated_first_contact_names_its_case_and_how_to_act(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        await escalate_overdue_tasks(session, app[keys.CIPHER], now=NOW + timedelta(days=4))
    async with app[keys.SESSIONS]() as session:
        [contact] = list(await session.scalars(select(CaseworkTask).where(
            CaseworkTask.case_id == w["case"], CaseworkTask.kind == "first_contact")))
        alerts = {(a.kind, a.task_id): app[keys.CIPHER].decrypt(a.body_enc) for a in await session.scalars(
            select(Alert).where(Alert.kind.in_(("escalation", "task_overdue"))))}
    t, c = contact.id, w["case"]

    listing = "\n".join((await say(app, "wechat", BOSS, "列表")).replies)
    assert f"T{t} 首次联系 C{c} 截止11月28日 10:00 已逾期 (李书记)" in listing, listing
    # A visit is nobody's case: named by its task only, as before.
    assert f"T{w['visit']} 走访 截止11月29日 10:00 已逾期 (李书记)" in listing, listing
    sms = "\n".join((await say(app, "sms", "+8613900000001", "列表")).replies)
    assert f"T{t}首次联系C{c} 11/28 已逾期 (李书记)" in sms, sms

    assert alerts[("escalation", t)].endswith(f"请督办 (案件 C{c}, 联系后回复 联系 C{c})。")
    assert alerts[("task_overdue", t)].endswith(f"已报上级 (案件 C{c}, 联系后回复 联系 C{c})。")
    assert alerts[("escalation", w["visit"])].endswith(f"请督办 (任务 T{w['visit']}, 走访后回复 走访 T{w['visit']})。")

    # The supervisor acts on it by the case named: the first contact is done and leaves their list.
    assert (await say(app, "wechat", BOSS, f"联系 C{c}")).replies == (f"已记录 C{c} 首次联系。",)
    assert f"T{t}" not in "\n".join((await say(app, "wechat", BOSS, "列表")).replies)
