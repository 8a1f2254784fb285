"""Two laborers of one name in one township looked identical in the inbox and the case list ("王小红 · 草海镇"):
each line now shows the village and the masked phone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.cases import open_assistance_case
from storage.models import InfoForm
from tests.console.world import A, World, _laborer


async def _namesake(console: Any) -> None:
    """A second 王小红 in A, of another village and phone, with an open case."""
    app = console.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        other = await _laborer(session, app[keys.CIPHER], app[keys.CLOCK].now(), name="王小红", division=A, seq=21)
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == other.person_id))
        assert form is not None
        form.data = {**form.data, "home_village": "红岩村"}
        await open_assistance_case(session, app[keys.CIPHER], person_id=other.person_id, now=app[keys.CLOCK].now())


async def test_namesakes_are_told_apart_in_the_inbox_and_the_case_list(
    console: Any, world: World, signed_in: Any
) -> None:
    await _namesake(console)
    b = await signed_in("caseworker_a")
    for path in ("/console/", "/console/cases"):
        status, body = await b.get(path)
        assert status == 200
        assert "石门村 · 138****8011" in body and "红岩村 · 138****8021" in body, path
        assert "+8613800138011" not in body and "13800138021" not in body
