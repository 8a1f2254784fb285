"""Check-ins at scale: 100,000 due at once, sent through `jiuye serve` to the loopback WeChat API fake, beside a
bare aiohttp client sending as many to the same fake in the same run; RSS of a sweep as the roster grows;
one and two processes on PostgreSQL.

    .venv/bin/python benchmarks/checkins.py [--due 100000] [--roster 10000,100000,1000000]
        [--postgres postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres]

See benchmarks/README.md ("Check-ins") for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import describe  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from storage import repositories as repo  # noqa: E402
from storage.crypto import FieldCipher  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import ChannelAccount, Conversation, InfoForm, Person, ScheduledFire  # noqa: E402

APP_ID, APP_SECRET = "wxfake0000000001", "fake-app-secret-0123456789abcdef"
KEY = secrets.token_bytes(32)
CHUNK = 5000
PY = sys.executable


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pinned(cmd: list[str], cpu: str | None) -> list[str]:
    return ["taskset", "-c", cpu, *cmd] if cpu and shutil.which("taskset") and os.cpu_count() and os.cpu_count() >= 2 \
        else cmd  # type: ignore[operator]


# -- the population -------------------------------------------------------------------------------


async def populate(url: str, people: int, due: int, now: datetime, *, window: bool = True,
                   only_due_details: bool = False) -> None:
    """`people` employed laborers with a planned check-in each; the first `due` of them due now. With
    `only_due_details`, only the due ones get accounts and conversations (the roster test: the others
    exist as people, forms and plans, which is what a sweep could touch)."""
    cipher = FieldCipher(KEY)
    engine = create_engine(url)
    recorded = now - timedelta(days=14)
    state = repo.seal_state({"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                             "consent": {"given": True}, "survey": {"answers": {
                                 "employment_status": "employed", "employer": "宏达电子厂", "work_place": "东莞"}}},
                            cipher)
    try:
        for start in range(1, people + 1, CHUNK):
            ids = range(start, min(people, start + CHUNK - 1) + 1)
            detailed = [i for i in ids if i <= due or not only_due_details]
            async with engine.begin() as conn:
                await conn.execute(insert(Person), [{"id": i, "locale": "zh_CN", "created_at": recorded} for i in ids])
                if detailed:
                    await conn.execute(insert(ChannelAccount), [
                        {"person_id": i, "channel": "wechat", "address_hash": cipher.blind_index("wechat", f"o{i}"),
                         "address_enc": cipher.encrypt(f"o{i}"), "created_at": recorded,
                         "last_inbound_at": now - timedelta(hours=1) if window else recorded} for i in detailed])
                    await conn.execute(insert(Conversation), [
                        {"person_id": i, "state": state, "version": 1, "updated_at": recorded} for i in detailed])
                await conn.execute(insert(InfoForm), [
                    {"person_id": i, "name": "王小明", "employment_status": "employed",
                     "data": {"employer": "宏达电子厂", "work_place": "东莞"}, "status": "pending_review",
                     "source": "wechat", "updated_at": recorded} for i in ids])
                await conn.execute(insert(ScheduledFire), [
                    {"person_id": i, "kind": "checkin",
                     "due_date": now.date() if i <= due else now.date() + timedelta(days=1 + i % 30),
                     "due_at": now - timedelta(minutes=1) if i <= due else now + timedelta(days=1 + i % 30),
                     "status": "due", "attempts": 0, "deferrals": 0,
                     "data": {"status": "employed", "anchor": (recorded.date()).isoformat()}, "created_at": recorded}
                    for i in ids])
            if people >= 200_000 and start % 100_000 == 1:
                print(f"    populated {start + CHUNK - 1:,} / {people:,}", flush=True)
        # Statistics, as autovacuum would have them for tables that grew over months rather than in seconds.
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await engine.dispose()


async def fresh_sqlite(workdir: Path, name: str) -> str:
    url = f"sqlite+aiosqlite:///{workdir / name}"
    await asyncio.to_thread(migrate, url)
    return url


def migrate(url: str) -> None:
    """The measured checkout's schema (--source: its own migrations, which `serve` then finds current)."""
    if SOURCE == ROOT:
        upgrade(url)
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {"PYTHONPATH": str(SOURCE)}
    subprocess.run([PY, "-c", f"from storage.migrate import upgrade; upgrade({url!r})"], cwd=SOURCE, check=True,
                   env=env)


