"""console18, the person's page and the review list: a refused form (an empty message, a field change without a
reason, a return without a reason) rendered the page as the POST's answer, so a reload posted it again; now each
answers 303 back to the page, which says why nothing was done. A job referral (or guidance talk, training offer)
recorded on a person's page was kept with no case, counted in no service package, and offered to someone with a
rights case only: it is kept on their open one-on-one case, and offered only to someone who has one."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from bot import keys
from bot.casework.cases import open_rights_case
from storage.models import ContactRecord, OutboxMessage
from tests.console.world import A, World, add_form
from tests.fakes.identity import make_id


async def _count(app: Any, model: Any, *where: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_refused_forms_go_back_to_the_page(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/people/{a.person_id}")
    queued = await _count(app, OutboxMessage, OutboxMessage.person_id == a.person_id)
    status, _, location = await b.post(f"/console/people/{a.person_id}/message", {"text": "   "})
    assert (status, location) == (303, f"/console/people/{a.person_id}?error=person.message_length")
    assert '<p class="error" role="alert">消息不能为空，最多500字。</p>' in (await b.get(location))[1]
    assert await _count(app, OutboxMessage, OutboxMessage.person_id == a.person_id) == queued
    # A guard: a message sent from the page keeps the caseworker's full-width punctuation.
    status, _, _ = await b.post(f"/console/people/{a.person_id}/message", {"text": "您好，明天在家吗？"})
    async with app[keys.SESSIONS]() as session:
        body = await session.scalar(select(OutboxMessage.body_enc).where(OutboxMessage.person_id == a.person_id)
                                    .order_by(OutboxMessage.id.desc()).limit(1))
    assert status == 303 and app[keys.CIPHER].decrypt(body).endswith("】您好，明天在家吗？")
    status, _, location = await b.post(f"/console/people/{a.person_id}/field",
                                       {"field": "home_village", "value": "红岩村", "reason": ""})
    assert (status, location) == (303, f"/console/people/{a.person_id}?error=person.change_invalid")
    status, _, location = await b.post(f"/console/review/{a.person_id}/return", {"reason": ""})
    assert (status, location) == (303, "/console/review?error=review.reason_needed")
    assert "请填写退回原因" in (await b.get(location))[1]


async def test_a_package_step_on_the_person_page_counts_on_their_case(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert 'value="job_referral"' in page  # a one-on-one case is open
    status, _, _ = await b.post(f"/console/people/{a.person_id}/contact",
                                {"kind": "job_referral", "channel": "phone", "note": "推荐了保安"})
    assert status == 303
    assert await _count(app, ContactRecord, ContactRecord.case_id == a.case_id,
                        ContactRecord.kind == "job_referral") == 1
    assert "推荐岗位</span><span class=\"\">1 / 3" in (await b.get(f"/console/cases/{a.case_id}"))[1]

    # Someone with a rights case only: no package to count it in.
    now = app[keys.CLOCK].now()
    other = await add_form(app[keys.SESSIONS], app[keys.CIPHER], now, name="赵小兰",
                           id_number=make_id("520526", date(1990, 3, 4), 31), division=A)
    async with app[keys.SESSIONS]() as session, session.begin():
        await open_rights_case(session, app[keys.CIPHER], person_id=other, issue="wage_arrears", now=now)
    _, page = await b.get(f"/console/people/{other}")
    assert 'value="job_referral"' not in page and 'value="visit"' in page
    status, _, location = await b.post(f"/console/people/{other}/contact", {"kind": "job_referral"})
    assert (status, location) == (303, f"/console/people/{other}?error=contact.package_only")
    assert await _count(app, ContactRecord, ContactRecord.person_id == other) == 0


async def test_a_choice_is_changed_by_its_words(console: Any, world: World, signed_in: Any) -> None:
    """The page listed a choice field's options as codes (employed=在工作) and took only the code: a caseworker
    typing 在工作 was told the change was invalid. The words are taken (the code still is), and listed alone."""
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert "employed=" not in page and "就业状态：在工作 / 没有工作 / " in page
    status, _, location = await b.post(f"/console/people/{a.person_id}/field", {
        "field": "employment_status", "value": "在工作", "reason": "电话核实, 已在县城鞋厂上班"})
    assert (status, location) == (303, f"/console/people/{a.person_id}?done=field_changed#history")
    _, page = await b.get(location)
    assert '<dd data-field="employment_status">在工作</dd>' in page
