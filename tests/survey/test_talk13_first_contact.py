"""First contact as people type (talk13, 2026-12-06): news of a job lost at the privacy notice, in English at the
ID question, no ID card at hand, a township and village beside the ID number, how long a job has lasted said at
the pay question (tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dialogs.flows.registration import job_loss_facts
from tests.fakes.identity import make_id
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest13 import _at
from tests.survey.test_talking_as_people_type import consented

ID = make_id("520526", date(1981, 4, 12), 213)  # 威宁县, which has no 城关镇
SONG_ID = make_id("410325", date(1978, 3, 15), 123)  # 嵩县 (洛阳), which has a 城关镇
XINYANG_ID = make_id("411500", date(1978, 3, 15), 123)  # 信阳市: a prefecture's code, no county to look in


def _at_notice(channel: str) -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    else:
        chat.say("你好")
        chat.say("1")
    assert chat.awaiting == "consent"
    return chat


def _identity(chat: Chat, phone: str = "13812345678") -> None:
    for text in ("刘德强", ID, phone, "不知道", "威宁县草海镇", "新发村"):
        if chat.awaiting == "last_work_day":
            return
        chat.say(text)


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_job_lost_at_the_notice_gets_a_word_and_why_agreeing_comes_first(channel: str) -> None:
    """老板跑路了 我没活干了 at the notice got only "请回复 1 同意, 或 2 不同意"."""
    chat = _at_notice(channel)
    replies = chat.say("老板跑路了 我没活干了")
    assert any("难为您" in reply and "失业登记" in reply and "同意" in reply for reply in replies), replies
    assert chat.awaiting == "consent"
    chat.say("1")
    _identity(chat, "1" if channel == "sms" else "13812345678")
    assert chat.awaiting == "last_work_day"  # (a guard: registered once they agree, as before)


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_benefit_asked_with_the_own_job_lost_at_the_notice_is_answered_and_the_loss_held(channel: str) -> None:
    """被辞了 失业金咋领 at the notice was referred to a caseworker on WeChat, and the job loss was not held: after
    consent the form knew nothing of it and no registration followed."""
    chat = _at_notice(channel)
    replies = chat.say("被辞了 失业金咋领")
    assert not any("转给" in reply for reply in replies), replies
    assert any("失业" in reply and "12333" in reply for reply in replies), replies  # the benefit's answer
    assert any("难为您" in reply for reply in replies), replies
    chat.say("1")
    assert chat.answers["employment_status"] == "unemployed"
    _identity(chat, "1" if channel == "sms" else "13812345678")
    assert chat.awaiting == "last_work_day"
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "dismissed"


def test_a_supposed_job_loss_at_the_notice_is_no_news() -> None:
    """A guard: 要是被辞了 失业金咋领 is a question, nothing held."""
    chat = _at_notice("wechat")
    replies = chat.say("要是被辞了 失业金咋领")
    assert not any("难为您" in reply for reply in replies)
    chat.say("1")
    assert "employment_status" not in chat.answers


def test_a_phone_spelled_in_characters_with_a_job_lost_is_not_kept_with_its_words() -> None:
    """The words the registration reads later kept a phone number typed in characters (一三八…): only digits were
    taken out (the state holding them is not sealed)."""
    chat = _at_notice("wechat")
    chat.say("老板跑路了 我没活干了 电话一三八一二三四五六七八")
    said = chat.state["survey"]["job_lost"]["said"]
    assert "一三八" not in said and "老板跑路了" in said


def _english_at_id() -> Chat:
    chat = Chat()
    chat.event("subscribe")
    chat.say("English")
    chat.say("1")
    chat.say("Wang Dashan")
    assert chat.awaiting == "id_number"
    return chat


def test_a_job_lost_told_in_english_at_the_id_question_is_read_as_in_chinese() -> None:
    """"I lost my job last month, the factory closed" at the English ID question got "An ID number has 18
    characters"; the loss was dropped."""
    chat = _english_at_id()
    replies = chat.say("I lost my job last month, the factory closed")
    assert not any("18 characters" in reply for reply in replies), replies
    assert chat.answers["employment_status"] == "unemployed"
    lost = chat.state["survey"]["job_lost"]  # held for the registration, as 上个月厂子倒闭了 is
    assert lost["on"] == "2026-11-26"
    ctx = replace(chat.ctx, today=date(2026, 11, 26))
    assert job_loss_facts(lost["said"], ctx)["job_loss_reason"] == "employer_closed"


@pytest.mark.parametrize("text", ["I have not lost my job", "what if I lost my job?"])
def test_english_without_a_job_lost_is_no_news(text: str) -> None:
    """A guard: a negation or a supposition tells no job lost."""
    chat = _english_at_id()
    chat.say(text)
    assert "employment_status" not in chat.answers


