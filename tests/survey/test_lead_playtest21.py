"""The lead's play-test of 2026-12-07 (fourteenth stop): a steel fixer of 42 from 威宁 on a 昆明 building site, paid
by the day by a foreman, on WeChat: the survey, a check-in two weeks on, the site finishing, the wages owed
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.registration.fields import ends_ahead
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin, _at_employer, _at_weekly
from tests.survey.test_talking_as_people_type import consented

YANG_ID = "520526198405061135"
_ANSWERS = {
    "name": "杨国强", "id_number": YANG_ID, "employment_status": "在昆明 呈贡那边工地 搞钢筋", "phone": "15985412367",
    "household_id": "不知道", "home_division": "黑石头镇 中寨村", "work_place": "呈贡万达广场的工地",
    "employer": "包工头姓李", "employer_contact": "没有", "started": "前年八月份",
    "monthly_income": "按天算 一天三百五",
}


def _yang_at(field: str) -> Chat:
    chat = consented()
    said: set[str] = set()
    while chat.awaiting != field:
        awaiting = str(chat.awaiting)
        chat.say("二十五天" if awaiting in said else _ANSWERS[awaiting])  # (the days of the day rate)
        said.add(awaiting)
    return chat


@pytest.mark.parametrize("text", ["合同没签 社保也没有 工钱年底才结", "没签合同，没交社保，工资年底才结"])
def test_the_three_terms_told_at_the_way_of_working_are_all_kept(text: str) -> None:
    """"合同没签 社保也没有 工钱年底才结" at "您是哪种就业方式?" kept only the wages ("已记下: 工资按时足额发放: 否"),
    and the contract and the insurance were asked again after the way of working."""
    chat = _yang_at("employment_form")
    replies = chat.say(text)
    assert replies[0] == "好的, 已记下: 签订劳动合同: 否; 缴纳社保: 否; 工资按时足额发放: 否。", replies
    assert chat.awaiting == "employment_form"
    chat.say("1")
    assert chat.awaiting == "summary"
    assert {k: chat.answers[k] for k in ("contract_signed", "social_insurance", "wages_on_time")} == {
        "contract_signed": "no", "social_insurance": "no", "wages_on_time": "no"}


def test_two_terms_with_yes_answers_at_the_way_of_working_are_kept() -> None:
    """"合同签了 社保也有" at the way of working was passed over: the contract and insurance asked again later."""
    chat = _yang_at("employment_form")
    chat.say("合同签了 社保也有")
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "yes"
    chat.say("1")
    assert chat.awaiting == "wages_on_time"


def test_a_rights_report_naming_two_terms_keeps_both_answers() -> None:
    """"合同没签 社保也没有" at the work address was reported, but only the contract was kept as no: the insurance was
    asked again later."""
    chat = _yang_at("work_place")
    chat.say("合同没签 社保也没有")
    assert chat.kinds("rights_issue_reported")
    assert chat.answers["contract_signed"] == "no" and chat.answers["social_insurance"] == "no"


@pytest.mark.parametrize("text", ["这个我不清楚 要问村干部", "村干部知道 我不知道", "不清楚 得问村干部"])
def test_not_knowing_the_household_number_and_naming_who_does_is_no_call_for_a_caseworker(text: str) -> None:
    """"这个我不清楚 要问村干部" at the household number alerted a caseworker ("已通知负责您的工作人员") and asked the
    number again."""
    chat = _yang_at("household_id")
    replies = chat.say(text)
    assert not chat.kinds("human_requested"), replies
    assert chat.answers["household_id"] is None and chat.awaiting != "household_id"


def test_asking_for_the_village_cadre_alone_is_still_a_call_for_help() -> None:
    """(guard) "找村干部" with nothing about not knowing stays a request for a person."""
    assert nlu.understand("找村干部", date(2026, 12, 8)).intent == "human"


def test_a_foreman_with_no_firm_name_is_the_employer() -> None:
    """"包工头姓李 没有厂名" at the employer was stored whole as the employer's name."""
    chat = _yang_at("employer")
    chat.say("包工头姓李 没有厂名")
    assert chat.answers["employer"] == "李包工头"


