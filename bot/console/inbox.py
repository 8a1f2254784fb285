"""The inbox (GET /console/): my open cases by deadline (overdue first), the tasks due to me, the alerts I have
not acknowledged (POST /console/alerts/{id}/ack, or all at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy import Case, CursorResult, Select, and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.access import LOGIN, access
from bot.casework.alerts import for_console, local_time
from bot.casework.cases import RIGHTS_ADDED, resubmitted
from bot.console import people_names
from bot.console.site import not_found, record_id, render, see_other, t, viewer
from storage import scope
from storage.crypto import FieldCipher
from storage.models import Alert, AssistanceCase, Caseworker, CaseworkTask, UnemploymentRegistration
from storage.scope import Viewer

# Each list shows the first this many (most urgent first); the exports and the case list have them all.
SHOWN = 50


def case_deadline(indexed: bool = False) -> Case[datetime]:
    """What a case waits for next: its first contact, then its service package.

    `indexed`: written as the index on the case list's order has it (migration 0013), for a list of most open
    cases (a province's, a prefecture's), which both databases then read in order off the index and stop at the
    page. Otherwise the same value written the other way round, which no index matches: a caseworker's or a
    county's few cases are found through their owner or their people and sorted, where walking the index would
    read every open case of the province to find theirs (measured: benchmarks/README.md, "The case list's index").
    """
    if indexed:
        return case((AssistanceCase.first_contact_at.is_(None), AssistanceCase.first_contact_due),
                    else_=AssistanceCase.package_due)
    return case((AssistanceCase.first_contact_at.is_not(None), AssistanceCase.package_due),
                else_=AssistanceCase.first_contact_due)


@dataclass(frozen=True, slots=True)
class InboxCase:
    case: AssistanceCase
    person: people_names.Listed
    deadline: datetime | None
    overdue: bool
    # A registration of the person's still to accept or return (on the case's page): its number.
    registration: int | None = None
    resubmitted: bool = False  # sent again after a return (重新提交)


@dataclass(frozen=True, slots=True)
class InboxTask:
    task: CaseworkTask
    person: people_names.Listed
    overdue: bool
    # Whose it is, when not mine (a task escalated to me, a supervisor: the caseworker to chase); else "".
    owner: str = ""


@dataclass(frozen=True, slots=True)
class InboxAlert:
    alert: Alert
    text: str


def task_label(task: CaseworkTask) -> str:
    """What the task is: its kind, or the contact of a problem added to a rights case after its first contact."""
    return t("task.kind." + (RIGHTS_ADDED if task.reason == RIGHTS_ADDED else task.kind))


def open_cases_query(who: Viewer, limit: int | None = SHOWN) -> Select[tuple[AssistanceCase, datetime]]:
    deadline = case_deadline()
    query = (select(AssistanceCase, deadline.label("deadline"))
             .where(AssistanceCase.caseworker_id == who.caseworker_id, AssistanceCase.status == "open",
                    scope.cases(who))
             .order_by(deadline.is_(None), deadline, AssistanceCase.id))
    return query.limit(limit) if limit else query


def tasks_query(who: Viewer, limit: int | None = SHOWN) -> Select[tuple[CaseworkTask]]:
    mine = (CaseworkTask.caseworker_id == who.caseworker_id) | (CaseworkTask.escalated_to == who.caseworker_id)
    # The first contact of a case of mine is that case's entry above (its deadline, 已超期 once past), as in the
    # chat's list: one entry for one thing to do. One escalated to me (a supervisor's) stays here, and so does the
    # contact of a problem added to a rights case reached already (the case's entry no longer has a deadline).
    my_open_cases = select(AssistanceCase.id).where(AssistanceCase.caseworker_id == who.caseworker_id,
                                                    AssistanceCase.status == "open",
                                                    AssistanceCase.first_contact_at.is_(None))
    not_a_case_entry = or_(CaseworkTask.kind != "first_contact", CaseworkTask.case_id.is_(None),
                           CaseworkTask.case_id.not_in(my_open_cases))
    query = (select(CaseworkTask)
             .where(mine, CaseworkTask.status.in_(scope.OPEN_TASK), scope.tasks(who), not_a_case_entry)
             .order_by(CaseworkTask.due_at, CaseworkTask.id))
    return query.limit(limit) if limit else query


def alerts_query(who: Viewer, limit: int | None = SHOWN) -> Select[tuple[Alert]]:
    query = (select(Alert)
             .where(Alert.caseworker_id == who.caseworker_id, Alert.acknowledged_at.is_(None), scope.alerts(who))
             .order_by(Alert.created_at.desc(), Alert.id.desc()))
    return query.limit(limit) if limit else query


async def registrations_waiting(session: AsyncSession, who: Viewer, person_ids: list[int]) -> dict[int, int]:
    """The registrations of these people that wait for me to accept or return them, by person (the oldest)."""
    if not person_ids:
        return {}
    rows = await session.execute(
        select(UnemploymentRegistration.person_id, UnemploymentRegistration.id)
        .where(UnemploymentRegistration.person_id.in_(person_ids), UnemploymentRegistration.status == "submitted",
               UnemploymentRegistration.caseworker_id == who.caseworker_id, scope.registrations(who))
        .order_by(UnemploymentRegistration.id.desc()))
    return {person: registration for person, registration in rows}


@dataclass(frozen=True, slots=True)
class RegionCase:
    """A case in a supervisor's divisions whose first contact is past due: nobody has reached the person yet."""

    case: AssistanceCase
    person: people_names.Listed
    owner: str


