"""talk23 (2026-12-08): the survey and first contact as people type, last stop's leftovers
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

# An employed man's answers, from the name to the summary (insured, wages on time).
_EMPLOYED = ["我叫彭小军 湖南麻阳人 在长沙一个工地上干活", ID, "13712345678", "不知道", "高村镇石羊村",
             "河西那边", "跟着包工头干", "不知道", "小工", "去年三月", "五千", "1", "没签", "交了", "按时"]
_TO_STATUS = ["张三", ID, "13712345678", "不知道", "高村镇石羊村"]


def _at(field: str, channel: str = "wechat") -> Chat:
    chat = consented(channel)
    answers = iter(_EMPLOYED)
    while chat.awaiting != field:
        chat.say(next(answers))
    return chat


def _at_status() -> Chat:
    chat = consented()
    for text in _TO_STATUS:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


# -- 1. no insurance told by someone whose form says insured --------------------------------------------------------

@pytest.mark.parametrize("text", ["养老保险没买过", "我没买保险", "没交保险 能不能领钱"])
def test_no_insurance_told_at_the_summary_corrects_the_insured_answer(text: str) -> None:
    """"养老保险没买过" at the summary of someone who had answered 交了: the case for no insurance went to the
    caseworker, and the summary shown right after still said 缴纳社保: 是. Now the answer is 否, said back."""
    chat = _at("summary")
    assert chat.answers["social_insurance"] == "yes"
    replies = chat.say(text)
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["no_social_insurance"]
    assert chat.answers["social_insurance"] == "no"
    assert "好的, 已记下: 缴纳社保: 否。" in replies and "17. 缴纳社保: 否" in replies[-1], replies


def test_no_insurance_told_with_nothing_on_record_is_still_the_answer_ahead() -> None:
    """A guard: 没买保险 at the way of working, the insurance not yet asked: the answer ahead, as before."""
    chat = _at("employment_form")
    chat.say("没买保险")
    assert chat.answers["social_insurance"] == "no"


# -- 2. where: 不对 是在深圳 at the summary; 在厚街那边 at the address ---------------------------------------------

@pytest.mark.parametrize("text", ["不对 是在深圳", "不是长沙 是深圳", "不对 在深圳打工"])
def test_a_new_city_said_at_the_summary_is_the_place_of_work(text: str) -> None:
    """"不对 是在深圳" at the summary, 长沙 on record as the place of work: it was "要修改请回复序号 1 到 18" and
    nothing changed. Now the place of work is 深圳 (the address of 长沙 dropped), the home untouched."""
    chat = _at("summary")
    replies = chat.say(text)
    assert chat.answers["work_division"]["code"] == "4403"
    assert chat.answers["home_division"]["code"] == "431226106"
    assert replies[0] == "好的, 已改为 工作地: 广东省深圳市。", replies


def test_a_home_said_at_the_summary_is_not_the_place_of_work() -> None:
    """A guard: 不对 户口是麻阳的 names the home; the place of work stays."""
    chat = _at("summary")
    chat.say("不对 户口是麻阳的")
    assert chat.answers["work_division"]["code"] == "4301"


@pytest.mark.parametrize(("text", "address"), [
    ("在厚街那边", "厚街"), ("河西那一块", "河西"), ("就在五一广场这边", "五一广场"),
])
def test_the_work_address_said_with_over_there_is_the_place_only(text: str, address: str) -> None:
    """"在厚街那边" at "具体的工作地址或工地?" was saved as 在厚街那边 (the 那边 kept in the address). Now 厚街."""
    chat = _at("work_place")
    chat.say(text)
    assert chat.answers["work_place"] == address


def test_an_address_with_its_street_is_kept_whole() -> None:
    """A guard: 五一路那边的工地 is more than a place said with 那边; kept as said."""
    chat = _at("work_place")
    chat.say("五一路那边的工地")
    assert chat.answers["work_place"] == "五一路那边的工地"


# -- 3. a wish for work at the status question --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wished"), [("想去钢筋工地干活", "钢筋工"), ("我想去工地扎钢筋", "钢筋工")])
def test_a_wish_for_work_at_the_status_question_is_looking(text: str, wished: str) -> None:
    """"想去钢筋工地干活" at "您现在的就业情况?" was read as 在工作 and "您在哪里工作?" asked. It is a wish: out of
    work and looking, the work kept as the work wished (我想去工地扎钢筋 is a guard: it was read so already)."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["desired_jobs"] == wished
    assert chat.answers["willing_to_work"] == "yes" and chat.awaiting != "work_division"


