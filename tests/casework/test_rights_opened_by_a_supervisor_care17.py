"""A rights case a supervisor opens from their note of a contact (`联系 C3 他说老板欠了两个月工资没给`, then `确认`).
Before, the case's owner (the caseworker below) got the laborer's own report's alert ("反映拖欠工资, 请尽快核实") and a
first contact to make by its deadline (escalated back up to that supervisor when missed), though the supervisor had
just spoken with the person about it; nothing on the case said who had. Now the owner's alert says who heard it and
that their contact was the case's first contact; the case is reached (no first contact left to make), and the
supervisor's contact is in the case's history. The writer's own case is unchanged (a guard: its first contact is
the writer's contact, tests/casework/test_rights_from_a_contact_note_care16.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from bot.casework.cases import open_rights_cases, record_first_contact
from storage.models import Alert, AssistanceCase, CaseworkTask, ContactRecord
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

SUPERVISOR_OPENID = "oZhaoZhuren0000000000000117"


async def test_the_owner_is_told_who_heard_it_and_has_no_first_contact_left(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        zhao = await caseworker(session, cipher, name="赵主任", phone="+8613900000171", divisions=("520526",),
                                role="supervisor", openid=SUPERVISOR_OPENID)
        li = await caseworker(session, cipher, phone="+8613900000172", divisions=("520526100",), supervisor_id=zhao)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id

    await say(app, "wechat", SUPERVISOR_OPENID, f"联系 C{case} 联系了 他说老板欠了两个月工资没给")
    opened = await say(app, "wechat", SUPERVISOR_OPENID, "确认")
    async with app[keys.SESSIONS]() as session:
        [rights] = (await session.scalars(select(AssistanceCase).where(
            AssistanceCase.person_id == person, AssistanceCase.kind == "rights"))).all()
        alerts = [cipher.decrypt(a.body_enc) for a in await session.scalars(select(Alert).where(
            Alert.caseworker_id == li, Alert.case_id == rights.id))]
        tasks = [(t.kind, t.status) for t in await session.scalars(select(CaseworkTask).where(
            CaseworkTask.case_id == rights.id))]
        contacts = [(c.caseworker_id, c.kind) for c in await session.scalars(select(ContactRecord).where(
            ContactRecord.case_id == rights.id))]
    assert rights.caseworker_id == li and rights.first_contact_at is not None
    assert opened.replies == (f"已为 C{case} 的本人开维权案件 C{rights.id} (拖欠工资), 负责人李书记已收到提醒; "
                              "您这次联系已算首次联系。",)
    assert alerts == [f"【权益维护】赵主任联系 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 时听本人说拖欠工资, "
                      f"已为其开维权案件由您负责核实跟进; 赵主任这次联系已算首次联系 (案件 C{rights.id})。"]
    assert tasks == [("first_contact", "done")]
    assert contacts == [(zhao, "contact")]


async def test_the_owner_opening_it_from_their_own_note_gets_no_alert_about_it(client: Any) -> None:
    """李书记's own 联系 C1 … then 确认: the chat's answer says the case is theirs and reached; an alert
    【权益维护】…请尽快核实 about what they had just done was sent to their phone too (the simulator showed it)."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, phone="+8613900000173", divisions=("520526100",),
                              openid="oLiShuji000000000000000173")
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id
    await say(app, "wechat", "oLiShuji000000000000000173", f"联系 C{case} 他说老板欠了两个月工资没给")
    await say(app, "wechat", "oLiShuji000000000000000173", "确认")
    async with app[keys.SESSIONS]() as session:
        kinds = list(await session.scalars(select(Alert.kind).where(Alert.caseworker_id == li)))
    assert kinds == ["new_case"]  # the one-on-one case's, before; none for the rights case they opened


async def test_a_problem_heard_joins_a_reached_rights_case_with_no_contact_left_to_make(client: Any) -> None:
    """The person's rights case (没签合同) was reached already; the supervisor hears of wages owed in a contact
    and confirms: the problem joins the case. Before, its owner got "这个问题还没联系核实过, 请在…前联系" and a
    first contact to make (escalated back to that supervisor when missed), though the supervisor had just asked
    about it; now the owner is told who heard it and has no contact to make for it."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        zhao = await caseworker(session, cipher, name="赵主任", phone="+8613900000174", divisions=("520526",),
                                role="supervisor", openid="oZhaoZhuren0000000000000174")
        li = await caseworker(session, cipher, phone="+8613900000175", divisions=("520526100",), supervisor_id=zhao)
        person = await laborer(session, cipher, NOW)
        [rights] = await open_rights_cases(session, cipher, person_id=person, issues=["no_contract"], now=NOW)
        found = await session.get(AssistanceCase, rights.case_id)
        assert found is not None
        await record_first_contact(session, found, NOW)

    await say(app, "wechat", "oZhaoZhuren0000000000000174", f"联系 C{rights.case_id} 他说老板还欠了两个月工资")
    joined = await say(app, "wechat", "oZhaoZhuren0000000000000174", "确认")
    # (care20: joined to the case contacted, it says so once: not "C3 的本人已有维权案件 C3, 已把拖欠工资并入")
    assert joined.replies == (f"已把拖欠工资并入维权案件 C{rights.case_id}。",)
    async with app[keys.SESSIONS]() as session:
        open_tasks = list(await session.scalars(select(CaseworkTask.id).where(
            CaseworkTask.case_id == rights.case_id, CaseworkTask.status.in_(("open", "overdue")))))
        [added] = [cipher.decrypt(a.body_enc) for a in await session.scalars(select(Alert).where(
            Alert.caseworker_id == li, Alert.dedup_key.like("%:added:%")))]
    assert open_tasks == []
    assert added == ("【权益维护】赵主任联系 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 时听本人又说拖欠工资, "
                     f"已并入其权益案件 C{rights.case_id}, 请一并核实跟进; "
                     "这个问题赵主任已当面问过, 不用另行首次联系。")