@dataclass(frozen=True, slots=True)
class RegionRegistration:
    registration: UnemploymentRegistration
    person: people_names.Listed
    owner: str
    case_id: int | None  # the person's open one-on-one case, where it is accepted or returned


def oversees(who: Viewer) -> bool:
    """A supervisor or administrator: their first page is also their divisions' work, not their own only."""
    return who.role in (scope.SUPERVISOR, scope.ADMIN)


async def region(session: AsyncSession, cipher: FieldCipher, who: Viewer, now: datetime) -> dict[str, Any]:
    """What a supervisor has to watch in their divisions, at once (it waited for the sweep to escalate a task):
    others' cases whose first contact is past due, and the registrations waiting to be accepted or returned.
    Tasks escalated to them are in their task list. The most urgent SHOWN of each; the case list has them all.
    Placed by the record's own division (as the coverage page counts them), not the lists' per-laborer scope: that
    looked every laborer of the county up and made the supervisor's first page 70 times slower (benchmarks/README.md,
    console18); a case's page still checks the viewer's scope in full."""
    late = list(await session.scalars(
        select(AssistanceCase).where(
            AssistanceCase.status == "open", AssistanceCase.first_contact_at.is_(None),
            AssistanceCase.first_contact_due < now, AssistanceCase.caseworker_id != who.caseworker_id,
            scope.counted(AssistanceCase.home_division, AssistanceCase.person_id, who))
        .order_by(AssistanceCase.first_contact_due, AssistanceCase.id).limit(SHOWN + 1)))
    waiting = list(await session.scalars(
        select(UnemploymentRegistration).where(
            UnemploymentRegistration.status == "submitted",
            scope.counted(UnemploymentRegistration.home_division, UnemploymentRegistration.person_id, who))
        .order_by(UnemploymentRegistration.submitted_at, UnemploymentRegistration.id).limit(SHOWN + 1)))
    more = {"late": len(late) > SHOWN, "registrations": len(waiting) > SHOWN}
    late, waiting = late[:SHOWN], waiting[:SHOWN]
    people = await people_names.listed(
        session, [c.person_id for c in late] + [r.person_id for r in waiting], t("unknown_name"), cipher)
    owner_ids = {c.caseworker_id for c in late} | {r.caseworker_id for r in waiting if r.caseworker_id is not None}
    owners = {i: n for i, n in await session.execute(
        select(Caseworker.id, Caseworker.name).where(Caseworker.id.in_(owner_ids)))} if owner_ids else {}
    persons = [r.person_id for r in waiting]
    cases = {p: c for p, c in await session.execute(
        select(AssistanceCase.person_id, AssistanceCase.id).where(
            AssistanceCase.person_id.in_(persons), AssistanceCase.kind == "assistance",
            AssistanceCase.status == "open").order_by(AssistanceCase.id))} if persons else {}
    return {
        "late": [RegionCase(c, people[c.person_id], owners.get(c.caseworker_id, "")) for c in late],
        "registrations": [RegionRegistration(r, people[r.person_id], owners.get(r.caseworker_id or 0, ""),
                                             cases.get(r.person_id)) for r in waiting],
        "more": more,
    }


