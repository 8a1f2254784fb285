"""低保 asked in one's own words ("低保怎么申请", "能吃低保吗") was passed to the caseworker with no answer: it is
answered with who may apply and where (the township, or the village committee on their behalf), never an amount;
and an answer's label for its conditions fits its topic (工伤's read "谁能享受")."""

from __future__ import annotations

import re

import pytest

from dialogs.i18n import render
from dialogs.policy.catalogue import load_entries
from dialogs.sms_text import MAX_PARTS, parts
from tests.policy.test_follow_up import chat


@pytest.mark.parametrize("question", ["低保怎么申请", "能吃低保吗", "俺家能不能办低保", "低保去哪办"])
def test_dibao_is_answered_with_where_to_apply_and_no_amount(question: str) -> None:
    c = chat()
    [reply] = c.say(question)
    assert reply.startswith("【低保 (最低生活保障)】") and not c.kinds("question_referred")
    assert "【待本县填写】" not in reply and not re.search(r"\d+元", reply)


def test_dibao_where_and_how_much_name_the_township_and_whom_to_ask() -> None:
    c = chat()
    c.say("能吃低保吗")
    [where] = c.say("去哪办")
    assert "乡镇" in where and "村委会" in where
    [much] = c.say("低保一个月多少钱")
    assert "工作人员" in much and not re.search(r"\d", much)


def test_dibao_by_sms_fits_and_says_where() -> None:
    c = chat("sms")
    [reply] = c.say("低保怎么申请")
    assert "乡镇" in reply and "村委会" in reply and parts(reply) <= MAX_PARTS


def test_the_work_injury_answer_says_what_counts_not_who_enjoys_it() -> None:
    c = chat()
    reply = c.say("工伤能赔多少")[0]
    assert "什么算工伤: 上班时间" in reply and "谁能享受" not in reply
    assert "谁能享受: " in chat().say("失业金咋领")[0]  # the usual label elsewhere


def test_the_english_work_injury_answer_has_its_own_label_too() -> None:
    from dialogs import policy
    from tests.policy.test_policy import ctx

    [message] = policy.answer("工伤能赔多少", ctx("en")) or []
    reply = render(message, "en", "wechat")
    assert "What counts: " in reply and "Who: " not in reply


def test_a_label_in_one_locale_only_is_refused() -> None:
    text = """
[[entry]]
id = "x"
questions = ["x"]
[entry.zh_CN]
title = "t"
who = "什么算"
conditions = "c"
amount = "a"
apply = "p"
short = "s"
[entry.en]
title = "t"
conditions = "c"
amount = "a"
apply = "p"
short = "s"
"""
    with pytest.raises(ValueError, match="who"):
        load_entries(text)


def test_render_of_an_entry_without_a_label_keeps_the_usual_one() -> None:
    from dialogs import policy
    from dialogs.types import Outbound

    message = policy._message(policy.ANSWER, next(e for e in load_entries() if e.id == "unemployment_benefit"),
                              chat().ctx)
    assert isinstance(message, Outbound) and "谁能享受" in render(message, "zh_CN", "wechat")


@pytest.mark.parametrize("question", ["低保户出去打工低保会不会取消", "出去打工了公益岗会不会取消"])
def test_a_question_whether_something_is_cancelled_stops_no_messages(question: str) -> None:
    """"低保户出去打工低保会不会取消" read as a wish to stop (取消): "您已退订", and no more pushes or check-ins."""
    c = chat()
    replies = c.say(question)
    assert not c.kinds("opted_out") and not (c.state or {}).get("opted_out")
    assert replies[-1].startswith("这个问题我们转给了") or replies[-1].startswith("【")


@pytest.mark.parametrize("asked", ["别再给我发了行不行", "不要再发消息了好吗", "能不能取消推送"])
def test_asking_to_stop_the_messages_still_stops_them(asked: str) -> None:
    c = chat()
    c.say(asked)
    assert c.kinds("opted_out")
