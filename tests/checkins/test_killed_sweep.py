"""`jiuye scheduler run-due` killed with SIGKILL in the middle of a sweep: after its claims expire, the next run
sends what was left, and nothing the killed run had committed goes out a second time."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from bot import keys
from storage.models import InboundMessage, OutboxMessage, ScheduledFire
from tests.checkins.helpers import add_people, quiet_outbox
from tests.conftest import SECRET

SH = ZoneInfo("Asia/Shanghai")
RECORDED = datetime(2026, 3, 1, 10, 0, tzinfo=SH)
PEOPLE = 3000


def run_due(database_url: str, var_dir: Path, now: datetime) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
        "JIUYE_DATABASE_URL": database_url, "JIUYE_VAR_DIR": str(var_dir),
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(SECRET).decode(), "JIUYE_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "scheduler", "run-due", "--now", now.isoformat()],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def counts(app: Any) -> Counter[str]:
    async with app[keys.SESSIONS]() as session:
        return Counter(await session.scalars(select(ScheduledFire.status).where(ScheduledFire.kind == "checkin")))


async def test_a_sweep_killed_midway_loses_and_doubles_nothing(app: Any, database_url: str, tmp_path: Path) -> None:
    await quiet_outbox(app)  # this test's own service stays out of the way: the child processes do the work
    people = await add_people(app, PEOPLE, recorded_at=RECORDED)
    now = RECORDED + timedelta(days=14, hours=1)
    first = run_due(database_url, tmp_path, now)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while loop.time() < deadline:
            if 0 < await _sent(app, database_url) < PEOPLE // 2:
                break
            assert first.poll() is None, "run-due finished before it could be killed"
            await asyncio.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    killed_at = await _sent(app, database_url)
    status = await counts(app)
    assert 0 < killed_at < PEOPLE and status["done"] < PEOPLE  # killed in the middle
    # Ten minutes later the dead run's claims expire (here: made to).
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(ScheduledFire).where(ScheduledFire.status == "claimed")
                              .values(claimed_until=datetime(2000, 1, 1, tzinfo=SH)))
    second = run_due(database_url, tmp_path, now)
    # Waited for off the event loop: this test's app must stay free to finish whatever it has open.
    out, err = await asyncio.to_thread(second.communicate, timeout=120)
    assert second.returncode == 0, err.decode()[-2000:]
    assert "checkin submitted" in out.decode()
    again = run_due(database_url, tmp_path, now)
    out, _ = await asyncio.to_thread(again.communicate, timeout=120)
    assert "checkin submitted" not in out.decode()  # a third run finds nothing

    async with app[keys.SESSIONS]() as session:
        pushed = Counter(await session.scalars(select(OutboxMessage.person_id)))
        inbound = Counter(await session.scalars(select(InboundMessage.dedup_key)))
    assert sorted(pushed) == people and set(pushed.values()) == {1}  # every check-in once
    assert set(inbound.values()) == {1}
    assert (await counts(app))["done"] == PEOPLE


async def _sent(app: Any, database_url: str) -> int:
    """Outbox rows so far. On SQLite read without the service's write lock (BEGIN IMMEDIATE), so that
    watching does not slow the run being watched."""
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.split("///", 1)[1], timeout=30)) as db:
            return int(db.execute("SELECT count(*) FROM outbox_message").fetchone()[0])
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)
