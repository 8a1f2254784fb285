"""check19 (2026-12-07): check-ins, job loss and the registration as people type them (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.survey.driver import Chat
from tests.survey.test_check18 import _at_spring_return
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[object]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _changed_by_checkin(chat: Chat) -> dict[str, Any]:
    return {e.data["field"]: e.data["new"] for e in chat.kinds("field_changed") if e.data.get("actor") == "checkin"}


def _registration(chat: Chat) -> dict[str, Any]:
    return dict((chat.state or {})["registration"]["answers"])


# -- 1. a change said beside 在 ------------------------------------------------------------------------------------

def test_a_new_months_pay_beside_still_there_is_recorded_and_said_back() -> None:
    """"还在 一个月七千了" was in post and the wages question, the new pay lost."""
    chat = _at_checkin()
    replies = chat.say("还在 一个月七千了")
    assert _answers(chat) == ["still_employed"]
    assert _changed_by_checkin(chat) == {"monthly_income": 7000} and chat.answers["monthly_income"] == 7000
    assert "7000" in replies[0]


@pytest.mark.parametrize(("days", "monthly"), [("二十五天", 7500), ("一个月干22天", 6600)])
def test_a_new_day_rate_beside_still_there_asks_the_days_and_records_the_month(days: str, monthly: int) -> None:
    """"还在 现在一天三百了" was in post and the wages question, the new pay lost: the form holds a month's pay, so the
    days worked are asked (as the survey does with a day rate) in the reply that says the rate back."""
    chat = _at_checkin()
    [asked] = chat.say("还在 现在一天三百了")
    assert _answers(chat) == ["still_employed"] and "300" in asked and "多少天" in asked
    replies = chat.say(days)
    assert _changed_by_checkin(chat) == {"monthly_income": monthly}
    assert str(monthly) in replies[0]
    assert chat.awaiting == "checkin" and "工资" in replies[-1]  # then the wages question, as when due


def test_days_not_known_after_a_new_day_rate_leave_the_pay_as_it_was() -> None:
    """A guard: nothing recorded that was not said."""
    chat = _at_checkin()
    chat.say("还在 现在一天三百了")
    chat.say("不固定")
    assert _changed_by_checkin(chat) == {} and chat.answers["monthly_income"] == 6000


def test_the_same_employer_moving_beside_still_there_records_the_place() -> None:
    """"还在干 搬到长安那个新厂区了" was a job changed: every answer about the job dropped and the new job's questions
    asked from the start ("您在哪里工作?")."""
    chat = _at_checkin()
    replies = chat.say("还在干 搬到长安那个新厂区了")
    assert _answers(chat) == ["still_employed"]
    assert chat.answers["employer"] == "陈老板" and chat.answers["employment_status"] == "employed"
    assert _changed_by_checkin(chat) == {"work_place": "长安新厂区"} and "长安新厂区" in replies[0]


def test_a_named_place_of_the_move_records_its_division_too() -> None:
    chat = _at_checkin()
    chat.say("还在干 厂搬到东莞长安了")
    assert chat.answers["work_division"]["code"].startswith("4419") and chat.answers["work_place"] == "东莞长安"


@pytest.mark.parametrize(("said", "then", "boss"), [
    ("在的 换了个老板 厂还是那个厂", "姓王", "王老板"), ("在的 换了个老板 厂还是那个厂", "王老板", "王老板"),
    ("还在 老板换了 姓刘", None, "刘老板"),
])
def test_a_new_boss_at_the_same_place_beside_still_there_is_recorded(said: str, then: str | None, boss: str) -> None:
    """"在的 换了个老板 厂还是那个厂" was in post and the wages question, the form still naming 陈老板. The new boss's
    name is asked once when not said."""
    chat = _at_checkin()
    replies = chat.say(said)
    assert _answers(chat) == ["still_employed"]
    if then is not None:
        assert "老板姓什么" in replies[0]
        replies = chat.say(then)
    assert _changed_by_checkin(chat) == {"employer": boss} and boss in replies[0]


def test_a_new_boss_not_known_is_not_asked_again() -> None:
    """A guard: the name asked once, never again."""
    chat = _at_checkin()
    chat.say("在的 换了个老板 厂还是那个厂")
    replies = chat.say("不知道")
    assert chat.answers["employer"] == "陈老板" and "老板姓什么" not in " ".join(replies)


@pytest.mark.parametrize("text", ["在的 老板人还行", "还在干 就是上个月工资还没发", "在的 老板还欠我两千"])
def test_still_there_with_other_remarks_reads_as_before(text: str) -> None:
    """A guard: remarks that tell no change record none."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["still_employed"]
    assert not {"monthly_income", "employer", "work_place"} & set(_changed_by_checkin(chat))


