"""Job seekers written straight into the tables (as the survey leaves them), imports at a given time, the sweep
at a given local time, and answers on WeChat."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from bot import keys
from bot.job_import import import_items
from dialogs.types import Inbound
from storage.models import InfoForm
from tests.checkins.helpers import add_people
from tests.fakes.identity import make_id
from tests.jobs.data import VACANCY_HEADER, write_csv

SH = ZoneInfo("Asia/Shanghai")
WEINING = "520526"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def guard_job(external_id: str, title: str = "超市保安", employer: str = "威宁万家超市") -> list[str]:
    """A guard job in 威宁 for anyone of 18 to 60."""
    return [external_id, title, employer, "工厂", "威宁县", "", "2600", "3200", "2", "18", "60", "保安", "", "", "",
            "", "2027-06-30"]


async def seeker(app: Any, *, born: date, wants: str, recorded_at: datetime, scope: str = "county",
                 channels: tuple[str, ...] = ("wechat",), sequence: int = 11) -> int:
    """An unemployed person from 威宁 who wants work now: `wants` is what they said they want (想当保安)."""
    [pid] = await add_people(app, 1, recorded_at=recorded_at, status="unemployed", employer=None, place=None,
                             home_division=WEINING, channels=channels)
    cipher = app[keys.CIPHER]
    id_number = make_id(WEINING, born, sequence)
    async with app[keys.SESSIONS]() as session, session.begin():
        data = {"willing_to_work": "yes", "desired_jobs": wants, "preferred_scope": scope, "expected_income": 3000}
        await session.execute(update(InfoForm).where(InfoForm.person_id == pid).values(
            data=data, id_number_enc=cipher.encrypt(id_number), id_number_hash=cipher.blind_index("id_number",
                                                                                                   id_number)))
    return pid


async def import_vacancies(app: Any, tmp_path: Path, rows: list[list[str]], when: datetime) -> None:
    path = write_csv(tmp_path / f"v-{uuid.uuid4().hex}.csv", VACANCY_HEADER, rows)
    report = await import_items("vacancies", app[keys.SESSIONS], app[keys.CIPHER], path, now=when,
                                today=when.astimezone(SH).date())
    assert report.invalid == []


async def run(app: Any, when: str) -> Any:
    return await app[keys.DUE_WORK].run_due(at(when))


async def answer(app: Any, person_id: int, text: str, when: str) -> Any:
    return await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=f"o{person_id}", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=at(when), text=text, transport="wechat", at=at(when)))


async def form(app: Any, person_id: int) -> InfoForm:
    async with app[keys.SESSIONS]() as session:
        found = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    assert found is not None
    return found
