"""Fifth round of play-testing as laborers type (2026-12-05): several facts at the employer question, work said
as what one does, a month without a day, two work scopes at once, the menu in the middle of the survey, a wish
from someone unable to work. Each through the pure dialog step (tests/survey/driver.py)."""

from __future__ import annotations

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest3 import _due
from tests.survey.test_playtest_round2 import registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at


@pytest.mark.parametrize(("text", "employer", "job", "income"), [
    ("富士康 普工 4500", "富士康", "普工", 4500),
    ("宏发五金 开叉车 五千二", "宏发五金", "叉车", 5200),
])
def test_employer_job_and_monthly_pay_in_one_message_go_to_their_fields(
    text: str, employer: str, job: str, income: int,
) -> None:
    """"富士康 普工 4500" kept the employer and lost the job and the pay."""
    chat = consented()
    employed_at(chat, "employer")
    replies = chat.say(text)
    assert chat.answers["employer"] == employer
    assert chat.answers["job_type"] == job and chat.answers["monthly_income"] == income
    assert f"工种: {job}" in replies[0] and chat.awaiting == "employer_contact"


@pytest.mark.parametrize(("text", "employer", "job", "rate"), [
    ("张老板 干装修的 一天两百", "张老板", "装修", 200),
    ("跟着包工头干 搬砖 一天一百五", "跟着包工头干", "小工", 150),
])
def test_a_boss_the_work_and_a_day_rate_the_rate_asks_the_days_at_the_pay_question(
    text: str, employer: str, job: str, rate: int,
) -> None:
    """"张老板 干装修的 一天两百" was stored whole as the employer."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say(text)
    assert chat.answers["employer"] == employer and chat.answers["job_type"] == job
    while chat.awaiting != "monthly_income":
        replies = chat.say("不知道" if chat.awaiting != "started" else "去年三月")
    assert replies[-1] == f"一天{rate}元, 一个月大概干多少天?"
    chat.say("二十五天")
    assert chat.answers["monthly_income"] == rate * 25 and chat.awaiting == "employment_form"


def test_a_workplace_without_its_name_keeps_the_job_and_pay_and_asks_the_employer_again() -> None:
    """"在厂里 流水线 三千八" was stored whole as the employer; 厂里 names nobody."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say("在厂里 流水线 三千八")
    assert chat.answers["job_type"] == "流水线工" and chat.answers["monthly_income"] == 3800
    assert chat.answers.get("employer") != "在厂里 流水线 三千八"
    assert chat.awaiting == "employer" or chat.answers.get("employer") is None


@pytest.mark.parametrize(("text", "job"), [
    ("工地上扎钢筋", "钢筋工"), ("绑钢筋", "钢筋工"), ("扎钢筋的", "钢筋工"), ("搬砖", "小工"), ("刷墙", "油漆工"),
    ("开叉车", "叉车"), ("送外卖", "外卖"), ("在工地上搬砖", "小工"), ("跑外卖", "外卖"), ("刷油漆", "油漆工"),
])
def test_work_said_as_what_one_does_is_the_job_type_a_caseworker_writes(text: str, job: str) -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say(text)
    assert chat.answers["job_type"] == job and chat.awaiting == "started"


@pytest.mark.parametrize("text", ["看鸡场", "在亲戚家帮忙"])
def test_work_no_job_type_names_is_kept_as_said(text: str) -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say(text)
    assert chat.answers["job_type"] == text


# -- a month without a day at the registration's last working day --------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("想不起来了 反正是上个月", "2026-10-31"), ("上个月 哪天记不清了", "2026-10-31"),
    ("十月份 具体哪天忘了", "2026-10-31"), ("这个月 几号不记得了", "2026-11-26"),
])
def test_a_month_said_with_the_day_forgotten_is_taken_as_its_last_day_and_said_back(text: str, day: str) -> None:
    """"想不起来了 反正是上个月" asked the day again."""
    chat = registering()
    replies = chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == day
    assert f"{int(day[5:7])}月{int(day[8:])}日" in replies[0] and chat.awaiting == "job_loss_reason"


