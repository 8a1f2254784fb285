"""The lead's play-test of 2026-12-06: a Hezhang plumber-electrician on a Kunming site, by SMS through the survey
(tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.registration.fields import reason_in
from dialogs.flows.survey.beside import job_said
from dialogs.flows.survey.fields import parse_village
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest7 import _at_employer, _weekly
from tests.survey.test_talking_as_people_type import consented

RIGHTS_FIELDS = ("contract_signed", "social_insurance", "wages_on_time")


def _at_pay() -> Chat:
    chat = _at_employer()
    for text in ["包工头 姓刘", "不知道", "今年三月份去的"]:
        chat.say(text)
    assert chat.awaiting == "monthly_income"
    return chat


def _at_contract() -> Chat:
    chat = _at_pay()
    for text in ["一天两百五 按天算", "二十几天", "1"]:
        chat.say(text)
    assert chat.awaiting == "contract_signed"
    return chat


def test_the_days_of_a_day_rate_are_asked_again_after_a_rights_report_and_then_taken() -> None:
    """"没签 也没买保险" at "一天250元, 一个月大概干多少天?" was reported, then the whole pay asked again
    ("每月大概挣多少钱?"): "二十几天吧 看天气" was "没看懂金额", the day rate lost."""
    chat = _at_pay()
    assert chat.say("一天两百五 按天算")[-1] == "一天250元, 一个月大概干多少天?"
    replies = chat.say("没签 也没买保险")
    assert "没签劳动合同" in replies[0] and replies[-1] == "一天250元, 一个月大概干多少天?", replies
    chat.say("二十几天吧 看天气")
    assert chat.answers["monthly_income"] == 5000 and chat.awaiting == "employment_form"


def test_a_report_at_another_question_answers_both_questions_it_names() -> None:
    """The report "没签 也没买保险" kept only the insurance's answer; the contract question came later and
    "按时发的" (of the wages) was taken as a contract signed."""
    chat = _at_pay()
    chat.say("一天两百五 按天算")
    chat.say("没签 也没买保险")
    chat.say("二十几天吧")
    chat.say("1")
    assert (chat.answers["contract_signed"], chat.answers["social_insurance"]) == ("no", "no")
    assert chat.awaiting == "wages_on_time"


@pytest.mark.parametrize(("text", "field", "value"), [
    ("社保没交", "social_insurance", "no"),
    ("按时发的", "wages_on_time", "yes"),
    ("工资按时发的", "wages_on_time", "yes"),
])
def test_an_answer_naming_another_rights_question_goes_to_that_question(text: str, field: str, value: str) -> None:
    """"社保没交" at "签劳动合同了吗?" recorded the contract as not signed; "按时发的" as signed."""
    chat = _at_contract()
    replies = chat.say(text)
    assert {k: v for k, v in chat.answers.items() if k in RIGHTS_FIELDS} == {field: value}, replies
    assert chat.awaiting == "contract_signed" and replies[0].startswith("好的, 已记下"), replies


@pytest.mark.parametrize("text", ["没有他电话", "没他电话", "不晓得老板的号码", "没存包工头电话"])
def test_no_number_for_the_employer_is_not_known(text: str) -> None:
    """"没有他电话" at the employer's phone question was "电话好像不对"."""
    chat = _at_employer()
    chat.say("包工头 姓刘")
    assert chat.awaiting == "employer_contact"
    chat.say(text)
    assert chat.awaiting == "started" and chat.answers["employer_contact"] is None


@pytest.mark.parametrize("text", ["搞水电", "在工地搞水电", "干水电的", "水电"])
def test_plumbing_and_wiring_is_the_job_of_a_plumber_electrician(text: str) -> None:
    """"在昆明工地上 搞水电" saved the job "搞水电"."""
    assert job_said(text, at_job_question=True) == "水电工"


@pytest.mark.parametrize(("text", "village"), [("河镇乡 海雀村", "海雀村"), ("赫章县河镇乡海雀村", "海雀村"),
                                               ("威宁县草海镇新发村", "新发村")])
def test_a_township_with_zhen_in_its_name_is_not_part_of_the_village(text: str, village: str) -> None:
    """"河镇乡 海雀村" at the village question saved the village "乡 海雀村" (the township read as 河镇)."""
    assert parse_village(text, Chat(channel="sms").ctx) == village


@pytest.mark.parametrize("text", ["活干完了 包工头说过完年再喊我", "活干完了嘛", "活都干完了"])
def test_work_finished_is_a_reason_for_the_job_loss(text: str) -> None:
    """"活干完了 包工头说过完年再喊我" at a check-in started the registration, which asked the reason anyway;
    "活干完了嘛" at the reason question was "请回复数字选择原因" (工地完工 was a reason, 活干完了 not)."""
    assert reason_in(text) == "employer_closed"


