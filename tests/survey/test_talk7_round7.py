"""Round seven of typing as people talk (talk7): what the saved form knows is not asked at the registration,
"想" at the help question, an ID card not at hand, a phone number at the ID question, a nickname at the name
question, a new boss at the same job, English answers, SMS "1" as a first message. Each through the pure
dialog step."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs import nlu
from dialogs.flows.survey.fields import parse_village
from dialogs.types import StepContext
from tests.survey.driver import Chat
from tests.survey.test_dialog import consented as subscribed
from tests.survey.test_dialog import employed_until
from tests.survey.test_lead_playtest5 import _at_insured, _fire
from tests.survey.test_playtest_round2 import registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at, submitted

CTX = StepContext(now=datetime(2026, 12, 5, 2, tzinfo=UTC), today=date(2026, 12, 5), channel="wechat", locale="zh_CN")

# -- the registration: what the form knows ------------------------------------------------------------------


def test_insurance_the_form_says_was_paid_is_not_asked_again_at_the_registration() -> None:
    """The form said 单位交社保: yes; the registration still asked "您交过失业保险吗?"."""
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    chat.say("我没活干了")
    chat.say("前天")
    replies = chat.say("被辞退了")
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == "yes"
    assert chat.awaiting == "insured_years" and "登记表上写着单位给您交了社保" in replies[0]


def test_no_insurance_on_the_form_is_kept_and_a_word_changes_it() -> None:
    chat = consented()
    submitted(chat)  # 没交 at the social insurance question
    chat.say("厂子倒闭了")
    replies = chat.say("前天")
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == "no"
    assert chat.awaiting == "wants_services" and "没给您交社保" in replies[0]
    chat.say("其实交过 交了两年")
    answers = chat.state["registration"]["answers"]
    assert answers["insured"] == "yes" and answers["insured_years"] == 2


@pytest.mark.parametrize("text", ["想", "要的", "当然想", "嗯"])
def test_a_yes_at_the_registrations_help_question_is_a_job_found_for_them(text: str) -> None:
    """"想" at "您需要哪些帮助?" looped on "请回复数字" (three times, then only "回复 人工")."""
    chat = _at_insured()
    chat.say("2")
    replies = chat.say(text)
    submitted_ = chat.kinds("registration.submit")[-1].data
    assert submitted_["wants_services"] == ["job_referral"] and "介绍工作" in replies[0]


# -- identity: the ID card not at hand, a phone at the ID question, a nickname --------------------------------


@pytest.mark.parametrize("text", ["身份证没带在身上", "身份证不在身边 在家里", "没带身份证啊"])
def test_the_id_card_not_at_hand_at_the_id_question_is_later_kindly(text: str) -> None:
    """It said "这一项要填, 工作人员才能帮您" as to a refusal. (talk16: the form goes on without the number, asked
    again before the summary: tests/survey/test_talk16.py; it kept the question open.)"""
    chat = consented()
    chat.say("彭小军")
    replies = chat.say(text)
    assert replies[0] == "好的, 身份证号先空着, 我们先填别的, 最后再问您一次。找到了随时直接发18位号码就行。"
    assert chat.awaiting == "phone" and chat.state is not None and not chat.state["survey"].get("misses")


def test_the_id_card_not_at_hand_said_at_the_name_question_keeps_the_name_question() -> None:
    chat = consented()
    replies = chat.say("身份证没带在身上")
    assert "身份证号等问到时再说" in replies[0] and "这一项要填" not in replies[0]
    assert replies[-1] == "请问您的姓名?" and chat.awaiting == "name" and "name" not in chat.answers
    chat.say("彭小军")
    assert chat.awaiting == "id_number"


def test_the_id_card_not_at_hand_after_the_number_was_given_says_so() -> None:
    chat = consented()
    chat.say("彭小军")
    chat.say(ID)
    replies = chat.say("身份证没带在身上")
    assert replies[0].startswith("不用找身份证了") and chat.awaiting == "phone"


@pytest.mark.parametrize("text", ["手机号13677778899", "13677778899", "我的电话是136 7777 8899"])
def test_a_phone_at_the_id_question_is_the_phone_and_the_id_is_asked_again(text: str) -> None:
    """It said "身份证号码应该是18位, 请再输入一次" though no ID number was typed."""
    chat = consented()
    chat.say("彭小军")
    replies = chat.say(text)
    assert chat.answers["phone"] == "+8613677778899" and chat.awaiting == "id_number"
    assert replies == ["好的, 已记下: 手机号: 136****8899。", "请输入您的18位身份证号码。"]
    chat.say(ID)
    assert chat.awaiting == "household_id"  # the phone is not asked again


def test_a_different_phone_at_the_id_question_changes_the_phone() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("2")  # the ID number, picked from the summary to change
    assert chat.awaiting == "id_number"
    replies = chat.say("手机号13677778899")
    assert chat.answers["phone"] == "+8613677778899" and chat.answers["id_number"] == ID
    assert replies[0] == "好的, 已改为 手机号: 136****8899。" and not any("18位" in r for r in replies[:1])


@pytest.mark.parametrize(("text", "nick"), [
    ("叫我小王就行", "小王"), ("大家都叫我老李", "老李"), ("你就叫我阿强吧", "阿强"), ("喊我小张", "小张"),
    ("老王", "老王"),
])
def test_a_nickname_at_the_name_question_asks_for_the_full_name_kindly(text: str, nick: str) -> None:
    """"大家都叫我老李" was saved as the name."""
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert replies[0].startswith(f"好的, {nick}。登记要用身份证上的名字")
    chat.say("李建国")
    assert chat.answers["name"] == "李建国" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["王小二", "李小龙", "我叫王大山", "陈 秀 英"])
def test_full_names_with_xiao_inside_are_still_names(text: str) -> None:
    chat = consented()
    chat.say(text)
    assert chat.awaiting == "id_number" and chat.answers["name"] == text.replace("我叫", "").replace(" ", "")


def test_someones_relation_at_the_name_question_is_no_name() -> None:
    chat = consented()
    replies = chat.say("我是老李家的媳妇")
    assert "name" not in chat.answers and "全名" in replies[0]


# -- SMS: the first message ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1", "０", "11"])
def test_a_bare_number_as_the_first_sms_is_greeted_with_the_menu(text: str) -> None:
    """"1" as an SMS user's very first message was "抱歉, 没太明白您的意思"."""
    chat = Chat(channel="sms", address="+8613985001234")
    replies = chat.say(text)
    assert replies[0] == "您好, 这里是就业帮扶服务。" and replies[1].startswith("请回复数字选择: 1登记")
    chat.say("1")
    assert chat.awaiting == "consent"


