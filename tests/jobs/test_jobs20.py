"""Play-testing of 2026-12-07 (jobs20): a course of another trade asked for with a course list open (and the one of
that trade closed last week), an item's number with two questions, the short-term and childcare notes by SMS, work
refused that is the person's own, and a workshop for someone who asked for short-term work (tests/survey/driver.py
and the app; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from bot import keys
from bot.job_import import import_items
from dialogs.flows.jobs_replies import questions_in
from dialogs.matching.profile import refused_in, seeker_from_record
from tests.checkins.helpers import add_people
from tests.jobs.data import TRAINING_HEADER, write_csv
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.jobs.test_jobs19_replies import CLEANER, WORKSHOP
from tests.pushes.helpers import SH, WEINING, answer, at, guard_job, import_vacancies


def _course(external_id: str, title: str, trade: str, closes: str) -> list[str]:
    """A course in 威宁 for anyone of 18 to 55, whose sign-up closes on `closes`."""
    return [external_id, title, "威宁职业培训中心", "岗位技能提升", "威宁县", "2027-01-05", "2027-01-25", "18", "55",
            "不限", trade, "每人1500元", "30", "", "", closes]


async def _trainings(app: Any, tmp_path: Path, rows: list[list[str]], when: str = "2026-11-01T09:00") -> None:
    path = write_csv(tmp_path / f"t-{uuid.uuid4().hex}.csv", TRAINING_HEADER, rows)
    when = at(when)
    report = await import_items("trainings", app[keys.SESSIONS], app[keys.CIPHER], path, now=when,
                                today=when.astimezone(SH).date())
    assert report.invalid == []


# -- 1. another trade's course asked for with a course list open -----------------------------------------------------


async def test_a_trade_refused_and_another_asked_for_says_the_closed_course_and_drops_the_refused(
        client: Any, tmp_path: Path) -> None:
    """焊工我学不了 没有家政的吗 with the welding course listed: the same list came again (焊工 read as a wish), and
    the 家政 course whose sign-up closed on 11-20 was never mentioned."""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    await _trainings(app, tmp_path, [_course("WN-T11", "电焊工培训班", "电焊", "2026-12-20"),
                                     _course("WN-T12", "家政服务员培训班", "家政", "2026-11-20")])
    first = "\n".join((await answer(app, pid, "有啥培训", "2026-11-26T09:30")).replies)
    assert "电焊工培训班" in first and "家政" not in first
    said = "\n".join((await answer(app, pid, "焊工我学不了 没有家政的吗", "2026-11-26T09:31")).replies).split("\n\n")
    assert said[0] == "「家政服务员培训班」这期报名11月20日已经截止了。", said
    assert said[1].startswith("暂时没有适合您的培训。有新的会发给您") and not any("电焊" in s for s in said)


async def test_the_closed_course_is_said_before_the_others_of_a_list(client: Any, tmp_path: Path) -> None:
    """有没有家政培训 with the 家政 course closed last week and another course open: the closed one said, then the
    list (the closed one was never mentioned)."""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    await _trainings(app, tmp_path, [_course("WN-T11", "电焊工培训班", "电焊", "2026-12-20"),
                                     _course("WN-T12", "家政服务员培训班", "家政", "2026-11-20")])
    said = "\n".join((await answer(app, pid, "有没有家政培训", "2026-11-26T09:30")).replies).split("\n\n")
    assert said[0] == "「家政服务员培训班」这期报名11月20日已经截止了, 有新一期会告诉您。", said
    assert any("电焊工培训班" in s for s in said[1:])


async def test_a_course_retired_by_an_import_after_its_date_is_said_too(client: Any, tmp_path: Path) -> None:
    """(The import after its date stores it `expired`: it closed by its date all the same, and is said.)"""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    await _trainings(app, tmp_path, [_course("WN-T11", "电焊工培训班", "电焊", "2026-12-20"),
                                     _course("WN-T12", "家政服务员培训班", "家政", "2026-11-20")], "2026-11-25T09:00")
    said = "\n".join((await answer(app, pid, "有没有家政培训", "2026-11-26T09:30")).replies)
    assert said.startswith("「家政服务员培训班」这期报名11月20日已经截止了"), said


async def test_an_open_course_of_the_trade_is_listed_and_no_closed_one_said(client: Any, tmp_path: Path) -> None:
    """(A guard: a 家政 course still open is listed; the closed one of the same trade is not said.)"""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    await _trainings(app, tmp_path, [_course("WN-T13", "月嫂培训班", "家政", "2026-12-20"),
                                     _course("WN-T12", "家政服务员培训班", "家政", "2026-11-20")])
    said = "\n".join((await answer(app, pid, "有没有家政培训", "2026-11-26T09:30")).replies)
    assert "月嫂培训班" in said and "截止" not in said.split("\n")[0]


@pytest.mark.parametrize(("text", "refused"), [("焊工我学不了 没有家政的吗", "焊工"), ("我不想干保洁了", "保洁"),
                                               ("不想学电焊了", "电焊"), ("电焊我也学不会", "电焊"),
                                               ("我学不了焊工", "焊工"), ("我干不了保安 想学家政", "保安"),
                                               ("俺干不了重活", None), ("有没有保安的活", None)])
def test_the_trade_refused_is_read(text: str, refused: str | None) -> None:
    assert list(refused_in(text).values()) == ([refused] if refused else [])


def test_a_trade_refused_is_no_wish_for_it() -> None:
    """焊工我学不了 没有家政的吗 was matched as a wish for 焊工 and 家政 (焊工 then ranked 岗位对口)."""
    person = seeker_from_record(1, {"home_division": WEINING}, wishes=["焊工我学不了 没有家政的吗"])
    assert list(person.job_words.values()) == ["家政"]


# -- 2. an item's number and two questions ---------------------------------------------------------------------------


def test_a_number_then_two_questions_answers_both() -> None:
    """1 在县城哪里 要干几个小时: only the hours were answered."""
    chat = registered_chat(jobs=[WORKSHOP, GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("1 在县城哪里 要干几个小时")
    assert replies[0].startswith("「扶贫车间缝纫工」在: ") and "上班时间" in replies[1] and len(replies) == 2


@pytest.mark.parametrize(("text", "asked"), [("1 在县城哪里 要干几个小时", ["where", "hours"]),
                                             ("1 工资多少 包吃住吗", ["pay", "board"]),
                                             ("第一个 在哪 包住不", ["where", "board"]),
                                             ("1 要不要体检 几号上班", ["checkup", "when"]),
                                             ("1在哪几点上班", ["where", "hours"])])
def test_the_questions_after_a_number_are_each_about_it(text: str, asked: list[str]) -> None:
    assert [(a, n) for a, n, _ in questions_in(text)] == [(a, 1) for a in asked]


def test_one_item_and_one_question_glued_is_as_before() -> None:
    """(A guard: 1号在哪上班, 1号包住不 are one question each.)"""
    assert questions_in("1号在哪上班") == [] and questions_in("1号包住不") == []


def test_where_in_the_county_is_a_where_and_anywhere_is_not() -> None:
    """在县城哪里 was no question (在哪 only); 县城哪里都行 is an answer (a guard)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("在县城哪里")[0].startswith("「小区保安」在: ")
    assert questions_in("我在县城哪里都行") == []


