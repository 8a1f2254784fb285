"""The console under load: the inbox and the coverage page of a county (50,000 people, 5,000 open cases) with 20
caseworkers at once, against `jiuye serve`; beside `/healthz` of the same server under the same load (the
HTTP stack, the client and the machine: the baseline of the same run).

Run:
    .venv/bin/python benchmarks/console_load.py                                   # SQLite, a county
    .venv/bin/python benchmarks/console_load.py --people 2000000 --cases 200000 --counties 40 \
        --postgres postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres   # PostgreSQL, a province

Data are written in bulk (Core inserts), not through the dialog: people with forms and roster entries spread
over townships, open cases with first-contact tasks, alerts, one caseworker per township and a supervisor per
county. Each of the 20 clients signs in as a township caseworker (one as the county supervisor), then asks for
its inbox and the coverage page in turn for `--duration` seconds, pausing `--think` seconds on average between
pages as a person reading them does (0: back to back, the saturation figure); the figures are per page, over
all clients, and for the supervisor's alone (the county's coverage is the largest page).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import asyncpg
from argon2 import PasswordHasher
from machine import describe
from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.crypto import FieldCipher  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import (  # noqa: E402
    Alert,
    AssistanceCase,
    Caseworker,
    CaseworkerDivision,
    CaseworkTask,
    ConsoleLogin,
    InfoForm,
    Person,
    RosterEntry,
)

SECRET = bytes((i * 53 + 7) % 251 for i in range(32))
PASSWORD = "benchmark password 1"
TOWNSHIPS = 30
NOW = datetime.now(UTC)
CHUNK = 5000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


COUNTIES_PER_PREFECTURE = 9
PROVINCE = "52"


def _county(i: int) -> str:
    """The i-th county: nine to a prefecture (5205: 520526 … 520534, then 5206 …), as a province has them."""
    return f"{PROVINCE}{5 + i // COUNTIES_PER_PREFECTURE:02d}{26 + i % COUNTIES_PER_PREFECTURE:02d}"


def _phone(county: int, township: int) -> str:
    return f"+86139{county:03d}{township:05d}"


PROVINCE_PHONE = "+8613799999999"


def sign_in_phones(province: bool = False) -> list[str]:
    """The accounts the clients sign in with: the first county's supervisor, then its township caseworkers;
    with `province`, the province's supervisor second (client 1)."""
    caseworkers = [_phone(0, t) for t in range(TOWNSHIPS)]
    return [_phone(0, TOWNSHIPS), *([PROVINCE_PHONE] if province else []), *caseworkers]


def _home(townships: list[str], person: int) -> str:
    """A person's township, spread evenly and the same whenever asked (no table of 2,000,000 homes)."""
    return townships[(person * 2654435761) % 4294967291 % len(townships)]


async def _bulk(conn: object, table: object, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(table), rows[start:start + CHUNK])  # type: ignore[attr-defined]