def test_an_id_number_as_the_first_sms_still_starts_the_registration() -> None:
    chat = Chat(channel="sms", address="+8613985001234")
    chat.say(ID)
    assert chat.awaiting == "consent"


# -- a place of work as the village, the reason again at the insurance question, 签了 beside the way of working --


@pytest.mark.parametrize("text", ["工业园那边", "开发区那块", "工地上"])
def test_a_place_of_work_at_the_village_question_is_no_village(text: str) -> None:
    """"工业园那边" was saved as the home village."""
    chat = consented()
    for answer in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇"):
        chat.say(answer)
    assert chat.awaiting == "home_village"
    replies = chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    assert replies[0].startswith("这像是干活的地方")
    chat.say("石羊村")
    assert chat.answers["home_village"] == "石羊村"


def test_a_village_named_with_a_factory_word_is_still_the_village() -> None:
    assert parse_village("砖厂村三组", CTX) == "砖厂村三组" and parse_village("大刘庄的", CTX) == "大刘庄"


def test_the_boss_gone_at_the_insurance_question_is_the_reason_and_how_to_find_out() -> None:
    """"老板跑了" at "您在单位交过失业保险吗?" was "请回复数字"."""
    chat = _at_insured()  # 被辞退了 was the reason
    replies = chat.say("老板跑了")
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"
    assert replies[0] == "好的, 已改为 失业原因: 单位倒闭、老板跑路。" and "12333" in replies[1]
    assert chat.awaiting == "insured" and not chat.state["registration"].get("misses")
    chat.say("3")
    assert chat.state["registration"]["answers"]["insured"] == "unknown"


@pytest.mark.parametrize(("text", "form", "signed"), [
    ("签了 在外面打工", "migrant", "yes"), ("在外面打工 没签", "migrant", "no"), ("没签合同 打零工", "flexible", "no"),
])
def test_the_contract_said_beside_the_way_of_working_is_not_asked_again(text: str, form: str, signed: str) -> None:
    """"签了 在外面打工" took the way of working and asked "签劳动合同了吗?" next."""
    chat = consented()
    employed_at(chat, "employment_form")
    replies = chat.say(text)
    assert chat.answers["employment_form"] == form and chat.answers["contract_signed"] == signed
    assert chat.awaiting == "social_insurance" and "签订劳动合同" in replies[0]


# -- the same job under a new boss ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["老板换了", "厂里换了个老板", "换老板了 还在原来厂里"])
def test_a_new_boss_is_no_new_job(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 5)).status == "employed"


@pytest.mark.parametrize("text", ["我换工作了", "换了个厂", "老板换了 我也不干了 去了富士康"])
def test_a_job_changed_is_still_a_changed_job(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 5)).status == "changed_job"


