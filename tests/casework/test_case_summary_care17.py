"""A case's number alone (`C2`) gives the case's summary. Before, it answered only what could be done with
a case (电话/联系/推荐/发消息/结案), and nothing of the visit T5 waiting for the same person or of their
registration to accept: the caseworker had to send 列表 and find the person among everyone. Now it answers the
case's line as the list gives it (its deadline, the person's open tasks and registration), then the commands; a
closed case says it is closed and why; another caseworker's case is "not found", as for every command."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import keys
from bot.casework import open_assistance_case
from bot.casework.cases import close_case, open_rights_cases
from bot.casework.tasks import open_visit_task
from storage.models import AssistanceCase, UnemploymentRegistration
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji000000000000000117"


async def test_a_case_alone_lists_its_persons_open_tasks_and_registration(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, phone="+8613900000117", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id
        task = await open_visit_task(session, cipher, person_id=person, reason="checkin_no_answer",
                                     due_at=NOW + timedelta(days=3), now=NOW, dedup_key="visit:care17")
        registration = UnemploymentRegistration(person_id=person, caseworker_id=li, home_division="520526100",
                                                submitted_at=NOW)
        session.add(registration)
        await session.flush()
        await caseworker(session, cipher, name="周干事", phone="+8613900000118", divisions=("520502",))
        other = await laborer(session, cipher, NOW, name="张大山", phone="+8613800138001", division="520502100")
        [elsewhere] = await open_rights_cases(session, cipher, person_id=other, issues=["wage_arrears"], now=NOW)
        rights = elsewhere.case_id
        closed = await laborer(session, cipher, NOW, name="刘春花", phone="+8613800138002")
        done = (await open_assistance_case(session, cipher, person_id=closed, now=NOW)).case_id
        found = await session.get(AssistanceCase, done)
        assert found is not None
        await close_case(session, found, reason="employed", now=NOW, caseworker_id=li)

    said = await say(app, "wechat", OPENID, f"C{case}")
    assert said.replies == (
        f"王*红 138****8000 威宁彝族回族苗族自治县草海镇: C{case} 一对一帮扶 11月28日 10:00前首次联系; "
        f"T{task} 走访 截止11月29日 10:00; R{registration.id} 失业登记待受理\n\n"
        f"C{case} 可以: 电话 C{case} (看号码); 联系 C{case} (已联系, 可加情况); 推荐 C{case} 岗位编号; "
        f"发消息 C{case} 加要说的话 (只发短信: 发短信 C{case} …); 结案 C{case} 原因。",)
    assert (await say(app, "wechat", OPENID, f"c{done}")).replies == (f"C{done} 刘*花 已结案: 本人已重新就业。",)
    assert (await say(app, "wechat", OPENID, f"C{rights}")).replies == (f"没有找到 C{rights}, 或不归您负责。",)
