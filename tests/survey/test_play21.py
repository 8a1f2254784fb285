"""play21 (2026-12-07): a season as a woman of 56 from 威宁 who works part-time at a 扶贫车间 near home and farms,
on a feature phone by SMS, typing as she talks (tests/survey/driver.py; each test failed on the code before its
fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.fakes.identity import make_id
from tests.survey.driver import Chat

WANG_ID = make_id("520526", date(1970, 5, 12), 284)
# What she answers, by the question open (the first message, then her 要得 to the consent).
_SAYS = {None: "我想登记找工作", "consent": "要得", "name": "我叫王秀英", "id_number": WANG_ID, "phone": "是",
         "household_id": "不晓得", "home_division": "威宁县哲觉镇 光明村",
         "employment_status": "在车间做 帮人家装那个电线 离家近", "work_division": "就在镇上", "work_place": "不晓得",
         "employer": "扶贫车间", "employer_contact": "不晓得", "job_type": "装电线", "started": "前年开始做的",
         "monthly_income": "一天七八十块 做一天算一天 一个月做二十来天", "employment_form": "2",
         "contract_signed": "没签",         "social_insurance": "自己交的城乡居民", "wages_on_time": "按时的"}


def _wang_at(field: str, channel: str = "sms") -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    said: set[str | None] = set()
    for _ in range(40):
        if chat.state is not None and chat.awaiting == field:
            return chat
        # (asked again, as 是2024年的几月? is: not remembered)
        asked = chat.awaiting
        chat.say("记不到了" if asked in said else _SAYS[asked])
        said.add(asked)
    raise AssertionError(chat.awaiting)


# -- 1. insurance she pays herself is not the employer's -----------------------------------------------------------

@pytest.mark.parametrize("text", ["自己交的城乡居民", "没有 我自己交的城乡居民", "自己交的农保", "交的新农合"])
def test_insurance_paid_herself_is_not_the_employers(text: str) -> None:
    """"自己交的城乡居民" at "单位给您交社保了吗? 1是 2否" was recorded 是 (the employer pays), and when the 车间 closed
    the registration took her as insured and told her "交满1年失业保险…可领保险金": recorded 否, said why."""
    chat = _wang_at("social_insurance")
    replies = chat.say(text)
    assert chat.answers["social_insurance"] == "no" and chat.awaiting == "wages_on_time"
    assert "不算单位交的" in replies[0]


@pytest.mark.parametrize(("text", "value"), [
    ("交了", "yes"), ("厂里给交了 自己也交了农保", "yes"), ("交了新农合 车间也交了社保", "yes"), ("没有", "no")])
def test_insurance_the_employer_pays_reads_as_before(text: str, value: str) -> None:
    """A guard: the employer's insurance, said so, is still a yes; a plain no, a no."""
    chat = _wang_at("social_insurance")
    chat.say(text)
    assert chat.answers["social_insurance"] == value


def test_the_workshop_closing_promises_no_benefits_to_the_uninsured() -> None:
    """"车间关门了 不开了" from her, insured by 城乡居民 only, opened with "保险金从登记那天起算" (benefits she cannot
    have): now what registering brings her, and "没交失业保险领不了保险金" at the end as before."""
    chat = _wang_at("summary")
    chat.say("0")
    assert chat.answers["social_insurance"] == "no" and chat.answers["wages_on_time"] == "yes"
    chat.later(days=60)
    replies = chat.say("车间关门了 不开了")
    assert chat.awaiting == "last_work_day" and "保险金" not in replies[0] and "免费找工作" in replies[0]
    assert all(len(reply) <= 70 for reply in replies)


def test_the_insured_still_hear_that_benefits_count_from_registration() -> None:
    """A guard: with the employer's insurance on the form, the opening says benefits count from the day."""
    chat = _wang_at("social_insurance")
    for text in ["交了", "按时", "0"]:
        chat.say(text)
    assert chat.answers["social_insurance"] == "yes" and chat.awaiting is None
    chat.later(days=60)
    replies = chat.say("车间关门了 不开了")
    assert "保险金从登记那天起算" in replies[0]


# -- 2. 扶贫车间 told as the employer is the way of working too ----------------------------------------------------

