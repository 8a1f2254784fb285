"""`jiuye export cases|registrations|tasks|alerts` (and the form export's XLSX): the issue's JSON keys, masks
identical in every format, times in Asia/Shanghai, division filter, audited unmasked output, usable XLSX."""

from __future__ import annotations

import base64
import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bot import cli
from bot.casework import escalate_overdue_tasks, open_assistance_case, open_rights_case, open_visit_task
from bot.casework.cases import close_on_job, create_registration
from bot.casework.export import EXPORTS, export_casework
from bot.export import export_forms
from bot.settings import Settings
from storage.models import Alert, AuditLog
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.fakes.identity import make_id
from tests.survey.helpers import cipher, database

ID = make_id("520526", date(1985, 4, 9), 77)
FAR_ID = make_id("441900", date(1990, 1, 1), 5)
KEYS = {
    "cases": {"case_id", "kind", "id_number", "home_division", "caseworker_phone", "status", "opened_at",
              "first_contact_due", "closed_at", "close_reason", "days_to_job"},
    "registrations": {"id_number", "last_work_day", "job_loss_reason", "insured", "insured_years", "status",
                      "submitted_at"},
    "tasks": {"task_id", "kind", "id_number", "caseworker_phone", "due_at", "status", "escalated_to"},
    "alerts": {"kind", "recipient_phone", "channel", "status", "sent_at"},
}


async def _records(settings: Settings) -> dict[str, int]:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor",
                                divisions=("5205",))
        await caseworker(session, c, supervisor_id=boss, divisions=("520526",))
        person = await laborer(session, c, NOW, id_number=ID)
        far = await laborer(session, c, NOW, name="钱七", phone="+8613800138001", division="441900119",
                            id_number=FAR_ID)
        registration = await create_registration(
            session, person_id=person, last_work_day=date(2026, 11, 20), job_loss_reason="employer_closed",
            insured="yes", insured_years=6.0, wants_services=["job_referral"], benefit_likely=True, benefit_months=18,
            now=NOW)
        case = await open_assistance_case(session, c, person_id=person, now=NOW, registration_id=registration.id)
        await close_on_job(session, person_id=person, now=NOW + timedelta(days=12))
        await open_rights_case(session, c, person_id=far, issue="wage_arrears", now=NOW)
        await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=NOW + timedelta(days=3),
                              now=NOW, dedup_key="visit:1")
        await escalate_overdue_tasks(session, c, now=NOW + timedelta(days=4))
        for alert in await session.scalars(select(Alert)):
            alert.status, alert.channel, alert.sent_at = "sent", "wecom", NOW + timedelta(seconds=2)
    return {"case": case.case_id, "registration": registration.id, "boss": boss}


async def _export(settings: Settings, tmp_path: Path, what: str, fmt: str, **kwargs: Any) -> Path:
    out = tmp_path / f"{what}.{fmt}"
    async with database(settings) as sessions:
        await export_casework(sessions, cipher(settings), what=what, fmt=fmt, out=out, now=NOW,
                              division=kwargs.get("division"), unmasked=kwargs.get("unmasked", False),
                              actor=kwargs.get("actor"))
    return out


async def test_json_has_the_issues_keys_masked_and_in_local_time(settings: Settings, tmp_path: Path) -> None:
    w = await _records(settings)
    found = {what: json.loads((await _export(settings, tmp_path, what, "json")).read_text("utf-8")) for what in EXPORTS}
    for what, keys in KEYS.items():
        assert found[what] and all(keys <= record.keys() for record in found[what]), what
    case = next(r for r in found["cases"] if r["case_id"] == w["case"])
    assert case == case | {
        "kind": "assistance", "id_number": ID[:4] + "*" * 10 + ID[-4:], "home_division": "520526100",
        "caseworker_phone": "139****0002", "status": "closed", "opened_at": "2026-11-26T10:00:00+08:00",
        "first_contact_due": "2026-11-28T10:00:00+08:00", "closed_at": "2026-12-08T10:00:00+08:00",
        "close_reason": "employed", "days_to_job": 12, "phone": "138****8000", "registration_id": w["registration"],
    }
    rights = next(r for r in found["cases"] if r["kind"] == "rights")
    assert (rights["issue"], rights["home_division"], rights["status"]) == ("wage_arrears", "441900119", "open")
    [registration] = found["registrations"]
    assert registration == registration | {
        "last_work_day": "2026-11-20", "job_loss_reason": "employer_closed", "insured": "yes", "insured_years": 6.0,
        "status": "submitted", "submitted_at": "2026-11-26T10:00:00+08:00", "benefit_months": 18,
    }
    visit = next(t for t in found["tasks"] if t["kind"] == "visit")
    assert (visit["status"], visit["escalated_to"], visit["due_at"]) == (
        "overdue", "139****0001", "2026-11-29T10:00:00+08:00")
    kinds = {(a["kind"], a["recipient_phone"]) for a in found["alerts"]}
    assert ("escalation", "139****0001") in kinds and ("new_case", "139****0002") in kinds
    assert all(a["channel"] == "wecom" and a["sent_at"] == "2026-11-26T10:00:02+08:00" for a in found["alerts"])
    text = json.dumps(found, ensure_ascii=False)
    assert ID not in text and "13800138000" not in text and "13900000002" not in text


