"""Round eight of typing as people talk (talk8): a year said with a month in characters, still looking for work
at the name question, remarks about a new boss, 社保 at the insured question, a bare 0 for the household number,
hours and pick-up wishes, a bare 想 said back, the SMS phone question asked again by name, what comes before
consent, English answers. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _at_insured, _fire
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_talk7_round7 import english_at
from tests.survey.test_talking_as_people_type import ID, consented, employed_at, submitted

TODAY = date(2026, 12, 5)

# -- dates with a year --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "month"), [
    ("2024年五月", "2024-05"), ("2024年五月开始干的", "2024-05"), ("24年五月", "2024-05"), ("24年十二月", "2024-12"),
    ("2024年5月", "2024-05"), ("去年五月", "2025-05"), ("前年五月", "2024-05"),
])
def test_a_year_said_before_a_month_in_characters_is_kept(text: str, month: str) -> None:
    """2024年五月 gave 2026-05: the year was dropped when the month was written in characters."""
    assert nlu.parse_month(text, TODAY, "past") == month


def test_a_year_and_a_month_in_characters_at_the_start_question() -> None:
    chat = consented()
    employed_at(chat, "started")
    chat.say("2024年五月开始干的")
    assert chat.answers["started"] == "2024-05" and chat.awaiting == "monthly_income"


# -- still looking, at the name question -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["还在找", "还没找到", "在找活", "还在找呢"])
def test_still_looking_at_the_name_question_is_no_name_but_kept(text: str) -> None:
    """"还在找" was saved as the name (还 is a surname); 还没找到 was a wrong name, 在找活 was dropped."""
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert replies == ["好的, 已记下: 就业状态: 没有工作; 就业意愿: 想工作。", "请问您的姓名?"]
    chat.say("彭小军")
    assert chat.answers["name"] == "彭小军" and chat.awaiting == "id_number"


# -- remarks about a new boss -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["新老板是个好人", "新老板人挺好", "新老板对我们好", "老板换了 新老板是个好人"])
def test_a_remark_about_a_new_boss_is_no_new_job(text: str) -> None:
    """"新老板是个好人" was read as a job change (新老板是 … was taken for the new employer's name)."""
    assert nlu.understand(text, TODAY).status == "employed"


def test_a_new_employer_named_is_still_a_changed_job() -> None:
    assert nlu.understand("新老板是宏发厂的", TODAY).status == "changed_job"


@pytest.mark.parametrize("text", ["新老板是个好人", "老板换了 新老板是个好人"])
def test_a_remark_about_a_new_boss_at_a_check_in_is_in_post(text: str) -> None:
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    chat.say(text)
    assert chat.answers["employer"] == "跟着包工头干"
    assert not chat.kinds("employment_status_changed")[1:] and chat.kinds("checkin_answered")


@pytest.mark.parametrize("text", ["新老板是个好人", "老板换了 新老板是个好人"])
def test_a_remark_about_a_new_boss_after_the_form_keeps_the_employer(text: str) -> None:
    """"老板换了 新老板是个好人" changed the employer to "个好人"."""
    chat = consented()
    submitted(chat)
    chat.later(days=3)
    replies = chat.say(text)
    assert chat.answers["employer"] == "跟着包工头干" and chat.state is not None and chat.state.get("flow") is None
    assert replies == ["好的, 知道了。情况有变化随时告诉我们。"]


# -- 社保 at the registration's insured question ------------------------------------------------------------


@pytest.mark.parametrize(("answer", "insured"), [("有", "yes"), ("单位交的", "yes"), ("2", "no"), ("不清楚", "unknown"),
                                                 ("自己交的", "unknown")])
def test_social_insurance_at_the_insured_question_asks_whether_unemployment_insurance_was_in_it(
    answer: str, insured: str
) -> None:
    """"交了社保" was unemployment insurance yes (社保 is often only the pension and medical cover), and the benefit
    answer said 很可能能领 on that guess."""
    chat = _at_insured()
    replies = chat.say("交了社保")
    assert chat.awaiting == "insured" and "insured" not in chat.state["registration"]["answers"]
    assert replies[0].startswith("您交的社保里有失业保险吗?") and replies[0].endswith("1. 有\n2. 没有\n3. 不清楚")
    chat.say(answer)
    assert chat.state["registration"]["answers"]["insured"] == insured


def _at_insured_sms() -> Chat:
    chat = registering("sms")
    chat.say("前天")
    chat.say("被辞退了")
    assert chat.awaiting == "insured"
    return chat


def test_social_insurance_on_sms_is_asked_in_one_short_message() -> None:
    chat = _at_insured_sms()
    replies = chat.say("有社保")
    assert replies == ["社保里有失业保险吗? 单位交的一般有, 自己交的养老医保没有。1有 2没有 3不清楚"]
    assert len(replies[0]) <= 70


def test_the_years_told_with_social_insurance_are_kept_for_a_yes() -> None:
    chat = _at_insured()
    chat.say("交了社保 三年")
    chat.say("有")
    answers = chat.state["registration"]["answers"]
    assert answers["insured"] == "yes" and answers["insured_years"] == 3 and chat.awaiting == "wants_services"


@pytest.mark.parametrize(("text", "years"), [
    ("单位给交了五险", None), ("交了失业保险", None), ("厂里交了社保 两年", 2),
])
def test_insurance_an_employer_paid_or_unemployment_insurance_named_is_yes(text: str, years: int | None) -> None:
    """"单位给交了五险" also gave 5 years of contributions (五险 read as 五年)."""
    chat = _at_insured()
    chat.say(text)
    answers = chat.state["registration"]["answers"]
    assert answers["insured"] == "yes" and answers.get("insured_years") == years


# -- a bare 0 at the household number ---------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_a_bare_zero_at_the_household_number_is_none_and_said_back(channel: str) -> None:
    """"0" by SMS at "您家的建档立卡户编号是多少?" was "户编号好像不对" (and again, and again)."""
    chat = consented(channel)
    for text in ("彭小军", ID, "1" if channel == "sms" else "13712345678"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    replies = chat.say("0")
    assert replies[0] == "好的, 户编号先空着, 以后知道了再告诉我们。" and chat.awaiting == "home_division"
    assert chat.answers["household_id"] is None


# -- what the work must allow (只能干半天, 要能接送娃) ---------------------------------------------------------


def test_a_condition_said_alone_is_said_back_and_kept_with_the_work_wished_for() -> None:
    """"要能接送娃" at the scope question was "请回复数字 1 到 4" and was lost: the form has no field for hours."""
    chat = looking_at("preferred_scope")
    replies = chat.say("要能接送娃")
    assert replies[0] == "好的, 记下了: 要能接送娃。找工作时会照这个找。" and chat.awaiting == "preferred_scope"
    chat.say("1")
    chat.say("保洁")
    assert chat.answers["desired_jobs"] == "保洁 (要能接送娃)" and chat.answers["preferred_scope"] == "home_county"


@pytest.mark.parametrize(("texts", "wished"), [
    (("1", "保洁 只能干半天"), "保洁 (只能干半天)"),
    (("只能干半天", "1", "不知道"), "只能干半天"),
    (("1", "保洁", "没啥手艺 只能干半天"), "保洁 (只能干半天)"),
])
def test_a_condition_with_the_work_wished_for_or_after_it_is_kept_with_it(texts: tuple[str, ...], wished: str) -> None:
    chat = looking_at("preferred_scope")
    for text in texts:
        chat.say(text)
    assert chat.answers["desired_jobs"] == wished


# -- a bare 想 at the help question ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["想", "要的", "嗯"])
def test_a_yes_at_the_help_question_is_said_back(text: str) -> None:
    """"想" at "您需要哪些帮助?" was recorded as 介绍工作 without a word."""
    chat = looking_at("service_needs")
    replies = chat.say(text)
    assert chat.answers["service_needs"] == ["job_referral"] and chat.awaiting == "preferred_scope"
    assert replies[0] == "好的, 记下了: 想找工作 (介绍工作)。还要培训等别的帮助, 随时告诉我。"


def test_a_number_at_the_help_question_is_not_said_back() -> None:
    chat = looking_at("service_needs")
    replies = chat.say("1")
    assert replies[0].startswith("您想在哪里工作?")


# -- the SMS phone question, with other answers ahead of it -------------------------------------------------

_OFFER = "您的手机号就是发短信的这个号 139****5678 吗? 是请回复 1, 不是请输入您的手机号。"


def test_home_told_at_the_sms_phone_question_asks_that_question_again() -> None:
    """"我家是麻阳县高村镇石羊村的" at "就是发短信的这个号吗?" was answered "这不是有效的手机号, 请输入11位手机号"."""
    chat = consented("sms")
    chat.say("彭小军")
    chat.say(ID)
    replies = chat.say("我家是麻阳县高村镇石羊村的")
    assert replies == ["好的, 已记下: 户籍地: 湖南省怀化市麻阳苗族自治县高村镇; 村(组): 石羊村。", _OFFER]
    chat.say("是的")
    assert chat.answers["phone"] == "+8613912345678" and chat.awaiting == "household_id"


def test_a_dont_know_told_with_the_home_leaves_the_sms_phone_question_open() -> None:
    """"不知道 麻阳县高村镇 石羊村" (the household number's 不知道, ahead) left the phone empty and never asked it."""
    chat = consented("sms")
    chat.say("彭小军")
    chat.say(ID)
    replies = chat.say("不知道 麻阳县高村镇 石羊村")
    assert "phone" not in chat.answers and chat.awaiting == "phone" and replies[-1] == _OFFER
    chat.say("1")
    assert chat.answers["phone"] == "+8613912345678"


# -- before consent ------------------------------------------------------------------------------------------


def _at_the_notice(channel: str) -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    else:
        chat.say("我要登记")
    assert chat.awaiting == "consent"
    return chat


@pytest.mark.parametrize(("channel", "told"), [
    ("wechat", "登记要先征得您的同意: 您发的号码, 您同意后才会登记; 不同意就不保留。"),
    ("sms", "要先征得您同意: 您发的号码同意后才登记, 不同意不保留。"),
])
@pytest.mark.parametrize("text", [ID, "13712345678", f"王海红 {ID}"])
def test_a_number_typed_before_consent_is_answered_with_why_consent_comes_first(
    channel: str, told: str, text: str
) -> None:
    """An ID or phone number typed at the privacy notice got only "请回复 1 同意, 或 2 不同意"."""
    chat = _at_the_notice(channel)
    replies = chat.say(text)
    assert replies[0] == told and replies[-1].startswith("请回复 1 同意") and chat.answers == {}
    chat.say("2")
    assert chat.state is not None and not chat.state["survey"].get("pending_facts")  # refused: nothing kept


@pytest.mark.parametrize("text", ["你们是干啥的 要钱不", "你们是哪个单位的 收费吗", "你们是谁"])
def test_who_we_are_and_that_it_is_free_before_consent(text: str) -> None:
    """"你们是干啥的 要钱不" at the privacy notice got a policy card (一对一就业帮扶)."""
    chat = _at_the_notice("wechat")
    replies = chat.say(text)
    assert replies[0].startswith("我们是就业帮扶服务") and replies[0].endswith("我们不会向您要钱, 也不会问银行卡密码。")
    assert "您同意吗?" in replies[-1] and chat.awaiting == "consent"


# -- English answers (the en locale) ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "job", "place"), [
    ("I'm a security guard in Dongguan", "保安", "4419"), ("I work as a cleaner in Shenzhen", "保洁", "4403"),
    ("security guard", "保安", None),
])
def test_work_said_in_english_at_the_status_question(text: str, job: str, place: str | None) -> None:
    """"I'm a security guard in Dongguan" at the status question was "Please reply 1, 2 or 3"."""
    chat = english_at("employment_status")
    replies = chat.say(text)
    assert chat.answers["employment_status"] == "employed" and chat.answers["job_type"] == job
    assert (chat.answers.get("work_division") or {}).get("code") == place
    assert replies[0].startswith("All right, noted: Work status: Working")
    assert chat.awaiting == ("work_place" if place else "work_division")


