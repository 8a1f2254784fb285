"""Play-testing of 2026-12-07 (jobs21): last stop's leftovers of jobs and trainings as laborers ask about them (two
items chosen as "2 3", the SMS list in one message, a wish to change work, the index of the items closed lately:
migration 0019), then what playing them showed (tests/survey/driver.py and the app; each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from bot import keys
from dialogs.flows.jobs_replies import several_named
from dialogs.matching.profile import leaving_trade, seeker_from_record
from dialogs.sms_text import parts
from storage.db import create_engine
from storage.jobs import closed_query
from storage.migrate import alembic_config
from storage.models import InfoForm, Training, Vacancy
from tests.checkins.helpers import add_people
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.jobs.test_jobs19_replies import WORKSHOP
from tests.jobs.test_sms_list import LONG
from tests.jobs.test_sms_list import WEINING as IN_WEINING
from tests.pushes.helpers import WEINING, answer, at, guard_job, import_vacancies

THREE = [GUARD | IN_WEINING, RANGER | IN_WEINING, WORKSHOP | IN_WEINING]

# -- 1. two items chosen by their numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["2 3", "2，3", "2、3", "2,3", "2和3", "2号和3号", "第二个跟第三个"])
def test_two_numbers_apart_are_the_details_of_both(channel: str, text: str) -> None:
    """2 3 with three items listed: read as item 23 ("请回复序号 1 到 3"); 2和3: 没太明白 and the footer."""
    chat = registered_chat(jobs=THREE, channel=channel)
    chat.say("有啥活干")
    replies = chat.say(text)
    assert len(replies) == 2, replies
    assert replies[0].startswith("生态护林员") and replies[1].startswith("扶贫车间缝纫工"), replies


def test_after_two_details_apply_asks_which() -> None:
    """(A guard of what follows: 报名 after 2 3 asks which of the two, not the last one shown on a guess.)"""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    chat.say("2 3")
    assert chat.say("报名") == ["您想报名哪一个? 请回复 报名+序号, 比如: 报名 1。"]
    assert not chat.kinds("jobs.apply")


@pytest.mark.parametrize("text", ["23", "1 5"])
def test_a_number_beyond_the_list_asks_for_one_in_it(text: str) -> None:
    """(A guard: 23 alone is 23, and 1 5 names an item not listed: 请回复序号 1 到 3.)"""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    assert chat.say(text) == ["请回复序号 1 到 3。"]


def test_two_digits_apart_are_one_number_when_the_list_is_that_long() -> None:
    assert several_named("2 3", 3) == (2, 3) and several_named("2 3", 25) is None
    assert several_named("2和3", 25) == (2, 3) and several_named("23", 3) is None and several_named("2", 3) is None
    assert several_named("1 2 3", 3) == (1, 2, 3) and several_named("报名2 3", 3) is None


# -- 2. the SMS list in one message ----------------------------------------------------------------------------------


def test_the_sms_list_is_one_part_of_two_items_and_0_gives_the_third() -> None:
    """有啥活干 by SMS: three items in a message of two parts (109-130 characters); now two in one part, and 回0
    for the rest."""
    chat = registered_chat(jobs=THREE, channel="sms")
    [page] = chat.say("有啥活干")
    assert parts(page) == 1 and page.endswith("回序号看详情, 回0看更多"), page
    assert "1.小区保安" in page and "2.生态护林员" in page and "3." not in page
    [rest] = chat.say("0")
    assert parts(rest) == 1 and "3.扶贫车间缝纫工" in rest
    assert chat.say("报名 2") and chat.kinds("jobs.apply")[-1].data["ref"] == "v3"


def test_two_jobs_with_their_pay_ranges_fit_one_part_under_a_short_head() -> None:
    """有没有离家近的活 by SMS, three jobs of 威宁 with pay ranges: two parts (为您找到这些工作, 都在威宁县: took
    the room of a second item); now 威宁县的工作: and two items in one part."""
    clerk = GUARD | IN_WEINING | {"ref": "v8", "title": "超市理货员", "salary_min": 2300, "salary_max": 2800}
    chat = registered_chat(jobs=[GUARD | IN_WEINING | {"salary_min": 2400, "salary_max": 3000}, clerk,
                                 RANGER | IN_WEINING], channel="sms")
    [page] = chat.say("有没有离家近的活")
    assert page.splitlines() == ["威宁县的工作:", "1.小区保安 2400-3000元/月", "2.超市理货员 2300-2800元/月",
                                 "回序号看详情, 回0看更多"] and parts(page) == 1, page


def test_titles_too_long_for_two_in_one_part_keep_two_parts_of_two() -> None:
    """(A guard: a page of one item a message is not made; two long titles take two parts as before.)"""
    chat = registered_chat(jobs=LONG, channel="sms")
    [page] = chat.say("有啥活干")
    assert parts(page) == 2 and "1.威宁县草海镇" in page and "2.威宁县扶贫车间" in page
    assert "报名+序号报名" in page

# -- 4. the index of the items closed lately (migration 0019) --------------------------------------------------------

ITEMS = 2_000
TODAY = date(2026, 11, 26)


async def _plan(database_url: str, model: type[Vacancy] | type[Training]) -> list[str]:
    """The planner's steps for closed_since's statement over ITEMS items, one closing each day, statistics taken."""
    engine = create_engine(database_url)
    table = model.__tablename__
    who = "employer" if model is Vacancy else "provider"
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"DELETE FROM {table}"))
            await conn.execute(
                text(f"INSERT INTO {table} (external_id, title, {who}, kind, division, share_contact, status, "
                     "applied, source, created_at, updated_at, expires) VALUES (:eid, '保安', '威宁万达物业', "
                     "'factory', '520526', false, :status, 0, 'import', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                     ":expires)"),
                [{"eid": f"WN-{n}", "status": ("open", "expired", "closed")[n % 3],
                  "expires": TODAY - timedelta(days=ITEMS // 2 - n)} for n in range(ITEMS)])
            await conn.execute(text("ANALYZE"))
        query = closed_query(model, TODAY - timedelta(days=14), TODAY)
        async with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
                return [row[0] for row in await conn.execute(text("EXPLAIN " + sql))]
            compiled = query.compile(engine.sync_engine, compile_kwargs={"literal_binds": True})
            return [row[3] for row in await conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    finally:
        await engine.dispose()


async def test_the_items_closed_lately_are_read_through_the_expires_index(database_url: str) -> None:
    """有没有家政培训 looks the courses closed in the last weeks up (storage/jobs.py closed_since): without an index on
    expires it read every vacancy and training ever imported (a full scan, then a sort)."""
    for model, index in ((Vacancy, "ix_vacancy_expires_status"), (Training, "ix_training_expires_status")):
        plan = await _plan(database_url, model)
        assert any(index in step for step in plan), plan


async def test_0019_adds_the_expires_indexes_and_the_downgrade_takes_them_away(database_url: str) -> None:
    config = alembic_config(database_url)
    engine = create_engine(database_url)

    def indexes(connection: Connection) -> set[str]:
        found = inspect(connection)
        return {str(i["name"]) for table in ("vacancy", "training") for i in found.get_indexes(table)}

    try:
        async with engine.connect() as conn:
            assert {"ix_vacancy_expires_status", "ix_training_expires_status"} <= await conn.run_sync(indexes)
        await engine.dispose()
        await asyncio.to_thread(command.downgrade, config, "0018")
        async with engine.connect() as conn:
            assert not {"ix_vacancy_expires_status", "ix_training_expires_status"} & await conn.run_sync(indexes)
        await engine.dispose()
        plan = await _plan(database_url, Vacancy)
        assert not any("expires_status" in step for step in plan), plan
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert {"ix_vacancy_expires_status", "ix_training_expires_status"} <= await conn.run_sync(indexes)
    finally:
        await engine.dispose()


# -- 3. a wish to change work ----------------------------------------------------------------------------------------

CLEANER_FORM = {"employment_status": "employed", "job_type": "保洁", "employer": "威宁万达物业"}


async def _cleaner(app: Any, tmp_path: Path) -> int:
    """Someone from 威宁 whose last job was cleaning, and a cleaning job (imported first) and a guard job near home."""
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(InfoForm).where(InfoForm.person_id == pid).values(data={"job_type": "保洁"}))
    cleaner = guard_job("WN-941", "超市保洁员", "威宁万家超市")
    cleaner[11] = "保洁"
    await import_vacancies(app, tmp_path, [cleaner, guard_job("WN-942")], at("2026-11-26T09:00"))
    return pid


@pytest.mark.parametrize("text", ["想换个活", "想换个别的活干", "我想改行"])
async def test_a_wish_to_change_work_lists_their_trade_after_the_others(client: Any, tmp_path: Path,
                                                                         text: str) -> None:
    """想换个活 from someone whose job was cleaning: the cleaning job first (岗位对口: 保洁, their old job read as a
    wish); 想换个别的活干 and 我想改行 were 没太明白 and the menu."""
    app = client.server.app
    pid = await _cleaner(app, tmp_path)
    said = "\n".join((await answer(app, pid, text, "2026-11-26T09:30")).replies)
    assert "想干哪一行" in said and "超市保安" in said and "岗位对口: 保洁" not in said, said
    assert said.index("超市保安") < said.index("超市保洁员"), said


async def test_asking_for_work_keeps_their_trade_first(client: Any, tmp_path: Path) -> None:
    """(A guard: 有啥活干 from the same person: their trade first, as before.)"""
    app = client.server.app
    pid = await _cleaner(app, tmp_path)
    said = "\n".join((await answer(app, pid, "有啥活干", "2026-11-26T09:30")).replies)
    assert said.index("超市保洁员") < said.index("超市保安") and "想干哪一行" not in said, said


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_wish_to_change_work_asks_what_they_would_like(channel: str) -> None:
    """想换个活 from a cleaner in work: the list as for 有啥活干, not a word of the change nor a question."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    assert chat.state is not None
    chat.state["survey"] = {"answers": dict(CLEANER_FORM), "phase": "done"}
    replies = chat.say("想换个活")
    assert replies[0].startswith("好的, ") and "不是保洁的活排" in replies[0] and "想进厂" in replies[0], replies
    assert chat.kinds("jobs.match")[-1].data["wishes"] == ["想换个活"]


