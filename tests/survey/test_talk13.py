"""talk13 (2026-12-06): answers left wrong by earlier play-testing (tests/survey/driver.py; each test failed on the
code before its fix unless it says it is a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented

# An SMS or WeChat laborer of 商城县 up to the status question (the phone: WeChat types it, SMS confirms the sender).
_IDENTITY = ["刘大海", "411524197403085510", "13912345678", "没有", "商城县 双椿铺镇 刘湾村"]


def _at_status(channel: str) -> Chat:
    chat = consented(channel)
    chat.jobs = []
    for text in _IDENTITY:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.awaiting == "employment_status"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_job_lost_before_we_knew_it_is_registered_then_the_survey_goes_on(channel: str) -> None:
    """上个月厂子倒闭了 现在没活干 at the first survey's status question was recorded unemployed and nothing else: no
    unemployment registration, no benefit answer, no case. Now the registration, the month said taken (only its
    day asked), the reason not asked; then the survey's questions, the jobs at the form's end."""
    chat = _at_status(channel)
    replies = chat.say("上个月厂子倒闭了 现在没活干")
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.state is not None and chat.state["flow"] == "registration"
    assert chat.awaiting == "last_work_day"
    assert "10月" in replies[-1]  # the day of last month, not the whole date again
    chat.say("10月底")
    assert chat.awaiting == "insured"  # the reason was said: not asked
    chat.say("交过")
    chat.say("3年")
    assert chat.awaiting == "wants_services"
    replies = chat.say("1")
    [submitted] = chat.kinds("registration.submit")
    assert submitted.data["job_loss_reason"] == "employer_closed"
    assert submitted.data["last_work_day"] == "2026-10-31"
    assert submitted.data["benefit_likely"]
    assert any("R7" in reply for reply in replies)
    assert any("李书记" in reply for reply in replies)
    assert chat.state["flow"] == "survey"
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["service_needs"] == ["job_referral"]
    assert chat.awaiting == "preferred_scope"
    assert not chat.kinds("jobs.match")  # nothing talks over the survey's questions
    for text in ["本县", "保安", "没有", "三千", "随时"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    chat.say("0")
    assert chat.kinds("form_submitted") and len(chat.kinds("registration.submit")) == 1


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_boss_gone_before_consent_is_registered_once_the_form_is_that_far(channel: str) -> None:
    """老板跑路了 我没活干了 as the first message: recorded unemployed at consent, and no registration ever came."""
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    chat.say("老板跑路了 我没活干了")
    chat.say("同意")
    for text in _IDENTITY:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.state is not None and chat.state["flow"] == "registration"
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["2", "没有工作", "在家带娃 没上班"])
def test_no_work_without_a_job_lost_opens_no_registration(text: str) -> None:
    """Guard: out of work with no job said to be lost is the survey's unemployed branch, as before."""
    chat = _at_status("wechat")
    chat.say(text)
    assert chat.state is not None and chat.state.get("flow") == "survey"
    assert "registration" not in chat.state


def _at_home(channel: str) -> Chat:
    chat = consented(channel)
    for text in _IDENTITY[:4]:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.awaiting == "home_division"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_township_the_county_does_not_have_is_said_and_asked_again(channel: str) -> None:
    """商城县城关镇 (商城县 has no 城关镇: today 赤城街道 and 鲇鱼山街道) recorded 商城县 and dropped the town without a
    word. Now it is said, the nearest township offered, and the township asked with the village."""
    chat = _at_home(channel)
    replies = chat.say("商城县城关镇")
    assert chat.answers["home_division"]["code"] == "411524"
    assert any("城关镇" in reply and "赤城街道" in reply for reply in replies)
    assert chat.awaiting == "home_village"
    chat.say("赤城街道 刘湾村")
    assert chat.answers["home_division"]["code"] == "411524001"
    assert chat.answers["home_village"] == "刘湾村"


def test_a_township_not_found_told_with_the_village_is_said_too() -> None:
    chat = _at_home("sms")
    replies = chat.say("商城县城关镇刘湾村")
    assert any("城关镇" in reply for reply in replies)
    assert chat.answers["home_village"] == "刘湾村" and chat.awaiting == "employment_status"


@pytest.mark.parametrize("text", ["商城县 双椿铺镇", "商城县", "商城县 老家乡下"])
def test_a_township_found_or_none_said_is_taken_as_before(text: str) -> None:
    """Guard: nothing is said of a township found, or of words that name none."""
    chat = _at_home("wechat")
    replies = chat.say(text)
    assert not any("没找到" in reply for reply in replies)


