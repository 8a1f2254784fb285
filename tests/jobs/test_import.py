"""Vacancy and training import: Chinese or English headers, CSV or XLSX, bad rows by line, idempotent by
external_id, expired rows retired, the CLI."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bot import cli
from bot.job_import import close, import_items
from bot.settings import Settings
from bot.table_file import TableFileError
from storage.models import Training, Vacancy
from tests.jobs.data import TODAY, TRAININGS, VACANCIES, VACANCY_HEADER, write_csv
from tests.survey.helpers import cipher, database

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


async def run(settings: Settings, table: str, path: Path, today: date = TODAY) -> Any:
    async with database(settings) as sessions:
        return await import_items(table, sessions, cipher(settings), path, now=NOW, today=today)  # type: ignore[arg-type]


async def stored(settings: Settings, model: type[Vacancy] | type[Training]) -> dict[str, Any]:
    async with database(settings) as sessions, sessions() as session:
        return {row.external_id: row for row in await session.scalars(select(model))}


async def test_vacancies_go_in_with_codes_and_the_expired_one_retired(settings: Settings, tmp_path: Path) -> None:
    report = await run(settings, "vacancies", write_csv(tmp_path / "v.csv", VACANCY_HEADER, VACANCIES))
    assert (report.added, report.updated, report.unchanged, report.retired, report.invalid) == (4, 0, 0, 1, [])
    rows = await stored(settings, Vacancy)
    guard = rows["WN-001"]
    assert (guard.kind, guard.division, guard.salary_min, guard.salary_max, guard.headcount) == (
        "factory", "520526", 2500, 3200, 3)
    assert (guard.age_min, guard.age_max, guard.expires, guard.share_contact) == (18, 60, date(2026, 12, 31), True)
    assert guard.contact_phone_enc and cipher(settings).decrypt(guard.contact_phone_enc) == "+8613800000001"
    assert "13800000001" not in guard.contact_phone_enc  # encrypted at rest
    shenzhen = rows["SZ-001"]
    assert (shenzhen.kind, shenzhen.division, shenzhen.transport_subsidy) == ("cross_province", "440306", "500元")
    assert cipher(settings).decrypt(shenzhen.contact_phone_enc or "") == "0755-12345678"
    assert rows["WN-002"].kind == "public_welfare" and rows["WN-002"].contact_phone_enc is None
    assert rows["WN-003"].status == "expired" and rows["WN-003"].retired_at == NOW
    assert {r.status for k, r in rows.items() if k != "WN-003"} == {"open"}


async def test_bad_rows_are_reported_by_line_and_the_good_ones_go_in(settings: Settings, tmp_path: Path) -> None:
    good = VACANCIES[0]

    def row(**changes: str) -> list[str]:
        cells = dict(zip(VACANCY_HEADER, good, strict=True)) | changes
        return [cells[h] for h in VACANCY_HEADER]

    rows = [
        row(编号="A1"),                                   # 2 ok
        row(编号="A2", 岗位名称=""),                         # 3
        row(编号="A3", 类型="造火箭"),                        # 4
        row(编号="A4", 地区="火星县"),                        # 5
        row(编号="A5", 最低工资="很多"),                       # 6
        row(编号="A6", 最低工资="5000", 最高工资="3000"),        # 7
        row(编号="A7", 截止日期="明年"),                       # 8
        row(编号="A1"),                                   # 9 duplicate
        row(编号="A8", 联系电话="12345"),                     # 10
        row(编号="A9", 最小年龄="70", 最大年龄="30"),             # 11
        row(编号="A10", 公开电话="也许"),                       # 12
        row(编号="A11", 最低工资="三千五", 最高工资="4,000", 截止日期="2026/12/31"),  # 13 ok
    ]
    report = await run(settings, "vacancies", write_csv(tmp_path / "v.csv", VACANCY_HEADER, rows))
    assert {p.line: p.reason for p in report.invalid} == {
        3: "missing 名称 (title)",
        4: "unknown kind '造火箭'",
        5: "unknown division '火星县'",
        6: "bad salary_min '很多'",
        7: "salary_min is above salary_max",
        8: "bad expires date '明年' (YYYY-MM-DD)",
        9: "duplicate external_id 'A1' (same as line 2)",
        10: "bad contact phone",
        11: "age_min is above age_max",
        12: "bad share_contact '也许' (是/否)",
    }
    assert all("13800000001" not in str(p) for p in report.invalid)
    assert report.added == 2
    assert (await stored(settings, Vacancy))["A11"].salary_min == 3500


async def test_reimport_changes_nothing_edits_update_and_closed_items_stay_closed(
    settings: Settings, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "v.csv", VACANCY_HEADER, VACANCIES)
    await run(settings, "vacancies", path)

    async def snapshot() -> dict[str, Any]:
        return {k: (r.id, r.updated_at, r.contact_phone_enc) for k, r in (await stored(settings, Vacancy)).items()}

    before = await snapshot()
    again = await run(settings, "vacancies", path)
    assert (again.added, again.updated, again.unchanged, again.retired) == (0, 0, 4, 0)
    assert await snapshot() == before
    async with database(settings) as sessions, sessions() as session, session.begin():
        # Closed by hand (the console's "expire"): no longer offered, and a re-import does not reopen it.
        assert await close(session, "vacancies", "WN-002", now=NOW) is True
        assert await close(session, "vacancies", "WN-002", now=NOW) is False
    edited = [list(r) for r in VACANCIES]
    edited[0][7] = "3500"  # better pay for the guards
    edited[2][16] = "2027-06-30"  # the rangers' post extended
    report = await run(settings, "vacancies", write_csv(tmp_path / "v2.csv", VACANCY_HEADER, edited))
    assert (report.added, report.updated, report.unchanged) == (0, 2, 2)
    rows = await stored(settings, Vacancy)
    assert rows["WN-001"].salary_max == 3500 and rows["WN-001"].id == before["WN-001"][0]
    assert rows["WN-002"].status == "closed" and rows["WN-002"].expires == date(2027, 6, 30)


async def test_items_whose_date_passed_since_the_last_import_are_retired(settings: Settings, tmp_path: Path) -> None:
    await run(settings, "vacancies", write_csv(tmp_path / "v.csv", VACANCY_HEADER, VACANCIES[:2]))
    # Five weeks later another file (without the guard job) comes in: the guard job's date has passed.
    later = TODAY + timedelta(days=36)
    report = await run(settings, "vacancies", write_csv(tmp_path / "v2.csv", VACANCY_HEADER, VACANCIES[2:3]),
                       today=later)
    assert report.retired == 2  # the rangers' post (in the file) and the guard job (stored before)
    rows = await stored(settings, Vacancy)
    assert (rows["WN-001"].status, rows["WN-002"].status, rows["SZ-001"].status) == ("expired", "expired", "open")


async def test_trainings_from_an_xlsx_with_english_headers_and_date_cells(settings: Settings, tmp_path: Path) -> None:
    english = ["external_id", "title", "provider", "kind", "division", "starts", "ends", "age_min", "age_max",
               "education_min", "job_type", "subsidy", "seats", "contact_phone", "share_contact", "expires"]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(english)
    for row in TRAININGS:
        cells: list[Any] = list(row)
        cells[5] = datetime.fromisoformat(row[5])  # a date cell, as Excel stores it
        cells[12] = int(row[12])
        sheet.append(cells)
    book.save(tmp_path / "t.xlsx")
    report = await run(settings, "trainings", tmp_path / "t.xlsx")
    assert (report.added, report.invalid) == (2, [])
    rows = await stored(settings, Training)
    school = rows["BJ-T01"]
    assert (school.kind, school.division, school.starts, school.education_min, school.seats) == (
        "technical_school", "5205", date(2027, 3, 1), "junior", 50)
    assert school.subsidy == "免学费, 每年助学金2000元"
    welding = rows["WN-T01"]
    assert (welding.kind, welding.education_min, welding.job_type, welding.share_contact) == (
        "upgrade", "none", "电焊", False)


async def test_a_file_that_is_not_a_table_is_an_error(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(TableFileError, match="编号"):
        await run(settings, "vacancies", write_csv(tmp_path / "v.csv", ["名称", "地区"], [["保安", "威宁"]]))
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(TableFileError):
        await run(settings, "trainings", tmp_path / "x.xlsx")


def test_the_cli_prints_bad_rows_and_a_summary(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(settings.secret_key).decode())
    rows = [*VACANCIES, ["B1", "", "x", "工厂", "威宁县", "", "", "", "", "", "", "", "", "", "", "", ""]]
    assert cli.main(["vacancies", "import", str(write_csv(tmp_path / "v.csv", VACANCY_HEADER, rows, "gbk"))]) == 0
    out = capsys.readouterr().out.splitlines()
    # Nobody registered yet: the new items are planned (marked) and pushed to nobody.
    assert out == ["line 6: missing 名称 (title)", "added 4, updated 0, unchanged 0, retired 1, invalid 1",
                   "pushes planned: 0 (joined to one waiting: 0)"]
    assert cli.main(["trainings", "import", str(tmp_path / "missing.csv")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "value"), [("²", None), ("５５", 55), ("55岁", 55)])
def test_a_digit_that_is_no_number_is_a_bad_cell_not_a_crash(text: str, value: int | None) -> None:
    """"²" in an age column (str.isdigit says yes, int() refuses) raised ValueError out of the row's checks, ending
    the whole import; it is a bad row like any other. Full-width digits are still a number."""
    from bot.job_import import BadRow, _number

    if value is None:
        with pytest.raises(BadRow):
            _number(text, "age")
    else:
        assert _number(text, "age") == value
