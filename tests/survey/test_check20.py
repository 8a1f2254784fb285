"""check20 (2026-12-07): check-ins, pauses and the registration, one reading wherever it is said
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.survey.driver import Chat
from tests.survey.test_check18 import _at_spring_return
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_checkin


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _registration(chat: Chat) -> dict[str, Any]:
    return dict((chat.state or {})["registration"]["answers"])


def _idle_at_work() -> Chat:
    """Employed on the form, the check-in answered (in post, all fine): no dialog open."""
    chat = _at_checkin()
    chat.say("在")
    chat.say("1")
    assert chat.awaiting is None
    chat.later(days=3)
    return chat


# -- 1. a pause told with no dialog open -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["老板说没活了 让我们先回家", "厂里停工了 等通知", "没活了 老板叫我们先回家等着"])
def test_a_pause_told_with_no_dialog_open_is_the_checkins_pause(text: str) -> None:
    """"厂里停工了 等通知" with no dialog open started the unemployment registration (at a check-in it is a pause):
    now the same pause, recorded as the check-in's answer, asked again in a week, in one reply."""
    chat = _idle_at_work()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "on_hold" and chat.answers["employment_status"] == "employed"
    assert chat.kinds("checkin_recheck")[-1].data["days"] == 7 and chat.awaiting is None
    assert not chat.kinds("employment_status_changed")
    assert len(replies) == 1 and "工作还在" in replies[0] and "不干了" in replies[0]


def test_still_paused_at_the_weeks_recheck_alerts_the_caseworker() -> None:
    chat = _idle_at_work()
    chat.say("厂里停工了 等通知")
    recheck = chat.kinds("checkin_recheck")[-1].data["recheck"]
    chat.later(days=7)
    assert _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", recheck=recheck)
    chat.say("还是没活 在家等着")
    assert _answers(chat)[-1] == "on_hold"
    assert chat.kinds("human_requested")[-1].data["reason"] == "checkin_on_hold"


def test_let_go_after_the_pause_is_the_registration() -> None:
    """A guard: 不干了, as the reply says, starts the registration."""
    chat = _idle_at_work()
    chat.say("老板说没活了 让我们先回家")
    chat.later(days=2)
    chat.say("不干了")
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["老板跑路了 我没活干了", "厂子倒闭了", "被开除了"])
def test_a_job_lost_with_no_dialog_open_is_still_the_registration(text: str) -> None:
    """A guard: words that end the job are no pause."""
    chat = _idle_at_work()
    chat.say(text)
    assert chat.awaiting == "last_work_day" and "on_hold" not in _answers(chat)


# -- 2. late pay told with no dialog open ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["这个月工资下个月一起发", "工资说下个月再发"])
def test_a_months_pay_put_off_with_no_dialog_open_is_late_pay(text: str) -> None:
    """"这个月工资下个月一起发" with no dialog open was "没太明白" and the menu; the check-in reads it as late pay
    (check19): a wages report for the caseworker, here too."""
    chat = _idle_at_work()
    replies = chat.say(text)
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert "没太明白" not in " ".join(replies)


# -- 4. paid, a few days late --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["钱都发了 就是晚几天", "工资发了 晚了两天"])
def test_paid_a_few_days_late_at_the_wages_question_is_answered_without_a_case(text: str) -> None:
    """"钱都发了 就是晚几天" at "工资按时足额发了吗? …" was asked again ("请回复数字"): paid, late — recorded as not on
    time, said back, and no wages case (nothing is owed)."""
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say(text)
    assert chat.awaiting is None and not chat.kinds("rights_issue_reported")
    assert chat.answers["wages_on_time"] == "no" and "晚了几天" in replies[0] and "请回复" not in replies[0]


@pytest.mark.parametrize("text", ["工资晚了几天", "工资发了 就是少了五百"])
def test_wages_late_or_short_without_paid_said_are_still_reported(text: str) -> None:
    """工资晚了几天 (not said to be paid: a guard, talk8's reading) and 工资发了 就是少了五百 (paid short: it was
    read as all fine) are a wages report."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say(text)
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]


# -- 6. whether insured not known -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["不知道交没交", "有没有交不清楚"])
def test_not_knowing_whether_insured_at_the_years_question_records_insured_not_known(text: str) -> None:
    """"不知道交没交" at "交了几年?" left insured = yes (from the form's 社保) with the years not known (有没有交不清楚
    was already read so: a guard)."""
    chat = _at_checkin()
    chat.say("被开了")
    chat.say("上个月底")
    assert chat.awaiting == "insured_years" and _registration(chat)["insured"] == "yes"
    replies = chat.say(text)
    assert _registration(chat)["insured"] == "unknown" and "insured_years" not in _registration(chat)
    assert chat.awaiting == "wants_services" and "不清楚" in replies[0]


# -- 3. in post, leaving at the month's end for their health ----------------------------------------------------------

@pytest.mark.parametrize("text", ["在 但是身体不太好 干完这个月想回家", "还在 干完这个月打算回老家"])
def test_in_post_and_going_home_at_the_months_end_is_the_plan_to_leave(text: str) -> None:
    """"在 但是身体不太好 干完这个月想回家" was in post and the wages question, the plan lost. Chosen: the check-in's
    plan to leave (下个月就走): in post, the plan said back, asked again the day after the month's end."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say(text)
    assert _answers(chat) == ["leaving"] and chat.answers["employment_status"] == "employed"
    recheck = chat.kinds("checkin_recheck")[-1].data
    assert recheck["ends"] == "2026-12-31" and "月底" in replies[0] and "工资" not in " ".join(replies)


