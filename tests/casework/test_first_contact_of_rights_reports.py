"""`联系 C12` on a rights case completed the first-contact task of every open rights case of the person, also one of a
report made days later (nobody had called back about that one); now only those told with it (opened together, one
task for them)."""

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
        # A saved form with two rights answers: two cases told together, one task (on the first).
        together = await cases.open_rights_cases(session, cipher, person_id=person,
                                                 issues=("no_contract", "no_social_insurance"), now=NOW)
        # Wages owed, reported a week later: its own case and its own call.
        later = await cases.open_rights_case(session, cipher, person_id=person, issue="wage_arrears",
                                             now=NOW + timedelta(days=7))
    first, second = (c.case_id for c in together)
    async with app[keys.SESSIONS]() as session, session.begin():
        told_with = await session.get(AssistanceCase, second)
        assert told_with is not None
        await cases.record_first_contact(session, told_with, NOW + timedelta(days=8))
    async with app[keys.SESSIONS]() as session:
        statuses = await _first_contacts(session, person)
    assert statuses[first] == "done"  # the one task of the reports told together
    assert statuses[later.case_id] == "open"  # the later report still waits for its call