def test_the_foremans_phone_not_to_be_given_is_left_empty() -> None:
    """"包工头电话不能给你吧" at the employer's phone was "电话好像不对"."""
    chat = _yang_at("employer_contact")
    replies = chat.say("包工头电话不能给你吧")
    assert chat.answers["employer_contact"] is None and chat.awaiting == "started", replies


def test_the_start_told_at_the_phone_asked_again_is_kept() -> None:
    """After "电话好像不对", "前年八月份就跟着他干了" was "这一项先空着", and the start asked as if never told."""
    chat = _yang_at("employer_contact")
    chat.say("13x")
    replies = chat.say("前年八月份就跟着他干了")
    assert chat.answers["started"] == "2024-08" and chat.answers["employer_contact"] is None
    assert chat.awaiting == "monthly_income", replies


def test_the_days_of_a_busy_month_are_read() -> None:
    """"活多就干二十几天 下雨就歇" at "一个月大概干多少天?" was asked again."""
    chat = _yang_at("monthly_income")
    chat.say("按天算 一天三百五")
    chat.say("活多就干二十几天 下雨就歇")
    assert chat.answers["monthly_income"] == 7000 and chat.awaiting == "employment_form"


@pytest.mark.parametrize("text", ["包工头叫干啥就干啥", "有啥干啥", "让去哪就去哪"])
def test_whatever_comes_is_no_question(text: str) -> None:
    """"包工头叫干啥就干啥" at the days was passed to the caseworker as a question ("这个问题我们转给了…")."""
    assert not nlu.is_question(text)


@pytest.mark.parametrize("text", ["啥时候发工资", "要干啥", "你们是干啥的?"])
def test_questions_with_what_are_still_questions(text: str) -> None:
    """(guard)"""
    assert nlu.is_question(text)


def test_the_site_finishing_next_week_is_registered_ahead_with_its_day() -> None:
    """"在 下周就完工了" at the check-in started the registration and asked "最后上班是12月几号?"."""
    chat = _at_checkin()
    replies = chat.say("在 下周就完工了")
    sunday = ends_ahead("下周就完工了", chat.ctx.today)
    assert sunday is not None and sunday.weekday() == 6 and 7 <= (sunday - chat.ctx.today).days <= 13
    assert any(f"{sunday.month}月{sunday.day}日" in reply for reply in replies), replies
    assert chat.awaiting != "last_work_day"


@pytest.mark.parametrize("text", ["还在 下个礼拜就完了", "在 下个月工地就完工了"])
def test_work_ending_later_is_in_post_until_then(text: str) -> None:
    """"还在 下个礼拜就完了" at the check-in was all well (the wages question next, the end never heard);
    "在 下个月工地就完工了" started the registration a month early."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["ending"], replies
    assert chat.kinds("checkin_recheck") and not chat.kinds("employment_status_changed")


def test_the_week_ahead_is_read_from_a_thursday() -> None:
    """(the days: 下周 from a Thursday is the Sunday after next's week end)"""
    assert ends_ahead("下个礼拜就完了", date(2026, 12, 10)) == date(2026, 12, 20)
    assert ends_ahead("这周就完工了", date(2026, 12, 10)) == date(2026, 12, 13)


def test_the_job_lost_told_at_the_wages_question_with_wages_owed_is_registered() -> None:
    """"工地完工了 我回家了 包工头还欠我一万二的工钱没给" at the monthly wages question, a week after it was asked, was
    the wages report alone: the job loss was never registered."""
    chat = _at_checkin()
    chat.say("在")
    chat.later(days=8)
    chat.say("工地完工了 我回家了 包工头还欠我一万二的工钱没给")
    assert chat.kinds("rights_issue_reported") and chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["身体不好 去医院看了 要住院", "病了 在医院住着", "在医院住院"])
