"""A rights case has one first-contact task, also when it lists several issues: those told together, and one told
days later while it was open (it joins the case and its owner is alerted of it: bot/casework/cases.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import cases
from storage.models import AssistanceCase, CaseworkTask
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer


async def _first_contacts(session: Any, person_id: int) -> dict[int | None, str]:
    return {task.case_id: task.status for task in await session.scalars(select(CaseworkTask).where(
        CaseworkTask.person_id == person_id, CaseworkTask.kind == "first_contact"))}


async def test_a_first_contact_completes_the_reports_told_with_it_only(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher)
        person = await laborer(session, cipher, NOW)
        # A saved form with two rights answers: one case listing both, one task.
        [together] = await cases.open_rights_cases(session, cipher, person_id=person,
                                                   issues=("no_contract", "no_social_insurance"), now=NOW)
        # Wages owed, reported a week later while it is open: it joins that case (its owner is alerted).
        later = await cases.open_rights_case(session, cipher, person_id=person, issue="wage_arrears",
                                             now=NOW + timedelta(days=7))
    assert (later.case_id, later.new) == (together.case_id, False)
    async with app[keys.SESSIONS]() as session, session.begin():
        case = await session.get(AssistanceCase, together.case_id)
        assert case is not None and case.issue_list == ["no_contract", "no_social_insurance", "wage_arrears"]
        await cases.record_first_contact(session, case, NOW + timedelta(days=8))
    async with app[keys.SESSIONS]() as session:
        statuses = await _first_contacts(session, person)
    assert statuses == {together.case_id: "done"}  # one call, one task
