"""Vacancies and trainings pushed by an integrator: PUT /api/v1/{vacancies|trainings}/{external_id}.

The body is checked by the importers' own row check (bot/job_import.py `validate`: the same kinds, divisions,
amounts, dates and phones a spreadsheet may hold, JSON numbers and booleans read as their cells would be) and
written by their `upsert` (the in-memory job board and the scheduled push of new items see it as they see an
import). The item's division must lie within the token's divisions, and so must the stored item it replaces:
a county's integrator cannot move another county's vacancy.
"""

from __future__ import annotations

from typing import Any, cast

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot import keys
from bot.access import LOGIN, access
from bot.api.site import Problem, integrator, json_body, json_response
from bot.job_import import COLUMNS, MODEL, ImportReport, Table, upsert, validate
from bot.table_file import RowProblem
from storage.jobs import details
from storage.models import Training, Vacancy
from storage.scope import Viewer

_EXTERNAL_ID_MAX = 64


def _inside(viewer: Viewer, division: str) -> bool:
    return any(division.startswith(code) for code in viewer.divisions)


def _cell(key: str, value: Any) -> str:
    """A JSON value as the importer's cell text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    raise Problem(422, "invalid_item", f"{key} must be a string, a whole number or a boolean")


def _cells(table: Table, external_id: str, body: dict[str, Any]) -> dict[str, str]:
    unknown = sorted(set(body) - set(COLUMNS[table]))
    if unknown:
        raise Problem(422, "invalid_item", f"unknown fields: {', '.join(unknown)[:200]}")
    if body.get("external_id", external_id) != external_id:
        raise Problem(422, "invalid_item", "external_id in the body differs from the one in the path")
    return {key: _cell(key, value) for key, value in body.items()} | {"external_id": external_id}


def item_json(row: Vacancy | Training) -> dict[str, Any]:
    shown = details(row)
    shown.pop("ref", None)
    return {"external_id": row.external_id, "status": row.status, "division": row.division, **shown}


async def _put(request: web.Request, table: Table) -> web.Response:
    external_id = request.match_info["external_id"]
    if not external_id.strip() or len(external_id) > _EXTERNAL_ID_MAX or external_id != external_id.strip():
        raise Problem(400, "invalid_external_id", f"external_id is 1-{_EXTERNAL_ID_MAX} characters, no outer spaces")
    cells = _cells(table, external_id, await json_body(request))
    checked = validate(table, 0, cells, {})
    if isinstance(checked, RowProblem):
        raise Problem(422, "invalid_item", checked.reason)
    who = integrator(request)
    if not _inside(who.viewer, checked["division"]):
        raise Problem(403, "division_out_of_scope", "the item's division is outside this token's divisions")
    model = MODEL[table]
    clock = request.config_dict[keys.CLOCK]
    # Two integrators creating the same new external_id at once: the second insert fails on the unique key and
    # is tried again as the update it now is.
    for attempt in (1, 2):
        report = ImportReport()
        try:
            async with request.config_dict[keys.SESSIONS]() as session, session.begin():
                stored = cast(Vacancy | Training | None, await session.scalar(
                    select(model).where(model.external_id == external_id).with_for_update()))
                if stored is not None and not _inside(who.viewer, stored.division):
                    raise Problem(403, "division_out_of_scope",
                                  "this external_id belongs to an item outside this token's divisions")
                await upsert(session, table, request.config_dict[keys.CIPHER], [(None, checked)], report,
                             now=clock.now(), today=clock.today(), source="api", source_file=f"api:{who.name}")
                row = cast(Vacancy | Training, await session.scalar(
                    select(model).where(model.external_id == external_id)))
                body = item_json(row)
            break
        except IntegrityError:
            if attempt == 2:
                raise Problem(409, "conflict", "the item changed while it was written; send it again") from None
    return json_response(body, status=201 if report.added else 200)


@access(LOGIN, "job")
async def put_vacancy(request: web.Request) -> web.Response:
    return await _put(request, "vacancies")


@access(LOGIN, "job")
async def put_training(request: web.Request) -> web.Response:
    return await _put(request, "trainings")


def routes() -> list[web.RouteDef]:
    return [web.put("/vacancies/{external_id}", put_vacancy), web.put("/trainings/{external_id}", put_training)]
