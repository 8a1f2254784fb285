"""A problem added to a rights case after its first contact (wages owed, told after the caseworker called about the
contract): the caseworker was alerted, but nothing asked them to act on it — the case listed as 已联系, no task, no
deadline, nothing to escalate. It now gets a first contact of its own, due as a new case's, in the chat's list, the
console's inbox and the tasks export alike, done by `联系 C3`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import cases
from bot.casework.export import COLUMNS, load_records, table_rows
from bot.console.inbox import task_label, tasks_query
from storage.models import Alert, AssistanceCase, CaseworkTask
from storage.scope import Viewer
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji00000000000000care14"


async def test_a_problem_added_after_the_first_contact_has_a_contact_of_its_own(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, openid=OPENID)
        person = await laborer(session, cipher, NOW)
        opened = await cases.open_rights_case(session, cipher, person_id=person, issue="no_contract", now=NOW)
        case = await session.get(AssistanceCase, opened.case_id)
        assert case is not None
        await cases.record_first_contact(session, case, NOW + timedelta(hours=3))
    later = NOW + timedelta(days=5)
    async with app[keys.SESSIONS]() as session, session.begin():
        again = await cases.open_rights_case(session, cipher, person_id=person, issue="wage_arrears", now=later)
    assert again.case_id == opened.case_id
    async with app[keys.SESSIONS]() as session:
        tasks = list(await session.scalars(select(CaseworkTask).where(
            CaseworkTask.case_id == opened.case_id).order_by(CaseworkTask.id)))
        [added_alert] = list(await session.scalars(select(Alert).where(
            Alert.case_id == opened.case_id, Alert.dedup_key.like("%:added:%"))))
        inbox_tasks = list(await session.scalars(tasks_query(Viewer(caseworker_id=li, role="caseworker",
                                                                    divisions=("520526",)))))
    assert [(t.status, t.caseworker_id) for t in tasks] == [("done", li), ("open", li)]
    added = tasks[1]
    assert added.kind == "first_contact" and added.due_at == later + timedelta(days=2)  # the default deadline
    text = cipher.decrypt(added_alert.body_enc)
    assert "又反映拖欠工资" in text and "12月3日 10:00前联系" in text and f"联系后回复 联系 C{again.case_id}" in text
    # The console's inbox lists it (the case's own entry has no deadline once contacted), named for what it is.
    assert [t.id for t in inbox_tasks] == [added.id]
    assert task_label(added) == "联系 (权益案件新反映的问题)"
    # The tasks export has it, with its reason in words.
    async with app[keys.SESSIONS]() as session:
        records = [r for r in await load_records(session, cipher, "tasks", None) if r["task_id"] == added.id]
    [row] = table_rows("tasks", records, unmasked=False)
    reason = [key for key, _ in COLUMNS["tasks"]].index("reason") + 1  # (home_division takes two cells)
    assert (row[0], row[reason], row[reason + 1]) == (added.id, "权益案件又反映了新问题", datetime(2026, 12, 3, 10, 0))
    # The chat's list names the new problem and its deadline (it said 已联系 and nothing more).
    listed = await say(app, "wechat", OPENID, "列表")
    assert f"C{again.case_id} 维权(没签劳动合同、拖欠工资) 已联系; 新反映拖欠工资, 12月3日 10:00前联系" in (
        listed.replies[0]), listed.replies
    done = await say(app, "wechat", OPENID, f"联系 C{again.case_id}")
    assert done.replies == (f"已记录 C{again.case_id} 就新反映的问题联系过了。",)
    async with app[keys.SESSIONS]() as session:
        after = await session.get(CaseworkTask, added.id)
    assert after is not None and after.status == "done"
    assert "新反映" not in (await say(app, "wechat", OPENID, "列表")).replies[0]


async def test_a_problem_added_before_the_first_contact_shares_its_deadline(client: Any) -> None:
    """A guard: before the first contact, the call to come covers the problem added (one task, one deadline)."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher)
        person = await laborer(session, cipher, NOW)
        opened = await cases.open_rights_case(session, cipher, person_id=person, issue="no_contract", now=NOW)
        await cases.open_rights_case(session, cipher, person_id=person, issue="wage_arrears", now=NOW + timedelta(1))
    async with app[keys.SESSIONS]() as session:
        tasks = list(await session.scalars(select(CaseworkTask).where(CaseworkTask.case_id == opened.case_id)))
    assert [t.status for t in tasks] == ["open"]


async def test_the_second_page_of_a_list_of_one_page_says_there_is_none(client: Any) -> None:
    """列表2 when one page holds everything showed that page again as if it were the second; it now says there is no
    page 2 and how much there is, before the list."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, openid=OPENID)
        person = await laborer(session, cipher, NOW)
        await cases.open_rights_case(session, cipher, person_id=person, issue="no_contract", now=NOW)
    second = await say(app, "wechat", OPENID, "列表2")
    assert second.replies == ("没有第2页: 一共1项、1人, 一页就列完了, 回复 列表 看。",)
    by_sms = await say(app, "sms", "+8613900000002", "列表 第2页")
    assert by_sms.replies == ("没有第2页, 共1项1人, 只有1页, 回 列表 看",)
    # 下一页 after the only page, likewise.
    await say(app, "wechat", OPENID, "列表")
    assert (await say(app, "wechat", OPENID, "下一页")).replies == second.replies


async def test_a_one_on_one_case_reached_lists_its_service_package_deadline(client: Any) -> None:
    """After `联系 C1` the chat's list said "C1 一对一帮扶 已联系" and nothing more, where the console's inbox gives the
    service package's deadline (服务完成期限) and marks it overdue once past: the list says it too."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, openid=OPENID)
        person = await laborer(session, cipher, NOW, status="unemployed")
        opened = await cases.open_assistance_case(session, cipher, person_id=person, now=NOW)
    await say(app, "wechat", OPENID, f"联系 C{opened.case_id}")
    listed = await say(app, "wechat", OPENID, "列表")
    assert f"C{opened.case_id} 一对一帮扶 已联系, 服务包12月26日 10:00前完成" in listed.replies[0], listed.replies
    nothing_late = await say(app, "wechat", OPENID, "列表 逾期")
    assert nothing_late.replies == ("您现在没有逾期的案件和任务。回复 列表 看全部待办。",)
    app[keys.CLOCK].advance(timedelta(days=31))
    late = await say(app, "wechat", OPENID, "列表 逾期")
    assert f"C{opened.case_id} 一对一帮扶 已联系, 服务包12月26日 10:00前完成 已逾期" in late.replies[0], late.replies
