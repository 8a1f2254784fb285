"""Exports of the lists the pages show (/console/export/{list}.{xlsx|csv|json}), under the same scope as the
page, written by bot/export.py's writer (cells made inert, owner-only temporary file), ID and phone numbers
masked, and recorded in the audit log (who exported what, how many rows)."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.access import LOGIN, access
from bot.casework import rights_details
from bot.casework.alerts import ALERT_LOCALE, local_time
from bot.casework.cases import EMPLOYED
from bot.console import case, coverage, duplicates, inbox, people_names, review
from bot.console.jobs import TABLES
from bot.console.site import not_found, t, viewer
from bot.export import ExportedForm, table_headers, table_rows, write_table
from bot.job_import import MODEL
from bot.logs import redact
from dialogs.i18n import catalog
from dialogs.place_names import place_name
from storage.crypto import FieldCipher
from storage.info_forms import form_record
from storage.models import AssistanceCase, AuditLog, Caseworker
from storage.scope import Viewer

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv", "json": "application/json"}
Table = tuple[str, list[str], list[list[Any]]]  # sheet, headers, rows
Builder = Callable[[web.Request, AsyncSession, FieldCipher, Viewer], Awaitable[Table]]


async def _cases(rows: Sequence[Any], session: AsyncSession, cipher: FieldCipher,
                 names: dict[int, str]) -> list[list[Any]]:
    people = await people_names.listed(session, [c.person_id for c, _ in rows], t("unknown_name"))
    return [[c.id, people[c.person_id].name, c.home_division or "", people[c.person_id].place,
             t("case.kind." + c.kind), "、".join(t("case.issue." + issue) for issue in c.issue_list),
             t("case.status." + c.status),
             names.get(c.caseworker_id, ""), local_time(c.opened_at), local_time(d) if d else "",
             local_time(c.first_contact_at) if c.first_contact_at else "", _close_reason(c),
             "" if c.days_to_job is None else c.days_to_job, told_cell(cipher, c)] for c, d in rows]


def _close_reason(found: AssistanceCase) -> str:
    """As the case's page says it: working again in words (the sheet said `employed`, the code)."""
    if found.close_reason == EMPLOYED:
        return str(catalog(ALERT_LOCALE).get("alert.closed_employed"))
    return found.close_reason or ""


def told_cell(cipher: FieldCipher, found: AssistanceCase) -> str:
    """A rights case's details in one cell, masked like the rest of the console's exports."""
    return "；".join(redact(told.text) for told in rights_details.told(cipher, found))


CASE_HEADERS = [t("export.case." + k) for k in ("id", "name", "division", "place", "kind", "issue", "status", "owner",
                                                  "opened", "deadline", "first_contact", "close_reason", "days",
                                                  "told")]


async def _names(session: AsyncSession) -> dict[int, str]:
    return {i: n for i, n in await session.execute(select(Caseworker.id, Caseworker.name))}


