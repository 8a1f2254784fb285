"""The follow-up after an application ("您报名的「超市保安」, 去面试了吗?") as people answer it: "还没找到" is a no;
a question about money ("有啥补贴能领"), or "俺没交过保险" after that list, is answered or passed on and the
question asked again, no miss counted; a rights report is passed on. Before, each was "没看明白, 请回复序号"
and the third such message ended the follow-up."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat

APPLICATION = {"id": 5, "item": "vacancy", "title": "超市保安", "employer": "威宁万家超市", "job_type": "保安",
               "division": "520526"}
ASKED = "您报名的「超市保安」, 去面试了吗?"


def asked(locale: str = "zh_CN") -> Chat:
    c = Chat()
    c.state = {"v": 1, "locale": locale, "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    c._run(c._inbound(kind="event", event="follow_up.applications.result", payload={"applications": [APPLICATION]}))
    assert c.awaiting == "follow_up"
    return c


def test_still_no_work_is_a_no() -> None:
    c = asked()
    [reply] = c.say("还没找到")
    assert reply.startswith("没关系")
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["not_hired"]
    assert c.awaiting is None


def test_questions_about_money_are_answered_and_the_follow_up_goes_on() -> None:
    c = asked()
    replies = c.say("有啥补贴能领")
    assert replies[0].startswith("这些补贴和补助") and replies[-1].startswith(ASKED)
    replies = c.say("俺没交过保险")
    assert not replies[0].startswith("没看明白") and replies[-1].startswith(ASKED)
    replies = c.say("上个月也问过了 还有别的补助没")
    assert replies[-1].startswith(ASKED) and c.awaiting == "follow_up"
    assert not c.kinds("application_outcome")
    c.say("1")
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["interview"]


def test_a_rights_report_at_the_follow_up_is_passed_on() -> None:
    c = asked()
    replies = c.say("老板说试用期没工资")
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert replies[-1].startswith(ASKED) and c.awaiting == "follow_up"


def test_a_question_about_the_interview_is_no_answer_that_they_went() -> None:
    """"去面试要带啥" was read as "went, waiting" (去面试) and the follow-up closed (simulator play, SMS)."""
    c = asked()
    replies = c.say("去面试要带啥")
    assert not c.kinds("application_outcome") and c.awaiting == "follow_up"
    assert replies[-1].startswith(ASKED)
    c.say("去面试了 在等通知")
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["interview"]


@pytest.mark.parametrize(("text", "outcome"), [
    ("still waiting", "interview"), ("I went, no news yet", "interview"), ("I got the job!", "hired"),
    ("I was taken on", "hired"), ("I didn't go", "not_hired"), ("not hired", "not_hired"),
    ("I wasn't taken on", "not_hired"),
])
def test_english_answers_are_understood(text: str, outcome: str) -> None:
    """In English every answer but a number was "Sorry, I did not get that", and the third ended it (simulator)."""
    c = asked(locale="en")
    c.say(text)
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == [outcome]


def test_an_english_question_at_the_follow_up_is_no_miss() -> None:
    c = asked(locale="en")
    for _ in range(3):
        replies = c.say("what should I bring")
        assert not replies[0].startswith("Sorry, I did not get that")
    assert c.awaiting == "follow_up" and len(c.kinds("question_referred")) == 3
