"""The console's request plumbing: the middleware that enforces each route's declared access (sign-in, role,
CSRF on every POST, no caching, no framing), and page rendering with Jinja2 and the console's catalog.

Middleware order, for every request under /console:
1. the route's declaration (bot/access.py); a handler without one is answered 404, never served;
2. the session cookie -> the viewer (storage/scope.py Viewer), for every route but the public ones; without a
   valid session a GET goes to the login page, anything else too (303);
3. the role: a supervisor page for a caseworker is a 404, like a page that does not exist;
4. CSRF on every POST: the form's `csrf` field must be the session's token (bot/console/auth.py), or, before
   sign-in (the login form), equal the random cookie set with the form (double submit);
5. the handler; every answer (errors too) gets no-store, no framing, no sniffing, a same-origin policy.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Iterable
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from aiohttp import BodyPartReader, MultipartReader, web
from multidict import MultiDict, MultiDictProxy

from bot import keys
from bot.access import ADMIN, PUBLIC, SUPERVISOR, access_of
from bot.console import auth
from dialogs.i18n import catalog
from storage.scope import ROLES, Viewer
from storage.scope import SUPERVISOR as SUPERVISOR_ROLE

log = logging.getLogger(__name__)

SESSION_COOKIE = "jiuye_console"
LOGIN_CSRF_COOKIE = "jiuye_console_csrf"
VIEWER: web.RequestKey[Viewer] = web.RequestKey("console_viewer", Viewer)
VIEWER_NAME: web.RequestKey[str] = web.RequestKey("console_viewer_name", str)
SESSION_TOKEN: web.RequestKey[str] = web.RequestKey("console_session_token", str)
# The double-submit token of the login form (no session yet).
LOGIN_CSRF: web.RequestKey[str] = web.RequestKey("console_login_csrf", str)
# The rest of an upload's multipart body, after the CSRF token (its first part) was checked.
UPLOAD: web.RequestKey[MultipartReader] = web.RequestKey("console_upload", MultipartReader)
# Caseworkers read the console in Chinese (the English catalog has the same keys, for tests and parity).
LOCALE = "zh_CN"
SECURITY_HEADERS = {
    # Personal data: never kept by a browser or a proxy, so "back" after logout shows nothing.
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def t(key: str, **params: Any) -> str:
    """A console text from the catalog (locales/*/console.toml)."""
    text = catalog(LOCALE).get("console." + key)
    return text.format(**params) if params else text


@cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bot.console", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals["t"] = t
    # The roles' words, looked up once: a province's hand-over list names 2,791 accounts (a catalog call per
    # option was a fifth of /console/cases for a province's supervisor).
    env.globals["roles"] = {role: t("role." + role) for role in ROLES}
    return env


def render(request: web.Request, template: str, *, status: int = 200, **context: Any) -> web.Response:
    viewer = request.get(VIEWER)
    token = request.get(SESSION_TOKEN)
    key = request.config_dict[keys.SETTINGS].secret_key
    page = templates().get_template(template).render(
        viewer=viewer, viewer_name=request.get(VIEWER_NAME, ""),
        csrf=auth.csrf_token(key, token) if token else request.get(LOGIN_CSRF, ""),
        path=request.path, **context,
    )
    return web.Response(text=page, status=status, content_type="text/html", charset="utf-8")


def see_other(location: str) -> web.Response:
    """After a POST: the page to show next (303, so that reloading it does not post again)."""
    return web.Response(status=303, headers={"Location": location})


def back_with_error(location: str, error: str, **params: int | str) -> web.Response:
    """After a POST that changed nothing (an empty reason, a decision made meanwhile): 303 back to the page, which
    says why (`error`, a key the page knows; numbers it needs in `params`). The page is then an ordinary GET:
    reloading it shows the message again and never posts the form again (it re-posted the empty reason)."""
    path, _, fragment = location.partition("#")
    query = "&".join([f"error={quote(error)}", *(f"{k}={quote(str(v))}" for k, v in params.items())])
    return see_other(f"{path}{'&' if '?' in path else '?'}{query}{'#' + fragment if fragment else ''}")


def error_of(request: web.Request, known: Iterable[str]) -> str:
    """The key of the error a page was sent back with (back_with_error), when it is one the page knows; else ""."""
    error = request.query.get("error", "")
    return error if error in known else ""


def record_id(raw: str) -> int | None:
    """A record's number as written in an address or a form (12 decimal digits at most), else None. (str.isdigit
    alone takes ², whose int() raised: a 500 for a mistyped address.)"""
    return int(raw) if raw.isdecimal() and len(raw) <= 12 else None


def not_found(request: web.Request) -> web.Response:
    """The one answer for "no such record" and "not yours": same status, same page, same length."""
    return render(request, "not_found.html", status=404)


def client_address(request: web.Request) -> str:
    """The client's address; behind the trusted reverse proxy, the last one it appended to X-Forwarded-For."""
    remote = request.remote or ""
    proxy = request.config_dict[keys.SETTINGS].console_trusted_proxy
    if proxy and remote == proxy:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        return forwarded[:64] or remote
    return remote


def _login_redirect(request: web.Request) -> web.HTTPSeeOther:
    target = request.path_qs if request.method == "GET" else "/console/"
    return web.HTTPSeeOther("/console/login?next=" + quote(target, safe="/"))


async def form(request: web.Request) -> dict[str, str]:
    """A POST's urlencoded fields (files are read as a stream: `upload`)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return {}
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str)}


async def form_all(request: web.Request) -> MultiDictProxy[Any]:
    """A POST's fields with repeated names kept (ticked boxes of a list)."""
    if request.content_type != "application/x-www-form-urlencoded":
        return MultiDictProxy(MultiDict())
    return await request.post()


async def _offered_token(request: web.Request) -> str:
    if request.content_type == "multipart/form-data":
        # An upload's first part must be the token: the file that follows is read by the handler, once.
        reader = await request.multipart()
        part = await reader.next()
        if not isinstance(part, BodyPartReader) or part.name != "csrf":
            return ""
        request[UPLOAD] = reader
        return (await part.read_chunk(256)).decode("ascii", "replace")
    return (await form(request)).get("csrf", "")


async def _csrf_ok(request: web.Request, level: str) -> bool:
    try:
        offered = await _offered_token(request)
    except (ValueError, web.RequestPayloadError):
        # A body that is not the form it claims to be (no boundary, bad encoding, a gzip body that does not inflate):
        # no token in it (the last was a 500).
        return False
    if level == PUBLIC:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        return bool(cookie) and secrets.compare_digest(cookie.encode(), offered.encode())
    token = request.get(SESSION_TOKEN)
    return token is not None and auth.csrf_matches(request.config_dict[keys.SETTINGS].secret_key, token, offered)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await _guarded(request, handler)
    except web.HTTPException as exc:
        exc.headers.update(SECURITY_HEADERS)
        raise
    response.headers.update(SECURITY_HEADERS)
    return response


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.http_exception is not None:
        if request.match_info.http_exception.status == 404 and request.method in ("GET", "HEAD"):
            # An address that is no page (a link cut short, /console/case/3 for /console/cases/3): the console's own
            # page, in Chinese and with the way back, not aiohttp's bare "404: Not Found".
            return not_found(request)
        raise request.match_info.http_exception
    declared = access_of(request.match_info.handler)
    if declared is None:
        log.error("console route %s has no declared access: refused", request.match_info.route.resource)
        return not_found(request)
    if declared.level != PUBLIC:
        token = request.cookies.get(SESSION_COOKIE, "")
        found = await auth.viewer_for(request.config_dict[keys.SESSIONS], token,
                                      request.config_dict[keys.CLOCK].now(), request.config_dict[keys.READ_SESSIONS])
        if found is None:
            raise _login_redirect(request)
        viewer, name = found
        request[VIEWER], request[VIEWER_NAME], request[SESSION_TOKEN] = viewer, name, token
        if (declared.level == SUPERVISOR and viewer.role not in (SUPERVISOR_ROLE, ADMIN)) or (
                declared.level == ADMIN and viewer.role != ADMIN):
            return not_found(request)
    if request.method == "POST" and not await _csrf_ok(request, declared.level):
        log.warning("console: POST %s refused, CSRF token missing or wrong", request.match_info.route.resource)
        return render(request, "error.html", status=403, message=t("error.csrf"))
    return await handler(request)


def viewer(request: web.Request) -> Viewer:
    return request[VIEWER]


def set_session_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    settings = request.config_dict[keys.SETTINGS]
    response.set_cookie(SESSION_COOKIE, token, path="/console", httponly=True, samesite="Lax",
                        secure=settings.secure_cookies, max_age=int(auth.SESSION_LIFETIME.total_seconds()))


def clear_session_cookie(request: web.Request, response: web.StreamResponse) -> None:
    settings = request.config_dict[keys.SETTINGS]
    response.del_cookie(SESSION_COOKIE, path="/console", secure=settings.secure_cookies, httponly=True,
                        samesite="Lax")
