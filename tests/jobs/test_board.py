"""The live items in memory (bot/job_board.py): rebuilt when an item changed, within seconds, not per look-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.job_board import RECHECK, JobBoard
from bot.job_import import import_items
from bot.settings import Settings
from tests.jobs.data import TODAY, VACANCIES, VACANCY_HEADER, write_csv
from tests.survey.helpers import cipher, database

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


async def test_an_import_reaches_the_board_within_the_recheck_time(settings: Settings, tmp_path: Path) -> None:
    async with database(settings) as sessions:
        await import_items("vacancies", sessions, cipher(settings), write_csv(tmp_path / "a.csv", VACANCY_HEADER,
                           VACANCIES[:2]), now=NOW, today=TODAY)
        board = JobBoard()
        async with sessions() as session:
            first = await board.index(session, TODAY, NOW)
        assert {o.external_id for o in first.openings} == {"WN-001", "SZ-001"}
        later = NOW + timedelta(minutes=1)
        await import_items("vacancies", sessions, cipher(settings), write_csv(tmp_path / "b.csv", VACANCY_HEADER,
                           VACANCIES[:3]), now=later, today=TODAY)
        async with sessions() as session:
            # Within the recheck time the index in memory is used as it is: no query per look-up.
            assert await board.index(session, TODAY, NOW + RECHECK / 2) is first
            rebuilt = await board.index(session, TODAY, NOW + RECHECK)
            assert {o.external_id for o in rebuilt.openings} == {"WN-001", "SZ-001", "WN-002"}
            # Nothing changed since: the same index again.
            assert await board.index(session, TODAY, NOW + 3 * RECHECK) is rebuilt
        board.mark_full([rebuilt.openings[0].ref])
        assert bool(rebuilt.full[0])
