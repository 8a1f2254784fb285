"""The lead's play-test of 2026-12-08 (sixteenth stop): a man of 35 from 隆回县 who delivers food for 美团 in 广州天河
(crowd-sourced, paid by the order), on WeChat: no contract and no insurance said before the work was asked, the
work told at the address, the pay told after a report (tests/survey/driver.py; each test failed on the code before
its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import parse_rights
from dialogs.flows.survey.vocabulary import work_itself
from tests.policy.test_follow_up import chat as policy_chat
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_talking_as_people_type import consented

LIU_ID = "430524199103122174"
_ANSWERS = {
    "name": "刘志勇", "id_number": LIU_ID, "phone": "13912345678", "household_id": "不知道",
    "home_division": "隆回县桃洪镇", "home_village": "城关村3组", "employment_status": "在上班",
    "work_division": "广州天河", "work_place": "天河区", "employer": "美团", "employer_contact": "不知道",
    "started": "今年3月", "job_type": "外卖", "monthly_income": "七八千", "employment_form": "5",
}


def _liu_at(field: str) -> Chat:
    chat = consented()
    while chat.awaiting != field:
        chat.say(_ANSWERS[str(chat.awaiting)])
    return chat


def test_no_contract_told_before_the_work_is_known_is_not_asked_again() -> None:
    """"跑美团 算是自己干吧 没签合同" and "没买社保" at the household number, before the status: the reports went to the
    caseworker, and later "签劳动合同了吗?" and "单位给您交社保了吗?" were asked all the same ("刚才说了 没签",
    "没有啊 都说了两遍了"). The answers are held and taken once the work is known."""
    chat = _liu_at("household_id")
    chat.say("跑美团 算是自己干吧 没签合同")
    chat.say("没买社保")
    asked = []
    while chat.awaiting not in ("summary", None):
        asked.append(chat.awaiting)
        replies = chat.say(_ANSWERS.get(str(chat.awaiting), "是"))
        if asked[-1] == "employment_status":
            assert any("签订劳动合同: 否" in r and "缴纳社保: 否" in r for r in replies), replies
    assert "contract_signed" not in asked and "social_insurance" not in asked, asked
    assert chat.answers["contract_signed"] == "no" and chat.answers["social_insurance"] == "no"


def test_pay_told_after_a_no_contract_report_is_the_pay_not_the_reports_details() -> None:
    """"七八千" at the job question a little after "没签合同" was passed on as the report's details ("好的, 已补充给
    工作人员") and the pay asked again later; a sum is details only after unpaid wages."""
    chat = _liu_at("employer")
    chat.say("没签合同")
    while chat.awaiting != "job_type":
        chat.say(_ANSWERS[str(chat.awaiting)])
    replies = chat.say("七八千")
    assert not any("已补充给工作人员" in r for r in replies), replies
    assert chat.answers["monthly_income"] == 7000
    assert not any(e.kind == "rights_details_told" for e in chat.events)


def test_sum_after_unpaid_wages_is_still_the_reports_details() -> None:
    """Guard: after "老板欠我工资" a sum ("欠了八千") at the next question goes with the report, as before."""
    chat = _liu_at("employer")
    chat.say("老板拖欠工资两个月了")
    chat.say("八千多")
    assert any(e.kind == "rights_details_told" for e in chat.events)


@pytest.mark.parametrize("said", ["送外卖的 骑手", "跑外卖的", "送外卖的"])
def test_the_work_itself_at_the_address_is_the_job_not_the_address(said: str) -> None:
    """"送外卖的 骑手" at "具体的工作地址或工地?" recorded the job (外卖) and the words as the address too (the summary
    showed "工作地址: 送外卖的 骑手"): the job only, and the address asked again ("跑外卖的" and "送外卖的" alone were
    read so already: guards)."""
    chat = _liu_at("work_place")
    chat.say(said)
    assert chat.answers.get("job_type") == "外卖"
    assert "work_place" not in chat.answers
    assert chat.awaiting == "work_place"


def test_work_itself_reads_two_words_for_one_job() -> None:
    assert work_itself("送外卖的 骑手") == ("外卖", False)
    assert work_itself("在小区当保安") is None  # guard: a place named


def _hurt_at_checkin() -> Chat:
    chat = _at_checkin()
    chat.say("腿骨折了 在医院躺着")
    assert chat.awaiting == "checkin"
    return chat


