"""check15 (2026-12-07): check-ins, job loss and the registration, answered as people type
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[str | None]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


def _at_home_question(text: str) -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say(text)
    assert replies == ["那边的活还回去干吗? 1还回去干 2不回去了, 想找活 3不回去了, 先不找"], replies
    assert not chat.kinds("checkin_answered") and chat.awaiting == "checkin"
    return chat


# -- 1. an employed person at home ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["回老家了", "在家种地", "在家带孩子", "回家种地了", "在家休息", "还在家"])
def test_at_home_is_asked_whether_the_job_is_kept(text: str) -> None:
    """"回老家了" / "在家种地" / "在家带孩子" at "您还在贵阳的陈老板那里上班吗?" were "没太明白, 请回复数字"."""
    _at_home_question(text)


@pytest.mark.parametrize("answer", ["1", "还回去", "过几天就回去"])
def test_at_home_and_going_back_is_in_post_asked_again_in_a_week(answer: str) -> None:
    chat = _at_home_question("回老家了")
    replies = chat.say(answer)
    assert _answers(chat) == ["not_back_yet"], replies
    assert [e.data["days"] for e in chat.kinds("checkin_recheck")] == [7]
    assert not chat.kinds("employment_status_changed") and chat.awaiting is None


def test_at_home_and_back_after_the_festival_is_asked_after_it() -> None:
    """Going back after the festival, named: asked again after the Lantern Festival (home for the New Year)."""
    chat = _at_home_question("回老家了")
    replies = chat.say("过完年回去")
    assert replies[0].startswith("好的, 祝您过个好年"), replies
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] > 60


@pytest.mark.parametrize(("text", "answer"), [
    ("回家了 过段时间再出去", "not_back_yet"), ("在家种地 不出去了 | 2", "left_home"),
])
def test_at_home_with_the_answer_said_is_not_asked(text: str, answer: str) -> None:
    """"回家了 过段时间再出去" / "在家种地 不出去了" were "没太明白, 请回复数字"; the home question's answer is in
    them. (check16: "在家种地 不出去了" is a job given up for home, as "回来了 不出去了 在家种地": whether work is
    wanted is asked first, and 2, not now, is the same outcome.)"""
    chat = _at_checkin()
    for said in text.split(" | "):
        chat.say(said)
    assert _answers(chat) == [answer]
    assert chat.awaiting is None


@pytest.mark.parametrize("answer", ["2", "不回去了 想找活"])
def test_at_home_for_good_and_wanting_work_is_the_registration(answer: str) -> None:
    chat = _at_home_question("在家种地")
    chat.say(answer)
    assert _answers(chat) == ["job_lost"]
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("answer", ["3", "先不找了"])
def test_farming_at_home_and_not_looking_is_no_registration(answer: str) -> None:
    """The job given up to stay home, no work wanted: out of work and not looking on the form; no registration, no
    case."""
    chat = _at_home_question("在家种地")
    replies = chat.say(answer)
    assert _answers(chat) == ["left_home"], replies
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "no"
    assert "employer" not in chat.answers  # the old job's answers dropped, as the registration's change does
    assert {e.data["actor"] for e in chat.kinds("field_changed")[-3:]} == {"checkin"}
    [changed] = chat.kinds("employment_status_changed")
    assert changed.data["new"] == "unemployed"
    assert not chat.kinds("registration.submit") and not chat.kinds("job_search_started")
    assert chat.awaiting is None


def test_caring_at_home_and_not_looking_is_unable_for_now() -> None:
    chat = _at_home_question("在家带孩子")
    chat.say("3")
    assert _answers(chat) == ["caring"]
    assert chat.answers["employment_status"] == "unable"
    assert not chat.kinds("registration.submit")


@pytest.mark.parametrize(("text", "answer", "told"), [
    ("辞了 回家带孩子", "2", "caring"), ("不干了 回家种地", "先不找", "left_home"),
    ("不干了 回家种地", "1", "job_lost"),
])
def test_a_job_given_up_to_live_at_home_asks_whether_work_is_wanted(text: str, answer: str, told: str) -> None:
    """"辞了 回家带孩子" / "不干了 回家种地" went straight to the unemployment registration; it is for those who want
    work: asked once."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert replies == ["好的, 知道了。您是想找份活干 (帮您办失业登记、找工作), 还是先在家不找? 1想找活干 2先不找"], (
        replies)
    chat.say(answer)
    assert _answers(chat) == [told]
    assert bool(chat.kinds("registration.submit") or chat.awaiting == "last_work_day") == (told == "job_lost")


