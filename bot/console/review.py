"""Review (审核): forms waiting for it, within scope, oldest first; approve, or return with a reason the laborer
is told through the outbox (WeChat or SMS, whichever reaches them). A form whose ID number is on another
person's form is marked and answered first (bot/console/duplicates.py): it cannot be approved as it is."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.access import LOGIN, access
from bot.casework.alerts import local_time
from bot.console import duplicates, people_names
from bot.console.site import (
    VIEWER_NAME,
    back_with_error,
    error_of,
    form,
    not_found,
    record_id,
    render,
    see_other,
    t,
    viewer,
)
from dialogs import nlu
from dialogs.i18n import render as render_message
from dialogs.types import Outbound
from storage import scope
from storage.crypto import FieldCipher
from storage.info_forms import change_row
from storage.models import AuditLog, FormChange, InfoForm, OutboxMessage, Person
from storage.scope import Viewer

SHOWN = 200
PENDING = "pending_review"
MAX_REASON = 40  # the laborer's SMS holds it


def pending_query(who: Viewer, limit: int | None = SHOWN) -> Select[tuple[InfoForm]]:
    query = (select(InfoForm).where(InfoForm.status == PENDING, scope.forms(who))
             .order_by(InfoForm.updated_at, InfoForm.id))
    return query.limit(limit) if limit else query


@access(LOGIN, "form")
async def review_list(request: web.Request) -> web.Response:
    who = viewer(request)
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        forms = list(await session.scalars(pending_query(who)))
        people = await people_names.listed(session, [f.person_id for f in forms], t("unknown_name"))
        marks = await duplicates.marked(session, who, people)
    done = request.query.get("done", "")
    return render(request, "review.html", forms=[(f, people[f.person_id], marks.get(f.person_id)) for f in forms],
                  local_time=local_time, flash=t("flash." + done) if done in FLASHES else "", max_reason=MAX_REASON,
                  error=review_error(request))


FLASHES = frozenset({"approved", "returned", "duplicate_kept", "duplicate_corrected", "duplicate_returned"})
# What a review form was sent back with (back_with_error): nothing was changed, and the list says why.
ERRORS = ("duplicate.answer_first", "review.decided_already", "review.reason_needed", "duplicate.bad_id_number")
FORM_STATUSES = ("pending_review", "reviewed", "returned")


def review_error(request: web.Request) -> str:
    key = error_of(request, ERRORS)
    if key == "review.decided_already":
        status = request.query.get("status", "")
        return t(key, status=t(f"form.status.{status}")) if status in FORM_STATUSES else ""
    return t(key, n=MAX_REASON) if key else ""


def _person(request: web.Request) -> int | None:
    return record_id(request.match_info["person"])


async def _pending(session: AsyncSession, who: Viewer, person_id: int | None) -> InfoForm | None:
    if person_id is None:
        return None
    found: InfoForm | None = await session.scalar(select(InfoForm).where(
        InfoForm.person_id == person_id, scope.forms(who)).with_for_update())
    return found


def reviewer(request: web.Request) -> str:
    """How the form (and its export) names the reviewer: the name people know, and the account."""
    return f"{request[VIEWER_NAME]} (cw:{viewer(request).caseworker_id})"[:64]


@access(LOGIN, "form")
async def approve(request: web.Request) -> web.StreamResponse:
    who = viewer(request)
    await form(request)
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        info = await _pending(session, who, _person(request))
        if info is None:
            return not_found(request)
        if info.status == PENDING and await duplicates.marked(session, who, [info.person_id]):
            return back_with_error("/console/review", "duplicate.answer_first")
        if info.status != PENDING:  # decided meanwhile (another reviewer, a stale page): left as it is
            return _decided_already(info.status)
        info.status, info.reviewed_at = "reviewed", now
        info.reviewed_by = reviewer(request)
        session.add(AuditLog(actor=who.actor, action="form_approved",
                             detail=json.dumps({"person": info.person_id}), created_at=now))
    return see_other("/console/review?done=approved")


def _decided_already(status: str) -> web.Response:
    return back_with_error("/console/review", "review.decided_already", status=status)


@access(LOGIN, "form")
async def send_back(request: web.Request) -> web.StreamResponse:
    """Returned for correction: the laborer is told why (a push through the outbox), the form waits again."""
    who = viewer(request)
    reason = (await form(request)).get("reason", "").strip()
    now = request.config_dict[keys.CLOCK].now()
    cipher = request.config_dict[keys.CIPHER]
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        info = await _pending(session, who, _person(request))
        if info is None:
            return not_found(request)
        if info.status != PENDING:
            return _decided_already(info.status)
        if not reason or len(reason) > MAX_REASON:
            return back_with_error("/console/review", "review.reason_needed")
        info.status, info.reviewed_at, info.reviewed_by = "returned", now, reviewer(request)
        await queue_to_laborer(session, cipher, info.person_id, "console.review.returned", {"reason": reason},
                               now)
        session.add(AuditLog(actor=who.actor, action="form_returned",
                             detail=json.dumps({"person": info.person_id}), created_at=now))
    outbox = request.config_dict.get(keys.OUTBOX)
    if outbox is not None:
        outbox.wake()
    return see_other("/console/review?done=returned")


async def queue_to_laborer(session: AsyncSession, cipher: FieldCipher, person_id: int, key: str,
                           params: dict[str, Any], now: datetime) -> None:
    """A message to the laborer through the outbox, in their language; the caller wakes the outbox worker."""
    locale = await session.scalar(select(Person.locale).where(Person.id == person_id)) or "zh_CN"
    # Rendered as the short SMS text: it is not known yet which channel will carry it.
    text = render_message(Outbound(key=key, params=params), locale, "sms")
    session.add(OutboxMessage(person_id=person_id, channel="auto", kind="text", body_enc=cipher.encrypt(text),
                              solicited=False, status="queued", attempts=0, next_attempt_at=now, created_at=now))


async def _marked_form(session: AsyncSession, who: Viewer, person_id: int | None) -> InfoForm | None:
    """The form, locked, when it is in scope and still marked; else None (answered as a missing record)."""
    if person_id is None:
        return None
    info: InfoForm | None = await session.scalar(select(InfoForm).where(
        InfoForm.person_id == person_id, scope.forms(who)).with_for_update())
    if info is None or person_id not in await duplicates.marked(session, who, [person_id]):
        return None
    return info


def _back(request: web.Request, person_id: int, done: str) -> web.Response:
    """Back where the reviewer acted: the review list, or the person's page."""
    if (request.query.get("from") or "") == "person":
        return see_other(f"/console/people/{person_id}?done={done}#form")
    return see_other(f"/console/review?done={done}")


