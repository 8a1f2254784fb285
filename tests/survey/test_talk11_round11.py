"""talk11's round: the wrong answers left by the last stop, in the check-in, the registration and the survey
(tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dialogs import nlu
from dialogs.flows.registration.fields import ends_ahead
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly
from tests.survey.test_playtest_round2 import looking_at
from tests.survey.test_talk7_round7 import english_at
from tests.survey.test_talking_as_people_type import consented


def _answers(chat: object) -> list[str]:
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]  # type: ignore[attr-defined]


def test_work_until_the_festival_then_near_home_is_an_end_expected() -> None:
    """"过了年不去了 在家门口找点活" at an employed person's check-in ran a job search and left the check-in
    unanswered: it is the work's end at the Spring Festival, and work near home wished for then."""
    chat = _at_checkin()
    replies = chat.say("过了年不去了 在家门口找点活")
    assert _answers(chat) == ["ending"], replies
    assert "2月5日" in replies[0] and "家附近" in replies[0], replies
    assert chat.answers["employment_status"] == "employed" and chat.answers["preferred_scope"] == "home_county"
    assert not chat.kinds("jobs.match")
    [recheck] = chat.kinds("checkin_recheck")
    assert chat.ctx.today + timedelta(days=recheck.data["days"]) > date(2027, 2, 5)


def test_done_with_this_year_is_the_last_day_at_the_years_end() -> None:
    """"干完今年就不干了" went to the registration, which asked the last working day all the same. (check16: the
    speaker's own plan to stop is in post until then, as 下个月就不干了 is: the day noted, asked again after it.)"""
    assert ends_ahead("干完今年就不干了", date(2026, 12, 10)) == date(2026, 12, 31)
    chat = _at_checkin()
    replies = chat.say("干完今年就不干了")
    assert "12月31日" in replies[0] and chat.awaiting != "last_work_day", replies
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == ["2026-12-31"]


def test_too_old_to_work_and_home_is_not_sick_leave() -> None:
    """"年纪大了 干不动了 回家了" was "您安心休养。这份工作还给您留着吗?" (sick leave)."""
    chat = _at_checkin()
    replies = chat.say("年纪大了 干不动了 回家了")
    assert _answers(chat) == ["left_for_age"], replies
    assert chat.answers["employment_status"] == "unable" and "留着" not in " ".join(replies)
    assert not chat.kinds("registration.submit")


def test_a_site_stopped_until_after_the_festival_is_not_a_job_loss() -> None:
    """"工地停了 说过完年再开工" started the unemployment registration."""
    chat = _at_checkin()
    replies = chat.say("工地停了 说过完年再开工")
    assert _answers(chat) == ["paused_festival"] and chat.awaiting is None, replies
    assert chat.answers["employment_status"] == "employed" and "过完年" in replies[0]
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] > 60  # after the Lantern Festival (2027-02-21), not in a week


