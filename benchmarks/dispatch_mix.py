"""CPU per message through the dispatcher in process, with the /wechat load test's message mix (no HTTP):
a quick way to see what dialogs and effects cost, and to compare two checkouts in one sitting. The alert
worker runs beside the dispatcher, as in `jiuye serve`, where the checkout has one.

    .venv/bin/python benchmarks/dispatch_mix.py [--messages 12000] [--source DIR ...] [--profile]

Each source runs in its own process (a fresh SQLite database, WAL, synchronous=FULL), 64 messages in
flight from 5,000 users; the first quarter of the messages warms up and is not counted. With several
--source directories they run in turn, twice each (ABAB), so that a drifting machine shows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import asyncio, cProfile, os, pstats, random, sys, tempfile, time, uuid
from datetime import UTC, datetime
sys.path[:0] = [os.environ["SRC"], os.environ["SRC"] + "/benchmarks"]
from wechat_load import TEXTS
from bot.clock import Clock
from bot.dispatcher import Dispatcher
from dialogs import nlu
from dialogs.types import Inbound
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.migrate import upgrade


async def main() -> None:
    url = f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/jiuye.db"
    await asyncio.to_thread(upgrade, url)
    nlu.warm_up()
    engine = create_engine(url)
    sessions, cipher = session_factory(engine), FieldCipher(b"k" * 32)
    workers = []
    try:  # as `jiuye serve` runs it beside the dispatcher, where the checkout has one
        import aiohttp
        from bot.casework.wecom import WeComRobot
        from bot.casework.worker import AlertWorker
        http = aiohttp.ClientSession()
        workers.append(AlertWorker(sessions, cipher, Clock(), WeComRobot(http)))
    except ImportError:
        http = None
    dispatcher = Dispatcher(sessions, cipher, Clock(), on_queued=lambda: [w.wake() for w in workers])
    dispatcher.start()
    for worker in workers:
        worker.start()
    rng = random.Random(20261126)
    texts, weights = [t for t, _ in TEXTS], [w for _, w in TEXTS]
    n = int(os.environ["MESSAGES"])
    messages = [(f"user{rng.randrange(5000)}", rng.choices(texts, weights)[0]) for _ in range(n)]
    gate = asyncio.Semaphore(64)

    async def one(user: str, text: str) -> None:
        async with gate:
            await dispatcher.submit(Inbound(channel="wechat", address=user, kind="text",
                                            dedup_key=uuid.uuid4().hex, received_at=datetime.now(UTC),
                                            text=text, transport="wechat"))

    warm = n // 4
    await asyncio.gather(*(one(u, t) for u, t in messages[:warm]))
    profile = cProfile.Profile() if os.environ.get("PROFILE") else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profile:
        profile.enable()
    await asyncio.gather(*(one(u, t) for u, t in messages[warm:]))
    if profile:
        profile.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    counted = n - warm
    print(f"{os.environ['SRC']}: {counted} messages, {counted / wall:,.0f} msg/s, "
          f"CPU {cpu / counted * 1e6:,.0f} us/msg (all threads)")
    await dispatcher.stop()
    for worker in workers:
        await worker.stop()
    if http is not None:
        await http.close()
    await engine.dispose()
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


asyncio.run(main())
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=12000)
    parser.add_argument("--source", type=Path, action="append", help="a checkout to measure (default: this one)")
    parser.add_argument("--profile", action="store_true", help="print the 30 costliest functions")
    args = parser.parse_args()
    sources = [s.resolve() for s in (args.source or [ROOT])]
    rounds = 2 if len(sources) > 1 else 1
    for _ in range(rounds):
        for source in sources:
            env = os.environ | {"SRC": str(source), "MESSAGES": str(args.messages),
                                "PROFILE": "1" if args.profile else ""}
            subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, cwd=source)
    return 0


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    raise SystemExit(main())