async def generate(url: str, people: int, cases: int, counties: int) -> list[str]:
    """The data set; returns the phones of the accounts the clients sign in with (the first is a supervisor)."""
    cipher = FieldCipher(SECRET)
    rng = random.Random(7)
    password_hash = PasswordHasher().hash(PASSWORD)
    id_enc = cipher.encrypt("520526198505010116")
    engine = create_engine(url)
    phones: list[str] = []
    started = time.perf_counter()
    async with engine.begin() as conn:
        caseworkers: list[dict[str, object]] = []
        divisions: list[dict[str, object]] = []
        logins: list[dict[str, object]] = []
        owner_of: dict[str, int] = {}
        next_id = 1
        for c in range(counties):
            county = _county(c)
            for t in range(TOWNSHIPS + 1):
                phone = _phone(c, t)
                role = "supervisor" if t == TOWNSHIPS else "caseworker"
                code = county if role == "supervisor" else f"{county}{100 + t}"
                caseworkers.append({"id": next_id, "name": f"干部{c}-{t}", "phone_enc": cipher.encrypt(phone),
                                    "phone_hash": cipher.blind_index("phone", phone), "role": role,
                                    "fallback": False, "active": True, "imported_at": NOW})
                divisions.append({"caseworker_id": next_id, "division": code})
                logins.append({"caseworker_id": next_id, "password_hash": password_hash, "password_set_at": NOW,
                               "failed_logins": 0})
                owner_of[code] = next_id
                if c == 0:
                    phones.append(phone)
                next_id += 1
        # The province's supervisor (the provincial HR department): every county below it.
        caseworkers.append({"id": next_id, "name": "省级主管", "phone_enc": cipher.encrypt(PROVINCE_PHONE),
                            "phone_hash": cipher.blind_index("phone", PROVINCE_PHONE), "role": "supervisor",
                            "fallback": False, "active": True, "imported_at": NOW})
        divisions.append({"caseworker_id": next_id, "division": PROVINCE})
        logins.append({"caseworker_id": next_id, "password_hash": password_hash, "password_set_at": NOW,
                       "failed_logins": 0})
        await _bulk(conn, Caseworker.__table__, caseworkers)
        await _bulk(conn, CaseworkerDivision.__table__, divisions)
        await _bulk(conn, ConsoleLogin.__table__, logins)
        statuses = ("employed", "unemployed", "unable")
        townships = [f"{_county(c)}{100 + t}" for c in range(counties) for t in range(TOWNSHIPS)]
        for start in range(0, people, 50_000):
            count = min(50_000, people - start)
            ids = range(start + 1, start + count + 1)
            homes = {i: _home(townships, i) for i in ids}
            await _bulk(conn, Person.__table__, [{"id": i, "locale": "zh_CN", "created_at": NOW, "simulated": False}
                                                 for i in ids])
            await _bulk(conn, InfoForm.__table__, [
                {"person_id": i, "name": f"劳动力{i}", "home_division": homes[i], "status": "pending_review",
                 "employment_status": statuses[i % 3], "data": {}, "source": "wechat", "updated_at": NOW}
                for i in ids if i % 10])  # nine in ten surveyed
            await _bulk(conn, RosterEntry.__table__, [
                {"name": f"劳动力{i}", "id_number_enc": id_enc, "id_number_hash": f"h{i}", "home_division": homes[i],
                 "person_id": i, "imported_at": NOW} for i in ids])
        case_rows, task_rows, alert_rows = [], [], []
        body = cipher.encrypt("【一对一帮扶】王*红 失业，请联系")
        for n in range(1, cases + 1):
            person = rng.randrange(1, people + 1)
            home = _home(townships, person)  # where the laborer lives: their township's caseworker owns it
            owner = owner_of[home]
            due = NOW + timedelta(hours=rng.randrange(-72, 72))
            case_rows.append({"id": n, "person_id": person, "kind": "assistance", "caseworker_id": owner,
                              "home_division": home, "status": "open", "opened_at": NOW - timedelta(days=2),
                              "first_contact_due": due, "package": {"job_referrals": 3, "days": 30},
                              "package_due": NOW + timedelta(days=28)})
            task_rows.append({"kind": "first_contact", "person_id": person, "case_id": n, "caseworker_id": owner,
                              "home_division": home, "reason": "new_case", "due_at": due,
                              # Past due: marked as the scheduler's sweep leaves it (it is off during the run).
                              "status": "overdue" if due < NOW else "open", "created_at": NOW,
                              "dedup_key": f"first_contact:{n}"})
            alert_rows.append({"caseworker_id": owner, "kind": "new_case", "person_id": person, "case_id": n,
                               "home_division": home, "body_enc": body, "status": "sent", "attempts": 1,
                               "next_attempt_at": NOW, "created_at": NOW})
        await _bulk(conn, AssistanceCase.__table__, case_rows)
        await _bulk(conn, CaseworkTask.__table__, task_rows)
        await _bulk(conn, Alert.__table__, alert_rows)
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "postgresql":
            for table in ("person", "info_form", "roster_entry", "assistance_case", "casework_task", "alert"):
                await conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT max(id) FROM {table}))"))
            # As autovacuum would leave a table loaded long ago: statistics, and the visibility map that lets
            # the division indexes answer counts without reading the table.
            await conn.execute(text("VACUUM ANALYZE"))
        else:
            await conn.execute(text("ANALYZE"))
    await engine.dispose()
    print(f"data: {people:,} people, {cases:,} open cases, {counties} counties, {len(caseworkers)} accounts "
          f"in {time.perf_counter() - started:.0f} s")
    return phones


async def _sign_in(http: aiohttp.ClientSession, base: str, phone: str) -> None:
    async with http.get(f"{base}/console/login") as resp:
        page = await resp.text()
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    async with http.post(f"{base}/console/login", data={"csrf": csrf, "phone": phone, "password": PASSWORD},
                         allow_redirects=False) as resp:
        assert resp.status == 303, resp.status


