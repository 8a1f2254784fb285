"""Seventh round on a pushed or asked-for list (2026-12-06): the fare asked about an item is answered from its own
transport subsidy, other provinces asked for are searched for, piece rates are a question about the pay, and a list
asked for (again) by SMS is one page of at most two parts."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.matching.profile import seeker_from_record
from dialogs.sms_text import MAX_PARTS, parts
from tests.jobs.test_dialog import EXTRA, GUARD, RANGER, registered_chat
from tests.survey.driver import Chat

FACTORY = GUARD | {"ref": "v9", "title": "电子厂普工", "employer": "深圳某电子厂", "place": "广东省深圳市宝安区",
                   "place_short": "宝安区", "transport_subsidy": "跨省务工交通补助500元"}
SEWING = GUARD | {"ref": "v8", "title": "扶贫车间缝纫工", "requirements": "计件, 一件0.8元, 可带孩子"}


def pushed(chat: Chat, items: list[dict[str, Any]]) -> list[str]:
    return chat._run(chat._inbound(kind="event", event="jobs.push_items.result",
                                   payload={"status": "ok", "trigger": "import", "items": items}))


@pytest.mark.parametrize("question", ["路费咋弄", "路费报不报", "车费给报吗"])
def test_the_fare_asked_about_a_pushed_job_is_answered_from_its_own_transport_subsidy(question: str) -> None:
    """"路费咋弄" went to the caseworker and "路费报不报" got the policy's 本县标准: 请问工作人员 although the job
    on screen lists 交通补助 500元."""
    chat = registered_chat()
    pushed(chat, [FACTORY])
    assert chat.say(question) == [
        "「电子厂普工」写着交通补助: 跨省务工交通补助500元。车票留好, 上岗后找负责您的工作人员申请。"]
    assert not chat.kinds("question_referred") and chat.awaiting == "jobs"


def test_an_item_without_a_subsidy_says_it_is_not_listed_and_whom_to_ask_and_several_ask_which() -> None:
    chat = registered_chat()
    pushed(chat, [GUARD])
    [reply] = chat.say("路费报不报")
    assert reply.startswith("「小区保安」的介绍里没写路费补助") and "人工" in reply
    chat = registered_chat()
    pushed(chat, [GUARD, FACTORY])
    assert chat.say("路费咋弄") == ["您问的是哪一个? 请先回复序号 (1 到 2) 看详情。"]
    chat.say("2")
    assert "500元" in chat.say("路费咋弄")[0]


def test_other_provinces_asked_for_with_a_list_on_screen_is_a_search_there_not_the_subsidy_answer() -> None:
    """"有没有外省的" with two jobs in 威宁 on screen got the cross-province transport subsidy entry."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("有没有外省的")
    [_, again] = chat.kinds("jobs.match")
    assert again.data["wishes"] == ["有啥活干", "有没有外省的"] and again.data["exclude"] == ["v1", "v3"]
    assert replies == ["暂时没有外省的合适岗位。有了会发给您; 也可以回复 人工, 让工作人员帮您问劳务协作的岗位。"]
    assert chat.awaiting == "jobs" and chat.state is not None and chat.state["jobs"]["wishes"] == ["有啥活干"]
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.jobs = [GUARD, RANGER, FACTORY]  # (the look-up's scope is tested below)
    assert chat.say("省外的有吗")[1].startswith("1. 电子厂普工")


def test_a_wish_for_other_provinces_sets_the_scope_of_that_search() -> None:
    record = {"home_division": "520526", "preferred_scope": "home_county"}
    assert seeker_from_record(1, record, wishes=["有没有外省的"]).scope == "other_provinces"
    assert seeker_from_record(1, record, wishes=["有没有保安的活"]).scope == "home_county"