def test_a_new_boss_and_another_site_is_still_a_job_changed() -> None:
    """A guard (check18's): 换了个老板 with a move is another job."""
    chat = _at_checkin()
    chat.say("换了个老板 调到别的工地了")
    assert _answers(chat) == ["changed_job"]


# -- 2. sent home for now --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["老板说没活了 让我们先回家", "没活了 老板叫我们先回家等着"])
def test_sent_home_for_now_is_a_pause_not_a_job_lost(text: str) -> None:
    """"老板说没活了 让我们先回家" was a job lost: the registration begun. Sent home "for now" is work paused, as 停工
    等通知 is: asked again in a week (still so then, the caseworker alerted), said so in one reply."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["on_hold"] and chat.answers["employment_status"] == "employed"
    assert chat.kinds("checkin_recheck")[-1].data["days"] == 7 and not chat.kinds("registration.submit")
    assert len(replies) == 1 and "先回家" in replies[0]


def test_still_sent_home_at_the_weeks_recheck_alerts_the_caseworker() -> None:
    chat = _at_checkin()
    chat.say("老板说没活了 让我们先回家")
    recheck = chat.kinds("checkin_recheck")[-1].data["recheck"]
    chat.later(days=7)
    assert _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", recheck=recheck)
    chat.say("还是没活 在家等着")  # (it was "没太明白, 请回复数字")
    assert _answers(chat)[-1] == "on_hold"
    assert chat.kinds("human_requested")[-1].data["reason"] == "checkin_on_hold"


def test_let_go_at_the_weeks_recheck_is_the_registration() -> None:
    """The pause over, the job lost (before, the pause was itself read as the job lost: no recheck)."""
    chat = _at_checkin()
    chat.say("老板说没活了 让我们先回家")
    recheck = chat.kinds("checkin_recheck")[-1].data["recheck"]
    chat.later(days=7)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", recheck=recheck)
    chat.say("老板说不要人了")
    assert _answers(chat)[-1] == "job_lost" and chat.awaiting == "last_work_day"


# -- 3. late pay -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["这个月工资下个月一起发", "工资说下个月再发"])
def test_a_months_pay_put_off_to_the_next_is_late_pay(text: str) -> None:
    """"这个月工资下个月一起发" was "没太明白, 请回复数字". Wages are due at least monthly: a month's pay put off is
    paid late, read as 工资压了一个月 is — in post, wages not on time, reported."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["still_employed"]
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"]
    assert "没太明白" not in replies[0]


def test_a_months_pay_put_off_at_the_wages_question_is_late_pay() -> None:
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say("工资下个月一起发")
    assert chat.kinds("rights_issue_reported")[-1].data["issues"] == ["wage_arrears"] and "请回复" not in replies[0]


# -- 4. a day remembered roughly -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("said", "day"), [
    (["上个月二十几号"], "2026-11-25"), (["上个月二十多号吧"], "2026-11-25"), (["上个月", "二十几号"], "2026-11-25"),
    (["十几号"], "2026-11-15"),
])
def test_an_approximate_last_day_is_taken_as_the_middle_and_said_back(said: list[str], day: str) -> None:
    """"上个月二十几号" at the last-work-day question asked "11月几号?" again. The middle of the span is taken (the
    25th), said back as an approximation to be checked; the benefit counts from the registration date anyway."""
    chat = _at_checkin()
    chat.say("走了")
    for text in said:
        replies = chat.say(text)
    assert _registration(chat)["last_work_day"] == day
    assert "左右" in replies[0] and chat.awaiting == "job_loss_reason"


