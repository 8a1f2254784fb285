"""First contact and the survey as people type, talk18 (2026-12-07): a township said without its suffix (长安那边),
any work with a skill beside it, a half-day wish, 没签 at the notice, names as people are called, the gang boss
beside fellow villagers, and the days of a day rate not known (tests/survey/driver.py; each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

HOME = ("彭小军", ID, "13712345678", "不知道")
LOOKING = (*HOME, "威宁石门乡", "新华村", "2", "想", "1", "2")


def _at(field: str, *answers: str, channel: str = "wechat") -> Chat:
    chat = consented(channel)
    chat.jobs = []
    for text in answers:
        chat.say(text)
    assert chat.awaiting == field, chat.awaiting
    return chat


# -- 1. a township without 镇 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["长安那边", "长安这边", "长安那块"])
def test_a_township_said_without_its_suffix_at_the_work_address_makes_the_place_exact(text: str) -> None:
    """"长安那边" after 在东莞打工 kept 东莞 as the place of work (长安 alone is no place)."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "在东莞打工")
    replies = chat.say(text)
    assert chat.answers["work_division"]["code"] == "441900119"
    assert replies[0].startswith("好的, 已记下: 工作地: 广东省东莞市长安镇")
    assert chat.awaiting == "employer"


def test_a_township_without_its_suffix_before_the_employer_too() -> None:
    chat = _at("employer", *HOME, "威宁石门乡", "新华村", "在东莞打工", "不知道")
    chat.say("长安那边 宏达电子厂")
    assert chat.answers["work_division"]["code"] == "441900119" and chat.answers["employer"] == "宏达电子厂"


def test_a_home_township_without_its_suffix_at_the_village_question_refines_the_home() -> None:
    """"盐仓那边" after 威宁 was saved as the village 盐仓."""
    chat = _at("home_village", *HOME, "威宁")
    chat.say("盐仓那边")
    assert chat.answers["home_division"]["code"] == "520526115" and "home_village" not in chat.answers
    assert chat.awaiting == "home_village"
    chat.say("海边村")
    assert chat.answers["home_village"] == "海边村"


def test_a_place_said_short_with_no_county_known_is_asked() -> None:
    """A guard: 盐仓那边 with no county said is asked for (the county, which makes it unambiguous)."""
    chat = _at("home_division", *HOME)
    chat.say("盐仓那边")
    assert "home_division" not in chat.answers and chat.awaiting == "home_division"


# -- 2. any work, with a skill beside it --------------------------------------------------------------------------

def test_any_work_with_a_skill_beside_it_at_the_work_wanted() -> None:
    """"啥都干得 会砌砖" kept 啥都干得 as the work wanted."""
    chat = _at("desired_jobs", *LOOKING)
    replies = chat.say("啥都干得 会砌砖")
    assert chat.answers["desired_jobs"] == "什么活都行" and chat.answers["skills"] == "砌砖"
    assert replies[0] == "好的, 已记下: 意向工作: 什么活都行; 技能: 砌砖。"


def test_any_work_with_a_skill_beside_it_at_the_willingness() -> None:
    """"想 啥都干得 会砌砖" at 您想出去工作吗 recorded 砌砖 as the work wanted."""
    chat = _at("willing_to_work", *HOME, "威宁石门乡", "新华村", "2")
    chat.say("想 啥都干得 会砌砖")
    assert chat.answers["willing_to_work"] == "yes"
    assert chat.answers["desired_jobs"] == "什么活都行" and chat.answers["skills"] == "砌砖"