async def fresh_postgres(base: str, name: str) -> str:
    import asyncpg

    dsn = base.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = base.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url)
    return url


async def drop_postgres(base: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(base.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


# -- the fake and the clients -----------------------------------------------------------------------


class Fake:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (workdir / "fake.log").open("wb")
        self.proc = subprocess.Popen(pinned([PY, str(ROOT / "benchmarks" / "wechat_fake.py"), str(self.port)], "1"),
                                     stdout=subprocess.PIPE, stderr=self.log)
        assert self.proc.stdout is not None
        self.proc.stdout.readline()

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "/_stats", timeout=5) as resp:
            result: dict[str, Any] = json.loads(resp.read())
            return result

    def reset(self) -> None:
        urllib.request.urlopen(urllib.request.Request(self.url + "/_reset", method="POST"), timeout=5).close()

    def sent(self) -> int:
        return int(self.stats()["accepted"].get("/cgi-bin/message/custom/send", 0))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


BARE_CLIENT = r'''
import asyncio, json, sys, time
import aiohttp
url, n, conns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
async def main():
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=conns)) as http:
        async with http.post(url + "/cgi-bin/stable_token", json={"grant_type": "client_credential",
                "appid": "@APP_ID@", "secret": "@APP_SECRET@"}) as r:
            token = (json.loads(await r.read()))["access_token"]
        queue = iter(range(n))
        async def worker():
            for i in queue:
                text = {"content": "您好! 您还在东莞的宏达电子厂上班吗?"}
                body = json.dumps({"touser": f"o{i}", "msgtype": "text", "text": text}, ensure_ascii=False).encode()
                async with http.post(url + "/cgi-bin/message/custom/send", params={"access_token": token}, data=body,
                                     headers={"Content-Type": "application/json; charset=utf-8"}) as r:
                    assert json.loads(await r.read())["errcode"] == 0
        t = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(conns)))
        print(time.monotonic() - t)
asyncio.run(main())
'''.replace("@APP_ID@", APP_ID).replace("@APP_SECRET@", APP_SECRET)


def bare_client(fake: Fake, n: int, conns: int = 50) -> float:
    """Messages per second of a bare aiohttp client posting to the fake (pinned like the server)."""
    out = subprocess.run(pinned([PY, "-c", BARE_CLIENT, fake.url, str(n), str(conns)], "0"),
                         capture_output=True, check=True, text=True)
    return n / float(out.stdout.strip())


SOURCE = ROOT  # the checkout whose `jiuye serve` is measured (--source)
PREPARE = True  # check-ins prepared ahead, as a phase of their own, when the checkout can (--no-prepare)


def prepare_ahead(url: str, fake: Fake, workdir: Path, cpu: str | None, now: datetime, due: int) -> dict[str, Any]:
    """The preparation phase (`jiuye scheduler prepare`, a checkout that has it): the due check-ins prepared as
    they would be an hour before they fall due, in a process of its own pinned like `serve`. Its CPU is
    reported, start-up included and the preparation alone."""
    env = _env(url, fake, workdir)
    start = time.monotonic()
    proc = subprocess.Popen(pinned([PY, "-m", "bot.cli", "scheduler", "prepare", "--now",
                                    (now - timedelta(hours=1)).isoformat(), "--hours", "2"], cpu),
                            env=env, cwd=SOURCE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"prepare failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    prepared = int(out.split(": ", 1)[1].split(" prepared", 1)[0])
    alone = float(out.rsplit("(", 1)[1].split(" s CPU", 1)[0])
    return {"prepared": prepared, "seconds": time.monotonic() - start,
            "cpu_us": (usage.ru_utime + usage.ru_stime) / due * 1e6, "alone_us": alone / due * 1e6}


def _env(url: str, fake: Fake, workdir: Path, *, interval: float = 1.0) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {"PYTHONPATH": str(SOURCE)} | {
        "JIUYE_DATABASE_URL": url, "JIUYE_VAR_DIR": str(workdir), "JIUYE_LOG_LEVEL": "WARNING",
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(KEY).decode(), "JIUYE_WECHAT_TOKEN": "bench-token",
        "JIUYE_WECHAT_APP_ID": APP_ID, "JIUYE_WECHAT_APP_SECRET": APP_SECRET, "JIUYE_WECHAT_API_BASE": fake.url,
        "JIUYE_SCHEDULER_INTERVAL": str(interval), "JIUYE_SIMULATOR": "false",
        # All day: the benchmark must not depend on the hour it is run at.
        "JIUYE_QUIET_HOURS": "00:00-23:59",
    }


def serve(url: str, fake: Fake, workdir: Path, cpu: str | None, *, interval: float = 1.0) -> subprocess.Popen[bytes]:
    port = free_port()
    env = _env(url, fake, workdir, interval=interval)
    log = (workdir / f"serve-{port}.log").open("wb")
    return subprocess.Popen(pinned([PY, "-m", "bot.cli", "serve", "--port", str(port)], cpu), env=env, cwd=SOURCE,
                            stdout=log, stderr=subprocess.STDOUT)


def wait_for(fake: Fake, n: int, procs: list[subprocess.Popen[bytes]], timeout: float) -> float:
    """Seconds from now until the fake accepted `n` customer-service messages."""
    start = time.monotonic()
    while fake.sent() < n:
        if time.monotonic() - start > timeout:
            raise SystemExit(f"only {fake.sent():,} of {n:,} sent within {timeout:.0f} s")
        for p in procs:
            if p.poll() is not None:
                raise SystemExit(f"serve exited with {p.returncode}")
        time.sleep(0.1)
    return time.monotonic() - start


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident set (VmHWM), MiB; 0 when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


async def delivery(url: str, fake: Fake, workdir: Path, due: int, processes: int, label: str) -> dict[str, Any]:
    now = datetime.now(UTC)
    t = time.monotonic()
    await populate(url, due, due, now)
    print(f"  {label}: {due:,} people with a check-in due, populated in {time.monotonic() - t:.1f} s", flush=True)
    ahead: dict[str, Any] = {}
    if PREPARE and (SOURCE / "bot" / "prepared_checkins.py").exists():
        ahead = prepare_ahead(url, fake, workdir, "0" if processes == 1 else None, now, due)
        print(f"  prepared ahead: {ahead['prepared']:,} of {due:,} in {ahead['seconds']:.1f} s, "
              f"{ahead['cpu_us']:.0f} µs CPU per check-in (start-up included; the preparation alone "
              f"{ahead['alone_us']:.0f})", flush=True)
    fake.reset()
    cpus = ["0"] if processes == 1 else [None, None]
    procs = [serve(url, fake, workdir, cpus[i] if processes == 1 else None) for i in range(processes)]
    try:
        elapsed = wait_for(fake, due, procs, timeout=1800)
        cpu = sum(cpu_seconds(p.pid) for p in procs)
        rss = max(peak_rss_mib(p.pid) for p in procs)
        stats = fake.stats()
        await asyncio.sleep(1.0)  # anything sent twice would arrive now
        extra = fake.sent() - due
    finally:
        stop(procs)
    span = (stats["last"] or 0) - (stats["first"] or 0)
    return {"label": label, "due": due, "elapsed": elapsed, "rate": due / elapsed,
            "send_rate": due / span if span > 0 else 0.0, "cpu_us": cpu / due * 1e6, "duplicates": extra,
            "rss": rss, "ahead": ahead}


# -- RSS over roster sizes -------------------------------------------------------------------------


def run_due_rss(url: str, workdir: Path) -> tuple[float, float, str]:
    """Peak RSS (MiB) and seconds of `jiuye scheduler run-due` as a child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
        "JIUYE_DATABASE_URL": url, "JIUYE_VAR_DIR": str(workdir), "JIUYE_LOG_LEVEL": "WARNING",
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(KEY).decode(), "JIUYE_QUIET_HOURS": "00:00-23:59",
    }
    start = time.monotonic()
    proc = subprocess.Popen([PY, "-m", "bot.cli", "scheduler", "run-due"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"run-due failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return usage.ru_maxrss / 1024, time.monotonic() - start, out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--due", type=int, default=100_000)
    parser.add_argument("--roster", default="10000,100000,1000000")
    parser.add_argument("--roster-due", type=int, default=10_000)
    parser.add_argument("--postgres", default="")
    parser.add_argument("--pg-due", type=int, default=50_000)
    parser.add_argument("--skip", default="", help="comma-separated: delivery,roster,postgres")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the checkout whose `jiuye serve` is measured (default: this repository)")
    parser.add_argument("--no-prepare", action="store_true",
                        help="no preparation phase: every check-in takes the full path when due")
    args = parser.parse_args()
    global SOURCE, PREPARE
    SOURCE = args.source.resolve()
    PREPARE = not args.no_prepare
    skip = set(args.skip.split(",")) - {""}
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {describe()}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="jiuye-checkins-"))
    fake = Fake(workdir)
    results: list[dict[str, Any]] = []
    try:
        if "delivery" not in skip:
            print("delivery, SQLite:", flush=True)
            bare_before = bare_client(fake, args.due)
            url = await fresh_sqlite(workdir, "delivery.db")
            result = await delivery(url, fake, workdir, args.due, 1, "SQLite, 1 process")
            bare_after = bare_client(fake, args.due)
            bare = (bare_before + bare_after) / 2
            result["bare"] = bare
            results.append(result)
            print(f"  bare aiohttp client: {bare_before:,.0f} and {bare_after:,.0f} msg/s (before and after)")
            print(f"  jiuye: {result['rate']:,.0f} msg/s due→sent ({result['elapsed']:.1f} s), first→last send "
                  f"{result['send_rate']:,.0f} msg/s, {result['cpu_us']:.0f} µs CPU/msg, "
                  f"ratio {result['rate'] / bare:.2f} (sends only {result['send_rate'] / bare:.2f}), "
                  f"duplicates {result['duplicates']}, peak RSS {result['rss']:.0f} MiB", flush=True)
        if args.postgres and "postgres" not in skip:
            print("delivery, PostgreSQL:", flush=True)
            for processes in (1, 2):
                name = f"jiuye_bench_checkins_{processes}"
                url = await fresh_postgres(args.postgres, name)
                try:
                    result = await delivery(url, fake, workdir, args.pg_due, processes,
                                            f"PostgreSQL, {processes} process{'es' if processes > 1 else ''}")
                finally:
                    await drop_postgres(args.postgres, name)
                results.append(result)
                print(f"  {result['label']}: {result['rate']:,.0f} msg/s due→sent ({result['elapsed']:.1f} s), "
                      f"first→last {result['send_rate']:,.0f} msg/s, duplicates {result['duplicates']}", flush=True)
        if "roster" not in skip:
            print(f"roster sizes (run-due with {args.roster_due:,} due, SQLite):", flush=True)
            for size in (int(s) for s in args.roster.split(",")):
                url = await fresh_sqlite(workdir, f"roster-{size}.db")
                t = time.monotonic()
                await populate(url, size, min(args.roster_due, size), datetime.now(UTC), only_due_details=True)
                print(f"  {size:>9,} people populated in {time.monotonic() - t:.0f} s", flush=True)
                rss, seconds, out = run_due_rss(url, workdir)
                submitted = next((line.split(":")[1].strip() for line in out.splitlines()
                                  if "checkin submitted" in line), "0")
                print(f"  {size:>9,} people: peak RSS {rss:,.0f} MiB, run-due {seconds:.1f} s, "
                      f"{submitted} check-ins submitted", flush=True)
                (workdir / f"roster-{size}.db").unlink()
    finally:
        fake.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    asyncio.run(main())