def test_a_new_boss_at_a_check_in_is_still_in_post() -> None:
    """"老板换了" at "您还在东莞的电子厂上班吗?" opened the questions of a new job."""
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    chat.say("老板换了")
    assert chat.state is not None and chat.state["survey"]["answers"]["employer"] == "跟着包工头干"
    assert not chat.kinds("employment_status_changed")[1:] and chat.kinds("checkin_answered")
    assert chat.awaiting == "checkin"  # the rights question of someone in post


@pytest.mark.parametrize("text", ["老板换了", "厂里换了个老板 我还在这干"])
def test_a_new_boss_after_the_form_keeps_the_job(text: str) -> None:
    """"老板换了" said "知道了, 您换了工作" and asked where the new work is; "厂里换了个老板 我还在这干" saved
    employer "厂里 个 我还在这干"."""
    chat = consented()
    submitted(chat)
    chat.later(days=3)
    chat.say(text)
    assert chat.answers["employer"] == "跟着包工头干" and chat.answers["work_division"]["code"] == "4301"
    assert chat.state is not None and chat.state.get("flow") is None


# -- English answers (the en locale) ------------------------------------------------------------------------

_EN_ANSWERS = ("Wang Xiaoming", ID, "13712345678", "don't know", "Mayang county", "Shiyang village", "1", "Dongguan",
               "Fuxing Road", "Huawei", "don't know", "security guard", "March 2025", "4500", "1", "yes", "no", "yes")


def english_at(field: str) -> Chat:
    """In English (the menu's 5), employed, up to `field`."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("English")
    chat.say("1")
    answers = iter(_EN_ANSWERS)
    while chat.awaiting != field:
        chat.say(next(answers))
    return chat


@pytest.mark.parametrize(("text", "job"), [
    ("security guard", "保安"), ("I'm a cook", "厨师"), ("I work as a cleaner", "保洁"), ("factory worker", "普工"),
])
def test_an_english_job_title_is_the_job_type(text: str, job: str) -> None:
    """"security guard" at the job question was kept as typed (matching reads Chinese job types)."""
    chat = english_at("job_type")
    chat.say(text)
    assert chat.answers["job_type"] == job and chat.awaiting == "started"


def test_an_english_job_title_at_the_work_place_question_is_no_address() -> None:
    """"security guard" at "What is the address or site where you work?" was saved as the work address."""
    chat = english_at("work_place")
    replies = chat.say("security guard")
    assert chat.answers.get("work_place") is None and chat.answers["job_type"] == "保安"
    assert "Kind of work: 保安" in replies[0]


def test_a_number_at_the_work_place_question_is_no_place() -> None:
    chat = english_at("work_place")
    chat.say("3000")
    assert chat.answers.get("work_place") is None and chat.answers["monthly_income"] == 3000


@pytest.mark.parametrize(("text", "month"), [
    ("March 2025", "2025-03"), ("last March", "2026-03"), ("2 years ago", "2024-11"), ("2025-03", "2025-03"),
    ("Jan 2024", "2024-01"),
])
def test_an_english_month_at_the_start_question(text: str, month: str) -> None:
    """"March 2025" at "In which year and month did you start?" was noted as a monthly income of 2025."""
    chat = english_at("started")  # today: 2026-11-26
    chat.say(text)
    assert chat.answers["started"] == month and chat.answers.get("monthly_income") is None


@pytest.mark.parametrize(("text", "amount"), [("4,500 yuan", 4500), ("about 4000", 4000), ("4500 per month", 4500)])
def test_english_pay(text: str, amount: int) -> None:
    """"4,500 yuan" was 500."""
    chat = english_at("monthly_income")
    chat.say(text)
    assert chat.answers["monthly_income"] == amount


def test_an_english_day_rate_asks_the_days() -> None:
    chat = english_at("monthly_income")
    replies = chat.say("200 a day")
    assert replies[0].startswith("200 yuan a day") and "monthly_income" not in chat.answers


@pytest.mark.parametrize(("field", "text", "value"), [
    ("employment_form", "self employed", "self_employed"), ("employment_form", "odd jobs", "flexible"),
    ("employment_status", "I work in a factory", "employed"), ("wages_on_time", "sometimes late", "no"),
    ("wages_on_time", "always on time", "yes"),
])
def test_common_english_answers_to_the_choice_questions(field: str, text: str, value: str) -> None:
    chat = english_at(field)
    chat.say(text)
    assert chat.answers[field] == value


def test_not_sure_at_a_yes_no_question_is_no_no() -> None:
    """"not sure" at "Have you signed a labour contract?" was saved as No (the "no" in "not")."""
    chat = english_at("contract_signed")
    chat.say("not sure")
    assert "contract_signed" not in chat.answers and chat.awaiting == "contract_signed"


@pytest.mark.parametrize(("text", "name"), [
    ("我叫罗永刚 贵州威宁人 在东莞长安电子厂上班", "罗永刚"), ("我叫王刚", "王刚"), ("我叫李刚 刚来的", "李刚"),
    ("我叫王建国刚来东莞", "王建国"),
])
def test_a_name_ending_in_a_word_that_often_ends_a_name_is_whole(text: str, name: str) -> None:
    """"我叫罗永刚 …" was saved as 罗永 (刚 as in 刚来, "just came")."""
    assert nlu.find_name(text) == name


def test_a_name_said_with_family_news_is_still_the_name() -> None:
    chat = consented()
    chat.say("俺是杨秀英 纳雍县猪场乡的 娃他爹在浙江打工 俺在家带孙子")
    assert chat.answers["name"] == "杨秀英" and chat.awaiting == "id_number"


def test_wages_owed_told_with_the_reason_at_a_registration_question_are_reported() -> None:
    """"老板跑了 工资还欠着两个月" at the last-working-day question noted the reason; the wages owed were lost."""
    chat = registering()
    replies = chat.say("老板跑了 工资还欠着两个月")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert replies[0].startswith("您说工资没按时足额发") and "失业原因: 单位倒闭、老板跑路" in replies[1]
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["好吧 同意", "同意"])
def test_agreeing_after_refusing_the_notice_starts_the_registration(text: str) -> None:
    """"好吧 同意" after 不同意 was "好的, 知道了" and every answer after it "没太明白" with the menu."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("不同意")
    replies = chat.say(text)
    assert chat.awaiting == "name" and "谢谢您的同意。" in replies
    assert chat.state is not None and chat.state["consent"]["given"] is True
    chat.say("张桂芳")
    assert chat.answers["name"] == "张桂芳"


