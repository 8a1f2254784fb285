"""Signing in and out of the console (GET/POST /console/login, POST /console/logout) and its style sheet."""

from __future__ import annotations

import secrets
from importlib import resources
from urllib.parse import urlencode

from aiohttp import web

from bot import keys
from bot.access import LOGIN, PUBLIC, access
from bot.console import auth
from bot.console.site import (
    LOGIN_CSRF,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    clear_session_cookie,
    client_address,
    error_of,
    form,
    render,
    see_other,
    set_session_cookie,
    t,
)

HOME = "/console/"


def _safe_next(target: str) -> str:
    """Only a page of the console itself: never another site (//evil, /\\evil, http://…)."""
    if target.startswith("/console/") and not target.startswith(("//", "/\\")) and "\\" not in target:
        return target
    return HOME


def _login_page(request: web.Request, *, error: str = "", status: int = 200) -> web.Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    request[LOGIN_CSRF] = token
    response = render(request, "login.html", status=status, error=error,
                      next=_safe_next(request.query.get("next", HOME)))
    settings = request.config_dict[keys.SETTINGS]
    response.set_cookie(LOGIN_CSRF_COOKIE, token, path="/console/login", httponly=True, samesite="Strict",
                        secure=settings.secure_cookies)
    return response


# Why a sign-in was refused, as the login page is sent back with it (POST-redirect-GET: a reload never posts the
# password again). The same words for an unknown phone and a wrong password.
LOGIN_ERRORS = ("refused", "throttled")


def _back_to_login(fields: dict[str, str], error: str) -> web.Response:
    target = _safe_next(fields.get("next", HOME))
    return see_other("/console/login?" + urlencode({"error": error, **({"next": target} if target != HOME else {})}))


@access(PUBLIC)
async def login_form(request: web.Request) -> web.Response:
    key = error_of(request, LOGIN_ERRORS)
    return _login_page(request, error=t(f"login.{key}") if key else "")


@access(PUBLIC)
async def login_submit(request: web.Request) -> web.StreamResponse:
    fields = await form(request)
    outcome = await auth.login(
        request.config_dict[keys.SESSIONS], request.config_dict[keys.CIPHER],
        phone_text=fields.get("phone", ""), password=fields.get("password", ""), address=client_address(request),
        now=request.config_dict[keys.CLOCK].now(),
    )
    if outcome.throttled:
        return _back_to_login(fields, "throttled")
    if outcome.token is None:
        return _back_to_login(fields, "refused")
    response = see_other(_safe_next(fields.get("next", HOME)))
    set_session_cookie(request, response, outcome.token)
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/console/login")
    return response


@access(LOGIN, "caseworker")
async def logout(request: web.Request) -> web.StreamResponse:
    await auth.end_session(request.config_dict[keys.SESSIONS], request.cookies.get(SESSION_COOKIE, ""),
                           request.config_dict[keys.CLOCK].now())
    response = see_other("/console/login")
    clear_session_cookie(request, response)
    return response


_CSS = resources.files("bot.console").joinpath("static/console.css")


@access(PUBLIC)
async def stylesheet(request: web.Request) -> web.Response:
    return web.Response(body=_CSS.read_bytes(), content_type="text/css", charset="utf-8")


@access(PUBLIC)
async def root(request: web.Request) -> web.StreamResponse:
    """/console (without the slash) is served by the main app: the console's own routes all start below it."""
    raise web.HTTPFound(HOME)


def routes() -> list[web.RouteDef]:
    return [
        web.get("/login", login_form),
        web.post("/login", login_submit),
        web.post("/logout", logout),
        web.get("/static/console.css", stylesheet),
    ]
