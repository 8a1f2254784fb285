"""Stop 10 (talk10): wrong answers the last stop left, each reproduced in the pure dialog (tests/survey/driver.py);
each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import job_said
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_contract, _at_pay
from tests.survey.test_lead_playtest9 import _at_work_place
from tests.survey.test_talking_as_people_type import consented


def _at_notice(channel: str) -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    else:
        chat.say("我要登记")
    assert chat.awaiting == "consent"
    return chat


# -- consent -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["没得", "没有", "莫得", "没得嘛"])
def test_a_bare_nothing_at_the_consent_question_asks_it_again_plainly(channel: str, text: str) -> None:
    """"没得" (没有 in Guizhou and Sichuan speech) at "您同意吗?" was taken as a refusal: "我们不会登记您的证件信息"."""
    chat = _at_notice(channel)
    replies = chat.say(text)
    assert not chat.kinds("consent_refused") and chat.awaiting == "consent", replies
    assert replies[0].startswith("您是同意登记, 还是不同意?"), replies
    chat.say("1")
    assert chat.kinds("consent_given") and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["不同意", "2", "不想登记"])
def test_a_clear_refusal_at_the_consent_question_still_refuses(text: str) -> None:
    chat = _at_notice("wechat")
    chat.say(text)
    assert chat.kinds("consent_refused") and chat.awaiting is None


# -- the job and the work address --------------------------------------------------------------------------


def test_a_job_and_a_day_rate_at_the_work_address_are_no_address() -> None:
    """"碎砖的 一天一百五" at "具体的工作地址或工地?" stored the address "碎砖的"."""
    chat = consented("sms")
    for text in ["杨德富", "520526196803154418", "是", "不知道", "威宁县草海镇新发村", "在昆明砖厂干活"]:
        chat.say(text)
    assert chat.awaiting == "work_place"
    chat.say("碎砖的 一天一百五")
    assert chat.answers.get("work_place") is None and chat.answers["job_type"] == "碎砖", chat.answers
    while chat.awaiting != "monthly_income":
        chat.say({"employer_contact": "没有", "started": "今年三月"}.get(chat.awaiting or "", "不知道"))
    chat.say("25天")  # the day rate said at the address, its days asked at the pay
    assert chat.answers["monthly_income"] == 3750


def test_a_job_and_a_day_rate_at_the_work_address_with_the_job_known_ask_the_address_again() -> None:
    chat = _at_work_place()
    chat.say("碎砖的 一天一百五")
    assert chat.answers.get("work_place") is None and chat.awaiting == "work_place", chat.answers


@pytest.mark.parametrize(("text", "job"), [("给人放羊", "放羊"), ("帮人放牛", "放牛"), ("在家给人放羊", "放羊"),
                                           ("碎砖的", "碎砖")])
def test_work_done_for_someone_is_the_work_not_the_someone(text: str, job: str) -> None:
    """"给人放羊" was stored as the job "给人放羊"."""
    assert nlu.find_job_type(text) == job


def test_herding_for_someone_at_the_status_question_is_the_job_herding() -> None:
    chat = _at_status()
    chat.say("给人放羊")
    assert chat.answers["employment_status"] == "employed" and chat.answers["job_type"] == "放羊"


def test_a_job_said_with_its_pay_at_the_job_question_is_the_job() -> None:
    assert job_said("碎砖的", at_job_question=True) == "碎砖"


# -- the employer ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("at", ["status", "work_place"])
def test_the_boss_named_beside_a_workplace_names_the_workplace(at: str) -> None:
    """"在毕节一个砖厂干活 老板姓李" at the status question stored the employer 砖厂 and dropped 老板姓李; at the work
    address it kept "毕节 老板姓李" as the address."""
    chat = _at_status() if at == "status" else _at_work_place()
    chat.say("在毕节一个砖厂干活 老板姓李")
    assert chat.answers["employer"] == "李老板的砖厂", chat.answers
    assert "老板" not in str(chat.answers.get("work_place") or ""), chat.answers


def test_the_employers_name_not_known_at_its_phone_question_keeps_the_employer() -> None:
    """"厂名叫不出来 台湾老板的" at "单位联系电话?" replaced the employer 电子厂 by "叫不出来 台湾老板的"."""
    chat = _at_employer()
    chat.say("电子厂")
    assert chat.awaiting == "employer_contact"
    replies = chat.say("厂名叫不出来 台湾老板的")
    assert chat.answers["employer"] == "台湾老板的电子厂" and chat.awaiting == "employer_contact", replies


def test_a_named_employer_stays_when_its_name_is_said_unknown_later() -> None:
    chat = _at_employer()
    chat.say("宏达电子厂")
    chat.say("厂名叫不出来 台湾老板的")
    assert chat.answers["employer"] == "宏达电子厂" and chat.awaiting == "employer_contact"


@pytest.mark.parametrize(("text", "employer"), [("厂名叫不出来 台湾老板的", "台湾老板的厂"),
                                                ("不晓得叫啥 一个做鞋子的厂", "做鞋子的厂")])
def test_the_employers_name_not_known_at_its_question_is_the_employer_described(text: str, employer: str) -> None:
    """"厂名叫不出来 台湾老板的" at the employer question stored "不出来 台湾老板的"."""
    chat = _at_employer()
    chat.say(text)
    assert chat.answers["employer"] == employer and chat.awaiting == "employer_contact"


def test_the_employers_name_not_known_and_nothing_else_is_asked_whom_for() -> None:
    chat = _at_employer()
    replies = chat.say("厂名叫不出来")
    assert "employer" not in chat.answers and chat.awaiting == "employer", replies
    assert replies[0].startswith("不知道单位名字也行"), replies


# -- the pay -----------------------------------------------------------------------------------------------


def test_a_bare_one_at_the_days_of_a_day_rate_asks_the_days_again() -> None:
    """"1" at "一天250元, 一个月大概干多少天?" asked the month's pay: "没看懂金额, 请说每月多少钱"."""
    chat = _at_pay()
    chat.say("一天两百五")
    replies = chat.say("1")
    assert replies == ["一天250元, 一个月大概干多少天?"], replies
    chat.say("二十五天")
    assert chat.answers["monthly_income"] == 6250


