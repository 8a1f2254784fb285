"""First contact, the notice and the survey, talk16 (2026-12-07): people typing as they talk (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

# From the phone question on, someone out of work, to the last question before the summary.
_REST = ("13712345678", "不知道", "湖南隆回", "石羊村", "没工作", "想", "1", "1", "保安", "没有", "3000", "随时")


def _id_put_off(text: str, channel: str = "wechat") -> tuple[Chat, list[str]]:
    chat = consented(channel)
    chat.jobs = []
    chat.say("张有才")
    return chat, chat.say(text)


@pytest.mark.parametrize("text", ["身份证在我老婆那", "身份证不在身上 回头再说", "等我找到再发", "在俺妈手里"])
def test_the_id_number_put_off_lets_the_form_go_on(text: str) -> None:
    """"身份证在我老婆那" got "这一问要的是身份证号码"; "回头再说" and "等我找到再发" kept the ID question open: nothing
    else could be answered. Now it is acknowledged, left empty for now, and the next question asked."""
    chat, replies = _id_put_off(text)
    assert "先空着" in replies[0], replies
    assert chat.awaiting == "phone" and chat.answers["id_number"] is None
    assert not chat.state["survey"].get("misses")


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_id_number_put_off_is_asked_once_more_before_the_summary_and_then_saved_without(channel: str) -> None:
    chat, _ = _id_put_off("身份证在我老婆那", channel)
    rest = ("1", "不知道", "湖南隆回", "石羊村", "2", "1", "1", "1", "保安", "没有", "3000", "随时")
    for text in rest if channel == "sms" else _REST:
        replies = chat.say(text)
    assert chat.awaiting == "id_number" and "还差身份证号" in replies[-1], replies
    replies = chat.say("还没找到")
    assert "找到了直接发18位号码" in replies[0], replies
    assert chat.awaiting == "summary"
    assert ("身份证号: 待补" if channel == "wechat" else "身份证:待补") in replies[-1], replies[-1]
    chat.say("0")
    saved = chat.kinds("form_submitted")[-1].data["answers"]
    assert saved["id_number"] is None and saved["desired_jobs"] == "保安"


def test_the_id_number_sent_at_the_end_is_taken_and_looked_up() -> None:
    chat, _ = _id_put_off("等我找到再发")
    for text in _REST:
        chat.say(text)
    chat.say(ID)
    assert chat.answers["id_number"] == ID and chat.awaiting == "summary"
    assert chat.kinds("survey.roster_lookup")


def test_the_id_number_sent_at_a_later_question_is_taken() -> None:
    """The number found and sent at the phone question was "这不是有效的手机号"."""
    chat, _ = _id_put_off("身份证在我老婆那")
    replies = chat.say(ID)
    assert chat.answers["id_number"] == ID and chat.awaiting == "phone"
    assert "身份证号" in replies[0]


def test_the_id_number_sent_after_the_form_was_saved_without_it_is_taken() -> None:
    """"找到了 4312…" after the form was saved without the ID got "没太明白" and the menu."""
    chat, _ = _id_put_off("回头再说")
    for text in (*_REST, "没找到", "0"):
        chat.say(text)
    assert chat.kinds("form_submitted") and chat.answers["id_number"] is None
    replies = chat.say(f"找到了 {ID}")
    assert chat.answers["id_number"] == ID and chat.awaiting == "summary", replies
    chat.say("0")
    assert chat.kinds("form_submitted")[-1].data["answers"]["id_number"] == ID


@pytest.mark.parametrize("text", ["我去拿一下", "身份证在屋里 等会发"])
def test_fetching_the_card_now_keeps_the_question_open(text: str) -> None:
    """A guard: fetching it now is "hold on", the ID question stays open."""
    chat, _ = _id_put_off(text)
    assert chat.awaiting == "id_number" and "id_number" not in chat.answers


# -- a correction naming a place: the place last answered ----------------------------------------------------------


def _at_employer_after_address() -> Chat:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "威宁县草海镇", "新发村", "在上班", "贵阳", "观山湖区金阳工地"):
        chat.say(text)
    assert chat.awaiting == "employer"
    return chat


def test_a_place_corrected_after_the_work_address_corrects_the_address_too() -> None:
    """"不对 是在花溪" after the address 观山湖区金阳工地 changed the place of work and kept the old address."""
    chat = _at_employer_after_address()
    replies = chat.say("不对 是在花溪")
    assert chat.answers["work_division"]["code"] == "520111"  # 花溪区
    assert chat.answers["work_place"] == "花溪"
    assert replies[0] == "好的, 已改为 工作地: 贵州省贵阳市花溪区; 工作地址: 花溪。", replies
    assert chat.awaiting == "employer"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_place_corrected_while_the_id_is_asked_again_corrects_the_home(channel: str) -> None:
    """"不对 是邵东" (the home told with the name) while the ID question was asked again was "这一问要的是身份证号码"
    and lost."""
    chat = consented(channel)
    chat.say("彭小军 湖南隆回的")
    chat.say(ID[:-1])  # a digit short: the ID question again
    replies = chat.say("不对 是邵东")
    assert chat.answers["home_division"]["code"] == "430582", replies  # 邵东市
    assert "邵东" in replies[0] and chat.awaiting == "id_number"


# -- a place at the household number --------------------------------------------------------------------------------


def test_a_place_within_the_work_city_at_the_household_number_narrows_the_place_of_work() -> None:
    """"萧山那边" at the household number (湖南麻阳人, at work in 杭州) was "户编号好像不对"."""
    chat = consented()
    for text in ("彭小军 湖南麻阳人 在杭州打工", ID, "13712345678"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    replies = chat.say("萧山那边")
    assert chat.answers["work_division"]["code"] == "330109"  # 萧山区
    assert chat.answers["home_division"]["code"] == "431226" and "household_id" not in chat.answers
    assert "工作地: 浙江省杭州市萧山区" in replies[0] and chat.awaiting == "household_id"


def test_a_place_away_from_the_home_at_the_household_number_is_told_what_the_number_is() -> None:
    """"萧山那边" (the home 麻阳 known) was "户编号好像不对": a place, and what the number is."""
    chat = consented()
    for text in ("彭小军 湖南麻阳人", ID, "13712345678"):
        chat.say(text)
    replies = chat.say("萧山那边")
    assert replies[0].startswith("萧山区是地名") and "扶贫手册" in replies[0], replies
    assert "household_id" not in chat.answers and chat.awaiting == "household_id"
    assert chat.answers["home_division"]["code"] == "431226"


def test_a_place_at_the_household_number_with_no_home_known_is_the_home() -> None:
    """A guard: the home not known yet, 萧山那边 there is the home (said back), the number asked again."""
    chat = consented()
    for text in ("彭小军", ID, "13712345678"):
        chat.say(text)
    chat.say("萧山那边")
    assert chat.answers["home_division"]["code"] == "330109" and chat.awaiting == "household_id"


# -- a job wished at the privacy notice -----------------------------------------------------------------------------


def _to_status_after_wish(channel: str) -> tuple[Chat, list[str]]:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    chat.jobs = None  # nothing to match on yet (the SMS look-up hands over to the survey)
    if channel == "wechat":
        chat.event("subscribe")
    said = chat.say("我想找个保安的活")
    for text in ("同意", "彭小军", ID, "1" if channel == "sms" else "13712345678", "不知道", "湖南麻阳", "石羊村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat, said


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_job_wished_at_the_notice_is_kept_after_consent(channel: str) -> None:
    """"我想找个保安的活" before consenting: after consent the work wanted was asked again as if never said."""
    chat, said = _to_status_after_wish(channel)
    replies = chat.say("2")
    assert chat.answers["desired_jobs"] == "保安" and chat.answers["willing_to_work"] == "yes"
    assert "意向工作: 保安" in replies[0], replies
    assert chat.awaiting == "service_needs"
    if channel == "wechat":
        assert "想找保安的活, 先给您记着" in said[0], said


def test_a_job_wished_at_the_notice_is_not_the_job_of_someone_working() -> None:
    """A guard: working after all, the wish held stays out of the job's answers."""
    chat, _ = _to_status_after_wish("wechat")
    chat.say("1")
    assert "desired_jobs" not in chat.answers and chat.awaiting == "work_division"


