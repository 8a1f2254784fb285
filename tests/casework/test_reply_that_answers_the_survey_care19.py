"""Inside the window after a caseworker's message, words that plainly answer the survey's open question go to the
survey. Before, only a command, a bare number or an ID/phone number did: "王小红" at the name question, "威宁县草海镇"
at the address question, "5000" at the income question, "打工" at the status question were passed on to the caseworker
as a reply, and the person was told to reply 继续 and say it again. What the survey cannot tell from a reply (free text
such as a village, a yes/no question's 好的) is still passed on (dialogs/caseworker_reply.py `plain_answer`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dialogs import caseworker_reply
from dialogs.types import StepContext
from tests.survey.driver import START
from tests.survey.test_talking_as_people_type import ID, consented

CTX = StepContext(now=START, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")  # type: ignore[arg-type]


def _mark() -> dict[str, object]:
    return {"by": 1, "name": "李书记", "role": "caseworker", "case": 5,
            "until": (datetime(2026, 11, 26, 2, tzinfo=UTC) + timedelta(hours=72)).isoformat()}


def test_a_name_at_the_name_question_goes_to_the_survey() -> None:
    chat = consented()
    assert chat.awaiting == "name"
    chat.state = {**(chat.state or {}), caseworker_reply.MARK: _mark()}
    chat.say("王小红")
    assert not chat.kinds(caseworker_reply.EVENT) and chat.answers.get("name") == "王小红"
    assert chat.awaiting == "id_number" and caseworker_reply.MARK not in (chat.state or {})


def test_a_reply_at_the_name_question_is_still_passed_on() -> None:
    chat = consented()
    chat.state = {**(chat.state or {}), caseworker_reply.MARK: _mark()}
    for said in ("马上到", "李书记好", "明天几点到"):
        replies = chat.say(said)
        assert replies == ["您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。"], said
    assert len(chat.kinds(caseworker_reply.EVENT)) == 3 and chat.awaiting == "name"


def test_an_option_word_at_the_status_question_goes_to_the_survey() -> None:
    chat = consented()
    for said in ("王小红", ID, "13712345678", "不知道", "威宁县草海镇", "高山村"):
        chat.say(said)
    assert chat.awaiting == "employment_status"
    chat.state = {**(chat.state or {}), caseworker_reply.MARK: _mark()}
    chat.say("打工")
    assert not chat.kinds(caseworker_reply.EVENT) and chat.answers.get("employment_status") == "employed"


@pytest.mark.parametrize(("field", "said", "answers"), [
    ("name", "我叫王小红", True), ("name", "欧阳娜娜", True), ("name", "李书记", False), ("name", "谢谢您", False),
    ("name", "王小红 明天在家", False),
    ("home_division", "威宁县草海镇", True), ("home_division", "明天在家", False),
    ("monthly_income", "5000", True), ("monthly_income", "三千", True), ("monthly_income", "好的", False),
    ("employment_status", "在工作", True), ("employment_status", "我在地里干活 下午回来", False),
    ("preferred_scope", "外省", True), ("service_needs", "培训", True), ("service_needs", "好的", False),
    # A yes/no question's 好的 and a free-text question's words cannot be told from a reply: passed on.
    ("contract_signed", "好的", False), ("home_village", "高山村", False), ("employer", "鞋厂", False),
])
def test_what_plainly_answers_which_question(field: str, said: str, answers: bool) -> None:
    assert caseworker_reply.plain_answer({"flow": "survey", "awaiting": field}, said, CTX) is answers
