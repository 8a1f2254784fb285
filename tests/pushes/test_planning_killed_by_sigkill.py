"""A push planning killed with SIGKILL between two chunks of people resumes where it stopped (each item's
cursor, committed with each chunk's pushes): the next planning matches only the people after it, and everyone
gets one push carrying each new item once."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from bot import keys
from storage.models import InfoForm, ScheduledFire, Vacancy
from tests.checkins.helpers import add_people, quiet_outbox
from tests.conftest import SECRET
from tests.fakes.identity import make_id
from tests.pushes.helpers import WEINING, at, guard_job, import_vacancies

PEOPLE = 3000
CHUNK = 20
NOW = at("2026-11-26T09:05")
# The planning of `jiuye vacancies import` and of every sweep, in a process of its own, a small chunk of people
# at a time so that it can be killed between two of them.
PLANNING = """
import asyncio, sys
from datetime import datetime
from bot.app import planner_for
from bot.settings import load_settings
from scheduler.job_pushes import ItemPushes
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory

async def main() -> None:
    settings = load_settings()
    engine = create_engine(settings.database_url)
    try:
        pushes = ItemPushes(session_factory(engine), FieldCipher(settings.secret_key), planner_for(settings),
                            chunk=int(sys.argv[2]))
        print("\\n".join((await pushes.plan_new_items(datetime.fromisoformat(sys.argv[1]))).lines()))
    finally:
        await engine.dispose()

asyncio.run(main())
"""


def planning(database_url: str, var_dir: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
        "JIUYE_DATABASE_URL": database_url, "JIUYE_VAR_DIR": str(var_dir),
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(SECRET).decode(), "JIUYE_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-c", PLANNING, NOW.isoformat(), str(CHUNK)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def guards(app: Any) -> list[int]:
    """PEOPLE unemployed people of 威宁 who want work as guards, written in one go."""
    people = await add_people(app, PEOPLE, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                              place=None, home_division=WEINING)
    cipher = app[keys.CIPHER]
    data = {"willing_to_work": "yes", "desired_jobs": "想当保安", "preferred_scope": "county", "expected_income": 3000}
    async with app[keys.SESSIONS]() as session, session.begin():
        for i, pid in enumerate(people):
            id_number = make_id(WEINING, date(1976, 1, 1) + timedelta(days=i), 11)
            await session.execute(update(InfoForm).where(InfoForm.person_id == pid).values(
                data=data, id_number_enc=cipher.encrypt(id_number),
                id_number_hash=cipher.blind_index("id_number", id_number)))
    return people


async def test_a_planning_killed_between_chunks_resumes_after_the_last_it_committed(
    app: Any, database_url: str, tmp_path: Path
) -> None:
    await quiet_outbox(app)
    people = await guards(app)
    # Imported only (the command would plan next): the child processes plan.
    await import_vacancies(app, tmp_path, [guard_job("WN-010"), guard_job("WN-011", "仓库门卫")], NOW)
    first = planning(database_url, tmp_path)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while loop.time() < deadline:
            # Killed as soon as a chunk is seen committed (waiting for a fuller window let a quiet machine finish
            # the whole planning between two looks: "the planning finished before it could be killed").
            if CHUNK <= await _planned(app, database_url) < PEOPLE - CHUNK:
                break
            assert first.poll() is None, "the planning finished before it could be killed"
            await asyncio.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    killed_at = await _planned(app, database_url)
    async with app[keys.SESSIONS]() as session:
        cursors = list(await session.execute(select(Vacancy.pushes_planned_through, Vacancy.pushes_planned_at)))
    assert 0 < killed_at < PEOPLE
    # Each item's cursor: a committed chunk's last person, the items not planned yet.
    assert {planned_at for _through, planned_at in cursors} == {None}
    through = {t for t, _at in cursors}
    assert len(through) == 1 and people[0] <= next(iter(through)) <= people[-1], cursors

    second = planning(database_url, tmp_path)
    out, err = await asyncio.to_thread(second.communicate, timeout=120)
    assert second.returncode == 0, err.decode()[-2000:]
    report = dict(line.split(": ", 1) for line in out.decode().splitlines())
    assert report["plannings resumed"] == "1" and report["items planned"] == "2"
    # Only the people after the cursor were matched: nobody's push is joined again, nobody planned twice.
    assert "pushes joined to one waiting" not in report
    assert int(report["pushes planned"]) == PEOPLE - killed_at

    async with app[keys.SESSIONS]() as session:
        fires = list(await session.execute(select(ScheduledFire.person_id, ScheduledFire.data)
                                           .where(ScheduledFire.kind == "job_push")))
        planned = list(await session.scalars(select(Vacancy.pushes_planned_at)))
    assert sorted(pid for pid, _data in fires) == people  # one push each
    assert all(sorted(data["refs"]) == sorted(set(data["refs"])) and len(data["refs"]) == 2 for _pid, data in fires)
    assert all(at is not None for at in planned)


async def _planned(app: Any, database_url: str) -> int:
    """Job pushes planned so far; on SQLite read without taking the write lock (as the check-in test does)."""
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.split("///", 1)[1], timeout=30)) as db:
            return int(db.execute("SELECT count(*) FROM scheduled_fire WHERE kind = 'job_push'").fetchone()[0])
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(ScheduledFire)
                                        .where(ScheduledFire.kind == "job_push")) or 0)
