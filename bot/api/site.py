"""The integration API's request plumbing: the bearer token, the declared access and scope, JSON bodies and
JSON problems for every error.

Middleware order, for every request under /api/v1:
1. a route that does not exist or a method it does not take: 404 / 405, as JSON;
2. the route's declaration (bot/access.py); a handler without one is answered 404, never served;
3. the bearer token -> the integrator (storage/api_tokens.py) and its Viewer (storage/scope.py), for every route
   but the public ones (the OpenAPI document); missing, unknown or revoked: 401 with WWW-Authenticate;
4. the token's scope: `read` for GET, `write` for PUT: 403 otherwise;
5. the handler; a `Problem` it raises, an aiohttp error or a database outage becomes a JSON problem
   (`{"error": code, "message": text}`); every answer gets no-store and nosniff.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot import keys
from bot.access import PUBLIC, access_of
from storage import api_tokens
from storage.api_tokens import Integrator
from storage.outage import is_outage

log = logging.getLogger(__name__)

INTEGRATOR: web.RequestKey[Integrator] = web.RequestKey("api_integrator", Integrator)
MAX_BODY = 64 * 1024
JSON_TYPE = "application/json"
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_WRITES = frozenset({"PUT", "POST", "PATCH", "DELETE"})
_CHALLENGE = 'Bearer realm="jiuye"'

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Problem(Exception):
    """An answer other than success: HTTP status, a stable English code, a sentence for the integrator."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.error, self.message, self.headers = status, error, message, headers or {}


def not_found() -> Problem:
    """The one answer for "no such record" and "not in this token's divisions"."""
    return Problem(404, "not_found", "no such record")


def problem_response(problem: Problem) -> web.Response:
    body = json.dumps({"error": problem.error, "message": problem.message})
    return web.Response(text=body, status=problem.status, content_type=JSON_TYPE,
                        headers={**_HEADERS, **problem.headers})


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(data, ensure_ascii=False), status=status, content_type=JSON_TYPE,
                        charset="utf-8", headers=_HEADERS)


def integrator(request: web.Request) -> Integrator:
    return request[INTEGRATOR]


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object: 415 when not JSON, 413 when too large, 400 when not an object."""
    if request.content_type != JSON_TYPE:
        raise Problem(415, "unsupported_media_type", f"send the body as {JSON_TYPE}")
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Problem(413, "body_too_large", f"the body may be at most {MAX_BODY} bytes")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise Problem(413, "body_too_large", f"the body may be at most {MAX_BODY} bytes") from None
    try:
        data = json.loads(raw.decode(request.charset or "utf-8"))
    except (UnicodeDecodeError, LookupError, json.JSONDecodeError, RecursionError):
        raise Problem(400, "invalid_json", "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise Problem(400, "invalid_json", "the body must be a JSON object")
    return data


def _bearer(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _authenticate(request: web.Request) -> Integrator:
    token = _bearer(request)
    if token is None:
        raise Problem(401, "unauthorized", "send a token: Authorization: Bearer <token>",
                      {"WWW-Authenticate": _CHALLENGE})
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        found = await api_tokens.authenticate(session, token, now=request.config_dict[keys.CLOCK].now())
    if found is None:
        raise Problem(401, "invalid_token", "the token is unknown or revoked",
                      {"WWW-Authenticate": f'{_CHALLENGE}, error="invalid_token"'})
    return found


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.http_exception is not None:
        error = request.match_info.http_exception
        if error.status == 405:
            raise Problem(405, "method_not_allowed", f"{request.method} is not allowed here",
                          {"Allow": error.headers.get("Allow", "")})
        raise Problem(404, "not_found", "no such endpoint")
    declared = access_of(request.match_info.handler)
    if declared is None:
        log.error("api route %s has no declared access: refused", request.match_info.route.resource)
        raise Problem(404, "not_found", "no such endpoint")
    if declared.level != PUBLIC:
        found = await _authenticate(request)
        needed = api_tokens.WRITE if request.method in _WRITES else api_tokens.READ
        if not found.may(needed):
            raise Problem(403, "insufficient_scope", f"this token has no {needed!r} scope",
                          {"WWW-Authenticate": f'{_CHALLENGE}, error="insufficient_scope", scope="{needed}"'})
        request[INTEGRATOR] = found
    return await handler(request)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await _guarded(request, handler)
    except Problem as problem:
        return problem_response(problem)
    except web.HTTPException as exc:
        # aiohttp's own refusals (a request line or header it cannot take, a body over the limit).
        code = "body_too_large" if exc.status == 413 else "bad_request" if exc.status < 500 else "server_error"
        return problem_response(Problem(exc.status, code, exc.reason))
    except Exception as exc:
        if not is_outage(exc):
            raise
        log.warning("api: database unavailable (%s): 503", type(exc).__name__)
        return problem_response(Problem(503, "unavailable", "the database is unavailable; try again shortly",
                                        {"Retry-After": "5"}))
    response.headers.update(_HEADERS)
    return response
