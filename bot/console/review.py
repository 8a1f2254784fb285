"""Review (审核): forms waiting for it, within scope, oldest first; approve, or return with a reason the laborer
is told through the outbox (WeChat or SMS, whichever reaches them)."""

from __future__ import annotations

import json

from aiohttp import web
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.access import LOGIN, access
from bot.casework.alerts import local_time
from bot.console import people_names
from bot.console.site import VIEWER_NAME, form, not_found, render, see_other, t, viewer
from dialogs.i18n import render as render_message
from dialogs.types import Outbound
from storage import scope
from storage.models import AuditLog, InfoForm, OutboxMessage, Person
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
    done = request.query.get("done", "")
    return render(request, "review.html", forms=[(f, people[f.person_id]) for f in forms], local_time=local_time,
                  flash=t("flash." + done) if done in ("approved", "returned") else "", max_reason=MAX_REASON)


def _person(request: web.Request) -> int | None:
    raw = request.match_info["person"]
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


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
        if info.status == PENDING:
            info.status, info.reviewed_at = "reviewed", now
            info.reviewed_by = reviewer(request)
            session.add(AuditLog(actor=who.actor, action="form_approved",
                                 detail=json.dumps({"person": info.person_id}), created_at=now))
    return see_other("/console/review?done=approved")


@access(LOGIN, "form")
async def send_back(request: web.Request) -> web.StreamResponse:
    """Returned for correction: the laborer is told why (a push through the outbox), the form waits again."""
    who = viewer(request)
    reason = (await form(request)).get("reason", "").strip()
    if not reason or len(reason) > MAX_REASON:
        return render(request, "error.html", status=400, message=t("review.reason_needed", n=MAX_REASON))
    now = request.config_dict[keys.CLOCK].now()
    cipher = request.config_dict[keys.CIPHER]
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        info = await _pending(session, who, _person(request))
        if info is None:
            return not_found(request)
        if info.status == PENDING:
            info.status, info.reviewed_at, info.reviewed_by = "returned", now, reviewer(request)
            locale = await session.scalar(select(Person.locale).where(Person.id == info.person_id)) or "zh_CN"
            # Rendered as the short SMS text: it is not known yet which channel will carry it.
            text = render_message(Outbound(key="console.review.returned", params={"reason": reason}), locale, "sms")
            session.add(OutboxMessage(person_id=info.person_id, channel="auto", kind="text",
                                      body_enc=cipher.encrypt(text), solicited=False, status="queued", attempts=0,
                                      next_attempt_at=now, created_at=now))
            session.add(AuditLog(actor=who.actor, action="form_returned",
                                 detail=json.dumps({"person": info.person_id}), created_at=now))
    outbox = request.config_dict.get(keys.OUTBOX)
    if outbox is not None:
        outbox.wake()
    return see_other("/console/review?done=returned")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/review", review_list),
        web.post("/review/{person}/approve", approve),
        web.post("/review/{person}/return", send_back),
    ]
