"""What the lead met playing a Weining day labourer by SMS (2026-12-06): the pay and the days worked said at the
employer question ("一天300 一个月干二十多天") left "一个月干二十多天" as the employer, and an item's number at the
summary after a rights report ("10 跟着包工头干 姓陈") went to the caseworker as the report's details, the
summary unchanged. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import facts_beside
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_talking_as_people_type import consented

GUIZHOU_ID = "520526199003151220"


def _at_employer() -> Chat:
    chat = consented("sms")
    for text in ["罗大勇", GUIZHOU_ID, "是", "不知道", "威宁县草海镇新发村", "在贵阳一个建筑工地干活 扎钢筋",
                 "贵阳市观山湖区"]:
        chat.say(text)
    assert chat.awaiting == "employer"
    return chat


@pytest.mark.parametrize("text", ["一天300 一个月干二十多天", "一个月干二十多天 一天300"])
def test_a_day_rate_and_its_days_at_the_employer_question_are_the_pay_not_the_employer(text: str) -> None:
    chat = _at_employer()
    replies = chat.say(text)
    assert "employer" not in chat.answers and chat.awaiting == "employer", (chat.answers, replies)
    assert chat.answers["monthly_income"] == 6000
    chat.say("陈老板")
    assert chat.answers["employer"] == "陈老板"


def test_days_beside_an_employer_go_with_the_day_rate() -> None:
    beside = facts_beside("陈老板的工地 一天300 一个月二十天")
    assert (beside.rest, beside.per_day, beside.monthly) == ("陈老板的工地", 300, 6000)


def test_days_said_with_no_day_rate_stay_with_the_words() -> None:
    beside = facts_beside("张老板 一个月干二十天 三千")
    assert beside.monthly == 3000 and "二十天" in beside.rest


def test_an_item_number_at_the_summary_after_a_rights_report_changes_the_item() -> None:
    chat = _at_employer()
    chat.say("陈老板")
    chat.say("没签 包工头带我们去的")  # at the employer's phone: reported (and the contract's answer, not asked again)
    for text in ["不知道", "今年九月", "6000", "打零工", "有", "按时"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    passed_on = len(chat.kinds("rights_details_told"))
    replies = chat.say("9 跟着包工头干 姓陈")  # (talk15: 9 since the SMS summary's numbers run without a gap)
    assert len(chat.kinds("rights_details_told")) == passed_on, replies
    # (talk13: the boss said with words around them is stored as 陈包工头, no longer as typed)
    assert chat.answers["employer"] == "陈包工头", chat.answers
    assert chat.awaiting == "summary"


@pytest.mark.parametrize(("employer", "asked"), [
    ("陈老板", "您还在贵阳的陈老板那里上班吗?"),
    ("宏达电子厂", "您还在贵阳的宏达电子厂上班吗?"),
])
def test_a_checkin_names_a_boss_as_a_person_worked_for(employer: str, asked: str) -> None:
    """"您还在贵阳市的陈老板上班吗?" reads as if 陈老板 were a firm."""
    replies = _fire(Chat(), "checkin", 1, employer=employer, work_place="贵阳")
    assert asked in replies[0], replies


@pytest.mark.parametrize(("text", "jobs"), [("还是干钢筋", "钢筋工"), ("干钢筋", "钢筋工"), ("就想干保安", "保安")])
def test_one_job_wanted_is_written_with_its_title(text: str, jobs: str) -> None:
    """"还是干钢筋" was read back "意向工作: 还是干钢筋" (with a second job named it was 钢筋工 already)."""
    chat = _at_status()
    for said in ["2", "想", "1", "4"]:
        chat.say(said)
    assert chat.awaiting == "desired_jobs"
    chat.say(text)
    assert chat.answers["desired_jobs"] == jobs


def _saved() -> Chat:
    """罗大勇's form saved: working for 陈老板 on a Guiyang site since September."""
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "打零工", "没有", "有", "按时", "0"]:
        chat.say(text)
    assert chat.kinds("form_submitted")
    chat.later(days=14)
    return chat


def test_the_site_finished_and_the_boss_let_people_go_is_the_reason_told() -> None:
    """"工地完工了 老板不要人了 这几天在家歇着" at a check-in: 完工 and 不要人 name two reasons, so the registration
    asked "是什么原因没了工作?" of someone who had just said it."""
    chat = _saved()
    _fire(chat, "checkin", 1, employer="陈老板", work_place="贵阳")
    chat.say("工地完工了 老板不要人了 这几天在家歇着")
    assert chat.awaiting == "last_work_day"
    chat.say("上礼拜六")
    assert chat.awaiting in ("insured", "insured_years")  # (the saved form may answer being insured)
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"


