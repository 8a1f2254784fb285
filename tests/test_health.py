"""Liveness and readiness."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from bot import keys
from bot.settings import Settings
from storage.migrate import head_revision


async def test_healthz_and_readyz(client: Any) -> None:
    assert (await client.get("/healthz")).status == 200
    resp = await client.get("/readyz")
    assert resp.status == 200
    head = head_revision()
    assert head is not None
    assert (await resp.json())["migrations"]["current"] == head


async def test_readyz_reports_pending_migrations(make_client: Any, tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}", secret_key=b"x" * 32, simulator=True
    )
    client = await make_client(settings)  # built with migrate=False: the database is empty
    resp = await client.get("/readyz")
    assert resp.status == 503
    assert (await resp.json())["migrations"]["current"] is None


async def test_readyz_reports_an_unreachable_database(make_client: Any) -> None:
    settings = Settings(
        database_url="postgresql+asyncpg://nobody:wrong@127.0.0.1:1/none",
        secret_key=base64.urlsafe_b64decode(base64.urlsafe_b64encode(b"y" * 32)),
        simulator=True,
    )
    client = await make_client(settings)
    resp = await client.get("/readyz")
    assert resp.status == 503
    assert (await resp.json())["database"] == "unreachable"
    assert (await client.get("/healthz")).status == 200


async def test_simulator_is_off_when_wechat_is_configured(make_client: Any, settings: Settings) -> None:
    client = await make_client(settings.replace(simulator=None, wechat_app_secret="s"))
    assert (await client.post("/simulator/messages", json={"user": "u", "text": "hi"})).status == 404
    assert (await client.get("/simulator")).status == 404


JSON = {"Content-Type": "application/json"}


async def test_simulator_rejects_bad_requests(client: Any) -> None:
    for body in [
        b"not json",
        b"[1]",
        b'{"user": "", "text": "x"}',
        b'{"user": "u"}',
        b'{"user": "u", "text": "x", "event": "subscribe"}',
        b'{"user": "u", "channel": "fax", "text": "x"}',
        b'{"user": "u", "event": "explode"}',
    ]:
        resp = await client.post("/simulator/messages", data=body, headers=JSON)
        assert resp.status == 400, body
        assert "error" in await resp.json()
    resp = await client.post("/simulator/messages", data=b"{" + b" " * 70000 + b"}", headers=JSON)
    assert resp.status == 413
    page = await client.get("/simulator")
    assert page.status == 200 and "simulator" in await page.text()


async def test_the_scheduler_runs_with_the_app_in_the_configured_time_zone(
    make_client: Any, settings: Settings
) -> None:
    client = await make_client(settings.replace(timezone="Asia/Urumqi"))
    scheduler = client.server.app[keys.SCHEDULER]
    assert scheduler.running
    assert str(scheduler.timezone) == "Asia/Urumqi"
    await client.close()
    assert not scheduler.running
