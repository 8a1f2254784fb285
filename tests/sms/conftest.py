"""The SMS world for end-to-end tests: Jiuye on a fixed loopback port, a real Kannel with a fake SMSC,
and the phones on the fake SMSC's socket. One gateway per test (the fake SMSC serves one client)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot import keys
from bot.app import create_app
from bot.clock import FrozenClock
from bot.settings import Settings
from tests.fakes.kannel import (
    SENDSMS_PASSWORD,
    SENDSMS_USER,
    SHORT_CODE,
    KannelGateway,
    PhoneNetwork,
    Ports,
    free_ports,
    get_url_for,
    kannel_available,
)

TOKEN = "kannel-inbound-test-token"
T = TypeVar("T")


def require_kannel() -> None:
    if kannel_available():
        return
    message = "Kannel (bearerbox, smsbox) is not installed: run .ci/install-kannel.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def sms_settings(settings: Settings, app_port: int, ports: Ports, **changes: Any) -> Settings:
    return settings.replace(
        sms_inbound_token=TOKEN,
        sms_kannel_sendsms_url=f"http://127.0.0.1:{ports.sendsms}/cgi-bin/sendsms",
        sms_kannel_username=SENDSMS_USER,
        sms_kannel_password=SENDSMS_PASSWORD,
        sms_sender=SHORT_CODE,
        sms_dlr_base_url=f"http://127.0.0.1:{app_port}",
        sms_send_rate=1000.0,
        outbox_poll_interval=0.05,
        **changes,
    )


@dataclass
class SmsWorld:
    app: web.Application
    client: TestClient[web.Request, web.Application]
    gateway: KannelGateway
    phones: PhoneNetwork
    clock: FrozenClock

    async def connect_phones(self) -> None:
        self.phones = PhoneNetwork(self.gateway.ports.smsc)
        await self.phones.connect()
        # MT handed over before Kannel registers the client would go to the previous one.
        await eventually(self.gateway.smsc_status, lambda line: "(online" in line)

    async def disconnect_phones(self) -> None:
        await self.phones.close()
        await eventually(self.gateway.smsc_status, lambda line: "(re-connecting" in line)

    async def restart_gateway(self) -> None:
        await self.gateway.start()
        await self.connect_phones()

    async def inject_mo(self, sender: str, text: str, message_id: str) -> int:
        """What Kannel's get-url call looks like, made directly (for when the gateway is down)."""
        resp = await self.client.get("/sms/kannel", params={
            "token": TOKEN, "from": sender, "to": SHORT_CODE, "text": text, "coding": "0", "charset": "UTF-8",
            "id": message_id, "ts": "1795688014",
        })
        return resp.status


async def eventually(probe: Callable[[], Awaitable[T]], check: Callable[[T], bool], timeout: float = 20.0) -> T:
    """Poll until `check(value)` holds (the gateway and the worker run on their own); fail with the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = await probe()
        if check(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout}s; last value: {value!r}")
        await asyncio.sleep(0.05)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test item, so that a fixture can tell in its teardown that the test
    failed (the gateway's logs are then printed: a message that never arrived says why only there)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
async def sms_world(
    settings: Settings, clock: FrozenClock, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[SmsWorld]:
    require_kannel()
    app_port, *gateway_ports = free_ports(5)  # all distinct
    ports = Ports(*gateway_ports)
    app = create_app(sms_settings(settings, app_port, ports), clock=clock, migrate=False)
    client: TestClient[web.Request, web.Application] = TestClient(TestServer(app, host="127.0.0.1", port=app_port))
    await client.start_server()
    gateway = KannelGateway(tmp_path / "kannel", get_url_for(f"http://127.0.0.1:{app_port}", TOKEN), ports)
    world: SmsWorld | None = None
    try:
        await gateway.start()
        world = SmsWorld(app, client, gateway, PhoneNetwork(ports.smsc), clock)
        await world.connect_phones()
        yield world
        failed = getattr(request.node, "report_call", None)
        if failed is not None and failed.failed:
            print(gateway.log_tail())
    except BaseException:
        print(gateway.log_tail())
        raise
    finally:
        if world is not None:
            await world.phones.close()
        await gateway.stop(graceful=False)
        await client.close()


def sessions(world: SmsWorld) -> Any:
    return world.app[keys.SESSIONS]
