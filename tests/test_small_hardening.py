"""Issue 10, defect 12: the audit actor, file permissions, weak secrets, the Server header, export extensions."""

from __future__ import annotations

import base64
import os
import pwd
import secrets
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.cli import main
from bot.export import export_forms
from bot.settings import Settings, SettingsError, load_settings
from storage.models import AuditLog
from tests.conftest import SECRET

RANDOM_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_audit_actor_is_the_effective_user_not_logname(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "someone-else")
    monkeypatch.setenv("USER", "someone-else")
    app = client.server.app
    await export_forms(app[keys.SESSIONS], app[keys.CIPHER], fmt="json", out=tmp_path / "f.json", division=None,
                       unmasked=True, now=datetime.now(UTC))
    async with app[keys.SESSIONS]() as session:
        actor = (await session.scalars(select(AuditLog.actor))).one()
    assert actor == pwd.getpwuid(os.geteuid()).pw_name


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
async def test_exports_are_created_owner_only(client: Any, tmp_path: Path, fmt: str) -> None:
    app = client.server.app
    for unmasked in (True, False):
        out = tmp_path / f"forms-{unmasked}.{fmt}"
        await export_forms(app[keys.SESSIONS], app[keys.CIPHER], fmt=fmt, out=out, division=None,
                           unmasked=unmasked, now=datetime.now(UTC))
        assert _mode(out) == 0o600


def test_an_export_whose_extension_is_not_its_format_is_refused(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", database_url)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(SECRET).decode())
    existing = tmp_path / "form.csv"
    existing.write_text("姓名\n", encoding="utf-8")
    assert main(["export", "form", "--format", "xlsx", "--out", str(existing)]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "姓名\n"  # not overwritten with a workbook
    assert main(["export", "form", "--format", "csv", "--out", str(tmp_path / "form.CSV")]) == 0


def test_a_new_sqlite_database_is_created_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fresh" / "jiuye.db"
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    assert main(["migrate"]) == 0
    assert _mode(path) == 0o600
    for extra in (path.with_name("jiuye.db-wal"), path.with_name("jiuye.db-shm")):
        if extra.exists():
            assert _mode(extra) == 0o600


@pytest.mark.parametrize("key", [
    bytes(32),  # all zero
    b"k" * 32,  # one byte repeated
    bytes(range(32)),  # a sequence
    b"ab" * 16,  # a short pattern
    b"correct horse battery staple!!!!",  # a typed password
], ids=["zero", "repeated", "sequence", "pattern", "password"])
def test_a_trivially_weak_secret_key_is_refused(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(SettingsError, match="JIUYE_SECRET_KEY"):
        load_settings({"JIUYE_VAR_DIR": str(tmp_path), "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(key).decode()})


def test_a_random_secret_key_is_taken(tmp_path: Path) -> None:
    assert len(load_settings({"JIUYE_VAR_DIR": str(tmp_path), "JIUYE_SECRET_KEY": RANDOM_KEY}).secret_key) == 32


def test_the_sms_token_needs_sixteen_characters(tmp_path: Path) -> None:
    env = {"JIUYE_VAR_DIR": str(tmp_path), "JIUYE_SECRET_KEY": RANDOM_KEY}
    with pytest.raises(SettingsError, match="JIUYE_SMS_INBOUND_TOKEN"):
        load_settings(env | {"JIUYE_SMS_INBOUND_TOKEN": "x"})
    assert load_settings(env | {"JIUYE_SMS_INBOUND_TOKEN": "x" * 16}).sms_inbound_token == "x" * 16


def test_a_short_wechat_token_is_a_warning_not_an_error(tmp_path: Path) -> None:
    from bot.settings import settings_warnings

    settings = load_settings({"JIUYE_VAR_DIR": str(tmp_path), "JIUYE_SECRET_KEY": RANDOM_KEY,
                              "JIUYE_WECHAT_TOKEN": "abc"})
    assert any("JIUYE_WECHAT_TOKEN" in w for w in settings_warnings(settings))
    long_enough = settings.replace(wechat_token="a" * 16)
    assert not any("JIUYE_WECHAT_TOKEN" in w for w in settings_warnings(long_enough))


@pytest.mark.parametrize(("env", "named"), [
    ({"JIUYE_WECHAT_COMPATIBLE_MODE": "sometimes"}, "JIUYE_WECHAT_COMPATIBLE_MODE"),
    ({"JIUYE_MAX_CONNECTIONS": "3"}, "JIUYE_MAX_CONNECTIONS"),
    ({"JIUYE_HEADER_TIMEOUT": "soon"}, "JIUYE_HEADER_TIMEOUT"),
    ({"JIUYE_BODY_TIMEOUT": "0"}, "JIUYE_BODY_TIMEOUT"),
])
def test_the_new_settings_are_validated(tmp_path: Path, env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load_settings({"JIUYE_VAR_DIR": str(tmp_path), **env})


async def test_the_server_header_does_not_name_aiohttp(client: Any, settings: Settings) -> None:
    resp = await client.get("/healthz")
    assert resp.headers["Server"] == "jiuye"
    assert "aiohttp" not in (await client.get("/no-such-page")).headers.get("Server", "")