@pytest.mark.parametrize(("text", "year"), [("since last year", 2025), ("last year", 2025), ("in 2024", 2024)])
def test_a_year_said_in_english_at_the_start_question_asks_the_month(text: str, year: int) -> None:
    """"since last year" at "When did you start this job?" was "I didn't understand the date"."""
    chat = english_at("started")
    replies = chat.say(text)
    assert replies == [f"Which month of {year}? For example: March {year}. Reply don't know if you do not remember."]
    chat.say("May")
    assert chat.answers["started"] == f"{year}-05" and chat.awaiting == "monthly_income"


# -- the name question: the surname said first, and replies that are no names -------------------------------


@pytest.mark.parametrize("text", ["俺姓吴 吴桂香", "姓吴 吴桂香", "我姓吴 叫桂香"])
def test_the_surname_said_first_then_the_name(text: str) -> None:
    """"俺姓吴 吴桂香" was "请告诉我您的名字" (three times, then "实在填不上")."""
    chat = consented()
    chat.say(text)
    assert chat.answers["name"] == "吴桂香" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["过完年", "都行", "明天", "毕节", "马上", "时间不定"])
def test_a_reply_typed_at_the_name_question_is_no_name(text: str) -> None:
    """"过完年" (an answer typed ahead, 过 being a surname) was saved as the name, and the ID asked next."""
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert replies[-1] == "请告诉我您的名字, 比如: 王小明。"


