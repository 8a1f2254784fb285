"""SMS round trips per second through a real Kannel, beside Kannel's own ceiling measured in the same run.

    .venv/bin/python benchmarks/sms_roundtrip.py [--phones 200] [--rounds 5] [--ceiling 2000]
                                                 [--postgres postgresql+asyncpg://…/postgres] [--dlr]

1. starts Jiuye in this process (create_app, fresh SQLite database in a temporary directory, or a fresh
   PostgreSQL database with --postgres) on a loopback port, and a Kannel (bearerbox + smsbox + fake SMSC)
   configured like deploy/kannel/kannel.conf, with a socket client playing the phones;
2. ceiling: sends --ceiling messages straight to Kannel's sendsms (64 at a time) and times until the
   phones got them all (Kannel's MT path alone, no Jiuye);
3. round trips: --phones distinct numbers each send "人工" and wait for the reply, --rounds times
   (phone -> Kannel -> Jiuye get-url -> commit -> outbox -> sendsms -> Kannel -> phone);
4. prints both rates, their ratio, the machine and the command. Every reply is checked for its text and
   counted exactly once per message sent.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import os
import platform
import secrets
import shlex
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from machine import cpu_model

from bot.app import create_app
from bot.settings import Settings
from dialogs.i18n import catalog
from tests.fakes.kannel import (
    SENDSMS_PASSWORD,
    SENDSMS_USER,
    SHORT_CODE,
    KannelGateway,
    PhoneNetwork,
    Ports,
    Sms,
    free_port,
    get_url_for,
    kannel_available,
)

TOKEN = secrets.token_urlsafe(16)


async def fresh_postgres(url: str) -> str:
    import asyncpg

    name = f"jiuye_bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return url.rsplit("/", 1)[0] + "/" + name


class Phones:
    """Routes what the network delivers to one queue per receiving phone."""

    def __init__(self, network: PhoneNetwork) -> None:
        self.network = network
        self.queues: dict[str, asyncio.Queue[Sms]] = defaultdict(asyncio.Queue)
        self.total = 0
        self._task = asyncio.create_task(self._route())

    async def _route(self) -> None:
        while True:
            sms = await self.network.inbox.get()
            self.total += 1
            self.queues[sms.receiver].put_nowait(sms)

    async def close(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def ceiling(gateway: KannelGateway, phones: Phones, count: int) -> float:
    text = "您好, 这里是就业帮扶服务。"
    params = {"username": SENDSMS_USER, "password": SENDSMS_PASSWORD, "from": SHORT_CODE, "text": text,
              "charset": "utf-8", "coding": "2"}
    receivers = [f"+86137{i:08d}" for i in range(count)]
    start = time.perf_counter()
    sem = asyncio.Semaphore(64)
    async with aiohttp.ClientSession() as http:
        async def send(to: str) -> None:
            async with sem, http.get(gateway.sendsms_url, params={**params, "to": to}) as resp:
                assert resp.status == 202, await resp.text()

        await asyncio.gather(*(send(to) for to in receivers))
    for to in receivers:
        sms = await asyncio.wait_for(phones.queues[to].get(), 60)
        assert sms.text == text
    return count / (time.perf_counter() - start)


async def round_trips(phones: Phones, count: int, rounds: int) -> float:
    expected = catalog("zh_CN").get("common.human_requested", "sms")
    numbers = [f"1390{i:07d}" for i in range(count)]

    async def phone(number: str) -> None:
        for _ in range(rounds):
            await phones.network.send(number, "人工")
            sms = await asyncio.wait_for(phones.queues["+86" + number].get(), 120)
            assert sms.text == expected, sms.text

    start = time.perf_counter()
    await asyncio.gather(*(phone(n) for n in numbers))
    return count * rounds / (time.perf_counter() - start)


async def main(args: argparse.Namespace) -> None:
    if not kannel_available():
        sys.exit("Kannel is not installed: run .ci/install-kannel.sh")
    logging.basicConfig(level=logging.ERROR)
    workdir = Path(tempfile.mkdtemp(prefix="jiuye-sms-bench-"))
    ports, app_port = Ports.pick(), free_port()
    database = await fresh_postgres(args.postgres) if args.postgres else f"sqlite+aiosqlite:///{workdir}/jiuye.db"
    settings = Settings(
        database_url=database, var_dir=workdir / "var",
        secret_key=base64.urlsafe_b64decode(base64.urlsafe_b64encode(secrets.token_bytes(32))),
        simulator=False, sms_inbound_token=TOKEN,
        sms_kannel_sendsms_url=f"http://127.0.0.1:{ports.sendsms}/cgi-bin/sendsms",
        sms_kannel_username=SENDSMS_USER, sms_kannel_password=SENDSMS_PASSWORD, sms_sender=SHORT_CODE,
        sms_dlr_base_url=f"http://127.0.0.1:{app_port}" if args.dlr else "",
        sms_send_rate=args.rate, outbox_poll_interval=0.5, log_level="ERROR",
    )
    runner = web.AppRunner(create_app(settings), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", app_port, backlog=2048).start()
    gateway = KannelGateway(workdir / "kannel", get_url_for(f"http://127.0.0.1:{app_port}", TOKEN), ports)
    await gateway.start()
    network = PhoneNetwork(ports.smsc)
    await network.connect()
    for _ in range(200):  # MT handed over before Kannel registers the client would be lost to nobody
        if "(online" in await gateway.smsc_status():
            break
        await asyncio.sleep(0.05)
    phones = Phones(network)
    try:
        kannel_rate = await ceiling(gateway, phones, args.ceiling)
        trip_rate = await round_trips(phones, args.phones, args.rounds)
        await asyncio.sleep(1.0)
        assert phones.total == args.ceiling + args.phones * args.rounds, "a message arrived twice"
    finally:
        await phones.close()
        await network.close()
        await gateway.stop(graceful=False)
        await runner.cleanup()
    print(f"command:       {shlex.join([sys.executable, *sys.argv])}")
    print(f"machine:       nproc={os.cpu_count()}  cpu={cpu_model()}  python={platform.python_version()}")
    print(f"database:      {'postgresql' if args.postgres else 'sqlite'}   delivery reports: "
          f"{'on' if args.dlr else 'off'}   send rate limit: {args.rate:g}/s")
    print(f"kannel MT ceiling (sendsms -> fake SMSC), {args.ceiling} msgs: {kannel_rate:8.1f} msg/s")
    print(f"round trips (phone -> Kannel -> Jiuye -> Kannel -> phone), {args.phones} phones x "
          f"{args.rounds}: {trip_rate:8.1f} /s")
    print(f"ratio round trips / ceiling: {trip_rate / kannel_rate:.2f}")


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ceiling", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=5000.0, help="JIUYE_SMS_SEND_RATE for the run")
    parser.add_argument("--postgres", default="", help="server URL (…/postgres); a fresh database is made")
    parser.add_argument("--dlr", action="store_true", help="ask for delivery reports (more database writes)")
    asyncio.run(main(parser.parse_args()))