@pytest.mark.parametrize("forgot", ["不知道", "记不清了", "想不起来"])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_month_then_the_day_not_known_is_the_month_end_not_nothing(forgot: str, channel: str) -> None:
    """十月份, then 不知道 at "是10月的哪一天?" lost the month (the day was left unknown)."""
    chat = registering(channel)
    assert "10月" in chat.say("十月份")[0]
    replies = chat.say(forgot)
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == "2026-10-31"
    assert "10月31日" in replies[0] and chat.awaiting == "job_loss_reason"


def test_the_same_month_said_twice_is_taken_as_its_end() -> None:
    chat = registering()
    chat.say("上个月")
    chat.say("就是上个月")
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == "2026-10-31"


def test_a_day_after_the_month_is_that_day() -> None:
    chat = registering()
    chat.say("十月份")
    chat.say("20号")
    assert chat.state is not None and chat.state["registration"]["answers"]["last_work_day"] == "2026-10-20"


# -- two work scopes at once ---------------------------------------------------------------------------------

def looking_at_scope(channel: str = "wechat") -> Chat:
    chat = consented(channel)
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "没活干", "想", "1"):
        chat.say(text)
    assert chat.awaiting == "preferred_scope"
    return chat


@pytest.mark.parametrize(("text", "scope", "shown"), [
    ("县里市里都行", "home_province", "本省"), ("本地外地都可以", "anywhere", "都可以"),
    ("省内省外都行", "anywhere", "都可以"), ("县城市里都中", "home_province", "本省"),
    ("镇上县里都行", "home_county", "本县"), ("省里外省都去", "anywhere", "都可以"),
])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_two_work_scopes_in_one_message_record_the_wider_and_say_it_back(
    text: str, scope: str, shown: str, channel: str,
) -> None:
    """"县里市里都行" was "请回复数字 1 到 4" (县里 and 都行 read as two choices)."""
    chat = looking_at_scope(channel)
    replies = chat.say(text)
    assert chat.answers["preferred_scope"] == scope and shown in replies[0]
    assert chat.awaiting == "desired_jobs"


def test_a_scope_ruled_out_is_not_the_wider_one() -> None:
    chat = looking_at_scope()
    chat.say("县里市里都行 外省不去")
    assert chat.answers["preferred_scope"] == "home_province"


# -- the menu in the middle of the survey or the registration ------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_after_asking_for_a_person_from_the_menu_the_question_comes_back_and_a_number_answers_it(
    channel: str,
) -> None:
    """菜单, 4 (找工作人员), then 2: the question was not asked again, and 2 was read as the answer to a question
    no longer on screen (本省 recorded at the work scope without the list shown)."""
    chat = looking_at_scope(channel)
    chat.say("菜单")
    replies = chat.say("4")
    assert chat.kinds("human_requested") and "1" in replies[-1] and "本县" in replies[-1]
    assert chat.awaiting == "preferred_scope"
    chat.say("2")
    assert chat.answers["preferred_scope"] == "home_province" and chat.awaiting == "desired_jobs"


def test_after_asking_for_a_person_at_a_free_text_question_it_is_asked_again() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("菜单")
    replies = chat.say("4")
    assert replies[-1].startswith("您在哪个单位或老板那里干") and chat.awaiting == "employer"


@pytest.mark.parametrize("picked", ["1", "2", "3"])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_menu_in_the_middle_of_the_registration_keeps_the_registration(picked: str, channel: str) -> None:
    """菜单 then 2 (找工作) while registering as unemployed opened the survey's questions and left the registration
    unfinished, with no way back to it."""
    chat = registering(channel)
    chat.say("菜单")
    replies = chat.say(picked)
    assert chat.state is not None and chat.state["flow"] == "registration" and chat.awaiting == "last_work_day"
    assert "失业登记" in replies[0] and "最后一天上班" in replies[-1]
    chat.say("上个月底")
    assert chat.state["registration"]["answers"]["last_work_day"] == "2026-10-31"
    assert chat.awaiting == "job_loss_reason"


# -- a wish from someone unable to work ----------------------------------------------------------------------