async def load(session: AsyncSession, cipher: FieldCipher, who: Viewer, now: datetime) -> dict[str, Any]:
    # One more than shown: whether the page says "more in the list".
    case_rows = list((await session.execute(open_cases_query(who, SHOWN + 1))).all())
    task_rows = list(await session.scalars(tasks_query(who, SHOWN + 1)))
    alert_rows = list(await session.scalars(alerts_query(who, SHOWN + 1)))
    more = {"cases": len(case_rows) > SHOWN, "tasks": len(task_rows) > SHOWN, "alerts": len(alert_rows) > SHOWN}
    case_rows, task_rows, alert_rows = case_rows[:SHOWN], task_rows[:SHOWN], alert_rows[:SHOWN]
    people = await people_names.listed(
        session, [c.person_id for c, _ in case_rows] + [k.person_id for k in task_rows], t("unknown_name"), cipher)
    others = {k.caseworker_id for k in task_rows if k.caseworker_id != who.caseworker_id}
    owners = {i: n for i, n in await session.execute(
        select(Caseworker.id, Caseworker.name).where(Caseworker.id.in_(others)))} if others else {}
    waiting = await registrations_waiting(session, who, [c.person_id for c, _ in case_rows if c.kind == "assistance"])
    again = await resubmitted(session, list(waiting.values()))
    return {
        "cases": [InboxCase(c, people[c.person_id], d, d is not None and d < now,
                            waiting.get(c.person_id) if c.kind == "assistance" else None,
                            c.kind == "assistance" and waiting.get(c.person_id) in again) for c, d in case_rows],
        "tasks": [InboxTask(k, people[k.person_id], k.status == "overdue" or k.due_at < now,
                            owners.get(k.caseworker_id, "")) for k in task_rows],
        "alerts": [InboxAlert(a, for_console(a, cipher.decrypt(a.body_enc))) for a in alert_rows],
        "local_time": local_time, "more": more, "shown": SHOWN, "task_label": task_label,
        "region": await region(session, cipher, who, now) if oversees(who) else None,
    }


@access(LOGIN, "case", "task", "alert", "registration")
async def inbox(request: web.Request) -> web.Response:
    who = viewer(request)
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        context = await load(session, request.config_dict[keys.CIPHER], who, now)
    return render(request, "inbox.html", flash=request.query.get("done", "") and t("flash.acknowledged"), **context)


@access(LOGIN, "alert")
async def acknowledge(request: web.Request) -> web.StreamResponse:
    """Acknowledge one alert addressed to me (`id`), or all of mine (`all`)."""
    who = viewer(request)
    now = request.config_dict[keys.CLOCK].now()
    ref = request.match_info["ref"]
    condition = and_(Alert.caseworker_id == who.caseworker_id, Alert.acknowledged_at.is_(None), scope.alerts(who))
    if ref != "all":
        if (alert_id := record_id(ref)) is None:
            return not_found(request)
        condition = and_(condition, Alert.id == alert_id)
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        result = await session.execute(update(Alert).where(condition)
                                       .values(acknowledged_at=now, acknowledged_by=who.caseworker_id)
                                       .execution_options(synchronize_session=False))
        done = result.rowcount if isinstance(result, CursorResult) else 0
        if ref != "all" and not done:
            # Read already (a stale page; 联系 A4 from the chat; acting on its case): mine, so said so, not a 404.
            done = await session.scalar(select(func.count()).select_from(Alert).where(
                Alert.id == alert_id, Alert.caseworker_id == who.caseworker_id, scope.alerts(who))) or 0
    if ref != "all" and not done:
        return not_found(request)
    return see_other("/console/?done=1#alerts")


def routes() -> list[web.RouteDef]:
    return [web.get("/", inbox), web.post("/alerts/{ref}/ack", acknowledge)]
