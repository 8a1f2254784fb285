"""The weekly cap through the real sweep (JIUYE_JOB_PUSHES_PER_WEEK=2 here): two pushes in seven days, the third
week's new items not pushed, then pushes again once the week has passed; never an item twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from tests.checkins.helpers import pushes
from tests.pushes.helpers import at, guard_job, import_vacancies, run, seeker


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.replace(job_pushes_per_week=2)


async def test_at_most_the_weekly_cap_and_never_an_item_twice(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    titles = {"WN-010": "超市保安", "WN-011": "仓库门卫", "WN-012": "小区门岗", "WN-013": "学校保安"}
    for external_id, day in (("WN-010", "23"), ("WN-011", "24"), ("WN-012", "25")):
        await import_vacancies(app, tmp_path, [guard_job(external_id, titles[external_id])],
                               at(f"2026-11-{day}T09:00"))
        report = await run(app, f"2026-11-{day}T10:00")
    assert report.counts["job_push planned"] == 0  # the third in a week: not planned
    sent = [text for pid, text, *_ in await pushes(app) if pid == guard]
    assert len(sent) == 2 and "超市保安" in sent[0] and "仓库门卫" in sent[1]
    assert "超市保安" not in sent[1]
    # A week after the first push: pushes again (the capped item was his to miss, not to get twice later).
    await import_vacancies(app, tmp_path, [guard_job("WN-013", titles["WN-013"])], at("2026-11-30T09:00"))
    await run(app, "2026-11-30T10:00")
    sent = [text for pid, text, *_ in await pushes(app) if pid == guard]
    assert len(sent) == 3 and "学校保安" in sent[2]
    assert all(t not in sent[2] for t in ("超市保安", "仓库门卫", "小区门岗"))
