"""A case for someone whose home is not known yet went to the fallback supervisor (刘局长) though more was known
(care12): where they work (the form's, or the survey's answer so far) finds the caseworker covering it, else the
nearest supervisor above; the roster entry of the phone they text from tells where they live, as the alerts
already found it. Where they live, when known, still decides."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from bot.casework import open_assistance_case, open_rights_case
from bot.roster import import_roster
from bot.settings import Settings
from storage.models import InfoForm, Person
from tests.casework.files import NOW, write_csv
from tests.casework.people import import_rows, laborer
from tests.casework.test_responsibility import CAOHAI, COUNTY_SUPERVISOR, PREFECTURE_ADMIN, ids
from tests.fakes.identity import make_id
from tests.survey.helpers import cipher, database


async def test_where_they_work_routes_a_case_while_where_they_live_is_not_known(
        settings: Settings, tmp_path: Path) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, CAOHAI, PREFECTURE_ADMIN], NOW)
        who = await ids(sessions)
        async with sessions() as session, session.begin():
            saved = await laborer(session, c, NOW, division=None)
            await session.execute(update(InfoForm).where(InfoForm.person_id == saved).values(
                data={"work_division": "520526100"}))
            told = Person(locale="zh_CN", created_at=NOW)
            away = Person(locale="zh_CN", created_at=NOW)
            session.add_all([told, away])
            await session.flush()
            by_form = await open_assistance_case(session, c, person_id=saved, now=NOW)
            by_answer = await open_rights_case(session, c, person_id=told.id, issue="wage_arrears", now=NOW,
                                               told={"work_division": "520526102"})  # nobody covers the township
            outside = await open_rights_case(session, c, person_id=away.id, issue="other", now=NOW,
                                             told={"work_division": "441900119"})  # outside every division
            at_home = await laborer(session, c, NOW, name="王大红", phone="+8613800138009", division="520526102")
            await session.execute(update(InfoForm).where(InfoForm.person_id == at_home).values(
                data={"work_division": "520526100"}))
            lives = await open_assistance_case(session, c, person_id=at_home, now=NOW)
        assert by_form.caseworker_id == who["李书记"]
        assert by_answer.caseworker_id == who["张主任"]  # the nearest supervisor above where they work
        assert outside.caseworker_id == who["刘局长"]  # nothing known is covered: the fallback
        assert lives.caseworker_id == who["张主任"]  # where they live decides (张主任 covers 520526102)


async def test_the_roster_entry_of_their_phone_routes_a_case(settings: Settings, tmp_path: Path) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        entry = ["王小红", make_id("520526", seq=441), "13985001244", "520526100"]
        roster = write_csv(tmp_path / "roster.csv", [["姓名", "身份证号", "手机号", "户籍地"], entry])
        await import_roster(sessions, c, roster, now=NOW)
        await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, CAOHAI, PREFECTURE_ADMIN], NOW)
        who = await ids(sessions)
        async with sessions() as session, session.begin():
            person = Person(locale="zh_CN", created_at=NOW)
            session.add(person)
            await session.flush()
            opened = await open_rights_case(session, c, person_id=person.id, issue="wage_arrears", now=NOW,
                                            told={"phone": "13985001244"})
        assert opened.caseworker_id == who["李书记"]
