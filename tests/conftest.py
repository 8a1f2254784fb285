"""Shared fixtures: a fresh database per test (SQLite file, or PostgreSQL from a migrated template),
settings, a controllable clock, and the application served on a real loopback port."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import settings as hypothesis_settings

from bot.app import create_app
from bot.clock import FrozenClock
from bot.settings import Settings
from storage.migrate import upgrade
from tests.fakes.wechat_api import FakeWeChatApi
from tests.fakes.wecom import FakeWeCom

# CI sets this to a PostgreSQL server URL (…/postgres); unset, tests run on SQLite.
PG_URL = os.environ.get("JIUYE_TEST_POSTGRES_URL", "")
# Per test session, so that concurrent sessions on one server do not drop each other's template.
TEMPLATE_DB = f"jiuye_test_template_{os.getpid()}"
# Fixed for the tests, and not weak (bot/settings.py weak_key): neither repeated, a sequence, nor text.
SECRET = bytes((i * 53 + 7) % 251 for i in range(32))


# The fuzz suite (tests/test_fuzz_endpoints.py, which bounds its own examples): derandomized under CI, so that a
# run is repeatable; never a database of examples written into the work tree.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", database=None, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_report_header() -> str:
    return f"jiuye database: {'postgresql' if PG_URL else 'sqlite'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, the tests that use the database under test: a test that never touches it (a pure dialog step,
    the evaluation harness on its own SQLite files) would only run a second time exactly as in the SQLite run
    (`.ci/run` runs both). Reported as deselected, with their number."""
    if not PG_URL:
        return
    kept, left = [], []
    for item in items:
        module = getattr(item, "module", None)
        names_pg = module is not None and "PG_URL" in vars(module)  # (a module that reaches the server itself)
        uses_database = {"database_url", "pg_template"} & set(getattr(item, "fixturenames", ()))
        (kept if uses_database or names_pg else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def _pg_dsn(database: str) -> str:
    base = PG_URL.replace("postgresql+asyncpg://", "postgresql://")
    return base.rsplit("/", 1)[0] + "/" + database


def _pg_sqlalchemy_url(database: str) -> str:
    return PG_URL.rsplit("/", 1)[0] + "/" + database


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """Migrate a template database once; every test clones it (fast) instead of migrating again."""
    if not PG_URL:
        yield None
        return

    async def prepare() -> None:
        conn = await asyncpg.connect(_pg_dsn("postgres"))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
        finally:
            await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(_pg_dsn("postgres"))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(prepare())
    upgrade(_pg_sqlalchemy_url(TEMPLATE_DB))
    yield TEMPLATE_DB
    asyncio.run(drop())


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once per test session; every test starts from a copy of the file (a copy
    costs about a millisecond, running the migrations about half a second)."""
    path = tmp_path_factory.mktemp("sqlite_template") / "jiuye.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    # The engine is disposed: everything is in the main file (a copy without its WAL would lose writes).
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path


@pytest.fixture
def database_url(tmp_path: Path, pg_template: str | None, request: pytest.FixtureRequest) -> Iterator[str]:
    if pg_template is None:
        path = tmp_path / "jiuye.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    name = f"jiuye_test_{uuid.uuid4().hex[:12]}"

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(_pg_dsn("postgres"))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield _pg_sqlalchemy_url(name)
    asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def clock() -> FrozenClock:
    # 10:00 in Shanghai: inside the default sending hours.
    return FrozenClock(datetime(2026, 11, 26, 2, 0, tzinfo=UTC))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        var_dir=tmp_path / "var",
        secret_key=SECRET,
        wechat_token="test-token",
        wechat_app_id="wx0000000000000000",
        simulator=True,
        wechat_replay_window=0,
        outbox_poll_interval=0.05,
    )


@pytest.fixture
async def make_client(clock: FrozenClock, database_url: str) -> AsyncIterator[object]:
    """Factory: serve an app built from given settings on 127.0.0.1 (random port); closed at teardown.

    It depends on `database_url` so that the apps close before the test database is dropped."""
    clients: list[TestClient[web.Request, web.Application]] = []

    async def make(settings: Settings, **kwargs: object) -> TestClient[web.Request, web.Application]:
        app = create_app(settings, clock=kwargs.pop("clock", clock), migrate=False, **kwargs)  # type: ignore[arg-type]
        client: TestClient[web.Request, web.Application] = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def client(make_client: object, settings: Settings) -> TestClient[web.Request, web.Application]:
    return await make_client(settings)  # type: ignore[operator, no-any-return]


@pytest.fixture
async def wechat_api() -> AsyncIterator[FakeWeChatApi]:
    """The loopback fake of WeChat's API servers (tests/fakes/wechat_api.py)."""
    fake = FakeWeChatApi()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def wecom(clock: FrozenClock) -> AsyncIterator[FakeWeCom]:
    """The loopback fake of WeCom group robots (tests/fakes/wecom.py), counting its per-minute limit on the
    tests' clock so that it and the service agree on what a minute is."""
    fake = FakeWeCom(clock=lambda: clock.now().timestamp())
    await fake.start()
    yield fake
    await fake.close()
