"""The survey as people type, talk19 (2026-12-07): a changed form said back on SMS without the whole summary again,
a health limit at the summary, the address kept when which township is not known, the town of a workplace, the
place of a wish, a nickname (tests/survey/driver.py; each test failed on the code before its fix unless called a
guard)."""

from __future__ import annotations

import pytest

from dialogs.flows.survey.late import clean_skills
from dialogs.flows.survey.vocabulary import health_limit
from dialogs.sms_text import parts
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

HOME = ("彭小军", ID, "13712345678", "不知道")
LOOKING = (*HOME, "威宁石门乡", "新华村", "2", "想", "1", "2", "保安")
EMPLOYED = ("威宁石门乡", "新华村", "在东莞长安那边电子厂上班", "不知道", "不知道", "普工", "前年5月", "四千五左右",
            "1", "签了 交了 按时")


def _at(field: str, *answers: str, channel: str = "wechat") -> Chat:
    chat = consented(channel)
    chat.jobs = []
    for text in answers:
        chat.say(text)
    assert chat.awaiting == field, chat.awaiting
    return chat


def _sms_employed_at_summary() -> Chat:
    return _at("summary", *HOME[:2], "1", "不知道", *EMPLOYED, channel="sms")


# -- 1. a change on SMS: what changed, not the whole form -----------------------------------------------------------

def test_a_correction_at_the_sms_summary_is_said_back_with_the_confirm_line_alone() -> None:
    """"8 宏达电子厂" at the SMS summary sent the whole form again (183 characters, three parts) after the change."""
    chat = _sms_employed_at_summary()
    replies = chat.say("8 宏达电子厂")
    assert chat.answers["employer"] == "宏达电子厂" and chat.awaiting == "summary"
    assert replies == ["好的, 已改为 工作单位: 宏达电子厂。", "没问题请回复 0 确认, 要修改请回复序号 1 到 15。"]


def test_an_answer_picked_by_number_at_the_sms_summary_shows_that_item_alone() -> None:
    chat = _sms_employed_at_summary()
    chat.say("11")
    replies = chat.say("5000")
    assert chat.answers["monthly_income"] == 5000
    assert replies == ["已记下:\n11月收入:5000\n对了回0确认, 要改回序号"]
    chat.say("0")
    assert chat.state is not None and chat.kinds("form_submitted")


def test_the_id_sent_after_the_form_was_saved_is_said_back_alone_on_sms() -> None:
    """The ID put off, the form saved, the ID sent later: the whole form came again (three parts)."""
    chat = _at("id_number", "彭小军", "晚点发", "1", "不知道", *EMPLOYED, channel="sms")
    chat.say("回头再说")
    chat.say("0")
    replies = chat.say(f"找到了 {ID}")
    assert chat.answers["id_number"] == ID and chat.awaiting == "summary"
    assert replies == ["已记下:\n2身份证:4312**2712\n对了回0确认, 要改回序号"]


def test_the_whole_form_on_sms_when_asked_for_and_when_opened_again() -> None:
    """A guard: 看 shows the whole form after a change, and so does 1 once the form is saved."""
    chat = _sms_employed_at_summary()
    chat.say("8 宏达电子厂")
    assert chat.say("看")[0].startswith("请核对:\n1姓名:彭小军")
    chat.say("0")
    assert chat.say("1")[0].startswith("请核对:\n1姓名:彭小军")


def test_wechat_keeps_the_whole_summary_after_a_change() -> None:
    """A guard (a decision): on WeChat, where length costs nothing, the whole form is shown again to check."""
    chat = _at("summary", *HOME, *EMPLOYED)
    replies = chat.say("单位是宏达电子厂")
    assert replies[-1].startswith("请核对您的信息:") and "工作单位: 宏达电子厂" in replies[-1]


def test_the_sms_summary_says_an_autonomous_county_and_a_masked_id_short() -> None:
    """威宁彝族回族苗族自治县石门乡 and 4312**********2712 took 19 of the employed summary's 183 characters."""
    chat = consented("sms")
    chat.jobs = []
    for text in (*HOME[:2], "1", "不知道", *EMPLOYED[:-1]):
        chat.say(text)
    summary = chat.say(EMPLOYED[-1])[-1]
    assert "\n2身份证:4312**2712\n" in summary and "\n3手机:139****5678\n" in summary
    assert "\n4户籍:威宁县石门乡\n" in summary
    assert len(summary) < 170 and parts(summary) == 3  # (still three parts: see the report)


# -- 2. a health limit -----------------------------------------------------------------------------------------

