"""Who may see what: the division scope of a console viewer (or an API token), added to queries in one place.

A `Viewer` sees the records of laborers whose home division lies within one of its division codes (a code
covers itself and everything below it: 5205 covers 520526 and 520526100); an administrator sees everything.
Caseworkers and supervisors differ only in the codes they hold (a caseworker's villages or township, a
supervisor's county), so a supervisor sees the whole subtree of what they cover. A caseworker also sees the
work assigned to them (cases, tasks, registrations, alerts) and the laborers it concerns, wherever those live:
the roster may name a caseworker for someone outside their divisions, and the fallback administrator owns what
nobody covers. Simulated people (the chat simulator's users) are never in anyone's scope.

A laborer's home division is their form's, else (not yet surveyed) their roster entry's.

Every query of the console, its exports and the integration API takes its condition from one function here per
entity, so that a page cannot forget it: `people`, `forms`, `roster`, `cases`, `tasks`, `registrations`,
`alerts`, `applications`, `caseworkers`. Out of scope is the same as not there: callers answer 404 for both.

Division codes are compared as ranges (`code <= d < next`) rather than with LIKE: digit strings sort the same
under every collation, and a range uses the plain B-tree index on both databases (LIKE needs a C collation or
a pattern index on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true, union_all
from sqlalchemy.orm import InstrumentedAttribute, aliased

from storage.models import (
    Alert,
    AssistanceCase,
    Caseworker,
    CaseworkerDivision,
    CaseworkTask,
    InfoForm,
    JobApplication,
    Person,
    RosterEntry,
    UnemploymentRegistration,
)

ADMIN = "admin"
SUPERVISOR = "supervisor"
CASEWORKER = "caseworker"
ROLES = (CASEWORKER, SUPERVISOR, ADMIN)
OPEN_TASK = ("open", "overdue")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Whoever is looking: a console account (caseworker id, role, division codes) or an API token (no
    caseworker id: nothing is assigned to it)."""

    caseworker_id: int | None
    role: str
    divisions: tuple[str, ...]

    @property
    def sees_everything(self) -> bool:
        return self.role == ADMIN

    @property
    def actor(self) -> str:
        """How the audit log names this viewer."""
        return f"caseworker:{self.caseworker_id}" if self.caseworker_id is not None else f"token:{self.role}"


def minimal_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """The codes without those another one already covers (5205 makes 520526 redundant), sorted."""
    kept: list[str] = []
    for code in sorted(set(codes), key=lambda c: (len(c), c)):
        if code and not any(code.startswith(k) for k in kept):
            kept.append(code)
    return tuple(sorted(kept))


def _next_code(code: str) -> str | None:
    """The first code of the same length after every code that starts with `code` (5205 -> 5206); None past
    the last one (99 -> no upper bound)."""
    if set(code) == {"9"}:
        return None
    return str(int(code) + 1).zfill(len(code))


def within(column: InstrumentedAttribute[str | None] | ColumnElement[str | None], viewer: Viewer) -> (
        ColumnElement[bool]):
    """`column` (a division code) lies within one of the viewer's codes; always true for an administrator."""
    if viewer.sees_everything:
        return true()
    ranges = []
    for code in viewer.divisions:
        upper = _next_code(code)
        ranges.append(column >= code if upper is None else and_(column >= code, column < upper))
    return or_(*ranges) if ranges else false()


# The sub-queries read their tables under aliases: a condition on cases must not correlate its "does this
# person have a case of mine" with the very case row being filtered. Made once: building an alias costs more
# than the query it serves (measured: 55 ms per page when made per call).
_SIMULATED = aliased(Person, name="simulated_person")
_FORM, _ANY_FORM = aliased(InfoForm, name="scope_form"), aliased(InfoForm, name="scope_any_form")
_ENTRY = aliased(RosterEntry, name="scope_entry")
_CASE, _TASK = aliased(AssistanceCase, name="scope_case"), aliased(CaseworkTask, name="scope_task")
_REGISTRATION = aliased(UnemploymentRegistration, name="scope_registration")
_ALERT = aliased(Alert, name="scope_alert")
# Alerts asking the caseworker to answer the person (找人工, a question the bot passed on): often before any form
# or roster entry says where the person lives, so nothing else puts them in the caseworker's scope.
ANSWER_ALERTS = ("human_requested", "question_referred")
_DIVISION = aliased(CaseworkerDivision, name="scope_division")
# The simulated people are few and indexed (ix_person_simulated): a small set to stay out of. Written as the
# partial index's own condition (simulated = 1 on SQLite, simulated on PostgreSQL), so that it is used.
_SIMULATED_IDS = select(_SIMULATED.id).where(_SIMULATED.simulated)


