"""Stop 10 (talk10): wrong answers the last stop left, each reproduced in the pure dialog (tests/survey/driver.py);
each test failed on the code before its fix."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import job_said
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest7 import _at_employer, _saved
from tests.survey.test_lead_playtest8 import _at_checkin, _at_contract, _at_pay
from tests.survey.test_lead_playtest9 import _at_work_place
from tests.survey.test_playtest_round2 import looking_at, registering
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


def test_the_address_told_with_the_place_of_work_is_not_asked_again() -> None:
    """"县里 白果那边的工地" at "您在哪里工作?" recorded the county and asked "具体的工作地址或工地?" all the same."""
    chat = _at_status()
    chat.say("在工地上干活")
    assert chat.awaiting == "work_division"
    replies = chat.say("县里 白果那边的工地")
    assert chat.answers["work_division"]["code"] == "520526" and "白果" in chat.answers["work_place"], replies
    assert chat.awaiting == "employer"


# -- the work wanted ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["还是搞钢筋 或者工地上别的也行", "搞钢筋 工地上别的也行"])
def test_the_job_and_other_site_work_are_the_work_wanted(text: str) -> None:
    """"还是搞钢筋 或者工地上别的也行" was kept as "钢筋工、工地上别的"."""
    chat = looking_at("preferred_scope")
    chat.say("4")
    assert chat.awaiting == "desired_jobs"
    chat.say(text)
    assert chat.answers["desired_jobs"] == "钢筋工、工地其他活"


# -- the check-in ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "ends"), [("先做到年底再说", "2026-12-31"), ("干到过年就回家了", "2027-02-05")])
def test_work_that_ends_on_a_day_said_is_asked_again_after_it(text: str, ends: str) -> None:
    """"先做到年底再说" at "您还在…上班吗?" was "still_employed": the end said was not recorded, and no check-in
    came after it."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["ending"], replies
    recheck = chat.kinds("checkin_recheck")[-1].data
    assert recheck["ends"] == ends and chat.ctx.today.toordinal() + recheck["days"] > date.fromisoformat(
        ends).toordinal(), recheck
    assert replies[0].startswith("好的, 记下了: 这份活干到") and chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize("text", ["还在 干到年底工地就停了", "干到年底厂子就关了"])