def test_work_held_and_a_change_wished_is_still_working() -> None:
    """A guard: 在工地干活 想换个工作 tells work held."""
    chat = _at_status()
    chat.say("在工地干活 想换个工作")
    assert chat.answers["employment_status"] == "employed"


# -- 4. / 7. the job as said: 在饭店做饭, 做快递分拣 ----------------------------------------------------------

@pytest.mark.parametrize(("text", "job"), [
    ("在饭店做饭", "厨师"), ("食堂里炒菜", "厨师"), ("做快递分拣", "快递分拣"), ("弄电焊", "电焊"), ("干装修", "装修"),
    ("当保安", "保安"),
])
def test_the_job_said_with_its_verb_is_the_job_only(text: str, job: str) -> None:
    """"做快递分拣" at "您做什么工作?" was saved as 做快递分拣, "弄电焊" as 弄电焊, "在饭店做饭" as 在饭店做饭. Now the
    job as the form writes it (干装修, 当保安 are guards)."""
    chat = _at("job_type")
    chat.say(text)
    assert chat.answers["job_type"] == job and chat.awaiting == "started"


def test_cooking_in_a_restaurant_at_the_status_question_is_a_cooks_job() -> None:
    """"在东莞一个饭店做饭" at the status question: the restaurant was taken as the employer, the job left to ask
    (做饭 is no job word). Now 厨师 too."""
    chat = _at_status()
    replies = chat.say("在东莞一个饭店做饭")
    assert chat.answers["employer"] == "饭店" and chat.answers["job_type"] == "厨师"
    assert "工种: 厨师" in replies[0]


def test_cooking_at_home_is_no_job() -> None:
    """A guard: 在家做饭 带孩子 at the status question is no cook's job."""
    chat = _at_status()
    chat.say("在家做饭 带孩子")
    assert "job_type" not in chat.answers


# -- 6. a first job ------------------------------------------------------------------------------------------------

def test_a_first_time_out_to_work_gets_a_kind_word_once() -> None:
    """"第一次出来打工" at the status question (a 19-year-old): not a word for it. Now a short kind word, once."""
    chat = _at_status()
    replies = chat.say("第一次出来打工")
    assert replies[0] == "第一次出来打工, 不容易。有啥不懂的, 随时问我们。" and chat.awaiting == "work_division"
    replies = chat.say("东莞 第一次出来打工")
    assert not any("不容易" in reply for reply in replies)


def test_a_first_time_out_not_yet_working_is_not_asked_whether_they_want_work() -> None:
    """"第一次出来打工 还没找到活": out of work, and "您想出去工作吗?" was asked of someone who just said they came out
    to work. Now the kind word, and wanting work is taken as said."""
    chat = _at_status()
    replies = chat.say("第一次出来打工 还没找到活")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert "不容易" in replies[0] and chat.awaiting == "service_needs"
    assert not any("您想出去工作吗" in reply for reply in replies)


# -- 9. 可以 at a newcomer's menu -------------------------------------------------------------------------------

def test_yes_at_a_newcomers_menu_by_sms_takes_its_first_offer() -> None:
    """"可以" after "菜单" from a newcomer by SMS: the menu again ("请回复数字选择…"). Now its first entry,
    registering: the notice."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("菜单")
    replies = chat.say("可以")
    assert chat.awaiting == "consent" and "同意吗" in replies[-1], replies


def test_a_bare_ok_at_a_newcomers_menu_is_still_the_menu() -> None:
    """A guard: 好的 at a newcomer's menu (an acknowledgement) still gets the menu again."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("菜单")
    replies = chat.say("好的")
    assert replies[-1].startswith("请回复数字选择"), replies


# -- 10. 嗯? at the privacy notice ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["嗯?", "嗯？", "啊?", "？？"])
def test_a_puzzled_sound_at_the_notice_is_not_consent(text: str) -> None:
    """"嗯?" at "…您同意吗?" was taken as agreeing ("谢谢您的同意。请问您的姓名?"). A question mark is no consent: the
    notice in one short line, and the question again."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say(text)
    assert chat.awaiting == "consent" and not (chat.state or {}).get("consent")
    assert replies[0].startswith("简单说: 您同意, 我们才登记") and "1. 同意" in replies[0], replies
    chat.say("同意")
    assert chat.awaiting == "name"


def test_a_bare_yes_sound_at_the_notice_still_agrees() -> None:
    """A guard: 嗯 (no question mark) at the notice agrees, as before."""
    chat = Chat()
    chat.event("subscribe")
    chat.say("嗯")
    assert chat.awaiting == "name"


def test_a_puzzled_sound_by_sms_is_short() -> None:
    """"嗯?" at the SMS notice: the short line, one SMS."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("我要登记")
    replies = chat.say("嗯?")
    assert chat.awaiting == "consent" and replies[0].startswith("简单说") and len(replies[0]) <= 70, replies