@pytest.mark.parametrize("field", ["employer", "work_place"])
def test_the_workshop_named_as_employer_is_not_asked_as_the_way_of_working(field: str) -> None:
    """"扶贫车间" at "您在哪个单位或老板那里干?" (or at the address) was kept as the employer, and then the form asked
    "您是哪种就业方式? 1外出务工 2扶贫车间 …": the same thing twice. Now the way of working is 扶贫车间 too."""
    chat = _wang_at("work_place")
    if field == "employer":
        chat.say("不晓得")
    assert chat.awaiting == field
    replies = chat.say("扶贫车间")
    assert chat.answers["employer"] == "扶贫车间" and chat.answers["employment_form"] == "workshop"
    assert "扶贫车间" in replies[0]
    for text in ["不晓得", "装电线", "前年", "记不到了", "一天七八十块", "二十来天"]:
        chat.say(text)
    assert chat.awaiting == "contract_signed" and chat.answers["monthly_income"] == 1400


def test_a_firm_named_as_employer_still_asks_the_way_of_working() -> None:
    """A guard: 电子厂 says nothing of the way of working."""
    chat = _wang_at("work_place")
    chat.say("不晓得")
    chat.say("县城电子厂")
    assert "employment_form" not in chat.answers


# -- 3. the year a job started, said with what she did ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "year"), [("前年开始做的", 2024), ("去年开始干的", 2025), ("2024年开始做的", 2024)])
def test_the_year_she_started_doing_it_is_the_year(text: str, year: int) -> None:
    """"前年开始做的" at "哪年哪月开始干的?" was "没看懂时间" (前年开始的 was read): the year, its month asked."""
    chat = _wang_at("started")
    replies = chat.say(text)
    assert chat.awaiting == "started" and f"{year}年的几月" in replies[0]


# -- 4. a man of 62 whom nobody takes on -------------------------------------------------------------------------------

YANG_ID = make_id("520526", date(1964, 3, 2), 131)
_YANG_SAYS = {None: "找工作", "consent": "1", "name": "杨国富", "id_number": YANG_ID, "phone": "1",
              "household_id": "没有", "home_division": "威宁县草海镇新发村",
              "employment_status": "年纪大了 人家不要 在家闲着", "willing_to_work": "想干 看大门扫地都行",
              "preferred_scope": "就在县里", "service_needs": "1", "skills": "不会啥 就会种地喂牛",
              "expected_income": "1500就行", "available_from": "马上就可以"}


def _yang_at(field: str) -> Chat:
    chat = Chat(channel="sms", address="+8613912345670")
    chat.jobs = []
    for _ in range(30):
        if chat.state is not None and chat.awaiting == field:
            return chat
        chat.say(_YANG_SAYS[chat.awaiting])
    raise AssertionError(chat.awaiting)


@pytest.mark.parametrize("text", ["有没有公益岗 村里扫地的那种", "有没有公益岗"])
def test_a_public_welfare_job_asked_for_is_the_help_wanted(text: str) -> None:
    """"有没有公益岗 村里扫地的那种" at "需要哪些帮助? … 5公益岗位 …" was recorded 介绍工作 (公益岗 alone was read)."""
    chat = _yang_at("service_needs")
    chat.say(text)
    assert chat.answers["service_needs"] == ["public_welfare"]


@pytest.mark.parametrize(("text", "value"), [("看大门 保安都行", ["job_referral"]), ("5", ["public_welfare"]),
                                             ("有活就干", ["job_referral"])])
def test_the_help_wanted_reads_as_before(text: str, value: list[str]) -> None:
    """A guard: a job named, a number, any work."""
    chat = _yang_at("service_needs")
    chat.say(text)
    assert chat.answers["service_needs"] == value


@pytest.mark.parametrize("text", ["年纪大了 人家不要", "岁数大了 厂里都不要"])
def test_too_old_for_them_is_answered_with_the_public_welfare_jobs(text: str) -> None:
    """"年纪大了 人家不要" after the survey was "抱歉, 没太明白您的意思。" and the menu (年纪大了 没人要 was answered):
    the public-welfare jobs for older laborers, as for 年纪大了有什么活干."""
    chat = _yang_at("summary")
    chat.say("0")
    replies = chat.say(text)
    assert "没太明白" not in " ".join(replies) and "公益性岗位" in replies[0]


