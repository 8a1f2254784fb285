"""What one check-in costs, part by part, in CPU time (steadier than rates on a shared machine): the dialog side
(`jiuye scheduler run-due` as a child, minus an empty run's start-up), the outbox worker alone (claim, a sender
that answers at once, settle), and the HTTP request (jiuye's WeChat client against a bare aiohttp client posting
the same JSON, both in one process pinned to one core, to the loopback WeChat API fake on the other).

    .venv/bin/python benchmarks/checkin_parts.py [--due 10000] [--rounds 2]

See benchmarks/README.md ("Check-ins", "Part by part").
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path

import aiohttp
from checkins import APP_ID, APP_SECRET, KEY, ROOT, Fake, fresh_sqlite, populate
from machine import describe
from sqlalchemy import text

from bot.clock import Clock
from bot.delivery import Attempt, OutboxWorker, OutgoingMessage, SendResult, SendStatus
from bot.wechat_api import WeChatApi
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.migrate import upgrade

TEXT = "您好! 您还在东莞的宏达电子厂上班吗?"


class InstantSender:
    channel = "wechat"

    async def send(self, message: OutgoingMessage) -> SendResult:
        return SendResult(SendStatus.SENT, external_id="1", via="custom", attempts=(Attempt("custom", "sent"),))


def run_due_cpu(url: str, workdir: Path) -> float:
    """CPU seconds (user + system) of `jiuye scheduler run-due` on this database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
        "JIUYE_DATABASE_URL": url, "JIUYE_VAR_DIR": str(workdir), "JIUYE_LOG_LEVEL": "WARNING",
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(KEY).decode(), "JIUYE_QUIET_HOURS": "00:00-23:59",
    }
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "scheduler", "run-due"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"run-due failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return usage.ru_utime + usage.ru_stime


async def dialog_and_outbox(workdir: Path, due: int, round_: int) -> tuple[float, float]:
    """µs of CPU per check-in: run-due's (start-up excluded), then the outbox worker's over what it queued."""
    empty = await fresh_sqlite(workdir, f"empty-{round_}.db")
    await populate(empty, 1, 0, datetime.now(UTC))
    url = await fresh_sqlite(workdir, f"due-{round_}.db")
    await populate(url, due, due, datetime.now(UTC))
    dialog = (run_due_cpu(url, workdir) - run_due_cpu(empty, workdir)) / due * 1e6
    engine = create_engine(url)
    try:
        worker = OutboxWorker(session_factory(engine), FieldCipher(KEY), Clock(), {"wechat": InstantSender()},
                              quiet_hours=(day_time(0, 0), day_time(23, 59)))
        # As `serve` and `run-due` do after start-up: what is loaded by now is not scanned by every full
        # collection (without it, a tenth of the worker's CPU here was the collector going over the imports).
        gc.collect()
        gc.freeze()
        start = time.process_time()
        while await worker.run_once():
            pass
        cpu = time.process_time() - start
        async with engine.connect() as conn:
            counted = await conn.execute(text("SELECT count(*) FROM outbox_message WHERE status = 'sent'"))
            sent = int(counted.scalar_one())
    finally:
        await engine.dispose()
    if sent != due:
        raise SystemExit(f"the outbox sent {sent} of {due}")
    return dialog, cpu / sent * 1e6


async def sends(workdir: Path, n: int, fake: Fake) -> list[tuple[str, float]]:
    """µs of CPU per message: a bare aiohttp post and WeChatApi.send_text, alternately, 50 at a time."""
    url = f"sqlite+aiosqlite:///{workdir / 'token.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    results: list[tuple[str, float]] = []
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50)) as http:
            api = WeChatApi(session_factory(engine), FieldCipher(KEY), Clock(), base_url=fake.url,
                            app_id=APP_ID, app_secret=APP_SECRET, holder="bench")
            token = await api.access_token()

            async def bare(i: int) -> None:
                body = json.dumps({"touser": f"o{i}", "msgtype": "text", "text": {"content": TEXT}},
                                  ensure_ascii=False).encode()
                async with http.post(fake.url + "/cgi-bin/message/custom/send", params={"access_token": token},
                                     data=body, headers={"Content-Type": "application/json; charset=utf-8"}) as r:
                    assert json.loads(await r.read())["errcode"] == 0

            async def jiuye(i: int) -> None:
                await api.send_text(f"o{i}", TEXT)

            ways: list[tuple[str, Callable[[int], Awaitable[None]]]] = [("bare aiohttp", bare), ("WeChatApi", jiuye)]
            for name, send in ways * 2:
                queue = iter(range(n))

                async def worker(send: Callable[[int], Awaitable[None]], queue: Iterator[int]) -> None:
                    for i in queue:
                        await send(i)

                start = time.process_time()
                await asyncio.gather(*(worker(send, queue) for _ in range(50)))
                results.append((name, (time.process_time() - start) / n * 1e6))
            await api.close()
    finally:
        await engine.dispose()
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {describe()}  load {os.getloadavg()[0]:.1f}", flush=True)
    if (os.cpu_count() or 0) >= 2:
        os.sched_setaffinity(0, {0})  # like `serve` in checkins.py; the fake runs on CPU 1
    workdir = Path(tempfile.mkdtemp(prefix="jiuye-parts-"))
    for round_ in range(args.rounds):
        dialog, outbox = await dialog_and_outbox(workdir, args.due, round_)
        print(f"  dialog side (run-due): {dialog:.0f} µs CPU per check-in; outbox worker: {outbox:.0f} µs per message",
              flush=True)
    fake = Fake(workdir)
    try:
        for name, cpu in await sends(workdir, args.due, fake):
            print(f"  HTTP request, {name}: {cpu:.0f} µs CPU per message", flush=True)
    finally:
        fake.stop()
    print(f"  load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    asyncio.run(main())
