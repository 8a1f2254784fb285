"""talk14 (2026-12-07): the laborer's first contact and the survey as people type: the lead's known wrong answers
(the insurance and the day told before the registration, questions back at the ID question, not decided yet at
the willingness, 威宁县城关镇 and 长安镇, leftovers of the lead's play). Each test failed on the code before its fix
unless called a guard."""

from __future__ import annotations

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

_IDENTITY = ["彭小军", ID, "13712345678", "不知道", "麻阳县高村镇石羊村"]


def _to(chat: Chat, field: str, answers: list[str]) -> None:
    said = iter(answers)
    while chat.awaiting != field:
        chat.say(next(said))


def _registration(chat: Chat) -> dict[str, object]:
    return dict((chat.state or {}).get("registration", {}).get("answers") or {})


# -- 1. the insurance told before the registration -----------------------------------------------------------


def test_insurance_and_its_years_told_with_the_loss_at_first_contact_are_not_asked_again() -> None:
    """交了三年社保 厂子倒闭了 before consent: the registration asked "交过失业保险吗?" and then the years."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("交了三年社保 厂子倒闭了")
    chat.say("同意")
    _to(chat, "last_work_day", _IDENTITY)
    replies = chat.say("上个月底")
    assert _registration(chat)["insured"] == "yes" and _registration(chat)["insured_years"] == 3
    assert not any("交过失业保险" in reply or "交了几年" in reply for reply in replies), replies
    assert chat.awaiting == "wants_services"


def test_insurance_told_at_the_status_question_with_the_loss_is_not_asked_again() -> None:
    chat = consented()
    _to(chat, "employment_status", _IDENTITY)
    chat.say("交了三年社保 厂子倒闭了")
    chat.say("12月3号")
    assert _registration(chat)["insured"] == "yes" and _registration(chat)["insured_years"] == 3
    assert chat.awaiting == "wants_services"


def test_insurance_told_in_an_earlier_message_answers_the_registration() -> None:
    """我在厂里干了五年 交了三年社保 before consent, 厂子倒闭了 at the status question: insured for 3 years (the
    years of the insurance, not the five of the job)."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("我在厂里干了五年 交了三年社保")
    chat.say("同意")
    _to(chat, "employment_status", _IDENTITY)
    chat.say("厂子倒闭了")
    assert _registration(chat)["insured"] == "yes" and _registration(chat)["insured_years"] == 3
    assert chat.awaiting == "last_work_day"


def test_social_insurance_alone_asks_whether_it_held_unemployment_insurance_and_keeps_the_years() -> None:
    """交了三年社保 with nothing to say who paid it (rural 社保 may be the pension only): the registration's own
    question on what it held, never "交过失业保险吗", and the years are not asked after a yes."""
    chat = consented()
    _to(chat, "employment_status", _IDENTITY)
    chat.say("交了三年社保")
    chat.say("被辞退了")
    replies = chat.say("上个月底")
    assert any("社保里有失业保险吗" in reply for reply in replies), replies
    chat.say("1")
    assert _registration(chat)["insured"] == "yes" and _registration(chat)["insured_years"] == 3
    assert chat.awaiting == "wants_services"


# -- 2. the day said right after the news --------------------------------------------------------------------


@pytest.mark.parametrize(("day", "iso"), [("上个月底", "2026-10-31"), ("12月3号", "2025-12-03")])
def test_the_day_said_right_after_the_news_at_the_name_question_is_the_last_working_day(day: str, iso: str) -> None:
    """厂子倒闭了 at the name question, then the day: the day was dropped (and the unemployed questions came before
    the ID); now it is said back, the name asked again, and the registration does not ask it."""
    chat = consented()
    chat.say("厂子倒闭了")
    assert chat.awaiting == "name"
    replies = chat.say(day)
    assert replies[0].startswith("好的, 已记下: 最后上班日") and chat.awaiting == "name", replies
    _to(chat, "insured", _IDENTITY)
    assert _registration(chat)["last_work_day"] == iso


def test_the_day_said_after_the_news_at_the_privacy_notice_is_kept() -> None:
    chat = Chat()
    chat.event("subscribe")
    chat.say("厂子倒闭了")
    replies = chat.say("上个月底")
    assert "最后上班日: 10月31日" in replies[0] and chat.awaiting == "consent"
    chat.say("同意")
    _to(chat, "insured", _IDENTITY)
    assert _registration(chat)["last_work_day"] == "2026-10-31"


def test_day_and_news_in_one_message_at_the_name_question_ask_the_identity_first() -> None:
    """上个月底厂子倒闭了 at the name question: the identity questions first (the willingness was asked before the
    ID), then the registration with the day known."""
    chat = consented()
    chat.say("上个月底厂子倒闭了")
    assert chat.awaiting == "name"
    _to(chat, "insured", _IDENTITY)
    assert _registration(chat)["last_work_day"] == "2026-10-31"


def test_english_job_loss_at_the_name_question_asks_the_id_in_its_turn() -> None:
    chat = consented()
    chat.say("I lost my job, the factory closed")
    assert chat.awaiting == "name"
    chat.say("彭小军")
    assert chat.awaiting == "id_number"


