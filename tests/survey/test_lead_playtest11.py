"""The lead's play-test of 2026-12-06 (fourth stop): a shoe-factory worker from 商城县 in 温州, on WeChat, through
the survey, a check-in before the New Year and the registration (tests/survey/driver.py; each test failed on the
code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest8 import _at_checkin, _at_contract, _at_weekly
from tests.survey.test_playtest_round2 import looking_at
from tests.survey.test_talking_as_people_type import consented

# Works in 昆明 (the city known, the district not yet): the work address is asked next.
_TO_WORK_PLACE = ["杨德富", "520526196803154418", "是", "不知道", "威宁县草海镇新发村", "在昆明打工"]


def _at(question: str, *answers: str) -> Chat:
    chat = consented("sms")
    for text in [*_TO_WORK_PLACE, *answers]:
        chat.say(text)
    assert chat.awaiting == question
    return chat


def test_a_month_said_after_the_new_year_is_that_month() -> None:
    """过完年 三月份 after 2019年 was 2019年2月 (the holiday's end), the month said lost."""
    today = date(2026, 12, 7)
    assert nlu.parse_month("2019年过完年 三月份来的", today, "past") == "2019-03"
    assert nlu.parse_month("23年过完年 四月份", today, "past") == "2023-04"
    holiday_end = nlu.parse_month("过完年", today, "past")  # (元宵: 2026-03-03)
    assert nlu.parse_month("过完年 一个月五千", today, "past") == holiday_end  # a month's pay is no month
    assert nlu.parse_month("过完年 一月份", today, "past") == holiday_end  # no month before the holiday's end


def test_the_month_after_the_new_year_answers_which_month_of_the_year() -> None:
    chat = _at("employer", "官渡区")
    for text in ["宏达鞋厂", "不知道", "车位工", "2019年过来的"]:
        chat.say(text)
    assert chat.awaiting == "started"
    chat.say("过完年 三月份")
    assert chat.answers["started"] == "2019-03"


@pytest.mark.parametrize("text", ["签了的", "交的", "按时发", "有的"])
def test_a_yes_at_the_employer_or_job_question_is_no_name(text: str) -> None:
    """签了的 (the contract, answered ahead) was stored as the employer, and at the job question as the job."""
    chat = _at("employer", "官渡区")
    replies = chat.say(text)
    assert chat.awaiting == "employer" and "employer" not in chat.answers
    if text == "签了的":  # the contract's answer, kept for its question and said back (check14)
        assert replies[0] == "好的, 已记下: 签订劳动合同: 是。" and chat.answers["contract_signed"] == "yes"
    else:
        assert replies[-1] == "请告诉我单位或老板的名字。"
    for said in ["宏达鞋厂", "不知道"]:
        chat.say(said)
    assert chat.awaiting == "job_type"
    chat.say(text)
    assert chat.awaiting == "job_type" and "job_type" not in chat.answers


def test_when_it_started_said_at_the_employer_question_is_the_start() -> None:
    chat = _at("employer", "官渡区")
    chat.say("过完年 三月份")
    assert chat.awaiting == "employer" and "employer" not in chat.answers
    assert chat.answers["started"] == "2026-03"


def test_the_work_and_pay_at_the_employer_question_leave_no_employer_of_how_pay_is_counted() -> None:
    """踩鞋面的 计件 一个月五六千吧 took the pay and stored 踩鞋面的 计件 (then 计件) as the employer."""
    chat = _at("employer", "官渡区")
    chat.say("踩鞋面的 计件 一个月五六千吧")
    assert chat.answers["job_type"] == "车位工"
    assert chat.answers["monthly_income"] == 5000
    assert "employer" not in chat.answers and chat.awaiting == "employer"


def test_a_district_said_with_the_address_not_remembered_makes_the_place_exact() -> None:
    """瓯海区那边 具体地址记不住 was stored whole as the address, the district not read."""
    chat = _at("work_place")
    replies = chat.say("官渡区那边 具体地址记不住")
    assert chat.answers["work_division"]["code"] == "530111"
    assert "记不住" not in chat.answers["work_place"]
    assert "官渡区" in replies[0]


@pytest.mark.parametrize("text", ["还在 不过快放假了 厂里说腊月二十就放", "快放年假了", "还在干 年前就放假了"])
def test_the_new_year_leave_at_a_checkin_is_no_work_paused(text: str) -> None:
    """The factory's New Year leave was read as work paused ("停工、活少的时候不好过", and a caseworker called
    after a week)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["new_year_leave"]
    assert "过个好年" in replies[0] and "停工" not in "".join(replies)
    assert not chat.kinds("checkin_recheck") and not chat.kinds("human_requested")


@pytest.mark.parametrize("text", ["放假了 过完年再看", "停工了 等通知"])
def test_a_leave_said_with_a_doubt_is_still_a_pause(text: str) -> None:
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]


@pytest.mark.parametrize("text", ["在屋头 前两年在浙江工地 现在腿脚不行了", "腿脚不行了"])
def test_work_years_ago_and_bad_legs_now_is_unable_not_employed(text: str) -> None:
    """A 58-year-old by SMS: "在屋头 前两年在浙江工地 现在腿脚不行了" was recorded as working in 浙江 (前两年 was no
    past and 腿脚不行 no reason), and the work address asked."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unable"
    assert "work_division" not in chat.answers


@pytest.mark.parametrize("text", ["前两年在浙江工地", "两年前在东莞电子厂干过", "年轻时候在广东打工"])
def test_work_some_years_ago_is_no_work_now(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 8)).status is None