def test_a_closure_at_the_year_end_is_the_job_lost_on_that_day(text: str) -> None:
    """"干到年底厂子就关了" at the check-in was "still_employed": the coming closure was not recorded."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"], replies
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == "2026-12-31"
    assert chat.awaiting != "last_work_day"


@pytest.mark.parametrize("text", ["干到年底", "先做到年底再说"])
def test_work_until_the_year_end_is_no_job_lost(text: str) -> None:
    """NLU read "干到年底" and "先做到年底再说" as job_lost (干到 read as worked until)."""
    understanding = nlu.understand(text, date(2026, 12, 6))
    assert understanding.intent != "job_lost" and understanding.status != "job_lost"


@pytest.mark.parametrize("text", ["干到了年底", "干到上个月"])
def test_work_until_a_time_past_is_still_the_job_lost(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 6)).status == "job_lost"


@pytest.mark.parametrize(("answer", "status", "awaiting"), [
    # (1 / 先养着吧: a kind word, no summary to confirm: check23)
    ("1", "unable", None), ("先养着吧", "unable", None), ("2", "unemployed", "last_work_day"),
    ("想找个轻松点的活", "unemployed", "last_work_day"),
])
def test_the_job_left_for_health_asks_rest_or_work(answer: str, status: str, awaiting: str | None) -> None:
    """"没干了 腰不好 在家歇着" at the check-in opened the unemployment registration straight away."""
    chat = _at_checkin()
    replies = chat.say("没干了 腰不好 在家歇着")
    assert replies[0].startswith("身体要紧。") and not chat.kinds("checkin_answered"), replies
    chat.say(answer)
    assert chat.answers["employment_status"] == status and chat.awaiting == awaiting


# -- the job-loss registration -----------------------------------------------------------------------------


def _at_reason(channel: str = "sms") -> Chat:
    chat = registering(channel)
    chat.say("上周五")
    assert chat.awaiting == "job_loss_reason"
    return chat


@pytest.mark.parametrize("text", ["不晓得", "不晓得几年", "说不清 不知道"])
def test_not_knowing_the_reason_is_noted_and_the_registration_goes_on(text: str) -> None:
    """"不晓得几年" at "是什么原因没了工作?" was "请回复数字选择原因", again and again."""
    chat = _at_reason()
    replies = chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == "other"
    assert replies[0].startswith("好的, 原因先记作 其他原因") and chat.awaiting == "insured", replies


def test_several_reasons_at_the_reason_question_ask_for_the_main_one() -> None:
    """"都要" at the reason question was "请回复数字选择原因"."""
    chat = _at_reason()
    replies = chat.say("都要")
    assert replies[0].startswith("原因不止一个的话, 回复最主要的那个数字就行") and chat.awaiting == "job_loss_reason"
    chat.say("3")
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"


def test_a_wish_for_near_work_at_the_last_working_day_is_kept_for_after() -> None:
    """"帮我找个近点的活" at "最后一天上班是哪天?" was lost: the day asked again as if nothing was said."""
    chat = registering("wechat")
    chat.jobs = []
    replies = chat.say("帮我找个近点的活")
    assert replies[0].startswith("好的, 找活的要求记下了") and chat.awaiting == "last_work_day", replies
    for text in ["上周五", "厂里裁人", "没交", "1"]:
        chat.say(text)
    assert chat.answers["preferred_scope"] == "home_county"


def test_the_reason_told_again_at_the_help_question_is_acknowledged() -> None:
    """"老板跑了" at the help question after 3 (单位倒闭、老板跑路) was met with the question again, nothing said."""
    chat = _at_reason()
    for text in ["3", "没交"]:
        chat.say(text)
    assert chat.awaiting == "wants_services"
    replies = chat.say("老板跑了")
    assert replies[0] == "知道了, 已记下: 失业原因: 单位倒闭、老板跑路。" and chat.awaiting == "wants_services", replies


# -- the summary -------------------------------------------------------------------------------------------


def _owed_at_summary() -> Chat:
    chat = _at_contract()
    for text in ["没签", "没交", "老板拖了两个月工资没发"]:
        chat.say(text)
    assert chat.awaiting == "summary" and chat.answers["wages_on_time"] == "no"
    return chat


def test_on_time_alone_at_the_summary_after_wages_owed_asks_before_changing() -> None:
    """"按时" at the summary after "老板拖了两个月工资没发" turned 工资按时 into 是 at once."""
    chat = _owed_at_summary()
    replies = chat.say("按时")
    assert chat.answers["wages_on_time"] == "no" and chat.awaiting == "summary", replies
    assert replies[0] == "您之前说 工资按时足额发放: 否。要改成 是 吗? 改请回复 1, 不改请回复 0 保存。", replies
    chat.say("0")
    assert chat.kinds("form_submitted") and chat.kinds("form_submitted")[-1].data["answers"]["wages_on_time"] == "no"


def test_on_time_confirmed_at_the_summary_changes_the_wages() -> None:
    chat = _owed_at_summary()
    chat.say("按时")
    replies = chat.say("1")
    assert chat.answers["wages_on_time"] == "yes" and replies[0] == "好的, 已改为 工资按时足额发放: 是。", replies
    assert chat.awaiting == "summary" and not chat.kinds("form_submitted")


def _new_job_at_wages(started: str) -> Chat:
    chat = _at_contract()
    chat.say("没签")
    chat.say("交了")
    assert chat.awaiting == "wages_on_time"
    assert chat.state is not None
    chat.state["survey"]["answers"]["started"] = started  # (the job's start as the form holds it)
    return chat


@pytest.mark.parametrize("text", ["不晓得", "不知道"])
def test_not_knowing_the_wages_of_a_job_just_begun_is_recorded_unknown(text: str) -> None:
    """"不晓得" at "工资按时发吗?" for a job begun this month was "这一项要填 … 问问家里人"."""
    chat = _new_job_at_wages(f"{date(2026, 11, 26):%Y-%m}")
    replies = chat.say(text)
    assert replies[0] == "刚开始干, 先记不知道。" and chat.awaiting == "summary", replies
    assert chat.answers["wages_on_time"] is None


def test_a_job_not_yet_begun_has_no_wages_to_know() -> None:
    """"不晓得 才去" at the wages question was "这一项要填"."""
    chat = _new_job_at_wages("2026-11")
    chat.say("不晓得 才去")
    assert chat.awaiting == "summary" and chat.answers["wages_on_time"] is None


def test_not_knowing_the_wages_of_a_job_of_months_is_still_asked() -> None:
    chat = _new_job_at_wages("2026-03")
    chat.say("不晓得")
    assert chat.awaiting == "wages_on_time" and "wages_on_time" not in chat.answers


def test_wages_owed_told_with_the_job_loss_are_reported_too() -> None:
    """"砖厂关门了 老板跑了 工钱还差两千没给" after the form was saved opened the registration and dropped the wages
    owed (no rights case)."""
    chat = _saved()
    replies = chat.say("砖厂关门了 老板跑了 工钱还差两千没给")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"], replies
    assert chat.awaiting == "last_work_day"


# -- played on the simulator (after the fixes above) -------------------------------------------------------


def test_government_or_a_scam_asked_at_the_notice_is_who_we_are() -> None:
    """"你们是政府的吗 不会是骗子吧" at the privacy notice went to the caseworker as a question."""
    assert nlu.asks_who_we_are("你们是政府的吗 不会是骗子吧")
    chat = _at_notice("wechat")
    replies = chat.say("你们是政府的吗 不会是骗子吧")
    assert replies[0].startswith("我们是就业帮扶服务") and not chat.kinds("question_referred"), replies
    assert chat.awaiting == "consent"


def test_a_wish_for_work_near_home_before_the_status_question_is_kept() -> None:
    """"想 娃上幼儿园了想在附近找点活" at the village question was answered "登记好了 …" and then the status, the
    wish and where were all asked again."""
    chat = consented()
    for text in ["李秀英", "43252419880715661X", "15874561234", "没有", "湖南邵阳隆回 金石桥镇"]:
        chat.say(text)
    assert chat.awaiting == "home_village"
    chat.say("想 娃上幼儿园了想在附近找点活")
    assert chat.awaiting == "home_village"
    chat.say("石门村")
    answers = chat.answers
    assert (answers["employment_status"], answers["willing_to_work"], answers["preferred_scope"]) == (
        "unemployed", "yes", "home_county")
    assert chat.awaiting == "service_needs"


def test_a_closure_at_the_year_end_told_outside_a_checkin_is_their_own_news() -> None:
    """"干到年底厂子就关了" after the form was saved was answered "您家里人要找工作或登记 …" (someone else's news)."""
    chat = _saved()
    replies = chat.say("干到年底厂子就关了")
    assert "家里人" not in replies[0], replies
    assert nlu.work_until("干到年底厂子就关了") == "年底" and nlu.work_until("干到了年底") is None
