"""Since 0017 a rights case lists every problem told, but the event log kept the first (`issue`) only: "没签合同 也没交
社保" was logged as no_contract alone, and a saved form's rights answers not at all. Each issue is logged now (codes,
never words); a case stored before 0017 (no `issues`) still lists, exports and takes a new problem by its `issue`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import effects, keys
from bot.casework import cases
from bot.casework.export import COLUMNS, load_records, table_rows
from bot.settings import Settings
from dialogs.types import DialogEvent
from storage.models import AssistanceCase, EventLog
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.checkins.helpers import add_people
from tests.people import say
from tests.survey.helpers import cipher, database

OPENID = "oLiShuji00000000000000care14"


async def test_every_issue_of_a_report_is_in_the_event_log(client: Any) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("52",))
    [pid] = await add_people(app, 1, recorded_at=NOW, channels=("sms",), home_division="520526")
    await say(app, "sms", f"+86139{pid:08d}", "老板没跟我签合同 也没给交社保")
    async with app[keys.SESSIONS]() as session:
        logged = [e.data for e in await session.scalars(
            select(EventLog).where(EventLog.kind == "rights_issue_reported"))]
        [case] = list(await session.scalars(select(AssistanceCase).where(AssistanceCase.person_id == pid)))
    assert case.issue_list == ["no_contract", "no_social_insurance"]
    assert logged == [{"issue": "no_contract", "issues": ["no_contract", "no_social_insurance"], "channel": "sms"}]


async def test_a_saved_form_s_rights_answers_are_in_the_event_log(settings: Settings) -> None:
    """A form saved with no contract and no social insurance opened its case with nothing in the event log."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c)
        person = await laborer(session, c, NOW)
    answers = {"employment_status": "employed", "contract_signed": "no", "social_insurance": "no",
               "started": "2025-03"}
    async with database(settings) as sessions, sessions() as session, session.begin():
        ctx = effects.EffectContext(session, c, person, 0, "wechat", NOW)
        await effects.apply(ctx, DialogEvent("form_submitted", {"answers": answers}))
    logged = [row["data"] for row in ctx.event_log if row["kind"] == "rights_issue_reported"]
    assert logged == [{"issue": "no_contract", "issues": ["no_contract", "no_social_insurance"], "flow": "survey",
                       "channel": "wechat"}]


async def test_a_case_stored_before_0017_lists_exports_and_grows_by_its_issue(client: Any) -> None:
    """A guard: `issues` empty (a case opened before migration 0017) reads as its `issue`."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, openid=OPENID)
        person = await laborer(session, cipher, NOW)
        old = AssistanceCase(person_id=person, kind="rights", issue="wage_arrears", issues=None, caseworker_id=li,
                             home_division="520526100", status="open", opened_at=NOW, first_contact_due=NOW,
                             package={})
        session.add(old)
    async with app[keys.SESSIONS]() as session:
        records = await load_records(session, cipher, "cases", None)
    [row] = table_rows("cases", records, unmasked=False)
    assert records[0]["issues"] == ["wage_arrears"]
    assert row[[key for key, _ in COLUMNS["cases"]].index("issues")] == "拖欠工资"
    async with app[keys.SESSIONS]() as session, session.begin():
        joined = await cases.open_rights_case(session, cipher, person_id=person, issue="no_contract", now=NOW)
    async with app[keys.SESSIONS]() as session:
        found = await session.get(AssistanceCase, joined.case_id)
    assert joined.case_id == old.id and found is not None
    assert found.issue_list == ["wage_arrears", "no_contract"]