def unable_at_summary(channel: str = "wechat") -> Chat:
    chat = consented(channel)
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "在家带孙子 走不开"):
        chat.say(text)
    assert chat.awaiting == "summary" and chat.answers["employment_status"] == "unable"
    return chat


@pytest.mark.parametrize("text", [
    "要是有轻活也想干", "有轻松点的活也想干", "离家近的活也能干点", "能找个看大门的活就好了",
])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_wish_at_the_summary_from_someone_unable_to_work_goes_to_the_caseworker(text: str, channel: str) -> None:
    """"要是有轻活也想干" at the summary was "没问题请回复 0 确认" and nothing else: the wish was lost."""
    chat = unable_at_summary(channel)
    replies = chat.say(text)
    [referred] = chat.kinds("question_referred")
    assert referred.data["question"] == text and referred.data["told"]["name"] == "彭小军"
    assert "转告工作人员" in replies[0] and chat.awaiting == "summary"
    assert chat.answers["employment_status"] == "unable"  # the status is theirs to change, not guessed
    chat.say("0")
    assert chat.kinds("form_submitted")


def test_a_wish_from_someone_looking_for_work_is_no_referral() -> None:
    chat = looking_at_scope()
    chat.say("有轻活也想干")
    assert not chat.kinds("question_referred")


@pytest.mark.parametrize("text", ["不需要", "暂时不需要", "都不用", "啥也不要"])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_no_help_needed_is_an_answer_to_the_help_question(text: str, channel: str) -> None:
    """"不需要" at "需要哪些帮助?" (asked of someone who wants work later: 娃还小 不想出去) was "请回复数字" again and
    again, with no way on (playtest p06)."""
    chat = consented(channel)
    for said in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "没活干", "娃还小 走不开 不想出去"):
        chat.say(said)
    assert chat.answers["willing_to_work"] == "later" and chat.awaiting == "service_needs"
    chat.say(text)
    assert chat.answers["service_needs"] == [] and chat.awaiting == "preferred_scope"
    while chat.awaiting != "summary":
        replies = chat.say("不知道" if chat.awaiting != "preferred_scope" else "1")
    assert ("需求:暂不需要" if channel == "sms" else "服务需求: 暂不需要") in replies[-1]


@pytest.mark.parametrize(("text", "years"), [("交了五", 5), ("交了三四", 3), ("五六个年头", 5), ("两年多点", 2)])
def test_insured_years_said_without_the_word_year(text: str, years: int) -> None:
    """The lower figure where two are said (三四, 五六): what the person is sure of."""
    chat = registering()
    for said in ("上个月底", "厂里裁人", "交了"):
        chat.say(said)
    assert chat.awaiting == "insured_years"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["insured_years"] == years
    assert chat.awaiting == "wants_services"


# -- from playing laborers (round 5) -------------------------------------------------------------------------

def test_a_spouse_said_in_dialect_working_away_is_not_the_speakers_work() -> None:
    """"俺叫刘桂兰 俺家那口子在外头打工 俺在家" recorded her as working (那口子 is her husband)."""
    chat = consented()
    chat.say("俺叫刘桂兰 俺家那口子在外头打工 俺在家")
    assert chat.answers["name"] == "刘桂兰" and "employment_status" not in chat.answers


def test_the_pay_said_with_the_job_goes_to_its_question() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("理货 一个月两千八")
    assert chat.answers["job_type"] == "理货" and chat.answers["monthly_income"] == 2800


def test_a_month_changed_at_the_next_question_reaches_past_an_answer_filled_on_the_way() -> None:
    """The pay told before its question; then 今年五月份 at the start, and 不对 是四月 at the way of working was
    "请回复数字 1 到 5" (the answer before in the form, the pay, was tried alone)."""
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("理货 一个月两千八")
    chat.say("今年五月份")
    assert chat.awaiting == "employment_form"
    replies = chat.say("不对 是四月")
    assert chat.answers["started"] == "2026-04" and chat.answers["monthly_income"] == 2800
    assert "2026年4月" in replies[0] and chat.awaiting == "employment_form"


