"""What the lead met playing laborers by SMS (2026-12-05, sixth round): a wish typed with a blank after 想 read
as a job held, "在家 没出去" not understood at the status question, "没啥技术" kept as the skill, and the place
wished for asked again as the work scope. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import parse_rights
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_talking_as_people_type import consented, employed_at

GUIZHOU_ID = "520526199003151220"


def _at_status() -> Chat:
    """An SMS registration from 威宁县 迤那镇, at the employment status question."""
    chat = consented("sms")
    for text in ["杨光明", GUIZHOU_ID, "是", "不晓得", "威宁县 迤那镇 五星村"]:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    return chat


@pytest.mark.parametrize("text", ["想 去浙江那边进厂", "我想 去东莞进厂", "打算 去深圳打工"])
def test_a_wish_with_a_blank_after_it_is_a_wish(text: str) -> None:
    """"想 去浙江那边进厂" was read as work held ("去浙江…进厂"), and the person asked where they work."""
    understanding = nlu.understand(text, date(2026, 12, 1))
    assert understanding.status is None and understanding.intent == "seek_job"


@pytest.mark.parametrize("text", ["不想 去东莞进厂", "想家 在东莞打工"])
def test_a_wish_denied_or_a_word_with_want_in_it_is_no_wish(text: str) -> None:
    understanding = nlu.understand(text, date(2026, 12, 1))
    assert understanding.intent != "seek_job"


def test_a_wish_with_a_blank_at_the_side_job_question_is_no_job() -> None:
    chat = _at_status()
    chat.say("就是没活干 在家种点苞谷")
    replies = chat.say("想 去浙江那边进厂")
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.awaiting != "work_division" and not any("在哪里工作" in reply for reply in replies)
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["preferred_scope"] == "other_provinces"


@pytest.mark.parametrize("text", ["在家 没出去", "一直在家 没出去", "没出去 在家"])
def test_at_home_not_gone_out_is_no_work(text: str) -> None:
    """"在家 没出去" was "请回复数字 1、2 或 3"."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "willing_to_work"


def test_at_home_not_gone_out_beside_work_nearby_is_work() -> None:
    chat = _at_status()
    chat.say("没出去 在镇上厂里上班")
    assert chat.answers["employment_status"] == "employed"


def _at_skills() -> Chat:
    chat = _at_status()
    for text in ["2", "想", "1", "4", "普工"]:
        chat.say(text)
    assert chat.awaiting == "skills"
    return chat


@pytest.mark.parametrize("text", ["没啥技术", "没技术", "啥也不会", "没手艺"])
def test_no_skill_in_plain_words_is_none(text: str) -> None:
    """"没啥技术" was kept as the skill and read back "技能: 没啥技术"."""
    chat = _at_skills()
    replies = chat.say(text)
    assert chat.answers["skills"] is None and chat.awaiting != "skills"
    assert not any("没啥技术" in reply for reply in replies)


@pytest.mark.parametrize(("text", "scope"), [
    ("想去浙江那边进厂", "other_provinces"),
    ("想 去浙江那边进厂", "other_provinces"),
    ("想在毕节找个活", "home_province"),
    ("想在威宁县城找点活干", "home_county"),
])
def test_the_place_wished_for_is_the_work_scope(text: str, scope: str) -> None:
    """"想去浙江那边进厂" at the willing question, from 贵州: then "您想在哪里工作? 1本县 2本省 3外省" all the same."""
    chat = _at_status()
    chat.say("在家 没出去" if "想" in text else "2")
    assert chat.awaiting == "willing_to_work"
    replies = chat.say(text)
    assert chat.answers["willing_to_work"] == "yes" and chat.answers.get("preferred_scope") == scope
    assert "意向就业地" in replies[0]
    while chat.awaiting not in ("summary", None):
        assert chat.awaiting != "preferred_scope"
        chat.say("不知道" if chat.awaiting != "service_needs" else "1")


def test_a_place_worked_before_is_no_scope() -> None:
    chat = _at_status()
    chat.say("2")
    chat.say("想 以前在东莞干过")
    assert "preferred_scope" not in chat.answers


