"""Details told after a rights report made in the middle of the survey (dialogs/flows/rights.py): "欠了五千多
是万家超市" at an unrelated question goes to the caseworker (event `rights_details_told`, the `rights_details`
alert) and the question is asked again; an answer to the open question is still read as its answer."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_playtest_round2 import looking_at
from tests.survey.test_talking_as_people_type import consented, employed_at


def _reported_at(field: str) -> Chat:
    chat = consented()
    employed_at(chat, field)
    chat.say("老板拖欠工资三个月了")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.awaiting == field
    return chat


@pytest.mark.parametrize("field", ["employment_form", "started"])
def test_details_at_an_unrelated_question_reach_the_caseworker_and_the_question_is_asked_again(field: str) -> None:
    chat = _reported_at(field)
    replies = chat.say("欠了五千多 是万家超市")
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["欠了五千多 是万家超市"]
    assert replies[0] == "好的, 已补充给工作人员。" and chat.awaiting == field
    assert field not in chat.answers


def test_the_sum_owed_at_the_income_question_is_no_income() -> None:
    chat = _reported_at("started")
    chat.say("去年三月")
    assert chat.awaiting == "monthly_income"
    chat.say("欠了五千多 是万家超市")
    assert "monthly_income" not in chat.answers and chat.awaiting == "monthly_income"
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["欠了五千多 是万家超市"]


def test_who_owes_named_alone_where_no_answer_fits_is_a_detail_too() -> None:
    chat = _reported_at("employment_form")  # a numbered choice: 是万家超市 answers none of it
    chat.say("是万家超市")
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["是万家超市"]
    assert chat.awaiting == "employment_form"


def test_an_answer_to_the_open_question_is_still_its_answer() -> None:
    chat = _reported_at("employment_form")
    chat.say("1")
    assert "employment_form" in chat.answers and chat.kinds("rights_details_told") == []


def test_the_reported_issue_answers_its_own_question_which_is_not_asked_again() -> None:
    # Reported at the start month, well before the wages question: the report is that question's answer
    # (known answers are not asked again; it was asked, and "拖了三个月了 欠五千多" there was its answer).
    chat = _reported_at("started")
    assert chat.answers["wages_on_time"] == "no"
    for answer in ("去年三月", "五千", "1", "没签", "没交"):
        chat.say(answer)
    assert chat.awaiting == "summary" and chat.answers["wages_on_time"] == "no"
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]


def test_a_question_after_the_report_is_no_detail_and_details_stop_after_two() -> None:
    chat = _reported_at("started")
    chat.say("欠的钱能要回来吗")
    assert chat.kinds("rights_details_told") == []
    chat.say("欠了五千多")
    chat.say("老板跑了 欠了俺们好几个人的")
    chat.say("欠了大半年")
    assert len(chat.kinds("rights_details_told")) == 2


def test_details_asked_for_after_a_report_in_the_job_loss_registration_reach_the_caseworker() -> None:
    from tests.survey.test_playtest_round2 import registering

    chat = registering()
    chat.say("上个月底")
    assert chat.awaiting == "job_loss_reason"
    chat.say("老板拖欠工资三个月了")
    replies = chat.say("欠了五千多 是万家超市")
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["欠了五千多 是万家超市"]
    assert replies[0] == "好的, 已补充给工作人员。" and chat.awaiting == "job_loss_reason"
    chat.say("3")
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"]


def test_the_sum_and_who_owes_at_the_expected_income_question_are_details_not_the_income_wanted() -> None:
    """"五千多 是威宁某砖厂" right after "以前的老板还欠我工资没给" at 希望每月挣多少钱? was the income wanted."""
    chat = looking_at("preferred_scope")
    for answer in ("1", "保安", "没啥手艺"):
        chat.say(answer)
    assert chat.awaiting == "expected_income"
    chat.say("以前的老板还欠我工资没给")
    replies = chat.say("五千多 是威宁某砖厂")
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["五千多 是威宁某砖厂"]
    assert "expected_income" not in chat.answers and chat.awaiting == "expected_income"
    assert replies[0] == "好的, 已补充给工作人员。"
    chat.say("三千")
    assert chat.answers["expected_income"] == 3000


def _reported_before(field: str, report: str = "老板拖欠工资三个月了") -> Chat:
    chat = consented()
    employed_at(chat, "home_village")
    chat.say(report)
    assert chat.kinds("rights_issue_reported") and chat.awaiting == "home_village"
    employed_at(chat, field)
    return chat


def test_the_boss_named_at_the_employer_questions_is_their_answer_not_details() -> None:
    """After "老板拖欠工资三个月了", "王老板的砖厂" at 您在哪个单位或老板那里干? went to the caseworker as the report's
    details, and "王老板 13912345670" at the employer's phone was taken as details only: the phone was never kept."""
    chat = _reported_before("employer")
    chat.say("王老板的砖厂")
    assert chat.answers["employer"] == "王老板的砖厂" and chat.awaiting == "employer_contact"
    chat.say("王老板 13912345670")
    assert chat.answers["employer_contact"] == "+8613912345670" and chat.awaiting == "job_type"
    assert chat.kinds("rights_details_told") == []


def test_what_is_owed_told_with_the_employer_still_reaches_the_caseworker() -> None:
    chat = _reported_before("employer")
    chat.say("王老板的砖厂 欠了五千")
    assert chat.answers["employer"] == "王老板的砖厂"
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["王老板的砖厂 欠了五千"]


def test_the_pay_at_the_income_question_is_the_income_not_details() -> None:
    """"工资五千" at 每月大概挣多少钱? after a report of unpaid wages was "已补充给工作人员" and the income stayed
    empty."""
    chat = _reported_before("monthly_income")
    replies = chat.say("工资五千")
    assert chat.answers["monthly_income"] == 5000 and chat.kinds("rights_details_told") == []
    assert "已补充" not in replies[0]


def test_the_issue_reported_is_its_own_questions_answer_and_no_detail() -> None:
    # (Its question is not asked again: the report answers it, dialogs/flows/survey/flow.py _keep_reported_answer.)
    chat = consented()
    employed_at(chat, "home_village")
    chat.say("老板不给签合同")
    employed_at(chat, "social_insurance")  # past the contract question, never asked
    assert chat.answers["contract_signed"] == "no" and chat.kinds("rights_details_told") == []