@pytest.mark.parametrize("text", ["中", "行", "没问题"])
def test_agreement_at_a_question_picked_from_the_summary_keeps_its_answer(text: str) -> None:
    """2 at the summary, then 中: "身份证号码应该是18位" (中 read as an ID number)."""
    chat = consented()
    employed_at(chat, "summary")
    chat.say("2")
    assert chat.awaiting == "id_number"
    replies = chat.say(text)
    assert chat.awaiting == "summary" and replies[-1].startswith("请核对您的信息")
    assert chat.answers["id_number"] == ID


def test_two_scopes_said_at_the_help_question_record_the_wider_one() -> None:
    """县里市里都行 at 需要哪些帮助 recorded 本县 (县里 alone, from the words said in passing)."""
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "没活干", "想"):
        chat.say(text)
    assert chat.awaiting == "service_needs"
    replies = chat.say("县里市里都行")
    assert chat.answers["preferred_scope"] == "home_province" and "本省" in replies[0]


def test_a_month_at_the_job_question_is_when_it_started_not_the_job() -> None:
    """"去年三月" at 您做什么工作 was stored as the job type."""
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("去年三月")
    assert chat.answers.get("job_type") != "去年三月" and chat.answers["started"] == "2025-03"


def test_the_job_and_pay_said_at_the_employers_phone_go_to_their_questions() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("电子厂")
    chat.say("富士康 普工 4500")
    assert chat.answers["job_type"] == "普工" and chat.answers["monthly_income"] == 4500


