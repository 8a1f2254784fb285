"""The command line run from another directory (care11): a local run's key is var/secret.key under the working
directory, so `jiuye scheduler run-due` from a cron job's home found none, made a new one and went on silently
(nothing encrypted could be read; what it wrote was sealed with a key nobody else had). It is refused now, before
anything is read or written, naming where the key was looked for and what to set; no key material, no personal
data in what it prints, and no stray key file left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot import cli

NOW = "2026-12-06T10:00:00+08:00"
ID_NUMBER = "411526198506122318"
PHONE = "13800138000"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A local database with a roster imported from the service's own directory (its var/secret.key)."""
    for name in list(os.environ):
        if name.startswith("JIUYE_") and not name.startswith("JIUYE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/j.db")
    service = tmp_path / "service"
    service.mkdir()
    (service / "roster.csv").write_text(f"姓名,身份证号,手机号\n王小红,{ID_NUMBER},{PHONE}\n", encoding="utf-8")
    monkeypatch.chdir(service)
    assert cli.main(["migrate"]) == 0
    assert cli.main(["roster", "import", "roster.csv"]) == 0
    assert (service / "var" / "secret.key").is_file()
    return tmp_path


def test_run_from_another_directory_is_refused_and_leaves_no_new_key(
        home: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capfd.readouterr()
    with pytest.raises(SystemExit) as refused:
        cli.main(["scheduler", "run-due", "--now", NOW])
    assert refused.value.code == 2
    said = capfd.readouterr()
    assert "cannot decrypt the data already in" in said.err and str(home / "j.db") in said.err
    assert "JIUYE_VAR_DIR" in said.err and "removed" in said.err
    assert not (elsewhere / "var" / "secret.key").exists()
    assert not (elsewhere / "var").exists()  # nor the directory made for it (care12: an empty var/ was left)
    key = (home / "service" / "var" / "secret.key").read_text().strip()
    for secret in (key, ID_NUMBER, PHONE):
        assert secret not in said.out + said.err


def test_a_wrong_key_file_is_refused_and_kept(
        home: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    other = home / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{home}/other.db")
    assert cli.main(["migrate"]) == 0  # a key of its own for another database
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{home}/j.db")
    with pytest.raises(SystemExit):
        cli.main(["scheduler", "run-due", "--now", NOW])
    assert "the key file" in capfd.readouterr().err
    assert (other / "var" / "secret.key").is_file()  # not ours to remove


def test_the_right_key_from_elsewhere_works(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("JIUYE_VAR_DIR", str(home / "service" / "var"))
    assert cli.main(["scheduler", "run-due", "--now", NOW]) == 0


def test_a_new_database_anywhere_still_gets_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("JIUYE_") and not name.startswith("JIUYE_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("JIUYE_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/new.db")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["migrate"]) == 0
    assert cli.main(["scheduler", "run-due", "--now", NOW]) == 0
    assert (tmp_path / "var" / "secret.key").is_file()
