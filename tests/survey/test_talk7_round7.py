"""Round seven of typing as people talk (talk7): what the saved form knows is not asked at the registration,
"想" at the help question, an ID card not at hand, a phone number at the ID question, a nickname at the name
question, a new boss at the same job, English answers, SMS "1" as a first message. Each through the pure
dialog step."""

from __future__ import annotations

import pytest

from tests.survey.test_dialog import consented as subscribed
from tests.survey.test_dialog import employed_until
from tests.survey.test_lead_playtest5 import _at_insured
from tests.survey.test_talking_as_people_type import consented, submitted

# -- the registration: what the form knows ------------------------------------------------------------------


def test_insurance_the_form_says_was_paid_is_not_asked_again_at_the_registration() -> None:
    """The form said 单位交社保: yes; the registration still asked "您交过失业保险吗?"."""
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    chat.say("我没活干了")
    chat.say("前天")
    replies = chat.say("被辞退了")
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == "yes"
    assert chat.awaiting == "insured_years" and "登记表上写着单位给您交了社保" in replies[0]


def test_no_insurance_on_the_form_is_kept_and_a_word_changes_it() -> None:
    chat = consented()
    submitted(chat)  # 没交 at the social insurance question
    chat.say("厂子倒闭了")
    replies = chat.say("前天")
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == "no"
    assert chat.awaiting == "wants_services" and "没给您交社保" in replies[0]
    chat.say("其实交过 交了两年")
    answers = chat.state["registration"]["answers"]
    assert answers["insured"] == "yes" and answers["insured_years"] == 2


@pytest.mark.parametrize("text", ["想", "要的", "当然想", "嗯"])
def test_a_yes_at_the_registrations_help_question_is_a_job_found_for_them(text: str) -> None:
    """"想" at "您需要哪些帮助?" looped on "请回复数字" (three times, then only "回复 人工")."""
    chat = _at_insured()
    chat.say("2")
    replies = chat.say(text)
    submitted_ = chat.kinds("registration.submit")[-1].data
    assert submitted_["wants_services"] == ["job_referral"] and "介绍工作" in replies[0]
