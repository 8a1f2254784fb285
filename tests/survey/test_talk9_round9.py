"""Round nine of typing as people talk (talk9): village names are no person's names, rights reports at the
free-text questions, a household number said to be none beside the phone, a village that is no district,
skills as clean words, herding for someone and coming back home at the status question, late and future
answers in the registration, the start's year said at the employer question, and a compact SMS summary.
Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.sms_text import parts
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_talk7_round7 import english_at
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

TODAY = date(2026, 12, 5)

# -- a village is no name -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["石门村", "石羊村", "新市村三组", "石桥镇"])
def test_a_village_at_the_name_question_is_no_name(text: str) -> None:
    """After 不知道 at the name question, "石门村" was saved as the name (石 is a surname)."""
    chat = consented()
    chat.say("不知道")
    chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    chat.say("石小军")
    assert chat.answers["name"] == "石小军"


def test_facts_before_consent_keep_the_name_and_take_the_village_as_the_village() -> None:
    """我叫王小明 / ID / phone / 不知道 / 威宁县草海镇 / 石羊村 / 没活干 在家 before consent ended, after "1", as
    "已记下: 姓名: 石羊村"."""
    chat = Chat()
    chat.event("subscribe")
    for text in ["我叫王小明", ID, "13712345678", "不知道", "威宁县草海镇", "石羊村", "没活干 在家"]:
        chat.say(text)
    replies = chat.say("1")
    assert chat.answers["name"] == "王小明" and chat.answers["home_village"] == "石羊村"
    assert "姓名: 王小明" in replies[1] and "石羊村" not in replies[1].split(";")[0]


@pytest.mark.parametrize("text", ["石羊村", "新市村三组", "石桥镇"])
def test_a_village_is_never_found_as_a_name(text: str) -> None:
    assert nlu.find_name(f"{text} ") is None


@pytest.mark.parametrize("text", ["石小军", "王建社", "张有才"])
def test_names_are_still_names(text: str) -> None:
    assert nlu.find_name(f"{text} ") == text


# -- rights reports at free-text questions ------------------------------------------------------------------


@pytest.mark.parametrize(("field", "text"), [
    ("work_place", "老板拖欠工资"), ("work_place", "老板欠我工资不给"), ("employer", "老板拖欠工资三个月了"),
])
def test_a_rights_report_at_a_free_text_question_is_reported_and_never_the_answer(field: str, text: str) -> None:
    """"老板拖欠工资" was stored as the work place (no case); at the employer it moved on with no report."""
    chat = consented()
    employed_at(chat, field)
    replies = chat.say(text)
    assert field not in chat.answers and chat.awaiting == field
    assert chat.kinds("rights_issue_reported")
    assert "工作人员" in replies[0]


def test_an_employer_is_still_an_employer() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("宏发五金厂")
    assert chat.answers["employer"] == "宏发五金厂" and not chat.kinds("rights_issue_reported")


# -- no household number, said beside the phone -------------------------------------------------------------


@pytest.mark.parametrize("text", ["手机号18798761234 没有户号", "18798761234 户号没有", "18798761234 户号不知道"])
def test_no_household_number_beside_the_phone_is_not_asked(text: str) -> None:
    """"手机号18798761234 没有户号" at the phone question: the household number was asked next all the same."""
    chat = consented()
    chat.say("彭小军")
    chat.say(ID)
    chat.say(text)
    assert chat.answers["phone"] == "+8618798761234"
    assert "household_id" in chat.answers and chat.answers["household_id"] is None
    assert chat.awaiting == "home_division"


def test_the_household_number_is_asked_after_a_phone_alone() -> None:
    chat = consented()
    chat.say("彭小军")
    chat.say(ID)
    chat.say("18798761234")
    assert chat.awaiting == "household_id"


# -- a village is no district ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["新市村三组 麻阳县", "新市村三组", "新市村"])
def test_a_village_named_like_a_district_is_no_district(text: str) -> None:
    """"新市村三组" resolved to 新市区 (Urumqi), even with 麻阳县 named."""
    place = nlu.resolve_place(text)
    assert place is None or place.code.startswith("431226")


def test_a_township_said_with_its_suffix_before_a_village_is_still_the_township() -> None:
    place = nlu.resolve_place("威宁县草海镇新市村三组")
    assert place is not None and place.code == "520526100"


# -- skills ---------------------------------------------------------------------------------------------


def _at_skills() -> Chat:
    chat = looking_at("preferred_scope")
    chat.say("1")
    chat.say("保安")
    assert chat.awaiting == "skills"
    return chat


@pytest.mark.parametrize(("text", "skills"), [
    ("水电都会 电焊也会一点", "水电、电焊"), ("会种地 喂猪", "种地、喂猪"), ("会开叉车 电焊也会点", "开叉车、电焊"),
    ("电焊", "电焊"), ("力气大", "力气大"),
])
def test_skills_are_kept_as_clean_words(text: str, skills: str) -> None:
    """"水电都会 电焊也会一点" was kept raw; "喂猪" was dropped from "会种地 喂猪"."""
    chat = _at_skills()
    chat.say(text)
    assert chat.answers["skills"] == skills and chat.awaiting == "expected_income"


@pytest.mark.parametrize("text", ["不会", "啥都不会", "都不会"])
def test_no_skill_is_none_and_the_summary_says_so(text: str) -> None:
    """The summary showed "技能: 不会" as if it were a skill."""
    chat = _at_skills()
    chat.say(text)
    assert chat.answers["skills"] is None
    for said in ("3000", "下个月"):
        replies = chat.say(said)
    assert chat.awaiting == "summary"
    assert "技能: 没有" in replies[-1]


def test_no_schooling_beside_any_work_is_not_the_work_wanted() -> None:
    """"啥都行 我没文化" was saved as the work wanted, as typed."""
    chat = looking_at("preferred_scope")
    chat.say("1")
    chat.say("啥都行 我没文化")
    assert chat.answers["desired_jobs"] == "什么活都行"  # (any work, as talk18 records it: it was 啥都行 as typed)


# -- the status question ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["给人放羊", "帮人放牛", "在家给人放羊"])
def test_herding_for_someone_is_work(text: str) -> None:
    """"给人放羊" was "请回复数字"."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize("text", ["以前在浙江 现在回来了", "以前在广东打工 现在回家了", "之前在东莞 回老家了"])
