"""console18: 推荐 (a job referral) was offered on a rights case (`C3` alone listed 推荐 C3 岗位编号) and done when
typed (the vacancy pushed, a 推荐岗位 recorded on a case that has no service package). A referral belongs to a
one-on-one case: a rights case's summary offers no 推荐, and 推荐 C3 … on it refers nothing and says why."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot import keys
from bot.casework.cases import open_rights_cases
from storage.models import ContactRecord, Vacancy
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji0000000000console18"


async def test_a_rights_case_is_offered_no_referral_and_takes_none(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, phone="+8613900000181", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW)
        [opened] = await open_rights_cases(session, cipher, person_id=person, issues=["wage_arrears"], now=NOW)
        session.add(Vacancy(external_id="WN-001", title="保安", employer="盛安物业", kind="factory",
                            division="520526"))
    case = opened.case_id
    said = await say(app, "wechat", OPENID, f"C{case}")
    assert said.replies[-1].endswith(f"\n\nC{case} 可以: 电话 C{case} (看号码); 联系 C{case} (已联系, 可加情况); "
                                f"发消息 C{case} 加要说的话 (只发短信: 发短信 C{case} …); 结案 C{case} 原因。")
    assert "推荐" not in said.replies[-1]
    said = await say(app, "wechat", OPENID, f"推荐 C{case} WN-001")
    assert said.replies == (f"C{case} 是维权案件, 没有服务包, 没有推荐岗位。给本人推荐岗位请用其一对一帮扶案件; "
                            f"要跟本人说, 回复 发消息 C{case} 加要说的话。",)
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(ContactRecord)) == 0
