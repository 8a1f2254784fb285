"""The API's personal records, read only: people with their forms, cases, unemployment registrations and
applications; each a list (keyset pages, bot/api/paging.py) and one by id.

Every query takes its condition from storage/scope.py with the token's Viewer, so out of scope is exactly not
there (the same 404), and the simulated people never appear. ID and phone numbers are masked unless the token
has the `unmasked` scope (granted when the operator makes it): in people's forms, and in what a laborer wrote
about their rights case (as on the console's case page and in the exports); every read that returns records is
written to the audit log under the token's name, saying when the numbers went out in full.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot import keys
from bot.access import LOGIN, access
from bot.api.paging import Key, keyset, page_body, page_request
from bot.api.site import integrator, json_response, not_found
from bot.casework import rights_details
from bot.export import ExportedForm, json_rows
from bot.export_file import iso_local
from bot.logs import redact
from storage import info_forms, scope
from storage.api_tokens import UNMASKED
from storage.crypto import FieldCipher
from storage.models import (
    AssistanceCase,
    AuditLog,
    Caseworker,
    InfoForm,
    JobApplication,
    Training,
    UnemploymentRegistration,
    Vacancy,
)
from storage.scope import Viewer

# The largest id a path may name: ids are 32-bit integers (a bigger number is simply not there; PostgreSQL would
# refuse to compare it with the column).
_MAX_ID = 2**31 - 1
Row = Any
Serialize = Callable[[Row, FieldCipher, bool], dict[str, Any]]


# -- what each record looks like -----------------------------------------------------------------------------

def person_json(form: InfoForm, cipher: FieldCipher, unmasked: bool) -> dict[str, Any]:
    [record] = json_rows([ExportedForm(info_forms.form_record(form, cipher), form)], unmasked=unmasked)
    return {"id": form.person_id, "updated_at": iso_local(form.updated_at), "form": record}


def case_json(row: Row, cipher: FieldCipher, unmasked: bool) -> dict[str, Any]:
    case: AssistanceCase = row[0]
    return {
        "id": case.id, "person_id": case.person_id, "kind": case.kind, "issue": case.issue,
        "issues": case.issue_list, "status": case.status,
        "home_division": case.home_division, "caseworker": {"id": case.caseworker_id, "name": row[1]},
        "registration_id": case.registration_id, "opened_at": iso_local(case.opened_at),
        "first_contact_due": iso_local(case.first_contact_due), "first_contact_at": iso_local(case.first_contact_at),
        "package": case.package or {}, "package_due": iso_local(case.package_due),
        "closed_at": iso_local(case.closed_at), "close_reason": case.close_reason, "days_to_job": case.days_to_job,
        "updated_at": iso_local(case.updated_at),
        # What the laborer told after a rights report, oldest first, as the exports have it.
        "rights_details": [{"at": iso_local(told.at), "text": told.text if unmasked else redact(told.text)}
                           for told in rights_details.told(cipher, case)],
    }


def registration_json(row: Row, cipher: FieldCipher, unmasked: bool) -> dict[str, Any]:
    reg: UnemploymentRegistration = row
    return {
        "id": reg.id, "person_id": reg.person_id, "home_division": reg.home_division,
        "last_work_day": reg.last_work_day.isoformat() if reg.last_work_day else None,
        "job_loss_reason": reg.job_loss_reason, "insured": reg.insured, "insured_years": reg.insured_years,
        "wants_services": list(reg.wants_services or []), "benefit_likely": reg.benefit_likely,
        "benefit_months": reg.benefit_months, "status": reg.status, "submitted_at": iso_local(reg.submitted_at),
        "decided_at": iso_local(reg.decided_at), "decision_note": reg.decision_note,
        "caseworker_id": reg.caseworker_id, "updated_at": iso_local(reg.updated_at),
    }


def application_json(row: Row, cipher: FieldCipher, unmasked: bool) -> dict[str, Any]:
    app: JobApplication = row[0]
    item = "vacancy" if app.vacancy_id is not None else "training"
    return {
        "id": app.id, "person_id": app.person_id, "item": item, "external_id": row[1] or row[2],
        "channel": app.channel, "status": app.status, "outcome": app.outcome,
        "applied_at": iso_local(app.applied_at), "outcome_at": iso_local(app.outcome_at),
        "updated_at": iso_local(app.updated_at),
    }


# -- the queries, one per list -------------------------------------------------------------------------------

def _people(viewer: Viewer) -> Select[Any]:
    # A person is listed with their form: the API's record of a laborer (scope: the form's division, else the
    # roster's, like the console).
    return select(InfoForm).where(scope.person_condition(InfoForm.person_id, viewer))


def _cases(viewer: Viewer) -> Select[Any]:
    return (select(AssistanceCase, Caseworker.name).join(Caseworker, Caseworker.id == AssistanceCase.caseworker_id)
            .where(scope.cases(viewer)))


def _registrations(viewer: Viewer) -> Select[Any]:
    return select(UnemploymentRegistration).where(scope.registrations(viewer))


def _applications(viewer: Viewer) -> Select[Any]:
    return (select(JobApplication, Vacancy.external_id, Training.external_id)
            .outerjoin(Vacancy, Vacancy.id == JobApplication.vacancy_id)
            .outerjoin(Training, Training.id == JobApplication.training_id)
            .where(scope.applications(viewer)))


class Listing:
    """One kind of record: its query within a scope, its key columns and its JSON."""

    def __init__(self, kind: str, query: Callable[[Viewer], Select[Any]], updated_at: InstrumentedAttribute[datetime],
                 row_id: InstrumentedAttribute[int], serialize: Serialize, *, scalar: bool) -> None:
        self.kind, self.query, self.updated_at, self.row_id = kind, query, updated_at, row_id
        self.serialize, self.scalar = serialize, scalar

    def key(self, row: Row) -> Key:
        record = row if self.scalar else row[0]
        return Key(getattr(record, self.updated_at.key), getattr(record, self.row_id.key))

    async def rows(self, session: AsyncSession, stmt: Select[Any]) -> list[Row]:
        return list(await session.scalars(stmt)) if self.scalar else list(await session.execute(stmt))


PEOPLE = Listing("people", _people, InfoForm.updated_at, InfoForm.person_id, person_json, scalar=True)
CASES = Listing("cases", _cases, AssistanceCase.updated_at, AssistanceCase.id, case_json, scalar=False)
REGISTRATIONS = Listing("registrations", _registrations, UnemploymentRegistration.updated_at,
                        UnemploymentRegistration.id, registration_json, scalar=True)
APPLICATIONS = Listing("applications", _applications, JobApplication.updated_at, JobApplication.id,
                       application_json, scalar=False)


def _unmasked(request: web.Request, listing: Listing) -> bool:
    """Full numbers only in the records that hold them (people's forms, a rights case's details), for a token
    granted them."""
    return listing in (PEOPLE, CASES) and integrator(request).may(UNMASKED)


async def _audit(session: AsyncSession, request: web.Request, listing: Listing, ids: list[int]) -> None:
    """Who read which records (ids only: the audit log holds no personal data itself), and whether in full."""
    full = " (UNMASKED)" if _unmasked(request, listing) else ""
    session.add(AuditLog(actor=integrator(request).actor, action=f"api_read_{listing.kind}",
                         detail=f"GET {request.path}{full}: {' '.join(map(str, ids))}",
                         created_at=request.config_dict[keys.CLOCK].now()))


async def _list(request: web.Request, listing: Listing) -> web.Response:
    page = page_request(listing.kind, request.query)
    viewer = integrator(request).viewer
    cipher = request.config_dict[keys.CIPHER]
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        rows = await listing.rows(session, keyset(listing.query(viewer), page, listing.updated_at, listing.row_id))
        keys_ = [listing.key(row) for row in rows]
        unmasked = _unmasked(request, listing)
        body = page_body(listing.kind, [listing.serialize(row, cipher, unmasked) for row in rows], keys_, page)
        if body["items"]:
            await _audit(session, request, listing, [item["id"] for item in body["items"]])
    return json_response(body)


async def _one(request: web.Request, listing: Listing, name: str) -> web.Response:
    text = request.match_info[name]
    if not text.isascii() or not text.isdigit() or int(text) > _MAX_ID:
        raise not_found()
    stmt = listing.query(integrator(request).viewer).where(listing.row_id == int(text))
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        rows = await listing.rows(session, stmt)
        if not rows:
            raise not_found()
        await _audit(session, request, listing, [int(text)])
    return json_response(listing.serialize(rows[0], request.config_dict[keys.CIPHER], _unmasked(request, listing)))


@access(LOGIN, "person", "form")
async def people(request: web.Request) -> web.Response:
    return await _list(request, PEOPLE)


@access(LOGIN, "person", "form")
async def person(request: web.Request) -> web.Response:
    return await _one(request, PEOPLE, "person_id")


@access(LOGIN, "case")
async def cases(request: web.Request) -> web.Response:
    return await _list(request, CASES)


@access(LOGIN, "case")
async def case(request: web.Request) -> web.Response:
    return await _one(request, CASES, "case_id")


@access(LOGIN, "registration")
async def registrations(request: web.Request) -> web.Response:
    return await _list(request, REGISTRATIONS)


@access(LOGIN, "registration")
async def registration(request: web.Request) -> web.Response:
    return await _one(request, REGISTRATIONS, "registration_id")


@access(LOGIN, "application")
async def applications(request: web.Request) -> web.Response:
    return await _list(request, APPLICATIONS)


@access(LOGIN, "application")
async def application(request: web.Request) -> web.Response:
    return await _one(request, APPLICATIONS, "application_id")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/people", people, allow_head=False),
        web.get("/people/{person_id}", person, allow_head=False),
        web.get("/cases", cases, allow_head=False),
        web.get("/cases/{case_id}", case, allow_head=False),
        web.get("/registrations", registrations, allow_head=False),
        web.get("/registrations/{registration_id}", registration, allow_head=False),
        web.get("/applications", applications, allow_head=False),
        web.get("/applications/{application_id}", application, allow_head=False),
    ]