@pytest.mark.parametrize("name", ["马云", "路遥", "何平", "付强", "向阳", "吴桂香"])
def test_short_names_that_are_also_words_are_still_names(name: str) -> None:
    chat = consented()
    chat.say(name)
    assert chat.answers["name"] == name


# -- a wish that waits for the child ---------------------------------------------------------------------------


def _at_status() -> Chat:
    chat = consented()
    for text in ("吴桂香", "520526199003151220", "18985431234", "不知道", "威宁县草海镇", "新发村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


def test_caring_for_a_child_with_a_wish_for_later_is_cannot_work_now() -> None:
    """"在屋头带娃 等娃大点想出去打工" was not understood at the status question (打工 and 带娃 both read)."""
    chat = _at_status()
    chat.say("在屋头带娃 等娃大点想出去打工")
    assert chat.answers["employment_status"] == "unable" and chat.awaiting == "summary"


def test_a_wish_for_later_at_the_summary_does_not_make_someone_caring_look_for_work() -> None:
    """"等娃大点想出去" at the summary of someone caring for a child said "好的, 您现在能出来找活了" and opened the
    questions of someone looking for work."""
    chat = _at_status()
    chat.say("在屋头带娃 走不开")
    assert chat.awaiting == "summary"
    chat.say("等娃大点想出去")
    assert chat.answers["employment_status"] == "unable" and chat.awaiting == "summary"


def test_caring_for_a_grandchild_and_looking_for_work_nearby_is_still_looking() -> None:
    chat = _at_status()
    chat.say("在家带孙子 想在附近找点活")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"


# -- SMS, digits and the pay by the day, answered at the job question --------------------------------------


def _sms_at(field: str) -> Chat:
    chat = consented("sms")
    answers = iter(["龙德芳", "522426199205081239", "1", "0", "纳雍县 猪场乡", "新寨村 三组", "1", "浙江义乌", "不知道",
                    "饰品厂", "不知道"])
    while chat.awaiting != field:
        chat.say(next(answers))
    return chat


def test_a_bare_zero_at_an_optional_question_is_left_empty_and_said_back() -> None:
    """"0" by SMS at the employer's phone was "电话好像不对", then the job typed next was dropped as a second miss."""
    chat = _sms_at("employer_contact")
    replies = chat.say("0")
    assert replies[0] == "这一项先空着, 以后想起来再告诉我们。" and chat.answers["employer_contact"] is None
    chat.say("串珠子")
    assert chat.answers["job_type"] == "串珠子"


def test_a_day_rate_at_the_job_question_is_the_pay_asked_by_days() -> None:
    """"一天一百二" at "您做什么工作?" was saved as the job type, and the pay question asked a monthly sum ("26" then
    was "没看懂金额")."""
    chat = _sms_at("job_type")
    chat.say("一天一百二")
    assert chat.answers.get("job_type") is None and chat.awaiting == "started"  # asked again before the summary
    chat.say("今年3月")
    assert chat.awaiting == "monthly_income"
    chat.say("26")
    assert chat.answers["monthly_income"] == 3120


# -- wages paid late, at a check-in --------------------------------------------------------------------------


def test_wages_paid_late_at_the_check_ins_rights_question_is_wages_not_on_time() -> None:
    """"工资晚了几天" at "工资按时足额发了吗? …" was "请回复数字"."""
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    chat.say("在的")
    chat.say("工资晚了几天")
    [report] = chat.kinds("rights_issue_reported")
    assert chat.answers["wages_on_time"] == "no" and "wage_arrears" in str(report.data)


def test_wages_paid_late_told_with_the_answer_to_the_check_in_is_reported() -> None:
    """"还在 新老板是个好人 就是工资晚了几天": in post, and the late wages were dropped (the rights question asked)."""
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    replies = chat.say("还在 新老板是个好人 就是工资晚了几天")
    assert chat.kinds("rights_issue_reported") and chat.answers["employer"] == "跟着包工头干"
    assert "工资没按时足额发" in replies[-1]


@pytest.mark.parametrize("later", [0, 6])
def test_a_job_loss_told_at_the_check_ins_wages_question_starts_the_registration(later: int) -> None:
    """"厂子倒闭了" at "工资按时足额发了吗? …" (at once, or six days later) was "请回复数字" twice, then the
    check-in ended "祝工作顺利": the job loss was never registered."""
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    chat.say("在的")
    if later:
        chat.later(days=later)
    chat.say("厂子放假了 说年后再通知 估计是黄了")
    assert chat.awaiting == "last_work_day" and chat.kinds("employment_status_changed")[-1].data["new"] == "unemployed"


def test_a_new_job_told_at_the_check_ins_wages_question_asks_about_it() -> None:
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    chat.say("在的")
    chat.say("我换工作了 现在在富士康")
    assert chat.answers["employer"] == "富士康" and chat.awaiting == "work_division"


# -- suspicious people --------------------------------------------------------------------------------------


def test_asking_whether_we_are_a_scam_is_answered_with_who_we_are_not_a_rights_report() -> None:
    """"你们是哪里的 骗子吧" as a first message was a rights report (骗子) to a caseworker."""
    chat = Chat()
    replies = chat.say("你们是哪里的 骗子吧")
    assert replies[0].startswith("我们是就业帮扶服务") and not chat.kinds("rights_issue_reported")


def test_why_should_i_give_my_id_at_the_id_question_is_answered() -> None:
    """"我凭什么给你身份证" at the ID question was "身份证号码应该是18位, 请再输入一次"."""
    chat = consented()
    chat.say("王秀英")
    replies = chat.say("我凭什么给你身份证")
    assert replies == ["问这个是为了按您的情况帮您找活、办补贴, 只给负责您的工作人员看。", "请输入您的18位身份证号码。"]


# -- whom one works for at the work address; the place corrected a question later ------------------------


def _at_work_place() -> Chat:
    chat = consented()
    for text in ("李春生 43252419880715661X 手机13677778899", "不知道", "湖南新化 吉庆镇 油溪村",
                 "我在长沙打工 搞装修的 一天三百"):
        chat.say(text)
    assert chat.awaiting == "work_place" and chat.answers["name"] == "李春生"
    return chat


def test_whom_one_works_for_at_the_work_address_is_the_employer() -> None:
    """"跟着老乡干 没单位" at "具体的工作地址或工地?" was saved as the address, and the employer asked next."""
    chat = _at_work_place()
    replies = chat.say("跟着老乡干 没单位")
    assert chat.answers["employer"] == "跟着老乡干 没单位" and chat.awaiting == "work_place"
    assert replies[0] == "好的, 已记下: 工作单位: 跟着老乡干 没单位。"
    chat.say("河西那边")
    assert chat.answers["work_place"] == "河西" and chat.awaiting == "employer_contact"


def test_the_work_place_corrected_after_the_address_is_the_place_not_the_employer() -> None:
    """"不对 是在株洲" at the employer question (after the address) saved employer "在株洲"."""
    chat = _at_work_place()
    chat.say("河西那边")
    replies = chat.say("不对 是在株洲")
    assert chat.answers["work_division"]["code"] == "4302" and "employer" not in chat.answers
    # (talk16: the address 河西那边, in 长沙, goes with the place taken back: tests/survey/test_talk16.py)
    assert replies[0] == "好的, 已改为 工作地: 湖南省株洲市; 工作地址: 株洲。" and chat.awaiting == "employer"


def test_a_remark_about_the_boss_at_an_open_question_is_no_new_employer() -> None:
    """"新老板是个好人" at the wages question (a field named, 老板, with 是) changed the employer to "个好人"."""
    chat = consented()
    employed_at(chat, "wages_on_time")
    chat.say("新老板是个好人")
    assert chat.answers["employer"] == "跟着包工头干" and chat.awaiting == "wages_on_time"


def test_when_it_started_said_in_english_at_the_employer_question_is_no_employer() -> None:
    """"since last year" at "Which company or boss do you work for?" was saved as the employer."""
    chat = english_at("employer")
    chat.say("since last year")
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    chat.say("Huawei")
    assert chat.answers["employer"] == "Huawei"


def test_the_boss_named_at_the_work_address_is_whom_they_work_for() -> None:
    """"老板姓刘" at "具体的工作地址或工地?" was saved as the work address."""
    chat = consented("sms")
    for text in ("张有才", "411526198506122318", "1", "不知道", "潢川县桃林铺镇", "桃林村",
                 "找到活了 在县里砖厂搬砖 一个月三千五"):
        chat.say(text)
    assert chat.awaiting == "work_place" and chat.answers["employer"] == "砖厂"
    replies = chat.say("老板姓刘")
    assert chat.answers["employer"] == "刘老板的砖厂" and "work_place" not in chat.answers
    assert replies[0] == "好的, 已记下: 工作单位: 刘老板的砖厂。" and chat.awaiting == "work_place"


def test_a_village_named_like_a_township_is_no_township() -> None:
    """"盘州市 乐民镇 坪地村" put the home in 坪地彝族乡 (坪地村 read as the township 坪地 said short)."""
    place = nlu.resolve_place("盘州市 乐民镇 坪地村")
    assert place is not None and place.code == "520281"