def test_a_reason_of_their_own_beside_the_boss_letting_go_is_asked() -> None:
    chat = _saved()
    _fire(chat, "checkin", 1, employer="陈老板", work_place="贵阳")
    chat.say("不想干了 老板也不要人了")
    chat.say("上礼拜六")
    assert chat.awaiting == "job_loss_reason"


def _event(chat: Chat, event: str, **payload: object) -> list[str]:
    return chat._run(chat._inbound(kind="event", event=event, payload=payload))


def _weekly(chat: Chat, fire: int, due: str) -> None:
    _fire(chat, "checkin", fire, status="unemployed", employer=None, work_place=None, due_date=due)


def test_weeks_of_silence_with_an_open_case_call_for_one_visit() -> None:
    """Weekly check-ins of someone out of work: each week's check-in went out before the visit step of the week
    before, which then found another check-in open and ended `not_needed` — weeks of silence, no visit."""
    chat = _saved()
    _weekly(chat, 1, "2026-12-28")
    chat.later(days=7)
    _weekly(chat, 2, "2027-01-04")
    _event(chat, "checkin.no_answer", fire=3, checkin="2026-12-28", visit_due_at="2027-01-07T10:00:00+08:00")
    chat.later(days=7)
    _weekly(chat, 4, "2027-01-11")
    _event(chat, "checkin.no_answer", fire=5, checkin="2027-01-04", visit_due_at="2027-01-14T10:00:00+08:00")
    visits = chat.kinds("visit_task_needed")
    # One visit for the whole silence: both steps name its first check-in (the task's key).
    assert [v.data["checkin"] for v in visits] == ["2026-12-28", "2026-12-28"]
    done = {e.data["fire"]: e.data["outcome"] for e in chat.kinds("checkin_fire_done")}
    assert done[3] == done[5] == "task_opened"


def test_an_answer_in_between_ends_the_silence() -> None:
    chat = _saved()
    _weekly(chat, 1, "2026-12-28")
    chat.later(days=1)
    chat.say("还在找")
    chat.later(days=6)
    _weekly(chat, 2, "2027-01-04")
    _event(chat, "checkin.no_answer", fire=3, checkin="2026-12-28", visit_due_at="2027-01-07T10:00:00+08:00")
    assert chat.kinds("visit_task_needed") == []
    chat.later(days=7)
    _weekly(chat, 4, "2027-01-11")
    _event(chat, "checkin.no_answer", fire=5, checkin="2027-01-04", visit_due_at="2027-01-14T10:00:00+08:00")
    assert [v.data["checkin"] for v in chat.kinds("visit_task_needed")] == ["2027-01-04"]


def test_a_checkin_that_took_over_from_a_change_left_at_the_summary_takes_it_up_again() -> None:
    """"手机号换了 13912345670", the summary to confirm with 0, then silence: the check-in days later took over, and
    once it was answered the change was never saved and nobody said so (the stored form kept the old number)."""
    chat = _saved()
    chat.say("手机号换了 13912345670")
    assert chat.awaiting == "summary"
    chat.later(days=3)
    _fire(chat, "checkin", 9, employer="陈老板", work_place="贵阳", due_date="2026-12-24",
          last_wrote_at=(chat.now - timedelta(days=3)).isoformat())
    assert chat.state["flow"] == "checkin"
    chat.say("1")
    replies = chat.say("1")  # wages, contract, insurance: all fine
    assert any("还没确认完" in reply for reply in replies), replies
    assert chat.awaiting == "summary" and chat.state["flow"] == "survey"
    chat.say("0")
    submitted = chat.kinds("form_submitted")
    assert submitted[-1].data["answers"]["phone"] == "+8613912345670"


def test_a_checkin_that_opened_a_registration_leaves_the_survey_to_it() -> None:
    chat = _saved()
    chat.say("手机号换了 13912345670")
    chat.later(days=3)
    _fire(chat, "checkin", 9, employer="陈老板", work_place="贵阳", due_date="2026-12-24",
          last_wrote_at=(chat.now - timedelta(days=3)).isoformat())
    replies = chat.say("厂子倒闭了")
    assert chat.awaiting == "last_work_day" and not any("还没确认完" in r for r in replies)