def test_a_health_limit_at_the_summary_of_someone_looking_goes_with_the_work_wished() -> None:
    chat = _at("summary", *LOOKING, "没有", "三千", "随时")
    replies = chat.say("腰椎间盘突出 干不了重活")
    assert chat.answers["desired_jobs"] == "保安 (腰椎间盘突出 干不了重活)"
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "summary"
    assert replies[0] == "好的, 记下了: 腰椎间盘突出 干不了重活。找工作时会照这个找。"


@pytest.mark.parametrize("status", ["employed", "unable"])
def test_a_health_limit_at_the_summary_otherwise_goes_to_the_caseworker(status: str) -> None:
    """From someone unable to work it got "回复 0 确认" only; from someone working the job was dropped and the
    status made unable (light work is still work)."""
    answers = EMPLOYED if status == "employed" else ("威宁石门乡", "新华村", "3")
    chat = _at("summary", *HOME, *answers)
    replies = chat.say("腰椎间盘突出 干不了重活")
    assert chat.answers["employment_status"] == status and chat.awaiting == "summary"
    assert replies[0] == "好的, 记下了: 腰椎间盘突出 干不了重活。已转告负责您的工作人员, 以后推荐工作会照顾到。"
    assert chat.kinds("question_referred")[-1].data["question"] == "腰椎间盘突出 干不了重活"
    if status == "employed":
        assert chat.answers["employer"] == "电子厂"


def test_a_health_limit_at_the_skills_question_is_no_skill() -> None:
    """It was recorded as the skill "腰椎间盘突出 干不了重活"."""
    chat = _at("skills", *LOOKING)
    chat.say("腰椎间盘突出 干不了重活")
    assert "skills" not in chat.answers and chat.awaiting == "skills"
    assert chat.answers["desired_jobs"] == "保安 (腰椎间盘突出 干不了重活)"


def test_unable_to_work_at_all_is_still_unable() -> None:
    """A guard: 身体不好 干不了活了 (no work at all, no kind of work named) from someone working is still news."""
    chat = _at("summary", *HOME, *EMPLOYED)
    chat.say("身体不好 干不了活了")
    assert chat.answers["employment_status"] == "unable"


# -- 3. which township not known: the address kept ------------------------------------------------------------

def test_which_township_not_known_keeps_the_address_as_said() -> None:
    """"马场那边", then 不知道 at "「马场」有好几个 …是哪个县的?": the address was left empty."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "在毕节打工")
    chat.say("马场那边")
    replies = chat.say("不知道")
    assert chat.answers["work_place"] == "马场" and chat.answers["work_division"]["code"] == "5205"
    assert replies[0] == "好的, 已记下: 工作地址: 马场。" and chat.awaiting == "employer"


def test_an_address_not_known_with_no_township_asked_stays_empty() -> None:
    """A guard: 不知道 at the address, nothing said before, leaves it empty."""
    chat = _at("work_place", *HOME, "威宁石门乡", "新华村", "在毕节打工")
    chat.say("不知道")
    assert chat.answers["work_place"] is None and chat.awaiting == "employer"


# -- 4. the town of a workplace said with the employer and the job ------------------------------------------------

@pytest.mark.parametrize("asked", ["work_place", "employer"])
def test_a_town_said_with_the_employer_and_the_job_makes_the_place_exact(asked: str) -> None:
    """"长安那边 宏达电子厂 做普工" after 在东莞打工: at the address the place of work stayed 东莞; at the employer
    question the job (普工) was lost."""
    chat = _at(asked, *HOME, "威宁石门乡", "新华村", "在东莞打工", *(("不知道",) if asked == "employer" else ()))
    replies = chat.say("长安那边 宏达电子厂 做普工")
    answers = chat.answers
    assert answers["work_division"]["code"] == "441900119"
    assert answers["employer"] == "宏达电子厂" and answers["job_type"] == "普工"
    assert replies[0] == "好的, 已记下: 工作地: 广东省东莞市长安镇; 工作单位: 宏达电子厂; 工种: 普工。"
    assert chat.awaiting == "employer_contact"


@pytest.mark.parametrize(("text", "limit"), [
    ("腰椎间盘突出 干不了重活", "腰椎间盘突出 干不了重活"),
    ("腰不好 不能久站", "腰不好 不能久站"),
    ("啥重活都能干", None),  # a guard: heavy work one can do is no limit
    ("就会干点力气活", None),
])
def test_what_a_health_limit_is(text: str, limit: str | None) -> None:
    assert health_limit(text) == limit


# -- 5. a wish with a place --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("answers", "text"), [
    (("2",), "想去深圳进厂"),  # at the willingness
    ((), "没活干 想去深圳进厂"),  # at the status question
])
def test_a_wish_with_a_place_keeps_the_place_with_the_work_wished(answers: tuple[str, ...], text: str) -> None:
    """"想去深圳进厂" kept the willingness and 外省, not the factory work nor 深圳."""
    chat = _at("willing_to_work" if answers else "employment_status", *HOME, "威宁石门乡", "新华村", *answers)
    replies = chat.say(text)
    assert chat.answers["preferred_scope"] == "other_provinces" and chat.answers["desired_jobs"] == "进厂 (深圳市)"
    assert "意向工作: 进厂 (深圳市)" in replies[0] and chat.awaiting == "service_needs"


def test_a_job_wished_with_a_place_keeps_both() -> None:
    chat = _at("willing_to_work", *HOME, "威宁石门乡", "新华村", "2")
    chat.say("想去宁波当保安")
    assert chat.answers["desired_jobs"] == "保安 (宁波市)"


# -- 6. a nickname ------------------------------------------------------------------------------------------------

def test_a_nickname_replaced_by_the_card_name_stays_in_the_forms_history() -> None:
    """A guard (the decision for the nickname, no migration): 杨老四 replaced by 杨德明 is a change of the form, and
    the change (old 杨老四, new 杨德明) is what the console's history table of the person shows."""
    chat = consented()
    chat.say("杨老四")
    chat.say("杨德明")
    changes = [e.data for e in chat.kinds("field_changed") if e.data["field"] == "name"]
    assert changes[-1]["old"] == "杨老四" and changes[-1]["new"] == "杨德明"


