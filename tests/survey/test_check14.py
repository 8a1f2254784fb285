"""check14 (2026-12-06): check-ins, job loss, the registration and the benefit, answered as people type them
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin


def _idle() -> Chat:
    """In post, the check-in and its monthly wages question answered: no dialog open."""
    chat = _at_checkin()
    chat.say("在的")
    chat.say("1")
    assert chat.awaiting is None
    return chat


@pytest.mark.parametrize(("years", "months"), [(1, 12), (4.5, 12), (5, 18), (9.5, 18), (10, 24), (15, 24)])
def test_the_longest_benefit_by_the_years_paid(years: float, months: int) -> None:
    """Social Insurance Law art. 46: exactly 5 years is 18 months, exactly 10 is 24 (a guard; it moved from the
    registration's benefits)."""
    from dialogs.policy.benefit_length import longest_months  # (imported here: the dialog tests run on older code)

    assert longest_months(years) == months


@pytest.mark.parametrize(("text", "years", "more"), [
    ("我交了五年社保 能领多久", 5, False), ("交了3年了", 3, False), ("社保交了十几年", 10, True),
    ("交了一年半", 1.5, False), ("交了五年多", 5, True), ("交了半年", 0.5, False), ("交了三四年", 3, True),
    ("交了四五年", None, False),  # 12 or 18 months: not said
    ("干了五年", None, False), ("交了几年", None, False),
])
def test_the_years_paid_as_people_say_them(text: str, years: float | None, more: bool) -> None:
    from dialogs.policy.benefit_length import Paid, paid_years

    assert paid_years(text) == (None if years is None else Paid(years, more))


@pytest.mark.parametrize(("text", "told"), [
    ("我交了五年社保 能领多久", "您交了5年, 失业金最长可领18个月"),
    ("交了3年了 失业金能拿几个月", "您交了3年, 失业金最长可领12个月"),
    ("社保交了十年 失业金能领多久", "您交了10年, 失业金最长可领24个月"),
])
def test_how_long_the_benefit_lasts_for_the_years_said(text: str, told: str) -> None:
    """"我交了五年社保 能领多久" was referred to the caseworker, "交了3年了 失业金能拿几个月" was the general table
    or nothing; now the months for their years."""
    chat = _idle()
    replies = chat.say(text)
    assert replies[0].startswith(told), replies
    assert "12到24" not in "".join(replies)
    assert not chat.kinds("question_referred")


def test_years_told_right_after_the_benefit_answer_get_their_months() -> None:
    """"社保交了十几年" after "失业金能领多久" got the social insurance entry (how to pay it)."""
    chat = _idle()
    chat.say("失业金能领多久")
    replies = chat.say("社保交了十几年")
    assert replies == ["您交了10年以上, 失业金最长可领24个月。不是自己辞职、办了失业登记才能领, 从登记日算。"]  # (SMS)


def test_half_a_year_paid_is_too_short() -> None:
    chat = _idle()
    chat.say("失业金能领多久")
    [reply] = chat.say("交了半年")
    assert reply.startswith("您交了0.5年, 要交满1年才能领失业金"), reply


def test_how_long_asked_at_the_wages_question_of_a_check_in() -> None:
    """"交了3年了 失业金能拿几个月" at the monthly wages question was "请回复数字"; now answered, and the wages
    question again (its 交了 is no answer)."""
    chat = _at_checkin()
    chat.say("在的")
    replies = chat.say("交了3年了 失业金能拿几个月")
    assert replies[0].startswith("您交了3年, 失业金最长可领12个月"), replies
    assert replies[-1].startswith("工资按时足额发了吗") and chat.awaiting == "checkin"


def test_how_long_asked_at_the_check_in_question() -> None:
    """"我交了五年社保 能领多久" at "还在…上班吗?" was referred to the caseworker."""
    chat = _at_checkin()
    replies = chat.say("我交了五年社保 能领多久")
    assert replies[0].startswith("您交了5年, 失业金最长可领18个月"), replies
    assert not chat.kinds("question_referred") and chat.awaiting == "checkin"


def test_the_years_at_the_registration_answer_the_question_asked_with_them() -> None:
    """"我交了五年社保 能领多久" at "交了几年?": the 5 years were taken and the question passed over in silence."""
    chat = _at_checkin()
    chat.say("被开了")
    chat.say("上个月底")
    assert chat.awaiting == "insured_years"
    replies = chat.say("我交了五年社保 能领多久")
    assert replies[0].startswith("您交了5年, 失业金最长可领18个月"), replies
    assert chat.awaiting == "wants_services"


def test_how_long_asked_later_names_the_years_told_the_registration() -> None:
    """"失业金能领多久" after the registration was told 5 years: the general table (1–5 years 12 months …)."""
    chat = _at_checkin()
    for text in ["被开了", "上个月底", "5年"]:
        chat.say(text)
    assert chat.awaiting == "wants_services"
    replies = chat.say("失业金能领多久")
    assert replies[0].startswith("您交了5年, 失业金最长可领18个月"), replies


@pytest.mark.parametrize("text", ["过年在家过", "过完年再去", "回家过年了", "过年就在家"])
def test_home_for_the_spring_festival_before_it_is_still_in_post(text: str) -> None:
    """"过年在家过" / "过完年再去" at a December check-in were "没太明白, 请回复数字"; "回家过年了" was a return still
    to come, asked again in a week (inside the holiday). Now: in post, home for the festival, asked again after it;
    no registration, no case."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_back_yet"], replies
    assert replies[0].startswith("好的, 祝您过个好年! 过完年再问您"), replies  # (SMS)
    [recheck] = chat.kinds("checkin_recheck")
    assert chat.ctx.today + timedelta(days=recheck.data["days"]) >= date(2027, 2, 21)  # after the Lantern Festival
    assert chat.awaiting is None
    assert not chat.kinds("human_requested") and not chat.kinds("employment_status_changed")


def test_home_for_the_festival_after_it_is_a_return_still_to_come() -> None:
    """A guard: "回家过年了 过了十五再走" in the spring return weeks is not back yet, asked again in a week."""
    chat = _at_checkin()
    chat.later(days=70)
    _fire(chat, "spring_return", 2, employer="陈老板", work_place="贵阳")
    chat.say("还在家 过了十五再走")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_back_yet"]
    assert [e.data["days"] for e in chat.kinds("checkin_recheck")] == [7]


def _at_quit_question() -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say("不想再干了")
    assert replies == ["已经不干了, 还是还在干想换个活? 1已经不干了 2还在干, 想换个活"], replies
    assert not chat.kinds("checkin_answered") and chat.awaiting == "checkin"
    return chat


@pytest.mark.parametrize("text", ["1", "已经不干了", "上个礼拜就走了"])
def test_not_wanting_to_go_on_then_gone_is_the_registration(text: str) -> None:
    """"不想再干了" at the check-in was "没太明白", the numbers again; now asked once which, and left is the job
    lost."""
    chat = _at_quit_question()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]
    # (上个礼拜 is a day in that week, not asked again: check23)
    assert chat.awaiting == ("job_loss_reason" if "礼拜" in text else "last_work_day")


@pytest.mark.parametrize("text", ["2", "还在干 想换个", "还没走"])
def test_not_wanting_to_go_on_but_still_there_is_in_post_with_jobs_offered(text: str) -> None:
    chat = _at_quit_question()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert replies[0] == "好的, 您还在岗。帮您看看有没有更合适的工作。", replies
    assert chat.kinds("jobs.match") and not chat.kinds("employment_status_changed")


def test_a_job_already_left_is_not_asked_which() -> None:
    """A guard: "不想干了 辞了" says it is over: the registration at once."""
    chat = _at_checkin()
    chat.say("不想干了 辞了")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]


def _at_days_after_a_new_job() -> Chat:
    """A new job told at the check-in, its pay a day rate: the days worked are asked."""
    chat = _at_checkin()
    for text in ["换了个厂 在隔壁", "宏达厂", "普工", "今年3月"]:
        chat.say(text)
    assert chat.awaiting == "monthly_income"
    assert chat.say("一天两百")[-1] == "一天200元, 一个月大概干多少天?"
    return chat


@pytest.mark.parametrize(("text", "signed"), [
    ("没签", "no"), ("没有签", "no"), ("签了合同", "yes"),
    ("合同没签", "no"),  # a guard: naming the contract, it was kept before
])
def test_the_contract_told_at_the_days_of_a_day_rate_is_kept(text: str, signed: str) -> None:
    """"没签" at "一天200元, 一个月大概干多少天?" was "没看懂金额" (the pay asked again), then the pay left unknown
    and the contract asked all the same; now kept for the contract question, the days asked again."""
    chat = _at_days_after_a_new_job()
    replies = chat.say(text)
    assert replies[-1] == "一天200元, 一个月大概干多少天?", replies
    chat.say("二十五天")
    assert chat.answers["monthly_income"] == 5000
    assert chat.answers["contract_signed"] == signed
    assert chat.awaiting != "contract_signed"


def test_the_contract_told_at_the_place_of_a_new_job_is_kept() -> None:
    """"没签" at "您在哪里工作?" (work found, told at a weekly check-in) was "没找到这个地方"."""
    chat = _at_checkin()
    chat.say("换了工作")
    assert chat.awaiting == "work_division", chat.awaiting
    replies = chat.say("没签")
    assert replies[0] == "好的, 已记下: 签订劳动合同: 否。" and chat.awaiting == "work_division", replies
    assert chat.answers["contract_signed"] == "no"


# -- a season of check-ins, answered as people type -----------------------------------------------------------

def test_wages_not_paid_said_at_the_check_in_question_is_in_post_and_reported() -> None:
    """"工资还没发" at "您还在…上班吗?" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    replies = chat.say("工资还没发")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"], replies
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.answers["employment_status"] == "employed"


def test_not_signed_at_the_wages_and_contract_question_is_no_contract() -> None:
    """"没签" at "工资按时足额发了吗? 签了合同、交了社保吗?" was "请回复数字"."""
    chat = _at_checkin()
    chat.say("还在")
    chat.say("没签")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["no_contract"]
    assert chat.awaiting is None


def test_this_month_done_then_no_more_is_the_last_day_at_the_months_end() -> None:
    """"干完这个月就不干了" went to the registration, which asked "12月几号?" (the month's end was said). (check16: the
    speaker's own plan to stop is in post until then, as 下个月就不干了 is: the day noted, asked again after it.)"""
    chat = _at_checkin()
    replies = chat.say("干完这个月就不干了")
    assert "12月31日" in replies[0] and chat.awaiting != "last_work_day", replies
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == ["2026-12-31"]


@pytest.mark.parametrize("text", ["老板跑路了 工资没给", "老板不给钱 我走了"])
def test_gone_with_wages_owed_is_the_job_lost_and_the_wages_reported(text: str) -> None:
    """"老板跑路了 工资没给" / "老板不给钱 我走了" at the check-in were "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["走了", "不在了", "现在不在那了"])
def test_no_longer_there_is_the_job_lost(text: str) -> None:
    """"走了" / "不在了" at "您还在…上班吗?" were "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]


@pytest.mark.parametrize("text", ["这个月没怎么干", "还没上班"])
def test_little_or_no_work_yet_is_work_held_at_risk(text: str) -> None:
    """"还没上班" at a check-in started the registration; "这个月没怎么干" got the idle hint on job loss and left
    the check-in open."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]
    assert not chat.kinds("employment_status_changed")


def test_a_sore_back_and_a_few_days_at_home_asks_whether_the_job_is_kept() -> None:
    """"腰疼 在家歇几天" at the check-in was a job lost, and the registration began."""
    chat = _at_checkin()
    replies = chat.say("腰疼 在家歇几天")
    assert "留着" in replies[0] and not chat.kinds("employment_status_changed"), replies


def test_not_wanting_to_go_on_with_a_reason_is_asked_which() -> None:
    """"不想干了 太累了" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    replies = chat.say("不想干了 太累了")
    assert replies[0].startswith("已经不干了, 还是还在干"), replies


def _checked(status: str) -> Chat:
    chat = Chat()
    chat.jobs = []
    payload = {"fire": 1, "kind": "checkin", "status": status, "due_date": "2026-12-19"}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    return chat


@pytest.mark.parametrize(("status", "text", "answer"), [
    ("unable", "还在住院", "not_yet"),  # it was working_now (还在: still at work), and the survey asked the new job
    ("unable", "腰还疼", "not_yet"),  # 没太明白
    ("unemployed", "找了几个都不要", "still_looking"),  # 没太明白
    ("unemployed", "等过完年", "not_looking"),  # 没太明白
])
def test_answers_of_those_out_of_work_in_their_words(status: str, text: str, answer: str) -> None:
    chat = _checked(status)
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == [answer]