@pytest.mark.parametrize(("text", "village"), [
    ("大刘庄的", "大刘庄"), ("新发村三组的", "新发村三组"), ("王家寨那边", "王家寨"), ("石门坎", "石门坎"),
])
def test_the_of_from_there_goes_after_any_village_name(text: str, village: str) -> None:
    """"大刘庄的" was read back "村(组): 大刘庄的" (only a name ending in 村/组/社/队 lost its 的)."""
    chat = consented()
    for said in ["李春梅", "411526198506122318", "13598761234", "不知道", "河南固始的 段集乡"]:
        chat.say(said)
    assert chat.awaiting == "home_village"
    chat.say(text)
    assert chat.answers["home_village"] == village


@pytest.mark.parametrize("text", ["跟原来差不多就行", "和以前一样", "原来那样就行"])
def test_pay_as_before_is_the_pay_of_the_job_lost(text: str) -> None:
    """"跟原来差不多就行" at the pay wished for, after a job at 4500 was lost: "没看懂金额" and asked again."""
    chat = consented()
    employed_at(chat, "summary")
    chat.say("0")
    chat.say("厂子倒闭了 没活干了")
    while chat.awaiting not in ("expected_income", None):
        chat.say({"last_work_day": "上礼拜五", "insured": "没交", "wants_services": "1",
                  "preferred_scope": "4"}.get(str(chat.awaiting), "不知道"))
    assert chat.awaiting == "expected_income"
    chat.say(text)
    assert chat.answers["expected_income"] == 5000 and chat.awaiting != "expected_income"


def test_pay_as_before_without_a_pay_known_is_asked_again() -> None:
    chat = _at_skills()
    chat.say("没有")
    assert chat.awaiting == "expected_income"
    chat.say("跟原来差不多就行")
    assert "expected_income" not in chat.answers and chat.awaiting == "expected_income"


def test_no_contract_yet_a_week_into_a_new_job_is_told_when_to_speak_up() -> None:
    """"还没签 说试用期过了再签" / "还没交" a week into a job started this month were reported as rights issues
    ("这关系到您的权益, 已转给…"): the employer has the month; the person is told so."""
    chat = consented()
    employed_at(chat, "started")
    chat.say("这个月刚来的")
    while chat.awaiting != "summary":
        chat.say({"contract_signed": "还没签 说试用期过了再签", "social_insurance": "还没交", "wages_on_time": "按时",
                  "monthly_income": "五千", "employment_form": "1"}.get(str(chat.awaiting), "不知道"))
    assert chat.answers["started"] == "2026-11" and chat.answers["contract_signed"] == "no"
    replies = chat.say("0")
    assert not any("权益" in reply for reply in replies)
    assert any("一个月内" in reply and "签劳动合同" in reply for reply in replies)


def test_no_contract_in_a_job_of_last_year_is_still_reported() -> None:
    chat = consented()
    employed_at(chat, "summary")  # started 去年三月, 没签, 没交
    replies = chat.say("0")
    assert any("没签劳动合同" in reply and "权益" in reply for reply in replies)
    assert not any("一个月内" in reply for reply in replies)


@pytest.mark.parametrize(("started", "asked"), [("2026-11", False), ("2026-10", True), (None, True)])
def test_a_checkin_in_the_first_month_of_a_job_does_not_ask_about_wages_and_contract(
    started: str | None, asked: bool
) -> None:
    """The monthly rights question at a check-in in the job's first month would open a case the law does not yet
    allow (the employer has the month); a job from last month, or of unknown start, is asked."""
    chat = Chat()
    extra = {"started": started} if started else {}
    _fire(chat, "checkin", 1, **extra)
    replies = chat.say("还在干")
    assert any("合同" in reply for reply in replies) == asked


@pytest.mark.parametrize(("text", "pay"), [
    ("有活就干 二十几天吧", 6000), ("看活 一般二十天", 6000), ("大概能干二十五天", 7500), ("二十来天", 6000),
])
def test_the_days_worked_said_with_a_remark_are_the_days(text: str, pay: int) -> None:
    """"一天三百" then "有活就干 二十几天吧" at "一个月大概干多少天?": the rate lost."""
    chat = consented()
    employed_at(chat, "monthly_income")
    replies = chat.say("一天三百")
    assert "多少天" in replies[-1]
    chat.say(text)
    assert chat.answers["monthly_income"] == pay and chat.awaiting != "monthly_income"