# -- 3. the short-term and the childcare notes, by SMS ---------------------------------------------------------------


@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_the_short_term_and_childcare_notes_are_one_message(channel: str) -> None:
    """过年放假这段时间有没有短期的活 能带娃的 by SMS: two notes, two messages before the list."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    replies = chat.say("过年放假这段时间有没有短期的活 能带娃的")
    assert replies[0].startswith("暂时没有写明") and "短期" in replies[0] and "带娃" in replies[0]
    assert not replies[1].startswith("暂时没有写明")
    if channel == "sms":
        assert len(replies[0]) <= 70


def test_one_note_alone_is_as_before() -> None:
    """(A guard: only the childcare wish: its own note.)"""
    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    assert chat.say("有没有能带娃的活")[0].startswith("暂时没有写明能带娃")


# -- 4. work refused that is the person's own ------------------------------------------------------------------------

CLEANER_AT_WORK = {"employment_status": "employed", "job_type": "保洁", "employer": "威宁万达物业"}


@pytest.mark.parametrize("listed", [False, True])
def test_their_own_trade_refused_keeps_their_job_and_looks_for_others(listed: bool) -> None:
    """我不想干保洁了 from a cleaner in work: with no list open it was 没太明白 and the menu; with a list open "保洁的不
    给您列了。想干什么活, 直接说就行" as if about the list (it is about their own job: it stays on the form)."""
    chat = registered_chat(jobs=[CLEANER, GUARD, RANGER])
    chat.state["survey"] = {"answers": dict(CLEANER_AT_WORK), "phase": "done"}
    if listed:
        chat.say("有啥活干")
    replies = chat.say("我不想干保洁了")
    assert replies[0] == "好的, 想换个不是保洁的活。您现在的工作先不变, 已经不干了就回复 不干了。给您找了找别的:"
    assert chat.kinds("jobs.match")[-1].data["wishes"][-1] == "我不想干保洁了"
    assert not chat.kinds("employment_status_changed") and chat.answers["employment_status"] == "employed"