def test_any_work_at_the_status_question_is_a_wish_too() -> None:
    """"没活干 啥都干得 会砌砖" at the status question lost the wish and the skill (the willingness was asked)."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    chat.say("没活干 啥都干得 会砌砖")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.answers["desired_jobs"] == "什么活都行" and chat.answers["skills"] == "砌砖"


@pytest.mark.parametrize(("text", "wished"), [
    ("干啥都行", "什么活都行"), ("什么活都可以", "什么活都行"),
    ("保安 啥都行", "保安"),  # a guard: a job named is the wish
    ("保洁", "保洁"),  # a guard
])
def test_any_work_alone(text: str, wished: str) -> None:
    chat = _at("desired_jobs", *LOOKING)
    chat.say(text)
    assert chat.answers["desired_jobs"] == wished


def test_no_skill_is_no_wish_for_any_work() -> None:
    """A guard: 啥都不会 at the work wanted is no skill, not any work."""
    chat = _at("desired_jobs", *LOOKING)
    chat.say("啥都不会")
    assert chat.answers.get("desired_jobs") != "什么活都行"


# -- 3. a half-day wish -------------------------------------------------------------------------------------------

def test_a_half_day_wish_told_at_the_status_question_reaches_the_summary() -> None:
    """"没活干 想找个半天的活" at the status question: the half day was lost (only the looking questions kept it)."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    replies = chat.say("没活干 想找个半天的活")
    assert any("半天" in reply for reply in replies), replies
    for text in ("1", "1", "不知道", "不会", "3000"):
        chat.say(text)
    replies = chat.say("过完年")
    assert "半天" in chat.answers["desired_jobs"]
    assert chat.awaiting == "summary" and "半天" in replies[-1]


def test_a_half_day_wish_beside_the_job_at_the_status_question() -> None:
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    replies = chat.say("没活干 想找个保洁的活 只能干半天")
    assert chat.answers["desired_jobs"] == "保洁 (只能干半天)"
    assert "意向工作: 保洁 (只能干半天)" in replies[0]


def test_a_morning_only_wish_is_a_condition() -> None:
    """"上午能干" at the work wanted was saved as the work wanted."""
    chat = _at("desired_jobs", *LOOKING)
    chat.say("上午能干")
    assert "desired_jobs" not in chat.answers and chat.awaiting == "desired_jobs"
    chat.say("保洁")
    assert chat.answers["desired_jobs"] == "保洁 (上午能干)"


def test_night_shifts_of_someone_at_work_are_no_condition() -> None:
    """A guard: 在厂里上夜班 from someone working keeps no condition for a wish."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    chat.say("在厂里上夜班")
    assert not (chat.state or {})["survey"].get("conditions")


# -- 4. 没签 at the notice ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_not_signed_at_the_notice_is_no_refusal(channel: str) -> None:
    """"没签" at 您同意吗? was taken as a refusal and the survey ended."""
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    chat.event("subscribe") if channel == "wechat" else chat.say("我要登记")
    replies = chat.say("没签")
    assert chat.awaiting == "consent" and not chat.kinds("consent_refused")
    assert "不用签字" in replies[0] and "1" in replies[-1]
    chat.say("1")
    assert chat.awaiting == "name"


def test_a_refusal_at_the_notice_is_still_a_refusal() -> None:
    """A guard."""
    chat = Chat(channel="wechat", address="u1")
    chat.event("subscribe")
    chat.say("不同意")
    assert chat.kinds("consent_refused") and chat.awaiting is None


# -- 5. names as people are called --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["二妹", "三娃", "幺妹"])
def test_a_place_among_siblings_said_alone_is_no_name(text: str) -> None:
    """二妹 was saved as the name."""
    chat = consented()
    replies = chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"
    assert replies[0].startswith(f"好的, {text}。")


def test_a_surname_and_a_place_among_siblings_is_recorded_and_the_card_name_can_follow() -> None:
    """杨老四 was saved silently; it is kept (some ID cards say so), with a word that the card's name can be sent,
    and the card's name sent at the next question replaces it."""
    chat = consented()
    replies = chat.say("杨老四")
    assert chat.answers["name"] == "杨老四" and chat.awaiting == "id_number"
    assert "身份证上的名字不一样" in replies[0]
    replies = chat.say("杨德明")
    assert chat.answers["name"] == "杨德明" and chat.awaiting == "id_number"
    assert replies[0] == "好的, 已改为 姓名: 杨德明。"
    chat.say(ID)
    assert chat.answers["id_number"] == ID and chat.awaiting == "phone"


def test_a_plain_name_is_not_changed_by_a_word_at_the_next_question() -> None:
    """A guard: after 彭小军, a surname-led word at the ID question is no new name."""
    chat = consented()
    chat.say("彭小军")
    chat.say("彭家湾")
    assert chat.answers["name"] == "彭小军"