@pytest.mark.parametrize("text", ["在家带娃 想找点活", "娃上学了想找点活", "没上班，在家带娃，娃上学了想找点活"])
def test_caring_at_home_and_wanting_work_is_out_of_work_and_looking(text: str) -> None:
    """吴小梅 on WeChat: "在家带娃 想找点活" was 暂时不能工作 (带娃 picked the option) and the form went to its
    summary; "娃上学了想找点活" too (上学 read as hers); with 没上班 first, the wish was dropped (the part about
    the child was read as someone else's news, wish and all) and "您想出去工作吗?" asked."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers.get("willing_to_work") == "yes"


@pytest.mark.parametrize("text", ["在家带孙子 出不去", "在家带娃 想出去也走不开", "娃还小 离不开人"])
def test_caring_at_home_with_no_way_out_is_still_unable(text: str) -> None:
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unable"


def test_one_change_told_after_saving_is_said_back_not_the_whole_form() -> None:
    """"手机号换了 13912345670" by SMS brought the whole form back (18 lines, three messages) to confirm one number."""
    chat = _saved()
    replies = chat.say("手机号换了 13912345670")
    assert replies == ["好的, 已改为 手机号: 139****5670。", "没问题请回复 0 保存; 还要改别的, 回复 看 查看全部信息。"]
    assert chat.awaiting == "summary"
    shown = chat.say("看")
    assert shown[0].startswith("请核对:") and "3手机:139****5670" in shown[0]  # (the compact SMS summary)
    chat.say("0")
    assert chat.kinds("form_submitted")[-1].data["answers"]["phone"] == "+8613912345670"


@pytest.mark.parametrize(("text", "status"), [
    ("I work in a shoe factory in Dongguan", "employed"), ("I'm working in Dongguan", "employed"),
    ("I don't work now", "unemployed"), ("not working", "unemployed"),
])
def test_the_work_situation_said_in_english_sentences(text: str, status: str) -> None:
    """"I work in a shoe factory in Dongguan" at "What is your work situation now?" was "Please reply 1, 2 or 3"."""
    chat = consented("wechat")
    chat.state["locale"] = "en"
    for said in ["Li Ming", GUIZHOU_ID, "13985003333", "don't know", "Weining county Caohai town", "Xinfa village"]:
        chat.say(said)
    assert chat.awaiting == "employment_status"
    chat.say(text)
    assert chat.answers["employment_status"] == status


@pytest.mark.parametrize("text", ["下午四点要去接娃 有没有半天的", "有没有兼职的", "有没有轻松点的活"])
def test_asking_for_a_kind_of_work_by_its_hours_is_a_search(text: str) -> None:
    """"下午四点要去接娃 有没有半天的" went to the caseworker as a policy question (【政策咨询】)."""
    assert nlu.understand(text, date(2026, 12, 8)).intent == "seek_job"


@pytest.mark.parametrize("text", ["老板工资不按时发", "工资没按时发", "这个老板工资从来不按时"])
def test_wages_paid_late_told_with_no_dialog_open_is_a_rights_report(text: str) -> None:
    """policy7 saw "老板工资不按时发" with no dialog open answered "没太明白" and the menu."""
    chat = _saved()
    chat.say(text)
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")][-1:] == ["wage_arrears"]


def test_a_village_named_new_factory_is_a_village() -> None:
    """talk7 saw "新厂村三组" at the village question read as a job change ("知道了, 您换了工作")."""
    chat = consented("sms")
    for text in ["杨光明", GUIZHOU_ID, "是", "不晓得", "威宁县 迤那镇"]:
        chat.say(text)
    assert chat.awaiting == "home_village"
    replies = chat.say("新厂村三组")
    assert chat.answers["home_village"] == "新厂村三组" and not any("换了工作" in r for r in replies), replies


@pytest.mark.parametrize("text", ["身份证号不想给", "不方便给", "这个不想说"])
def test_declining_the_id_number_is_told_why_it_is_asked(text: str) -> None:
    """talk7 saw "身份证号不想给" answered "这一项要填" with no word on why it is asked or who sees it."""
    chat = consented("sms")
    chat.say("杨光明")
    assert chat.awaiting == "id_number"
    replies = chat.say(text)
    assert "只给负责您的工作人员看" in replies[0] and "以后再发" in replies[0], replies
    assert chat.awaiting == "id_number"
    chat.say(GUIZHOU_ID)
    assert chat.answers["id_number"] == GUIZHOU_ID


@pytest.mark.parametrize("text", ["电话就是这个微信的号", "就用这个号", "微信绑定的手机"])
def test_the_number_of_this_wechat_is_explained(text: str) -> None:
    """talk7 saw "电话就是这个微信的号" on WeChat answered "这不是有效的手机号", with no word that WeChat shows
    no number."""
    chat = consented("wechat")
    for said in ["杨光明", GUIZHOU_ID]:
        chat.say(said)
    assert chat.awaiting == "phone"
    replies = chat.say(text)
    assert replies[0].startswith("微信里看不到您的手机号"), replies
    assert chat.awaiting == "phone"


@pytest.mark.parametrize("text", ["在吗", "在不在?", "你好", "有人吗"])
def test_checking_we_are_there_at_a_question_is_answered_and_the_question_asked_again(text: str) -> None:
    """"在吗" at the employer question got "请告诉我单位或老板的名字", at a check-in "没太明白, 请回复数字"."""
    chat = _at_employer()
    assert chat.say(text) == ["您好, 在的!", "您在哪个单位或老板那里干? 比如: 富士康、张老板的砖厂。"]
    assert chat.awaiting == "employer"
    chat = _saved()
    _fire(chat, "checkin", 9, employer="陈老板", work_place="贵阳", due_date="2026-12-24")
    replies = chat.say(text)
    assert replies[0] == "您好, 在的!" and "陈老板那里上班吗" in replies[1]
    chat.say("1")
    assert chat.kinds("checkin_answered")


def test_a_greeting_after_days_at_a_question_is_still_welcome_back() -> None:
    chat = _at_employer()
    chat.later(days=3)
    assert chat.say("你好")[0] == "欢迎回来! 我们接着上次的继续。"


@pytest.mark.parametrize("text", ["想", "要的", "嗯", "需要"])
def test_yes_at_the_help_question_is_a_job_found_for_them(text: str) -> None:
    """talk7 saw "想" at the survey's "需要哪些帮助?" say "已记下: 就业意愿: 想工作" again and ask the same question."""
    chat = _at_status()
    chat.say("2")
    chat.say("想")
    assert chat.awaiting == "service_needs"
    chat.say(text)
    assert chat.answers["service_needs"] == ["job_referral"] and chat.awaiting == "preferred_scope"