# -- 3. questions back at the ID question --------------------------------------------------------------------


@pytest.mark.parametrize("question", ["电话还是要填吗", "手机号也要写吗"])
def test_is_the_phone_needed_too_at_the_id_question_is_answered(question: str) -> None:
    chat = consented()
    chat.say("彭小军")
    replies = chat.say(question)
    assert replies[0].startswith("手机号也要填") and "加密保存" in replies[0], replies
    assert replies[1] == "请输入您的18位身份证号码。" and chat.awaiting == "id_number"


@pytest.mark.parametrize("question", ["what do you need my ID for", "why do you need my ID number?"])
def test_what_the_id_is_for_in_english_is_answered(question: str) -> None:
    chat = consented()
    chat.say("English")
    chat.say("Li Wei")
    assert chat.awaiting == "id_number"
    replies = chat.say(question)
    assert replies[0].startswith("We need your ID number") and "encrypted" in replies[0], replies
    assert replies[1].startswith("Please enter your 18-character") and chat.awaiting == "id_number"


def test_what_the_id_is_for_in_chinese_is_answered() -> None:
    chat = consented()
    chat.say("彭小军")
    replies = chat.say("身份证号干嘛用的")
    assert replies[0].startswith("问这个是为了核对您是谁") and chat.awaiting == "id_number", replies


# -- 4. not decided yet at the willingness -------------------------------------------------------------------


@pytest.mark.parametrize("said", ["不清楚", "说不好", "还没想好呢", "不好说"])
def test_not_decided_at_the_willingness_is_later(said: str) -> None:
    chat = consented()
    _to(chat, "employment_status", _IDENTITY)
    chat.say("2")
    assert chat.awaiting == "willing_to_work"
    replies = chat.say(said)
    assert chat.answers["willing_to_work"] == "later" and "以后再说" in replies[0], replies


# -- 5. places -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["威宁县城关镇", "贵州威宁县城关镇"])
def test_a_township_the_county_named_does_not_have_is_said_with_its_own_name(said: str) -> None:
    """威宁县城关镇: "没找到…的“宁县城关镇”"; 贵州威宁县城关镇: 施秉县's 城关镇 was taken as the home."""
    chat = consented()
    _to(chat, "home_division", _IDENTITY)
    replies = chat.say(said)
    assert chat.answers["home_division"]["code"] == "520526"
    assert "“城关镇”" in replies[0], replies


def test_changan_town_alone_is_dongguans_and_with_its_county_that_countys() -> None:
    place = nlu.resolve_place("在长安镇上班")
    assert place is not None and place.code == "441900119"
    other = nlu.resolve_place("海宁长安镇")
    assert other is not None and other.code == "330481103"  # a guard


# -- 6. the lead's leftovers ---------------------------------------------------------------------------------


def test_a_trade_to_learn_said_by_someone_working_goes_to_the_caseworker() -> None:
    chat = consented()
    employed_at(chat, "monthly_income")
    replies = chat.say("想学个手艺")
    assert replies[0].startswith("好的, 您想学手艺的想法已转告工作人员"), replies
    assert [e.data["question"] for e in chat.kinds("question_referred")] == ["想学个手艺"]
    assert chat.awaiting == "monthly_income"


def test_a_shop_job_in_the_home_county_is_offered_flexible_work_when_no_option_fits() -> None:
    chat = consented()
    for said in ["刘小梅", "411526200203151621", "15937612345", "不知道", "潢川 卜塔集镇 马营村", "在县城理发店上班",
                 "步行街", "不知道", "学徒", "上个月", "两千"]:
        chat.say(said)
    assert chat.awaiting == "employment_form"
    replies = chat.say("都不是")
    assert "灵活就业" in replies[0] and "对吗" in replies[0], replies
    chat.say("1")
    assert chat.answers["employment_form"] == "flexible"


_LINKS = ["https://mp.weixin.qq.com/s/AbC123xyz", "看看这个 www.example.com/job?id=3 这个活靠谱吗"]


@pytest.mark.parametrize("said", _LINKS)
def test_a_link_pasted_mid_survey_is_not_referred_and_the_question_is_asked_again(said: str) -> None:
    chat = consented()
    _to(chat, "employment_status", _IDENTITY)
    replies = chat.say(said)
    assert replies[0].startswith("链接我们这边打不开") and replies[1].startswith("您现在的就业情况"), replies
    assert not chat.kinds("question_referred") and chat.awaiting == "employment_status"


def test_english_news_at_the_name_question_is_no_name_and_a_name_before_it_is_kept() -> None:
    """"I lost my job, the factory closed" at the name question was saved as the name."""
    chat = consented()
    chat.say("I lost my job, the factory closed")
    assert "name" not in chat.answers
    chat = consented()
    chat.say("my name is Li Wei, I lost my job")
    assert chat.answers["name"] == "Li Wei" and chat.awaiting == "id_number"  # a guard


def _looking(chat: Chat, field: str) -> None:
    _to(chat, field, [*_IDENTITY, "2", "1", "1", "4", "钢筋工"])