def test_too_old_with_the_job_gone_is_still_the_job_loss() -> None:
    """A guard: 年纪大了 车间不要我了 from someone at work is the job lost, not a question."""
    chat = _wang_at("summary")
    chat.say("0")
    chat.later(days=20)
    chat.say("年纪大了 车间不要我了")
    assert chat.awaiting == "last_work_day"


# -- 5. a woman with a disability who wants work ---------------------------------------------------------------------

LONG_ID = make_id("520526", date(1988, 7, 9), 226)


def _long_at_status() -> Chat:
    chat = Chat(channel="sms", address="+8613912345671")
    chat.jobs = []
    for text in ["我要登记", "1", "龙小芳", LONG_ID, "1", "不晓得", "威宁县雪山镇 新华村"]:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


@pytest.mark.parametrize("first", ["我是残疾人 想找点活干", "你好 我是残疾人 想找点事做"])
def test_a_disability_told_with_the_wish_for_work_first_is_looking_for_work(first: str) -> None:
    """"我是残疾人 想找点活干" as the first message was recorded 暂时不能工作 once she agreed: the survey ended at the
    summary with no question about the work she wants, and no job was ever offered. Now: no work, wants work."""
    chat = Chat(channel="sms", address="+8613912345671")
    chat.jobs = []
    for text in [first, "1", "龙小芳", LONG_ID, "1", "不晓得", "威宁县雪山镇 新华村"]:
        chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting == "service_needs"


@pytest.mark.parametrize("text", ["腿有残疾 在家 想找点轻松的活", "我有残疾证 腿不方便 想在家做点手工"])
def test_a_disability_told_with_the_wish_for_work_at_the_status_is_looking_for_work(text: str) -> None:
    """At "您现在的就业情况?": "腿有残疾 在家 想找点轻松的活" was 暂时不能工作 (the summary next), and "我有残疾证
    腿不方便 想在家做点手工" was recorded as working, at the job 手工 ("您在哪里工作?" next)."""
    chat = _long_at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and "job_type" not in chat.answers
    assert chat.awaiting in ("willing_to_work", "service_needs")


@pytest.mark.parametrize(("text", "status"), [("残疾 干不了活", "unable"), ("在家照顾老人 闲了做点手工活", "employed")])
def test_a_disability_without_a_wish_reads_as_before(text: str, status: str | None) -> None:
    """A guard: unable to work; handwork done beside caring."""
    chat = _long_at_status()
    chat.say(text)
    assert chat.answers.get("employment_status") == status


# -- 6. the contract and the insurance said again at the summary ------------------------------------------------------

@pytest.mark.parametrize("text", ["合同没签", "社保没交", "合同没签 社保是自己交的城乡居民"])
def test_the_contract_or_insurance_at_the_summary_leaves_the_wages_alone(text: str) -> None:
    """"合同没签" at "请核对: … 15工资按时:是 …" answered "好的, 已改为 工资按时足额发放: 否。" (社保没交 too): the
    wages were never spoken of."""
    chat = _wang_at("summary")
    chat.say(text)
    assert chat.answers["wages_on_time"] == "yes" and chat.answers["contract_signed"] == "no"
    assert chat.answers["social_insurance"] == "no"


@pytest.mark.parametrize("text", ["社保是自己交的城乡居民", "14 自己交的城乡居民"])
def test_insurance_paid_herself_at_the_summary_is_not_the_employers(text: str) -> None:
    """"社保是自己交的城乡居民" at the summary (insurance on record as 是) answered "已改为 缴纳社保: 是"."""
    chat = _wang_at("social_insurance")
    chat.say("交了")
    chat.say("按时")
    assert chat.awaiting == "summary" and chat.answers["social_insurance"] == "yes"
    chat.say(text)
    assert chat.answers["social_insurance"] == "no"


def test_wages_late_at_the_summary_still_change_the_wages() -> None:
    """A guard: 工资有时候拖 at the summary changes that answer."""
    chat = _wang_at("summary")
    chat.say("工资有时候拖")
    assert chat.answers["wages_on_time"] == "no"