async def load(base: str, phones: list[str], concurrency: int, duration: float, paths: list[str],
               think: float = 0.0, province: bool = False) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors = 0
    clients = []
    for i in range(concurrency):
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        await _sign_in(http, base, phones[i % len(phones)])
        clients.append(http)

    async def worker(http: aiohttp.ClientSession, offset: int) -> None:
        nonlocal errors
        rng = random.Random(offset)
        await asyncio.sleep(rng.uniform(0, think))  # people do not all click at the same instant
        n = offset
        end = time.perf_counter() + duration
        while time.perf_counter() < end:
            path = paths[n % len(paths)]
            n += 1
            start = time.perf_counter()
            async with http.get(base + path, allow_redirects=False) as resp:
                await resp.read()
                if resp.status != 200:
                    errors += 1
            took = (time.perf_counter() - start) * 1000
            timings[path].append(took)
            if offset == 0 and path != "/healthz":  # the county's supervisor: the whole county's coverage
                timings[f"{path} (supervisor)"].append(took)
            if offset == 1 and province and path != "/healthz":  # the province's: every county's
                timings[f"{path} (province)"].append(took)
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    try:
        await asyncio.gather(*(worker(http, i) for i, http in enumerate(clients)))
    finally:
        for http in clients:
            await http.close()
    if errors:
        print(f"  {errors} answers were not 200")
    return timings


def report(label: str, timings: dict[str, list[float]], duration: float) -> None:
    print(f"  {label}: load average {os.getloadavg()[0]:.1f} at the end (other work on the machine)")
    for path, values in timings.items():
        ordered = sorted(values)

        def p(q: float, ordered: list[float] = ordered) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

        print(f"  {label:16} {path:31} n={len(values):6}  {len(values) / duration:7.1f}/s  p50 {p(0.5):7.1f} ms  "
              f"p95 {p(0.95):7.1f} ms  p99 {p(0.99):7.1f} ms  mean {statistics.fmean(values):6.1f} ms")


def serve(url: str, port: int, tmp: str, *, reuse: bool = False) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env |= {"JIUYE_DATABASE_URL": url, "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(SECRET).decode(),
            "JIUYE_VAR_DIR": tmp, "JIUYE_LOG_LEVEL": "WARNING", "JIUYE_CONSOLE_SECURE_COOKIES": "false",
            # The pages are measured, not the sweep of the generated data's due work.
            "JIUYE_SCHEDULER_INTERVAL": "0"}
    command = [str(ROOT / ".venv/bin/jiuye"), "serve", "--port", str(port), *(["--reuse-port"] if reuse else [])]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.time() + 120
    import urllib.request

    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("jiuye serve did not become ready")


async def _pg_database(url: str) -> tuple[str, str]:
    name = f"jiuye_console_bench_{uuid.uuid4().hex[:8]}"
    dsn = url.replace("postgresql+asyncpg://", "postgresql://").rsplit("/", 1)[0]
    conn = await asyncpg.connect(dsn + "/postgres")
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return url.rsplit("/", 1)[0] + "/" + name, name


async def _pg_drop(url: str, name: str) -> None:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://").rsplit("/", 1)[0]
    conn = await asyncpg.connect(dsn + "/postgres")
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--counties", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a person's pages (0: none)")
    parser.add_argument("--processes", type=int, default=1, help="jiuye serve processes sharing the port")
    parser.add_argument("--postgres", help="a PostgreSQL server URL (…/postgres): a fresh database is made there")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database made (its URL is printed)")
    parser.add_argument("--database", help="measure a database a --keep run made (no new data)")
    parser.add_argument("--province", action="store_true",
                        help="client 1 is the province's supervisor (its pages reported apart)")
    parser.add_argument("--runs", default="think,saturation",
                        help="which runs: think (with --think pauses), saturation (none), or both")
    parser.add_argument("--pages", default="/console/,/console/coverage",
                        help="the console pages each client asks for in turn (comma-separated paths)")
    args = parser.parse_args()
    print(describe(), time.strftime("%Y-%m-%d %H:%M"), " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        name = ""
        if args.database:
            url = args.database
        elif args.postgres:
            url, name = asyncio.run(_pg_database(args.postgres))
        else:
            url = f"sqlite+aiosqlite:///{tmp}/console.db"
        try:
            if not args.database:
                upgrade(url)
                asyncio.run(generate(url, args.people, args.cases, args.counties))
            phones = sign_in_phones(args.province)
            port = _port()
            procs = [serve(url, port, tmp, reuse=args.processes > 1) for _ in range(args.processes)]
            try:
                base = f"http://127.0.0.1:{port}"
                pages = args.pages.split(",")
                runs = {"think": args.think, "saturation": 0.0}
                for think in dict.fromkeys(runs[r] for r in args.runs.split(",")):
                    label = f"think {think:g} s"
                    report(f"{label}: base", asyncio.run(load(base, phones, args.concurrency, args.duration,
                                                               ["/healthz"], think)), args.duration)
                    report(f"{label}: pages", asyncio.run(load(base, phones, args.concurrency, args.duration, pages,
                                                                think, args.province)), args.duration)
            finally:
                for proc in procs:
                    proc.terminate()
                    proc.wait(timeout=30)
        finally:
            if name and args.keep:
                print(f"kept: --database {url}")
            elif name:
                asyncio.run(_pg_drop(args.postgres, name))


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