def test_a_patient_at_the_hospital_is_not_working_there(text: str) -> None:
    """"身体不好 去医院看了 要住院" at the weekly check-in was "好的, 您现在在工作了" and the employer 医院."""
    understanding = nlu.understand(text, date(2026, 12, 8))
    assert understanding.status == "unable" and understanding.entities.employer is None
    chat = _at_weekly()
    chat.say(text)
    assert "employer" not in chat.answers or chat.answers["employer"] != "医院"
    assert [e.data.get("new") for e in chat.kinds("employment_status_changed")][-1] == "unable"


@pytest.mark.parametrize("text", ["在县医院当护工", "在医院上班"])
def test_work_at_a_hospital_is_still_work(text: str) -> None:
    """(guard)"""
    understanding = nlu.understand(text, date(2026, 12, 8))
    assert understanding.status == "employed" and understanding.entities.employer is not None


@pytest.mark.parametrize("text", ["生病了 找不了", "生病了"])
def test_ill_while_looking_is_unable_for_now(text: str) -> None:
    """"生病了" at "最近找工作有进展吗?" was "没太明白, 请回复数字"."""
    chat = _at_weekly()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "unable_now"


@pytest.mark.parametrize("text", ["县里那个保洁的我去问了 人家要女的", "你们推的那个活工资太低了", "那个厂招满了",
                                  "太远了"])
def test_a_job_tried_and_not_taken_is_still_looking(text: str) -> None:
    """"县里那个保洁的我去问了 人家要女的" and "你们推的那个活工资太低了" at the weekly check-in were "没太明白"."""
    chat = _at_weekly()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "still_looking"


@pytest.mark.parametrize("text", ["厂头没活了 喊我们回家耍几天", "老板叫我们回家休息几天"])
def test_sent_home_for_a_few_days_is_a_pause(text: str) -> None:
    """"厂头没活了 喊我们回家耍几天" at the check-in started the unemployment registration (耍: rest, in the
    south-west; "让我们先回家" was already a pause)."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]
    assert not chat.kinds("employment_status_changed")


def test_the_money_held_back_beside_in_post_is_the_wages_answer() -> None:
    """"工地上还在干 就是包工头老是拖钱" at the check-in was in post, and the wages question asked as if unsaid."""
    chat = _at_checkin()
    chat.say("工地上还在干 就是包工头老是拖钱")
    assert [e.data.get("issue") for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.awaiting is None


@pytest.mark.parametrize("text", ["还在 你们是哪个", "在的 你们是谁啊"])
def test_who_we_are_asked_beside_the_answer_is_answered(text: str) -> None:
    """"还在 你们是哪个" at the check-in was in post, the question who we are left unanswered."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert "人社" in replies[0], replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_another_site_of_the_same_boss_is_the_same_job() -> None:
    """"换了个工地 还是跟着陈老板" at the check-in was a job changed, the new job's questions asked from the start."""
    chat = _at_checkin()
    chat.say("换了个工地 还是跟着陈老板")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["transferred"]


def test_another_site_with_another_boss_is_a_change() -> None:
    """(guard)"""
    chat = _at_checkin()
    chat.say("换了个工地 跟着别的老板")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["changed_job"]


@pytest.mark.parametrize("text", ["我现在没在贵阳了 回来了 在县城跟人家装空调",
                                  "我现在没在贵阳了回来了在县城跟人家装空调", "不在贵阳了 在县城跟人装空调"])