@pytest.mark.parametrize("text", [
    "过年不回去了", "今年过年不回家了", "过年不回了 留厂里", "不回家过年了", "过年在这边过",
])
def test_staying_at_work_over_the_spring_festival_is_still_at_the_job(text: str) -> None:
    """过年不回去了 at "您还在…上班吗?" was 没太明白 (不回家过年了 was even read as home for the holiday)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_home_for_the_festival_is_still_not_back_yet() -> None:
    """Guard: 回家过年了 is the holiday at home, as before."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("回家过年了")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_back_yet"]


def _unemployed_at_summary() -> Chat:
    chat = _at_status("sms")
    for text in ["2", "想干", "1", "本县", "保安", "没有", "三千", "下个月"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    return chat


@pytest.mark.parametrize("text", ["现在就可以", "现在可以", "这样就行"])
def test_agreeing_in_words_at_the_summary_saves_the_form(text: str) -> None:
    """现在就可以 at the summary was its hint again (可以了 and 没问题 were taken already: a guard for them below)."""
    chat = _unemployed_at_summary()
    chat.say(text)
    assert chat.kinds("form_submitted")


@pytest.mark.parametrize("text", ["可以了", "没问题", "可以"])
def test_agreeing_words_taken_before_still_save_the_form(text: str) -> None:
    """Guard."""
    chat = _unemployed_at_summary()
    chat.say(text)
    assert chat.kinds("form_submitted")


def test_the_pay_changed_at_the_summary_of_someone_looking_for_work_is_the_pay_wished() -> None:
    """工资改成四千 at the summary of someone out of work recorded a new job (您换了工作, then 您在哪里工作?)."""
    chat = _unemployed_at_summary()
    chat.say("工资改成四千")
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.answers["expected_income"] == 4000
    assert chat.awaiting == "summary"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["能接送娃就行", "想干 能接送娃就行"])
def test_a_condition_said_with_the_willingness_is_kept_and_said_back(channel: str, text: str) -> None:
    """能接送娃就行 at "您想出去工作吗?" was 请回复数字 and the condition lost; 想干 能接送娃就行 was recorded with no
    word back. Now: wanting work, the condition kept with the work wished for, both said back."""
    chat = _at_status(channel)
    chat.say("2")
    assert chat.awaiting == "willing_to_work"
    replies = chat.say(text)
    assert chat.answers["willing_to_work"] == "yes"
    assert any("想工作" in reply and "接送娃" in reply for reply in replies)
    assert chat.awaiting == "service_needs"
    for answer in ["1", "本县", "保安"]:
        chat.say(answer)
    assert chat.answers["desired_jobs"] == "保安 (能接送娃就行)"


def test_the_willingness_said_in_words_is_said_back() -> None:
    chat = _at_status("wechat")
    chat.say("2")
    replies = chat.say("想干")
    assert chat.answers["willing_to_work"] == "yes"
    assert "想工作" in replies[0]


def _employed_at(channel: str, question: str, *answers: str) -> Chat:
    chat = _at_status(channel)
    for text in ["1", "本县", *answers]:
        chat.say(text)
    assert chat.awaiting == question
    return chat


@pytest.mark.parametrize("text", ["跟着包工头 姓王", "跟着一个姓王的包工头", "给包工头干 姓王的"])
def test_the_boss_said_with_words_around_is_stored_as_a_caseworker_can_use_it(text: str) -> None:
    """跟着包工头 姓王 at the employer question was stored as typed (包工头姓王 gave 王包工头 already)."""
    chat = _employed_at("sms", "employer", "不知道")
    chat.say(text)
    assert chat.answers["employer"] == "王包工头"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_herding_said_at_the_work_address_is_the_work_and_the_address_is_asked_again(channel: str) -> None:
    """给人放羊 at "具体的工作地址或工地?" was stored as the address (and at the employer question as the employer)."""
    chat = _employed_at(channel, "work_place")
    replies = chat.say("给人放羊")
    assert chat.answers["job_type"] == "放羊" and "work_place" not in chat.answers
    assert "放羊" in replies[0] and chat.awaiting == "work_place"
    chat.say("山上")
    assert chat.awaiting == "employer"
    chat.say("给人放羊")
    assert "employer" not in chat.answers and chat.awaiting == "employer"