def test_a_job_given_up_to_look_for_work_at_home_is_the_registration() -> None:
    """A guard: "辞了 回家找活" says work is wanted: the registration at once."""
    chat = _at_checkin()
    chat.say("辞了 回家找活")
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"


def test_an_answer_that_says_only_gone_is_asked_again() -> None:
    """"不回去了" says the job is given up, not whether work is wanted: the question again (no guess)."""
    chat = _at_home_question("回老家了")
    replies = chat.say("不回去了")
    assert replies[-1].startswith("那边的活还回去干吗?") and not chat.kinds("checkin_answered"), replies


def test_a_few_days_off_is_in_post() -> None:
    """"休息几天" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say("休息几天")
    assert _answers(chat) == ["still_employed"]
    assert not chat.kinds("employment_status_changed")


def test_leaving_next_month_is_in_post_the_plan_noted_and_jobs_looked_for() -> None:
    """"下个月就走" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say("下个月就走")
    assert _answers(chat) == ["leaving"], replies
    assert replies[0] == "好的, 记下了: 您还在岗, 打算下个月走。走了以后再问问您; 帮您看看有没有下一份活。"
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["ends"] == "2027-01-31"
    assert chat.kinds("jobs.match") and not chat.kinds("employment_status_changed")


def _spring_return() -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    chat.later(days=70)
    _fire(chat, "spring_return", 2, employer="陈老板", work_place="贵阳")
    return chat


@pytest.mark.parametrize(("answer", "told"), [("1", "not_back_yet"), ("2", "job_lost")])
def test_not_back_after_the_festival_is_asked_whether_they_go_back(answer: str, told: str) -> None:
    """"没回" at the spring return check was taken as a return still to come; it may as well be a job given up:
    asked once."""
    chat = _spring_return()
    replies = chat.say("没回")
    assert replies == ["那边的活还回去干吗? 1还回去干 2不回去了, 想找活 3不回去了, 先不找"], replies
    chat.say(answer)
    assert _answers(chat)[-1] == told


def test_not_back_yet_after_the_festival_is_still_a_return_to_come() -> None:
    """A guard: "还没回" says it is still to come."""
    chat = _spring_return()
    chat.say("还没回")
    assert _answers(chat)[-1] == "not_back_yet"


# -- 2. looking for work, said at an employed check-in --------------------------------------------------------

@pytest.mark.parametrize(("answer", "told"), [("1", "job_lost"), ("2", "still_employed")])
def test_looking_for_work_at_an_employed_check_in_is_asked_which(answer: str, told: str) -> None:
    """"在找活" at the employed check-in ran a job search and left the check-in open (asked again later)."""
    chat = _at_checkin()
    chat.jobs = []
    replies = chat.say("在找活")
    assert replies == ["已经不干了, 还是还在干想换个活? 1已经不干了 2还在干, 想换个活"], replies
    chat.say(answer)
    assert _answers(chat) == [told]
    assert chat.state["checkin"]["answered"]