# -- 7. a township abolished ------------------------------------------------------------------------------------

def test_a_township_abolished_offers_the_divisions_that_replaced_it() -> None:
    """隆回桃洪镇: 桃洪镇 is no longer in the division list (split into 桃花坪街道 and 花门街道); it offered
    桃花坪街道、罗洪镇 (罗洪镇 a township of its own, only a character in common)."""
    chat = _at("home_division", *HOME)
    replies = chat.say("隆回桃洪镇")
    assert chat.answers["home_division"]["code"] == "430524"
    assert "现在分成了桃花坪街道、花门街道" in replies[0]  # (talk20: no longer "没找到", see test_talk20.py)
    chat.say("花门街道 大坪村")
    assert chat.answers["home_division"]["code"] == "430524002" and chat.answers["home_village"] == "大坪村"


# -- 8. from playing two newcomers --------------------------------------------------------------------------------

def test_a_health_limit_after_a_wished_place_keeps_the_place() -> None:
    """"想去深圳进厂", then "腰椎间盘突出 干不了重活": the place went (进厂 (腰椎间盘突出 干不了重活))."""
    chat = _at("willing_to_work", *HOME, "威宁石门乡", "新华村", "2")
    chat.say("想去深圳进厂")
    chat.say("1")
    chat.say("腰椎间盘突出 干不了重活")
    assert chat.answers["desired_jobs"] == "进厂 (深圳市、腰椎间盘突出 干不了重活)"


def test_wages_late_sometimes_as_the_last_of_several_answers() -> None:
    """"签了 交了 有时候拖几天": the wages question was asked after it all the same."""
    chat = _at("contract_signed", *HOME[:2], "1", "不知道", *EMPLOYED[:-1], channel="sms")
    replies = chat.say("签了 交了 有时候拖几天")
    assert chat.answers["wages_on_time"] == "no" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已记下: 签订劳动合同: 是; 缴纳社保: 是; 工资按时足额发放: 否。"


def test_a_trade_done_before_said_with_guo() -> None:
    """以前在厂里踩过缝纫机 was kept as 踩过缝纫机."""
    assert clean_skills("以前在厂里踩过缝纫机") == "踩缝纫机"


@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_wages_late_told_at_the_summary_change_the_wages_answer(channel: str) -> None:
    """"工资有时候拖" at the summary, wages on record as on time: reported to the caseworker while the form kept 是."""
    chat = _at("summary", *HOME[:2], "1" if channel == "sms" else "13712345678", "不知道", *EMPLOYED, channel=channel)
    replies = chat.say("工资有时候拖")
    assert chat.answers["wages_on_time"] == "no" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已改为 工资按时足额发放: 否。"
    chat.say("0")
    assert chat.kinds("form_submitted")[-1].data["answers"]["wages_on_time"] == "no"
