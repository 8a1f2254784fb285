"""Tokens: made once and shown once, only a SHA-256 kept; no token, an unknown or a revoked one is 401 with a
Bearer challenge; a scope the token lacks is 403; `jiuye api-tokens create/list/revoke` as an operator runs them."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot import cli, keys
from bot.export_file import effective_user
from storage import api_tokens
from storage.db import create_engine
from storage.models import AuditLog, IntegrationToken
from tests.api.conftest import Api, MakeToken
from tests.conftest import SECRET
from tests.console.world import A, World

VACANCY = {"title": "保安", "employer": "盛安物业", "kind": "factory", "division": A}


async def test_only_the_hash_is_stored_and_the_token_works_until_revoked(api: Api, world: World,
                                                                          make_token: MakeToken) -> None:
    token = await make_token("nat-sys", (A,))
    app = api.client.server.app
    async with app[keys.SESSIONS]() as session:
        [row] = list(await session.scalars(select(IntegrationToken)))
        # No column of the table holds the token itself.
        dump = " ".join(str(v) for v in (await session.execute(text("SELECT * FROM integration_token"))).one())
    assert token not in dump and token[3:] not in dump
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and row.last_used_at is None
    assert (await api.get("/api/v1/people", token))[0] == 200
    async with app[keys.SESSIONS]() as session:
        used = await session.scalar(select(IntegrationToken.last_used_at))
    assert used == app[keys.CLOCK].now()
    async with app[keys.SESSIONS]() as session, session.begin():
        await api_tokens.revoke(session, "nat-sys", now=app[keys.CLOCK].now())
    status, body, headers = await api.get("/api/v1/people", token)
    assert (status, body["error"]) == (401, "invalid_token")
    assert headers["WWW-Authenticate"].startswith("Bearer")


NOT_TOKENS = [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer jy_unknown", "Bearer " + "x" * 5000,
              "Token jy_abc"]


async def test_no_valid_token_is_401_with_a_bearer_challenge(api: Api, world: World) -> None:
    for authorization in NOT_TOKENS:
        headers = {} if authorization is None else {"Authorization": authorization}
        for path in ("/api/v1/people", f"/api/v1/people/{world.people['a'].person_id}", "/api/v1/applications"):
            status, body, answer = await api.get(path, None, headers=headers)
            assert status == 401 and body["error"] in ("unauthorized", "invalid_token"), (authorization, body)
            assert answer["WWW-Authenticate"].startswith('Bearer realm="jiuye"')
            assert world.people["a"].name not in str(body)
        status, _, _ = await api.call("PUT", "/api/v1/vacancies/V9", None, headers=headers, json=VACANCY)
        assert status == 401


async def test_a_scope_the_token_lacks_is_403(api: Api, world: World, make_token: MakeToken) -> None:
    reader = await make_token("reader", (A,), "read")
    writer = await make_token("writer", (A,), "write")
    status, body, headers = await api.call("PUT", "/api/v1/vacancies/V9", reader, json=VACANCY)
    assert (status, body["error"]) == (403, "insufficient_scope")
    assert 'scope="write"' in headers["WWW-Authenticate"]
    assert (await api.get("/api/v1/cases", writer))[0] == 403
    assert (await api.call("PUT", "/api/v1/vacancies/V9", writer, json=VACANCY))[0] == 201


@pytest.fixture
def operator_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in list(os.environ):
        if name.startswith("JIUYE_") and not name.startswith("JIUYE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("JIUYE_DATABASE_URL", database_url)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(SECRET).decode())
    return database_url


def test_the_operator_commands(operator_env: str, capfd: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["api-tokens", "create", "--name", "nat-sys", "--divisions", "520526, 5205",
                     "--scopes", "read,write"]) == 0
    out, err = capfd.readouterr()
    token = out.strip()
    assert token.startswith("jy_") and len(token) > 40 and "shown only now" in err
    assert cli.main(["api-tokens", "create", "--name", "nat-sys", "--divisions", "52"]) == 1
    assert "exists already" in capfd.readouterr().err
    assert cli.main(["api-tokens", "create", "--name", "x", "--divisions", "999999"]) == 2
    assert "unknown division" in capfd.readouterr().err
    assert cli.main(["api-tokens", "create", "--name", "x", "--divisions", "52", "--scopes", "admin"]) == 2
    assert "scopes must be" in capfd.readouterr().err
    assert cli.main(["api-tokens", "list"]) == 0
    # The county and a township inside it: the township is already covered.
    assert capfd.readouterr().out.split("\t")[:3] == ["nat-sys", "5205", "read,write"]
    assert cli.main(["api-tokens", "revoke", "nat-sys"]) == 0
    assert cli.main(["api-tokens", "revoke", "nat-sys"]) == 1
    assert "no active token" in capfd.readouterr().err
    assert cli.main(["api-tokens", "list"]) == 0
    assert "revoked" in capfd.readouterr().out


def test_granting_full_numbers_is_audited_under_the_operator(operator_env: str,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    """`--scopes read,unmasked` is an operator's grant, recorded like `jiuye export --unmasked`: who, for which
    token and divisions."""
    assert cli.main(["api-tokens", "create", "--name", "nat-ids", "--divisions", "520526",
                     "--scopes", "read,unmasked"]) == 0
    assert cli.main(["api-tokens", "create", "--name", "plain", "--divisions", "520526"]) == 0
    capfd.readouterr()

    async def audited() -> list[tuple[str, str, str]]:
        engine = create_engine(operator_env)
        try:
            async with engine.connect() as conn:
                rows = await conn.execute(select(AuditLog.actor, AuditLog.action, AuditLog.detail))
                return [(r.actor, r.action, r.detail) for r in rows]
        finally:
            await engine.dispose()

    [(actor, action, detail)] = asyncio.run(audited())
    assert (actor, action) == (effective_user(), "api_token_unmasked")
    assert json.loads(detail) == {"token": "nat-ids", "divisions": ["520526"]}