# -- the place of work -------------------------------------------------------------------------------------


def _in_guangdong_at(field: str) -> Chat:
    chat = _at_status()
    chat.say("在广东打工")
    while chat.awaiting != field:
        chat.say({"work_place": "不知道", "employer": "电子厂"}.get(chat.awaiting or "", "不知道"))
    return chat


def test_a_township_alone_at_the_employers_phone_is_found_within_the_province() -> None:
    """"长安镇" at "单位联系电话?" with only 广东 known was "电话好像不对" (two 长安镇 in 广东: 东莞's and 封开县's)."""
    chat = _in_guangdong_at("employer_contact")
    replies = chat.say("长安镇")
    assert chat.answers["work_division"]["code"] == "441900119", replies
    assert "电话好像不对" not in replies[0] and chat.awaiting == "employer_contact", replies


def test_a_township_at_the_work_address_makes_the_place_of_work_exact() -> None:
    chat = _in_guangdong_at("work_place")
    chat.say("长安镇")
    assert chat.answers["work_division"]["code"] == "441900119" and chat.answers["work_place"] == "长安镇"
    assert chat.awaiting == "employer"


def test_of_two_townships_of_a_name_the_one_where_migrants_work_is_taken_only_at_work() -> None:
    assert [p.code for p in nlu.places_within("长安镇", "44", at_work=True)] == ["441900119"]
    assert nlu.places_within("长安镇", "44") == []


# -- the rights questions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("channel", "told"), [
    ("wechat", "不清楚也没关系, 这一项先记作 不知道, 工作人员以后可以帮您问。"), ("sms", "不清楚没关系, 先记不知道。"),
])
@pytest.mark.parametrize("text", ["不晓得", "不知道 老板没说过"])
def test_not_knowing_whether_the_employer_pays_insurance_is_recorded_unknown(channel: str, told: str,
                                                                             text: str) -> None:
    """"不晓得" at "单位给您交社保了吗?" got "这一项要填 … 问问家里人", again and again."""
    chat = _at_contract()
    chat.channel = channel
    chat.say("签了")
    assert chat.awaiting == "social_insurance"
    replies = chat.say(text)
    assert replies[0] == told and chat.awaiting == "wages_on_time", replies
    assert "social_insurance" in chat.answers and chat.answers["social_insurance"] is None


def test_the_boss_named_with_a_space_is_the_boss() -> None:
    """"包工头 姓刘" at the employer question was kept as typed."""
    chat = _at_employer()
    chat.say("包工头 姓刘")
    assert chat.answers["employer"] == "刘包工头"