@pytest.mark.parametrize(("text", "scope"), [
    ("离家近点 毕节威宁都行", "home_province"), ("贵阳 威宁都行", "home_province"), ("威宁就行", "home_county"),
    ("深圳东莞都行", "other_provinces"), ("威宁 深圳都行", "anywhere"),
])
def test_two_places_named_together_at_the_scope_question_are_both_counted(text: str, scope: str) -> None:
    """"离家近点 毕节威宁都行" from Weining was recorded 本县: 毕节威宁 read as one address (the county in its city)."""
    chat = _at_status()
    for said in ["2", "想", "1"]:
        chat.say(said)
    assert chat.awaiting == "preferred_scope"
    chat.say(text)
    assert chat.answers["preferred_scope"] == scope


@pytest.mark.parametrize(("text", "jobs"), [
    ("还是干钢筋 或者木工", "钢筋工、木工"), ("还是流水线吧 或者包装", "流水线工、包装"),
    ("扎钢筋 木工都行", "钢筋工、木工"),
])
def test_work_wanted_is_written_as_the_held_jobs_question_writes_it(text: str, jobs: str) -> None:
    """"还是干钢筋 或者木工" was read back "意向工作: 干钢筋、木工" (the held job's 工地上扎钢筋 is 钢筋工)."""
    chat = _at_status()
    for said in ["2", "想", "1", "4"]:
        chat.say(said)
    assert chat.awaiting == "desired_jobs"
    chat.say(text)
    assert chat.answers["desired_jobs"] == jobs


def test_a_death_in_the_family_is_met_with_condolences_first() -> None:
    """"老娘上个月走了 现在能出去了 想找点活干" at the 90-day check-in of someone caring for their mother: "好的, 您现在
    能出来找活了" and nothing more."""
    chat = consented("sms")
    for text in ["谭秋生", "43252419880715661X", "是", "不知道", "新化县 水车镇", "正龙村4组",
                 "屋里老娘瘫了 要人服侍 出不去", "0"]:
        chat.say(text)
    assert chat.answers["employment_status"] == "unable"
    chat.later(days=90)
    _fire(chat, "checkin", 5, status="unable", employer=None, work_place=None)
    replies = chat.say("老娘上个月走了 现在能出去了 想找点活干")
    assert replies[0] == "请节哀。" and chat.answers["employment_status"] == "unemployed"


@pytest.mark.parametrize(("text", "bereaved"), [
    ("俺爹去年去世了", True), ("老人家没了 现在能出来了", True), ("媳妇走了 去深圳打工了", False), ("老板走了", False),
    ("我爸身体不好 走不开", False),
])
def test_what_tells_a_death_in_the_family(text: str, bereaved: bool) -> None:
    assert nlu.tells_bereavement(text) == bereaved


def _saved() -> Chat:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("0")
    assert chat.awaiting is None
    return chat


@pytest.mark.parametrize("text", ["手机号换了 13912345670", "手机号换成13912345670了", "电话换了 新号13912345670",
                                  "我手机号改成13912345670了"])
def test_a_new_phone_told_after_the_form_is_saved_changes_it(text: str) -> None:
    """"手机号换了 13912345670" was "您换了工作" and the questions of a new job; "我换手机号了…" not understood."""
    chat = _saved()
    replies = chat.say(text)
    assert chat.answers["phone"] == "+8613912345670" and chat.answers["employment_status"] == "employed"
    assert "已改为 手机号" in replies[0] and chat.awaiting == "summary"
    chat.say("0")
    assert chat.awaiting is None and chat.kinds("form_submitted")[-1].data["answers"]["phone"] == "+8613912345670"


@pytest.mark.parametrize(("text", "pay"), [("工资涨了 现在五千五", 5500), ("工资降到四千了", 4000)])
def test_a_pay_rise_told_after_the_form_is_saved_changes_the_pay(text: str, pay: int) -> None:
    """"工资涨了 现在五千五" was "抱歉, 没太明白"; at the summary it was read as the wages-on-time question."""
    chat = _saved()
    replies = chat.say(text)
    assert chat.answers["monthly_income"] == pay and chat.answers["wages_on_time"] == "yes"
    assert "已改为 月收入" in replies[0]