def test_back_home_from_work_away_is_no_work_now(text: str) -> None:
    """"以前在浙江 现在回来了" was "请回复数字"; "以前在广东打工 现在回家了" was work in 广东."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and "work_division" not in chat.answers
    assert chat.awaiting == "willing_to_work"


@pytest.mark.parametrize("text", ["在东莞打工", "现在在浙江上班"])
def test_work_away_now_is_still_work(text: str) -> None:
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed"


# -- the registration ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "years"), [("3年", 3), ("交了三年多", 3), ("一年半", 1.5)])
def test_years_said_late_at_the_help_question_are_the_years(said: str, years: float) -> None:
    """"3年" at the help question just after the years question was "请回复数字"."""
    chat = registering()
    for text in ["上个月底", "厂里裁人", "交了", "不知道"]:
        chat.say(text)
    assert chat.awaiting == "wants_services"
    replies = chat.say(said)
    assert chat.state["registration"]["answers"]["insured_years"] == years
    assert replies[0] == f"好的, 已记下: 缴费年限: {years:g}年。" and chat.awaiting == "wants_services"


def test_years_are_said_back_with_their_unit() -> None:
    """"缴费年限: 2" was said back without 年."""
    chat = registering()
    chat.say("上个月底")
    replies = chat.say("交了两年多吧")
    assert "缴费年限: 2年" in replies[0]


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize(("text", "day"), [("干到月底", "2026-11-30"), ("这个月底就不干了", "2026-11-30"),
                                           ("做到28号", "2026-11-28")])
def test_work_ending_this_month_is_the_last_day_and_the_registration_is_done_after_it(
        text: str, day: str, channel: str) -> None:
    """"干到月底" at the last-working-day question was asked again."""
    chat = registering(channel)
    replies = chat.say(text)
    assert chat.state["registration"]["answers"]["last_work_day"] == day
    assert "以后" in replies[0] or "后" in replies[0]
    assert chat.awaiting == "job_loss_reason"


def test_a_day_gone_is_as_before() -> None:
    chat = registering()
    replies = chat.say("上个月底")
    assert chat.state["registration"]["answers"]["last_work_day"] == "2026-10-31"
    assert not any("正式" in r for r in replies)


# -- the start's year at the employer question --------------------------------------------------------------


def test_the_year_said_at_the_employer_question_is_kept_for_the_start() -> None:
    """"去年来的" at the employer question was saved as the employer; "六月" later gave 2026-06."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say("去年来的")
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    for text in ["宏发厂", "不知道", "小工"]:
        replies = chat.say(text)
    assert chat.awaiting == "started" and "2025" in replies[-1]
    chat.say("六月")
    assert chat.answers["started"] == "2025-06"


