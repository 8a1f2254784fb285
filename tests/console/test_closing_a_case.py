"""Closing a case on its page: "已经上班了" written as the reason, the box not ticked, is the person working again
(the days to work counted), as the chat's 结案 C3 已经上班了 is; any other reason is kept as written; a case closed
already (a second tab, a stale page) stays as it was closed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import keys
from bot.casework.cases import open_rights_case
from storage.models import AssistanceCase, Person
from tests.console.world import World


async def _case(app: Any, case_id: int) -> AssistanceCase:
    async with app[keys.SESSIONS]() as session:
        found = await session.get(AssistanceCase, case_id)
        assert found is not None
        return found


async def test_a_reason_that_says_the_person_works_again_counts_the_days(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    app[keys.CLOCK].advance(timedelta(days=6))  # (before signing in: a session ends after 12 hours)
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    status, _, location = await b.post(f"/console/cases/{a.case_id}/close", {"reason": "已经上班了"})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?done=closed")
    closed = await _case(app, a.case_id)
    assert (closed.status, closed.close_reason, closed.days_to_job) == ("closed", "employed", 6)
    _, page = await b.get(location)
    assert "已重新就业，用时 6 天" in page
    # Posted again from a stale page with another reason: the case stays as it was closed.
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/close", {"reason": "搬走了"})
    assert status == 303
    assert (await _case(app, a.case_id)).close_reason == "employed"


async def test_another_reason_is_kept_as_written(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    await b.post(f"/console/cases/{a.case_id}/close", {"reason": "还没上班, 全家搬去外省了"})
    closed = await _case(app, a.case_id)
    assert (closed.close_reason, closed.days_to_job) == ("还没上班, 全家搬去外省了", None)


async def test_a_rights_case_keeps_its_reason_as_written(console: Any, world: World, signed_in: Any) -> None:
    """A wage-arrears case is not ended by work found: its page offers no 本人已重新就业 box, and a reason that
    says work was found is kept as written (it was turned into "employed", the page then reading 用时 None 天)."""
    app = console.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person(locale="zh_CN", created_at=app[keys.CLOCK].now())
        session.add(person)
        await session.flush()
        opened = await open_rights_case(session, app[keys.CIPHER], person_id=person.id, issue="wage_arrears",
                                        now=app[keys.CLOCK].now(), told={"phone": "+8613800138077"})
    b = await signed_in("supervisor")  # nobody knows where they live: the county's supervisor has it
    status, page = await b.get(f"/console/cases/{opened.case_id}")
    assert status == 200
    assert 'name="employed"' not in page and "结案原因(必填，如：工资已追回)" in page
    assert "<dt>户籍地</dt><dd>地址不详</dd>" in page  # was an empty line
    status, page, _ = await b.post(f"/console/cases/{opened.case_id}/close", {"employed": "1", "reason": ""},
                                   follow=True)
    assert status == 200 and (await _case(app, opened.case_id)).status == "open"
    assert "没有结案：请填写结案原因(最多200字)，如：工资已追回。" in page  # (console18: no box to tick on it)
    await b.post(f"/console/cases/{opened.case_id}/close", {"reason": "已经上班了, 工资也结了"})
    closed = await _case(app, opened.case_id)
    assert (closed.status, closed.close_reason, closed.days_to_job) == ("closed", "已经上班了, 工资也结了", None)
    _, page = await b.get(f"/console/cases/{opened.case_id}")
    assert "结案：已经上班了, 工资也结了" in page and "None" not in page


async def test_handing_over_a_case_closed_meanwhile_says_so(console: Any, world: World, signed_in: Any) -> None:
    """A case page left open, the case closed meanwhile (from the chat, another tab), then 转交 pressed: it said
    "案件已转交。" and nothing was handed over. Now the page says the case is closed and nothing changed."""
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    await b.post(f"/console/cases/{a.case_id}/close", {"reason": "搬走了"})
    to = str(world.accounts["caseworker_a2"])
    status, page, _ = await b.post("/console/cases/reassign", {"case": str(a.case_id), "to": to}, follow=True)
    assert status == 200 and "案件已结案，没有转交。" in page and "案件已转交" not in page
    assert (await _case(app, a.case_id)).caseworker_id == world.accounts["caseworker_a"]