@pytest.mark.parametrize("text", ["还在 不过厂里说年后可能要裁人", "老板说下个月可能要裁人"])
def test_a_layoff_talked_of_is_not_told_as_a_stop(text: str) -> None:
    """"还在 不过厂里说年后可能要裁人" was answered "停工、活少的时候不好过"; asked again in a week all the same."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["at_risk"], replies
    assert "停工" not in replies[0] and "还在" in replies[0]
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] == 7 and not chat.kinds("employment_status_changed")


@pytest.mark.parametrize("text", ["不想找了 在家带娃", "不打算找了 在家照顾老人"])
def test_leaving_the_labour_market_to_care_changes_the_status(text: str) -> None:
    """"不想找了 在家带娃" from someone out of work with an open case kept them unemployed (willing: no). (没找
    在家带娃, busy for now, stays not looking, willing later: tests/survey/test_lead_playtest4.py.)"""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "caring", replies
    [change] = [e for e in chat.kinds("employment_status_changed") if e.data["new"] == "unable"]
    assert change.data["old"] == "unemployed"


# -- the survey --------------------------------------------------------------------------------------------------


def _looking_at(field: str, channel: str = "sms") -> Chat:
    chat = looking_at("preferred_scope", channel=channel)
    for text in ["本县", "普工", "没有", "4000"]:
        if chat.awaiting == field:
            break
        chat.say(text)
    assert chat.awaiting == field
    return chat


@pytest.mark.parametrize("text", ["不会啥", "我不会啥", "不会啥技术", "没啥手艺"])
def test_nothing_much_at_the_skills_question_is_no_skill(text: str) -> None:
    """"不会啥" at the skills question was referred as a question; "不会啥技术" was a training wanted."""
    chat = _looking_at("skills")
    replies = chat.say(text)
    assert chat.awaiting == "expected_income" and chat.answers["skills"] is None, replies
    assert not chat.kinds("question_referred") and chat.answers["service_needs"] == ["job_referral"]


@pytest.mark.parametrize(("text", "jobs"), [
    ("想开车", "司机"), ("扫地 看大门", "保洁、看大门"), ("开车 送货都行", "司机、送货"),
])
def test_work_wanted_said_as_what_is_done_is_its_job_type(text: str, jobs: str) -> None:
    """"想开车" was kept raw; "扫地 看大门" kept only 看大门."""
    chat = _looking_at("desired_jobs")
    chat.say(text)
    assert chat.answers["desired_jobs"] == jobs


def test_the_employer_named_at_the_work_place_is_not_the_address() -> None:
    """"就镇上街上 好又多超市" after "在镇上超市上班" kept the employer in the address."""
    chat = _at_status()
    chat.say("在镇上超市上班")
    assert chat.awaiting == "work_place"
    chat.say("就镇上街上 好又多超市")
    assert chat.answers["employer"] == "好又多超市" and chat.answers["work_place"] == "镇上街上"


def _at_village(channel: str = "sms") -> Chat:
    chat = consented(channel)
    for text in ["杨德富", "520526196803154418", "是", "不知道", "威宁县草海镇"]:
        chat.say(text)
    assert chat.awaiting == "home_village"
    return chat


@pytest.mark.parametrize("text", ["在家带娃 老公在广东打工", "在家带娃"])
def test_life_news_at_the_village_question_is_no_village(text: str) -> None:
    """"在家带娃 老公在广东打工" was not understood; "在家带娃" was stored as the village."""
    chat = _at_village()
    replies = chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village", replies
    assert chat.answers["employment_status"] == "unable"


def test_the_village_said_with_life_news_is_the_village() -> None:
    """"新发村 在家带娃 …" stored "家带娃 老公在广东打工" as the village (村 read as the field's name)."""
    chat = _at_village()
    chat.say("新发村 在家带娃 老公在广东打工")
    assert chat.answers["home_village"] == "新发村" and chat.answers["employment_status"] == "unable"


@pytest.mark.parametrize("text", ["前天", "昨天下午"])
def test_a_day_at_the_village_question_is_no_village(text: str) -> None:
    """"前天" by SMS at the 村组 question was stored as the village."""
    chat = _at_village()
    chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"


def test_herding_at_home_is_work_at_home() -> None:
    """"在家给人放羊" at the status question asked where the work is."""
    chat = _at_status()
    replies = chat.say("在家给人放羊")
    assert chat.answers["work_division"]["code"] == chat.answers["home_division"]["code"], replies
    assert chat.answers["work_place"] == chat.answers["home_village"] and chat.answers["job_type"] == "放羊"
    assert chat.awaiting == "employer"


def test_longhua_alone_is_shenzhens() -> None:
    """"龙华" (Shenzhen's factory district) was no place; Haikou's 龙华区 is said with 海口."""
    assert nlu.resolve_place("龙华").code == "440309"  # type: ignore[union-attr]
    assert nlu.resolve_place("海口龙华区").code == "460106"  # type: ignore[union-attr]
    chat = _at_status()
    chat.say("在龙华电子厂上班")
    assert chat.answers["work_division"]["code"] == "440309"


@pytest.mark.parametrize("text", ["龙大爷", "王师傅"])
def test_how_one_is_addressed_is_not_the_name(text: str) -> None:
    """"龙大爷" at the name question was stored as the name."""
    chat = consented()
    assert chat.awaiting == "name"
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name" and "全名" in replies[-1], replies


def test_a_number_at_the_available_from_question_asks_again_with_anytime() -> None:
    """"1" at "什么时候可以开始工作?" was told "比如: 2025年3月 或 去年三月" (a month past)."""
    chat = _looking_at("available_from")
    replies = chat.say("1")
    assert chat.awaiting == "available_from" and "随时" in replies[-1] and "去年" not in replies[-1], replies


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_what_is_this_and_does_it_cost_at_the_notice_is_answered(channel: str) -> None:
    """"这个是干嘛的 要钱不" at the consent question was referred to a caseworker."""
    chat = Chat(channel=channel, address="u9" if channel == "wechat" else "+8613912345670")
    if channel == "wechat":
        chat.event("subscribe")
    else:
        chat.say("我要登记")
    replies = chat.say("这个是干嘛的 要钱不")
    assert not chat.kinds("question_referred") and "不会向您要钱" in replies[0], replies
    assert chat.awaiting == "consent"


@pytest.mark.parametrize(("field", "text"), [
    ("employment_status", "I am a security guard in Dongguan, about 4000 a month"),
    ("job_type", "security guard, about 4000 a month"),
    ("started", "March 2025, about 4,000 yuan per month"),
])
def test_english_pay_said_in_passing_is_kept(field: str, text: str) -> None:
    """"about 4000 a month" beside another answer was lost in the English survey (the job stored with it)."""
    chat = english_at(field)
    chat.say(text)
    assert chat.answers["monthly_income"] == 4000
    assert "month" not in str(chat.answers.get("job_type"))


# -- played on the simulator (written after the fixes) -----------------------------------------------------------


def test_the_child_grown_then_her_wish_typed_as_one_is_hers() -> None:
    """"娃大点了想在附近找点活" at the summary of a mother at home was told how family members register (the
    child read as the one who wants work: no space between the clauses)."""
    chat = _at_village()
    chat.say("新寨村二组 在家带娃 老公在广东打工")
    assert chat.awaiting == "summary"
    replies = chat.say("娃大点了想在附近找点活")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["preferred_scope"] == "home_county"
    assert "家里人" not in replies[0], replies


def test_a_name_at_the_address_question_names_the_kind_of_workplace_on_record() -> None:
    """"富士康" at the address question after "在深圳龙华一个电子厂做普工" was saved as the address, the employer
    left "电子厂"."""
    chat = consented()
    for text in ["俺叫杨德富 520526196803154418 在深圳龙华一个电子厂做普工 一个月五千五", "13985101234", "没有",
                 "威宁县草海镇新发村"]:
        chat.say(text)
    assert chat.awaiting == "work_place" and chat.answers["employer"] == "电子厂"
    chat.say("观澜 富士康")
    assert chat.answers["employer"] == "富士康" and chat.answers["work_place"] == "观澜"


@pytest.mark.parametrize("text", ["没去了 在家这边找点活", "不干了 想在附近找个活"])
def test_the_job_over_then_work_wished_at_the_checkin_is_a_job_lost(text: str) -> None:
    """"没去了 在家这边找点活" at the check-in after the festival ran a job search and left the check-in
    unanswered."""
    chat = _at_checkin()
    chat.say(text)
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"


def _registering_from_checkin() -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    for text in ["不干了 在家这边找点活", "上个月底", "记不清了"]:
        chat.say(text)
    assert chat.awaiting == "insured_years"
    return chat


def test_not_wanting_to_go_as_the_reason_at_a_later_question_is_quitting() -> None:
    """"自己不想去了 离家太远" at "交了几年?" (the reason left as 其他原因) was "请说交了几年"."""
    chat = _registering_from_checkin()
    replies = chat.say("自己不想去了 离家太远")
    assert "自己辞职" in replies[0] and chat.awaiting == "insured_years", replies
    chat.say("不晓得")
    chat.say("1")
    assert chat.kinds("registration.submit")[0].data["job_loss_reason"] == "quit"


def test_the_township_as_where_to_work_at_the_help_question_is_the_home_county() -> None:
    """"想在镇上找个活 能照顾家里" at the help question: "您想在哪里工作?" was asked next all the same."""
    chat = _registering_from_checkin()
    chat.say("不晓得")
    chat.say("想在镇上找个活 能照顾家里")
    assert chat.answers["preferred_scope"] == "home_county" and chat.awaiting != "preferred_scope"


def test_a_trade_to_learn_at_the_work_wanted_question_is_training() -> None:
    """"会开叉车 想学电工" at "想做什么工作?" saved 学电工 as the work wanted and went on without asking it."""
    chat = _looking_at("desired_jobs")
    replies = chat.say("会开叉车 想学电工")
    assert chat.answers["skills"] == "开叉车" and "training" in chat.answers["service_needs"], replies
    assert chat.answers.get("desired_jobs") is None and chat.awaiting == "desired_jobs"
    chat.say("叉车 或者电工")
    assert chat.answers["desired_jobs"] == "叉车、电工"


@pytest.mark.parametrize("text", ["2"])
def test_no_to_the_sender_number_asks_for_their_own(text: str) -> None:
    """"2" at "您的手机号就是发短信的这个号…吗? 是请回复 1" was "这不是有效的手机号"."""
    chat = consented("sms")
    for said in ["李德明", "411526198506122318"]:
        chat.say(said)
    assert chat.awaiting == "phone"
    replies = chat.say(text)
    assert "有效" not in replies[0] and "自己" in replies[0] and chat.awaiting == "phone", replies
    chat.say("13712345670")
    assert chat.answers["phone"] == "+8613712345670"
