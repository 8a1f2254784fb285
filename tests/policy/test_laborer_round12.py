"""Twelfth round of a laborer's own words (2026-12-06, care12): the employer refusing to pay the insurance right
after its answer, the residents' pension by the year, an old person's allowance, a family's students, a leaking
house and medical costs. Each test failed on the code before its fix (all were referred, or not understood)."""

from __future__ import annotations

import pytest

from dialogs.sms_text import MAX_PARTS, parts
from tests.policy.test_follow_up import chat
from tests.policy.test_laborer_round11 import sms_chat
from tests.survey.driver import Chat


@pytest.mark.parametrize(("first", "then"), [("社保咋交", "厂里不给交 咋办"), ("社保咋交", "老板不给俺们交"),
                                             ("养老保险断了咋办", "厂里不给交")])
def test_the_employer_not_paying_right_after_the_insurance_answer_is_a_rights_report(first: str, then: str) -> None:
    """"厂里不给交 咋办" right after "社保咋交" was referred as a question: it is the employer not paying, a case."""
    c = chat()
    c.say(first)
    replies = c.say(then)
    [report] = c.kinds("rights_issue_reported")
    assert report.data["issue"] == "no_social_insurance"
    assert not c.kinds("question_referred")
    assert "工作人员" in replies[0]


def test_not_paying_told_with_no_insurance_answer_before_is_not_taken_for_insurance() -> None:
    c = chat()
    c.say("厂里不给交 咋办")
    assert not c.kinds("rights_issue_reported") or c.kinds("rights_issue_reported")[0].data["issue"] != (
        "no_social_insurance")


@pytest.mark.parametrize(("asked", "title", "words"), [
    ("养老保险一年交多少", "【城乡居民养老保险交多少】", ("档", "12333")),
    ("老人80了有高龄补贴不", "【老人的高龄补贴】", ("高龄补贴", "民政")),
    ("家里有学生 有啥补助", "【家里有学生的资助】", ("助学金", "学校")),
    ("房子漏雨 有补助不", "【房子漏雨、成了危房】", ("危房改造", "村委会")),
    ("看病贵 有啥办法", "【看病贵怎么办】", ("医疗救助", "12393")),
])
def test_questions_outside_work_are_answered_with_where_to_ask(asked: str, title: str, words: tuple[str, ...]) -> None:
    for c in (chat(), sms_chat()):
        [answer] = c.say(asked)
        assert not c.kinds("question_referred"), answer
        if c.channel == "sms":
            assert parts(answer) <= MAX_PARTS
        else:
            assert answer.startswith(title), answer
        assert all(word in answer for word in words), answer


def test_the_pension_gap_keeps_its_own_answer() -> None:
    assert chat().say("养老保险断了咋办")[0].startswith("【养老保险断交、续交】")


def _at_consent(channel: str) -> Chat:
    c = Chat(channel=channel, address="13985001234" if channel == "sms" else "u1")
    c.say("你好")
    c.say("1")
    assert c.awaiting == "consent"
    return c


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_wages_owed_told_at_the_consent_question_are_reported_once_they_agree(channel: str) -> None:
    """"包工头姓王 欠俺一万二" at the privacy notice got only "请回复 1 同意, 或 2 不同意": no case, nobody alerted,
    nowhere to go. Now: where to get help at once, nothing passed on before consent, the case on consent."""
    c = _at_consent(channel)
    told = c.say("包工头姓王 欠俺一万二")
    assert "12333" in told[0] and "同意" in told[0] and c.awaiting == "consent"
    if channel == "sms":
        assert parts(told[0]) == 1
    assert not c.kinds("rights_issue_reported") and not c.kinds("rights_details_told")
    replies = c.say("1")
    [report] = c.kinds("rights_issue_reported")
    assert report.data["issue"] == "wage_arrears"
    assert not c.kinds("rights_details_told")
    assert replies[1] == "您之前说的情况已转给负责您的工作人员, 他们会尽快联系您。"
    assert c.awaiting == "name"


def test_wages_owed_told_at_the_consent_question_are_dropped_on_refusal() -> None:
    c = _at_consent("wechat")
    c.say("包工头姓王 欠俺一万二")
    c.say("2")
    assert not c.kinds("rights_issue_reported") and not c.kinds("rights_details_told")
    assert c.state is not None and "rights_held" not in c.state
