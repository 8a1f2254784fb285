"""Follow-up questions on the policy answer just given ("交了一年多社保 能领不" after "失业金咋领") are answered
from it, for a few messages; nothing of what the person said is kept or logged."""

from __future__ import annotations

import logging

import pytest

from dialogs import policy
from dialogs.i18n import LOCALES, render
from dialogs.policy.catalogue import load_entries
from dialogs.sms_text import MAX_PARTS, parts
from tests.policy.test_policy import ctx
from tests.survey.driver import Chat

# Elliptic follow-ups, none of which could be answered on its own (tests/policy/test_policy.py refers one).
FOLLOW_UPS = ["俺交了一年多社保 能领不", "那我能领多久", "在哪领", "要带啥"]


def chat(channel: str = "wechat") -> Chat:
    c = Chat(channel=channel)
    c.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    return c


def test_follow_ups_on_the_unemployment_benefit_get_the_part_they_ask_about() -> None:
    c = chat()
    assert c.say("失业金咋领")[-1].startswith("【失业保险金 (失业金)】")
    # Whether they can claim: the conditions (a year insured, not their own choice) and how long by years.
    [eligible] = c.say("俺交了一年多社保 能领不")
    assert eligible.startswith("【失业保险金 (失业金)】")
    assert "交失业保险满1年" in eligible and "不是自己要走的" in eligible and "交满1到5年最多领12个月" in eligible
    assert "怎么办" not in eligible
    [how_long] = c.say("那我能领多久")
    assert "最多领12个月" in how_long and "谁能享受" not in how_long and "怎么办" not in how_long
    [where] = c.say("在哪领")
    assert "县人社局" in where and "12333" in where and "标准" not in where
    [bring] = c.say("要带啥")
    assert "身份证或社保卡" in bring
    assert not c.kinds("question_referred")


@pytest.mark.parametrize("question", FOLLOW_UPS)
def test_the_same_words_without_a_topic_just_answered_go_to_the_caseworker(question: str) -> None:
    c = chat()
    assert c.say(question)[-1].startswith("这个问题我们转给了")
    assert [e.data["question"] for e in c.kinds("question_referred")] == [question]


def test_the_topic_is_forgotten_after_three_other_messages() -> None:
    c = chat()
    c.say("失业金咋领")
    for _ in range(3):
        c.say("谢谢")
    assert c.say("在哪领")[-1].startswith("这个问题我们转给了")  # the fourth message after the answer
    assert "policy_topic" not in (c.state or {})
    c.say("失业金咋领")
    for _ in range(2):
        c.say("谢谢")
    assert "县人社局" in c.say("在哪领")[-1]  # the third


def test_another_topic_replaces_it_and_a_referred_question_clears_it() -> None:
    c = chat()
    c.say("失业金咋领")
    assert c.say("技校要交学费不")[-1].startswith("【读技工院校")
    assert c.say("在哪报名")[-1].startswith("【读技工院校")  # the school's, not the benefit's
    # A question on something the catalogue does not know is no follow-up: referred, and the topic gone.
    assert c.say("宅基地咋批")[-1].startswith("这个问题我们转给了")
    assert c.say("在哪领")[-1].startswith("这个问题我们转给了")
    assert len(c.kinds("question_referred")) == 2


def test_a_follow_up_in_the_middle_of_the_jobs_list_leaves_the_list_open() -> None:
    c = chat()
    c.jobs = [{"ref": "v1", "item": "vacancy", "kind": "factory", "title": "小区保安", "employer": "物业",
               "place": "威宁县", "salary_min": 2500, "salary_max": 3200, "reasons": []}]
    c.say("有啥活干")
    c.say("失业金咋领")
    assert "最多领12个月" in c.say("那我能领多久")[-1]
    assert c.say("1")[0].startswith("小区保安 (企业招工)")


def test_only_the_entry_is_remembered_and_nothing_the_person_said_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    c = chat()
    with caplog.at_level(logging.DEBUG):
        c.say("失业金咋领")
        c.say("俺交了一年多社保 能领不")
    assert (c.state or {})["policy_topic"] == {"entry": "unemployment_benefit", "messages": 3}
    assert "follow-up on unemployment_benefit answered with its conditions" in caplog.text
    assert "一年" not in caplog.text and "社保" not in caplog.text


@pytest.mark.parametrize("locale", LOCALES)
def test_every_follow_up_answer_fits_two_text_messages(locale: str) -> None:
    for entry in load_entries():
        for question in ("能领不", "能给多少", "在哪办"):
            [message] = policy.answer(question, ctx(locale, "sms"), topic=entry.id) or []
            assert parts(render(message, locale, "sms")) <= MAX_PARTS, (entry.id, question)


def test_a_follow_up_on_sms_gets_the_part_asked_when_it_fits_else_the_short_answer() -> None:
    c = chat("sms")
    c.address = "13800138000"
    c.say("失业金咋领")
    [how_long] = c.say("那我能领多久")
    assert how_long.startswith("【失业保险金 (失业金)】") and "最多领12个月" in how_long
    assert parts(how_long) <= MAX_PARTS
    # Conditions and amount together take three parts: the short answer says both in one.
    [eligible] = c.say("交了一年多社保 能领不")
    assert eligible.startswith("失业金: 交失业保险满1年、非本人原因离职") and parts(eligible) == 1
