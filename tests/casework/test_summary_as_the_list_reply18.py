"""Guard (it held before and must keep holding): `C12` alone gives the case's entry exactly as 列表 gives it — its
first contact still to make, late, made with the service package to give, or a problem added since with its own
deadline — now that both come from one helper (bot/casework/chat.py `_case_item`, `_task_item`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import keys
from bot.casework import open_assistance_case
from bot.casework.cases import open_rights_cases, record_first_contact
from storage.models import AssistanceCase
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji000000000000018"


async def test_a_cases_summary_line_is_its_list_line(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, phone="+8613900000180", divisions=("520526100",), openid=OPENID)
        ids = []
        for n, (name, phone) in enumerate((("王小红", "+8613800138180"), ("李大山", "+8613800138181"),
                                           ("张春花", "+8613800138182"), ("刘建国", "+8613800138183"))):
            person = await laborer(session, cipher, NOW, name=name, phone=phone)
            if n == 3:
                [opened] = await open_rights_cases(session, cipher, person_id=person, issues=["no_contract"],
                                                   now=NOW - timedelta(days=1))
                case_id = opened.case_id
            else:
                # The second was opened days ago: its first contact is late.
                case_id = (await open_assistance_case(session, cipher, person_id=person,
                                                      now=NOW - timedelta(days=5 if n == 1 else 0))).case_id
            if n >= 2:
                case = await session.get(AssistanceCase, case_id)
                assert case is not None
                await record_first_contact(session, case, NOW - timedelta(hours=12))
            if n == 3:
                # A problem told after the first contact: its own deadline.
                await open_rights_cases(session, cipher, person_id=person, issues=["wage_arrears"], now=NOW)
            ids.append(case_id)

    listed = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    lines = []
    for case_id in ids:
        [summary] = (await say(app, "wechat", OPENID, f"C{case_id}")).replies
        line = summary.split("\n\n")[0]
        assert line in listed, (line, listed)
        lines.append(line)
    assert "前首次联系" in lines[0] and "已逾期" in lines[1] and "服务包" in lines[2] and "新反映" in lines[3], lines
