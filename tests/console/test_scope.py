"""storage/scope.py: each entity's condition, for a caseworker of A, a supervisor above A and B, an administrator
and a caseworker of another county; simulated people never, for anyone."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from storage import scope
from storage.models import (
    Alert,
    AssistanceCase,
    Caseworker,
    CaseworkTask,
    InfoForm,
    JobApplication,
    Person,
    RosterEntry,
    UnemploymentRegistration,
)
from storage.scope import Viewer, minimal_codes
from tests.console.world import COUNTY, A, C, World

VIEWERS = {
    "caseworker_a": ("caseworker", (A,)),
    "supervisor": ("supervisor", (COUNTY,)),
    "admin": ("admin", ()),
    "caseworker_c": ("caseworker", (C,)),
}
# Who each viewer sees among the world's laborers.
SEES = {
    "caseworker_a": {"a", "roster"},
    "supervisor": {"a", "b", "roster"},
    "admin": {"a", "b", "c", "roster"},
    "caseworker_c": {"c"},
}


def _viewer(world: World, name: str) -> Viewer:
    role, divisions = VIEWERS[name]
    return Viewer(world.accounts[name], role, divisions)


async def _ids(console: Any, query: Any) -> set[int]:
    async with console.server.app[keys.SESSIONS]() as session:
        return set(await session.scalars(query))


@pytest.mark.parametrize("name", sorted(VIEWERS))
async def test_each_entity_is_scoped_by_the_laborers_home_division(console: Any, world: World, name: str) -> None:
    viewer = _viewer(world, name)
    seen = SEES[name]
    people = world.people
    assert await _ids(console, select(Person.id).where(scope.people(viewer))) == {
        people[k].person_id for k in seen}
    with_records = seen - {"roster"}
    for model, condition in ((AssistanceCase, scope.cases), (CaseworkTask, scope.tasks),
                             (UnemploymentRegistration, scope.registrations), (JobApplication, scope.applications)):
        assert await _ids(console, select(model.person_id).where(condition(viewer))) == {
            people[k].person_id for k in with_records}, model.__name__
    forms = await _ids(console, select(InfoForm.person_id).where(scope.forms(viewer)))
    assert forms == {people[k].person_id for k in with_records}
    alerts = await _ids(console, select(Alert.id).where(scope.alerts(viewer)))
    assert alerts == {i for k in with_records for i in people[k].alert_ids}
    roster = await _ids(console, select(RosterEntry.person_id).where(scope.roster(viewer)))
    assert roster == ({people["roster"].person_id} if "roster" in seen else set())


async def test_simulated_people_are_in_nobodys_scope_even_their_owners(console: Any, world: World) -> None:
    sim = world.people["sim"]
    for name in VIEWERS:
        viewer = _viewer(world, name)
        assert not await _ids(console, select(Person.id).where(scope.people(viewer), Person.id == sim.person_id))
        assert not await _ids(console, select(AssistanceCase.id).where(scope.cases(viewer),
                                                                        AssistanceCase.id == sim.case_id))
        assert not await _ids(console, select(Alert.id).where(scope.alerts(viewer), Alert.person_id == sim.person_id))
    # The simulated laborer's case is owned by the caseworker of A: still invisible to them.
    async with console.server.app[keys.SESSIONS]() as session:
        owner = await session.scalar(select(AssistanceCase.caseworker_id).where(AssistanceCase.id == sim.case_id))
    assert owner == world.accounts["caseworker_a"]


async def test_work_assigned_outside_ones_divisions_is_visible_to_its_owner(console: Any, world: World) -> None:
    """The roster may name a caseworker for someone elsewhere: the owner sees that case and that person."""
    c = world.people["c"]
    async with console.server.app[keys.SESSIONS]() as session, session.begin():
        case = await session.get(AssistanceCase, c.case_id)
        assert case is not None
        case.caseworker_id = world.accounts["caseworker_a"]
    viewer = _viewer(world, "caseworker_a")
    assert await _ids(console, select(AssistanceCase.id).where(scope.cases(viewer))) >= {c.case_id}
    assert c.person_id in await _ids(console, select(Person.id).where(scope.people(viewer)))
    # The person's other records come with them (they are in scope now); nobody else of C or B does.
    assert c.task_id in await _ids(console, select(CaseworkTask.id).where(scope.tasks(viewer)))
    assert await _ids(console, select(Person.id).where(scope.people(viewer))) == {
        world.people[k].person_id for k in ("a", "roster", "c")}


async def test_caseworkers_in_scope_are_those_covering_a_division_within_it(console: Any, world: World) -> None:
    ids = world.accounts
    assert await _ids(console, select(Caseworker.id).where(scope.caseworkers(_viewer(world, "supervisor")))) == {
        ids["supervisor"], ids["caseworker_a"], ids["caseworker_a2"], ids["caseworker_b"]}
    assert await _ids(console, select(Caseworker.id).where(scope.caseworkers(_viewer(world, "caseworker_a")))) == {
        ids["caseworker_a"], ids["caseworker_a2"]}
    assert await _ids(console, select(Caseworker.id).where(scope.caseworkers(_viewer(world, "admin")))) == set(
        ids.values())


async def test_a_code_covers_itself_and_below_never_a_neighbour_with_the_same_digits(console: Any,
                                                                                     world: World) -> None:
    """5205 covers 520526100; 52052 is not a code of 520526's neighbour 520527 by accident: ranges, not text."""
    viewer = Viewer(None, "token", ("52052",))
    forms = await _ids(console, select(InfoForm.person_id).where(scope.forms(viewer)))
    assert forms == {world.people[k].person_id for k in ("a", "b")}
    assert not await _ids(console, select(InfoForm.person_id).where(scope.forms(Viewer(None, "token", ("5206",)))))
    nothing = Viewer(None, "token", ())
    assert not await _ids(console, select(Person.id).where(scope.people(nothing)))


def test_minimal_codes_drop_what_another_code_covers() -> None:
    assert minimal_codes(["520526100", "520526", "5205", "52", "", "450126"]) == ("450126", "52")
    assert minimal_codes(["520526100", "520526101"]) == ("520526100", "520526101")


def test_ranges_end_at_the_next_code_of_the_same_length() -> None:
    assert scope._next_code("5205") == "5206"
    assert scope._next_code("520529") == "520530"
    assert scope._next_code("099") == "100"
    assert scope._next_code("99") is None
