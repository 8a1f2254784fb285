"""`jiuye scheduler plan` and `run-due` as an operator runs them: counts per day and per kind, no personal data."""

from __future__ import annotations

import asyncio
import base64
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from tests.checkins.helpers import add_people
from tests.conftest import SECRET

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def operator_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", database_url)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(SECRET).decode())


async def test_plan_counts_what_falls_due_each_day_and_run_due_does_it(
        app: Any, operator_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    await add_people(app, 5, recorded_at=datetime(2026, 3, 1, 10, 0, tzinfo=SH))
    await add_people(app, 3, recorded_at=datetime(2026, 3, 5, 10, 0, tzinfo=SH), status="unable", prefix="u")
    assert await asyncio.to_thread(main, ["scheduler", "run-due", "--now", "2026-03-02T10:00"]) == 0
    out = capsys.readouterr().out
    assert "due work at 2026-03-02T10:00+08:00" in out and "checkin planned: 8" in out
    assert await asyncio.to_thread(main, ["scheduler", "plan", "--days", "40", "--now", "2026-03-02T10:00"]) == 0
    table = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:]}
    assert len(table) == 40
    # 14 and 30 days after 1 March for the five employed; 90 days after 5 March is outside the 40 days.
    assert table["2026-03-15"][0] == "5" and table["2026-03-31"][0] == "5"
    assert sum(int(row[-1]) for row in table.values()) == 10
    assert await asyncio.to_thread(main, ["scheduler", "run-due", "--now", "2026-03-15T11:00"]) == 0
    out = capsys.readouterr().out
    assert "checkin submitted: 5" in out
    assert "王" not in out and "o1" not in out  # counts only
    assert await asyncio.to_thread(main, ["scheduler", "run-due", "--now", "2026-03-15T11:00"]) == 0
    assert "checkin submitted" not in capsys.readouterr().out  # twice with the same --now: nothing more


def test_a_bad_now_is_refused(operator_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["scheduler", "run-due", "--now", "next tuesday"])
    assert exc.value.code == 2 and "ISO-8601" in capsys.readouterr().err


async def test_prepare_readies_the_checkins_due_soon_and_run_due_releases_them(
        app: Any, operator_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    await add_people(app, 4, recorded_at=datetime(2026, 3, 1, 10, 0, tzinfo=SH))
    assert await asyncio.to_thread(main, ["scheduler", "run-due", "--now", "2026-03-02T10:00"]) == 0
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["scheduler", "prepare", "--now", "2026-03-15T07:00", "--hours", "4"]) == 0
    out = capsys.readouterr().out
    assert "4 prepared" in out and "王" not in out and "o1" not in out
    assert await asyncio.to_thread(main, ["scheduler", "prepare", "--now", "2026-03-15T07:00", "--hours", "4"]) == 0
    assert ": 0 prepared" in capsys.readouterr().out  # twice: nothing more
    assert await asyncio.to_thread(main, ["scheduler", "run-due", "--now", "2026-03-15T10:00"]) == 0
    out = capsys.readouterr().out
    assert "checkin released: 4" in out and "checkin submitted" not in out
