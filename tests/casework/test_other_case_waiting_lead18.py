"""The lead's play-test of 2026-12-07 (eleventh stop): 王建国 recorded 联系 C5 (the wages case of a man whose gang boss
ran off); the same man's one-on-one case C6, opened the same day, still waited for its first contact, nothing said, and
went overdue. The contact first named it, and how to record it; now (reply18) the person was reached, so the contact is
the first contact of the same owner's other cases waiting for one too, and the answer names them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case, open_rights_cases
from storage.models import AssistanceCase, CaseworkTask
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.casework.test_caseworker_chat import OPENID
from tests.people import say


async def test_a_contact_names_the_same_persons_case_still_waiting_for_its_first(client: Any) -> None:
    app = client.server.app
    c = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, c, openid=OPENID)
        person = await laborer(session, c, NOW, status="unemployed")
        [wages] = await open_rights_cases(session, c, person_id=person, issues=("wage_arrears",), now=NOW)
        helping = await open_assistance_case(session, c, person_id=person, now=NOW)
    reply = await say(app, "wechat", OPENID, f"联系 C{wages.case_id} 包工头电话打不通")
    text = "\n".join(reply.replies)
    assert text.startswith(f"已记录 C{wages.case_id}")
    assert f"C{helping.case_id} 也在等首次联系, 这次联系已一并记为其首次联系" in text and "待首次联系" not in text
    async with app[keys.SESSIONS]() as session:
        reached = await session.scalar(select(AssistanceCase.first_contact_at).where(
            AssistanceCase.id == helping.case_id))
        tasks = list(await session.scalars(select(CaseworkTask.status).where(
            CaseworkTask.case_id == helping.case_id, CaseworkTask.kind == "first_contact")))
    assert reached is not None and tasks and set(tasks) == {"done"}
    listed = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"C{helping.case_id}" in listed and "前首次联系" not in listed