@access(LOGIN, "form")
async def same_person(request: web.Request) -> web.StreamResponse:
    """The same laborer on a second phone or WeChat: this form is kept (approved if it waits for review)."""
    who = viewer(request)
    await form(request)
    person_id = _person(request)
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        info = await _marked_form(session, who, person_id)
        if info is None or person_id is None:
            return not_found(request)
        info.id_number_checked_hash = info.id_number_hash
        approved = info.status == PENDING
        if approved:
            info.status, info.reviewed_at, info.reviewed_by = "reviewed", now, reviewer(request)
        session.add(AuditLog(actor=who.actor, action="duplicate_id_same_person",
                             detail=json.dumps({"person": person_id, "approved": approved}), created_at=now))
    return _back(request, person_id, "duplicate_kept")


@access(LOGIN, "form")
async def typed_wrong(request: web.Request) -> web.StreamResponse:
    """Another person's number typed by mistake. With the right number (checked with the laborer), the form is
    corrected, its history naming the reviewer, and waits for review; without one, the form is returned and the
    laborer is asked to check it (told nothing of the other form)."""
    who = viewer(request)
    given = (await form(request)).get("id_number", "").strip()
    person_id = _person(request)
    corrected = nlu.parse_id_number(given) if given else None
    now = request.config_dict[keys.CLOCK].now()
    cipher = request.config_dict[keys.CIPHER]
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        info = await _marked_form(session, who, person_id)
        if info is None or person_id is None:
            return not_found(request)
        if given and corrected is None:
            back = f"/console/people/{person_id}" if request.query.get("from") == "person" else "/console/review"
            return back_with_error(back, "duplicate.bad_id_number")
        if corrected is not None:
            old = cipher.decrypt_optional(info.id_number_enc)
            info.id_number_enc = cipher.encrypt(corrected)
            info.id_number_hash = cipher.blind_index("id_number", corrected)
            info.status, info.updated_at = PENDING, now
            session.add(FormChange(**change_row(cipher, person_id=person_id, field="id_number", old=old,
                                                new=corrected, changed_at=now, channel="console",
                                                actor=f"cw:{who.caseworker_id}"),
                                   reason=t("duplicate.corrected_reason")))
            action, done = "duplicate_id_corrected", "duplicate_corrected"
        else:
            info.status, info.reviewed_at, info.reviewed_by = "returned", now, reviewer(request)
            await queue_to_laborer(session, cipher, person_id, "console.duplicate.ask_again", {}, now)
            action, done = "duplicate_id_returned", "duplicate_returned"
        session.add(AuditLog(actor=who.actor, action=action, detail=json.dumps({"person": person_id}),
                             created_at=now))
    outbox = request.config_dict.get(keys.OUTBOX)
    if outbox is not None and corrected is None:
        outbox.wake()
    return _back(request, person_id, done)


def routes() -> list[web.RouteDef]:
    return [
        web.get("/review", review_list),
        web.post("/review/{person}/approve", approve),
        web.post("/review/{person}/return", send_back),
        web.post("/review/{person}/same-person", same_person),
        web.post("/review/{person}/id-typo", typed_wrong),
    ]