# -- 6. the gang boss beside fellow villagers ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["跟着老乡干 包工头姓王", "跟老乡一起干的 包工头姓王"])
def test_fellow_villagers_and_the_gang_boss_named_at_the_employer(text: str) -> None:
    """"跟着老乡干 包工头姓王" was kept as typed for the employer; the boss named is the employer, as 包工头姓王 is."""
    chat = _at("employer", *HOME, "威宁石门乡", "新华村", "在东莞打工", "不知道")
    chat.say(text)
    assert chat.answers["employer"] == "王包工头" and chat.awaiting == "employer_contact"


# -- 7. the days of a day rate not known --------------------------------------------------------------------------

def _at_days() -> Chat:
    chat = _at("monthly_income", *HOME, "威宁石门乡", "新华村", "在东莞打工", "不知道", "宏达电子厂", "不知道", "普工",
               "去年三月")
    replies = chat.say("一天两百")
    assert replies == ["一天200元, 一个月大概干多少天?"]
    return chat


def test_the_days_not_known_record_the_month_at_the_usual_days() -> None:
    """"看活多活少" then "不一定" at the days left the pay empty and lost the day rate."""
    chat = _at_days()
    replies = chat.say("看活多活少")
    assert chat.answers["monthly_income"] == 4000 and chat.awaiting == "employment_form"
    assert replies[0] == "好的, 一天200元, 天数说不准, 表上先按每月20天记为每月4000元, 不对的话核对时可以改。"


def test_two_answers_that_say_no_days_record_the_month_at_the_usual_days() -> None:
    """Two replies off the point: the days asked again once (with the day rate, not "请说每月多少钱"), then the
    month counted and said."""
    chat = _at_days()
    replies = chat.say("老板人还行")
    assert chat.awaiting == "monthly_income" and "一天200元" in replies[0] and "不知道" in replies[0]
    chat.say("嗯")
    assert chat.answers["monthly_income"] == 4000 and chat.awaiting == "employment_form"


def test_the_days_said_after_a_miss_are_the_days() -> None:
    """A guard: the days said after one reply off the point count as before."""
    chat = _at_days()
    chat.say("老板人还行")
    chat.say("二十五天")
    assert chat.answers["monthly_income"] == 5000


# -- 8. played as people type ---------------------------------------------------------------------------------------

def test_a_district_said_short_at_the_work_address() -> None:
    """"官渡那边" after 在昆明: 官渡区 (官渡 is also its 官渡街道: the district holding it is meant); it stayed 昆明."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "1", "在昆明工地上扎钢筋")
    chat.say("官渡那边")
    assert chat.answers["work_division"]["code"] == "530111" and chat.awaiting == "employer"


def test_a_year_taken_back_at_the_month_question_is_the_start_year() -> None:
    """"不对 是2019年" at "是2018年的几月?" was saved as the job type (工种: 2019年)."""
    chat = _at("started", *HOME, "威宁石门乡", "新华村", "1", "在昆明工地上扎钢筋", "官渡那边", "王包工头", "不知道")
    chat.say("2018年来的")
    replies = chat.say("不对 是2019年")
    assert chat.answers["job_type"] == "钢筋工"
    assert replies == ["是2019年的几月? 比如: 2019年3月。不记得可回复 不知道。"]
    chat.say("三月")
    assert chat.answers["started"] == "2019-03"


def test_a_yes_with_a_worry_beside_it_at_the_willingness() -> None:
    """"想出去 年纪大了 怕人家不要" at 您想出去工作吗 got "登记好了, 就能推荐…" and the question again."""
    chat = _at("willing_to_work", *HOME, "威宁石门乡", "新华村", "2")
    replies = chat.say("想出去 年纪大了 怕人家不要")
    assert chat.answers["willing_to_work"] == "yes" and chat.awaiting == "service_needs"
    assert replies[0] == "好的, 已记下: 就业意愿: 想工作。"


def test_a_no_with_a_reason_at_the_willingness_stays_no() -> None:
    """A guard."""
    chat = _at("willing_to_work", *HOME, "威宁石门乡", "新华村", "2")
    chat.say("不想出去 年纪大了")
    assert chat.answers["willing_to_work"] == "no"


def _employed_at_summary() -> Chat:
    return _at("summary", *HOME, "威宁石门乡", "新华村", "在东莞长安那边电子厂上班", "不知道", "不知道", "普工",
               "前年5月", "四千五左右", "1", "签了 交了 按时")


@pytest.mark.parametrize("text", ["8 不对 是厚街那边", "工作地不对 是厚街", "8 厚街"])
def test_a_township_said_short_at_the_summary_is_looked_for_in_the_city_on_record(text: str) -> None:
    """"工作地不对 是厚街" with 东莞长安镇 on record asked "您在哪里工作?" (厚街 alone is no place)."""
    chat = _employed_at_summary()
    assert chat.answers["work_division"]["code"] == "441900119"
    replies = chat.say(text)
    assert chat.answers["work_division"]["code"] == "441900122" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已改为 工作地: 广东省东莞市厚街镇。"


def test_any_work_beside_what_one_cannot_do() -> None:
    """"什么都能做 就是不会电脑" was kept as the work wanted and 电脑 recorded as a skill."""
    chat = _at("desired_jobs", *LOOKING)
    chat.say("什么都能做 就是不会电脑")
    assert chat.answers["desired_jobs"] == "什么活都行" and "skills" not in chat.answers
    assert chat.awaiting == "skills"


def test_any_work_and_a_condition_at_the_status_question_are_said_back_once() -> None:
    """"在屋头带娃 想找点活 么子都干得" at the status question: the wish was lost; now recorded with the condition,
    said back once (not the condition alone first)."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村", channel="sms")
    replies = chat.say("在屋头带娃 想找点活 么子都干得")
    assert chat.answers["desired_jobs"] == "什么活都行 (在屋头带娃)"
    assert sum("记下" in reply for reply in replies) == 1, replies