def test_a_trade_named_with_the_wish_asks_nothing() -> None:
    """(A guard: 想换个活 干保安 names what they want: no question before the list.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    assert chat.state is not None
    chat.state["survey"] = {"answers": dict(CLEANER_FORM), "phase": "done"}
    assert "想干哪" not in chat.say("想换个活 干保安")[0]


@pytest.mark.parametrize(("wishes", "leaving"), [(["想换个活"], ["保洁"]), (["想换个别的工作"], ["保洁"]),
                                                 (["想换个活 干保洁也行"], []), (["有啥活干"], []),
                                                 (["想换个地方干"], []), (["不想干这行了"], ["保洁"])])
def test_the_trade_left_is_read(wishes: list[str], leaving: list[str]) -> None:
    assert list(leaving_trade(wishes, "保洁").values()) == leaving
    person = seeker_from_record(1, {"home_division": WEINING, "job_type": "保洁"}, wishes=wishes)
    assert bool(person.leaving) == bool(leaving) and (not leaving or not person.job_words)


# -- playing: 那个培训要钱不 with courses listed -----------------------------------------------------------------------

SEWING = WELDING | {"ref": "t5", "title": "缝纫工培训班", "subsidy": None}


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["那个培训要钱不", "要钱不", "这些培训收费吗"])
def test_the_fee_of_several_courses_listed_is_said_of_each(channel: str, text: str) -> None:
    """那个培训要钱不 with two courses listed and none open: "您问的是哪一个? 请先回复序号" (each course's own words
    say no fee, and the rule is the same for both)."""
    chat = registered_chat(jobs=[WELDING | IN_WEINING, SEWING | IN_WEINING], channel=channel)
    chat.say("有啥培训")
    replies = chat.say(text)
    lines = replies[0].splitlines()
    assert lines[0].startswith("1.") and "电焊工培训班" in lines[0] and "每人1500元" in lines[0], replies
    assert lines[1].startswith("2.") and "缝纫工培训班" in lines[1] and "补贴" not in lines[1], replies
    assert "一般不用交钱" in replies[1] and len(replies) == 2
    if channel == "sms":
        assert all(parts(reply) == 1 for reply in replies)


def test_the_fee_with_one_course_open_is_as_before() -> None:
    """(A guard: 1 then 要钱不: that course's words and the rule.)"""
    chat = registered_chat(jobs=[WELDING | IN_WEINING, SEWING | IN_WEINING])
    chat.say("有啥培训")
    chat.say("1")
    assert chat.say("要钱不")[0] == "「电焊工培训班」的介绍里没写收学费, 还有补贴: 每人1500元。"


def test_the_fee_with_jobs_and_courses_listed_asks_which() -> None:
    """(A guard: 要钱不 of a job is a warning sign, of a course a fee: with both listed and none open, which one.)"""
    chat = registered_chat(jobs=[GUARD, WELDING])
    chat.say("有啥活干或者培训")
    assert chat.say("要钱不")[0].startswith("您问的是哪一个")


# -- playing: 有没有离家近的活 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["有没有离家近的活", "家门口有活没"])
def test_work_near_home_asked_for_says_nothing_of_children(channel: str, text: str) -> None:
    """有没有离家近的活 with no workshop or home-based work listed: "暂时没有写明能带娃、时间灵活或在家做的活。" before
    the list (near home was read as a parent's wish)."""
    chat = registered_chat(jobs=[GUARD | IN_WEINING, RANGER | IN_WEINING], channel=channel)
    replies = chat.say(text)
    assert not any("带娃" in reply for reply in replies) and "小区保安" in "\n".join(replies), replies


def test_a_child_named_with_near_home_is_still_told() -> None:
    """(A guard: 家门口有没有能带娃的活: the note, as before.)"""
    chat = registered_chat(jobs=[GUARD | IN_WEINING, RANGER | IN_WEINING])
    assert chat.say("家门口有没有能带娃的活")[0].startswith("暂时没有写明能带娃")
