"""What the lead met playing laborers through check-ins (2026-12-05, fourth round): who is writing, a better
job wanted by someone still in post, and wages owed told with the answer. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import parse_status
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest3 import _due
from tests.survey.test_talking_as_people_type import consented


@pytest.mark.parametrize("text", [
    "你们是谁啊", "你是哪个", "这是哪里发的短信", "你们是干啥的？", "你们是不是骗子", "咋有我的电话",
    "你好 请问你们是哪个单位的", "谁发的",
])
def test_who_is_writing_is_answered_and_the_check_in_asked_again(text: str) -> None:
    """"你们是谁啊" at a check-in from an account they do not remember was "没太明白, 请回复数字"."""
    chat = Chat()
    _due(chat, "checkin", 1)
    replies = chat.say(text)
    assert "就业帮扶服务" in replies[0] and "不会向您要钱" in replies[0]
    assert replies[-1].startswith("您好! 您还在东莞的电子厂上班吗?") and chat.awaiting == "checkin"
    assert not chat.kinds("checkin_answered")


def test_who_is_writing_at_a_survey_question_keeps_the_question() -> None:
    chat = consented()
    replies = chat.say("你们是干什么的")
    assert "就业帮扶服务" in replies[0] and chat.awaiting == "name" and "name" not in chat.answers


@pytest.mark.parametrize("text", [
    "你们是谁 我要找工作", "这是哪里的活", "老板是骗子", "工资谁发的", "你们是干啥的 能帮我找活不", "我是谁",
])
def test_other_messages_naming_who_are_not_that_question(text: str) -> None:
    assert not nlu.asks_who_we_are(text)


@pytest.mark.parametrize("text", ["干着呢 想换个工资高点的", "想换个离家近点的", "还在 打算换个厂"])
def test_a_better_job_wanted_at_the_check_in_is_still_in_post_and_a_search(text: str) -> None:
    """"干着呢 想换个工资高点的" was "没太明白, 请回复数字" and the question again."""
    chat = Chat()
    _due(chat, "checkin", 1)
    assert chat.state is not None
    chat.state["consent"] = {"given": True}  # check-ins go to registered people
    replies = chat.say(text)
    assert "您还在岗" in replies[0] and "没太明白" not in " ".join(replies)
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == "still_employed"
    [match] = chat.kinds("jobs.match")
    assert match.data["item"] == "vacancy"


def test_a_better_job_wanted_is_no_job_lost_for_the_unemployed_either() -> None:
    text = "想换个工资高点的"
    understanding = nlu.understand(text, date(2026, 12, 19))
    assert understanding.intent == "seek_job"
    assert parse_status(text, understanding, "unemployed") == "still_looking"