@pytest.mark.parametrize("text", ["走了 上个月底", "上个月20号就走了", "上个月二十几号就走了"])
def test_gone_with_the_day_said_at_the_checkin_is_the_job_lost(text: str) -> None:
    """"走了 上个月底" at the check-in was "没太明白, 请回复数字" ("走了" alone was the job lost): the day is taken
    too, not asked."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "job_loss_reason"
    assert _registration(chat)["last_work_day"].startswith("2026-11-")


# -- 5. the self-employed --------------------------------------------------------------------------------------------

def _self_employed_at_checkin() -> Chat:
    chat = _at_employer()
    for text in ["自己干 没老板", "今年九月", "3000", "4", "2", "0"]:
        chat.say(text)
    assert chat.answers["employment_form"] == "self_employed" and chat.awaiting is None
    chat.later(days=14)
    return chat


def test_the_self_employed_are_asked_about_their_own_business() -> None:
    """The check-in asked "您还在…上班吗? 1在岗 2已离职 3换了工作" (or "原来的单位"): nobody to leave for someone with
    their own stall or shop."""
    chat = _self_employed_at_checkin()
    [asked] = _fire(chat, "checkin", 1, employer="自己干 (个体)", work_place="贵阳市观山湖区",
                    employment_form="self_employed")
    assert "自己做的生意" in asked and "离职" not in asked and "单位" not in asked
    chat.say("1")
    assert _answers(chat) == ["still_employed"]
    chat.later(days=30)
    [asked] = _fire(chat, "checkin", 2, employer=None, work_place=None, employment_form="self_employed")
    assert "单位" not in asked and "离职" not in asked


def test_the_self_employed_registration_asks_no_employees_questions() -> None:
    """Their business stopped, the registration asked the employee's reasons (合同到期 … 单位倒闭、老板跑路) and "您在
    单位交过失业保险吗?": the reason is recorded as another one, the insurance asked of themselves."""
    chat = _self_employed_at_checkin()
    _fire(chat, "checkin", 1, employer="自己干 (个体)", work_place="贵阳市观山湖区", employment_form="self_employed")
    chat.say("2")
    replies = chat.say("上个月底")
    assert chat.awaiting == "insured" and "单位" not in replies[-1] and "自己交过失业保险" in replies[-1]
    assert _registration(chat)["job_loss_reason"] == "other"


def test_an_employees_registration_still_asks_the_reason() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("走了")
    replies = chat.say("上个月底")
    assert chat.awaiting == "job_loss_reason" and "单位倒闭" in replies[-1]


# -- 6. no answer about the years ------------------------------------------------------------------------------------

def test_no_answer_about_the_insured_years_is_asked_plainly_once_then_not_known() -> None:
    """"啥都行 能挣钱就行" at "交了几年?" got the same question again, and again."""
    chat = _at_checkin()
    chat.say("被开了")
    chat.say("上个月底")
    assert chat.awaiting == "insured_years"
    [plain] = chat.say("啥都行 能挣钱就行")
    assert chat.awaiting == "insured_years" and "年数" in plain
    replies = chat.say("啥都行 能挣钱就行")
    assert chat.awaiting == "wants_services" and "不清楚" in replies[0]
    assert "insured_years" in _registration(chat) and _registration(chat)["insured_years"] is None


def test_the_years_after_the_plain_question_are_taken() -> None:
    """A guard."""
    chat = _at_checkin()
    chat.say("被开了")
    chat.say("上个月底")
    chat.say("啥都行")
    chat.say("3年")
    assert _registration(chat)["insured_years"] == 3


# -- 7. let go while off injured -----------------------------------------------------------------------------------

def test_let_go_while_off_injured_goes_to_the_injurys_case_with_its_words() -> None:
    """A work injury reported (its rights case, `other`), then "老板不要我了" at the next check-in: the second `other`
    report joined the open injury case and added nothing, so its caseworker never heard of the dismissal, though the
    person was told it was passed on. Now its words go to that case as details (its owner alerted)."""
    chat = _at_checkin()
    chat.say("干活把脚砸了 在家养着")
    chat.say("1")
    chat.later(days=30)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳")
    replies = chat.say("老板不要我了")
    assert _answers(chat)[-1] == "job_lost" and "已转给" in replies[0]
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["老板不要我了"]


def test_let_go_while_ill_with_no_injury_reported_opens_its_case() -> None:
    """A guard: no injury case before, the report opens one (no details to add to anything)."""
    chat = _at_checkin()
    chat.say("受伤了老板就不要我了")
    assert chat.kinds("rights_issue_reported")[-1].data["issue"] == "other" and not chat.kinds("rights_details_told")