# -- 3. the weekly check-in of someone looking ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["打零工", "在打零工", "先干点零活"])
def test_odd_jobs_are_no_job_found(text: str) -> None:
    """"打零工" at "最近找工作有进展吗?" was work found: the form employed, the case closed, the new job asked. Casual
    day labour is no job found: still looking, the case open."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "odd_jobs", replies
    assert replies[0].startswith("好的, 记下了: 您先打着零工, 还在找长期的活"), replies
    assert chat.answers["employment_status"] == "unemployed"
    assert not [e for e in chat.kinds("employment_status_changed") if e.data.get("new") == "employed"]
    assert chat.awaiting is None


def test_no_odd_jobs_either_is_still_looking() -> None:
    """"零工都找不到" at the weekly check-in was work found (the form employed, "零工" noted as the job type)."""
    chat = _at_weekly()
    chat.say("零工都找不到")
    assert _answers(chat)[-1] == "still_looking"
    assert chat.answers["employment_status"] == "unemployed"


def test_a_steady_job_at_a_weekly_check_in_is_work_found() -> None:
    """A guard: "找到个长期的活 在工地" is work found, as before."""
    chat = _at_weekly()
    chat.say("找到个长期的活 在工地")
    assert _answers(chat)[-1] == "found_job"


def test_still_at_home_is_still_looking() -> None:
    """"还在家" at the weekly check-in was "没太明白"."""
    chat = _at_weekly()
    chat.say("还在家")
    assert _answers(chat)[-1] == "still_looking"


# -- 4. the pay told at the start question of a new job ---------------------------------------------------------

def test_a_day_rate_told_at_the_start_question_is_kept_for_the_pay() -> None:
    """"一天两百" at "哪年哪月开始干的?" (a new job told at a check-in) was lost: "每月大概挣多少钱?" came next."""
    chat = _at_checkin()
    for text in ["换了个厂 在隔壁", "宏达厂", "不知道", "普工"]:
        chat.say(text)
    assert chat.awaiting == "started"
    assert chat.say("一天两百") == ["一天200元, 一个月大概干多少天?"]
    chat.say("25天")
    assert chat.answers["monthly_income"] == 5000


# -- 5. several answers in one message; a stop in December ------------------------------------------------------

def test_what_a_new_job_told_is_noted_once() -> None:
    """"换了个厂 在隔壁 一个月五千" at the check-in: "好的, 已记下: 月收入…" then "好的, 已记下: 工作地…" in one
    reply."""
    chat = _at_checkin()
    replies = chat.say("换了个厂 在隔壁 一个月五千")
    noted = [reply for reply in replies if "已记下" in reply]
    assert noted == ["好的, 已记下: 月收入(元): 5000; 工作地: 贵州省贵阳市; 工作地址: 贵阳市观山湖区。"], replies


def test_years_of_insurance_told_with_the_job_lost_are_not_asked() -> None:
    """"被开了 上个月底 交了三年社保": the registration asked "交了几年?"."""
    chat = _at_checkin()
    chat.say("被开了 上个月底 交了三年社保")
    assert chat.awaiting == "wants_services"
    assert chat.state["registration"]["answers"]["insured_years"] == 3


@pytest.mark.parametrize(("answer", "told"), [("1", "still_employed"), ("有工资", "still_employed"),
                                              ("2", "on_hold"), ("没工资 等通知", "on_hold")])
def test_a_factory_off_in_december_is_asked_about_pay(answer: str, told: str) -> None:
    """"厂里放假了" in December (the New Year weeks away) was told "停工、活少的时候不好过" without a question; now
    whether they are paid and when they go back, once: no pay is work held at risk."""
    chat = _at_checkin()
    replies = chat.say("厂里放假了")
    assert replies == ["放假期间有工资吗? 说了哪天开工吗? 1有工资 / 说了开工日子 2没工资 / 等通知"], replies
    chat.say(answer)
    assert _answers(chat) == [told]


def test_a_factory_off_just_before_the_new_year_is_the_new_year_leave() -> None:
    """"厂里放假了" two weeks before the New Year's eve is its leave, not asked (it was work held at risk, "停工、活少的
    时候不好过", asked again in a week)."""
    chat = _at_checkin()
    chat.later(days=45)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳")
    chat.say("厂里放假了")
    assert _answers(chat) == ["new_year_leave"]