def test_a_trade_refused_with_no_list_open_looks_for_others() -> None:
    """我不想干保洁了 from someone out of work, no list open: 没太明白 and the menu."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    replies = chat.say("我不想干保洁了")
    assert replies[0] == "好的, 保洁的不给您列了, 给您找了找别的:" and replies[1].startswith("根据您的情况")


async def test_the_trade_refused_is_not_listed(client: Any, tmp_path: Path) -> None:
    """我不想干保洁了 at idle: the look-up read 保洁 as a wish (岗位对口: 保洁 first)."""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    cleaner = guard_job("WN-931", "超市保洁员", "威宁万家超市")
    cleaner[11] = "保洁"
    await import_vacancies(app, tmp_path, [cleaner, guard_job("WN-932")], at("2026-11-26T09:00"))
    said = "\n".join((await answer(app, pid, "我不想干保洁了", "2026-11-26T09:30")).replies)
    assert said.startswith("好的, 保洁的不给您列了") and "超市保安" in said and "保洁员" not in said, said


# -- 5. a workshop for someone who asked for short-term work -------------------------------------------------------


def test_a_workshop_is_not_told_to_be_short_term_work() -> None:
    """有没有短期的活 with a workshop listed: nothing said, as if a 扶贫车间 job were short-term (it is steady work near
    home; whether a few weeks will do is the workshop's to say): the note says so, the workshop still first."""
    chat = registered_chat(jobs=[WORKSHOP, GUARD])
    replies = chat.say("有没有短期的活")
    assert replies[0].startswith("暂时没有写明是短期、零活的。下面这些离家近, 能不能只干一段时间")
    assert replies[2].startswith("1. 扶贫车间缝纫工")


def test_a_workshop_whose_words_say_short_term_is_short_term() -> None:
    """(A guard: a workshop that says 寒假工 is short-term work by its own words.)"""
    chat = registered_chat(jobs=[WORKSHOP | {"title": "扶贫车间寒假工"}, GUARD])
    assert not chat.say("有没有短期的活")[0].startswith("暂时没有写明")


# -- 6. a pushed list, played ---------------------------------------------------------------------------------------

SORTER = GUARD | {"ref": "v5", "title": "物流分拣员", "requirements": "两班倒, 包吃住, 需体检"}


def _pushed(chat: Any, items: list[dict[str, Any]]) -> list[str]:
    return chat._run(chat._inbound(kind="event", event="jobs.push_items.result",  # as tests/jobs/test_jobs18_replies.py
                                   payload={"status": "ok", "trigger": "import", "items": items}))


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_pay_asked_of_a_pushed_list_is_each_ones(channel: str) -> None:
    """工资多少 after a push of two jobs: "您问的是哪一个? 请先回复序号" (the pay of each is known)."""
    chat = registered_chat(jobs=[], channel=channel)
    _pushed(chat, [SORTER, GUARD | {"salary_min": 2600, "salary_max": 2600}])
    [reply] = chat.say("工资多少")
    lines = reply.splitlines()
    assert lines[0].startswith("1.") and "物流分拣员" in lines[0] and "2500-3200元" in lines[0]
    assert lines[1].startswith("2.") and "小区保安" in lines[1] and "2600元" in lines[1]


def test_the_pay_of_one_item_is_as_before() -> None:
    """(A guard: 1号工资多少, and the item open, answer for that one.)"""
    chat = registered_chat(jobs=[])
    _pushed(chat, [SORTER, GUARD])
    assert chat.say("1号工资多少") == ["「物流分拣员」的工资: 2500-3200元/月。"]
    assert chat.say("包吃住吗")[0].startswith("「物流分拣员」的介绍写着: 包吃住")


def _pushed_course(channel: str = "wechat") -> Any:
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    chat.applications = {"t2": {"status": "applied", "ref": "t2", "application_id": 4, "item": "training",
                                "kind": "upgrade", "title": "电焊工培训班", "contact": None}}
    _pushed(chat, [WELDING])
    return chat


def test_a_pushed_course_asked_about_by_its_trade_days_later_is_still_open_and_taken() -> None:
    """电焊那个培训还能报不 four days after the push (its numbers no longer taken): passed to the caseworker as a
    question; the course is open by its date: said so, and 报名 1 taken again."""
    chat = _pushed_course()
    chat.later(hours=80)
    assert chat.say("电焊那个培训还能报不") == ["「电焊工培训班」还在招, 2026-12-09截止报名。想去就回复 报名 1。"]
    assert not chat.kinds("question_referred")
    assert chat.say("报名 1")[0].startswith("已帮您报名「电焊工培训班」")


def test_a_pushed_course_past_its_date_is_said_to_be_closed() -> None:
    """电焊那个培训还能报不 after its sign-up closed (12-09): referred; it is said to be closed."""
    chat = _pushed_course()
    chat.later(hours=400)
    assert chat.say("电焊那个培训还能报不") == ["「电焊工培训班」已经停止招了, 看看其它的吧。"]


def test_still_hiring_with_nothing_named_days_later_is_as_before() -> None:
    """(A guard: 还招人不 naming nothing, days after the push: not about the pushed item.)"""
    chat = _pushed_course()
    chat.later(hours=80)
    chat.say("还招人不")
    assert not any(e.kind == "jobs.apply" for e in chat.events)


# -- 7. work near home around a child -------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["下午要接娃放学 有没有只上半天的活", "要接孩子 有没有上午的活", "有没有只干半天的活",
                                  "有没有上午的活 要送孩子上学"])