def test_a_job_alone_at_the_employer_question_is_the_job() -> None:
    chat = _employed_at("wechat", "employer", "不知道")
    chat.say("保安")
    assert chat.answers["job_type"] == "保安" and "employer" not in chat.answers and chat.awaiting == "employer"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_handwork_at_home_asks_no_employer_contract_or_insurance(channel: str) -> None:
    """手工活在家做 was stored as the address; the employer, contract, insurance and wages were asked, and a no opened
    a rights case that made no sense. Now: at home, no employer, home-based work, none of those asked."""
    chat = _employed_at(channel, "work_place")
    chat.say("手工活在家做")
    answers = chat.answers
    assert answers["job_type"] == "手工" and answers["employment_form"] == "flexible"
    assert answers["work_place"] == "在家 (居家就业)" and answers["employer"] == "居家就业 (无固定单位)"
    for text in ["去年三月", "一千五"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    for key in ("contract_signed", "social_insurance", "wages_on_time"):
        assert key not in chat.answers
    chat.say("0")
    assert chat.kinds("form_submitted") and not chat.kinds("rights_issue_reported")


def test_self_employed_work_is_still_asked_about_insurance() -> None:
    """Guard: the self-employed may pay into social insurance themselves; only the employer's questions are skipped."""
    chat = _employed_at("wechat", "employer", "不知道")
    chat.say("自己干的 没有老板")
    while chat.awaiting not in ("social_insurance", "summary", None):
        chat.say({"job_type": "木工", "started": "去年三月", "monthly_income": "三千",
                  "employment_form": "4"}.get(str(chat.awaiting), "不知道"))
    assert chat.awaiting == "social_insurance"


@pytest.mark.parametrize(("question", "answers"), [
    ("work_place", ()), ("job_type", ("浦东", "富士康", "不知道")), ("contract_signed", (
        "浦东", "富士康", "不知道", "普工", "去年三月", "五千", "1")),
])
def test_a_question_for_jobs_in_the_middle_of_the_survey_is_answered_and_the_question_asked_again(
        question: str, answers: tuple[str, ...]) -> None:
    """有啥活没有 was stored as the work address or the job, and read as a no at the contract question."""
    chat = _employed_at("sms", question, *answers)
    replies = chat.say("有啥活没有")
    assert question not in chat.answers and chat.awaiting == question
    assert "推荐" in replies[0]
    assert not chat.kinds("rights_issue_reported")


@pytest.mark.parametrize("question", ["skills", "summary"])
def test_a_question_for_jobs_while_looking_for_work_is_answered_too(question: str) -> None:
    chat = _at_status("wechat")
    for text in ["2", "想干", "1", "本县", "保安"]:
        chat.say(text)
    while chat.awaiting != question:
        chat.say({"skills": "没有", "expected_income": "三千", "available_from": "随时"}[str(chat.awaiting)])
    replies = chat.say("有没有活干")
    assert "推荐" in replies[0] and chat.awaiting == question and not chat.kinds("form_submitted")


def _village_held_through(chat: Chat, *before_home: str) -> None:
    for text in ["刘大海", "411524197403085510", *before_home, "没有", "商城县 双椿铺镇"]:
        chat.say(text)
    assert chat.answers["home_village"] == "李湾"
    assert chat.awaiting == "employment_status"  # the village is not asked for


def test_a_village_alone_at_the_privacy_notice_is_held_for_the_home_question() -> None:
    """李湾 at the WeChat privacy notice was dropped: the village was asked again after the home."""
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    chat.say("李湾")
    chat.say("同意")
    _village_held_through(chat, "13912345678")


@pytest.mark.parametrize("first", [[], ["你好"]])
def test_a_village_alone_by_sms_or_at_the_menu_opens_the_notice_and_is_held(first: list[str]) -> None:
    """李湾 as the first SMS, or at the menu, was 没太明白 and the menu again."""
    chat = Chat(channel="sms", address="+8613912345678")
    for text in first:
        chat.say(text)
    chat.say("李湾")
    assert chat.awaiting == "consent"
    chat.say("1")
    _village_held_through(chat, "是")


@pytest.mark.parametrize("text", ["王小红", "毕节", "都行"])
def test_names_places_and_words_are_not_villages(text: str) -> None:
    """Guard."""
    from dialogs.flows.survey import village_alone

    assert not village_alone(text)


# Found playing a laborer on the simulator (talk13).

@pytest.mark.parametrize(("text", "days"), [("二十五六天", 25), ("一个月干二十六七天", 26)])
def test_days_worked_said_as_a_range_are_read(text: str, days: int) -> None:
    """二十五六天 at "一天300元, 一个月大概干多少天?" was 没看懂金额, again and again."""
    from dialogs import nlu

    assert nlu.parse_days_worked(text) == days


def test_the_sms_summary_names_a_city_whose_name_has_zhou() -> None:
    """The SMS summary showed "8工作地:市" for 江苏省苏州市 (the 州 of 苏州 cut as a prefecture)."""
    from dialogs.forms import _within_county

    assert _within_county("江苏省苏州市") == "苏州市"
    assert _within_county("广东省广州市天河区") == "天河区"
    assert _within_county("贵州省黔东南苗族侗族自治州凯里市") == "凯里市"  # guard


def test_wages_paid_at_the_years_end_at_the_checkin_are_not_on_time() -> None:
    """工资还是年底结 at the check-in's rights question was 请回复数字 (the survey records it as not on time)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("在")
    assert chat.awaiting == "checkin"
    chat.say("工资还是年底结")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")][-1:] == ["wage_arrears"]


def test_a_day_said_after_which_day_of_the_month_is_said_back_as_that_day() -> None:
    """20号 after "11月几号?" was said back as "记不清哪天按月底算: 最后上班日记为11月20日"."""
    chat = _at_status("sms")
    chat.say("上个月厂子倒闭了 现在没活干")
    replies = chat.say("20号")
    assert "记不清" not in replies[0] and "10月20日" in replies[0]
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == "2026-10-20"


def test_a_day_not_remembered_is_still_the_months_end() -> None:
    """Guard."""
    chat = _at_status("sms")
    chat.say("上个月厂子倒闭了 现在没活干")
    replies = chat.say("不知道")
    assert "月底" in replies[0]


def test_the_township_said_with_the_village_is_not_part_of_the_village() -> None:
    """赤城街道 李湾 at the village question refined the home and stored the village as "赤城街道 李湾"."""
    chat = _at_home("sms")
    chat.say("商城县城关镇")
    chat.say("赤城街道 李湾")
    assert chat.answers["home_division"]["code"] == "411524001"
    assert chat.answers["home_village"] == "李湾"


def test_a_job_lost_told_with_wages_owed_at_the_checkins_wages_question_is_registered() -> None:
    """老板跑路了 我没活干了 工钱还欠着两个月 at the check-in's wages question was a wages report and nothing else: the
    job loss was never registered (the person stayed "employed")."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("在")
    replies = chat.say("老板跑路了 我没活干了 工钱还欠着两个月")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.awaiting == "last_work_day" and any("失业登记" in reply for reply in replies)


def test_wages_owed_alone_at_the_checkins_wages_question_are_a_report() -> None:
    """Guard."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("在")
    chat.say("工资欠了两个月了")
    assert chat.kinds("rights_issue_reported") and chat.answers["employment_status"] == "employed"


def test_a_township_not_found_told_ahead_of_its_question_is_said_too() -> None:
    """商城县城关镇 at the ID question recorded 商城县 and dropped the township without a word."""
    chat = consented("wechat")
    chat.say("王秀英")
    replies = chat.say("商城县城关镇")
    assert chat.answers["home_division"]["code"] == "411524"
    assert any("城关镇" in reply for reply in replies) and chat.awaiting == "id_number"


def test_a_village_without_cun_told_with_the_home_is_the_village() -> None:
    """商城县 双椿铺镇 李湾 at the home question kept the township and asked the village again."""
    chat = _at_home("sms")
    chat.say("商城县 双椿铺镇 李湾")
    assert chat.answers["home_village"] == "李湾" and chat.awaiting == "employment_status"


@pytest.mark.parametrize("text", ["手工活在家做", "在家带孙子 手工活在家做"])
def test_handwork_at_home_at_the_status_question_is_home_based_work(text: str) -> None:
    """手工活在家做 at the status question was 请回复数字; with 在家带孙子 beside it, 暂时不能工作 (the work lost)."""
    chat = _at_status("sms")
    chat.say(text)
    answers = chat.answers
    assert answers["employment_status"] == "employed" and answers["job_type"] == "手工"
    assert answers["work_place"] == "在家 (居家就业)" and answers["work_division"]["code"] == "411524103"
    assert chat.awaiting == "started"


def test_caring_for_a_grandchild_alone_is_still_unable_to_work() -> None:
    """Guard."""
    chat = _at_status("sms")
    chat.say("在家带孙子")
    assert chat.answers["employment_status"] == "unable"


def test_a_question_for_jobs_during_the_registration_is_no_answer_to_the_insurance() -> None:
    """有啥活没有 at "您在单位交过失业保险吗?" was read as 没有 (not insured, no benefit); at the help question it was
    passed to a caseworker as a question. Now: the jobs come after and the question again; at the help question, a
    job found for them."""
    chat = _at_status("sms")
    chat.say("上个月厂子倒闭了 现在没活干")
    chat.say("20号")
    assert chat.awaiting == "insured"
    replies = chat.say("有啥活没有")
    assert chat.awaiting == "insured" and "推荐" in replies[0]
    assert chat.state is not None and "insured" not in chat.state["registration"]["answers"]
    chat.say("没交")
    chat.say("有没有活干")
    [submitted] = chat.kinds("registration.submit")
    assert submitted.data["wants_services"] == ["job_referral"] and submitted.data["insured"] == "no"


@pytest.mark.parametrize("text", ["姓李的", "姓李"])
def test_the_bosss_surname_alone_at_the_employer_question_is_that_boss(text: str) -> None:
    """姓李的 at "您在哪个单位或老板那里干?" was stored as typed."""
    chat = _employed_at("sms", "employer", "不知道")
    chat.say(text)
    assert chat.answers["employer"] == "李老板"
