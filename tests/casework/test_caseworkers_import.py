"""`jiuye caseworkers import`: CSV/XLSX, Chinese or English headers, bad rows by line, idempotent, masked output."""

from __future__ import annotations

import base64
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from bot import cli
from bot.casework.importer import import_caseworkers
from bot.settings import Settings
from bot.table_file import TableFileError
from storage import repositories as repo
from storage.models import Caseworker, CaseworkerAddress, CaseworkerDivision
from tests.casework.files import NOW, write_csv
from tests.casework.people import HEADER, import_rows
from tests.survey.helpers import cipher, database

OPENID = "oAbCdEfGhIjKlMnOpQrStUvWx12"
ROWS = [
    ["张主任", "13900000001", "威宁县", "supervisor", "", "", "", "是"],                       # 2 ok
    ["李书记", "139 0000 0002", "威宁县草海镇、么站镇", "caseworker", "13900000001", OPENID,
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY1", ""],                   # 3 ok (names)
    ["赵干事", "+8613900000003", "520526102;520526103", "", "13900000001", "", "", ""],          # 4 ok (codes)
    ["", "13900000004", "520526", "", "", "", "", ""],                                          # 5 missing name
    ["钱七", "12345", "520526", "", "", "", "", ""],                                             # 6 bad phone
    ["孙八", "13900000002", "520526", "", "", "", "", ""],                                       # 7 duplicate phone
    ["周九", "13900000005", "火星县", "", "", "", "", ""],                                        # 8 unknown division
    ["吴十", "13900000006", "520526", "boss", "", "", "", ""],                                   # 9 bad role
    ["郑一", "13900000007", "520526", "", "13900000099", "", "", ""],                            # 10 unknown supervisor
    ["王二", "13900000008", "520526", "", "", "", "ftp://robot", ""],                            # 11 bad robot URL
    ["冯三", "13900000009", "520526", "", "13900000009", "", "", ""],                            # 12 own supervisor
]


async def stored(settings: Settings) -> dict[str, Caseworker]:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session:
        rows = await session.scalars(select(Caseworker))
        return {c.decrypt(r.phone_enc): r for r in rows if r.phone_enc}


async def test_rows_are_validated_and_reported_by_line(settings: Settings, tmp_path: Path) -> None:
    async with database(settings) as sessions:
        report = await import_rows(sessions, cipher(settings), tmp_path, ROWS, NOW)
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    problems = {p.line: p.reason for p in report.invalid}
    assert problems == {
        5: "missing name", 6: "bad phone number", 7: "duplicate phone number (same as line 3)",
        8: "unknown division '火星县'", 9: "role must be caseworker or supervisor",
        10: "supervisor phone not found among caseworkers", 11: "the WeCom robot must be an http(s) URL",
        12: "a caseworker cannot be their own supervisor",
    }
    assert all("13900000" not in str(p) for p in report.invalid)  # phones masked: 139****0007
    assert "139****0007" in str(next(p for p in report.invalid if p.line == 10))
    people = await stored(settings)
    boss, li, zhao = people["+8613900000001"], people["+8613900000002"], people["+8613900000003"]
    assert (boss.role, boss.fallback, boss.supervisor_id) == ("supervisor", True, None)
    assert (li.role, li.supervisor_id, zhao.supervisor_id) == ("caseworker", boss.id, boss.id)
    assert li.wecom_robot_hash is not None and zhao.wecom_robot_hash is None
    assert li.wecom_webhook_enc is not None and "SECRETKEY1" not in li.wecom_webhook_enc
    async with database(settings) as sessions, sessions() as session:
        divisions = {(d.caseworker_id, d.division) for d in await session.scalars(select(CaseworkerDivision))}
        addresses = {(a.caseworker_id, a.channel) for a in await session.scalars(select(CaseworkerAddress))}
    assert divisions == {(boss.id, "520526"), (li.id, "520526100"), (li.id, "520526101"),
                         (zhao.id, "520526102"), (zhao.id, "520526103")}
    # Everyone's phone is theirs on the simulator's WeChat channel too (care17): a "wechat" address each.
    assert addresses == {(boss.id, "sms"), (li.id, "sms"), (li.id, "wechat"), (zhao.id, "sms"), (boss.id, "wechat"),
                         (zhao.id, "wechat")}


async def test_reimport_changes_nothing_and_edits_update(settings: Settings, tmp_path: Path) -> None:
    async with database(settings) as sessions:
        await import_rows(sessions, cipher(settings), tmp_path, ROWS[:3], NOW)
        again = await import_rows(sessions, cipher(settings), tmp_path, ROWS[:3], NOW)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        edited = [ROWS[0], [*ROWS[1][:2], "520526102", *ROWS[1][3:5], "", "", ""], ROWS[2]]
        changed = await import_rows(sessions, cipher(settings), tmp_path, edited, NOW)
        assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 2)
        async with sessions() as session:
            li = await session.scalar(select(Caseworker).where(Caseworker.name == "李书记"))
            assert li is not None
            codes = set(await session.scalars(
                select(CaseworkerDivision.division).where(CaseworkerDivision.caseworker_id == li.id)))
            channels = set(await session.scalars(
                select(CaseworkerAddress.channel).where(CaseworkerAddress.caseworker_id == li.id)))
            hashes = set(await session.scalars(
                select(CaseworkerAddress.address_hash).where(CaseworkerAddress.caseworker_id == li.id)))
    assert codes == {"520526102"}
    assert not hashes & {repo.address_hash(cipher(settings), "wechat", OPENID, simulated=played)
                         for played in (False, True)}
    # (WeChat: the phone on the simulator's WeChat channel, care17; the openid's addresses are gone, below.)
    assert (li.wecom_webhook_enc, li.wechat_openid_enc, channels) == (None, None, {"sms", "wechat"})


async def test_xlsx_with_english_headers(settings: Settings, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["phone", "name", "divisions", "role", "supervisor_phone", "notes"])
    sheet.append([13900000001, "Zhang", "520526", "supervisor", None, "ignored"])
    sheet.append(["13900000002", "Li", "520526100", "caseworker", "13900000001", None])
    path = tmp_path / "caseworkers.xlsx"
    book.save(path)
    async with database(settings) as sessions:
        report = await import_caseworkers(sessions, cipher(settings), path, now=NOW)
    assert (report.added, report.invalid) == (2, [])
    people = await stored(settings)
    assert people["+8613900000002"].supervisor_id == people["+8613900000001"].id


async def test_a_file_without_phone_column_is_refused(settings: Settings, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [["姓名", "负责区划"], ["李书记", "520526"]])
    async with database(settings) as sessions:
        with pytest.raises(TableFileError, match="手机号"):
            await import_caseworkers(sessions, cipher(settings), path, now=NOW)


def test_cli_prints_masked_problems_and_a_summary(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIUYE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(settings.secret_key).decode())
    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path / "var"))
    path = write_csv(tmp_path / "caseworkers.csv", [HEADER, *ROWS], "gbk")
    assert cli.main(["caseworkers", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "line 6: bad phone number" in out
    assert "added 3, updated 0, unchanged 0, invalid 8" in out
    assert "100%" in err
    assert "SECRETKEY1" not in out + err and "13900000002" not in out + err
    assert cli.main(["caseworkers", "import", str(tmp_path / "missing.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err