@pytest.mark.parametrize(("text", "code"), [("赫章县 白果镇 花园村", "520527002"), ("赫章白果镇", "520527002")])
def test_a_town_made_a_street_is_found_by_its_old_name(text: str, code: str) -> None:
    """"赫章县 白果镇 花园村" left the home at 赫章县: 白果镇 has been 白果街道 for years, people still say 镇."""
    location = nlu.understand(text, date(2026, 12, 6)).entities.location
    assert location is not None and location.code == code


def test_a_town_made_a_street_is_not_read_without_its_county() -> None:
    assert nlu.understand("白果镇", date(2026, 12, 6)).entities.location is None


@pytest.mark.parametrize("text", ["老人走了 想在附近找点活", "家里的老人去世了"])
def test_the_old_person_cared_for_who_died_is_a_bereavement(text: str) -> None:
    """"老人走了 想在附近找点活" at the 90-day check-in of someone caring for the old: no word of sympathy."""
    assert nlu.tells_bereavement(text)


@pytest.mark.parametrize(("text", "month"), [("过完年就来了 二月底", "2024-02"), ("二月底", "2024-02"),
                                             ("过完年来的", "2024-02"), ("去年5月", "2025-05")])
def test_the_month_after_a_year_said_keeps_that_year(text: str, month: str) -> None:
    """"前年来的" asked "是2025年的几月?"; "过完年就来了 二月底" then saved 2026年3月 (read alone: the last holiday)."""
    chat = _at_employer()
    chat.say("包工头 姓刘")
    chat.say("不知道")
    assert chat.say("前年来的")[-1].startswith("是2024年的几月?")
    chat.say(text)
    assert chat.answers["started"] == month and chat.awaiting == "monthly_income"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_english_picked_from_the_menu_shows_the_menu_in_english(channel: str) -> None:
    """5 (English) at the menu said "Language set to English." and nothing else: what to reply was not said."""
    chat = Chat(channel=channel)
    chat.say("hi")
    replies = chat.say("5")
    assert replies[0] == "Language set to English." and "Find work" in replies[1] and chat.awaiting == "menu"
    assert chat.say("1")[0].startswith(("To record your work", "We need your name"))
    assert chat.awaiting == "consent"


def test_english_asked_for_at_a_question_asks_that_question_in_english() -> None:
    chat = _at_employer()
    replies = chat.say("English")
    assert replies[0] == "Language set to English." and len(replies) == 2 and chat.awaiting == "employer"


def test_confirming_the_insurance_taken_from_the_form_is_understood() -> None:
    """"按没交失业保险算, 交过请直说。" then the help question; "没买过" was "请回复数字" (交过 changed it, a yes to
    what it said was not understood)."""
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "打零工", "没有", "没有", "按时", "0"]:
        chat.say(text)
    chat.later(days=14)
    _fire(chat, "checkin", 1, employer="陈老板", work_place="贵阳")
    chat.say("厂子倒闭了 上个月底")
    assert chat.awaiting == "wants_services"
    replies = chat.say("没买过")
    assert replies[0] == "好的, 已记下: 参加失业保险: 没交。" and chat.awaiting == "wants_services", replies
    assert chat.state is not None and chat.state["registration"]["answers"]["insured"] == "no"


def _at_checkin() -> Chat:
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "打零工", "没有", "有", "按时", "0"]:
        chat.say(text)
    chat.later(days=14)
    _fire(chat, "checkin", 1, employer="陈老板", work_place="贵阳")
    return chat


@pytest.mark.parametrize("text", ["在的 老板人还行", "在 谢谢关心", "在的，挺好"])
def test_still_there_with_a_remark_after_it_answers_the_checkin(text: str) -> None:
    """"在的 老板人还行" at "您还在贵阳的陈老板那里上班吗?" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_not_gone_since_last_month_is_the_job_lost() -> None:
    """"上个月就没去了" at the check-in was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say("上个月就没去了")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize(("text", "code"), [("我不在贵阳了 去遵义了", "5203"), ("从东莞到了深圳", "4403"),
                                            ("去了深圳", "4403")])
def test_the_place_left_is_not_where_they_are(text: str, code: str) -> None:
    """"我不在贵阳了 去遵义了" at a check-in saved the new work place 贵阳 (the first place named)."""
    location = nlu.understand(text, date(2026, 12, 6)).entities.location
    assert location is not None and location.code == code


def test_a_move_to_another_city_told_at_the_checkin_records_the_new_city() -> None:
    chat = _at_checkin()
    chat.say("我不在贵阳了 去遵义了")
    assert chat.answers["work_division"]["code"] == "5203"