@pytest.mark.parametrize("text", ["没有", "没带", "没带身上", "不在身边", "没有身份证", "莫得"])
def test_no_card_at_hand_at_the_id_question_is_told_it_can_come_later(text: str) -> None:
    """没有 got "身份证号码应该是18位"; 没带, 不在身边 got "这一项要填 … 问问家里人". (talk16: the form goes on
    without the number, which is taken when it comes; the question stayed open before.)"""
    chat = consented()
    chat.say("刘德强")
    replies = chat.say(text)
    assert not any("18位, 请再输入" in reply or "这一项要填" in reply for reply in replies), replies
    assert any("晚点" in reply or "先空着" in reply for reply in replies), replies
    assert chat.awaiting == "phone"
    assert chat.state["survey"].get("misses", 0) == 0
    chat.say(ID)
    assert chat.answers["id_number"] == ID


def test_a_township_beside_the_id_number_is_found_in_the_county_the_number_was_issued_in() -> None:
    """41032519… 我是城关镇李家村的 at the ID question: the ID was taken, the place words lost."""
    chat = consented()
    chat.say("刘德强")
    chat.say(f"{SONG_ID} 我是城关镇李家村的")
    assert chat.answers["home_division"]["code"] == "410325100"  # 嵩县城关镇
    assert chat.answers["home_village"] == "李家村"


def test_a_township_beside_the_id_number_is_kept_for_the_home_question() -> None:
    """The number's first six digits name no county holding it: the village is kept, and the township is read
    with the county said at the home question (嵩县 -> 嵩县城关镇)."""
    chat = consented()
    chat.say("刘德强")
    chat.say(f"{XINYANG_ID} 我是城关镇李家村的")
    assert chat.answers["home_village"] == "李家村"
    chat.say("13812345678")
    chat.say("不知道")
    assert chat.awaiting == "home_division"
    chat.say("嵩县")
    assert chat.answers["home_division"]["code"] == "410325100"
    assert chat.awaiting == "employment_status"  # the village is not asked again


def test_a_township_the_county_lacks_is_said_not_found() -> None:
    """520526… 我是城关镇李家村的, then 威宁县: 威宁 has no 城关镇, which is said (as when typed together)."""
    chat = consented()
    chat.say("刘德强")
    chat.say(f"{ID} 我是城关镇李家村的")
    chat.say("13812345678")
    chat.say("不知道")
    replies = chat.say("威宁县")
    assert any("城关镇" in reply and "没找到" in reply for reply in replies), replies
    assert chat.answers["home_division"]["code"] == "520526"
    assert chat.answers["home_village"] == "李家村"


def test_how_long_the_job_has_lasted_at_the_pay_question_is_when_it_started() -> None:
    """两年了 at the pay question (after 不知道 at the start) got "没看懂金额"."""
    chat = _at("started", "园区三号门", "不知道", "普工")
    chat.say("不知道")
    assert chat.awaiting == "monthly_income"
    replies = chat.say("两年了")
    assert not any("没看懂金额" in reply for reply in replies), replies
    assert chat.answers["started"] == "2024-11"
    assert chat.awaiting == "monthly_income"
    assert any("2024年11月" in reply for reply in replies), replies


@pytest.mark.parametrize(("text", "month"), [("干了两年了", "2024-11"), ("来了三个多月了", "2026-08"),
                                             ("一年半了", "2025-05"), ("半年了", "2026-05")])
def test_how_long_the_job_has_lasted_at_the_start_question(text: str, month: str) -> None:
    """干了两年了 at "什么时候开始这份工作的?" got "没看懂时间"."""
    chat = _at("started", "园区三号门", "不知道", "普工")
    chat.say(text)
    assert chat.answers["started"] == month
    assert chat.awaiting == "monthly_income"


def test_words_without_a_number_at_the_id_question_are_not_told_the_number_is_short() -> None:
    """河南 固始县 陈淋子镇 at the ID question (the card at home) was taken as the home, then "身份证号码应该是18位"."""
    chat = consented()
    chat.say("王二妮")
    chat.say("身份证在屋里 等会发")
    replies = chat.say("河南 固始县 陈淋子镇")
    assert not any("应该是18位" in reply for reply in replies), replies
    assert replies[-1] == "请输入您的18位身份证号码。"
    assert chat.answers["home_division"]["code"] == "411525101"
    assert chat.awaiting == "id_number"
    replies = chat.say("刘寨村三组")
    assert not any("实在填不上" in reply for reply in replies), replies  # (no miss counted either time)
    assert chat.state["survey"].get("misses", 0) == 0