def test_in_english_since_last_year_at_the_employer_question_keeps_the_year() -> None:
    """After "since last year" at the employer question, "June" was 2026-06."""
    chat = english_at("employer")
    chat.say("since last year")
    assert "employer" not in chat.answers
    for text in ["Fuxing factory", "don't know", "cleaner"]:
        chat.say(text)
    assert chat.awaiting == "started"
    chat.say("June")
    assert chat.answers["started"] == "2025-06"


def test_a_month_said_at_the_employer_question_is_the_start() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("去年三月来的")
    assert chat.answers["started"] == "2025-03" and "employer" not in chat.answers


# -- the SMS summary ---------------------------------------------------------------------------------------


def test_an_employed_persons_sms_summary_is_compact() -> None:
    """18 lines of an employed person's summary took five SMS parts."""
    chat = consented("sms")
    answers = iter(["我叫彭小军 湖南麻阳人 在长沙一个工地上干活", ID, "是", "不知道", "高村镇石羊村", "河西那边",
                    "跟着包工头干", "不知道", "小工", "去年三月", "五千", "1", "没签", "没交", "按时"])
    while chat.awaiting != "summary":
        replies = chat.say(next(answers))
    summary = replies[-1]
    assert parts(summary) <= 3
    # (talk15: numbered without a gap where the household number is left out)
    assert "4户籍:麻阳县高村镇" in summary and "7工作地:长沙市" in summary and "户号" not in summary
    chat.say("4")  # (talk15: the number of the line shown with it; a line left out is changed by its name)
    assert chat.awaiting == "home_division"


def test_the_wechat_summary_keeps_its_full_lines() -> None:
    chat = consented()
    answers = iter(["我叫彭小军 湖南麻阳人 在长沙一个工地上干活", ID, "13712345678", "不知道", "高村镇石羊村",
                    "河西那边", "跟着包工头干", "不知道", "小工", "去年三月", "五千", "1", "没签", "没交", "按时"])
    while chat.awaiting != "summary":
        replies = chat.say(next(answers))
    assert "5. 户籍地: 湖南省怀化市麻阳苗族自治县高村镇" in replies[-1] and "4. 户编号: 不知道" in replies[-1]


# -- played on the simulator (after the fixes above) -----------------------------------------------------


def _brickworks() -> Chat:
    """Employed at a brickworks in 毕节, at the work address (played: w3)."""
    chat = consented()
    for text in ["龙建华", "522426199205081239", "15985201234", "没得", "纳雍县 阳长镇", "大寨村二组",
                 "在毕节一个砖厂干活"]:
        chat.say(text)
    assert chat.awaiting == "work_place"
    return chat


def test_the_days_worked_said_ahead_make_the_monthly_pay() -> None:
    """"二十来天吧" at the employer's phone, after 一天一百五: it was "电话好像不对"."""
    chat = _brickworks()
    chat.say("一天一百五")
    assert chat.awaiting == "employer_contact"
    replies = chat.say("二十来天吧")
    assert chat.answers["monthly_income"] == 3000 and chat.awaiting == "employer_contact"
    assert replies[0] == "好的, 已记下: 月收入(元): 3000。"


def test_the_pay_beside_the_work_address_is_no_part_of_it() -> None:
    """"就在砖厂里 一天一百五" was stored whole as the work address."""
    chat = _brickworks()
    chat.say("就在砖厂里 一天一百五")
    assert chat.answers["work_place"] == "砖厂里" and chat.state["survey"]["day_rate"] == 150


def test_a_bare_1_is_no_days_worked() -> None:
    """"1" at "一天150元, 一个月大概干多少天?" made the monthly pay 150."""
    chat = _brickworks()
    chat.say("不知道")
    chat.say("一天一百五")
    while chat.awaiting != "monthly_income":
        chat.say("不知道")
    chat.say("1")
    assert "monthly_income" not in chat.answers
    chat.say("22")
    assert chat.answers["monthly_income"] == 3300


