"""A supervisor reaching a laborer on a case below them tells the case's owner. Before, a supervisor's `联系 C3`,
`走访 T5` or `联系 A4` (or a contact recorded on the console) did the first contact, the task or the request, and the
owner heard nothing: the case or task just left their list, and the owner, who had it on paper, called the same
laborer again. Now the owner gets an alert (`contacted_by_other`): 【他人已联系】张主任已联系您负责的 王*红 … 不用再
重复联系. The owner acting on their own record is told nothing (a guard)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case, open_visit_task
from bot.casework.alerts import alert_about
from storage.models import Alert
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OWNER = "oLiShuji000000000000000216"
SUPERVISOR = "oZhangZhuren00000000000216"


async def _told(app: Any, owner: int) -> list[str]:
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session:
        return [cipher.decrypt(body) for body in await session.scalars(select(Alert.body_enc).where(
            Alert.caseworker_id == owner, Alert.kind == "contacted_by_other").order_by(Alert.id))]


async def test_the_owner_learns_that_their_supervisor_reached_the_laborer(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        zhang = await caseworker(session, cipher, name="张主任", phone="+8613900000216", divisions=("520526",),
                                 role="supervisor", openid=SUPERVISOR)
        li = await caseworker(session, cipher, phone="+8613900000116", divisions=("520526100",),
                              supervisor_id=zhang, openid=OWNER)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id
        visit = await open_visit_task(session, cipher, person_id=person, reason="no_answer",
                                      due_at=NOW + timedelta(days=3), now=NOW, dedup_key="visit:care16")
        asked = await alert_about(session, cipher, caseworker_id=li, kind="human_requested", person_id=person,
                                  now=NOW)

    await say(app, "wechat", OWNER, f"联系 C{case} 打过电话 在家")
    assert await _told(app, li) == []  # the owner's own contact: nobody to tell

    await say(app, "wechat", SUPERVISOR, f"联系 C{case} 联系上了 下周去面试")
    await say(app, "wechat", SUPERVISOR, f"走访 T{visit}")
    await say(app, "wechat", SUPERVISOR, f"联系 A{asked}")
    told = await _told(app, li)
    assert told == [
        f"【他人已联系】张主任已联系您负责的 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) (案件 C{case}), "
        "情况见工作台的联系记录, 不用再重复联系。",
        f"【他人已完成】张主任已完成您的走访 T{visit}: 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇), "
        "情况见工作台的联系记录, 不用再去了。",
        "【他人已联系】张主任已联系想找工作人员的 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇), "
        "情况见工作台的联系记录, 不用再重复联系。",
    ]
    assert await _told(app, zhang) == []



async def test_the_owner_learns_that_their_supervisor_closed_their_case(client: Any) -> None:
    """care16 on the simulator: 张主任's `结案 C1 就业` on 李书记's case closed it, and 李书记 heard nothing (it just
    left his list)."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        zhang = await caseworker(session, cipher, name="张主任", phone="+8613900000216", divisions=("520526",),
                                 role="supervisor", openid=SUPERVISOR)
        li = await caseworker(session, cipher, phone="+8613900000116", divisions=("520526100",),
                              supervisor_id=zhang, openid=OWNER)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id
        other = (await open_assistance_case(session, cipher, person_id=await laborer(
            session, cipher, NOW, name="钱七", phone="+8613800138001"), now=NOW)).case_id

    assert (await say(app, "wechat", SUPERVISOR, f"结案 C{case} 就业")).replies == (f"C{case} 已结案。",)
    await say(app, "wechat", OWNER, f"结案 C{other} 联系不上 电话13800138001停机")
    assert await _told(app, li) == [
        f"【他人已结案】张主任已将您负责的 王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 的案件 C{case} 结案: "
        "本人已重新就业。不用再联系了。"]
