"""Load test of POST /wechat: the full service path against a bare aiohttp handler, in one invocation.

    .venv/bin/python benchmarks/wechat_load.py [--postgres postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres]

What it does (loopback only, bounded durations; see benchmarks/README.md):
1. builds pre-signed plaintext-mode text messages (distinct openids and MsgIds, short Chinese texts),
   one file per round, in a temporary directory;
2. starts the servers: the bare handler and the reference servers (benchmarks/bare_server.py: stateless
   wechatpy, durable floor, minimal full path) and `jiuye serve` on a fresh SQLite database; with
   --postgres also `jiuye serve` on fresh PostgreSQL databases, one process and two (`--reuse-port`);
3. runs `wrk -c64 -t1` against each in turn, round after round (interleaved, so that the machine's drift
   hits every server alike), after an unreported warm-up;
4. checks each run: socket errors and non-2xx (wrk), every 200 body is an XML text reply (the Lua script),
   a few replies parsed in full, a retried MsgId answered identically and stored once, a bad signature
   refused, and the database holds one inbound_message row per message answered 200;
5. prints the medians: messages/s, p50, p99, errors, server CPU per message, ratio to the bare handler.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import http.client
import json
import os
import random
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from machine import cpu_model

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LUA = HERE / "wrk_cycle.lua"
BARE = HERE / "bare_server.py"
INSTALL_WRK = "apt-get install -y wrk"
TOKEN = "bench-token"
ACCOUNT = "gh_4f6c2b1e9a07"
SAMPLES_PER_RUN = 8

# Short messages of the kind laborers send; mostly dialog answers, a few commands (menu, a person, stop).
TEXTS: tuple[tuple[str, int], ...] = (
    ("你好", 12), ("1", 14), ("2", 6), ("3", 3), ("嗯", 6), ("好的", 5), ("是", 4), ("没有", 4),
    ("我想找工作", 6), ("有没有附近的工作", 3), ("在家门口能干啥活", 2), ("我在广东打工", 3),
    ("厂子倒闭了", 2), ("我换工作了", 2), ("工资一个月多少", 2), ("老板拖欠工资", 1), ("张三", 3),
    ("李秀英", 2), ("王建国", 2), ("我不识字，能不能打电话", 1), ("想学电焊", 2), ("会开挖掘机", 1),
    ("在县城扶贫车间上班", 2), ("家里有老人要照顾", 1), ("明年开春再出去", 1), ("１", 2), ("帮助", 2),
    ("菜单", 1), ("人工", 1), ("重新开始", 1), ("退订", 1), ("恢复", 1), ("谢谢", 3), ("？", 1),
)


# -- requests ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    openid: str
    path: str
    body: str


def _openid(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "o" + "".join(rng.choice(alphabet) for _ in range(27))


def _sign(token: str, timestamp: str, nonce: str) -> str:
    # Written out here rather than imported from the service: the load test checks the service's idea of it.
    return hashlib.sha1("".join(sorted((token, timestamp, nonce))).encode()).hexdigest()


class MessageFactory:
    """Signed plaintext-mode text messages; every MsgId is new, users are drawn from a fixed population."""

    def __init__(self, users: int, seed: int) -> None:
        self._rng = random.Random(seed)
        self.users = [_openid(self._rng) for _ in range(users)]
        self._texts = [t for t, _ in TEXTS]
        self._weights = [w for _, w in TEXTS]
        self._msg_id = 24_000_000_000_000_000 + self._rng.randrange(10**12)
        self._created = 1_764_122_400

    def make(self, openid: str | None = None, text: str | None = None) -> Message:
        rng = self._rng
        openid = openid or rng.choice(self.users)
        text = text or rng.choices(self._texts, self._weights)[0]
        self._msg_id += 1
        self._created += 1
        timestamp = str(self._created)
        nonce = str(rng.randrange(10**9, 10**10))
        path = (f"/wechat?signature={_sign(TOKEN, timestamp, nonce)}&timestamp={timestamp}"
                f"&nonce={nonce}&openid={openid}")
        body = (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
                f"<FromUserName><![CDATA[{openid}]]></FromUserName><CreateTime>{timestamp}</CreateTime>"
                f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>"
                f"<MsgId>{self._msg_id}</MsgId></xml>")
        return Message(openid, path, body)

    def write(self, path: Path, count: int) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for _ in range(count):
                m = self.make()
                fh.write(f"{m.path}\n{m.body}\n")


# -- servers ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine so far: is it saturated?"""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """One configuration under test: its processes, where it runs, and how to count what it stored."""

    name: str
    note: str
    cpus: str | None  # taskset list for the server processes; None: not pinned
    wrk_cpus: str | None
    commands: list[list[str]]
    env: dict[str, str] | None = None
    count_rows: Callable[[], int] | None = None  # None: the bare handler stores nothing
    prepare: Callable[[], None] | None = None
    cwd: Path = ROOT
    port: int = field(default_factory=free_port)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    @property
    def stateful(self) -> bool:
        return self.count_rows is not None

    def start(self, workdir: Path) -> None:
        if self.prepare:
            self.prepare()
        for i, cmd in enumerate(self.commands):
            full = [*cmd, "--port", str(self.port)]
            if self.cpus is not None:
                full = ["taskset", "-c", self.cpus, *full]
            log = workdir / f"{self.name.replace(' ', '_')}-{i}.log"
            self.logs.append(log)
            with log.open("wb") as fh:
                self.procs.append(subprocess.Popen(full, env=self.env, stdout=fh, stderr=subprocess.STDOUT,
                                                   cwd=self.cwd, start_new_session=True))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for proc, log in zip(self.procs, self.logs, strict=True):
                if proc.poll() is not None:
                    raise SystemExit(f"{self.name}: server exited ({proc.returncode}); log:\n{log.read_text()[-3000:]}")
            if _get(self.port, "/healthz") == 200:
                # With several processes on one port, give the others a moment to bind as well.
                time.sleep(1.0 if len(self.procs) > 1 else 0.2)
                return
            time.sleep(0.2)
        raise SystemExit(f"{self.name}: not ready after 60 s")

    def cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.procs)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # aiohttp's run_app shuts down cleanly on SIGINT
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _get(port: int, path: str) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", path)
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return 0