@pytest.mark.parametrize("said", ["平台的 没人留不留的 好了再跑", "好了再跑", "好了接着干", "等好了再去"])
def test_back_to_the_same_work_once_well_keeps_the_job(said: str) -> None:
    """Asked "这份工作还给您留着吗?" after a broken leg, a food-delivery rider said "平台的 没人留不留的 好了再跑" (it's
    an app, nobody keeps it or not; I'll ride again once well): read as the job lost ("不留") and the unemployment
    registration began; "好了再跑", "好了接着干", "等好了再去" were "没太明白". Each keeps the job."""
    chat = _hurt_at_checkin()
    replies = chat.say(said)
    assert replies == ["好的, 您安心休养, 保重身体! 需要帮助随时回复 人工。"], replies
    assert not any(e.kind == "employment_status_changed" for e in chat.events[-3:])
    assert chat.awaiting != "last_work_day"


@pytest.mark.parametrize("said", ["不留了", "老板不留我了"])
def test_not_kept_is_still_a_job_lost(said: str) -> None:
    """Guard: "不留了" and "老板不留我了" at the same question are the job lost (the registration's first question)."""
    chat = _hurt_at_checkin()
    replies = chat.say(said)
    assert any("最后一天上班是哪天" in r for r in replies), replies


def test_hurt_on_the_road_delivering_is_hurt_at_work() -> None:
    """"前几天送单的时候被车撞了 腿骨折了" (hit by a car while delivering an order) at a check-in was asked only whether
    the job was kept; hurt while working (as "上班的时候被车撞了" was), it is passed on as a work injury with what to
    keep."""
    chat = _at_checkin()
    replies = chat.say("前几天送单的时候被车撞了 腿骨折了 现在在医院躺着")
    assert replies[0].startswith("您受伤的事已转给工作人员。"), replies
    assert any(e.kind == "rights_issue_reported" for e in chat.events)


def _asked_about_application() -> Chat:
    c = policy_chat()
    c._run(c._inbound(kind="event", event="follow_up.applications.result", payload={"applications": [
        {"id": 5, "item": "vacancy", "title": "仓库管理员", "employer": "隆回县京东物流仓", "job_type": "仓管",
         "division": "430524"}]}))
    return c


@pytest.mark.parametrize("said", ["录了 下周一上班 一个月3500", "录了", "下周一上班"])
def test_taken_on_said_as_people_say_it(said: str) -> None:
    """"录了 下周一上班 一个月3500" (taken, start next Monday, 3,500 a month) at "您报名的「仓库管理员」, 去面试了
    吗?" got "没看明白, 请回复序号 1、2 或 3"; it is the job taken (and the pay told with it is the new job's)."""
    c = _asked_about_application()
    replies = c.say(said)
    assert replies[0].startswith("恭喜您!"), replies
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] == ["hired"]
    updates = [e.data["fields"] for e in c.kinds("form_fields_updated")]
    assert updates[-1]["employer"] == "隆回县京东物流仓"
    assert updates[-1].get("monthly_income") == (3500 if "3500" in said else None)


@pytest.mark.parametrize("said", ["没录", "没录上", "还没上班 在等通知"])
def test_not_taken_or_waiting_stays_so(said: str) -> None:
    """Guard: "没录", "没录上" are not taken; "还没上班 在等通知" waits."""
    c = _asked_about_application()
    c.say(said)
    assert [e.data["outcome"] for e in c.kinds("application_outcome")] != ["hired"]


@pytest.mark.parametrize(("employer", "place", "asked"), [
    ("隆回县京东物流仓", "隆回县", "您好! 您还在隆回县京东物流仓上班吗?"),
    ("东莞宏达电子厂", "东莞市", "您好! 您还在东莞宏达电子厂上班吗?"),
    ("美团", "天河区", "您好! 您还在天河区的美团上班吗?"),
])
def test_a_place_the_employers_name_says_is_not_said_twice(employer: str, place: str, asked: str) -> None:
    """The check-in asked "您好! 您还在隆回县的隆回县京东物流仓上班吗?": a place the employer's name holds is said
    once (the last case a guard)."""
    replies = _fire(Chat(), "checkin", 1, employer=employer, work_place=place)
    assert replies[0].startswith(asked), replies


@pytest.mark.parametrize("said", ["还在 就是听说年前要裁几个人 有点慌", "在的 说是下个月要倒闭"])
def test_a_lay_off_talked_of_with_when_is_at_risk(said: str) -> None:
    """"还在 就是听说年前要裁几个人 有点慌" (still there, but heard some will be laid off before the New Year) got the
    wages question as if all were well; a lay-off talked of is answered so and asked again in a few days."""
    chat = _at_checkin()
    replies = chat.say(said)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["at_risk"]
    assert "要是真裁了人" in replies[0], replies