# -- 5. 1, then 0 at the SMS summary ------------------------------------------------------------------------------

def test_nothing_changed_after_opening_an_item_of_the_sms_summary_is_said_short() -> None:
    """"1" at the SMS summary opened the name ("好的, 改第1项姓名。不用改回0。"); "0" there, as told, sent the whole
    summary again (three SMS). 0 means: no change. Now said so, with the confirm line; 0 again saves."""
    chat = _at("summary", "sms")
    chat.say("1")
    replies = chat.say("0")
    assert replies == ["好的, 姓名不改。", "没问题请回复 0 保存; 还要改别的, 回复 看 查看全部信息。"], replies
    chat.say("0")
    assert chat.kinds("form_submitted") and chat.awaiting is None


def test_nothing_changed_on_wechat_still_shows_the_summary() -> None:
    """A guard: on WeChat (one message) 0 at the item opened from the summary shows the summary again."""
    chat = _at("summary")
    chat.say("1")
    replies = chat.say("0")
    assert replies[-1].startswith("请核对您的信息"), replies


# -- played: first contacts as people type --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["想", "是", "要"])
def test_one_character_at_the_village_question_is_no_village(text: str) -> None:
    """"想" at "您家在哪个村 (组)?" (typed for the question the person expected next) was saved as the village 想.
    One character names no village: the question again (是, 要 are guards: refused before too)."""
    chat = consented()
    for said in ["张三", ID, "13712345678", "不知道", "威宁迤那镇"]:
        chat.say(said)
    assert chat.awaiting == "home_village"
    chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"


@pytest.mark.parametrize("text", ["哦 那同意吧", "那就同意吧", "我同意了"])
def test_agreeing_in_a_few_more_words_at_the_notice_agrees(text: str) -> None:
    """"哦 那同意吧" at "…您同意吗?" (after asking what this is) got "请回复 1 同意, 或 2 不同意。" again: the 那…吧
    around 同意 hid it. Now agreement."""
    chat = Chat()
    chat.event("subscribe")
    chat.say(text)
    assert chat.awaiting == "name" and (chat.state or {})["consent"]["given"] is True


@pytest.mark.parametrize("text", ["那不同意吧", "我不同意的"])
def test_refusing_in_a_few_more_words_at_the_notice_refuses(text: str) -> None:
    """"那不同意吧", "我不同意的" at the notice got the question again; 不同意 in those words refuses."""
    chat = Chat()
    chat.event("subscribe")
    chat.say(text)
    assert (chat.state or {})["consent"]["given"] is False


@pytest.mark.parametrize("text", ["不对 是新华村", "第6项不对 是新华村"])
def test_a_village_named_at_the_summary_keeps_its_village_word(text: str) -> None:
    """"不对 是新华村" at the summary saved the village as 新华 ("已改为 村(组): 新华"): the 村 ending the name was read
    as the field named. Now 新华村 (by number it was right already: a guard)."""
    chat = _at("summary")
    replies = chat.say(text)
    assert chat.answers["home_village"] == "新华村" and replies[0] == "好的, 已改为 村(组): 新华村。", replies


def test_a_township_said_at_the_summary_is_no_village_cut_in_two() -> None:
    """"不对 是高村镇" at the summary saved the village as "高 镇". Now no such village: the village is asked."""
    chat = _at("summary")
    chat.say("不对 是高村镇")
    assert chat.answers["home_village"] != "高 镇"


def test_the_home_county_said_at_the_summary_is_not_taken_as_the_place_of_work() -> None:
    """A guard of the fix above: 不对 是麻阳 (the home county, no 在) could be the home or the work: nothing changed."""
    chat = _at("summary")
    chat.say("不对 是麻阳")
    assert chat.answers["work_division"]["code"] == "4301"


@pytest.mark.parametrize(("text", "job"), [("跟我老乡在工地干小工", "小工"), ("我在那个厂里面做那个包装的", "包装")])
def test_the_job_said_with_whom_and_where_by_voice_is_the_job(text: str, job: str) -> None:
    """"我在那个厂里面做那个包装的" (voice input, 那个 while thinking) at "您做什么工作?" was saved whole as the job;
    so was "跟我老乡在工地干小工". Now the job only."""
    chat = _at("job_type")
    chat.say(text)
    assert chat.answers["job_type"] == job