def _post(port: int, path: str, body: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body.encode(), {"Content-Type": "text/xml"})
    resp = conn.getresponse()
    text = resp.read().decode()
    conn.close()
    return resp.status, text


# -- databases --------------------------------------------------------------------------------------


def sqlite_counter(path: Path) -> Callable[[], int]:
    def count() -> int:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return int(conn.execute("SELECT count(*) FROM inbound_message").fetchone()[0])
        finally:
            conn.close()

    return count


def _pg_dsn(url: str, database: str | None = None) -> str:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    return dsn if database is None else dsn.rsplit("/", 1)[0] + "/" + database


def _pg_run(url: str, sql: str, database: str | None = None) -> Any:
    import asyncpg  # type: ignore[import-untyped]  # the service's own driver; only needed with --postgres

    async def go() -> Any:
        conn = await asyncpg.connect(_pg_dsn(url, database))
        try:
            return await conn.fetchval(sql)
        finally:
            await conn.close()

    return asyncio.run(go())


def pg_counter(url: str, database: str) -> Callable[[], int]:
    return lambda: int(_pg_run(url, "SELECT count(*) FROM inbound_message", database))


# -- runs -------------------------------------------------------------------------------------------


@dataclass
class Run:
    server: str
    round: int
    stats: dict[str, int]
    cpu_s: float
    busy: float  # share of the whole machine's CPU in use during the run (server, wrk, database, the rest)
    stored: int | None
    problems: list[str]

    @property
    def seconds(self) -> float:
        return self.stats["duration_us"] / 1e6

    @property
    def rate(self) -> float:
        return self.stats["ok"] / self.seconds

    @property
    def socket_errors(self) -> int:
        s = self.stats
        return s["connect"] + s["read"] + s["write"] + s["timeout"]

    @property
    def errors(self) -> int:
        s = self.stats
        return self.socket_errors + s["bad_status"] + s["bad_body"] + s["success_only"] + len(self.problems)


