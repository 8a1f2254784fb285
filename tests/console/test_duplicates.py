"""A form whose ID number is on another person's form: marked on the review list and the person's page, the other
person linked only for a viewer who may see them, never the number; it cannot be approved as it is, and the
reviewer's two answers (the same person; a number typed wrong, corrected or asked again) are each audited."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import openpyxl
from sqlalchemy import select

from bot import keys
from storage.crypto import mask_id_number
from storage.models import AuditLog, FormChange, InfoForm, OutboxMessage
from tests.console.conftest import Browser
from tests.console.world import A, B, World, add_form
from tests.fakes.identity import make_id

MARK = "身份证号与另一条登记相同"


async def _second_form(console: Any, id_number: str, *, division: str = B, simulated: bool = False) -> int:
    """Another person (in B: outside caseworker A's area) whose form carries this ID number."""
    app = console.server.app
    return await add_form(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK].now(), name="王晓红",
                          id_number=id_number, division=division, simulated=simulated)


async def _form(console: Any, person_id: int) -> InfoForm:
    async with console.server.app[keys.SESSIONS]() as session:
        info = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
        assert info is not None
        return info


async def _audit(console: Any) -> list[str]:
    async with console.server.app[keys.SESSIONS]() as session:
        return list(await session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def _row(body: str, person_id: int) -> str:
    """One person's row of the review list."""
    start = body.index(f'<li class="review-row"><span class="main"><a href="/console/people/{person_id}"')
    return body[start:body.find("</li>", start)]


async def test_the_review_list_and_person_page_mark_it_and_link_the_other_only_within_scope(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    other = await _second_form(console, a.id_number)
    caseworker: Browser = await signed_in("caseworker_a")
    _, body = await caseworker.get("/console/review")
    row = _row(body, a.person_id)
    assert MARK in row and f"/review/{a.person_id}/approve" not in row
    assert f"/review/{a.person_id}/same-person" in row and f"/review/{a.person_id}/id-typo" in row
    # The other person is in B: counted, never named or linked for a caseworker of A.
    assert f"/console/people/{other}" not in body and "王晓红" not in body and "另有1条登记不在您的负责范围内" in row
    _, page = await caseworker.get(f"/console/people/{a.person_id}")
    assert MARK in page and f"/console/people/{other}" not in page
    supervisor: Browser = await signed_in("supervisor")
    _, body = await supervisor.get("/console/review")
    assert f'<a href="/console/people/{other}">王晓红</a>' in _row(body, a.person_id)
    assert f'<a href="/console/people/{a.person_id}">{a.name}</a>' in _row(body, other)
    # The number itself, even masked, is not what the mark shows (the person's page shows their own, masked).
    assert a.id_number not in body + page and mask_id_number(a.id_number) not in body
    # Forms without a twin keep their plain approve button.
    b_row = _row(body, world.people["b"].person_id)
    assert MARK not in b_row and f"/review/{world.people['b'].person_id}/approve" in b_row


async def test_it_cannot_be_approved_before_the_reviewer_answers(console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    await _second_form(console, a.id_number)
    b: Browser = await signed_in("caseworker_a")
    status, body, _ = await b.post(f"/console/review/{a.person_id}/approve", follow=True)
    assert status == 200 and "请先核实是否同一人" in body  # (console18: back to the list, which says why)
    assert (await _form(console, a.person_id)).status == "pending_review"


async def test_same_person_keeps_and_approves_this_form_and_the_other_stays_marked(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    other = await _second_form(console, a.id_number)
    b: Browser = await signed_in("supervisor")
    await b.get("/console/review")
    status, _, location = await b.post(f"/console/review/{a.person_id}/same-person")
    assert (status, location) == (303, "/console/review?done=duplicate_kept")
    info = await _form(console, a.person_id)
    assert info.status == "reviewed" and info.reviewed_by and info.id_number_checked_hash == info.id_number_hash
    assert (await _audit(console))[-1] == "duplicate_id_same_person"
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert MARK not in page
    # The other form is the other reviewer's to answer: still marked, this one linked from it and said to be kept.
    _, page = await b.get(f"/console/people/{other}")
    assert MARK in page and f'href="/console/people/{a.person_id}"' in page and "那一条已确认是同一人并保留" in page
    # Answered once: asking again is a missing record.
    status, _, _ = await b.post(f"/console/review/{a.person_id}/same-person")
    assert status == 404


async def test_a_corrected_number_goes_into_the_form_with_its_history_and_clears_the_mark(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    await _second_form(console, a.id_number)
    right = make_id("520526", date(1985, 5, 2), 41)
    b: Browser = await signed_in("caseworker_a")
    await b.get(f"/console/people/{a.person_id}")
    status, _, location = await b.post(f"/console/review/{a.person_id}/id-typo?from=person", {"id_number": right})
    assert (status, location) == (303, f"/console/people/{a.person_id}?done=duplicate_corrected#form")
    app = console.server.app
    info = await _form(console, a.person_id)
    assert info.status == "pending_review" and info.id_number_hash == app[keys.CIPHER].blind_index("id_number", right)
    async with app[keys.SESSIONS]() as session:
        [change] = list(await session.scalars(select(FormChange).where(FormChange.person_id == a.person_id)))
    assert (change.field, change.actor, change.reason) == (
        "id_number", f"cw:{world.accounts['caseworker_a']}", "身份证号填错，已与本人核对")
    assert (await _audit(console))[-1] == "duplicate_id_corrected"
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert MARK not in page and right not in page
    status, _, _ = await b.post(f"/console/review/{a.person_id}/approve")
    assert status == 303 and (await _form(console, a.person_id)).status == "reviewed"


async def test_without_a_number_the_form_is_returned_and_the_laborer_asked_to_check(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    await _second_form(console, a.id_number)
    b: Browser = await signed_in("caseworker_a")
    await b.get("/console/review")
    status, _, location = await b.post(f"/console/review/{a.person_id}/id-typo", {"id_number": ""})
    assert (status, location) == (303, "/console/review?done=duplicate_returned")
    assert (await _form(console, a.person_id)).status == "returned"
    app = console.server.app
    async with app[keys.SESSIONS]() as session:
        [body] = list(await session.scalars(select(OutboxMessage.body_enc).where(
            OutboxMessage.person_id == a.person_id, OutboxMessage.solicited.is_(False))
            .order_by(OutboxMessage.id.desc()).limit(1)))  # the last push (the world's check-in came before)
    told = app[keys.CIPHER].decrypt(body)
    # Asked to check; nothing of the other form.
    assert "身份证号可能填错了" in told and "另一" not in told
    assert (await _audit(console))[-1] == "duplicate_id_returned"


async def test_a_wrong_correction_changes_nothing(console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    await _second_form(console, a.id_number)
    b: Browser = await signed_in("caseworker_a")
    await b.get("/console/review")
    bad = a.id_number[:-1] + ("0" if a.id_number[-1] != "0" else "1")
    status, body, _ = await b.post(f"/console/review/{a.person_id}/id-typo", {"id_number": bad}, follow=True)
    assert status == 200 and "身份证号不对" in body
    info = await _form(console, a.person_id)
    assert info.status == "pending_review" and info.id_number_hash == console.server.app[keys.CIPHER].blind_index(
        "id_number", a.id_number)


async def test_answers_need_a_marked_form_in_scope(console: Any, world: World, signed_in: Any) -> None:
    """No twin, or a form outside the viewer's area: the same 404 as a missing record."""
    a = world.people["a"]
    b: Browser = await signed_in("caseworker_a")
    await b.get("/console/review")
    for path in (f"/console/review/{a.person_id}/same-person", f"/console/review/{a.person_id}/id-typo"):
        status, _, _ = await b.post(path)
        assert status == 404
    await _second_form(console, a.id_number)
    c: Browser = await signed_in("caseworker_c")
    await c.get("/console/review")
    status, _, _ = await c.post(f"/console/review/{a.person_id}/same-person")
    assert status == 404 and (await _form(console, a.person_id)).id_number_checked_hash is None


async def test_a_simulated_person_with_the_same_number_marks_nothing(
        console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    await _second_form(console, a.id_number, division=A, simulated=True)
    b: Browser = await signed_in("caseworker_a")
    _, body = await b.get("/console/review")
    assert MARK not in body


async def test_the_review_export_has_the_mark_in_its_own_column_with_the_same_masking(
        console: Any, world: World, signed_in: Any) -> None:
    """review.xlsx had no column for it: a reviewer working from the sheet approved a duplicate's form unawares.
    The column says it with the page's rules (the other named only within scope) and never the number."""
    a = world.people["a"]
    await _second_form(console, a.id_number)
    sheets = {}
    for account in ("caseworker_a", "supervisor"):
        status, content, _ = await (await signed_in(account)).get_response("/console/export/review.xlsx")
        assert status == 200
        rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        sheets[account] = rows
    headers = sheets["caseworker_a"][0]
    column, name = headers.index("身份证号重复"), headers.index("姓名")
    mine = {row[name]: row[column] for row in sheets["caseworker_a"][1:]}
    assert mine[a.name] == f"{MARK} 另有1条登记不在您的负责范围内，请找上级核实。"
    theirs = {row[name]: row[column] for row in sheets["supervisor"][1:]}
    assert theirs[a.name].startswith(f"{MARK} 另一条登记：王晓红 ") and "另有" not in theirs[a.name]
    assert theirs["王晓红"].startswith(f"{MARK} 另一条登记：{a.name} ")
    assert theirs[world.people["b"].name] in ("", None)
    every_cell = " ".join(str(cell) for rows in sheets.values() for row in rows for cell in row if cell)
    assert a.id_number not in every_cell