@pytest.mark.parametrize("text", ["快干完了 下个月不知道去哪", "马上完工了", "这个活干不了多久了"])
def test_work_ending_soon_is_work_at_risk_asked_again_in_a_week(text: str) -> None:
    """"快干完了 下个月不知道去哪" at the check-in went to the caseworker as a question and the check-in was asked
    again ("您还在贵阳的陈老板那里上班吗?")."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]
    assert chat.kinds("checkin_recheck") and chat.awaiting is None


@pytest.mark.parametrize("text", ["回家了 老婆生娃", "媳妇坐月子 我在家"])
def test_home_for_a_birth_in_the_family_is_not_the_speaker_ill(text: str) -> None:
    """"回家了 老婆生娃" at the check-in was answered "您安心休养" (as if the speaker were ill)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert replies[0].startswith("家里人要紧") and "休养" not in replies[0], replies


def _at_weekly() -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    chat.say("厂子倒闭了 上个月底")
    for text in ["1", "1", "4", "钢筋工", "会扎钢筋", "6000", "随时", "0"]:
        chat.say(text)
    assert chat.awaiting is None
    chat.later(days=7)
    _weekly(chat, 2, "2027-01-04")
    return chat


@pytest.mark.parametrize(("text", "answer"), [
    ("找了几个都不要我", "still_looking"), ("年纪大了没人要", "still_looking"), ("还那样", "still_looking"),
    ("过完年再说", "not_looking"),
])
def test_the_weekly_checkin_of_someone_looking_understands_how_it_goes(text: str, answer: str) -> None:
    """"找了几个都不要我", "年纪大了没人要", "还那样", "过完年再说" at "最近找工作有进展吗?" were "没太明白"."""
    chat = _at_weekly()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == answer


def _at_unable_checkin() -> Chat:
    chat = _at_status()
    chat.jobs = []
    chat.say("在家照顾老人 出不去")
    chat.say("0")
    chat.later(days=90)
    _fire(chat, "checkin", 1, status="unable", employer=None, work_place=None, due_date="2027-03-01")
    return chat


@pytest.mark.parametrize("text", ["老人住院了 我在医院陪着", "明年开春再看", "我都六十多了 干不动了", "娃还小 走不开"])
def test_the_checkin_of_someone_unable_to_work_understands_not_yet(text: str) -> None:
    """"老人住院了 我在医院陪着" was read as work found at a hospital (the form's employer: 医院); "明年开春再看" and
    "我都六十多了 干不动了" were "没太明白"; someone caring for a child was told "您安心休养"."""
    chat = _at_unable_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_yet"]
    assert chat.answers["employment_status"] == "unable" and "employer" not in chat.answers
    assert "休养" not in replies[0] and "身体和家里要紧" in replies[0], replies


@pytest.mark.parametrize(("text", "status"), [("刚从厂里出来 想歇一阵", "unemployed"), ("刚毕业 还没找", "unemployed"),
                                              ("在家待产", "unable")])
def test_the_status_said_in_passing_is_understood(text: str, status: str) -> None:
    """"刚从厂里出来 想歇一阵" and "刚毕业 还没找" at the status question were "请回复数字 1、2 或 3"; "在家待产"
    was out of work and asked whether she wants work."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == status


def test_not_looked_yet_is_no_unwillingness() -> None:
    """"刚毕业 还没找" saved 就业意愿: 不想工作 (还没找 read as a no to the next question) and went to the summary."""
    chat = _at_status()
    chat.say("刚毕业 还没找")
    assert "willing_to_work" not in chat.answers and chat.awaiting == "willing_to_work"
    chat.say("还没找呢")
    assert "willing_to_work" not in chat.answers and chat.awaiting == "willing_to_work"
    chat.say("想")
    assert chat.answers["willing_to_work"] == "yes"


@pytest.mark.parametrize("text", ["你们这个是干嘛的 国家的吗", "是政府的吗", "是不是人社局的"])
def test_who_runs_it_asked_in_passing_is_who_we_are(text: str) -> None:
    """"你们这个是干嘛的 国家的吗" at the menu got the welcome and the list of commands again."""
    chat = Chat(channel="wechat")
    chat.say("在不在")
    assert chat.say(text)[0].startswith("我们是就业帮扶服务, 由县人社部门的工作人员负责")


def test_a_company_with_guojia_in_its_name_is_no_question_about_us() -> None:
    chat = Chat(channel="wechat")
    chat.say("在不在")
    assert not chat.say("我在国家电网的")[0].startswith("我们是就业帮扶服务")


@pytest.mark.parametrize(("typed", "name"), [("阿卜杜热合曼·买买提依明", "阿卜杜热合曼·买买提依明"),
                                             ("阿依古丽•吐尔逊", "阿依古丽·吐尔逊"), ("王小明", "王小明")])
def test_a_long_name_joined_by_a_middle_dot_is_a_name(typed: str, name: str) -> None:
    """"阿卜杜热合曼·买买提依明" (12 characters and ·) was refused: "请告诉我您的名字, 比如: 王小明。"."""
    chat = consented("sms")
    chat.say(typed)
    assert chat.answers["name"] == name and chat.awaiting == "id_number"
