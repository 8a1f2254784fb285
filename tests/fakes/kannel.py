"""A real Kannel (bearerbox + smsbox with a fake SMSC) on free loopback ports, and a phone network client.

The fake SMSC speaks one line per message over TCP: `<from> <to> <type> <data>`. Phones send MO lines
(`text` for ASCII, `ucs2` with URL-encoded UTF-16BE otherwise); Kannel writes MT lines back as `text`,
`data`, `ucs-2`, or `udh <udh> <data>` for the parts of a concatenated message, which `PhoneNetwork`
reassembles. Only one client is served at a time, so each test owns its gateway.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

BEARERBOX = shutil.which("bearerbox") or "/usr/sbin/bearerbox"
SMSBOX = shutil.which("smsbox") or "/usr/sbin/smsbox"
SENDSMS_USER = "jiuye"
SENDSMS_PASSWORD = "test-sendsms-password"
SHORT_CODE = "10690000"


def kannel_available() -> bool:
    return os.access(BEARERBOX, os.X_OK) and os.access(SMSBOX, os.X_OK)


def _ephemeral_low() -> int:
    """The first port the kernel hands to outgoing connections (and to bind(0))."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


# The ports below the ephemeral range are shared out in bands, one per pytest-xdist worker and backend, so that
# the sessions CI runs at once (`.ci/run`: two workers on SQLite beside two on PostgreSQL) never pick the same port
# in the moment between finding it free and a gateway or server binding it.
_BANDS = 8


def _band(top: int) -> tuple[int, int]:
    low = max(top - 12000, 1025)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    index = (int(worker) if worker.isdigit() else 0) % (_BANDS // 2) * 2 + bool(
        os.environ.get("JIUYE_TEST_POSTGRES_URL"))
    width = (top - low) // _BANDS
    return low + index * width, low + (index + 1) * width


def free_ports(count: int) -> list[int]:
    """`count` distinct loopback ports that are free now, chosen below the ephemeral range: a port from
    bind(0) can be taken by any outgoing connection (a database client, a phone) before the gateway binds
    it, and bearerbox then fails with "bind failed". All are held until all are found, so none repeats;
    each test session draws from its own band (`_band`)."""
    low, high = _band(min(_ephemeral_low(), 65536))
    held: list[socket.socket] = []
    try:
        while len(held) < count:
            probe = socket.socket()
            try:
                probe.bind(("127.0.0.1", random.randrange(low, high)))
            except OSError:
                probe.close()
                continue
            held.append(probe)
        return [int(s.getsockname()[1]) for s in held]
    finally:
        for s in held:
            s.close()


def free_port() -> int:
    return free_ports(1)[0]


@dataclass(frozen=True, slots=True)
class Ports:
    admin: int
    box: int
    sendsms: int
    smsc: int

    @staticmethod
    def pick() -> Ports:
        return Ports(*free_ports(4))


def render_config(ports: Ports, get_url: str, workdir: Path, *, log_level: int = 1) -> str:
    """The test gateway's kannel.conf; deploy/kannel/kannel.conf explains every setting."""
    return f"""
group = core
admin-port = {ports.admin}
admin-password = test-admin
admin-allow-ip = 127.0.0.1
smsbox-port = {ports.box}
box-allow-ip = 127.0.0.1
log-file = "{workdir}/bearerbox.log"
log-level = {log_level}
access-log = "{workdir}/access.log"
dlr-storage = internal
store-type = file
store-location = "{workdir}/bearerbox.store"
store-dump-freq = 1
sms-resend-freq = 1
sms-resend-retry = -1

group = smsc
smsc = fake
smsc-id = fake
host = 127.0.0.1
port = {ports.smsc}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {ports.box}
sendsms-port = {ports.sendsms}
sendsms-interface = 127.0.0.1
log-file = "{workdir}/smsbox.log"
log-level = {log_level}
mo-recode = true
http-request-retry = 5
http-queue-delay = 1
max-pending-requests = 2048

group = sendsms-user
username = {SENDSMS_USER}
password = {SENDSMS_PASSWORD}
user-allow-ip = 127.0.0.1
concatenation = true
max-messages = 4

group = sms-service
keyword = default
get-url = "{get_url}"
max-messages = 0
accept-x-kannel-headers = true
catch-all = true
concatenation = true
"""