def test_work_years_ago_then_work_now_is_work() -> None:
    assert nlu.understand("两年前在东莞电子厂 现在在立讯上班", date(2026, 12, 8)).status == "employed"
    assert nlu.understand("腿脚不好 在家门口打零工", date(2026, 12, 8)).status == "employed"


def test_no_work_after_all_with_a_reason_is_unable() -> None:
    """"不对 我没上班 腿脚不行了" after a wrong "working in 浙江": the status became 没有工作 (looking for work) and the
    work wanted was asked of a man whose legs keep him home."""
    chat = _at_status()
    chat.say("在浙江工地")
    assert chat.awaiting == "work_place"
    replies = chat.say("不对 我没上班 腿脚不行了")
    assert chat.answers["employment_status"] == "unable"
    assert "暂时不能工作" in replies[0]
    assert [e.data["new"] for e in chat.kinds("employment_status_changed")][-1] == "unable"


def test_when_one_can_start_at_the_skills_question_is_no_skill() -> None:
    """随时 at the skills question was stored as the skill (技能: 随时); it is when they can start."""
    chat = looking_at("preferred_scope")
    for text in ["本县", "看大门"]:
        chat.say(text)
    assert chat.awaiting == "skills"
    replies = chat.say("随时")
    assert "skills" not in chat.answers and chat.awaiting == "skills"
    assert "available_from" in chat.answers and "可上岗时间" in replies[0]


@pytest.mark.parametrize(("text", "wages"), [("签了 社保也交了 工资每月十号发 没拖过", "yes"),
                                             ("签了 社保也交了 工资经常拖", "no")])
def test_the_wages_told_in_the_last_parts_of_several_answers_are_taken(text: str, wages: str) -> None:
    """签了 社保也交了 工资每月十号发 没拖过 took the contract and the insurance and asked the wages again."""
    chat = _at_contract()
    replies = chat.say(text)
    assert chat.answers["contract_signed"] == "yes" and chat.answers["social_insurance"] == "yes"
    assert chat.answers["wages_on_time"] == wages and chat.awaiting == "summary"
    assert "工资按时足额发放" in replies[0]