def test_the_place_left_and_work_now_elsewhere_is_a_job_changed(text: str) -> None:
    """"我现在没在贵阳了 回来了 在县城跟人家装空调" at the check-in was in post (the wages question next); typed
    without spaces it started the unemployment registration; "不在贵阳了 在县城跟人装空调" was "没太明白"."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["changed_job"]
    assert chat.answers["work_division"]["code"] == "520526"  # the county town at home, not 贵阳 left


@pytest.mark.parametrize("text", ["跟人装空调", "跟人干", "跟人学手艺"])
def test_working_with_someone_is_no_call_for_a_person(text: str) -> None:
    """"跟人装空调" was read as asking for a person (跟人 as in 跟人说)."""
    assert nlu.understand(text, date(2026, 12, 8)).intent != "human"


@pytest.mark.parametrize("text", ["叫个人来", "跟人说", "我要找人"])
def test_asking_for_a_person_is_still_that(text: str) -> None:
    """(guard)"""
    assert nlu.understand(text, date(2026, 12, 8)).intent == "human"


def _employed_idle() -> Chat:
    chat = _at_checkin()
    chat.say("在")
    chat.say("1")
    chat.later(days=3)
    assert chat.awaiting is None
    return chat


@pytest.mark.parametrize(("text", "then", "registers"), [
    ("回老家了 不出去了", "2", False), ("我回来了 不出去了", "1", True), ("回老家了", "2", True),
    ("我回来了", "1", False)])
def test_home_told_with_no_dialog_open_is_read_as_at_a_checkin(text: str, then: str, registers: bool) -> None:
    """"我回来了 不出去了" / "回老家了" from someone in work, with no dialog open, was "没太明白" and the menu: the
    check-in's reading and question (work wanted, or not? the job kept, or given up?), answered as at a check-in."""
    chat = _employed_idle()
    replies = chat.say(text)
    assert chat.awaiting == "checkin" and "没太明白" not in replies[0], replies
    chat.say(then)
    assert (chat.awaiting == "last_work_day") is registers


def test_a_question_with_no_dialog_open_is_not_taken_for_news_of_home() -> None:
    """(guard)"""
    chat = _employed_idle()
    chat.say("过年放几天假啊")
    assert chat.awaiting != "checkin"


@pytest.mark.parametrize("text", ["都没得", "没有", "不知道"])
def test_nothing_said_at_the_name_is_no_name(text: str) -> None:
    """"1" at the SMS summary (pressed to confirm, as "1是" was all along), then "都没得" at "请问您的姓名?": it was
    saved as the name (play21's season)."""
    chat = _sms_summary()
    chat.say("1")
    chat.say(text)
    assert chat.answers["name"] == "罗大勇" and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["王有才", "何有", "吴得"])
def test_names_with_have_in_them_are_names(text: str) -> None:
    """(guard)"""
    chat = _sms_summary()
    chat.say("1")
    chat.say(text)
    assert chat.answers["name"] == text


def _sms_summary() -> Chat:
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "打零工", "没有", "有", "按时"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    return chat


@pytest.mark.parametrize(("text", "answer"), [("2 上个月走的", "job_lost"), ("3 去了隔壁厂", "changed_job"),
                                              ("1在", "still_employed"), ("3换到隔壁鞋厂了", "changed_job")])
def test_an_options_number_with_words_after_it_is_that_option(text: str, answer: str) -> None:
    """"2 上个月走的" and "1在" at the check-in were "没太明白, 请回复数字"; "3 去了隔壁厂" was in post (its words read
    against the number)."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][:1] == [answer]


def test_the_words_after_the_number_say_more_of_it() -> None:
    """(the last day said with 2 is the registration's: its month asked for the day)"""
    chat = _at_checkin()
    replies = chat.say("2 上个月走的")
    assert chat.awaiting == "last_work_day" and "11月几号" in replies[-1], replies


@pytest.mark.parametrize(("text", "answer"), [("1", "still_employed"), ("2", "job_lost"),
                                              ("2 老板不要我了", "job_lost"), ("1 还在 就是累", "still_employed")])
def test_options_alone_or_with_agreeing_words_as_before(text: str, answer: str) -> None:
    """(guard)"""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][:1] == [answer]