@pytest.mark.parametrize("text", ["超市关门了 老板说干到月底", "厂子要关了 干到这个月底"])
def test_a_job_ending_this_month_told_at_a_check_in_is_that_day(text: str) -> None:
    """"超市关门了 老板说干到月底" at a check-in: the last working day was asked as if not said."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert chat.state["registration"]["answers"]["last_work_day"] == "2026-12-31"
    assert any("12月31日后" in reply or "12月31日以后" in reply for reply in replies)
    assert chat.awaiting != "last_work_day"


def _from_xinhua() -> Chat:
    chat = consented()
    for text in ["罗永刚", "43252419880715661X", "手机13312345678", "没有", "湖南新化", "油溪乡 高桥村"]:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


def test_a_city_said_after_its_province_with_the_work_is_the_place_of_work() -> None:
    """"在广东打工 东莞 厂里" kept 广东省 as the place of work: 东莞 was dropped."""
    chat = _from_xinhua()
    chat.say("在广东打工 东莞 厂里")
    assert chat.answers["work_division"]["name"] == "广东省东莞市"


def test_a_township_said_later_narrows_the_place_of_work() -> None:
    """"长安镇" at the employer's phone, after 东莞 was the place of work, was "电话好像不对"."""
    chat = _from_xinhua()
    for text in ["在广东打工 东莞 厂里", "电子厂 做插件"]:
        chat.say(text)
    assert chat.awaiting == "employer_contact"
    replies = chat.say("长安镇")
    assert chat.answers["work_division"] == {"code": "441900119", "name": "广东省东莞市长安镇"}
    assert replies[0] == "好的, 已记下: 工作地: 广东省东莞市长安镇。" and chat.awaiting == "employer_contact"


def _english_at_name() -> Chat:
    chat = Chat()
    chat.event("subscribe")
    chat.say("English")
    chat.say("1")
    assert chat.awaiting == "name"
    return chat


@pytest.mark.parametrize("text", ["my name is Li Ming", "My name's Li Ming", "I'm Li Ming", "name: Li Ming"])
def test_an_english_name_said_in_a_sentence_is_the_name(text: str) -> None:
    """"my name is Li Ming" was saved whole as the name."""
    chat = _english_at_name()
    chat.say(text)
    assert chat.answers["name"] == "Li Ming"


def test_english_no_at_the_household_number_is_none_and_a_county_is_no_number() -> None:
    """"no" at the household number was "doesn't look right"; "Weining county" was saved as the number."""
    chat = _english_at_name()
    for text in ["Li Ming", "520526199003151220", "13712345670"]:
        chat.say(text)
    assert chat.awaiting == "household_id"
    chat.say("no")
    assert chat.answers["household_id"] is None and chat.awaiting == "home_division"
    chat = _english_at_name()
    for text in ["Li Ming", "520526199003151220", "13712345670", "Weining county"]:
        chat.say(text)
    assert chat.answers.get("household_id") is None and chat.answers["home_division"]["code"] == "520526"


@pytest.mark.parametrize("text", ["干到过年就回去", "先做到年底再说", "干到年底"])
def test_work_going_on_until_a_time_to_come_at_a_check_in_is_in_post(text: str) -> None:
    """"干到过年就回去" at "您还在…上班吗?" was "没太明白, 请回复数字"; "先做到年底再说" opened a job-loss
    registration."""
    chat = _at_checkin()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed" and chat.answers["employer"] == "陈老板"
    assert chat.kinds("checkin_answered") and not chat.kinds("registration.submit")
    assert chat.awaiting == "checkin"


@pytest.mark.parametrize("text", ["娃大点再说", "等孩子上学了再看", "孙娃大了再出去"])
def test_work_when_the_child_is_older_is_later(text: str) -> None:
    """"娃大点再说" at "您想出去工作吗?" was taken for news of the child ("您家里人要找工作或登记…")."""
    chat = looking_at("willing_to_work")
    replies = chat.say(text)
    assert chat.answers["willing_to_work"] == "later" and not any("家里人" in reply for reply in replies)


def test_this_number_said_with_the_name_and_id_by_sms_is_the_phone() -> None:
    """"我是刘大山 身份证… 就用这个号" by SMS: the phone question came all the same, and 没有 / the home / the
    village typed after it were asked again as the phone."""
    chat = consented("sms")
    replies = chat.say("我是刘大山 身份证411526198506122318 就用这个号")
    assert chat.answers["phone"] == "+8613912345678" and chat.awaiting == "household_id"
    assert "手机号: 139****5678" in replies[0]


