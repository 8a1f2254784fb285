"""Vacancies and trainings (/console/jobs): the open ones for everyone signed in; import a file (the CLI's
importer, bot/job_import.py) and expire an item for supervisors and administrators. Vacancies and trainings are
not personal data: they are not scoped by division."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web
from sqlalchemy import select

from bot import keys
from bot.access import LOGIN, SUPERVISOR, access
from bot.console.site import LOCALE, UPLOAD, back_with_error, error_of, form, not_found, record_id, render, see_other, t
from bot.job_import import MODEL, ImportReport, Table, close, import_items, row_reason
from bot.table_file import TableFileError
from dialogs.place_names import place_name
from storage.models import Training, Vacancy

SHOWN = 300
SHOWN_PROBLEMS = 50
MAX_UPLOAD = 5 * 1024 * 1024
TABLES: tuple[Table, ...] = ("vacancies", "trainings")


async def open_items(session: Any) -> dict[str, list[Vacancy | Training]]:
    items: dict[str, list[Any]] = {}
    for table in TABLES:
        model = MODEL[table]
        items[table] = list(await session.scalars(select(model).where(model.status == "open")
                                                  .order_by(model.updated_at.desc(), model.id).limit(SHOWN)))
    return items


# After an import the page is shown by a redirect (POST-redirect-GET: reloading it never imports the file again);
# the counts go in its address, the rows not imported in a short-lived cookie of this page (they do not fit an
# address). Neither holds personal data (RowProblem never does).
REPORT_COOKIE = "jiuye_import"
REPORT_COOKIE_BYTES = 3500
REPORT_COOKIE_SECONDS = 600
COUNTS = ("added", "updated", "unchanged", "retired", "invalid")
ERRORS = ("upload_invalid", "unreadable")


@dataclass(frozen=True)
class ShownReport:
    """An import's result as the page shows it after the redirect: its counts, and the rows not imported."""

    added: int
    updated: int
    unchanged: int
    retired: int
    invalid_count: int
    invalid: list[str]


def _report_of(request: web.Request) -> ShownReport | None:
    if request.query.get("done") != "imported":
        return None
    counts = [record_id(request.query.get(name, "")) for name in COUNTS]
    if any(count is None for count in counts):
        return None
    problems: list[str] = []
    with contextlib.suppress(ValueError, binascii.Error, LookupError, TypeError):  # (a cookie may be forged)
        raw = json.loads(base64.urlsafe_b64decode(request.cookies.get(REPORT_COOKIE, "").encode()) or b"[]")
        problems = [_said(problem) for problem in raw][:SHOWN_PROBLEMS] if isinstance(raw, list) else []
    added, updated, unchanged, retired, invalid = (int(count or 0) for count in counts)
    return ShownReport(added, updated, unchanged, retired, invalid, problems)


def _said(problem: object) -> str:
    """A row not imported, in the console's words (第6行：最低工资「很多」不是数字; it was "line 6: bad salary_min
    '很多'"): the cookie keeps its line, reason key and values."""
    if not isinstance(problem, list):
        return str(problem)
    line, key, params = problem
    return t("import_row.line", line=int(line), reason=row_reason(str(key), dict(params), LOCALE))


def _problems_cookie(report: ImportReport) -> str:
    """The rows not imported (as many as fit a cookie), for the page after the redirect."""
    lines: list[object] = [[problem.line, problem.key, dict(problem.params)] if problem.key else str(problem)
                           for problem in report.invalid[:SHOWN_PROBLEMS]]
    while True:
        value = base64.urlsafe_b64encode(json.dumps(lines, ensure_ascii=False).encode()).decode()
        if len(value) <= REPORT_COOKIE_BYTES or not lines:
            return value
        lines.pop()


@access(LOGIN, "job")
async def jobs_page(request: web.Request) -> web.Response:
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        items = await open_items(session)
    done = request.query.get("done", "")
    error = error_of(request, ERRORS)
    shown = t(f"jobs.{error}", mb=MAX_UPLOAD // 1024 // 1024, reason=request.query.get("reason", "")[:300]) if (
        error) else ""
    return render(request, "jobs.html", items=items, place_name=place_name, report=_report_of(request),
                  error=shown, flash=t("flash.expired") if done == "expired" else "")


async def _save_upload(request: web.Request) -> tuple[Table | None, Path | None]:
    """The rest of the multipart body after its token: the table's name, then the file, to a temporary file."""
    reader = request[UPLOAD]
    table: Table | None = None
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "table":
            # (256: a chunk must be longer than the boundary, which is 38 characters from Chromium: 32 failed)
            raw = (await part.read_chunk(256)).decode("ascii", "replace").strip()
            table = "vacancies" if raw == "vacancies" else "trainings" if raw == "trainings" else None
        elif part.name == "file":
            suffix = Path(part.filename or "").suffix.lower()
            if suffix not in (".csv", ".xlsx"):
                return table, None
            fd, name = tempfile.mkstemp(suffix=suffix, prefix="jiuye-upload-")
            size = 0
            with os.fdopen(fd, "wb") as out:
                while chunk := await part.read_chunk(65536):
                    size += len(chunk)
                    if size > MAX_UPLOAD:
                        out.close()
                        os.unlink(name)
                        return table, None
                    out.write(chunk)
            return table, Path(name)
    return table, None


def table_error(exc: TableFileError) -> str:
    """Why the file could not be read, in the console's language (it said "the header row lacks the column(s) 地区"
    after 文件读不了：)."""
    params = dict(exc.params)
    if "columns" in params:
        params["columns"] = t("table_error.sep").join(str(column) for column in params["columns"])
    return t(f"table_error.{exc.key}", **params)


@access(SUPERVISOR, "job")
async def upload(request: web.Request) -> web.Response:
    if UPLOAD not in request:
        return back_with_error("/console/jobs", "upload_invalid")
    table, path = await _save_upload(request)
    if table is None or path is None:
        if path is not None:
            path.unlink(missing_ok=True)
        return back_with_error("/console/jobs", "upload_invalid")
    clock = request.config_dict[keys.CLOCK]
    try:
        report = await import_items(table, request.config_dict[keys.SESSIONS], request.config_dict[keys.CIPHER],
                                    path, now=clock.now(), today=clock.today())
    except TableFileError as exc:
        return back_with_error("/console/jobs", "unreadable", reason=table_error(exc)[:300])
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    counts = (report.added, report.updated, report.unchanged, report.retired, len(report.invalid))
    query = "&".join(f"{name}={count}" for name, count in zip(COUNTS, counts, strict=True))
    response = see_other(f"/console/jobs?done=imported&{query}#import-report")
    response.set_cookie(REPORT_COOKIE, _problems_cookie(report), path="/console/jobs", httponly=True, samesite="Lax",
                        secure=request.config_dict[keys.SETTINGS].secure_cookies,
                        max_age=REPORT_COOKIE_SECONDS)
    return response


@access(SUPERVISOR, "job")
async def expire(request: web.Request) -> web.StreamResponse:
    table = request.match_info["table"]
    await form(request)
    if table not in TABLES:
        return not_found(request)
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        closed = await close(session, table, request.match_info["external_id"][:64],
                             now=request.config_dict[keys.CLOCK].now())
    if not closed:
        return not_found(request)
    return see_other("/console/jobs?done=expired")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/jobs", jobs_page),
        web.post("/jobs/import", upload),
        web.post("/jobs/{table}/{external_id}/expire", expire),
    ]
