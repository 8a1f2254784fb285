"""The operator's view: `jiuye vacancies import` plans the pushes of the new items at once, `jiuye scheduler
plan` shows job pushes and follow-ups per day, `jiuye scheduler run-due` sends them."""

from __future__ import annotations

import asyncio
import base64
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import keys
from bot.cli import main
from scheduler.fires import FIRE
from scheduler.schedules import FOLLOW_UP, JOB_PUSH, KINDS
from tests.conftest import SECRET
from tests.jobs.data import VACANCY_HEADER, write_csv
from tests.pushes.helpers import SH, answer, guard_job, seeker


@pytest.fixture
def operator_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", database_url)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(SECRET).decode())


async def plan(capsys: pytest.CaptureFixture[str], now: datetime, days: int) -> dict[date, dict[str, int]]:
    args = ["scheduler", "plan", "--days", str(days), "--now", now.strftime("%Y-%m-%dT%H:%M")]
    assert await asyncio.to_thread(main, args) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    return {date.fromisoformat(r.split()[0]): dict(zip(KINDS, map(int, r.split()[1:]), strict=False)) for r in rows}


# The import and the sweeps at times of our choosing, never the real clock (the suite passes at any hour): in
# the sending hours the push is due at once (also at 20:59, the last minute); at 22:30 it waits for the morning.
@pytest.mark.parametrize("imported_at", ["2026-11-26T11:13", "2026-11-26T20:59", "2026-11-26T22:30"])
async def test_import_plans_the_pushes_plan_shows_them_and_run_due_sends_them(
    app: Any, operator_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], imported_at: str
) -> None:
    now = datetime.fromisoformat(imported_at).replace(tzinfo=SH)
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=now - timedelta(days=3))
    path = write_csv(tmp_path / "v.csv", VACANCY_HEADER, [guard_job("WN-010", employer="威宁万家超市")])
    assert await asyncio.to_thread(main, ["vacancies", "import", str(path), "--now", imported_at]) == 0
    assert "pushes planned: 1 (joined to one waiting: 0)" in capsys.readouterr().out
    table = await plan(capsys, now, 10)
    assert sum(day[JOB_PUSH] for day in table.values()) == 1  # today, or the next morning in quiet hours
    [day] = [day for day, counts in table.items() if counts[JOB_PUSH]]
    async with app[keys.SESSIONS]() as session:
        due = await session.scalar(select(func.max(FIRE.c.due_at)).where(FIRE.c.kind == JOB_PUSH))
    assert due is not None and due.astimezone(SH).date() == day
    # At once in the sending hours; after 21:00 within the two hours after sending opens the next morning.
    assert due.astimezone(SH) == now if now.hour < 21 else 8 <= due.astimezone(SH).hour < 10, due
    assert day == (now.date() if now.hour < 21 else now.date() + timedelta(days=1))
    # Run the sweep at that day's 11:00, or at the push's minute when that is later (at 20:59, not a minute
    # on: 21:00 is in quiet hours and defers it).
    due_minute = due.astimezone(SH).replace(second=0, microsecond=0)
    at = max(datetime.combine(day, datetime.min.time(), tzinfo=SH).replace(hour=11),
             due_minute if due_minute == due else due_minute + timedelta(minutes=1))
    args = ["scheduler", "run-due", "--now", at.strftime("%Y-%m-%dT%H:%M")]
    assert await asyncio.to_thread(main, args) == 0
    assert "job_push submitted: 1" in capsys.readouterr().out
    await answer(app, guard, "报名 1", at.strftime("%Y-%m-%dT%H:%M"))
    table = await plan(capsys, at, 14)
    # Seven days on, or the first working day after, when that is a holiday.
    planner = app[keys.DUE_WORK].planner
    expected = planner.today(planner.calendar.push_time(at + timedelta(days=7), guard))
    assert [day for day, counts in table.items() if counts[FOLLOW_UP]] == [expected]