def test_this_number_on_wechat_is_still_asked() -> None:
    chat = consented()
    chat.say("我是刘大山 身份证411526198506122318 就用这个号")
    assert "phone" not in chat.answers and chat.awaiting == "phone"


@pytest.mark.parametrize("text", ["老板不给活干了", "没活给我干了"])
def test_no_work_given_is_a_lay_off(text: str) -> None:
    """"老板不给活干了" at the reason question was "请回复数字"."""
    chat = _at_checkin()
    chat.say("2")
    chat.say("10月底吧")
    assert chat.awaiting == "job_loss_reason"
    chat.say(text)
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "laid_off"


def test_no_at_the_years_after_insurance_taken_from_the_form_is_not_insured() -> None:
    """"没" at "交了几年?", just after "按交过失业保险算, 不对请直说", was "请说交了几年"."""
    chat = _at_checkin()
    for text in ["2", "10月底吧", "工地完工了"]:
        chat.say(text)
    assert chat.awaiting == "insured_years"
    replies = chat.say("没")
    assert chat.state["registration"]["answers"]["insured"] == "no" and chat.awaiting == "wants_services"
    assert replies[0] == "好的, 已改为 参加失业保险: 没交。"


@pytest.mark.parametrize("text", ["不知道 忘了村名", "记不得村子名字了"])
def test_a_village_forgotten_is_no_village(text: str) -> None:
    """"不知道 忘了村名" was saved as the home village."""
    chat = consented("sms")
    for said in ["黄金花", "43252419880715661X", "1", "不知道", "湖南新化"]:
        chat.say(said)
    assert chat.awaiting == "home_village"
    chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    chat.say("高桥村")
    assert chat.answers["home_village"] == "高桥村"


def test_work_told_with_complaints_in_one_long_message_is_kept() -> None:
    """"王小明 男 41岁 威宁县草海镇新发村的 在昆明工地上干钢筋 一天三百 干了两年了 合同没签 社保没有 工资年底结" at
    the name question kept the name and the home only: the complaints made it a rights report as a whole and
    the work was dropped (the status asked later as if not told)."""
    chat = consented()
    chat.say("王小明 男 41岁 威宁县草海镇新发村的 在昆明工地上干钢筋 一天三百 干了两年了 合同没签 社保没有 工资年底结")
    answers = chat.answers
    assert answers["name"] == "王小明" and answers["home_village"] == "新发村"
    assert answers["employment_status"] == "employed" and answers["work_division"]["code"] == "5301"
    assert answers["job_type"] == "钢筋工"


@pytest.mark.parametrize(("text", "reason"), [("老板没钱了 工地停了", "employer_closed"), ("工地停了", "laid_off")])
def test_the_boss_out_of_money_is_a_reason_not_hardship(text: str, reason: str) -> None:
    """"老板没钱了 工地停了" at the reason question was "家里的难处我们记下了" and "请回复数字"."""
    chat = _at_checkin()
    chat.say("2")
    chat.say("上个月28号")
    replies = chat.say(text)
    assert chat.state["registration"]["answers"]["job_loss_reason"] == reason
    assert not any("难处" in reply for reply in replies) and not chat.kinds("human_requested")


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_dont_know_at_the_employer_says_how_else_to_name_it(channel: str) -> None:
    """"不知道" at the employer question was "这一项要填 … 可以问问家里人再回复" again and again."""
    chat = consented(channel)
    employed_at(chat, "employer")
    replies = chat.say("不知道")
    assert "老板姓什么" in replies[0] and "家里人" not in replies[0] and chat.awaiting == "employer"
    chat.say("跟着包工头干")
    assert chat.answers["employer"] == "跟着包工头干"


def test_a_yes_no_questions_own_word_at_the_summary_changes_that_answer_and_saves_nothing() -> None:
    """"按时" at the summary (the wages recorded as late from a report) saved the form as if it were a yes."""
    chat = consented()
    employed_at(chat, "wages_on_time")
    chat.say("拖欠")
    assert chat.awaiting == "summary" and chat.answers["wages_on_time"] == "no"
    replies = chat.say("按时")
    # (talk10: a no on a right is asked about before it turns into a yes: see test_talk10_round10.py)
    assert chat.answers["wages_on_time"] == "no" and chat.awaiting == "summary" and not chat.kinds("form_submitted")
    replies = chat.say("1")
    assert chat.answers["wages_on_time"] == "yes" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已改为 工资按时足额发放: 是。" and not chat.kinds("form_submitted")