@pytest.mark.parametrize("text", ["老板电话 0592-6051234", "张老板 13712345678"])
def test_a_phone_number_beside_a_name_is_no_pay(text: str) -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say(text)
    assert "monthly_income" not in chat.answers and chat.awaiting == "job_type"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_boss_the_work_and_a_day_rate_at_the_status_question(channel: str) -> None:
    """"张老板 干装修的 一天两百" at 您现在的就业情况 kept the job only: the boss and the rate were lost."""
    chat = consented(channel)
    for text in ("李秀英", ID, "13712345678", "无", "河南潢川桃林铺镇", "李湾村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"
    chat.say("张老板 干装修的 一天两百")
    answers = chat.answers
    assert answers["employment_status"] == "employed" and answers["employer"] == "张老板"
    assert answers["job_type"] == "装修"
    while chat.awaiting != "monthly_income":
        replies = chat.say({"work_division": "潢川县城", "started": "去年腊月"}.get(str(chat.awaiting), "不知道"))
    assert replies[-1] == "一天200元, 一个月大概干多少天?"


@pytest.mark.parametrize(("text", "years"), [("交了三四", 3), ("交了五", 5), ("交了三年多", 3)])
def test_insured_and_how_long_in_one_answer_skip_the_years_question(text: str, years: int) -> None:
    """"交了三四" at 您在单位交过失业保险吗 asked 一共交了几年 next."""
    chat = registering()
    chat.say("上个月底")
    chat.say("厂里裁人")
    assert chat.awaiting == "insured"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["insured_years"] == years
    assert chat.awaiting == "wants_services"


def test_a_bare_number_at_the_insured_question_is_its_choice_not_the_years() -> None:
    chat = registering()
    chat.say("上个月底")
    chat.say("厂里裁人")
    chat.say("1")
    assert chat.awaiting == "insured_years"


@pytest.mark.parametrize("text", ["没交", "签了", "没有"])
def test_a_yes_or_no_at_the_name_question_is_nobodys_name(text: str) -> None:
    """"没交" at the name question (answered ahead, the SMS out of step) was stored as the name."""
    chat = consented("sms")
    chat.say("签了")
    chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"


def test_a_correction_at_the_privacy_notice_is_no_refusal() -> None:
    """"不是 俺号是18285763456" at the privacy notice was taken as 不同意 (不是 = no)."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("登记")
    chat.say("不是 俺号是18285763456")
    assert chat.awaiting == "consent" and not chat.kinds("consent_refused")
    chat.say("不是 俺不想登记")
    assert chat.kinds("consent_refused")


@pytest.mark.parametrize("text", ["在呢", "还在嘞", "一直在干着呢", "俺还在"])
def test_still_there_said_plainly_answers_the_check_in(text: str) -> None:
    """"在呢" at "您还在东莞的电子厂上班吗?" was "没太明白, 请回复数字"."""
    chat = Chat()
    _due(chat, "checkin", 1)
    assert chat.state is not None
    chat.state["consent"] = {"given": True}  # check-ins go to registered people
    replies = chat.say(text)
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == "still_employed" and "没太明白" not in " ".join(replies)


@pytest.mark.parametrize("text", ["你们是哪的 咋知道俺电话", "你们是哪的", "咋知道俺的号"])
def test_who_is_writing_asked_two_ways_at_once(text: str) -> None:
    """"你们是哪的 咋知道俺电话" at a check-in was passed to the caseworker as a question."""
    assert nlu.asks_who_we_are(text)


@pytest.mark.parametrize("text", ["娃上幼儿园了 想出去找点活", "身体好点了 想找个看大门的活"])
def test_able_and_looking_at_the_summary_changes_the_status_and_asks_its_questions(text: str) -> None:
    """"娃上幼儿园了 想出去找点活" at the summary, just after 在家带娃: the status stayed "unable"."""
    chat = unable_at_summary()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.kinds("employment_status_changed") and not chat.kinds("question_referred")
    assert chat.awaiting == "service_needs"


def test_a_workplace_naming_nobody_beside_whom_one_works_for_is_no_part_of_the_employer() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("在工地上 跟着老乡干 一天三百")
    assert chat.answers["employer"] == "跟着老乡干"


def status_question(channel: str = "wechat") -> Chat:
    chat = consented(channel)
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村"):
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


@pytest.mark.parametrize(("text", "status", "awaiting"), [
    ("娃他爹在广东打工 俺在家种地", None, "employment_status"),  # farming alone: is there other work? (asked once)
    ("当家的在工地 俺在镇上超市上班", "employed", "work_place"),
    ("俺家那口子在外头打工 俺没活干", "unemployed", "willing_to_work"),
])
def test_a_husbands_work_told_with_ones_own_at_the_status_question_is_not_the_speakers(
    text: str, status: str | None, awaiting: str,
) -> None:
    """"娃他爹在广东打工 俺在家种地" recorded the speaker as working in Guangdong."""
    chat = status_question()
    chat.say(text)
    assert chat.answers.get("employment_status") == status and chat.awaiting == awaiting
    assert "广东" not in str(chat.answers.get("work_division"))


@pytest.mark.parametrize("text", ["在上班", "中 在上班"])
def test_at_work_at_the_status_question_is_the_answer_not_busy(text: str) -> None:
    """"在上班" (also a way of saying "busy at work, later") at 您现在的就业情况 was "您方便的时候再回复我"."""
    chat = status_question()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed"


def _check_in(status: str) -> Chat:
    chat = Chat()
    payload = {"fire": 1, "kind": "checkin", "status": status, "due_date": "2027-02-24"}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    assert chat.state is not None
    chat.state["consent"] = {"given": True}  # check-ins go to registered people
    return chat


@pytest.mark.parametrize(("status", "text", "answer"), [
    ("employed", "干着呢 老板人不错", "still_employed"), ("unemployed", "找着活了", "found_job"),
    ("unemployed", "有活干了", "found_job"), ("unemployed", "还没找着活", "still_looking"),
    ("unable", "还那样", "not_yet"), ("unable", "跟以前一样", "not_yet"), ("unemployed", "上班了", "found_job"),
])
def test_check_in_answers_said_plainly(status: str, text: str, answer: str) -> None:
    """Each was "没太明白, 请回复数字" and the question again."""
    chat = _check_in(status)
    chat.say(text)
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == answer


@pytest.mark.parametrize("text", ["没上班了", "不上班了"])
def test_not_at_work_is_no_job_found(text: str) -> None:
    chat = _check_in("unemployed")
    chat.say(text)
    assert all(e.data["answer"] != "found_job" for e in chat.kinds("checkin_answered"))
