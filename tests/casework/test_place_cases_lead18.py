"""The lead's play-test of 2026-12-07 (eleventh stop): "老板跑路了 工钱也没给" as a first SMS. The wages case was
passed on at consent, before the survey knew where he lives: it went to the fallback supervisor, with no region,
and stayed there once his form said 威宁 迤那镇 — the caseworker of his township, who got his one-on-one case,
never saw the wages case."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.settings import Settings
from dialogs.types import DialogEvent
from storage.models import Alert, AssistanceCase, CaseworkTask
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.casework.test_effects import _apply
from tests.survey.helpers import cipher, database

_OWED = DialogEvent("rights_issue_reported", {"issue": "wage_arrears", "issues": ["wage_arrears"], "channel": "sms"})
_SAVED = DialogEvent("form_submitted", {"answers": {
    "name": "吴三兵", "phone": "+8613800138000", "employment_status": "unemployed",
    "home_division": {"code": "520526109", "name": "贵州省毕节市威宁彝族回族苗族自治县迤那镇"}}, "channel": "sms"})


async def _wages_case_before_home(settings: Settings) -> tuple[int, int, int, int]:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        supervisor = await caseworker(session, c, name="李秀英", phone="+8613900000002", divisions=("5205",),
                                      role="supervisor")
        village = await caseworker(session, c, name="王建国", phone="+8613900000001", divisions=("520526",),
                                   supervisor_id=supervisor)
        person = await laborer(session, c, NOW, name="吴三兵", division=None, status="unemployed")
    await _apply(settings, person, _OWED)
    async with database(settings) as sessions, sessions() as session:
        [case] = list(await session.scalars(select(AssistanceCase)))
    assert (case.caseworker_id, case.home_division) == (supervisor, None)  # what was known then
    return person, case.id, supervisor, village


async def _home_told(settings: Settings, person: int) -> None:
    await _apply(settings, person, _SAVED, NOW + timedelta(minutes=5))


async def test_a_case_opened_before_the_home_was_known_goes_to_its_caseworker_once_the_form_says(
    settings: Settings,
) -> None:
    person, case_id, _, village = await _wages_case_before_home(settings)
    await _home_told(settings, person)
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, case_id)
        tasks = list(await session.scalars(select(CaseworkTask).where(CaseworkTask.case_id == case_id)))
        alerts = list(await session.scalars(select(Alert).where(Alert.kind == "case_reassigned")))
    assert case is not None and (case.caseworker_id, case.home_division) == (village, "520526109")
    assert tasks and all((t.caseworker_id, t.home_division) == (village, "520526109") for t in tasks)
    [alert] = alerts
    assert alert.caseworker_id == village and f"C{case_id}" in cipher(settings).decrypt(alert.body_enc)


async def test_a_case_already_contacted_is_placed_but_stays_with_whoever_contacted(settings: Settings) -> None:
    """The supervisor who has called him keeps the case; it gets its region all the same (it had none)."""
    person, case_id, supervisor, _ = await _wages_case_before_home(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        case = await session.get(AssistanceCase, case_id)
        assert case is not None
        case.first_contact_at = NOW + timedelta(minutes=2)
    await _home_told(settings, person)
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, case_id)
        moved = list(await session.scalars(select(Alert).where(Alert.kind == "case_reassigned")))
    assert case is not None and (case.caseworker_id, case.home_division) == (supervisor, "520526109")
    assert moved == []