def test_a_job_wished_at_the_notice_is_dropped_on_refusal() -> None:
    """A guard: 不同意 drops what was held."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("我想找个保安的活")
    chat.say("不同意")
    assert not (chat.state["survey"].get("held") or {})


# -- a village is no name; a yes and a status at the phone question; a place said again ----------------------------


def test_a_village_at_the_notice_is_the_village_not_the_name() -> None:
    """"石门坎" (a village of 威宁) at the notice was saved as the name 石门坎, with the home 石门县 (湖南)."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("石门坎")
    replies = chat.say("同意")
    assert chat.answers == {"home_village": "石门坎"}, chat.answers
    assert replies[-1] == "请问您的姓名?"


def test_a_village_at_the_name_question_is_kept_and_the_name_asked_again() -> None:
    chat = consented()
    replies = chat.say("石门坎")
    assert "name" not in chat.answers and chat.answers["home_village"] == "石门坎"
    assert "村(组): 石门坎" in replies[0] and chat.awaiting == "name"
    chat.say("彭小军")
    assert chat.answers["name"] == "彭小军" and chat.awaiting == "id_number"


def test_a_county_said_alone_is_still_the_county() -> None:
    """A guard: 石门 alone (and 石门的) is still 石门县."""
    chat = consented()
    chat.say("彭小军 石门的")
    assert chat.answers["home_division"]["code"] == "430726"