def test_words_without_a_number_or_anything_else_at_the_id_question() -> None:
    """好的 at the ID question got "身份证号码应该是18位": what is asked, and that it can come later."""
    chat = consented()
    chat.say("王二妮")
    replies = chat.say("好的")
    # (talk16: how to put it off is said: 回复 晚点发)
    assert replies == ["这一问要的是身份证号码 (18位)。身份证不在手边的话, 回复 晚点发, 我们先填别的。"]


def test_a_village_typed_alone_at_another_question_once_the_home_is_known_is_its_village() -> None:
    """刘寨村三组 at the ID question, the home known, got "应该是18位" and was dropped."""
    chat = consented()
    chat.say("王二妮")
    chat.say("河南 固始县 陈淋子镇")
    replies = chat.say("刘寨村三组")
    assert chat.answers["home_village"] == "刘寨村三组"
    assert any("已记下" in reply for reply in replies), replies
    assert chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["这个号码给谁看", "谁能看到", "会不会泄露"])
def test_who_sees_the_id_number_is_answered(text: str) -> None:
    """这个号码给谁看 at the ID question got "身份证号码应该是18位" (the who-sees answer needed 为啥要问)."""
    chat = consented()
    chat.say("张桂兰")
    replies = chat.say(text)
    assert any("只给负责您的工作人员看" in reply for reply in replies), replies
    assert replies[-1] == "请输入您的18位身份证号码。"
    assert chat.state["survey"].get("misses", 0) == 0


def test_no_such_number_at_the_id_question() -> None:
    """没有那个号 got "身份证号码应该是18位" and, the second time, "实在填不上"."""
    chat = consented()
    chat.say("张桂兰")
    replies = chat.say("没有那个号")
    assert any("户口本" in reply for reply in replies), replies


def test_the_speakers_wish_after_a_childs_news_is_not_someone_elses() -> None:
    """娃上学了就想出去 (she cares for a grandchild) got "您家里人要找工作或登记, 可以让他们关注我们"."""
    chat = consented()
    chat.say("张桂兰")
    chat.say("在家带孙子 出不去")
    replies = chat.say("娃上学了就想出去")
    assert not any("家里人" in reply for reply in replies), replies
    assert chat.awaiting == "id_number"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_name_with_the_id_number_to_come_later(channel: str) -> None:
    """我叫龙建华 身份证等下发给你 got the ID question as if nothing had been said of it."""
    chat = consented(channel)
    replies = chat.say("我叫龙建华 身份证等下发给你")
    assert chat.answers["name"] == "龙建华"
    assert replies == ["没关系, 不着急。等身份证在手边了, 把上面的18位号码发给我就行, 这一项先给您留着。"]
    assert chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["每个月10号发", "工资每月15号左右到账"])
def test_a_fixed_pay_day_each_month_is_wages_on_time(text: str) -> None:
    """工资每个月10号发 at "工资按时发吗?" got "请回复 1 或 2"-style reprompts."""
    chat = _at("wages_on_time", "园区三号门", "不知道", "普工", "今年3月", "四千", "1", "签了", "有")
    chat.say(text)
    assert chat.answers["wages_on_time"] == "yes"


def test_a_pay_day_late_is_not_on_time() -> None:
    """A guard: 每月10号发 但经常拖 is not on time."""
    chat = _at("wages_on_time", "园区三号门", "不知道", "普工", "今年3月", "四千", "1", "签了", "有")
    chat.say("每月10号发 但经常拖")
    assert chat.answers["wages_on_time"] == "no"


def test_three_answers_the_last_a_long_one_naming_its_question() -> None:
    """合同签了 社保也交了 工资每个月10号发 at the contract question took two answers and asked the wages again."""
    chat = _at("contract_signed", "园区三号门", "不知道", "普工", "今年3月", "四千", "1")
    chat.say("合同签了 社保也交了 工资每个月10号发")
    assert [chat.answers.get(k) for k in ("contract_signed", "social_insurance", "wages_on_time")] == ["yes"] * 3
    assert chat.awaiting == "summary"


def test_dont_know_of_the_household_number_said_at_the_id_question() -> None:
    """户号不晓得 at the ID question got "这一项要填 … 问问家里人" (the ID's don't-know); the household number is
    the one not known, said back, and not asked when its turn comes."""
    chat = consented()
    chat.say("王二妮")
    for _ in range(2):
        replies = chat.say("户号不晓得")
        assert replies == ["好的, 已记下: 户编号: 不知道。", "请输入您的18位身份证号码。"]
    chat.say(ID)
    chat.say("13812345678")
    assert chat.awaiting == "home_division"
