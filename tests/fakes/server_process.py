"""Runs `jiuye serve` as a real child process (for multi-process and crash tests)."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.fakes.kannel import free_port

# A fixed key that passes the weak-key check (bot/settings.py weak_key): not repeated, not text.
SECRET = base64.urlsafe_b64encode(bytes((i * 37 + 11) % 251 for i in range(32))).decode()


class ServerProcess:
    def __init__(self, database_url: str, var_dir: Path, *, stdout: int = subprocess.DEVNULL, port: int | None = None,
                 **env: str) -> None:
        self.port = port or free_port()
        clean = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
        clean |= {
            "JIUYE_DATABASE_URL": database_url,
            "JIUYE_VAR_DIR": str(var_dir),
            "JIUYE_SECRET_KEY": SECRET,
            "JIUYE_LOG_LEVEL": "WARNING",
            "JIUYE_WECHAT_REPLAY_WINDOW": "0",
        }
        clean |= env
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--port", str(self.port), "--simulator"],
            env=clean,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 120) -> None:
        """Until /readyz answers 200 (the child exiting first fails at once). A start imports and warms the whole
        service: a few seconds alone, but at 30 s it failed in full runs on the shared machine at load 8-20 (two
        test workers, each with its child processes, beside five other engineers' suites): startup time is not
        what these tests prove."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode()[-2000:] if self.proc.stderr else ""
                raise AssertionError(f"server exited early: {err}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=1) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"server not ready within {timeout} s")

    def kill(self) -> None:
        """A crash: no clean-up code runs."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc.stderr:
            self.proc.stderr.close()
