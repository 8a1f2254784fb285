"""The lead's third round of play-testing: answers to another question of the branch given without 不对, reasons
for not going out to work, skills typed at the work wanted, a number after the menu, a plan said back in plain
words. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from dialogs.flows.survey.late import only_skills, skills_in
from tests.jobs.test_dialog import GUARD, WELDING
from tests.survey.driver import Chat
from tests.survey.test_dialog import consented as subscribed
from tests.survey.test_dialog import employed_until
from tests.survey.test_playtest_round2 import insurance_not_on_form, looking_at
from tests.survey.test_talking_as_people_type import ID, consented, employed_at


def wanting_at(field: str, channel: str = "wechat") -> Chat:
    """Unemployed, wanting work near home, 电工 wanted, skills and pay not known, up to `field`."""
    chat = looking_at("preferred_scope", channel)
    for text in ("1", "电工", "不知道", "不知道"):
        if chat.awaiting == field:
            break
        chat.say(text)
    assert chat.awaiting == field
    return chat


# -- an answer to the question before ------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_skills_typed_at_the_pay_wanted_are_the_skills_and_the_pay_asked_again(channel: str) -> None:
    chat = wanting_at("expected_income", channel)
    replies = chat.say("会开拖拉机")
    assert chat.answers["skills"] == "开拖拉机" and "expected_income" not in chat.answers
    assert replies[0] == "好的, 已记下: 技能: 开拖拉机。" and chat.awaiting == "expected_income"
    assert replies[-1].startswith("希望每月挣多少钱")
    chat.say("三千五")
    assert chat.answers["expected_income"] == 3500


def test_a_new_skill_is_added_to_the_ones_known() -> None:
    chat = looking_at("preferred_scope")
    for text in ("1", "电工", "会电焊"):
        chat.say(text)
    assert chat.answers["skills"] == "电焊" and chat.awaiting == "expected_income"  # (会 is no part of it: talk9)
    chat.say("还会开拖拉机")
    assert chat.answers["skills"] == "电焊、开拖拉机" and chat.awaiting == "expected_income"
    chat.say("电焊也会")  # said again: nothing added
    assert chat.answers["skills"] == "电焊、开拖拉机"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_pay_typed_at_the_month_they_can_start_is_the_pay(channel: str) -> None:
    chat = wanting_at("available_from", channel)
    replies = chat.say("三千五吧")
    assert chat.answers["expected_income"] == 3500 and "available_from" not in chat.answers
    assert "3500" in replies[0] and chat.awaiting == "available_from" and chat.state is not None
    assert chat.state["survey"].get("misses", 0) == 0  # nothing counted against them
    chat.say("随时")
    assert chat.answers["available_from"] == "2026-11"


def test_the_job_typed_at_the_start_month_after_it_was_passed_over() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("不知道")
    assert chat.awaiting == "started"
    replies = chat.say("做鞋 上胶")
    assert chat.answers["job_type"] == "做鞋 上胶" and "started" not in chat.answers
    assert replies[0] == "好的, 已记下: 工种: 做鞋 上胶。" and chat.awaiting == "started"


def test_a_pay_answered_just_before_is_changed_by_the_same_kind_of_answer_only() -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say("四千五")  # not a way of working; the pay just before, said again
    assert chat.answers["monthly_income"] == 4500 and chat.awaiting == "employment_form"
    chat.say("明年三月")  # a month fits nothing open: asked again, nothing changed
    assert chat.answers["started"] == "2025-03" and chat.awaiting == "employment_form"


@pytest.mark.parametrize(("text", "skills"), [
    ("会开拖拉机", ["开拖拉机"]), ("会开叉车 电焊也会点", ["开叉车", "电焊"]), ("学过电焊", ["电焊"]),
    ("电焊会一点", ["电焊"]), ("我会去的", []), ("会不会", []), ("啥也不会", []), ("不会电焊", []),
])
def test_skills_as_people_say_them(text: str, skills: list[str]) -> None:
    assert skills_in(text) == skills


def test_a_wish_with_a_skill_is_not_only_skills() -> None:
    assert only_skills("想找个电焊的活 我会电焊") == []
    assert only_skills("会开叉车 电焊也会点") == ["开叉车", "电焊"]


# -- skills typed at the work wanted -------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_skills_typed_at_the_work_wanted_are_skills_and_the_work_asked_again(channel: str) -> None:
    chat = looking_at("preferred_scope", channel)
    chat.say("1")
    assert chat.awaiting == "desired_jobs"
    replies = chat.say("会开叉车 电焊也会点")
    assert chat.answers["skills"] == "开叉车、电焊" and "desired_jobs" not in chat.answers
    assert "开叉车、电焊" in replies[0] and chat.awaiting == "desired_jobs"
    chat.say("叉车工 电焊工都行")
    assert chat.answers["desired_jobs"] == "叉车工、电焊工" and chat.awaiting == "expected_income"


# -- willingness, with a reason ------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize(("text", "willing"), [
    ("娃还小 不出去", "later"), ("孩子还小 暂时不出去", "later"), ("在家带孙子 不想出去", "later"),
    ("过两年再说", "later"), ("等几年再说", "later"), ("不出去", "no"), ("不想出去", "no"),
])
def test_not_now_for_a_reason_that_passes_is_later(text: str, willing: str, channel: str) -> None:
    chat = looking_at("willing_to_work", channel)
    chat.say(text)
    assert chat.answers["willing_to_work"] == willing and chat.answers["employment_status"] == "unemployed"
    assert chat.awaiting == ("service_needs" if willing == "later" else "summary")


@pytest.mark.parametrize("text", ["家里老人要照顾 走不开", "身体不行 干不了重活"])
def test_cannot_work_now_at_the_willingness_question_is_the_status_unable(text: str) -> None:
    chat = looking_at("willing_to_work")
    replies = chat.say(text)
    assert chat.answers["employment_status"] == "unable" and "willing_to_work" not in chat.answers
    assert replies[0].startswith("知道了, 您现在暂时不能工作") and chat.awaiting == "summary"


# -- a plan said back as it was said -------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_plan_to_go_out_after_the_new_year_shows_as_that_plan(channel: str) -> None:
    chat = looking_at("willing_to_work", channel)
    replies = chat.say("想找 过完年再出来")
    assert (chat.answers["willing_to_work"], chat.answers["available_from"]) == ("later", "2027-02")
    assert replies[0] == "好的, 已记下: 可上岗时间: 2027年2月。"
    for text in ("1", "1", "电工", "不知道", "不知道"):
        replies = chat.say(text)
    assert chat.awaiting == "summary"
    summary = replies[-1]
    if channel == "sms":  # (the compact SMS summary: short labels)
        assert "意愿:想工作, 2027年2月以后" in summary and "上岗:2027年2月" in summary and "以后再说" not in summary
        return
    assert "就业意愿: 想工作, 2027年2月以后" in summary and "以后再说" not in summary
    assert "可上岗时间: 2027年2月" in summary


def test_later_without_a_month_is_still_later() -> None:
    chat = looking_at("willing_to_work")
    for text in ("过两年再说", "1", "1", "电工", "不知道", "不知道", "不知道"):
        replies = chat.say(text)
    assert "就业意愿: 以后再说" in replies[-1]


def test_the_plan_in_english() -> None:
    chat = looking_at("willing_to_work")
    chat.state["locale"] = "en"  # type: ignore[index]
    for text in ("想找 过完年再出来", "1", "1", "电工", "不知道", "不知道"):
        replies = chat.say(text)
    assert "Willing to work: Yes, from 2/2027" in replies[-1]


# -- a number after the menu ---------------------------------------------------------------------------------

def at_the_menu(items: list[dict[str, object]], channel: str = "wechat") -> Chat:
    chat = subscribed(channel=channel)
    employed_until(chat, "summary")
    chat.say("0")
    chat.jobs = items
    chat.say("菜单")
    assert chat.awaiting == "menu"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("entry", ["3", "4", "5"])
def test_after_an_entry_that_shows_no_list_a_number_still_picks_from_the_menu(entry: str, channel: str) -> None:
    chat = at_the_menu([GUARD], channel)  # no training to show: 3 finds nothing
    chat.say(entry)
    replies = chat.say("2")
    assert chat.awaiting == "jobs" and [e.data["item"] for e in chat.kinds("jobs.match")][-1] == "vacancy"
    assert not any("没太明白" in reply or "didn't quite" in reply for reply in replies)


def test_a_number_after_a_list_picks_from_that_list_not_the_menu() -> None:
    chat = at_the_menu([GUARD, WELDING, WELDING | {"ref": "t3", "title": "叉车培训班"}])
    chat.say("3")
    assert chat.awaiting == "jobs"
    replies = chat.say("2")
    assert replies[0].startswith("叉车培训班") and len(chat.kinds("jobs.match")) == 1


def test_words_after_the_menu_entry_are_read_as_usual() -> None:
    chat = at_the_menu([GUARD])
    chat.say("4")
    replies = chat.say("谢谢")
    assert not chat.kinds("jobs.match") and not any(reply.startswith("请回复数字选择") for reply in replies)


def test_once_a_question_is_asked_a_number_answers_it_not_the_menu() -> None:
    chat = at_the_menu([GUARD])
    chat.say("4")
    chat.say("1")  # the form again: its summary, numbered
    assert chat.awaiting == "summary"
    chat.say("3")
    assert chat.awaiting == "phone" and not chat.kinds("jobs.match")


# -- typed the way phones and voice-to-text deliver it -------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_voice_transcript_answers_like_typed_text(channel: str) -> None:
    chat = consented(channel)
    chat.say("那个，我叫，彭小军。")
    assert chat.answers["name"] == "彭小军"
    chat.say(ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    assert chat.answers["id_number"] == ID
    chat.say("１３７ １２３４ ５６７８")
    assert chat.answers["phone"] == "+8613712345678"
    chat.say("不晓得 😅")
    assert chat.answers["household_id"] is None
    for text in ("嗯，麻阳县，高村镇。", "石羊村，五组。"):
        chat.say(text)
    assert chat.answers["home_village"] == "石羊村 五组"
    chat.say("就是，在东莞那边。")
    assert chat.answers["employment_status"] == "employed" and chat.answers["work_division"]["code"] == "4419"


def test_a_month_with_pauses_is_last_years_month() -> None:
    chat = consented()
    employed_at(chat, "started")
    chat.say("去年，三月份，来的")
    assert chat.answers["started"] == "2025-03"


@pytest.mark.parametrize("text", ["啥意思", "什么意思？", "啥意思啊"])
def test_what_does_that_mean_explains_and_asks_again(text: str) -> None:
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert replies[0].startswith("就是问您下面这一项") and replies[-1] == "请问您的姓名?"


def test_a_pinyin_slip_for_at_work_is_at_work() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村"):
        chat.say(text)
    chat.say("在钢")
    assert chat.answers["employment_status"] == "employed" and chat.awaiting == "work_division"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_traditional_characters_pick_a_choice(channel: str) -> None:
    chat = looking_at("service_needs", channel)
    chat.say("介紹工作 培訓也要")
    assert chat.answers["service_needs"] == ["job_referral", "training"] and chat.awaiting == "preferred_scope"


def test_the_same_answer_sent_twice_is_said_back_and_the_next_question_asked_again() -> None:
    chat = looking_at("service_needs")
    chat.say("介绍工作")
    replies = chat.say("介绍工作")
    assert chat.answers["service_needs"] == ["job_referral"] and "preferred_scope" not in chat.answers
    assert replies[0] == "好的, 已记下: 服务需求: 介绍工作。" and replies[-1].startswith("您想在哪里工作")
    assert chat.state is not None and chat.state["survey"].get("misses", 0) == 0
    chat.say("培训也要")  # a help more: added to the ones chosen
    assert chat.answers["service_needs"] == ["job_referral", "training"] and chat.awaiting == "preferred_scope"


@pytest.mark.parametrize("text", ["电汗 开叉车", "电焊 开叉车"])
def test_trades_typed_by_someone_looking_for_work_are_no_news_of_a_job(text: str) -> None:
    chat = looking_at("preferred_scope")
    replies = chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "preferred_scope"
    assert "叉车" in chat.answers["desired_jobs"] and not any("在工作了" in reply for reply in replies)



# -- a lone question mark, 啥意思 ----------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_lone_question_mark_at_a_question_explains_it_without_the_menu(channel: str) -> None:
    chat = consented(channel)
    chat.say("彭小军")
    replies = chat.say("？")
    assert chat.awaiting == "id_number" and replies[0].startswith("就是问您下面这一项")
    assert not any(reply.startswith("请回复数字选择") for reply in replies)
    chat.say(ID)
    assert chat.answers["id_number"] == ID


def test_a_lone_question_mark_with_no_question_open_is_still_the_help_and_the_menu() -> None:
    chat = at_the_menu([GUARD])
    chat.say("4")
    replies = chat.say("?")
    assert replies[0].startswith("您可以随时回复") and chat.awaiting == "menu"


@pytest.mark.parametrize("text", ["啥意思", "？", "没看懂"])
def test_what_does_that_mean_in_the_job_loss_registration(text: str) -> None:
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    insurance_not_on_form(chat)
    chat.say("厂里不要人了")
    chat.say("上个礼拜五")
    assert chat.awaiting == "insured"
    replies = chat.say(text)
    assert replies[0].startswith("就是问您下面这一项") and chat.awaiting == "insured"
    assert chat.state is not None and chat.state["registration"].get("misses", 0) == 0


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_an_sms_survey_typed_with_pauses_and_numbers_as_words(channel: str) -> None:
    chat = looking_at("service_needs", channel)
    chat.say("一 和 二")  # voice-to-text writes the numbers as words
    assert chat.answers["service_needs"] == ["job_referral", "training"]
    chat.say("哪里都行")
    chat.say("嗯，进厂，或者，工地都行。")  # work wished for, not work found
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.answers["desired_jobs"] == "进厂 或者 工地都行" and chat.awaiting == "skills"
    for text in ("会开，挖机。", "一个月，嗯，五千块，左右吧。", "随时都可以。"):
        chat.say(text)
    assert chat.answers["expected_income"] == 5000 and chat.awaiting == "summary"
    chat.jobs = []
    assert chat.say("零")[0].startswith("谢谢! 您的信息已保存") and chat.kinds("form_submitted")


@pytest.mark.parametrize(("answers", "again", "said_back", "field"), [
    (("彭小军",), "彭小军", "好的, 已记下: 姓名: 彭小军。", "id_number"),
    (("彭小军", ID, "13712345678"), "13712345678", "好的, 已记下: 手机号: 137****5678。", "household_id"),
    (("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村"), "石羊村", "好的, 已记下: 村(组): 石羊村。",
     "employment_status"),
])
def test_the_same_message_sent_twice_is_said_back_and_nothing_missed(
    answers: tuple[str, ...], again: str, said_back: str, field: str
) -> None:
    chat = consented()
    for text in answers:
        chat.say(text)
    assert chat.awaiting == field
    replies = chat.say(again)
    assert replies[0] == said_back and chat.awaiting == field and field not in chat.answers
    assert chat.state is not None and chat.state["survey"].get("misses", 0) == 0


@pytest.mark.parametrize("field", ["preferred_scope", "service_needs"])
def test_work_found_told_at_a_question_about_the_work_wanted_is_news(field: str) -> None:
    chat = looking_at(field)
    replies = chat.say("我在县城找到个开叉车的活")  # 县城 is no answer to where they want to work
    assert chat.answers["employment_status"] == "employed" and "preferred_scope" not in chat.answers
    assert replies[0] == "恭喜您找到工作! 请说说新工作的情况。"


def test_work_not_found_yet_is_no_news() -> None:
    chat = looking_at("preferred_scope")
    chat.say("还没找到活 在县城附近就行")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["preferred_scope"] == "home_county"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_one_long_message_with_four_answers_in_traditional_characters(channel: str) -> None:
    chat = consented(channel)
    replies = chat.say(f"我叫彭小軍，身份證{ID}，電話13712345678，麻陽縣高村鎮石羊村的")
    answers = chat.answers
    assert (answers["name"], answers["id_number"], answers["phone"]) == ("彭小军", ID, "+8613712345678")
    assert answers["home_division"]["code"] == "431226106" and answers["home_village"] == "石羊村"
    assert "村(组): 石羊村" in replies[0] and chat.awaiting == "household_id"


@pytest.mark.parametrize("text", ["好的", "嗯嗯", "👍", "ok"])
def test_a_plain_ok_with_nothing_asked_is_taken_in_without_the_menu(text: str) -> None:
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    chat.say("谢谢")
    replies = chat.say(text)
    assert replies == ["好的, 知道了。情况有变化随时告诉我们。"] and chat.awaiting is None
