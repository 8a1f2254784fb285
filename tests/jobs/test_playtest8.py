"""Eighth round, a laborer on a pushed list (2026-12-06): a job whose own words ask for money (需交体检费和押金300元)
was answered "报名不用交钱" to 要交钱吗 and with the wages line to 押金要交吗: no employer may take a deposit or money
under any other name, so the details and the answers say so; "1包吃住吗" asked which one; the place and an address
that repeats it read "深圳市宝安区 宝安区福永街道"."""

from __future__ import annotations

import pytest

from dialogs.sms_text import MAX_PARTS, parts
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.jobs.test_playtest7 import FACTORY, pushed

DEPOSIT = FACTORY | {"ref": "v30", "title": "电子厂普工", "place": "深圳市宝安区", "place_short": "深圳宝安区",
                     "address": "宝安区福永街道", "requirements": "两班倒 包住不包吃 需交体检费和押金300元"}


@pytest.mark.parametrize("question", ["要交钱吗", "押金要交吗", "要不要交钱", "靠谱吗"])
def test_a_job_asking_for_a_deposit_is_answered_with_the_rule_and_whom_to_tell(question: str) -> None:
    chat = registered_chat()
    pushed(chat, [GUARD, DEPOSIT])
    chat.say("2")
    [reply] = chat.say(question)
    assert reply.startswith("「电子厂普工」的介绍写着: 需交体检费和押金300元。")
    assert "不能收押金" in reply and "先别交" in reply and "人工" in reply
    assert "报名不用交钱" not in reply and "工资要按时" not in reply


def test_a_job_asking_for_nothing_keeps_the_usual_answers() -> None:
    chat = registered_chat()
    pushed(chat, [GUARD, RANGER])
    chat.say("1")
    assert chat.say("要交钱吗") == [
        "「小区保安」是招工, 报名不用交钱。招工要您先交钱的要当心, 可以回复 人工 问工作人员。"]


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_details_warn_next_to_the_deposit(channel: str) -> None:
    chat = registered_chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    pushed(chat, [GUARD, DEPOSIT])
    [details] = chat.say("2")
    assert "注意: 招工不能收押金" in details and "回复 人工" in details
    if channel == "sms":
        assert parts(details) <= MAX_PARTS
    else:
        assert "地点: 深圳市宝安区福永街道" in details  # the district said once
    [guard] = registered_chat_details(GUARD)
    assert "注意" not in guard


def registered_chat_details(item: dict[str, object]) -> list[str]:
    chat = registered_chat()
    pushed(chat, [item])
    return chat.say("1")


@pytest.mark.parametrize(("question", "start"), [
    ("1包吃住吗", "「小区保安」的介绍里"), ("2工资多少", "「电子厂普工」的工资"),
    ("2在哪上班", "「电子厂普工」在: 深圳市宝安区福永街道")])
def test_a_leading_number_names_the_item_asked_about(question: str, start: str) -> None:
    chat = registered_chat()
    pushed(chat, [GUARD, DEPOSIT])
    [reply] = chat.say(question)
    assert reply.startswith(start), reply


@pytest.mark.parametrize("text", ["1天多少钱", "3000包吃住吗"])
def test_a_count_or_an_amount_first_names_no_item(text: str) -> None:
    chat = registered_chat()
    pushed(chat, [GUARD, DEPOSIT])
    assert not chat.say(text)[0].startswith("「小区保安」")  # not item 1's answer


def test_applying_for_a_job_that_asks_for_a_deposit_warns_before_anyone_asks_to_pay() -> None:
    chat = registered_chat()
    chat.applications = {"v30": {"status": "applied", "title": "电子厂普工", "ref": "v30", "application_id": 4}}
    pushed(chat, [GUARD, DEPOSIT])
    replies = chat.say("报名 2")
    assert replies[0] == ("已帮您报名「电子厂普工」。"
        "接下来负责您的工作人员会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展, 等不及可以回复 人工。")
    assert replies[1].startswith("注意: 介绍里写着「需交体检费和押金300元」。招工不能收押金")
    chat = registered_chat()
    chat.applications = {"v1": {"status": "applied", "title": "小区保安", "ref": "v1", "application_id": 5}}
    pushed(chat, [GUARD, DEPOSIT])
    assert chat.say("报名 1") == ["已帮您报名「小区保安」。"
        "接下来负责您的工作人员会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展, 等不及可以回复 人工。"]


def test_the_phone_asked_after_applying_where_the_employer_keeps_it_says_so() -> None:
    """"电话多少" after applying got "您已经报过名了「电子厂普工」, 工作人员会联系您": no word of the phone."""
    chat = registered_chat()
    chat.applications = {"v30": {"status": "applied", "title": "电子厂普工", "ref": "v30", "application_id": 4}}
    pushed(chat, [GUARD, DEPOSIT])
    chat.say("报名 2")
    chat.applications["v30"] = {"status": "already", "title": "电子厂普工", "ref": "v30", "application_id": 4}
    assert chat.say("电话多少") == ["「电子厂普工」的单位没有公开电话, 负责您的工作人员会联系您; 着急的话回复 人工。"]
    assert chat.say("报名 2") == ["「电子厂普工」您已经报过名了, 工作人员会联系您。"]
