"""storage/scope.py `case_list`: the case list's scope, answered as a set (a county or narrower) or by each case's
laborer (a prefecture or province), is exactly `cases`' for every kind of viewer, and the edges a rewrite could
lose: a laborer whose form names another county than their roster entry, one known only from the roster, a case
assigned outside one's divisions, a simulated person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.cases import open_assistance_case
from storage import scope
from storage.models import AssistanceCase, InfoForm, RosterEntry
from storage.scope import Viewer
from tests.console.world import COUNTY, A, C, World


async def _case_ids(console: Any, condition: Any) -> set[int]:
    async with console.server.app[keys.SESSIONS]() as session:
        return set(await session.scalars(select(AssistanceCase.id).where(condition)))


async def test_the_case_list_sees_exactly_the_cases_in_scope(console: Any, world: World) -> None:
    app = console.server.app
    people, accounts = world.people, world.accounts
    async with app[keys.SESSIONS]() as session, session.begin():
        # The roster-only laborer of A gets a case; C's case is handed to A's caseworker (the roster named them).
        roster_case = (await open_assistance_case(session, app[keys.CIPHER], person_id=people["roster"].person_id,
                                                  now=app[keys.CLOCK].now())).case_id
        moved = await session.get(AssistanceCase, people["c"].case_id)
        assert moved is not None
        moved.caseworker_id = accounts["caseworker_a"]
        # B's laborer moved to C: their form says so, the roster (imported earlier) still says A.
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == people["b"].person_id))
        assert form is not None
        form.home_division = C
        session.add(RosterEntry(name="张大山", id_number_enc="x", id_number_hash="moved-b", home_division=A,
                                person_id=people["b"].person_id, imported_at=app[keys.CLOCK].now()))
    case = {k: people[k].case_id for k in ("a", "b", "c", "sim")} | {"roster": roster_case}
    expected = {
        Viewer(accounts["caseworker_a"], "caseworker", (A,)): {"a", "roster", "c"},
        Viewer(accounts["supervisor"], "supervisor", (COUNTY,)): {"a", "roster"},
        Viewer(accounts["caseworker_c"], "caseworker", (C,)): {"b", "c"},
        Viewer(None, "supervisor", ("52",)): {"a", "b", "c", "roster"},  # a province: by each case's laborer
        Viewer(None, "supervisor", ("5205",)): {"a", "b", "c", "roster"},  # a prefecture
        Viewer(None, "supervisor", ("5205", A)): {"a", "b", "c", "roster"},  # codes of two lengths
        Viewer(None, "supervisor", ("4501",)): set(),
        Viewer(None, "supervisor", (C, "520526101")): {"b", "c"},  # B's laborer has moved out of B
        Viewer(accounts["caseworker_a"], "caseworker", ("4501",)): {"a", "c", "roster"},  # their own cases only
        Viewer(None, "admin", ()): {"a", "b", "c", "roster"},
        Viewer(None, "supervisor", ()): set(),
    }
    for viewer, keys_ in expected.items():
        listed = await _case_ids(console, scope.case_list(viewer))
        assert listed == {case[k] for k in keys_}, viewer
        assert listed == await _case_ids(console, scope.cases(viewer)), viewer