async def test_masks_are_identical_in_every_format(settings: Settings, tmp_path: Path) -> None:
    await _records(settings)
    for what in EXPORTS:
        records = json.loads((await _export(settings, tmp_path, what, "json")).read_text("utf-8"))
        with (await _export(settings, tmp_path, what, "csv")).open(encoding="utf-8-sig", newline="") as f:
            table = list(csv.reader(f))
        sheet = openpyxl.load_workbook(await _export(settings, tmp_path, what, "xlsx")).active
        cells = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
        assert cells[0] == table[0] and len(cells) == len(table) == len(records) + 1
        for record, row_csv, row_xlsx in zip(records, table[1:], cells[1:], strict=True):
            for key in ("id_number", "phone", "caseworker_phone", "recipient_phone", "escalated_to"):
                if record.get(key):
                    assert record[key] in row_csv and record[key] in row_xlsx, (what, key)


async def test_division_filter_and_the_audit_of_unmasked_output(settings: Settings, tmp_path: Path) -> None:
    await _records(settings)
    out = await _export(settings, tmp_path, "cases", "json", division="5205", unmasked=True, actor="county")
    [case] = json.loads(out.read_text("utf-8"))
    assert (case["id_number"], case["phone"], case["caseworker_phone"]) == (ID, "+8613800138000", "+8613900000002")
    masked = await _export(settings, tmp_path, "tasks", "csv", division="44")
    _header, *rows = list(csv.reader(masked.open(encoding="utf-8-sig")))
    # Only the Dongguan worker's rights case's first contact (a task since 2026-12-06), masked.
    assert [(row[1], row[3], row[4]) for row in rows] == [("首次联系", "4419**********0052", "138****8001")]
    async with database(settings) as sessions, sessions() as session:
        [audit] = list(await session.scalars(select(AuditLog)))
    assert (audit.actor, audit.action) == ("county", "export_unmasked")
    assert json.loads(audit.detail) == {"export": "cases", "format": "json", "division": "5205", "rows": 1,
                                        "path": str(out)}


async def test_xlsx_is_usable_as_it_is(settings: Settings, tmp_path: Path) -> None:
    await _records(settings)
    book = openpyxl.load_workbook(await _export(settings, tmp_path, "cases", "xlsx"))
    sheet = book.active
    assert sheet.title == "帮扶案件" and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}3"
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["案件编号", "类别", "权益问题", "姓名", "身份证号", "手机号"] and sheet["A1"].font.b
    assert sheet.column_dimensions["E"].width >= 18  # an 18-character ID number fits
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["类别"].value == "一对一帮扶" and row["状态"].value == "已结案"
    assert row["户籍地名称"].value.endswith("草海镇")
    opened = row["立案时间"]
    assert opened.value == datetime(2026, 11, 26, 10, 0) and opened.number_format == "yyyy-mm-dd hh:mm"


async def test_the_form_export_is_a_usable_xlsx_too(settings: Settings, tmp_path: Path) -> None:
    await _records(settings)
    out = tmp_path / "forms.xlsx"
    async with database(settings) as sessions:
        assert await export_forms(sessions, cipher(settings), fmt="xlsx", out=out, division=None, unmasked=False,
                                  now=NOW) == 2
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet["A1"].font.b
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row["更新时间"] == datetime(2026, 11, 26, 10, 0) and row["手机号"] == "138****8000"


def test_cli_exports_each_kind(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(settings.secret_key).decode())
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    for what in EXPORTS:
        out = tmp_path / f"{what}.json"
        assert cli.main(["export", what, "--format", "json", "--out", str(out)]) == 0
        assert json.loads(out.read_text("utf-8")) == []
        assert f"0 {what} written to" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["export", "cases", "--format", "pdf", "--out", "x"])
