"""Messages after a policy answer or a saved form that are not what they look like: "社保断了咋办" after the
unemployment benefit is a new question (social insurance stopped), not its follow-up; "俺家是建档立卡户" once the
form is saved is news for the money the household may get, not a wish to register (建档) that reopened the
summary."""

from __future__ import annotations

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented, submitted


def chat() -> Chat:
    c = Chat()
    c.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    return c


def test_social_insurance_stopped_is_a_new_question_after_the_benefit() -> None:
    c = chat()
    c.say("失业金咋领")
    [reply] = c.say("社保断了咋办")
    assert not reply.startswith("【失业保险金")
    assert reply.startswith("【养老保险断交、续交】")  # its own answer since care10 (referred before)
    # Its follow-ups are still answered from it.
    c.say("失业金咋领")
    assert "最多领12个月" in c.say("那我能领多久")[0]


def test_a_poor_household_told_after_the_form_is_news_for_the_money_not_the_summary_again() -> None:
    c = consented()
    submitted(c)
    c.say("俺家是建档立卡户")
    assert c.state is not None and c.state.get("flow") is None and c.awaiting != "summary"
    assert c.kinds("policy.subsidies")


def test_a_childs_schooling_asked_with_the_child_run_into_the_verb_is_answered() -> None:
    """"娃读技校要钱不" (jieba cuts 娃读) went to the caseworker; "孩子读技校要钱不" was answered (simulator, SMS)."""
    c = chat()
    assert c.say("娃读技校要钱不")[0].startswith("【读技工院校")
    assert not c.kinds("question_referred")