def test_work_nearer_home_wished_at_a_checkin_is_a_search_not_the_wages_question() -> None:
    """"在呢 不过干得有点烦 想回贵州找个活 离家近点" got the wages question, the wish ignored."""
    chat = _at_checkin()
    replies = chat.say("在呢 不过干得有点烦 想回贵州找个活 离家近点 工资少点也行")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert replies[0] == "好的, 您还在岗。帮您看看有没有更合适的工作。"
    assert not any("工资按时足额" in reply for reply in replies)


@pytest.mark.parametrize("text", ["免费的吧 别到时候收钱", "要钱不", "真的不要钱吗"])
def test_whether_the_service_costs_money_is_answered_before_anything_began(text: str) -> None:
    """"免费的吧 别到时候收钱" at the menu was referred to a caseworker as a question."""
    chat = Chat(channel="sms")
    replies = chat.say(text)
    assert "免费" in replies[0] and not chat.kinds("question_referred")


def test_whether_it_costs_money_at_the_consent_question_is_answered_and_consent_asked_again() -> None:
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    assert chat.awaiting == "consent"
    replies = chat.say("免费的吧 别到时候收钱")
    assert replies[0].startswith("我们的服务是免费的") and "同意" in replies[-1]
    assert chat.awaiting == "consent" and not chat.kinds("question_referred")


@pytest.mark.parametrize("text", ["培训要钱吗", "登记要钱吗", "老板不给钱"])
def test_what_costs_money_named_is_no_question_about_the_service(text: str) -> None:
    assert not nlu.asks_cost_only(text)


@pytest.mark.parametrize("text", ["超市还招吗", "那个理货的还招不"])
def test_whether_a_job_is_still_open_is_a_wish_for_work(text: str) -> None:
    assert nlu.understand(text, date(2027, 3, 9)).intent == "seek_job"


def test_a_job_asked_after_at_the_weekly_checkin_is_searched() -> None:
    """"还没呢 县城超市那个理货的还招不 我想去试试" got "工作人员会继续帮您找" and nothing was looked for."""
    chat = _at_weekly()
    replies = chat.say("还没呢 县城超市那个理货的还招不 我想去试试")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "still_looking"
    assert any("工作" in reply and ("找到" in reply or "暂时没有" in reply) for reply in replies[1:])


def test_a_workplace_wished_is_kept_without_its_in() -> None:
    """还是做车位 或者超市里也行 was kept as 车位、超市里."""
    from dialogs.flows.survey.fields import jobs_wanted

    assert jobs_wanted("还是做车位 或者超市里也行") == "车位工、超市"


def test_nobody_employing_them_at_the_employer_question_asks_no_employers_phone() -> None:
    """"自己干的 没有老板" (a ride-hailing driver with his own car) was taken and then "单位联系电话?" asked."""
    chat = _at("employer", "官渡区")
    replies = chat.say("自己干的 没有老板")
    assert chat.answers["employer"] == "自己干 (个体)" and chat.answers["employer_contact"] is None
    assert chat.awaiting != "employer_contact" and replies[0] == "好的, 已记下: 工作单位: 自己干 (个体)。"


def test_the_familys_own_business_at_the_employer_question_is_the_employer_as_said() -> None:
    chat = _at("employer", "官渡区")
    chat.say("自己家的 没老板")
    assert chat.answers["employer"] != "自己干 (个体)" and chat.awaiting == "employer_contact"


@pytest.mark.parametrize(("text", "answer"), [("还行吧", "still_employed"), ("挺好的", "still_employed"),
                                              ("回来了 不出去了 在家种地 | 1", "job_lost")])
def test_plain_answers_at_an_employed_checkin_are_understood(text: str, answer: str) -> None:
    """"还行吧" and "回来了 不出去了 在家种地" at "您还在…上班吗?" were "没太明白, 请回复数字". (check16: a job given up
    for home asks first whether work is wanted, as 不干了 回家种地 does; 1, work wanted, is the job lost.)"""
    chat = _at_checkin()
    for said in text.split(" | "):
        chat.say(said)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == [answer]