@pytest.mark.parametrize(("text", "issues"), [
    ("工资按时 合同签了 社保说过完年给交", {"no_social_insurance"}), ("社保说过完年给交", {"no_social_insurance"}),
    ("转正了再签合同", {"no_contract"}), ("社保交了 合同说明年再签", {"no_contract"}),
    ("工资按时 合同签了 社保也交了", set()),  # (a guard)
])
def test_a_contract_or_insurance_promised_for_later_is_not_there_now(text: str, issues: set[str]) -> None:
    """"工资按时 合同签了 社保说过完年给交" (the insurance promised after the New Year) at the check-in's wages question
    was "请回复数字": each part is read, and what is promised for later is not done now."""
    assert parse_rights(text, nlu.understand(text, date(2027, 1, 14))) == issues


def _idle_employed() -> Chat:
    chat = _at_checkin()
    chat.say("在")
    chat.say("1")
    chat.later(days=3)
    return chat


@pytest.mark.parametrize("said", ["腿好了 但是外卖跑不动了 回老家了 想在县里找个轻松点的活",
                                  "厂里干不动了 回家了 想在附近找个活"])
def test_work_too_hard_left_for_other_work_is_a_job_left(said: str) -> None:
    """"厂里干不动了 回家了 想在附近找个活" from someone on record as working was "知道了, 您现在暂时不能工作" (and
    nothing looked for); "…外卖跑不动了 回老家了 想在县里找个轻松点的活" showed jobs "不比您现在挣的 7000 多" as if he
    still rode. Both left that work and look for another: the registration's first question."""
    chat = _idle_employed()
    replies = chat.say(said)
    assert any("最后一天上班是哪天" in r for r in replies), replies
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("said", ["年纪大了 干不动了 回家了", "干不动了 想找个轻松点的活"])
def test_too_old_or_looking_without_leaving_stays_as_before(said: str) -> None:
    """Guards: "年纪大了 干不动了 回家了" (no other work wished) is unable to work; "干不动了 想找个轻松点的活" (not
    said to have left) is no job loss."""
    chat = _idle_employed()
    chat.say(said)
    assert chat.awaiting != "last_work_day"


def test_an_organised_trip_asked_with_the_first_wish_is_answered_before_registering() -> None:
    """"过完年想去浙江打工 有没有统一组织的车" (going to 浙江 after the festival: is there an organised bus?) as a
    first message went straight to what registering needs and the notice, the question unanswered: the catalogue's
    labour cooperation entry (统一组织出行的会提前通知) first."""
    chat = Chat()
    chat.say("你好")
    replies = chat.say("过完年想去浙江打工 有没有统一组织的车")
    assert replies[0].startswith("【劳务协作和就业基地】"), replies
    assert "统一组织出行的会提前通知" in replies[0]
    assert replies[1].startswith("要推荐适合您的工作"), replies
    assert chat.awaiting == "consent"


def test_a_plain_wish_before_registering_is_not_answered_from_the_catalogue() -> None:
    """Guard: "附近有没有活" before registering gets what registering needs, no catalogue entry."""
    chat = Chat()
    chat.say("你好")
    replies = chat.say("附近有没有活")
    assert replies[0].startswith("要推荐适合您的工作"), replies


def test_kept_home_by_children_and_asking_for_home_work_is_looking_not_unable() -> None:
    """A mother of two at home, her home place not yet found, said "在家带两个娃 没上班" and then "想 就是走不开
    有没有能在家做的手工活" (I want to, but can't get away: any handwork to do at home?): the survey took 走不开 for
    news of "暂时不能工作" ("等能工作了告诉我们"). She wants work that fits: still unemployed, not unable."""
    chat = _liu_at("home_division")
    chat.say("在家带两个娃 没上班")
    replies = chat.say("想 就是走不开 有没有能在家做的手工活")
    assert chat.answers["employment_status"] == "unemployed", replies
    assert not any("暂时不能工作" in r for r in replies), replies


def test_kept_home_with_no_work_asked_for_is_still_unable() -> None:
    """Guard: "要带娃 出不去" with no work asked for is unable to work now."""
    assert nlu.understand("要带娃 出不去", date(2027, 1, 26)).status == "unable"
