"""Who is responsible: the roster's named caseworker, the most specific covering division, the supervisor above,
the fallback administrator, and a stand-in owner handed on when caseworkers are imported."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.casework import open_assistance_case, responsible_caseworker
from bot.casework.responsibility import UNASSIGNED, ancestors
from bot.roster import import_roster
from bot.settings import Settings
from storage.models import Alert, AssistanceCase, Caseworker, CaseworkTask, RosterEntry
from tests.casework.files import NOW, write_csv
from tests.casework.people import import_rows, laborer
from tests.fakes.identity import make_id
from tests.survey.helpers import cipher, database

COUNTY_SUPERVISOR = ["张主任", "13900000001", "520526", "supervisor", "", "", "", ""]
PREFECTURE_ADMIN = ["刘局长", "13900000009", "5205", "supervisor", "", "", "", "是"]
CAOHAI = ["李书记", "13900000002", "520526100", "caseworker", "13900000001", "", "", ""]
COUNTY_WIDE = ["赵干事", "13900000003", "520526", "caseworker", "13900000001", "", "", ""]


async def ids(sessions: object) -> dict[str, int]:
    async with sessions() as session:  # type: ignore[operator]
        return {r.name: r.id for r in await session.scalars(select(Caseworker))}


def test_ancestors_most_specific_first() -> None:
    assert ancestors("520526100") == ["520526100", "520526", "5205", "52"]
    assert ancestors("52") == ["52"]


async def test_most_specific_division_wins_then_the_supervisor_above(settings: Settings, tmp_path: Path) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, CAOHAI, PREFECTURE_ADMIN], NOW)
        who = await ids(sessions)
        async with sessions() as session, session.begin():
            in_caohai = await laborer(session, c, NOW, division="520526100")
            in_jinzhong = await laborer(session, c, NOW, division="520526102")  # nobody covers the township
            elsewhere = await laborer(session, c, NOW, division="441900119")  # outside every division
            unknown = await laborer(session, c, NOW, division=None)
            assert await responsible_caseworker(session, in_caohai) == who["李书记"]
            assert await responsible_caseworker(session, in_jinzhong) == who["张主任"]
            assert await responsible_caseworker(session, elsewhere) == who["刘局长"]  # marked 兜底
            assert await responsible_caseworker(session, unknown) == who["刘局长"]


async def test_a_caseworker_before_a_supervisor_at_the_same_level(settings: Settings, tmp_path: Path) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, COUNTY_WIDE], NOW)
        who = await ids(sessions)
        async with sessions() as session, session.begin():
            person = await laborer(session, c, NOW, division="520526102")
            assert await responsible_caseworker(session, person) == who["赵干事"]


async def test_the_roster_may_name_the_caseworker(settings: Settings, tmp_path: Path) -> None:
    c = cipher(settings)
    id_number = make_id("520526")
    roster = write_csv(tmp_path / "roster.csv", [
        ["姓名", "身份证号", "户籍地", "帮扶责任人手机号"], ["王小红", id_number, "520526100", "13900000003"],
    ])
    async with database(settings) as sessions:
        await import_roster(sessions, c, roster, now=NOW)
        await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, CAOHAI, COUNTY_WIDE], NOW)
        who = await ids(sessions)
        async with sessions() as session, session.begin():
            person = await laborer(session, c, NOW, division="520526100", id_number=id_number)
            entry = await session.scalar(select(RosterEntry))
            assert entry is not None
            entry.person_id = person
            await session.flush()
            assert await responsible_caseworker(session, person) == who["赵干事"]


async def test_with_nobody_imported_a_stand_in_owns_the_case_until_the_import(
    settings: Settings, tmp_path: Path
) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            person = await laborer(session, c, NOW, division="520526100")
            opened = await open_assistance_case(session, c, person_id=person, now=NOW)
        async with sessions() as session:
            owner = await session.get(Caseworker, opened.caseworker_id)
            assert owner is not None and owner.role == UNASSIGNED
        report = await import_rows(sessions, c, tmp_path, [COUNTY_SUPERVISOR, CAOHAI], NOW)
        assert report.reassigned == 1
        who = await ids(sessions)
        async with sessions() as session:
            case = await session.get(AssistanceCase, opened.case_id)
            task = await session.scalar(select(CaseworkTask).where(CaseworkTask.case_id == opened.case_id))
            kinds = [(a.caseworker_id, a.kind) for a in await session.scalars(select(Alert).order_by(Alert.id))]
    assert case is not None and case.caseworker_id == who["李书记"]
    assert task is not None and task.caseworker_id == who["李书记"]
    assert (who["李书记"], "case_reassigned") in kinds
