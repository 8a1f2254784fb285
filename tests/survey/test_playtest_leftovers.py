"""The leftovers of the lead's play-testing (issue: people type the way they talk): several answers in one
message, field-level misreads, corrections on SMS. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

RIGHTS = ("contract_signed", "social_insurance", "wages_on_time")


@pytest.mark.parametrize(("text", "want"), [
    ("是 有 没有", ("yes", "yes", "no")),
    ("1 2 1", ("yes", "no", "yes")),
    ("签了，交了，按时", ("yes", "yes", "yes")),
])
def test_several_yes_no_answers_in_one_message_fill_the_questions_in_order(
    text: str, want: tuple[str, str, str]
) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    replies = chat.say(text)
    assert tuple(chat.answers.get(key) for key in RIGHTS) == want
    assert chat.awaiting == "summary"
    assert "签订劳动合同" in replies[0] and "工资按时足额发放" in replies[0]  # what was noted, said back


def test_only_the_answers_that_fit_are_taken_and_the_unclear_one_is_asked() -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    replies = chat.say("1 2 不晓得咋说")
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "no"
    assert "wages_on_time" not in chat.answers and chat.awaiting == "wages_on_time"
    assert replies[-1].startswith("工资")


def test_the_run_starts_at_the_choice_before_the_yes_no_questions() -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say("1 1 2")
    assert chat.answers["employment_form"] == "migrant"
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "no"
    assert chat.awaiting == "wages_on_time"


@pytest.mark.parametrize("text", ["对 对", "是 是的", "是 去年签的"])
def test_one_answer_said_twice_or_explained_answers_only_the_open_question(text: str) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(text)
    assert chat.answers["contract_signed"] == "yes"
    assert "social_insurance" not in chat.answers and chat.awaiting == "social_insurance"


def test_a_multi_choice_question_ends_the_run() -> None:
    """"1 1 4" at willing-to-work: 1 4 could be two services or a service and a scope; only the first is sure."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("同意")
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "2"):
        chat.say(text)
    assert chat.awaiting == "willing_to_work"
    chat.say("1 1 4")
    assert chat.answers["willing_to_work"] == "yes"
    assert "service_needs" not in chat.answers and chat.awaiting == "service_needs"


@pytest.mark.parametrize("text", ["10 宏达电子厂", "10、宏达电子厂", "第10条 宏达电子厂"])
def test_an_sms_summary_correction_is_the_field_number_then_the_new_value(text: str) -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    replies = chat.say(text)
    assert chat.answers["employer"] == "宏达电子厂"
    assert replies[0] == "好的, 已改为 工作单位: 宏达电子厂。" and chat.awaiting == "summary"


def test_a_number_with_a_value_that_does_not_fit_its_field_changes_nothing() -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    before = chat.answers
    chat.say("14 好多")  # 14 is the monthly income: 好多 is no amount
    assert chat.answers == before and chat.awaiting == "summary"


def test_a_bare_menu_digit_right_after_the_form_is_saved_is_the_menu_choice() -> None:
    chat = consented("sms")
    employed_at(chat, "summary")
    chat.say("0")
    assert chat.kinds("form_submitted") and chat.awaiting is None
    replies = chat.say("1")  # the menu's first entry: the form, to look at or update
    assert not any("没太明白" in reply for reply in replies)
    assert chat.awaiting == "summary" and replies[-1].startswith("请核对您的信息")
    chat.say("0")
    assert len(chat.kinds("form_submitted")) == 2
