"""The survey end to end: simulator -> dispatcher -> effects -> database, then the export."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from bot.clock import FrozenClock
from bot.export import export_forms
from bot.roster import import_roster
from bot.settings import Settings
from storage.info_forms import decode_change
from storage.models import AuditLog, FormChange, InfoForm, Person, RosterEntry, RosterReviewFlag
from tests import people
from tests.fakes.identity import make_id, wrong_check
from tests.people import Said
from tests.survey.helpers import cipher, database, say

ID = make_id("520526", date(1988, 7, 2), 41)


async def converse(client: Any, user: str, lines: list[str]) -> dict[str, Any]:
    reply: dict[str, Any] = {}
    for line in lines:
        reply = await say(client, user, line)
    return reply


COLLOQUIAL = [
    "同意", "我叫 王小明", wrong_check(ID), ID, "138 1234 567", "13812345678", "不知道", "毕节", "威宁",
    "新发村三组", "在东莞长安镇的电子厂上班", "振安路88号", "0769-12345678", "普工", "好久了", "去年三月",
    "四千五左右", "外出打工", "签了", "没交", "按时发",
]


async def test_full_survey_through_the_simulator_then_export(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    first = await say(client, "wx-1", event="subscribe")
    assert first["awaiting"] == "consent"
    reply = await converse(client, "wx-1", COLLOQUIAL)
    assert reply["awaiting"] == "summary"
    assert "5205**********" in reply["replies"][-1]
    done = await say(client, "wx-1", "0")
    assert done["awaiting"] is None and done["replies"][0].startswith("谢谢! 您的信息已保存")
    assert done["replies"][1].startswith("您说单位没交社保, ")  # a rights case: the person is told

    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session:
            form = (await session.scalars(select(InfoForm))).one()
            person = await session.get(Person, form.person_id)
            changes = list(await session.scalars(select(FormChange).order_by(FormChange.id)))
        assert form.status == "pending_review" and form.source == "wechat"
        assert form.name == "王小明" and c.decrypt(form.id_number_enc or "") == ID
        assert form.id_number_hash == c.blind_index("id_number", ID)
        assert form.phone_hash == c.blind_index("phone", "+8613812345678")
        assert form.home_division == "520526" and form.employment_status == "employed"
        assert form.data["work_division"] == "441900119" and form.data["employer"] == "电子厂"
        assert form.data["monthly_income"] == 4500 and form.data["started"] == "2025-03"
        assert form.data["contract_signed"] is True and form.data["social_insurance"] is False
        assert "id_number" not in form.data and "phone" not in form.data
        assert form.consent_version == "2026-11" and form.consent_at is not None
        assert person is not None and person.consent_at is not None
        id_change = next(ch for ch in changes if ch.field == "id_number")
        assert ID not in (id_change.new_value_enc or "")  # encrypted at rest
        assert decode_change(c, id_change.new_value_enc) == ID and id_change.actor == "laborer"
        assert {ch.channel for ch in changes} == {"wechat"}

        # A simulator user's form is never exported; the layout is checked as if the person were real.
        out = tmp_path / "forms.json"
        assert await export_forms(sessions, c, fmt="json", out=out, division=None, unmasked=False,
                                  now=form.updated_at) == 0
        async with sessions() as session, session.begin():
            await session.execute(update(Person).values(simulated=False))

        # JSON: field keys, codes, numbers, masked.
        rows = await export_forms(sessions, c, fmt="json", out=out, division=None, unmasked=False,
                                  now=form.updated_at)
        assert rows == 1
        [record] = json.loads(out.read_text(encoding="utf-8"))
        assert record["id_number"] == ID[:4] + "*" * 10 + ID[-4:]
        assert record["phone"] == "138****5678"  # the same mask as in CSV and XLSX
        assert record["home_division"] == "520526" and record["work_division"] == "441900119"
        assert record["monthly_income"] == 4500 and record["started"] == "2025-03"
        assert record["employment_form"] == "migrant" and record["contract_signed"] is True
        assert record["employer_contact"] == "076******5678"
        assert record["status"] == "pending_review" and record["consent"]["version"] == "2026-11"
        assert record["willing_to_work"] is None

        # CSV: Chinese headers in the form's order, masked; no audit row for a masked export.
        out_csv = tmp_path / "forms.csv"
        await export_forms(sessions, c, fmt="csv", out=out_csv, division="5205", unmasked=False,
                           now=form.updated_at)
        with out_csv.open(encoding="utf-8-sig", newline="") as f:
            header, row = list(csv.reader(f))
        assert header[:7] == ["姓名", "身份证号", "手机号", "户编号", "户籍地代码", "户籍地名称", "村(组)"]
        cells = dict(zip(header, row, strict=True))
        assert cells["身份证号"] == ID[:4] + "*" * 10 + ID[-4:] and cells["手机号"] == "138****5678"
        assert cells["户籍地名称"] == "贵州省毕节市威宁彝族回族苗族自治县" and cells["就业形式"] == "外出务工"
        assert cells["签订劳动合同"] == "是" and cells["月收入(元)"] == "4500"
        async with sessions() as session:
            assert list(await session.scalars(select(AuditLog))) == []

        # Unmasked XLSX: full numbers, and an audit row.
        import openpyxl

        out_xlsx = tmp_path / "forms.xlsx"
        await export_forms(sessions, c, fmt="xlsx", out=out_xlsx, division=None, unmasked=True,
                           now=form.updated_at, actor="tester")
        sheet = openpyxl.load_workbook(out_xlsx).active
        values = [[cell.value for cell in r] for r in sheet.iter_rows()]
        cells = dict(zip(values[0], values[1], strict=True))
        assert cells["身份证号"] == ID and cells["手机号"] == "13812345678"
        async with sessions() as session:
            [audit] = list(await session.scalars(select(AuditLog)))
        assert audit.actor == "tester" and audit.action == "export_unmasked"
        assert json.loads(audit.detail) == {"format": "xlsx", "division": None, "rows": 1, "path": str(out_xlsx)}

        # A division filter that matches nobody.
        assert await export_forms(sessions, c, fmt="json", out=out, division="44", unmasked=False,
                                  now=form.updated_at) == 0


async def test_resume_after_days_through_the_simulator(client: Any, clock: FrozenClock) -> None:
    await say(client, "wx-2", event="subscribe")
    await converse(client, "wx-2", ["同意", "李四", ID])
    clock.advance(timedelta(days=4))
    back = await say(client, "wx-2", "在吗")
    assert back["replies"] == ["欢迎回来! 我们接着上次的继续。", "请输入您的手机号码。"]
    assert back["awaiting"] == "phone"


async def test_status_change_after_submission_updates_the_record_and_history(
    client: Any, settings: Settings
) -> None:
    await say(client, "wx-3", event="subscribe")
    await converse(client, "wx-3", [*COLLOQUIAL, "0"])
    reply = await say(client, "wx-3", "厂子倒闭了")
    assert reply["awaiting"] == "last_work_day"  # the registration dialog first (tests/registration)
    reply = await converse(client, "wx-3", ["前天", "没交", "1 2"])
    assert reply["awaiting"] == "preferred_scope"
    reply = await converse(client, "wx-3", ["省内", "电子厂", "没有", "五千", "随时", "0"])
    assert reply["awaiting"] is None
    async with database(settings) as sessions, sessions() as session:
        form = (await session.scalars(select(InfoForm))).one()
        employer = list(await session.scalars(select(FormChange).where(FormChange.field == "employer")
                                              .order_by(FormChange.id)))
    assert form.employment_status == "unemployed" and "employer" not in form.data
    assert form.data["service_needs"] == ["job_referral", "training"] and form.data["expected_income"] == 5000
    c = cipher(settings)
    assert decode_change(c, employer[-1].old_value_enc) == "电子厂" and employer[-1].new_value_enc is None


async def test_consent_refusal_is_recorded(client: Any, settings: Settings) -> None:
    await say(client, "wx-4", event="subscribe")
    reply = await say(client, "wx-4", "不同意")
    assert reply["awaiting"] is None
    job = await say(client, "wx-4", "有没有活干, 想找个工作")
    assert job["replies"][-1].startswith("要推荐适合您的工作, 需要先登记")  # how to register, not asked again
    async with database(settings) as sessions, sessions() as session:
        person = (await session.scalars(select(Person))).one()
        assert person.consent_refused_at is not None and person.consent_at is None
        assert list(await session.scalars(select(InfoForm))) == []


async def _roster(settings: Settings, tmp_path: Path, name: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f"姓名,身份证号,手机号,户编号,户籍地\n{name},{ID},13912345678,5205260001,520526\n",
                    encoding="utf-8")
    async with database(settings) as sessions:
        report = await import_roster(sessions, cipher(settings), path, now=datetime(2026, 11, 1, tzinfo=UTC))
    assert report.added == 1


async def _on_wechat(client: Any, user: str, lines: list[str]) -> Said:
    """A real WeChat user (the roster is never matched with a simulator user): the last passive reply."""
    said = await people.say(client.server.app, "wechat", user, event="subscribe")
    for line in lines:
        said = await people.say(client.server.app, "wechat", user, line)
    return said


async def test_roster_link_prefills_and_links(client: Any, settings: Settings, tmp_path: Path) -> None:
    await _roster(settings, tmp_path, "王小明")
    reply = await _on_wechat(client, "wx-5", ["同意", "王小明", ID])
    # One passive reply on WeChat: the texts joined.
    assert reply.replies == ("已找到您的登记信息, 只需补充缺少的内容。\n\n您家在哪个村 (组)?",)
    reply = await _on_wechat(client, "wx-5", ["新发村", "身体不好干不了", "0"])
    assert reply.awaiting is None
    async with database(settings) as sessions, sessions() as session:
        entry = (await session.scalars(select(RosterEntry))).one()
        form = (await session.scalars(select(InfoForm))).one()
        actors = {ch.field: ch.actor for ch in await session.scalars(select(FormChange))}
    assert entry.person_id == form.person_id
    assert form.household_id == "5205260001" and form.home_division == "520526"
    assert form.phone_hash == cipher(settings).blind_index("phone", "+8613912345678")
    assert form.employment_status == "unable"
    assert actors["household_id"] == "roster" and actors["name"] == "laborer"


async def test_roster_mismatch_is_flagged_not_merged(client: Any, settings: Settings, tmp_path: Path) -> None:
    await _roster(settings, tmp_path, "张三")
    reply = await _on_wechat(client, "wx-6", ["同意", "王小明", ID])
    assert reply.awaiting == "phone" and reply.replies == ("请输入您的手机号码。",)
    async with database(settings) as sessions, sessions() as session:
        entry = (await session.scalars(select(RosterEntry))).one()
        [flag] = list(await session.scalars(select(RosterReviewFlag)))
    assert entry.person_id is None
    assert flag.roster_entry_id == entry.id and flag.reason == "name_mismatch" and flag.resolved_at is None


async def test_the_whole_survey_by_sms_never_needs_more_than_two_parts(client: Any) -> None:
    from dialogs.sms_text import parts

    replies: list[str] = []
    for line in ["你好", "1", *COLLOQUIAL]:
        replies += (await say(client, "13912345678", line, channel="sms"))["replies"]
    assert any("5205**" in r for r in replies)  # the summary came, in pieces
    too_long = [r for r in replies if parts(r) > 2]
    assert not too_long, too_long


def test_typed_text_cannot_become_a_spreadsheet_formula() -> None:
    from bot.export import _inert

    assert _inert("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _inert("@SUM(A1)") == "'@SUM(A1)" and _inert("-cmd") == "'-cmd"
    assert _inert("+8613812345678") == "+8613812345678" and _inert("-5") == "-5"
    assert _inert("电子厂") == "电子厂" and _inert(4500) == 4500
