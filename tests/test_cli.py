"""The command line as an operator meets it: what `migrate` and `serve` say, and no framework chatter."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot import cli
from tests.fakes.server_process import ServerProcess


@pytest.fixture
def local_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(__import__("os").environ):
        if name.startswith("JIUYE_") and not name.startswith("JIUYE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/cli.db")
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    return tmp_path


def test_migrate_says_what_it_did_and_when_there_was_nothing_to_do(
    local_env: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["migrate"]) == 0
    first = capfd.readouterr()
    assert "migrated from revision (empty) to" in first.out
    assert cli.main(["migrate"]) == 0
    second = capfd.readouterr()
    assert "nothing to do" in second.out
    # Operator tools print their result, not the framework's INFO lines.
    assert "INFO" not in first.err + second.err


def test_an_explicit_log_level_still_shows_info_lines(
    local_env: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIUYE_LOG_LEVEL", "INFO")
    assert cli.main(["migrate"]) == 0
    assert "INFO storage.migrate" in capfd.readouterr().err


def test_serve_prints_where_the_service_and_the_simulator_are(tmp_path: Path) -> None:
    server = ServerProcess(f"sqlite+aiosqlite:///{tmp_path}/serve.db", tmp_path / "var", stdout=subprocess.PIPE)
    try:
        server.wait_ready()
    finally:
        server.stop()
    assert server.proc.stdout is not None
    printed = server.proc.stdout.read().decode()
    assert f"serving on http://127.0.0.1:{server.port}" in printed
    assert f"chat simulator at http://127.0.0.1:{server.port}/simulator" in printed


def test_the_printed_host_is_one_a_browser_can_open() -> None:
    assert cli._url_host("0.0.0.0") == "127.0.0.1"
    assert cli._url_host("::1") == "[::1]"
    assert cli._url_host("10.0.0.5") == "10.0.0.5"



def test_serve_on_a_port_in_use_says_so_without_a_traceback(tmp_path: Path) -> None:
    """A second `jiuye serve` on the same port (met trying the quick start with an old one still running) ended in
    asyncio's traceback after "serving on …": one line saying what is wrong, exit 1."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = ServerProcess(f"sqlite+aiosqlite:///{tmp_path}/serve.db", tmp_path / "var", stdout=subprocess.PIPE,
                               port=port)
        out, err = server.proc.communicate(timeout=60)
    assert server.proc.returncode == 1
    said = err.decode()
    assert f"cannot listen on 127.0.0.1:{port}" in said and "Traceback" not in said, said
    assert "serving on" not in out.decode()