def get_url_for(app_base: str, token: str) -> str:
    return (f"{app_base}/sms/kannel?token={token}&from=%p&to=%P&text=%b&coding=%c&charset=%C"
            "&id=%I&ts=%T")


@dataclass
class KannelGateway:
    """bearerbox and smsbox as child processes; `stop()` leaves the store on disk so a restart resumes."""

    workdir: Path
    get_url: str
    ports: Ports = field(default_factory=Ports.pick)
    log_level: int = 1
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def sendsms_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.sendsms}/cgi-bin/sendsms"

    def write_config(self) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        path = self.workdir / "kannel.conf"
        path.write_text(render_config(self.ports, self.get_url, self.workdir, log_level=self.log_level))
        return path

    async def start(self, timeout: float = 15.0) -> None:
        if not kannel_available():
            raise RuntimeError("Kannel is not installed (run .ci/install-kannel.sh)")
        conf = self.write_config()
        bearer = subprocess.Popen(
            [BEARERBOX, "-v", "1", "-p", str(self.workdir / "bearerbox.pid"), str(conf)],
            stdout=subprocess.DEVNULL, stderr=(self.workdir / "bearerbox.out").open("ab"),
        )
        self._procs.append(bearer)
        # smsbox dies when started before bearerbox listens for boxes (the admin port opens earlier).
        await _wait_port(self.ports.box, timeout, bearer)
        smsbox = subprocess.Popen(
            [SMSBOX, "-v", "1", "-p", str(self.workdir / "smsbox.pid"), str(conf)],
            stdout=subprocess.DEVNULL, stderr=(self.workdir / "smsbox.out").open("ab"),
        )
        self._procs.append(smsbox)
        await _wait_port(self.ports.sendsms, timeout, smsbox)
        # Never probe the fake SMSC's port: Kannel takes any connection for the phone network and would
        # hand queued messages to the probe. PhoneNetwork.connect() retries until it listens.

    async def stop(self, *, graceful: bool = True) -> None:
        """SIGTERM, smsbox first, then bearerbox (which writes its store; it can take ten seconds while
        it waits for its threads). Not graceful: SIGKILL, for tearing a test down."""
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM if graceful else signal.SIGKILL)
                deadline = time.monotonic() + 10
                while proc.poll() is None and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        self._procs.clear()

    async def status(self) -> str:
        """bearerbox's admin status page (text)."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.ports.admin)
        writer.write(b"GET /status.txt?password=test-admin HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        body = (await reader.read()).decode("utf-8", "replace")
        writer.close()
        return body

    async def smsc_status(self) -> str:
        """The fake SMSC's line of the status page: "online …" or "re-connecting …"."""
        lines = [line.strip() for line in (await self.status()).splitlines() if line.strip().startswith("fake[")]
        return lines[0] if lines else ""

    async def outbound_queued(self) -> int:
        """Messages bearerbox holds for the network (no SMSC client connected, say)."""
        match = re.search(r"SMS: received \d+ \(\d+ queued\), sent \d+ \((\d+) queued\)", await self.status())
        return int(match.group(1)) if match else -1

    def log_tail(self, lines: int = 30) -> str:
        out = []
        for name in ("bearerbox.log", "smsbox.log", "bearerbox.out", "smsbox.out"):
            path = self.workdir / name
            if path.exists():
                out.append(f"--- {name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(out)


async def _wait_port(port: int, timeout: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Kannel process exited with {proc.returncode} before port {port} opened")
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return
    raise TimeoutError(f"port {port} did not open within {timeout}s")


@dataclass(frozen=True, slots=True)
class Sms:
    """One message as a phone sees it (parts of a concatenated message already joined)."""

    sender: str
    receiver: str
    text: str
    parts: int = 1


def encode_mo(sender: str, receiver: str, text: str) -> bytes:
    if text.isascii() and text.isprintable():
        return f"{sender} {receiver} text {text}\n".encode()
    data = urllib.parse.quote_from_bytes(text.encode("utf-16-be"), safe="")
    return f"{sender} {receiver} ucs2 {data}\n".encode()


def _unquote(value: str) -> bytes:
    return urllib.parse.unquote_to_bytes(value.replace("+", "%20"))


class PhoneNetwork:
    """The phones' side of the fake SMSC: send MO lines, collect MT messages (concatenations reassembled)."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None
        self.inbox: asyncio.Queue[Sms] = asyncio.Queue()
        self.raw_lines: list[str] = []
        self._partial: dict[tuple[str, int], dict[int, bytes]] = defaultdict(dict)
        self._partial_total: dict[tuple[str, int], int] = {}

    async def connect(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._reader, self._writer = await asyncio.open_connection("127.0.0.1", self._port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
        self._task = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()

    async def send(self, sender: str, text: str, receiver: str = SHORT_CODE) -> None:
        assert self._writer is not None, "connect() first"
        self._writer.write(encode_mo(sender, receiver, text))
        await self._writer.drain()

    # How long a message may take through the real gateway before the test gives up on it: a deadline for
    # delivery on a shared two-core machine (it took 3 s alone and once over 15 s inside the whole suite on
    # PostgreSQL), not a speed the tests claim.
    DELIVERY_DEADLINE = 30.0

    async def receive(self, timeout: float = DELIVERY_DEADLINE) -> Sms:
        return await asyncio.wait_for(self.inbox.get(), timeout)

    async def receive_for(self, phone: str, count: int = 1, timeout: float = DELIVERY_DEADLINE) -> list[Sms]:
        got: list[Sms] = []
        others: list[Sms] = []
        try:
            while len(got) < count:
                sms = await self.receive(timeout)
                (got if sms.receiver == phone else others).append(sms)
        finally:
            for sms in others:
                self.inbox.put_nowait(sms)
        return got

    async def _read(self) -> None:
        assert self._reader is not None
        while True:
            line = await self._reader.readline()
            if not line:
                return
            self._on_line(line.decode("latin-1").rstrip("\r\n"))

    def _on_line(self, line: str) -> None:
        self.raw_lines.append(line)
        sender, receiver, kind, rest = line.split(" ", 3)
        if kind == "text":
            self.inbox.put_nowait(Sms(sender, receiver, rest.encode("latin-1").decode("utf-8", "replace")))
        elif kind in ("ucs-2", "ucs2"):
            self.inbox.put_nowait(Sms(sender, receiver, _unquote(rest).decode("utf-16-be")))
        elif kind == "data":
            self.inbox.put_nowait(Sms(sender, receiver, _unquote(rest).decode("utf-8", "replace")))
        elif kind == "udh":
            # `udh <udh> data <bytes>`: one part of a concatenated message.
            udh_s, _kind, data_s = rest.split(" ", 2)
            self._on_part(sender, receiver, _unquote(udh_s), _unquote(data_s))
        else:
            raise AssertionError(f"unexpected MT line type {kind!r}")

    def _on_part(self, sender: str, receiver: str, udh: bytes, data: bytes) -> None:
        # UDH: length, then information elements; 0x00 = concatenation with an 8-bit reference.
        i, ref, total, seq = 1, -1, 1, 1
        while i < len(udh):
            iei, ln = udh[i], udh[i + 1]
            body = udh[i + 2:i + 2 + ln]
            if iei == 0x00:
                ref, total, seq = body[0], body[1], body[2]
            elif iei == 0x08:
                ref, total, seq = (body[0] << 8) | body[1], body[2], body[3]
            i += 2 + ln
        key = (receiver, ref)
        self._partial[key][seq] = data
        self._partial_total[key] = total
        if len(self._partial[key]) == total:
            parts = self._partial.pop(key)
            del self._partial_total[key]
            raw = b"".join(parts[n] for n in sorted(parts))
            # The line carries no coding: 7-bit parts hold 153 printable ASCII characters, UCS-2 parts
            # hold 134 bytes, which nearly always include a zero or high byte.
            seven_bit = all(32 <= b < 127 for b in raw) and len(parts[1]) != 134
            text = raw.decode("ascii") if seven_bit else raw.decode("utf-16-be")
            self.inbox.put_nowait(Sms(sender, receiver, text, parts=total))