# -- 8. played through a season -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["小卖部关了 不开了", "摊子不摆了", "店不开了"])
def test_ones_own_shop_or_stall_given_up_is_news_of_a_job_lost(text: str) -> None:
    """"小卖部关了 不开了" from a self-employed person with nothing open was "抱歉, 没太明白您的意思" and the menu."""
    chat = _self_employed_at_checkin()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "last_work_day"


def test_the_same_bosss_site_moved_beside_still_there_is_the_place_not_another_job() -> None:
    """"还在干 工地换到花溪了" was a job changed: the new job's questions from the start."""
    chat = _at_checkin()
    chat.say("还在干 工地换到花溪了")
    assert _answers(chat) == ["still_employed"] and chat.answers["employer"] == "陈老板"
    assert chat.answers["work_division"]["code"] == "520111" and chat.answers["work_place"] == "花溪"


@pytest.mark.parametrize(("said", "then", "job"), [("还在 换了个工种 开叉车", None, "叉车"),
                                                 ("在 不过换了个工种 现在开塔吊", "开塔吊", "开塔吊")])
def test_another_trade_with_the_same_boss_beside_still_there_is_recorded(said: str, then: str | None,
                                                                          job: str) -> None:
    """"在 不过换了个工种 现在开塔吊" was a job changed: the new job's questions from the start. The trade is
    recorded, asked once when not recognised."""
    chat = _at_checkin()
    chat.say(said)
    assert _answers(chat) == ["still_employed"]
    if then is not None:
        assert chat.awaiting == "checkin"
        chat.say(then)
    assert _changed_by_checkin(chat) == {"job_type": job} and chat.answers["employer"] == "陈老板"


def test_moved_to_the_factory_next_door_is_still_a_job_changed() -> None:
    """A guard: 换到隔壁厂了 is another job."""
    chat = _at_checkin()
    chat.say("换到隔壁厂了")
    assert _answers(chat) == ["changed_job"]


def test_looked_and_turned_down_for_age_at_the_weekly_checkin_is_still_looking() -> None:
    """"找了几家 人家嫌我年纪大" was "没太明白, 请回复数字"."""
    chat = _at_weekly()
    chat.say("找了几家 人家嫌我年纪大")
    assert _answers(chat)[-1] == "still_looking"


def test_a_few_days_of_work_and_nothing_steady_is_odd_jobs() -> None:
    """"在县城工地干了几天 没长期的" was a job found (没长期的 read as steady work): the case closed, the new job's
    questions asked."""
    chat = _at_weekly()
    chat.say("在县城工地干了几天 没长期的")
    assert _answers(chat)[-1] == "odd_jobs" and chat.answers["employment_status"] == "unemployed"


def test_no_work_left_at_the_reason_question_is_a_lay_off() -> None:
    """"老板说没活干了" at "是什么原因没了工作?" was "请回复数字选择原因"."""
    chat = _at_checkin()
    chat.say("走了")
    chat.say("两个礼拜前")
    assert chat.awaiting == "job_loss_reason"
    chat.say("老板说没活干了")
    assert _registration(chat)["job_loss_reason"] == "laid_off"


@pytest.mark.parametrize("text", ["还没 车票没买到", "去了 酒店没开 在等"])
def test_not_at_work_yet_at_the_spring_return_in_other_words(text: str) -> None:
    """"还没 车票没买到" and "去了 酒店没开 在等" at "春节过后, 您回到…上班了吗?" were "没太明白, 请回复数字"."""
    chat = _at_spring_return()
    chat.say(text)
    assert _answers(chat)[-1] == "not_back_yet" and chat.kinds("checkin_recheck")[-1].data["days"] == 7


def test_back_from_the_festival_to_another_factory_is_a_job_changed() -> None:
    """"回来了 不过换了个厂" at the spring return was back at the old job (the wages question next)."""
    chat = _at_spring_return()
    chat.say("回来了 不过换了个厂")
    assert _answers(chat)[-1] == "changed_job" and chat.awaiting == "work_division"


def test_the_place_may_not_go_on_beside_still_there_is_work_at_risk() -> None:
    """"在 就是老板说年后可能不开了" was all well, the wages question next: a closing talked of is at risk (asked again
    in a week), as 可能要裁人 is."""
    chat = _at_checkin()
    chat.say("在 就是老板说年后可能不开了")
    assert _answers(chat) == ["at_risk"] and chat.kinds("checkin_recheck")[-1].data["days"] == 7
