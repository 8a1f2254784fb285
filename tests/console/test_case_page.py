"""A case's page for someone whose survey is not done (a job lost or wages owed told halfway through it): no
form or roster entry places them yet, so the page places them where the case was opened."""

from __future__ import annotations

from typing import Any

from bot import keys
from bot.casework.cases import open_rights_case
from storage.models import Person
from tests.console.world import A, World


async def test_someone_not_yet_surveyed_is_placed_by_their_case(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    now = app[keys.CLOCK].now()
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person(locale="zh_CN", created_at=now)
        session.add(person)
        await session.flush()
        opened = await open_rights_case(session, app[keys.CIPHER], person_id=person.id, issue="wage_arrears",
                                        now=now, told={"name": "王大妹", "phone": "+8613800138077", "home_division": A})
    assert opened.caseworker_id == world.accounts["caseworker_a"]
    status, page = await (await signed_in("caseworker_a")).get(f"/console/cases/{opened.case_id}")
    assert status == 200
    assert "<dt>户籍地</dt><dd>威宁彝族回族苗族自治县草海镇</dd>" in page


async def test_a_case_is_numbered_as_alerts_and_the_chat_number_it(console: Any, world: World, signed_in: Any) -> None:
    """Alerts say "(案件 C12)" and the chat's commands take "C12": the inbox, the case list and the case's page say
    C12 too (they said "案件 12" on the page, and nothing in the lists), so an alert is matched to its entry."""
    case = world.people["a"].case_id
    b = await signed_in("caseworker_a")
    ref = f'<span class="muted case-ref">C{case}</span>'
    assert ref in (await b.get("/console/"))[1]
    assert ref in (await b.get("/console/cases"))[1]
    page = (await b.get(f"/console/cases/{case}"))[1]
    assert f"<h1>案件 C{case} · " in page
    # care15: the case's timeline quoted its alerts with the chat's instructions (联系后回复 联系 C12), which the inbox
    # leaves off; it names the case as the inbox does.
    assert "联系后回复" not in page and "回复 电话" not in page
    assert f"(案件 C{case})" in page.split('id="timeline"', 1)[1]
