"""Roster import: CSV (UTF-8, BOM, GBK) and XLSX, invalid rows by line, idempotent re-import, the CLI."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bot import cli
from bot.roster import RosterFileError, import_roster
from bot.settings import Settings
from storage.models import RosterEntry
from tests.fakes.identity import check_char, make_id, wrong_check
from tests.survey.helpers import cipher, database

NOW = datetime(2026, 11, 1, tzinfo=UTC)
A = make_id("520526", date(1980, 1, 2), 11)
B = make_id("522401", date(1975, 5, 6), 22)
C = make_id("520526", date(1999, 9, 9), 33)
BAD_DATE = "52052619991399" + "123"
BAD_DATE += check_char(BAD_DATE)

ROWS = [
    ["姓名", "身份证号", "手机号", "户编号", "户籍地"],
    ["王小明", A, "13812345678", "5205260001", "520526"],                 # 2 ok
    ["李四", B, "", "", "贵州省毕节市七星关区"],                              # 3 ok (place name)
    ["张三", wrong_check(C), "13912345678", "", "520526"],               # 4 bad check digit
    ["赵六", C, "12345", "", "520526"],                                  # 5 bad phone
    ["钱七", C, "13712345678", "", "火星县"],                             # 6 unknown division
    ["", C, "13712345678", "", "520526"],                               # 7 missing name
    ["王小明", A, "13812345678", "", "520526"],                           # 8 duplicate ID
    ["孙八", BAD_DATE, "", "", ""],                                      # 9 bad birth date
    ["周九", C, "", "", "520526100000"],                                 # 10 ok (12-digit statistics code)
]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding) + b"\n")
    return path


async def run(settings: Settings, path: Path) -> Any:
    async with database(settings) as sessions:
        return await import_roster(sessions, cipher(settings), path, now=NOW)


async def entries(settings: Settings) -> dict[str, RosterEntry]:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session:
        return {c.decrypt(e.id_number_enc): e for e in await session.scalars(select(RosterEntry))}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
async def test_csv_import_reports_invalid_rows_by_line(settings: Settings, tmp_path: Path, encoding: str) -> None:
    report = await run(settings, write_csv(tmp_path / "roster.csv", ROWS, encoding))
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    reasons = {p.line: p.reason for p in report.invalid}
    assert reasons == {
        4: "bad ID check digit", 5: "bad phone number", 6: "unknown division", 7: "missing name",
        8: "duplicate ID number (same as line 2)", 9: "bad ID birth date",
    }
    assert all(C not in str(p) and A not in str(p) for p in report.invalid)  # masked
    stored = await entries(settings)
    assert set(stored) == {A, B, C}
    assert stored[A].name == "王小明" and stored[A].home_division == "520526" and stored[A].source_line == 2
    assert stored[B].home_division == "520502"
    assert stored[C].home_division == "520526100"
    assert stored[A].phone_hash == cipher(settings).blind_index("phone", "+8613812345678")


async def test_reimport_changes_nothing_and_edits_update(settings: Settings, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS, "utf-8")
    await run(settings, path)
    before = {k: (e.id, e.imported_at, e.phone_enc) for k, e in (await entries(settings)).items()}
    again = await run(settings, path)
    assert (again.added, again.updated, again.unchanged, len(again.invalid)) == (0, 0, 3, 6)
    assert {k: (e.id, e.imported_at, e.phone_enc) for k, e in (await entries(settings)).items()} == before
    edited = [list(r) for r in ROWS]
    edited[1][2] = "13800000000"
    third = await run(settings, write_csv(tmp_path / "roster2.csv", edited, "utf-8"))
    assert (third.added, third.updated, third.unchanged) == (0, 1, 2)
    assert (await entries(settings))[A].phone_hash == cipher(settings).blind_index("phone", "+8613800000000")


async def test_xlsx_import_with_english_headers(settings: Settings, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "id_number", "phone", "household_id", "home_division", "note"])
    sheet.append(["王小明", A, 13812345678, "5205260001", 520526, "x"])
    sheet.append(["李四", int(B[:15]), None, None, None, ""])  # an ID typed as a number: digits lost
    path = tmp_path / "roster.xlsx"
    book.save(path)
    report = await run(settings, path)
    assert report.added == 1 and [p.line for p in report.invalid] == [3]
    assert (await entries(settings))[A].household_id == "5205260001"


async def test_unreadable_files(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(RosterFileError):
        await run(settings, tmp_path / "missing.csv")
    no_header = write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]], "utf-8")
    with pytest.raises(RosterFileError, match="身份证号"):
        await run(settings, no_header)
    fake_xlsx = tmp_path / "x.xlsx"
    fake_xlsx.write_bytes(b"not a zip")
    with pytest.raises(RosterFileError):
        await run(settings, fake_xlsx)
    binary = tmp_path / "y.csv"
    binary.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x00]) * 10)
    with pytest.raises(RosterFileError):
        await run(settings, binary)


def test_cli_exit_codes_and_masked_output(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The process environment is the outside world the CLI reads its configuration from.
    monkeypatch.setenv("JIUYE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(settings.secret_key).decode())
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    path = write_csv(tmp_path / "roster.csv", ROWS, "gbk")
    assert cli.main(["roster", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "line 4: bad ID check digit (5205**********" in out
    assert "added 3, updated 0, unchanged 0, invalid 6" in out
    assert "100%" in err
    for number in (A, B, C, wrong_check(C), "13812345678"):
        assert number not in out + err
    assert cli.main(["roster", "import", str(tmp_path / "nope.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err
    out_json = tmp_path / "forms.json"
    assert cli.main(["export", "form", "--format", "json", "--out", str(out_json)]) == 0
    assert out_json.read_text(encoding="utf-8") == "[]"
