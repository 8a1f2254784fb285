"""The lead's play-test of 2026-12-07 (tenth stop): an unemployed rebar worker's
"还在找 县城有个工地说下个月开工 让我到时候去" at his weekly check-in was read as a job found, which closed his
one-on-one case; his "不对 我还没上班 下个月才去" put his form back to out of work, and the case stayed closed —
nobody helped him look any more."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.casework import open_assistance_case
from bot.settings import Settings
from dialogs.types import DialogEvent
from storage.models import Alert, AssistanceCase
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.casework.test_effects import _apply
from tests.survey.helpers import cipher, database

_WORKING = DialogEvent("employment_status_changed", {"old": "unemployed", "new": "employed", "source": "checkin"})
_NOT_AFTER_ALL = DialogEvent("employment_status_changed", {"old": "employed", "new": "unemployed",
                                                           "source": "laborer"})


async def _closed_by_news(settings: Settings) -> tuple[int, int]:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW, status="unemployed")
        opened = await open_assistance_case(session, c, person_id=person, now=NOW)
    await _apply(settings, person, _WORKING, NOW + timedelta(days=7))
    return person, opened.case_id


async def test_a_job_denied_right_after_it_closed_the_case_opens_the_case_again(settings: Settings) -> None:
    person, case_id = await _closed_by_news(settings)
    await _apply(settings, person, _NOT_AFTER_ALL, NOW + timedelta(days=7, minutes=3))
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, case_id)
        alerts = [(a.kind, cipher(settings).decrypt(a.body_enc)) for a in await session.scalars(
            select(Alert).order_by(Alert.id))]
    assert case is not None and (case.status, case.closed_at, case.close_reason, case.days_to_job) == (
        "open", None, None, None)
    assert [kind for kind, _ in alerts] == ["new_case", "case_closed", "case_reopened"]
    assert "已恢复" in alerts[-1][1] and f"联系 C{case_id}" in alerts[-1][1] and "138****8000" in alerts[-1][1]
    # Working again later closes it again, and its caseworker is told again.
    await _apply(settings, person, _WORKING, NOW + timedelta(days=30))
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, case_id)
        closed = list(await session.scalars(select(Alert).where(Alert.kind == "case_closed")))
    assert case is not None and (case.status, case.days_to_job) == ("closed", 30) and len(closed) == 2


async def test_a_case_closed_long_ago_or_by_a_caseworker_stays_closed(settings: Settings) -> None:
    """A guard: out of work weeks after a job found is a new loss (the registration's), not the old case again."""
    person, case_id = await _closed_by_news(settings)
    await _apply(settings, person, _NOT_AFTER_ALL, NOW + timedelta(days=40))
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, case_id)
        reopened = list(await session.scalars(select(Alert).where(Alert.kind == "case_reopened")))
    assert case is not None and case.status == "closed" and reopened == []