async def inbox_cases(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
    rows = list((await session.execute(inbox.open_cases_query(who, limit=None))).all())
    return "cases", CASE_HEADERS, await _cases(rows, session, cipher, await _names(session))


async def case_list(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
    # The list's filters (bot/console/case.py ListFilters), every page of it.
    filters = case.ListFilters.of(request.query)
    query = case.list_query(who, filters.status, filters.mine, limit=None, filters=filters,
                            now=request.config_dict[keys.CLOCK].now())
    rows = list((await session.execute(query)).all())
    return "cases", CASE_HEADERS, await _cases(rows, session, cipher, await _names(session))


async def inbox_tasks(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
    tasks = list(await session.scalars(inbox.tasks_query(who, limit=None)))
    people = await people_names.listed(session, [k.person_id for k in tasks], t("unknown_name"))
    headers = [t("export.task." + k) for k in ("id", "kind", "name", "place", "due", "status")]
    # The status in words, as the CLI's tasks export says it (the sheet said `open` and `overdue`).
    statuses = catalog(ALERT_LOCALE)
    return "tasks", headers, [[k.id, inbox.task_label(k), people[k.person_id].name, people[k.person_id].place,
                               local_time(k.due_at), statuses.get(f"export.task_status.{k.status}")] for k in tasks]


async def review_forms(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
    forms = list(await session.scalars(review.pending_query(who, limit=None)))
    exported = [ExportedForm(form_record(f, cipher), f) for f in forms]
    marks = await duplicates.marked(session, who, [f.person_id for f in forms])
    rows = table_rows(exported, unmasked=False)
    return "review", [*table_headers(), t("duplicate.column")], [
        [*row, duplicates.summary(marks.get(f.person_id))] for row, f in zip(rows, forms, strict=True)]


async def coverage_table(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
    valid, division = coverage._division(request)
    if not valid or (division and not who.sees_everything and not any(division.startswith(c)
                                                                          for c in who.divisions)):
        raise LookupError(division)
    rows = await coverage.coverage_rows(session, who, division, request.config_dict[keys.CLOCK].now())
    headers = [t("coverage.division") + " code", t("coverage.division")] + [t("coverage." + m)
                                                                             for m in coverage.MEASURES]
    return "coverage", headers, [[r.code, r.name, *(r.counts[m] for m in coverage.MEASURES)] for r in rows]


def _items(table: str) -> Builder:
    async def build(request: web.Request, session: AsyncSession, cipher: FieldCipher, who: Viewer) -> Table:
        model = MODEL[table]  # type: ignore[index]
        items: list[Any] = list(await session.scalars(select(model).where(model.status == "open")
                                                      .order_by(model.id)))
        headers = [t("export.item." + k) for k in ("external_id", "title", "organisation", "kind", "division",
                                                   "place", "address", "expires", "applied")]
        return table, headers, [[i.external_id, i.title, getattr(i, "employer", None) or getattr(i, "provider", ""),
                                 i.kind, i.division, place_name(i.division), i.address or "", str(i.expires or ""),
                                 i.applied]
                                for i in items]
    return build


LISTS: dict[str, Builder] = {
    "inbox-cases": inbox_cases, "inbox-tasks": inbox_tasks, "cases": case_list, "review": review_forms,
    "coverage": coverage_table, **{table: _items(table) for table in TABLES},
}


def _temporary(fmt: str) -> Path:
    fd, name = tempfile.mkstemp(suffix="." + fmt, prefix="jiuye-export-")
    os.close(fd)
    os.unlink(name)  # write_table creates it afresh, owner-only
    return Path(name)


@access(LOGIN, "case", "task", "form", "roster", "job")
async def export(request: web.Request) -> web.StreamResponse:
    who = viewer(request)
    what, fmt = request.match_info["list"], request.match_info["format"]
    builder = LISTS.get(what)
    if builder is None or fmt not in FORMATS:
        return not_found(request)
    cipher = request.config_dict[keys.CIPHER]
    try:
        async with request.config_dict[keys.READ_SESSIONS]() as session:
            sheet, headers, rows = await builder(request, session, cipher, who)
    except LookupError:
        return not_found(request)
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        session.add(AuditLog(actor=who.actor, action="console_export", created_at=request.config_dict[keys.CLOCK].now(),
                             detail=json.dumps({"list": what, "format": fmt, "rows": len(rows), "masked": True})))
    path = _temporary(fmt)
    try:
        await asyncio.to_thread(write_table, path, fmt, sheet=sheet, headers=headers, rows=rows,
                                records=lambda: [dict(zip(headers, row, strict=True)) for row in rows])
        body = await asyncio.to_thread(path.read_bytes)
    finally:
        path.unlink(missing_ok=True)
    return web.Response(body=body, content_type=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="jiuye-{what}.{fmt}"'})


def routes() -> list[web.RouteDef]:
    return [web.get("/export/{list}.{format}", export)]