def test_a_yes_and_a_status_at_the_phone_question_is_no_wrong_number() -> None:
    """"对 在家带娃" at "请输入您的手机号码" kept the status and said "这不是有效的手机号" (no number was typed)."""
    chat = consented()
    chat.say("彭小军")
    chat.say(ID)
    replies = chat.say("对 在家带娃")
    assert chat.answers["employment_status"] == "unable"
    assert replies[-1] == "请输入您的手机号码。" and not any("不是有效" in reply for reply in replies), replies
    assert not chat.state["survey"].get("misses")


def test_the_place_of_work_said_again_is_not_the_address_nor_the_employer() -> None:
    """"嗯 还在东莞" (东莞 on record) at the work address was saved as the address "还在东莞", and said again at the
    employer question was "已记下: 工作地址: 还在东莞" once more (or the employer "还在东莞")."""
    chat = consented()
    for text in ("彭小军 在东莞打工", ID, "13712345678", "不知道", "湖南麻阳", "石羊村"):
        chat.say(text)
    assert chat.awaiting == "work_place"
    replies = chat.say("嗯 还在东莞")
    assert chat.answers["work_place"] is None and chat.awaiting == "employer"
    assert replies[0] == "好的, 在东莞市。"
    replies = chat.say("嗯 还在东莞")
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    assert not any("已记下" in reply for reply in replies), replies


# -- the service's cost, 在家, years without a month, a wish and two months at home --------------------------------


@pytest.mark.parametrize("text", ["介绍工作 要钱不", "你们介绍工作收费吗"])
def test_whether_the_job_referral_costs_anything_is_answered(text: str) -> None:
    """"介绍工作 要钱不" in the middle of the form was passed to a caseworker: the catalogue says it is free."""
    chat = consented()
    chat.say("彭小军")
    replies = chat.say(text)
    assert any("都不收钱" in reply for reply in replies), replies
    assert not chat.kinds("question_referred") and chat.awaiting == "id_number"


def test_a_question_on_something_else_costing_money_is_still_referred() -> None:
    """A guard: 问一下 这个要钱不 (what "this" is, nobody knows) still goes to the caseworker."""
    chat = consented()
    chat.say("彭小军")
    chat.say("问一下 这个要钱不")
    assert chat.kinds("question_referred")


def _at_status() -> Chat:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "湖南麻阳", "石羊村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


def test_at_home_alone_at_the_status_question_is_confirmed_as_no_work() -> None:
    """A bare "在家" at the status question was "请回复数字 1、2 或 3"."""
    chat = _at_status()
    replies = chat.say("在家")
    assert replies == ["就业状态: 记为「没有工作」, 对吗? 对请回复 1, 不对请回复 2。"]
    chat.say("1")
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "willing_to_work"


def test_at_home_not_confirmed_asks_the_status_again() -> None:
    chat = _at_status()
    chat.say("在家")
    chat.say("2")
    assert "employment_status" not in chat.answers and chat.awaiting == "employment_status"


def test_a_year_without_its_month_keeps_the_year() -> None:
    """"前年", then "不知道" at "是2024年的几月?": the start was left unknown, the year lost."""
    from tests.survey.test_talking_as_people_type import employed_at

    chat = consented()
    employed_at(chat, "started")
    chat.say("前年")
    replies = chat.say("不知道")
    assert chat.answers["started"] == "2024"
    assert replies[0] == "好的, 已记下: 开始时间: 2024年 (月份不详)。" and chat.awaiting == "monthly_income"


def _at_available_from() -> Chat:
    chat = _at_status()
    for text in ("没工作", "想", "1", "1", "保安", "没有", "3000"):
        chat.say(text)
    assert chat.awaiting == "available_from"
    return chat


def test_next_year_alone_asks_its_month() -> None:
    """"明年" at "什么时候可以开始工作?" was "没看懂时间"."""
    chat = _at_available_from()
    replies = chat.say("明年")
    assert replies == ["是2027年的几月? 比如: 2027年3月。不记得可回复 不知道。"]
    chat.say("3月")
    assert chat.answers["available_from"] == "2027-03" and chat.awaiting == "summary"