@pytest.mark.parametrize("question", ["是计件的吗", "按件算不", "一件几毛"])
def test_piece_rates_are_a_question_about_the_pay_of_the_item(question: str) -> None:
    """"是计件的吗" with a job open changed the form to employed ("好的, 您现在在工作了"); "按件算不" went to the
    caseworker."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say(question) == [
        "「小区保安」的工资: 2500-3200元/月。介绍里没写是不是计件, 报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]
    assert not chat.kinds("employment_status_changed") and chat.awaiting == "jobs"
    chat = registered_chat(jobs=[SEWING])
    chat.say("有啥活干")
    assert chat.say(question) == ["「扶贫车间缝纫工」的介绍写着: 计件; 一件0.8元。工资: 2500-3200元/月。"]


@pytest.mark.parametrize("asked", ["发个列表", "把列表发给我", "再发一遍", "列表"])
def test_a_list_asked_for_by_sms_is_one_page_of_at_most_two_parts(asked: str) -> None:
    """"发个列表" was "没太明白" and the menu, with a list on screen or not."""
    chat = registered_chat(jobs=[GUARD, RANGER, FACTORY, *EXTRA], channel="sms")
    [page] = chat.say(asked)
    # (jobs21: cut to one part, the head may be the short one: 威宁县的工作:)
    assert page.splitlines()[0].endswith("工作:") and parts(page) <= MAX_PARTS
    chat.say("0")
    [again] = chat.say(asked)
    assert parts(again) <= MAX_PARTS and again.splitlines()[1].startswith("3.")  # the page on screen
    assert len(chat.kinds("jobs.match")) == 1


@pytest.mark.parametrize(("channel", "question"),
                         [("wechat", "靠谱吗"), ("wechat", "不会是骗人的吧"), ("sms", "是正规的吗")])
def test_whether_an_item_can_be_trusted_is_answered_with_the_warning_signs(channel: str, question: str) -> None:
    """"靠谱吗" about the job open went to the caseworker (simulator play)."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    chat.say("有啥活干")
    chat.say("1")
    [reply] = chat.say(question)
    assert reply.startswith("「小区保安」") and "县人社部门" in reply and "押身份证" in reply
    assert not chat.kinds("question_referred") and parts(reply) <= (MAX_PARTS if channel == "wechat" else 1)


def test_whether_the_work_is_hard_and_when_it_pays_are_answered_from_the_item() -> None:
    """"这个活累不累" with a job open was "没太明白" and the menu; "工资按时发不" went to the caseworker."""
    factory = GUARD | {"ref": "v7", "title": "电子厂普工", "requirements": "两班倒 包住 计件加底薪 押一个月工资"}
    chat = registered_chat(jobs=[GUARD, factory])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("这个活累不累") == [
        "「小区保安」的介绍里没写活累不累。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]
    assert chat.say("工资按时发不") == [
        "「小区保安」的介绍里没写几号发、多久发一次工资。报了名工作人员会帮您问清楚; "
        "工资要按时足额发, 拖欠了告诉我们, 工作人员帮您。"]
    chat.say("2")
    assert chat.say("累不累") == ["「电子厂普工」的介绍写着: 两班倒。"]
    assert chat.say("押工资不") == [
        "「电子厂普工」的介绍写着: 计件加底薪; 押一个月工资。工资要按时足额发, 拖欠了告诉我们, 工作人员帮您。"]
    assert not chat.kinds("question_referred") and chat.awaiting == "jobs"


def test_the_same_questions_in_english() -> None:
    """"is the work hard" was "Sorry, I didn't quite understand" and the menu; "who pays the fare" and "do they pay
    on time" were told the pay; "any jobs in other provinces" searched again with no scope."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    assert chat.state is not None
    chat.state["locale"] = "en"
    chat.say("find work")
    chat.say("1")
    assert chat.say("is the work hard")[0].startswith("\"小区保安\" does not say how hard the work is.")
    assert chat.say("who pays the fare")[0].startswith("\"小区保安\" does not say anything about travel costs.")
    assert chat.say("do they pay on time")[0].startswith("\"小区保安\" does not say when or how often wages are paid.")
    assert chat.say("any jobs in other provinces")[0].startswith("No suitable jobs in other provinces for now.")
    assert seeker_from_record(1, {"home_division": "520526"}, wishes=["any jobs in other provinces"]).scope == (
        "other_provinces")


def test_the_hours_of_a_piece_rate_job_are_not_answered_with_its_piece_rate() -> None:
    """"一天干几个小时" about the workshop job was told "介绍写着: 计件" (simulator play)."""
    chat = registered_chat(jobs=[SEWING])
    chat.say("有啥活干")
    assert chat.say("一天干几个小时") == [
        "「扶贫车间缝纫工」的介绍里没写上班时间和休息。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]


def test_the_phone_asked_with_none_open_asks_which_ones_phone() -> None:
    """"电话多少" with a list and nothing open was "您想报名哪一个?" (simulator play)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("电话多少") == [
        "您问哪一个的电话? 报了名就告诉您 (单位愿意公开的话), 回复 报名+序号, 比如: 报名 1。"]
