"""Vacancies and trainings (/console/jobs): the open ones for everyone signed in; import a file (the CLI's
importer, bot/job_import.py) and expire an item for supervisors and administrators. Vacancies and trainings are
not personal data: they are not scoped by division."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web
from sqlalchemy import select

from bot import keys
from bot.access import LOGIN, SUPERVISOR, access
from bot.console.site import UPLOAD, form, not_found, render, see_other, t
from bot.job_import import MODEL, Table, close, import_items
from bot.table_file import TableFileError
from dialogs.place_names import place_name
from storage.models import Training, Vacancy

SHOWN = 300
MAX_UPLOAD = 5 * 1024 * 1024
TABLES: tuple[Table, ...] = ("vacancies", "trainings")


async def open_items(session: Any) -> dict[str, list[Vacancy | Training]]:
    items: dict[str, list[Any]] = {}
    for table in TABLES:
        model = MODEL[table]
        items[table] = list(await session.scalars(select(model).where(model.status == "open")
                                                  .order_by(model.updated_at.desc(), model.id).limit(SHOWN)))
    return items


@access(LOGIN, "job")
async def jobs_page(request: web.Request, *, report: Any = None, error: str = "", status: int = 200) -> web.Response:
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        items = await open_items(session)
    done = request.query.get("done", "")
    return render(request, "jobs.html", status=status, items=items, place_name=place_name, report=report,
                  error=error, flash=t("flash.expired") if done == "expired" else "")


async def _save_upload(request: web.Request) -> tuple[Table | None, Path | None]:
    """The rest of the multipart body after its token: the table's name, then the file, to a temporary file."""
    reader = request[UPLOAD]
    table: Table | None = None
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "table":
            raw = (await part.read_chunk(32)).decode("ascii", "replace")
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


@access(SUPERVISOR, "job")
async def upload(request: web.Request) -> web.Response:
    if UPLOAD not in request:
        return await jobs_page(request, error=t("jobs.upload_invalid"), status=400)
    table, path = await _save_upload(request)
    if table is None or path is None:
        if path is not None:
            path.unlink(missing_ok=True)
        return await jobs_page(request, error=t("jobs.upload_invalid", mb=MAX_UPLOAD // 1024 // 1024), status=400)
    clock = request.config_dict[keys.CLOCK]
    try:
        report = await import_items(table, request.config_dict[keys.SESSIONS], request.config_dict[keys.CIPHER],
                                    path, now=clock.now(), today=clock.today())
    except TableFileError as exc:
        return await jobs_page(request, error=t("jobs.unreadable", reason=str(exc)), status=400)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    return await jobs_page(request, report=report)


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
