"""Time from launching `jiuye serve` to `/readyz` answering 200 (migrations applied on a fresh SQLite
database, dictionaries and gazetteer loaded), beside a bare aiohttp server's time to its first 200.

Run: .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from machine import describe

ROOT = Path(__file__).resolve().parents[1]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _time_until_200(cmd: list[str], url: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 60:
            try:
                with urllib.request.urlopen(url, timeout=1) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.01)
        raise SystemExit(f"no 200 from {url} within 60 s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bare, jiuye = [], []
    for _ in range(args.runs):
        port = _port()
        bare.append(_time_until_200(
            [sys.executable, str(ROOT / "benchmarks" / "bare_server.py"), "--port", str(port)],
            f"http://127.0.0.1:{port}/healthz", dict(os.environ),
        ))
        with tempfile.TemporaryDirectory() as tmp:
            port = _port()
            env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
                "JIUYE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/jiuye.db",
                "JIUYE_VAR_DIR": tmp,
                "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(b"s" * 32).decode(),
                "JIUYE_LOG_LEVEL": "WARNING",
            }
            jiuye.append(_time_until_200(
                [sys.executable, "-m", "bot.cli", "serve", "--port", str(port)],
                f"http://127.0.0.1:{port}/readyz", env,
            ))
    print(f"machine: {describe()}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"bare aiohttp to first 200:           median {statistics.median(bare):.2f} s  max {max(bare):.2f} s")
    print(f"jiuye serve to /readyz 200 (fresh):  median {statistics.median(jiuye):.2f} s  max {max(jiuye):.2f} s")


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
