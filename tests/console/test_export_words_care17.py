"""The console's exports said two things in code, not words: a task's status (`open`, `overdue`) in the inbox's
tasks sheet, and a case closed because the person works again (`employed`) in the cases sheets. They say them as the
pages and the CLI's exports do now: 待办 / 已逾期, 本人已重新就业."""

from __future__ import annotations

import csv
import io
from typing import Any

from bot import keys
from bot.casework.cases import close_case
from storage.models import AssistanceCase
from tests.console.world import World


async def _rows(b: Any, path: str) -> list[dict[str, str]]:
    status, body, _ = await b.get_response(path)
    assert status == 200
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


async def test_the_exports_say_statuses_and_reasons_in_words(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        found = await session.get(AssistanceCase, a.case_id)
        assert found is not None
        await close_case(session, found, reason="employed", now=app[keys.CLOCK].now(),
                         caseworker_id=world.accounts["caseworker_a"])
    b = await signed_in("caseworker_a")
    tasks = await _rows(b, "/console/export/inbox-tasks.csv")
    statuses = {row[next(iter(row))]: list(row.values())[-1] for row in tasks}
    assert statuses[str(a.task_id)] == "待办", tasks
    cases = await _rows(b, "/console/export/cases.csv?status=closed")
    [closed] = [row for row in cases if row["案件编号"] == str(a.case_id)]
    assert "本人已重新就业" in closed.values() and "employed" not in closed.values(), closed