# -- 7. back after 正月十五 --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["还在家 厂里说十五以后开工", "还没去 过了正月十五再去", "在家呢 元宵节后上班"])
def test_back_after_the_lantern_festival_is_asked_again_just_after_it(text: str) -> None:
    """"还在家 厂里说十五以后开工" at the spring return (2027-02-08) was asked again in 7 days, before 正月十五
    (2027-02-20): now two days after it."""
    chat = _at_spring_return()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "not_back_yet"
    assert chat.kinds("checkin_recheck")[-1].data["days"] == 14 and "2月20日" in replies[0]


def test_the_fifteenth_of_a_month_is_not_the_lantern_festival() -> None:
    """A guard: 十五号 is a day of the month."""
    chat = _at_spring_return()
    chat.say("还在家 厂里说十五号开工")
    assert chat.kinds("checkin_recheck")[-1].data["days"] != 14


# -- 5. insurance paid by oneself -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["社保是自己在老家交的", "工资按时发了 社保自己交的"])
def test_insurance_paid_by_oneself_is_not_the_employers(text: str) -> None:
    """"社保是自己在老家交的" at the wages question counted as the employer insuring them (all fine). Chosen: for an
    employee it is the employer's duty: not insured by the employer, said why, reported as 没交社保."""
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say(text)
    assert chat.answers["social_insurance"] == "no"
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["no_social_insurance"]
    assert "单位要给员工交社保" in replies[0]


def test_insurance_paid_by_the_employer_is_still_fine() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say("社保单位交了")
    assert chat.answers["social_insurance"] == "yes" and not chat.kinds("rights_issue_reported")


# -- 8. the self-employed in the survey ----------------------------------------------------------------------------

def test_a_stall_of_ones_own_at_the_employer_question_is_self_employed() -> None:
    """"自己摆摊" at "在哪个单位/老板那干?" was saved as the employer's name, and the way of working asked (不知道
    suggested 外出务工): now the employer as for 自己干, the way of working 自主创业/个体, said back."""
    chat = _at_employer()
    replies = chat.say("自己摆摊")
    assert chat.answers["employer"] == "自己干 (个体)" and chat.answers["employment_form"] == "self_employed"
    assert "个体" in replies[0] and chat.awaiting == "started"


def test_the_self_employed_are_asked_whether_they_pay_in_themselves() -> None:
    """"单位给您交社保了吗?" was asked of someone who chose 自主创业/个体: no 单位 to pay it. Chosen: asked whether they
    pay in themselves (城乡居民 or 灵活就业 insurance), and a no is no rights case (nobody owes it to them)."""
    chat = _at_employer()
    for text in ["自己干 没老板", "今年九月", "3000", "4"]:
        replies = chat.say(text)
    assert chat.answers["employment_form"] == "self_employed" and chat.awaiting == "social_insurance"
    assert "自己交社保" in replies[-1] and "单位" not in replies[-1]
    chat.say("没交")
    assert chat.answers["social_insurance"] == "no" and not chat.kinds("rights_issue_reported")


def test_an_employee_is_still_asked_about_the_insurance() -> None:
    """A guard."""
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "1", "有"]:
        replies = chat.say(text)
    assert "单位给您交社保" in " ".join(replies) or "social_insurance" in chat.answers


def test_a_weeks_recheck_on_or_after_the_lantern_festival_stands() -> None:
    """A guard (check14's): 过了十五再走 two days before 十五 is asked again in a week, after it."""
    chat = _at_checkin()
    chat.later(days=70)
    _fire(chat, "spring_return", 2, employer="陈老板", work_place="贵阳")
    chat.say("还在家 过了十五再走")
    assert [e.data["days"] for e in chat.kinds("checkin_recheck")] == [7]


def test_insurance_paid_by_oneself_is_a_yes_from_the_self_employed() -> None:
    """Found in the season's play (s290): "社保是自己在老家交的" at the self-employed's question was "请回复 1 交了, 或
    2 没交"."""
    chat = _at_employer()
    for text in ["自己摆摊", "今年九月", "3000"]:
        chat.say(text)
    assert chat.awaiting == "social_insurance"
    chat.say("社保是自己在老家交的")
    assert chat.answers["social_insurance"] == "yes" and chat.awaiting == "summary"


def test_waiting_to_hear_after_an_interview_is_no_pause() -> None:
    """A guard: 等通知 about something else than the work held is not recorded as work paused."""
    chat = _idle_at_work()
    chat.say("面试完了 等通知")
    assert "on_hold" not in _answers(chat)