@pytest.mark.parametrize("text", ["手机号换了", "电话号码换成新的了", "手机换了"])
def test_a_new_phone_is_no_new_job(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 1)).status is None


def test_hello_from_someone_registered_is_no_welcome_to_a_newcomer() -> None:
    """"在吗" months after registering: "您好, 欢迎关注就业帮扶服务!"."""
    chat = _saved()
    replies = chat.say("在吗")
    assert "欢迎关注" not in replies[0] and "在的" in replies[0]


@pytest.mark.parametrize("text", ["在外面干活呢 晚上再弄", "晚上再说", "明天再发"])
def test_later_said_with_what_one_is_doing_keeps_the_question_open(text: str) -> None:
    """"在外面干活呢 晚上再弄" at the ID question (a reminder brought them back while at work) was "好的, 您现在在
    工作了", the job's questions, and "工种: 干活呢"."""
    chat = consented()
    chat.say("吴小兰")
    assert chat.awaiting == "id_number"
    replies = chat.say(text)
    assert chat.awaiting == "id_number" and "方便的时候" in replies[0]
    assert "employment_status" not in chat.answers and "job_type" not in chat.answers


@pytest.mark.parametrize(("text", "job"), [("干活呢", None), ("在外面干活呢", None), ("做保安呢", "保安")])
def test_a_particle_after_the_work_is_no_job(text: str, job: str | None) -> None:
    assert nlu.find_job_type(text) == job


@pytest.mark.parametrize(("text", "code"), [
    ("纳雍县 猪场乡 新华村", "520525215"), ("纳雍猪场乡", "520525215"), ("纳雍县新房乡", "520525201"),
    ("隆林猪场乡", "451031208"), ("猪场乡", "451031208"),
])
def test_a_township_named_without_its_peoples_is_found_in_its_county(text: str, code: str) -> None:
    """"纳雍县 猪场乡 新华村" was recorded as 广西隆林的猪场乡: 纳雍's is 猪场苗族彝族乡, and only its short form 猪场
    was known, so the longer 猪场乡 matched Guangxi's alone."""
    place = nlu.resolve_place(text)
    assert place is not None and place.code == code


@pytest.mark.parametrize(("text", "issues"), [
    ("工资按月发的 合同签了", set()), ("合同签了", set()), ("社保也交了", set()),
    ("工资没按时发 合同签了", {"wage_arrears"}), ("工资拖了两个月 社保没交", {"wage_arrears", "no_social_insurance"}),
])
def test_the_checkin_rights_answer_read_part_by_part(text: str, issues: set[str]) -> None:
    """"工资按月发的 合同签了" at the monthly wages-and-contract question was "请回复数字"; "工资没按时发 合同签了"
    reported a contract not signed."""
    assert parse_rights(text, nlu.understand(text, date(2026, 12, 1))) == issues


@pytest.mark.parametrize("text", ["工资不对 少发了一千", "老板工资不对 拖了两个月"])
def test_a_rights_report_naming_a_field_after_the_form_is_saved_is_still_a_report(text: str) -> None:
    chat = _saved()
    replies = chat.say(text)
    assert chat.kinds("rights_issue_reported") and chat.awaiting != "summary"
    assert not any("已改为" in reply for reply in replies)


@pytest.mark.parametrize(("text", "status"), [
    ("no job", "unemployed"), ("I have no work", "unemployed"), ("Not working", "unemployed"),
    ("I am working", "employed"), ("Working", "employed"), ("can't work for now", "unable"),
])
def test_english_words_at_the_status_question_pick_the_option(text: str, status: str) -> None:
    """"no job" and "I have no work" at "What is your work situation now?" were "Please reply 1, 2 or 3"."""
    chat = consented()
    for said in ["李明", "520526199003151220", "13612345678", "不知道", "威宁县 迤那镇 五星村"]:
        chat.say(said)
    assert chat.awaiting == "employment_status"
    chat.say(text)
    assert chat.answers["employment_status"] == status


@pytest.mark.parametrize("text", ["I don't know", "no"])
def test_a_short_english_option_text_picks_nothing_inside_other_words(text: str) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(text)
    assert chat.answers.get("contract_signed") != "yes"
