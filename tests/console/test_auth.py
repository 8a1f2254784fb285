"""Console accounts: password policy, login and its refusals, lock-out, the per-address limit, sessions (expiry,
idle timeout, logout), cookies and CSRF, and the audit log. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.console import auth
from storage.models import AuditLog, ConsoleLogin, ConsoleSession
from tests.console.conftest import Browser
from tests.console.world import PASSWORD, PHONES, World


def test_password_policy() -> None:
    for weak, reason in (("short", "at least 10"), ("aaaaaaaaaaaa", "repeated"), ("x13900000011y", "phone"),
                         ("z" * 129, "at most 128")):
        with pytest.raises(auth.PasswordRefused, match=reason):
            auth.check_policy(weak, "+8613900000011")
    auth.check_policy("correct horse 42", "+8613900000011")


async def _audit(console: Any) -> list[tuple[str, str, dict[str, Any]]]:
    async with console.server.app[keys.SESSIONS]() as session:
        rows = await session.execute(select(AuditLog.actor, AuditLog.action, AuditLog.detail).order_by(AuditLog.id))
        return [(actor, action, json.loads(detail or "{}")) for actor, action, detail in rows]


async def test_login_sets_a_safe_session_cookie_and_is_audited(console: Any, world: World, browser: Any) -> None:
    b: Browser = browser()
    status, page = await b.get("/console/")
    assert status == 303  # not signed in: to the login page
    status, page = await b.get("/console/login")
    assert status == 200 and 'name="password"' in page
    async with b.http.post(b.url("/console/login"), allow_redirects=False,
                           data={"csrf": b.csrf, "phone": "139 0000 0011", "password": PASSWORD}) as resp:
        assert resp.status == 303 and resp.headers["Location"] == "/console/"
        cookie = next(c for c in resp.headers.getall("Set-Cookie") if c.startswith("jiuye_console="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # JIUYE_CONSOLE_SECURE_COOKIES=false
    status, page = await b.get("/console/")
    assert status == 200 and "李书记" in page
    token = b.http.cookie_jar.filter_cookies(b.url("/console/"))["jiuye_console"].value
    async with console.server.app[keys.SESSIONS]() as session:
        stored = list(await session.scalars(select(ConsoleSession.token_hash)))
    assert auth.token_hash(token) in stored and token not in stored
    logins = [(actor, action) for actor, action, _ in await _audit(console) if action == "console_login"]
    assert logins == [(f"caseworker:{world.accounts['caseworker_a']}", "console_login")]
    assert all(PASSWORD not in json.dumps(row) for row in await _audit(console))


async def test_secure_cookie_behind_tls(make_client: Any, settings: Any, world: World, browser: Any) -> None:
    secure = await make_client(settings.replace(console_secure_cookies=True))
    http = browser().http
    async with http.get(secure.make_url("/console/login")) as resp:
        page = await resp.text()
        assert "Secure" in resp.headers["Set-Cookie"]
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    # Over this test's plain HTTP the client keeps Secure cookies to itself: sent by hand, as over TLS.
    async with http.post(secure.make_url("/console/login"), allow_redirects=False,
                         headers={"Cookie": f"jiuye_console_csrf={csrf}"},
                         data={"csrf": csrf, "phone": PHONES["admin"], "password": PASSWORD}) as resp:
        assert resp.status == 303
        assert "Secure" in next(c for c in resp.headers.getall("Set-Cookie") if c.startswith("jiuye_console="))


async def test_every_refusal_looks_the_same(console: Any, world: World, browser: Any) -> None:
    """Unknown phone, wrong password, no phone at all: the same status and page, each audited without the
    password."""
    pages = []
    for phone, password in ((PHONES["caseworker_a"], "wrong password 1"), ("+8613711112222", PASSWORD),
                            ("not a phone", PASSWORD), ("+8613900000015", PASSWORD)):  # the last has no password
        b: Browser = browser()
        await b.get("/console/login")
        status, _, location = await b.post("/console/login", {"phone": phone, "password": password})
        # Sent back to the login page (POST-redirect-GET: a reload shows it again, never posts the password).
        assert (status, location) == (303, "/console/login?error=refused")
        status, page = await b.get(location)
        assert status == 200 and "手机号或密码不对" in page, page
        pages.append(page.replace(b.csrf, ""))
    assert len(set(pages)) == 1
    failed = [(actor, detail["reason"]) for actor, action, detail in await _audit(console)
              if action == "console_login_failed"]
    assert failed == [(f"caseworker:{world.accounts['caseworker_a']}", "wrong_password"), ("unknown", "no_account"),
                      ("unknown", "no_account"), ("unknown", "no_account")]


async def test_five_failures_lock_the_account_for_15_minutes(console: Any, world: World, browser: Any) -> None:
    app = console.server.app
    b: Browser = browser()
    for _ in range(5):
        assert await b.login(PHONES["caseworker_a"], "wrong password 1") == "refused"
    # Locked: even the right password is refused, with the same answer.
    assert await b.login(PHONES["caseworker_a"]) == "refused"
    app[keys.CLOCK].advance(timedelta(minutes=14))
    assert await browser().login(PHONES["caseworker_a"]) == "refused"
    app[keys.CLOCK].advance(timedelta(minutes=2))
    assert await browser().login(PHONES["caseworker_a"]) == 303
    async with app[keys.SESSIONS]() as session:
        login = await session.get(ConsoleLogin, world.accounts["caseworker_a"])
        assert login is not None and login.failed_logins == 0
    reasons = [d["reason"] for _, a, d in await _audit(console) if a == "console_login_failed"]
    assert reasons == ["wrong_password"] * 4 + ["wrong_password_locked", "locked", "locked"]


async def test_failures_at_the_same_moment_all_count(console: Any, world: World) -> None:
    """Five wrong passwords sent at once lock the account as surely as five in a row."""
    app = console.server.app
    attempts = [auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["supervisor"],
                           password="wrong password 1", address=f"10.0.0.{i}", now=app[keys.CLOCK].now())
                for i in range(5)]
    assert all(outcome.token is None for outcome in await asyncio.gather(*attempts))
    outcome = await auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["supervisor"],
                               password=PASSWORD, address="10.0.0.9", now=app[keys.CLOCK].now())
    assert outcome.token is None


async def test_one_address_trying_many_phones_is_stopped(console: Any, world: World) -> None:
    app = console.server.app
    now = app[keys.CLOCK].now()
    for i in range(auth.ADDRESS_LIMIT):
        outcome = await auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=f"+86137000000{i:02d}",
                                   password="guess guess 1", address="198.51.100.7", now=now)
        assert not outcome.throttled
    # Now even a right password from that address is refused before any check; another address is not.
    refused = await auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["admin"], password=PASSWORD,
                               address="198.51.100.7", now=now)
    assert refused.throttled and refused.token is None
    other = await auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["admin"], password=PASSWORD,
                             address="198.51.100.8", now=now)
    assert other.token is not None
    later = await auth.login(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["admin"], password=PASSWORD,
                             address="198.51.100.7", now=now + auth.ADDRESS_WINDOW + timedelta(seconds=1))
    assert later.token is not None


async def test_sessions_end_when_idle_when_expired_and_at_logout(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    clock = app[keys.CLOCK]
    b = await signed_in("caseworker_a")
    clock.advance(auth.SESSION_IDLE - timedelta(minutes=1))
    assert (await b.get("/console/"))[0] == 200  # a request keeps it alive
    clock.advance(auth.SESSION_IDLE - timedelta(minutes=1))
    assert (await b.get("/console/"))[0] == 200
    clock.advance(auth.SESSION_IDLE)
    assert (await b.get("/console/"))[0] == 303  # idle too long
    b = await signed_in("caseworker_a")
    for _ in range(int(auth.SESSION_LIFETIME / timedelta(hours=1))):
        clock.advance(timedelta(hours=1))
        status = (await b.get("/console/"))[0]
    assert status == 303  # the absolute lifetime ended it, busy or not
    b = await signed_in("caseworker_a")
    token = b.http.cookie_jar.filter_cookies(b.url("/console/"))["jiuye_console"].value
    status, _, location = await b.post("/console/logout")
    assert status == 303 and location == "/console/login"
    assert await auth.viewer_for(app[keys.SESSIONS], token, clock.now()) is None
    assert (await b.get("/console/"))[0] == 303


async def test_a_new_password_ends_the_accounts_sessions(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    b = await signed_in("caseworker_a")
    await auth.set_password(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PHONES["caseworker_a"],
                            password="another one 77", now=app[keys.CLOCK].now())
    assert (await b.get("/console/"))[0] == 303


async def test_every_post_needs_the_sessions_csrf_token(console: Any, world: World, signed_in: Any) -> None:
    a = await signed_in("caseworker_a")
    supervisor = await signed_in("supervisor")
    alert = world.people["a"].alert_ids[0]
    for token in ("", "0" * 32, supervisor.csrf):
        status, _page, _ = await a.post(f"/console/alerts/{alert}/ack", csrf=token)
        assert status == 403
    # The login form too: its token must match the cookie set with it.
    fresh: Browser = Browser(a.base, a.http.__class__(cookie_jar=a.http.cookie_jar.__class__(unsafe=True)))
    try:
        await fresh.get("/console/login")
        status, _, _ = await fresh.post("/console/login", {"phone": PHONES["admin"], "password": PASSWORD},
                                        csrf="forged")
        assert status == 403
    finally:
        await fresh.http.close()
    status, _, _location = await a.post(f"/console/alerts/{alert}/ack")
    assert status == 303


async def test_pages_are_never_cached_or_framed(console: Any, world: World, signed_in: Any) -> None:
    b = await signed_in("caseworker_a")
    for path in ("/console/", "/console/login", "/console/static/console.css", "/console/no-such-page"):
        _status, _body, headers = await b.get_response(path)
        assert headers["Cache-Control"] == "no-store", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path


async def test_login_redirects_only_within_the_console(console: Any, world: World, browser: Any) -> None:
    for target, expected in (("/console/cases/1", "/console/cases/1"), ("//evil.example/", "/console/"),
                             ("https://evil.example/", "/console/"), ("/console/\\evil", "/console/")):
        b: Browser = browser()
        await b.get("/console/login")
        status, _, location = await b.post("/console/login", {"phone": PHONES["admin"], "password": PASSWORD,
                                                              "next": target})
        assert (status, location) == (303, expected)