def run_wrk(server: Server, requests_file: Path, seconds: float, connections: int, threads: int) -> dict[str, int]:
    cmd = ["wrk", "-c", str(connections), "-t", str(threads), "-d", f"{seconds:g}s", "--timeout", "5s",
           "-s", str(LUA), f"http://127.0.0.1:{server.port}/wechat", "--", str(requests_file), str(threads)]
    if server.wrk_cpus is not None:
        cmd = ["taskset", "-c", server.wrk_cpus, *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("WRKJSON "):
            stats: dict[str, int] = json.loads(line[len("WRKJSON "):])
            return stats
    raise SystemExit(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")


def settle(server: Server) -> int | None:
    """Wait until the server has finished what wrk left in flight, then count the stored messages."""
    if server.count_rows is None:
        return None
    last, stable_since = -1, time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        now = server.count_rows()
        if now != last:
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since > 0.6:
            break
        time.sleep(0.2)
    return last


def sample_checks(server: Server, factory: MessageFactory) -> tuple[int, list[str]]:
    """A few replies parsed in full, a retry, a forged signature. Returns (messages stored, problems)."""
    problems: list[str] = []
    stored = 0
    for i in range(SAMPLES_PER_RUN):
        m = factory.make()
        status, text = _post(server.port, m.path, m.body)
        stored += 1
        if status != 200:
            problems.append(f"sample answered {status}")
            continue
        try:
            root = ET.fromstring(text)
        except ET.ParseError:
            problems.append("sample reply is not XML")
            continue
        fields = {child.tag: (child.text or "") for child in root}
        if root.tag != "xml" or fields.get("MsgType") != "text" or not fields.get("Content", "").strip() \
                or not fields.get("CreateTime", "").isdigit():
            problems.append("sample reply is not a text reply")
        elif server.stateful and (fields.get("ToUserName") != m.openid or fields.get("FromUserName") != ACCOUNT):
            problems.append("sample reply addressed wrongly")
        if server.stateful and i == 0:
            # WeChat retries a delivery it thinks failed: same MsgId, same answer, stored once.
            again_status, again = _post(server.port, m.path, m.body)
            again_fields = {c.tag: (c.text or "") for c in ET.fromstring(again)} if again_status == 200 else {}
            if again_fields.get("Content") != fields.get("Content"):
                problems.append("retried MsgId not answered like the first delivery")
            forged = m.path.replace("signature=", "signature=0", 1)
            forged_status, _ = _post(server.port, forged, factory.make().body)
            if forged_status != 403:
                problems.append(f"forged signature answered {forged_status}")
    return stored, problems


def measure(server: Server, requests_file: Path, rnd: int, args: argparse.Namespace,
            factory: MessageFactory, seconds: float) -> Run:
    before = settle(server)
    cpu0, (busy0, total0) = server.cpu(), machine_ticks()
    stats = run_wrk(server, requests_file, seconds, args.connections, args.threads)
    cpu_s = server.cpu() - cpu0
    busy1, total1 = machine_ticks()
    busy = (busy1 - busy0) / max(1, total1 - total0)
    problems: list[str] = []
    if server.stateful and stats["wrapped"]:
        problems.append(f"request file exhausted ({stats['wrapped']}x): MsgIds repeated, raise --per-second")
    sampled, sample_problems = sample_checks(server, factory)
    problems += sample_problems
    after = settle(server)
    stored = None
    if before is not None and after is not None:
        stored = after - before
        answered = stats["ok"] + sampled
        # Messages wrk sent but stopped waiting for at the end may be stored too; none answered may be missing.
        if stored < answered:
            problems.append(f"lost messages: {answered - stored} answered 200 but not stored")
        if stored > stats["issued"] + sampled:
            problems.append(f"more rows than requests: {stored} > {stats['issued'] + sampled}")
    return Run(server.name, rnd, stats, cpu_s, busy, stored, problems)


# -- report -----------------------------------------------------------------------------------------


def machine() -> str:
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(servers: list[Server], runs: list[Run], args: argparse.Namespace) -> str:
    bare_by_round = {r.round: r.rate for r in runs if r.server == servers[0].name}
    lines = []
    header = (f"{'server':<34} {'msg/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'CPU µs/msg':>10}"
              f" {'ratio':>6} {'busy':>5}  rounds (msg/s)")
    lines += [header, "-" * len(header)]
    for server in servers:
        mine = [r for r in runs if r.server == server.name]
        rate = _median([r.rate for r in mine])
        p50 = _median([r.stats["p50_us"] / 1000 for r in mine])
        p99 = _median([r.stats["p99_us"] / 1000 for r in mine])
        cpu = _median([r.cpu_s / max(1, r.stats["ok"]) * 1e6 for r in mine])
        errors = sum(r.errors for r in mine)
        # Paired per round (the bare run sat next to this one in time), then the median of those ratios.
        ratio = _median([r.rate / bare_by_round[r.round] for r in mine if bare_by_round.get(r.round)])
        rounds = " ".join(f"{r.rate:.0f}" for r in mine)
        busy = _median([r.busy * 100 for r in mine])
        lines.append(f"{server.name:<34} {rate:>7.0f} {p50:>7.1f} {p99:>7.1f} {errors:>6} {cpu:>10.0f}"
                     f" {ratio:>6.2f} {busy:>4.0f}%  {rounds}")
    lines.append("")
    lines.append("  CPU µs/msg: the server processes' CPU time per message answered (PostgreSQL's own not included);"
                 " busy: the whole machine's CPU in use during the run")
    for server in servers:
        lines.append(f"  {server.name}: {server.note}")
    problems = [(r, p) for r in runs for p in r.problems]
    detail = [r for r in runs if r.errors]
    if detail:
        lines += ["", "errors by run:"]
        for r in detail:
            s = r.stats
            lines.append(f"  {r.server} round {r.round}: socket {r.socket_errors} (connect {s['connect']},"
                         f" read {s['read']}, write {s['write']}, timeout {s['timeout']}), non-200"
                         f" {s['bad_status']}, bad body {s['bad_body']}, deferred ('success') {s['success_only']}")
        for r, p in problems:
            lines.append(f"  {r.server} round {r.round}: {p}")
    stored = [(r.server, r.stats["ok"], r.stored) for r in runs if r.stored is not None]
    if stored:
        lines += ["", "answered 200 by wrk / rows stored per run (rows include the sample checks and messages"
                      " in flight when wrk stopped):"]
        lines.append("  " + "; ".join(f"{name} {ok}/{rows}" for name, ok, rows in stored))
    return "\n".join(lines)


def _masked_command() -> str:
    argv = [a.replace("postgres:postgres@", "postgres:***@") if "://" in a else a for a in sys.argv[1:]]
    exe = os.path.relpath(sys.executable, Path.cwd()) if sys.executable.startswith(str(ROOT)) else sys.executable
    return " ".join(shlex.quote(a) for a in [exe, os.path.relpath(__file__, Path.cwd()), *argv])


# -- main -------------------------------------------------------------------------------------------


def build_servers(args: argparse.Namespace, workdir: Path, cleanup: list[Callable[[], None]]) -> list[Server]:
    source: Path = args.source
    # `python -m bot.cli` is `jiuye`; run from --source so that another checkout can be measured.
    jiuye_cmd = [sys.executable, "-m", "bot.cli"]
    two = args.cores >= 2
    pin_server, pin_wrk = ("0", "1") if two else (None, None)
    bare_cmd = [sys.executable, str(BARE)]
    serve = [*jiuye_cmd, "serve"]
    base_env = {**{k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")},
                "PYTHONPATH": str(source),
                "JIUYE_WECHAT_TOKEN": TOKEN,
                # The requests are signed before the run, so their timestamps age: no replay window here.
                "JIUYE_WECHAT_REPLAY_WINDOW": "0",
                "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
                "JIUYE_LOG_LEVEL": "WARNING"}

    def env_for(url: str, name: str) -> dict[str, str]:
        var = workdir / f"var-{name}"
        var.mkdir()
        return {**base_env, "JIUYE_DATABASE_URL": url, "JIUYE_VAR_DIR": str(var)}

    def migrate(env: dict[str, str], cwd: Path = source) -> Callable[[], None]:
        def run() -> None:
            subprocess.run([*jiuye_cmd, "migrate"], env=env, check=True, cwd=cwd, stdout=subprocess.DEVNULL)

        return run

    pinned = "server on CPU 0, wrk on CPU 1" if two else "one CPU: nothing pinned"
    servers = [
        Server("bare aiohttp", f"constant XML reply; {pinned}", pin_server, pin_wrk, [bare_cmd]),
    ]
    if not args.floor_only:
        servers.append(Server("wechatpy, stores nothing", f"WeRoBot's path without session storage: check_signature,"
                              f" parse_message, TextReply.render; {pinned}", pin_server, pin_wrk,
                              [[*bare_cmd, "--mode", "wechatpy", "--token", TOKEN]]))
    floor_db = workdir / "durable-floor.db"
    servers.append(Server("wechatpy + SQLite group commit", f"the same, and each message inserted and committed"
                          f" (synchronous=FULL, many per commit) before its reply; no dialog, no state; {pinned}",
                          pin_server, pin_wrk, [[*bare_cmd, "--mode", "durable", "--token", TOKEN,
                                                 "--db", str(floor_db)]], count_rows=sqlite_counter(floor_db)))
    wechatpy_xml, lean_xml = "wechatpy parses and renders", "ElementTree parses, a format string renders"
    one_line = "a one-line step (no understanding, no locales)"
    jiuye_step = "jiuye's own dialog step (dialogs.engine.step, catalogs, sealed state; its events not applied)"
    references: tuple[tuple[str, list[str], str, str], ...] = () if args.floor_only else (
        ("minimal full path", [], one_line, wechatpy_xml),
        ("minimal full path, lean XML", ["--lean"], one_line, lean_xml),
        ("minimal + jiuye's dialog, lean XML", ["--lean", "--dialog"], jiuye_step, lean_xml))
    minimal = ("signature, dedup answering a retry with the first reply, a per-user JSON state row, {step}, the"
               " reply AES-GCM-encrypted into an outbox row, group commit; {how}; no people, events or history")
    for label, flags, step, how in references:
        path = workdir / f"minimal-{len(servers)}.db"
        servers.append(Server(label, f"bare_server.py --mode stateful {' '.join(flags)}: "
                              + minimal.format(step=step, how=how) + f"; {pinned}", pin_server, pin_wrk,
                              [[*bare_cmd, "--mode", "stateful", "--token", TOKEN, "--db", str(path), *flags]],
                              # PYTHONPATH: --dialog imports jiuye's dialogs package from --source.
                              env=base_env, count_rows=sqlite_counter(path)))
    db = workdir / "jiuye.db"
    sqlite_env = env_for(f"sqlite+aiosqlite:///{db}", "sqlite")
    servers.append(Server("jiuye, SQLite", f"fresh database, synchronous=FULL; {pinned}", pin_server, pin_wrk,
                          [serve], sqlite_env, sqlite_counter(db), migrate(sqlite_env), source))
    if args.compare is not None:
        other = workdir / "jiuye-compare.db"
        other_env = {**env_for(f"sqlite+aiosqlite:///{other}", "sqlite-compare"), "PYTHONPATH": str(args.compare)}
        servers.append(Server(f"jiuye, SQLite ({args.compare.name})", f"--compare {args.compare}: fresh database,"
                              f" synchronous=FULL; {pinned}", pin_server, pin_wrk, [serve], other_env,
                              sqlite_counter(other), migrate(other_env, args.compare), args.compare))
    if args.postgres:
        url: str = args.postgres
        tag = uuid.uuid4().hex[:8]

        def fresh_pg(name: str) -> tuple[dict[str, str], Callable[[], int]]:
            database = f"jiuye_bench_{tag}_{name}"
            _pg_run(url, f'CREATE DATABASE "{database}"')
            cleanup.append(lambda: _pg_run(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            return env_for(url.rsplit("/", 1)[0] + "/" + database, name), pg_counter(url, database)

        shared = "nothing pinned: servers, wrk and PostgreSQL share the machine"
        env1, count1 = fresh_pg("one")
        servers.append(Server("jiuye, PostgreSQL, 1 process", f"fresh database; {pinned}; PostgreSQL not pinned",
                              pin_server, pin_wrk, [serve], env1, count1, migrate(env1), source))
        env1s, count1s = fresh_pg("one_shared")
        servers.append(Server("jiuye, PostgreSQL, 1 process, shared", f"fresh database; {shared}",
                              None, None, [serve], env1s, count1s, migrate(env1s), source))
        env2, count2 = fresh_pg("two")
        servers.append(Server("jiuye, PostgreSQL, 2 processes", f"fresh database, --reuse-port; {shared}",
                              None, None, [[*serve, "--reuse-port"]] * 2, env2, count2, migrate(env2), source))
        servers.append(Server("bare aiohttp, 2 processes", f"--reuse-port; {shared}", None, None,
                              [[*bare_cmd, "--reuse-port"]] * 2))
    return servers


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load test of POST /wechat against a bare aiohttp handler.")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="measured runs per server; medians reported")
    parser.add_argument("--warmup", type=float, default=3.0, help="unreported seconds per server before round 1")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--users", type=int, default=5000, help="distinct openids sending the messages")
    parser.add_argument("--per-second", type=int, default=12000,
                        help="messages generated per second of run; a stateful server must not get through "
                             "them all (they would repeat)")
    parser.add_argument("--postgres", metavar="URL",
                        help="also run on PostgreSQL (a server URL; fresh databases are created and dropped)")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the checkout whose `jiuye serve` is measured (default: this repository)")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="also measure this checkout's `jiuye serve` on SQLite, interleaved with --source's in"
                             " every round (an A/B in the same minutes)")
    parser.add_argument("--floor-only", action="store_true",
                        help="of the references, run only the bare handler and the durable floor (quicker A/B)")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, databases)")
    args = parser.parse_args(argv)
    args.cores = len(os.sched_getaffinity(0))
    args.source = args.source.resolve()
    if args.compare is not None:
        args.compare = args.compare.resolve()
    if args.postgres and not args.postgres.startswith(("postgresql+asyncpg://", "postgresql://")):
        parser.error("--postgres must be a postgresql+asyncpg:// or postgresql:// URL")
    if args.postgres and args.postgres.startswith("postgresql://"):
        args.postgres = "postgresql+asyncpg://" + args.postgres[len("postgresql://"):]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        print(f"wrk is not installed: {INSTALL_WRK}", file=sys.stderr)
        return 2
    if not shutil.which("taskset"):
        print("taskset is not installed (util-linux)", file=sys.stderr)
        return 2
    started = datetime.now(UTC).astimezone()
    workdir = Path(tempfile.mkdtemp(prefix="jiuye-bench-"))
    cleanup: list[Callable[[], None]] = []
    servers: list[Server] = []
    runs: list[Run] = []
    factory = MessageFactory(args.users, args.seed)
    per_run = int(args.per_second * max(args.duration, args.warmup)) + 1000
    try:
        servers = build_servers(args, workdir, cleanup)
        for server in servers:
            server.start(workdir)
        print(f"servers up: {', '.join(f'{s.name} :{s.port}' for s in servers)}", file=sys.stderr)
        for rnd in range(0 if args.warmup > 0 else 1, args.rounds + 1):
            # One file per round, shared by the servers: they have separate databases.
            requests_file = workdir / f"requests-{rnd}.txt"
            factory.write(requests_file, per_run)
            for server in servers:
                seconds = args.warmup if rnd == 0 else args.duration
                run = measure(server, requests_file, rnd, args, factory, seconds)
                label = "warm-up" if rnd == 0 else f"round {rnd}"
                print(f"{label:>8}  {server.name:<38} {run.rate:8.0f} msg/s  p99 {run.stats['p99_us'] / 1000:6.1f} ms"
                      f"  errors {run.errors}", file=sys.stderr)
                if rnd > 0:
                    runs.append(run)
            requests_file.unlink()
    finally:
        for server in servers:
            server.stop()
        for fn in cleanup:
            try:
                fn()
            except Exception as exc:  # report, but keep cleaning up
                print(f"cleanup failed: {exc}", file=sys.stderr)
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n/wechat load test, {started:%Y-%m-%d %H:%M %Z}")
    print(f"machine: {machine()}")
    print(f"command: {_masked_command()}")
    print(f"wrk -c{args.connections} -t{args.threads}, {args.rounds} rounds of {args.duration:g} s after a"
          f" {args.warmup:g} s warm-up, servers interleaved within each round; {args.users} users;"
          f" medians; ratio = median over rounds of (msg/s) / (bare aiohttp msg/s in the same round)\n")
    print(report(servers, runs, args))
    return 1 if any(r.errors for r in runs) else 0


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    raise SystemExit(main())
