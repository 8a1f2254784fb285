"""A caseworker's round, played by hand in round 5 and kept: caseworkers imported, laborers on WeChat lose a job,
go silent through the check-in ladder, report wage arrears with details, ask for a person, find work again; the
caseworker acts on each alert from the chat and reads the rest in the console. What the round found: a request to
answer could not be acted on from the chat (no number, no reference, not in the list), alerts did not say how to
act, and alerts about what the caseworker had just done stayed unread in the console's inbox."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.console.auth import set_password
from storage.models import Alert, AssistanceCase, CaseworkTask
from tests.casework.people import import_rows
from tests.checkins.helpers import add_people
from tests.console.world import PASSWORD, World
from tests.people import say

LI_OPENID = "oLiShuji000000000000000001"
BOSS_OPENID = "oZhangZhuren0000000000001"
TOWNSHIP = "520526100"


async def _alerts(app: Any) -> dict[int, Alert]:
    async with app[keys.SESSIONS]() as session:
        return {a.id: a for a in await session.scalars(select(Alert).order_by(Alert.id))}


async def _one(app: Any, query: Any) -> Any:
    async with app[keys.SESSIONS]() as session:
        return (await session.scalars(query)).one()


async def _li(app: Any, text: str) -> str:
    return "\n".join((await say(app, "wechat", LI_OPENID, text)).replies)


async def test_a_caseworkers_round_from_the_alerts_to_the_chat_and_the_console(
        console: Any, browser: Any, tmp_path: Path) -> None:
    app = console.server.app
    cipher, now = app[keys.CIPHER], app[keys.CLOCK].now()
    report = await import_rows(app[keys.SESSIONS], cipher, tmp_path, [
        ["张主任", "13900000001", "520526", "supervisor", "", BOSS_OPENID, "", ""],
        ["李书记", "13900000002", TOWNSHIP, "caseworker", "13900000001", LI_OPENID, "", ""],
    ], now)
    assert (report.added, report.invalid) == (2, [])
    await set_password(app[keys.SESSIONS], cipher, phone_text="+8613900000002", password=PASSWORD, now=now)
    # The caseworkers write first: their chat makes them a person row from the id sequence, which add_people's
    # explicit ids (max + 1) would otherwise take on PostgreSQL.
    assert "工作人员指令" in await _li(app, "帮助")
    await say(app, "wechat", BOSS_OPENID, "帮助")
    recorded = now - timedelta(days=30)
    lost, silent, owed, asks = await add_people(app, 4, recorded_at=recorded, channels=("wechat",),
                                                home_division=TOWNSHIP)
    for person, lines in ((lost, ["厂子倒闭了 老板跑路了", "前天", "没交", "1"]),
                          (owed, ["老板拖了俩月工资", "是威宁万家超市 欠了五千多 老板电话13912345678"]),
                          (asks, ["找人工"])):
        for line in lines:
            await say(app, "wechat", f"o{person}", line)
    for day in (14, 16.1, 21.1, 24.2):  # the check-in, the reminder, the visit, the escalation
        await app[keys.DUE_WORK].run_due(recorded + timedelta(days=day))
    case = await _one(app, select(AssistanceCase.id).where(AssistanceCase.person_id == lost))
    visit = await _one(app, select(CaseworkTask.id).where(CaseworkTask.person_id == silent))
    alerts = await _alerts(app)
    text = {a.id: cipher.decrypt(a.body_enc) for a in alerts.values()}
    by_kind = {(a.kind, a.person_id): a.id for a in alerts.values()}
    request = by_kind[("human_requested", asks)]
    # Each alert says how to act on it from the chat.
    assert f"(案件 C{case}, 联系后回复 联系 C{case})" in text[by_kind[("new_case", lost)]]
    assert f"(任务 T{visit}, 走访后回复 走访 T{visit})" in text[by_kind[("visit_task", silent)]]
    assert f"回复 电话 A{request} 看号码, 联系后回复 联系 A{request}" in text[request]
    assert text[by_kind[("rights_details", owed)]].endswith("欠了五千多 老板电话139****5678")
    escalated, visited = alerts[by_kind[("escalation", silent)]], alerts[by_kind[("visit_task", silent)]]
    assert escalated.caseworker_id != visited.caseworker_id  # to the supervisor

    listing = await _li(app, "列表")
    assert f"C{case} 一对一帮扶" in listing and f"T{visit} 走访" in listing and f"A{request} 要找您, 请联系" in listing
    assert await _li(app, f"电话 A{request}") == f"A{request}: 王小明 139{asks:08d} (查看已记录)"
    assert await _li(app, f"联系 C{case}") == f"已记录 C{case} 首次联系。"
    assert await _li(app, f"走访 T{visit}") == f"已记录 T{visit} 完成。"
    assert await _li(app, f"联系 A{request}") == f"已记录 A{request} 已联系本人。"
    assert f"A{request}" not in await _li(app, "列表")
    await say(app, "wechat", f"o{lost}", "我找到工作了")
    closed = (await _alerts(app))[max(await _alerts(app))]
    assert closed.kind == "case_closed" and closed.case_id == case

    # The console's inbox: what the chat dealt with is read; the rest, and the news, wait there.
    b = browser()
    assert await b.login("+8613900000002") == 303
    _, inbox = await b.get("/console/")
    unread = inbox.split("未读提醒", 1)[1]
    assert "【帮扶结案】" in unread and "【权益补充】" in unread and "【权益维护】" in unread
    assert text[by_kind[("new_case", lost)]] not in unread and text[request] not in unread
    # A visit nobody has made yet, named as the console's reader acts on it: from the page, not by replying.
    owed_visit = by_kind[("visit_task", owed)]
    owed_task = alerts[owed_visit].task_id
    chat_hint = f" (任务 T{owed_task}, 走访后回复 走访 T{owed_task})"
    assert chat_hint in text[owed_visit] and text[owed_visit].replace(chat_hint, f" (任务 T{owed_task})") in unread
    assert not re.search(r"回复 ?(联系|电话|走访)|在工作台回复", unread.split("</ul>", 1)[0])
    async with app[keys.SESSIONS]() as session:
        read = {a.id for a in await session.scalars(select(Alert).where(Alert.acknowledged_at.is_not(None)))}
    assert read == {by_kind[("new_case", lost)], by_kind[("visit_task", silent)], by_kind[("task_overdue", silent)],
                    request}
    rights = await _one(app, select(AssistanceCase.id).where(AssistanceCase.person_id == owed))
    _, page = await b.get(f"/console/cases/{rights}")
    assert "是威宁万家超市 欠了五千多 老板电话139****5678" in page and "13912345678" not in page
    _, person = await b.get(f"/console/people/{asks}")
    assert "找人工" in person.split('id="messages"', 1)[1]


async def test_acting_on_a_case_in_the_console_reads_its_alerts(console: Any, world: World, signed_in: Any) -> None:
    """The same in the console: a contact recorded on a case's page, a visit recorded on a person's page, reads the
    acting caseworker's alerts about that case and task; nobody else's, nothing else."""
    app = console.server.app
    a, b = world.people["a"], world.people["b"]

    async def unread(person_id: int) -> set[str]:
        async with app[keys.SESSIONS]() as session:
            return {x.kind for x in await session.scalars(select(Alert).where(
                Alert.person_id == person_id, Alert.acknowledged_at.is_(None)))}

    assert {"new_case", "visit_task"} <= await unread(a.person_id)
    browser_a = await signed_in("caseworker_a")
    await browser_a.get(f"/console/cases/{a.case_id}")
    status, _, _ = await browser_a.post(f"/console/cases/{a.case_id}/contact", {"kind": "contact", "channel": "phone"})
    assert status == 303
    assert "new_case" not in await unread(a.person_id) and "visit_task" in await unread(a.person_id)
    await browser_a.get(f"/console/people/{a.person_id}")
    status, _, _ = await browser_a.post(f"/console/people/{a.person_id}/contact", {"kind": "visit", "channel": ""})
    assert status == 303
    assert "visit_task" not in await unread(a.person_id)
    assert {"new_case", "visit_task"} <= await unread(b.person_id)  # another laborer's: untouched


async def test_the_inbox_lists_a_cases_first_contact_once(console: Any, world: World, signed_in: Any) -> None:
    """The inbox listed a new case twice: as the case (首次联系期限…) and as its first-contact task. Once, as the
    case; a visit stays a task, and a first contact escalated to the supervisor is theirs to chase."""
    app = console.server.app
    a = world.people["a"]
    _, inbox = await (await signed_in("caseworker_a")).get("/console/")
    tasks = inbox.split('id="tasks"', 1)[1].split("</section>", 1)[0]
    cases = inbox.split('id="cases"', 1)[1].split("</section>", 1)[0]
    assert f'/console/cases/{a.case_id}"' in cases
    assert "首次联系" not in tasks and "走访" in tasks
    async with app[keys.SESSIONS]() as session, session.begin():
        task = (await session.scalars(select(CaseworkTask).where(
            CaseworkTask.case_id == a.case_id, CaseworkTask.kind == "first_contact"))).one()
        task.status, task.escalated_to = "overdue", world.accounts["supervisor"]
    _, boss = await (await signed_in("supervisor")).get("/console/")
    assert "首次联系" in boss.split('id="tasks"', 1)[1].split("</section>", 1)[0]


async def test_the_case_list_says_what_each_time_is(console: Any, world: World, signed_in: Any) -> None:
    """The case list showed a bare time (whose deadline?) and no rights issue; it now reads as the inbox does."""
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        case = await session.get(AssistanceCase, a.case_id)
        assert case is not None
        case.kind, case.issue = "rights", "wage_arrears"
        case.first_contact_due = app[keys.CLOCK].now() - timedelta(hours=1)
    _, page = await (await signed_in("caseworker_a")).get("/console/cases")
    row = page.split(f'href="/console/cases/{a.case_id}"', 1)[1].split("</li>", 1)[0]
    assert "权益维护 · 拖欠工资" in row
    assert "已超期" in row and "首次联系期限" in row