def test_half_a_day_around_a_child_is_the_family_wish(said: str) -> None:
    """下午要接娃放学 有没有只上半天的活: a list as for anyone (the workshop last); 有没有上午的活 要送孩子上学 was
    recorded as news that she cannot work (不能工作), and her name asked."""
    chat = registered_chat(jobs=[GUARD, RANGER, WORKSHOP])
    replies = chat.say(said)
    assert replies[0].startswith("根据您的情况") and replies[1].startswith("1. 扶贫车间缝纫工")
    assert "near_home" in seeker_from_record(1, {"home_division": WEINING}, wishes=[said]).needs


@pytest.mark.parametrize("said", ["要照顾孩子 出不去", "孩子生病了 要照顾 干不了了"])
def test_caring_told_is_still_news_of_not_working(said: str) -> None:
    """(A guard: caring for a child told, no work asked for: recorded as before.)"""
    chat = registered_chat(jobs=[GUARD])
    assert chat.say(said)[0].startswith("知道了, 您现在暂时不能工作")


# -- 8. none of the list --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["都不适合我", "没有一个中意的", "没有一个合适的"])
def test_none_of_the_list_in_other_words(said: str) -> None:
    """都不适合我 / 没有一个中意的 with a list open: 没太明白 and the footer."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say(said)[0].startswith("暂时没有更合适的了")


def test_whether_this_one_suits_them_is_the_items() -> None:
    """这个适合我吗 with an item's details open: passed to the caseworker as a question."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("这个适合我吗")[0].startswith("「小区保安」是按您登记的情况找的")
    assert not chat.kinds("question_referred")