def test_two_trades_at_the_scope_question_are_the_skills_not_the_work_wanted() -> None:
    """扎钢筋 开过挖机 at "您想在哪里工作?" was recorded as the work wanted (扎钢筋、挖机)."""
    chat = consented()
    _looking(chat, "preferred_scope")
    replies = chat.say("扎钢筋 开过挖机")
    assert replies[0] == "好的, 已记下: 技能: 扎钢筋、开挖机。" and chat.awaiting == "preferred_scope", replies
    assert "desired_jobs" not in chat.answers


def test_two_trades_at_the_skills_question_are_written_as_trades() -> None:
    chat = consented()
    _looking(chat, "skills")
    chat.say("扎钢筋 开过挖机")
    assert chat.answers["skills"] == "扎钢筋、开挖机"


def test_a_shops_apprentice_is_the_shops_trade() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("理发店学徒")
    assert chat.answers["job_type"] == "理发"


def test_whether_the_id_card_is_to_be_photographed_is_answered() -> None:
    """身份证要拍照不 at the ID question was passed to a caseworker (found playing a laborer)."""
    chat = consented()
    chat.say("龙桂英")
    replies = chat.say("身份证要拍照不")
    assert replies[0].startswith("不用拍照") and not chat.kinds("question_referred"), replies
    assert chat.awaiting == "id_number"


# -- found playing laborers (WeChat and SMS) -----------------------------------------------------------------


@pytest.mark.parametrize(("said", "monthly"), [("一天三百 干二十五天", 7500), ("一天三百五 干二十来天", 7000)])
def test_a_day_rate_and_the_days_in_parts_of_their_own_are_the_months_pay(said: str, monthly: int) -> None:
    """一天三百 干二十五天 at the pay question asked "一个月大概干多少天?" (the days said without 月)."""
    chat = consented()
    employed_at(chat, "monthly_income")
    chat.say(said)
    assert chat.answers["monthly_income"] == monthly and chat.awaiting == "employment_form"


def test_working_alone_at_the_employer_question_is_no_employer() -> None:
    """打工 at "您在哪个单位或老板那里干?" was saved as the employer."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say("打工")
    assert "employer" not in chat.answers and chat.awaiting == "employer"


def test_a_boss_named_twice_the_same_surname_is_one_boss() -> None:
    """包工头姓刘 刘老板 at the employer question was kept as typed (or as the work address)."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say("包工头姓刘 刘老板")
    assert chat.answers["employer"] == "刘包工头"


def test_caring_at_home_and_wanting_work_told_before_the_status_question_is_looking() -> None:
    """在家带娃 想在附近找点活 at the ID question was recorded as "暂时不能工作" (it is looking, as at the status
    question)."""
    chat = consented()
    chat.say("王秀芝")
    chat.say("在家带娃 想在附近找点活")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"


def test_all_of_them_with_a_particle_at_the_help_wanted_is_every_help() -> None:
    """都要吧 at "您需要哪些帮助?" was "请回复数字" without end (都要 alone was taken)."""
    chat = consented()
    _to(chat, "employment_status", _IDENTITY)
    chat.say("2")
    chat.say("1")
    assert chat.awaiting == "service_needs"
    chat.say("都要吧")
    assert len(chat.answers["service_needs"]) == 6


@pytest.mark.parametrize("said", ["9 改成 2025年10月", "改成三千"])
def test_changing_an_answer_to_a_value_is_no_new_job(said: str) -> None:
    """"9 改成 2025年10月" (typed on SMS before the summary came) was read as "您换了工作": the job's answers went."""
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say(said)
    assert chat.answers["employer"] == "跟着包工头干" and not chat.kinds("employment_status_changed")


def test_a_yes_about_the_insurance_at_the_village_question_is_no_village() -> None:
    """有五险 at "您家在哪个村 (组)?" was saved as the village."""
    chat = consented()
    _to(chat, "home_village", ["彭小军", ID, "13712345678", "不知道", "麻阳县高村镇"])
    chat.say("有五险")
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"


def test_the_day_said_in_english_after_the_news_is_the_last_working_day_and_no_village() -> None:
    """"end of last month" after "I lost my job last month, the factory closed" at the village question was saved as
    the village, and the registration asked which day of October."""
    chat = consented()
    chat.say("English")
    _to(chat, "home_village", ["Huang Jie", ID, "13877012345", "don't know", "Debao county"])
    chat.say("I lost my job last month, the factory closed")
    replies = chat.say("end of last month")
    assert replies[0] == "All right, noted: Last working day: 31 October.", replies
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    chat.say("Xinhe village")
    assert _registration(chat)["last_work_day"] == "2026-10-31" and chat.awaiting == "insured"


def test_no_such_number_at_the_household_question_leaves_it_empty() -> None:
    """没有这个号 at the household number was "户编号好像不对"."""
    chat = consented()
    _to(chat, "household_id", _IDENTITY)
    chat.say("没有这个号")
    assert chat.answers["household_id"] is None and chat.awaiting == "home_division"