@pytest.mark.parametrize(("text", "village"), [
    ("威宁县草海镇新发村", "新发村"), ("草海镇新发村", "新发村"), ("草海镇 新发村三组", "新发村三组"),
    ("新市村", "新市村"), ("新市村三组", "新市村三组"), ("城关镇东街村", "东街村"),
])
def test_the_village_said_after_its_county_and_township_is_the_village(text: str, village: str) -> None:
    """talk7 saw the township kept in the village ("威宁县草海镇新发村" saved whole as the village, the township also
    refining the home)."""
    chat = consented("sms")
    for said in ["杨光明", GUIZHOU_ID, "是", "不晓得", "威宁县"]:
        chat.say(said)
    assert chat.awaiting == "home_village"
    chat.say(text)
    assert chat.answers["home_village"] == village


def test_a_township_said_at_the_village_question_refines_the_home_and_the_village_is_asked() -> None:
    chat = consented("sms")
    for said in ["杨光明", GUIZHOU_ID, "是", "不晓得", "威宁县"]:
        chat.say(said)
    chat.say("威宁县草海镇")
    assert chat.answers["home_division"]["code"] == "520526100" and chat.awaiting == "home_village"
    chat.say("新发村")
    assert chat.answers["home_village"] == "新发村"


def test_none_said_stays_none_when_the_saved_form_is_opened_again() -> None:
    """"没啥手艺" read back 技能: 没有, but after "手机号换了 …" and 看 it read 技能: 不知道."""
    chat = _at_status()
    for said in ["2", "想", "1", "1", "啥都行", "没啥手艺", "两千五", "随时", "0"]:
        chat.say(said)
    assert chat.kinds("form_submitted")
    chat.say("手机号换了 13912340000")
    shown = chat.say("看")
    assert "技能:没有" in shown[0], shown  # (the compact SMS summary)