def _real(person_id: InstrumentedAttribute[int] | InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
    return person_id.not_in(_SIMULATED_IDS)


def _assigned(person_id: InstrumentedAttribute[int] | InstrumentedAttribute[int | None], me: int) -> (
        ColumnElement[bool]):
    """Work about this person is assigned to caseworker `me` (a case, an open task or one escalated to them, a
    registration, a request to answer them)."""
    case_, task, registration, alert = _CASE, _TASK, _REGISTRATION, _ALERT
    return or_(
        exists().where(case_.person_id == person_id, case_.caseworker_id == me),
        exists().where(task.person_id == person_id, task.caseworker_id == me, task.status.in_(OPEN_TASK)),
        # The supervisor an overdue task went to opens its laborer from the escalation, surveyed or not.
        exists().where(task.person_id == person_id, task.escalated_to == me, task.status.in_(OPEN_TASK)),
        exists().where(registration.person_id == person_id, registration.caseworker_id == me),
        exists().where(alert.person_id == person_id, alert.caseworker_id == me, alert.kind.in_(ANSWER_ALERTS)),
    )


def person_condition(
    person_id: InstrumentedAttribute[int] | InstrumentedAttribute[int | None], viewer: Viewer
) -> ColumnElement[bool]:
    """The laborer `person_id` is in the viewer's scope (the one definition every entity about a laborer uses)."""
    if viewer.sees_everything:
        return and_(person_id.is_not(None), _real(person_id))
    form, any_form, entry = _FORM, _ANY_FORM, _ENTRY
    by_form = exists().where(form.person_id == person_id, within(form.home_division, viewer))
    by_roster = and_(
        exists().where(entry.person_id == person_id, within(entry.home_division, viewer)),
        ~exists().where(any_form.person_id == person_id, any_form.home_division.is_not(None)),
    )
    reasons = [by_form, by_roster]
    if viewer.caseworker_id is not None:
        reasons.append(_assigned(person_id, viewer.caseworker_id))
    return and_(_real(person_id), or_(*reasons))


# -- one function per entity --------------------------------------------------------------------------------

def people(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Person`."""
    return person_condition(Person.id, viewer)


def forms(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `InfoForm`: by the form's own home division (lists, review, coverage counts)."""
    return and_(_real(InfoForm.person_id), within(InfoForm.home_division, viewer))


def roster(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `RosterEntry` (the roster holds no simulated people)."""
    return within(RosterEntry.home_division, viewer)


def cases(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `AssistanceCase`: the laborer's, or owned by the viewer."""
    owned = AssistanceCase.caseworker_id == viewer.caseworker_id if viewer.caseworker_id is not None else false()
    return and_(_real(AssistanceCase.person_id), or_(owned, person_condition(AssistanceCase.person_id, viewer)))


def tasks(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `CaseworkTask`: the laborer's, or owned by (or escalated to) the viewer."""
    me = viewer.caseworker_id
    owned = or_(CaseworkTask.caseworker_id == me, CaseworkTask.escalated_to == me) if me is not None else false()
    return and_(_real(CaseworkTask.person_id), or_(owned, person_condition(CaseworkTask.person_id, viewer)))


def registrations(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `UnemploymentRegistration`."""
    me = viewer.caseworker_id
    owned = UnemploymentRegistration.caseworker_id == me if me is not None else false()
    return and_(_real(UnemploymentRegistration.person_id),
                or_(owned, person_condition(UnemploymentRegistration.person_id, viewer)))


def alerts(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Alert`: about a laborer in scope, or addressed to the viewer (never about a simulated
    person: the simulator shows those)."""
    about_real = or_(Alert.person_id.is_(None), _real(Alert.person_id))
    if viewer.sees_everything:
        return about_real
    me = viewer.caseworker_id
    addressed = Alert.caseworker_id == me if me is not None else false()
    return and_(about_real, or_(addressed, person_condition(Alert.person_id, viewer)))


def counted(column: InstrumentedAttribute[str | None], person_id: InstrumentedAttribute[int],
            viewer: Viewer) -> ColumnElement[bool]:
    """Condition for counts by division (the coverage page's cases and tasks): the record's own division within
    the viewer's, about a real laborer, like `forms` and `roster`. Not the lists' per-laborer scope: a count
    names nobody, and that scope looks each record's laborer up (at a province's scope PostgreSQL hashed every
    form of the province per page: 160 ms for 10,000 cases, growing with the forms)."""
    return and_(_real(person_id), within(column, viewer))


# Lists of cases (the console's /console/cases and its export): the same scope as `cases`, written so that the
# database answers it as a set, not a question per case. Measured at a province's scale (PostgreSQL, 110,000
# people, 10,000 open cases; benchmarks/README.md "The case list"): `cases`' per-person EXISTS became hashes of
# every form and roster entry in the viewer's divisions (70 ms for the province, 21 ms for a county). A county or
# narrower holds few people: their ids as one set (forms, roster, work assigned), joined to the cases (11 ms).
# A prefecture or province holds most people: each open case looks its laborer's home up by index instead
# (26 ms), a cost that follows the open cases and not the province's people.
BROAD = 6  # codes shorter than a county's (a prefecture, a province)


def _people_within(viewer: Viewer) -> Any:
    """The ids of the laborers in the viewer's scope, as one set (a county or narrower: a few thousand)."""
    form, any_form, entry = _FORM, _ANY_FORM, _ENTRY
    parts: list[Any] = [
        select(form.person_id).where(within(form.home_division, viewer)),
        # Not yet surveyed: their form's division looked up per roster entry (a scalar sub-query: NOT EXISTS
        # became a hash of every form in the database, 11 ms of a county's 13).
        select(entry.person_id).where(within(entry.home_division, viewer), select(any_form.home_division).where(
            any_form.person_id == entry.person_id).scalar_subquery().is_(None)),
    ]
    me = viewer.caseworker_id
    if me is not None:
        case_, task, registration, alert = _CASE, _TASK, _REGISTRATION, _ALERT
        parts += [
            select(case_.person_id).where(case_.caseworker_id == me),
            select(task.person_id).where(task.caseworker_id == me, task.status.in_(OPEN_TASK)),
            select(task.person_id).where(task.escalated_to == me, task.status.in_(OPEN_TASK)),
            select(registration.person_id).where(registration.caseworker_id == me),
            select(alert.person_id).where(alert.caseworker_id == me, alert.kind.in_(ANSWER_ALERTS)),
        ]
    return union_all(*parts)


def _home_within(person_id: InstrumentedAttribute[int], viewer: Viewer) -> ColumnElement[bool]:
    """The laborer's home (their form's division, else a roster entry's within the viewer's) lies within the
    viewer's codes, looked up for this one laborer by index (scalar sub-queries, which no database turns into a
    hash of the whole province). Compared by prefix, one look-up per length of the viewer's codes."""
    form, entry = _FORM, _ENTRY
    home = func.coalesce(
        select(form.home_division).where(form.person_id == person_id).scalar_subquery(),
        select(entry.home_division).where(entry.person_id == person_id, within(entry.home_division, viewer))
        .limit(1).scalar_subquery())
    by_length: dict[int, list[str]] = {}
    for code in viewer.divisions:
        by_length.setdefault(len(code), []).append(code)
    return or_(false(), *(func.substr(home, 1, n).in_(codes) for n, codes in sorted(by_length.items())))


def broad(viewer: Viewer) -> bool:
    """Whether the viewer sees wider than a county (a prefecture, a province, everything): most records, not a
    few."""
    return viewer.sees_everything or any(len(code) < BROAD for code in viewer.divisions)


def case_list(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `AssistanceCase` for a list of many cases: exactly `cases`, answered as a set."""
    if viewer.sees_everything:
        return cases(viewer)
    me = viewer.caseworker_id
    if any(len(code) < BROAD for code in viewer.divisions):
        owned = AssistanceCase.caseworker_id == me if me is not None else false()
        assigned = _assigned(AssistanceCase.person_id, me) if me is not None else false()
        return and_(_real(AssistanceCase.person_id),
                    or_(owned, _home_within(AssistanceCase.person_id, viewer), assigned))
    # The viewer's own cases are in the set (work assigned): one semi-join, no OR beside it.
    return and_(_real(AssistanceCase.person_id), AssistanceCase.person_id.in_(_people_within(viewer)))


def applications(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `JobApplication`: the applicant's home division."""
    return person_condition(JobApplication.person_id, viewer)


def caseworkers(viewer: Viewer) -> ColumnElement[bool]:
    """Condition on `Caseworker`: active accounts covering a division within the viewer's scope (who a case can
    be handed to), and the viewer themself."""
    real = and_(Caseworker.active.is_(True), Caseworker.role != "unassigned")
    if viewer.sees_everything:
        return real
    division = _DIVISION
    covering = exists().where(division.caseworker_id == Caseworker.id, within(division.division, viewer))
    me = Caseworker.id == viewer.caseworker_id if viewer.caseworker_id is not None else false()
    return and_(real, or_(covering, me))