def test_an_id_number_after_refusing_the_notice_shows_the_notice_again() -> None:
    chat = Chat()
    chat.event("subscribe")
    chat.say("不同意")
    chat.say("那算了 411526198506122318")
    assert chat.awaiting == "consent"


# -- check-in answers --------------------------------------------------------------------------------------


def _checked_in() -> Chat:
    chat = consented()
    submitted(chat)
    chat.later(days=14)
    _fire(chat, "checkin", 1)
    return chat


def test_in_post_with_wages_owed_at_a_check_in_is_both() -> None:
    """"在的 老板还欠我两千" was "没太明白, 请回复数字" and the question again."""
    chat = _checked_in()
    replies = chat.say("在的 老板还欠我两千")
    assert replies[0] == "好的, 记下了: 您还在原来的单位干。" and "工资没按时足额发" in replies[1]
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.answers["employment_status"] == "employed"


def test_hurt_and_resting_at_a_check_in_asks_whether_the_job_is_kept() -> None:
    """"腰伤了 在家歇着" opened the unemployment registration at once."""
    chat = _checked_in()
    replies = chat.say("腰伤了 在家歇着")
    assert "这份工作还给您留着吗" in replies[0] and not chat.kinds("registration.submit")
    assert chat.state is not None and chat.state.get("flow") == "checkin"


@pytest.mark.parametrize(("year_said", "month_said", "month"), [
    ("前年", "五月", "2024-05"), ("2024年", "5", "2024-05"), ("两年前", "3月份", "2024-03"),
    ("去年", "去年三月", "2025-03"),
])
def test_a_year_alone_at_the_start_question_asks_its_month(year_said: str, month_said: str, month: str) -> None:
    """"前年" at "哪年哪月开始干的?" was "没看懂时间"."""
    chat = consented()
    employed_at(chat, "started")  # today: 2026-11-26
    replies = chat.say(year_said)
    assert replies[0].startswith(f"是{month[:4]}年的几月?") and chat.awaiting == "started"
    chat.say(month_said)
    assert chat.answers["started"] == month and chat.awaiting == "monthly_income"


def test_not_remembering_the_month_of_the_year_leaves_the_start_unknown() -> None:
    """(talk16: the year is kept, its month unknown: tests/survey/test_talk16.py; it was left unknown.)"""
    chat = consented()
    employed_at(chat, "started")
    chat.say("前年")
    chat.say("不记得了")
    assert chat.answers["started"] == "2024" and chat.awaiting == "monthly_income"


def test_caring_at_home_and_wanting_work_nearby_is_looking_for_work() -> None:
    """"在家带孙子 想在附近找点活" at the status question was "暂时不能工作", and nothing was asked of the work
    she wants."""
    chat = consented()
    for answer in ("陈秀英", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村"):
        chat.say(answer)
    assert chat.awaiting == "employment_status"
    chat.say("在家带孙子 想在附近找点活")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting == "service_needs"


def test_caring_at_home_alone_is_still_unable_to_work_for_now() -> None:
    chat = consented()
    for answer in ("陈秀英", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村"):
        chat.say(answer)
    chat.say("在家带孙子 走不开")
    assert chat.answers["employment_status"] == "unable"