def test_no_contract_told_with_a_new_job_is_that_jobs_answer() -> None:
    """"换了个厂 在隔壁 一个月五千 没签合同": the contract was lost, and asked again after the way of working."""
    chat = _at_checkin()
    replies = chat.say("换了个厂 在隔壁 一个月五千 没签合同")
    noted = [reply for reply in replies if "已记下" in reply]
    assert len(noted) == 1 and noted[0].endswith("签订劳动合同: 否。"), replies
    for text in ["宏达厂", "不知道", "普工", "今年11月"]:
        chat.say(text)
    assert chat.say("1") == ["单位给您交社保了吗? 1是 2否"]
    assert chat.answers["contract_signed"] == "no"


# -- 6. a season, answered as people type -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["老板说过完年再说", "老板说明年再看"])
def test_the_boss_leaving_it_until_after_the_festival_is_work_held_at_risk(text: str) -> None:
    """"老板说过完年再说" at a December check-in was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["on_hold"]
    assert [e.data["days"] for e in chat.kinds("checkin_recheck")] == [7]


def _rechecked(chat: Chat) -> Chat:
    """The week's recheck an answer planned, due."""
    [recheck] = chat.kinds("checkin_recheck")
    chat.later(days=recheck.data["days"])
    _fire(chat, "checkin", 3, employer="陈老板", work_place="贵阳", due_date=str(chat.ctx.today),
          recheck=recheck.data["recheck"])
    return chat


@pytest.mark.parametrize(("text", "answer"), [("回去了", "still_employed"), ("还在家", "not_back_yet")])
def test_the_recheck_after_going_back_reads_back_and_not_yet(text: str, answer: str) -> None:
    """A week after 回老家了 → 还回去干, "回去了" / "还在家" were "没太明白, 请回复数字"; still home then, a caseworker
    looks at it."""
    chat = _at_home_question("回老家了")
    chat.say("1")
    _rechecked(chat)
    chat.say(text)
    assert _answers(chat)[-1] == answer
    assert bool(chat.kinds("human_requested")) == (answer == "not_back_yet")


def test_still_off_at_the_recheck_is_not_asked_about_pay_again() -> None:
    """A guard (main read both as work held at risk): with the pay question of the first, "厂里放假了" again at the
    week's recheck must not ask it again; still held at risk: the caseworker."""
    chat = _at_checkin()
    chat.say("厂里放假了")
    chat.say("没工资")
    _rechecked(chat)
    replies = chat.say("厂里放假了")
    assert _answers(chat) == ["on_hold", "on_hold"], replies
    assert [e.data["reason"] for e in chat.kinds("human_requested")] == ["checkin_on_hold"]


def test_wages_owed_told_with_the_last_day_are_reported() -> None:
    """"上个月底 被裁了 老板还欠我两千" at "最后一天上班是哪天?": the day was taken and the wages owed lost."""
    chat = _at_checkin()
    chat.say("被开了")
    replies = chat.say("上个月底 被裁了 老板还欠我两千")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"], replies
    assert chat.state["registration"]["answers"]["last_work_day"] == "2026-11-30"


def test_no_insurance_told_with_the_last_day_is_not_contradicted() -> None:
    """"上个月底 合同到期 没交社保": "登记表上写着单位交了社保, 按交过失业保险算" and the years asked."""
    chat = _at_checkin()
    chat.say("2")
    replies = chat.say("上个月底 合同到期 没交社保")
    assert not any("按交过失业保险算" in reply for reply in replies), replies
    assert chat.state["registration"]["answers"]["insured"] == "no"
    assert chat.awaiting == "wants_services"


@pytest.mark.parametrize("text", ["合同到期了 没交社保", "合同到期了没续 工资也没结"])
def test_a_contract_that_ended_is_not_reported_as_no_contract(text: str) -> None:
    """"合同到期了 没交社保" was told back "您说没签劳动合同、单位没交社保" (a contract there was; it ended)."""
    chat = _at_checkin()
    replies = chat.say(text)
    [reported] = chat.kinds("rights_issue_reported")
    assert "no_contract" not in reported.data["issues"], replies
    assert not any("没签劳动合同" in reply for reply in replies), replies
