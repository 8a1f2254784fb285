"""care17 played the console (one world, one sign-in; each part failed on the code before):

- An address under /console that is no page (a link cut short, `/console/case/3` for `/console/cases/3`) answered
  aiohttp's bare English "404: Not Found", with no way back; it gets the console's not-found page.
- Searching people by part of a number (the last four digits of a phone, a masked 138****8011 copied from a list)
  said "找到 0 人", nothing of why; it says numbers are found only in full (a whole phone still finds them).
- The exports said codes: a task's status (`open`) in the inbox's tasks sheet and a case closed because the person
  works again (`employed`) in the cases sheet; they say 待办 and 本人已重新就业, as the pages do."""

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


async def test_the_console_says_things_in_words(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")

    for path in ("/console/case/3", "/console/nonexistent"):
        status, body, headers = await b.get_response(path)
        page = body.decode()
        assert status == 404 and "找不到这条记录" in page and 'href="/console/"' in page, (path, page[:80])
        assert "404: Not Found" not in page and headers["Cache-Control"] == "no-store"

    for partial in ("8011", "138****8011"):
        page = (await b.get(f"/console/people?q={partial}"))[1]
        assert "找到 0 人" in page and 'id="partial-number"' in page and "要输完整" in page, partial
    whole = (await b.get(f"/console/people?q={a.phone.removeprefix('+86')}"))[1]
    assert f'href="/console/people/{a.person_id}"' in whole and 'id="partial-number"' not in whole
    assert 'id="partial-number"' not in (await b.get("/console/people?q=王"))[1]

    tasks = await _rows(b, "/console/export/inbox-tasks.csv")
    statuses = {row[next(iter(row))]: list(row.values())[-1] for row in tasks}
    assert statuses[str(a.task_id)] == "待办", tasks
    async with app[keys.SESSIONS]() as session, session.begin():
        found = await session.get(AssistanceCase, a.case_id)
        assert found is not None
        await close_case(session, found, reason="employed", now=app[keys.CLOCK].now(),
                         caseworker_id=world.accounts["caseworker_a"])
    [closed] = [row for row in await _rows(b, "/console/export/cases.csv?status=closed")
                if row["案件编号"] == str(a.case_id)]
    assert "本人已重新就业" in closed.values() and "employed" not in closed.values(), closed