def test_a_year_taken_back_at_the_summary_keeps_the_month() -> None:
    """"不对 是2019年" at the summary, 2018年5月 on record, got "要修改请回复序号 1 到 18"."""
    chat = _at("summary", *HOME, "威宁石门乡", "新华村", "在东莞长安那边电子厂上班", "不知道", "不知道", "普工",
               "2018年5月", "四千五左右", "1", "签了 交了 按时")
    replies = chat.say("不对 是2019年")
    assert chat.answers["started"] == "2019-05" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已改为 开始时间: 2019年5月。"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_township_and_the_village_at_the_village_question_are_said_back_together(channel: str) -> None:
    """"高村镇 石羊村" at the village question (湖南麻阳 on record) said back the township alone."""
    chat = _at("home_village", *HOME[:2], "13712345678" if channel == "wechat" else "1", "不知道", "湖南麻阳",
               channel=channel)
    replies = chat.say("高村镇 石羊村")
    assert chat.answers["home_division"]["code"] == "431226106" and chat.answers["home_village"] == "石羊村"
    assert replies[0] == "好的, 已记下: 户籍地: 湖南省怀化市麻阳苗族自治县高村镇; 村(组): 石羊村。"


def test_a_township_said_short_with_two_of_that_name_in_the_city_is_asked() -> None:
    """"马场那边" after 在毕节打工: 毕节 has 大方县马场镇 and 织金县马场镇; it was kept as the address, the place of
    work left at the city. Which one is asked; the county named then makes it exact."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "在毕节打工")
    replies = chat.say("马场那边")
    assert replies[0] == "「马场」有好几个: 大方县马场镇、织金县马场镇。是哪个县的?" and chat.awaiting == "work_place"
    replies = chat.say("大方的")
    assert chat.answers["work_division"]["code"] == "520521103" and chat.answers["work_place"] == "马场"
    assert replies[0] == "好的, 已记下: 工作地: 贵州省毕节市大方县马场镇; 工作地址: 马场。"
    assert chat.awaiting == "employer"


def test_which_township_not_known_leaves_the_city() -> None:
    """A guard for this round's own question: 不知道 then leaves the city and goes on."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "在毕节打工")
    chat.say("马场那边")
    chat.say("不知道")
    assert chat.answers["work_division"]["code"] == "5205" and chat.awaiting == "employer"
    assert "town_asked" not in (chat.state or {})["survey"]


@pytest.mark.parametrize(("answers", "asked"), [
    (("2", "想", "1", "啥都行"), "desired_jobs"),  # at the scope: anywhere, the work wanted still asked
    (("2", "啥都行"), "service_needs"),  # at the willingness: yes
])
def test_anything_at_another_looking_question_is_not_the_work_wanted(answers: tuple[str, ...], asked: str) -> None:
    """A guard for this round's own change: 啥都行 answers the question it is said at; it names no work."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    for text in answers:
        chat.say(text)
    assert "desired_jobs" not in chat.answers and chat.awaiting == asked
