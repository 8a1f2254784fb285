"""`jiuye users add-admin` and `jiuye users set-password` as an operator runs them (the password on standard
input, never on the command line)."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import cli
from bot.console import auth
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.models import AuditLog, Caseworker, ConsoleLogin
from tests.conftest import SECRET


@pytest.fixture
def operator_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in list(__import__("os").environ):
        if name.startswith("JIUYE_") and not name.startswith("JIUYE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("JIUYE_DATABASE_URL", database_url)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    import base64

    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(SECRET).decode())
    return database_url


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(argv)


def test_an_administrator_is_added_then_given_a_password(
    operator_env: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    assert _run(["users", "add-admin", "139 0000 0099", "县人社局 王局"], "", monkeypatch) == 0
    assert "administrator" in capfd.readouterr().out
    assert _run(["users", "set-password", "13900000099"], "short\n", monkeypatch) == 1
    assert "at least 10 characters" in capfd.readouterr().err
    assert _run(["users", "set-password", "13900000099"], "a long enough one\n", monkeypatch) == 0
    assert "password set for 县人社局 王局 (admin)" in capfd.readouterr().out
    assert _run(["users", "set-password", "13911112222"], "a long enough one\n", monkeypatch) == 1
    assert "no caseworker with this phone number" in capfd.readouterr().err

    async def check() -> None:
        engine = create_engine(operator_env)
        sessions = session_factory(engine)
        try:
            async with sessions() as session:
                account = await session.scalar(select(Caseworker).where(Caseworker.role == "admin"))
                assert account is not None
                login = await session.get(ConsoleLogin, account.id)
                assert login is not None and login.password_hash.startswith("$argon2id$")
                assert "a long enough one" not in login.password_hash
                actions = list(await session.scalars(select(AuditLog.action).order_by(AuditLog.id)))
            assert actions == ["console_admin_added", "console_password_set"]
            outcome = await auth.login(sessions, FieldCipher(SECRET), phone_text="+8613900000099",
                                       password="a long enough one", address="127.0.0.1", now=account.imported_at)
            assert outcome.token is not None
        finally:
            await engine.dispose()

    asyncio.run(check())