def test_next_year_without_its_month_is_kept_as_the_year() -> None:
    chat = _at_available_from()
    chat.say("明年")
    replies = chat.say("不知道")
    assert chat.answers["available_from"] == "2027" and chat.awaiting == "summary"
    assert "可上岗时间: 2027年 (月份不详)" in replies[-1]


@pytest.mark.parametrize("first", ["彭小军 想找个活干", "彭小军"])
def test_a_wish_for_work_and_two_months_at_home_are_not_asked_again(first: str) -> None:
    """Someone who said they look for work and "在家呆了两个月" was asked whether they want to work (or, told at
    the notice, their status) again."""
    chat = Chat()
    chat.event("subscribe")
    if first == "彭小军":
        chat.say("我想找个活 在家呆了两个月了")
    chat.say("同意")
    for text in (first, ID, "13712345678", "不知道", "湖南麻阳", "石羊村"):
        chat.say(text)
    if chat.awaiting == "employment_status":
        chat.say("在家呆了两个月")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting == "service_needs"


# -- from playing a first contact on WeChat and on SMS ---------------------------------------------------------------


def test_where_one_is_from_in_the_first_sms_is_no_name_and_no_village() -> None:
    """"你好 我是麻阳高村的 在长沙工地上扎钢筋" as the first SMS recorded the name 麻阳 and the village 麻阳高村."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("你好 我是麻阳高村的 在长沙工地上扎钢筋")
    replies = chat.say("同意")
    assert "name" not in chat.answers and "home_village" not in chat.answers, chat.answers
    assert chat.answers["home_division"]["code"] == "431226106"  # 高村镇
    assert chat.answers["job_type"] == "钢筋工" and replies[-1] == "请问您的姓名?"


def test_a_name_after_i_am_is_still_the_name() -> None:
    """A guard: 我是张有才 湖南隆回的 is the name and the home."""
    chat = consented()
    chat.say("我是张有才 湖南隆回的")
    assert chat.answers["name"] == "张有才" and chat.answers["home_division"]["code"] == "430524"


def test_the_card_at_home_in_dialect_with_in_a_moment_keeps_the_question_open() -> None:
    """"身份证在屋头 等哈发你" (等哈: in a moment) was "这一问要的是身份证号码"."""
    chat, replies = _id_put_off("身份证在屋头 等哈发你")
    assert replies[0].startswith("没关系, 不着急") and chat.awaiting == "id_number"


def test_words_at_the_id_question_twice_put_the_number_off() -> None:
    """Answers to the questions after it typed at the ID question (the card not at hand) got "这一问要的是身份证号码"
    and "实在填不上" again and again: the second time the number is put off and the form goes on."""
    chat, replies = _id_put_off("好的")
    assert "回复 晚点发" in replies[0] and chat.awaiting == "id_number"
    replies = chat.say("知道了")
    assert "先空着" in replies[0] and chat.awaiting == "phone", replies


def test_later_said_as_the_no_number_reply_offers_puts_the_number_off() -> None:
    chat, _ = _id_put_off("好的")
    chat.say("晚点发")
    assert chat.awaiting == "phone" and chat.answers["id_number"] is None


def test_a_job_wished_beside_a_question_at_the_notice_is_held_too() -> None:
    """"我想找个保安的活 介绍工作 要钱不" at the notice got who we are (free), and the wish was lost."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("我想找个保安的活 介绍工作 要钱不")
    assert "不会向您要钱" in replies[0] and any("想找保安的活, 先给您记着" in reply for reply in replies), replies
    assert chat.state["survey"]["held"] == {"willing_to_work": "yes", "desired_jobs": "保安"}


def test_where_one_would_work_at_the_willingness_question_is_a_yes() -> None:
    """"都行 离家近点好" at "您想出去工作吗?" was "请回复数字 1、2 或 3"."""
    chat = _at_status()
    chat.say("没工作")
    replies = chat.say("都行 离家近点好")
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["preferred_scope"] == "home_county"
    assert "意向就业地: 本县" in replies[0] and chat.awaiting == "service_needs", replies


def test_not_wanting_work_far_from_home_is_no_yes() -> None:
    """A guard: 不想 离家太远 is not read as a yes with a scope."""
    chat = _at_status()
    chat.say("没工作")
    chat.say("不想 离家太远")
    assert chat.answers.get("willing_to_work") != "yes"
