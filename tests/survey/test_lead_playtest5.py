"""What the lead met playing laborers by SMS (2026-12-05, fifth round): a "1" typed at the household number taken
as the phone said again, and the insurance said before its question lost. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at, submitted


def _at_household_number() -> Chat:
    """An SMS registration whose phone was taken as the number the messages come from ("是的" to the offer)."""
    chat = consented("sms")
    for text in ["刘德兵", ID]:
        chat.say(text)
    assert chat.awaiting == "phone"
    chat.say("是的")
    assert chat.awaiting == "household_id" and chat.answers["phone"] == "+8613912345678"
    return chat


@pytest.mark.parametrize("text", ["1", "是", "对"])
def test_a_one_at_the_household_number_is_no_phone_said_again(text: str) -> None:
    """"1" there was read as the yes to the phone offer said again: "已记下: 手机号", the question again, for ever."""
    chat = _at_household_number()
    replies = chat.say(text)
    assert not any("手机号" in reply for reply in replies)
    assert chat.awaiting == "household_id" and "户编号" in replies[-1]


def test_the_same_number_typed_again_is_still_the_phone_said_again() -> None:
    chat = _at_household_number()
    replies = chat.say("13912345678")
    assert "手机号" in replies[0] and chat.awaiting == "household_id"


@pytest.mark.parametrize(("text", "key", "value"), [
    ("有社保", "social_insurance", "yes"),
    ("交了五险", "social_insurance", "yes"),
    ("工资按时发", "wages_on_time", "yes"),
])
def test_a_yes_or_no_said_with_its_question_before_it_is_kept(text: str, key: str, value: str) -> None:
    """"有社保" at the way of working was "请回复数字 1 到 5", and the insurance asked again later."""
    chat = consented()
    employed_at(chat, "employment_form")
    replies = chat.say(text)
    assert chat.answers[key] == value and "已记下" in replies[0]
    assert chat.awaiting == "employment_form"
    while chat.awaiting != "summary" and chat.awaiting is not None:
        assert chat.awaiting != key
        chat.say({"employment_form": "1", "contract_signed": "签了", "social_insurance": "有",
                  "wages_on_time": "按时"}.get(str(chat.awaiting), "不知道"))


# (合同签了 社保也有, each part naming its own question, is taken ahead: tests/survey/test_lead_playtest21.py)
@pytest.mark.parametrize("text", ["有", "签了", "五险一金"])
def test_a_yes_or_no_that_names_no_single_question_is_not_taken_ahead(text: str) -> None:
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say(text)
    assert chat.awaiting == "employment_form"
    assert "social_insurance" not in chat.answers or chat.answers["social_insurance"] is None
    assert "contract_signed" not in chat.answers or chat.answers["contract_signed"] is None


@pytest.mark.parametrize(("text", "key"), [("没签合同", "contract_signed"), ("社保没交", "social_insurance"),
                                           ("合同没签", "contract_signed"), ("老板拖欠工资三个月了", "wages_on_time")])
def test_a_rights_report_before_its_question_is_its_answer_too(text: str, key: str) -> None:
    """"没签合同" at the way of working reported the rights issue, then asked "签劳动合同了吗?" later all the same."""
    chat = consented()
    employed_at(chat, "employment_form")
    replies = chat.say(text)
    assert chat.kinds("rights_issue_reported") and chat.answers[key] == "no"
    assert chat.awaiting == "employment_form" and "就业方式" in replies[-1]
    chat.say("1")
    assert chat.awaiting != key


@pytest.mark.parametrize("text", ["三千就行", "有三千就行", "4000左右吧", "一个月五千块"])
def test_a_sum_at_the_skills_question_is_the_pay_wanted_not_a_skill(text: str) -> None:
    """"三千就行" at the skills question was stored as the skill 三千就行 beside the pay wanted."""
    chat = looking_at("preferred_scope")
    chat.say("1")
    chat.say("保洁")
    assert chat.awaiting == "skills"
    replies = chat.say(text)
    assert chat.answers.get("skills") is None and chat.answers["expected_income"] >= 3000
    assert "期望月收入" in replies[0]


@pytest.mark.parametrize(("field", "text"), [("home_village", "五组"), ("skills", "会开三轮")])
def test_a_free_text_answer_with_a_small_number_is_still_an_answer(field: str, text: str) -> None:
    chat = looking_at("preferred_scope") if field == "skills" else consented()
    answers = ["1", "保洁"] if field == "skills" else ["彭小军", ID, "13712345678", "不知道", "麻阳县高村镇"]
    for answer in answers:
        chat.say(answer)
    assert chat.awaiting == field
    chat.say(text)
    assert chat.answers[field]


@pytest.mark.parametrize("text", ["我辞职的真的一分钱都领不了吗", "一分钱都领不了吗", "一分钱也领不到吗?"])
def test_asking_whether_any_benefit_can_be_had_is_no_wages_owed(text: str) -> None:
    """"我辞职的真的一分钱都领不了吗" at the summary was "您说工资没按时足额发 … 已转给工作人员"."""
    assert nlu.understand(text, date(2026, 12, 19)).intent != "rights_issue"


@pytest.mark.parametrize("text", ["干了半年一分钱都没领到", "一分钱都拿不到", "一分钱都没给", "干了三个月一分钱没拿到"])
def test_no_pay_at_all_is_still_wages_owed(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 19)).intent == "rights_issue"


def _fire(chat: Chat, kind: str, fire: int, **extra: object) -> list[str]:
    payload = {"fire": fire, "kind": kind, "status": "employed", "employer": "电子厂", "work_place": "东莞",
               "due_date": "2027-02-15", **extra}
    return chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))


def _outcomes(chat: Chat) -> dict[int, str]:
    done = {e.data["fire"]: e.data["outcome"] for e in chat.kinds("checkin_fire_done")}
    return done | {e.data["fire"]: "sent" for e in chat.kinds("checkin_sent") if not e.data.get("merged")}


def test_the_spring_return_days_after_an_answered_recheck_is_not_asked() -> None:
    """"厂里停工了 等通知" before the holiday: asked again a week on, held over the holiday to its first morning,
    answered "开工了"; the spring return three days later asked "春节过后 回去上班了吗?" all the same."""
    chat = Chat()
    _fire(chat, "checkin", 1)
    chat.say("厂里停工了 说是等通知")
    [recheck] = chat.kinds("checkin_recheck")
    chat.later(days=8)
    assert _fire(chat, "checkin", 2, recheck=recheck.data["recheck"], season="spring")
    chat.say("开工了 上班了")
    chat.later(days=3)
    assert _fire(chat, "spring_return", 3) == []
    assert _outcomes(chat)[3] == "answered_recently"


def test_a_recheck_days_after_an_answered_spring_return_is_not_asked() -> None:
    chat = Chat()
    assert _fire(chat, "spring_return", 1)[0].startswith("春节过后")
    chat.say("回来了 在厂里")
    chat.later(days=2)
    assert _fire(chat, "checkin", 2, recheck=1) == []
    assert _outcomes(chat) == {1: "sent", 2: "answered_recently"}


def test_the_recheck_an_answer_planned_is_still_asked() -> None:
    """The week's recheck comes seven days after the answer that planned it: never covered by that answer."""
    chat = Chat()
    _fire(chat, "spring_return", 1)
    chat.say("还没回去 过了十五再走")
    chat.later(days=7)
    assert _fire(chat, "spring_return", 2, recheck=1)[0]
    assert _outcomes(chat)[2] == "sent"


def test_a_spring_return_days_after_an_answer_before_the_season_is_asked() -> None:
    """An answer given before the holiday says nothing of the return after it."""
    chat = Chat()
    _fire(chat, "checkin", 1)
    chat.say("1")
    chat.say("1")
    chat.later(days=3)
    assert _fire(chat, "spring_return", 2)[0].startswith("春节过后")


@pytest.mark.parametrize(("text", "village"), [
    ("织金县八步街道新寨村", "新寨村"), ("观山湖区金华园街道龙井村二组", "龙井村二组"),
])
def test_a_village_after_a_subdistrict_at_the_home_question_is_kept(text: str, village: str) -> None:
    """"织金县八步街道新寨村" kept the 街道 and asked "您家在哪个村 (组)?" next (a village after 县/镇/乡 was kept)."""
    chat = consented()
    for answer in ["杨秀英", ID, "13985005678", "不知道"]:
        chat.say(answer)
    assert chat.awaiting == "home_division"
    chat.say(text)
    assert chat.answers["home_village"] == village and chat.awaiting != "home_village"


@pytest.mark.parametrize(("text", "kept"), [
    ("想 只要离家近", None), ("只要离家近就行", None), ("附近就行", None),
    ("县城", "县城"), ("住在县城", "住在县城"), ("新寨", "新寨"),
])
def test_where_one_would_work_at_the_village_question_is_no_village(text: str, kept: str | None) -> None:
    """"想 只要离家近" at the village question was saved as the village (the summary read 村(组): 想 只要离家近)."""
    chat = consented()
    for answer in ["杨秀英", ID, "13985005678", "不知道", "织金县八步街道"]:
        chat.say(answer)
    assert chat.awaiting == "home_village"
    chat.say(text)
    assert chat.answers.get("home_village") == kept
    assert chat.awaiting == ("home_village" if kept is None else "employment_status")


# 流水线 is written 流水线工 as the job question itself writes it (one reader of a job said alone: beside.job_said).
@pytest.mark.parametrize(("text", "job"), [("流水线", "流水线工"), ("普工", "普工"), ("干保安", "保安"),
                                           ("在流水线上", "流水线工"), ("开叉车的", "叉车")])
def test_a_job_said_at_the_workplace_address_is_the_job_not_the_address(text: str, job: str) -> None:
    """"流水线" at "具体的工作地址或工地?" was saved as the workplace's address (and the job asked later)."""
    chat = consented()
    employed_at(chat, "work_place")
    replies = chat.say(text)
    assert chat.answers.get("work_place") is None and chat.answers["job_type"] == job
    assert "工种" in replies[0]


@pytest.mark.parametrize("text", ["门卫室", "园区三号门", "工地上", "长安镇沙头村"])
def test_a_place_at_work_is_still_the_address(text: str) -> None:
    chat = consented()
    employed_at(chat, "work_place")
    chat.say(text)
    assert chat.answers["work_place"]


@pytest.mark.parametrize("text", ["我叫龙建华身份证等下发给你", "我叫龙建华 等下再发身份证", "龙建华 身份证一会发"])
def test_a_name_given_with_the_id_number_promised_for_later_is_kept(text: str) -> None:
    """"我叫龙建华身份证等下发给你" was "好的, 您方便的时候再回复我" and the name lost."""
    chat = consented()
    chat.say(text)
    assert chat.answers["name"] == "龙建华" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["等下 有人叫我", "一会再说"])
def test_later_alone_at_the_name_question_still_waits(text: str) -> None:
    chat = consented()
    assert chat.say(text) == ["好的, 您方便的时候再回复我。"] and "name" not in chat.answers


@pytest.mark.parametrize("text", ["湖南隆回县的 六都寨镇 高坪村", "隆回县, 六都寨镇", "湖南省隆回县 六都寨镇"])
def test_a_county_then_a_township_inside_it_is_the_township(text: str) -> None:
    """"湖南隆回县的 六都寨镇 高坪村" kept the county only (the township said apart from it was dropped)."""
    chat = consented()
    chat.say(text)
    assert chat.answers["home_division"]["code"] == "430524105"


def test_a_county_then_a_township_elsewhere_are_two_places() -> None:
    [home, work] = nlu.place_mentions("我是隆回县的 在东莞长安镇打工")
    assert home.place.code == "430524" and work.place.code.startswith("441900")


FAMILY = "知道了。您家里人要找工作或登记"


@pytest.mark.parametrize("text", ["我老婆也想登记一下", "帮我媳妇登记", "我老公也要登记 他没微信"])
def test_a_family_member_wanting_to_register_at_a_question_is_told_how(text: str) -> None:
    """"我老婆也想登记一下" at the employer question was saved as the employer."""
    chat = consented()
    employed_at(chat, "employer")
    replies = chat.say(text)
    assert replies[0].startswith(FAMILY) and chat.awaiting == "employer" and "employer" not in chat.answers


@pytest.mark.parametrize("text", ["我老婆也想登记一下", "我儿子也想找工作"])
def test_a_family_member_wanting_to_register_at_the_summary_is_told_how(text: str) -> None:
    """At the summary it was "没问题请回复 0 确认" with no word on what was said."""
    chat = consented()
    employed_at(chat, "summary")
    replies = chat.say(text)
    assert replies[0].startswith(FAMILY) and chat.awaiting == "summary"


@pytest.mark.parametrize("text", ["我儿子也想找工作", "帮我媳妇登记", "给我儿子找个活"])
def test_work_wanted_for_a_family_member_is_how_they_register_not_a_search(text: str) -> None:
    """"我儿子也想找工作" searched jobs on the speaker's own form; "帮我媳妇登记" opened the speaker's own summary."""
    chat = consented()
    submitted(chat)
    replies = chat.say(text)
    assert replies[0].startswith(FAMILY) and not chat.kinds("jobs.match")


def test_jobs_at_their_factory_are_still_a_search() -> None:
    chat = consented()
    submitted(chat)
    chat.say("他们厂还招人吗")
    assert chat.kinds("jobs.match")


@pytest.mark.parametrize(("field", "wrong"), [("name", ID[:-1] + ("1" if ID[-1] != "1" else "2")),
                                              ("phone", ID[:6] + "19991332" + ID[14:])])
def test_an_id_number_typed_wrong_at_another_question_is_said_to_be_wrong(field: str, wrong: str) -> None:
    """An ID number with a wrong check digit at the name question got "请告诉我您的名字" and nothing else: the
    person took it as received."""
    chat = consented()
    while chat.awaiting != field:
        chat.say({"name": "龙建华", "id_number": ID, "phone": "13607451234"}[str(chat.awaiting)])
    replies = chat.say(wrong)
    assert ("最后一位对不上" in replies[0] or "出生日期不对" in replies[0]) and chat.awaiting == field
    assert chat.answers.get("id_number") in (None, ID)


def test_someone_self_employed_is_not_asked_about_a_contract_or_wages() -> None:
    """"4 自主创业/个体" was asked "签劳动合同了吗?" and "工资按时发吗?", and "没签" opened a rights case against an
    employer nobody has."""
    chat = consented()
    employed_at(chat, "employment_form")
    chat.say("4")
    assert chat.awaiting == "social_insurance"
    chat.say("没交")
    assert chat.awaiting == "summary"
    chat.say("0")
    assert not chat.kinds("rights_issue_reported")
    saved = chat.kinds("form_submitted")[-1].data["answers"]
    assert saved["employment_form"] == "self_employed" and saved.get("contract_signed") is None


def test_a_self_employed_person_is_not_asked_the_monthly_rights_question() -> None:
    chat = Chat()
    _fire(chat, "checkin", 1, employment_form="self_employed")
    replies = chat.say("1")
    assert not any("工资" in text for text in replies) and chat.awaiting is None


def test_an_employee_is_still_asked_the_monthly_rights_question() -> None:
    chat = Chat()
    _fire(chat, "checkin", 1, employment_form="migrant")
    assert any("工资" in text for text in chat.say("1"))


@pytest.mark.parametrize(("text", "shown"), [("没有", "没有"), ("没啥手艺", "没有"), ("不知道", "不知道")])
def test_no_skills_is_shown_as_none_not_as_unknown(text: str, shown: str) -> None:
    """"没啥手艺" at the skills question read back at the summary as "技能: 不知道"."""
    chat = looking_at("preferred_scope")
    for answer in ["1", "保洁", text, "两千"]:
        chat.say(answer)
    summary = chat.say("随时")[-1]
    assert f"技能: {shown}" in summary and chat.answers.get("skills") is None


@pytest.mark.parametrize("text", ["没合同", "没合同 平台的", "无合同"])
def test_no_contract_at_the_contract_question_is_its_answer(text: str) -> None:
    """"没合同" at "签劳动合同了吗?" reported the rights issue and asked the same question again."""
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(text)
    assert chat.answers["contract_signed"] == "no" and chat.awaiting == "social_insurance"


@pytest.mark.parametrize("text", ["按单结 每周结", "每月按时发"])
def test_words_of_the_pay_are_no_answer_to_the_contract_question(text: str) -> None:
    """"按单结 每周结" (paid weekly) at the contract question was saved as a signed contract."""
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(text)
    assert chat.answers.get("contract_signed") is None or chat.awaiting == "contract_signed"
    assert chat.answers.get("contract_signed") != "yes"


@pytest.mark.parametrize(("text", "value"), [("每周结", "yes"), ("按月发", "yes"), ("经常晚", "no")])
def test_words_of_the_pay_still_answer_the_wages_question(text: str, value: str) -> None:
    chat = consented()
    employed_at(chat, "wages_on_time")
    chat.say(text)
    assert chat.answers["wages_on_time"] == value


@pytest.mark.parametrize("text", ["有没有送快递的活 离家近点", "有没有活干", "能不能帮我找个活"])
def test_asking_for_work_at_a_yes_no_question_is_no_answer(text: str) -> None:
    """"有没有送快递的活" at the insurance question was read as 没有 (the insurance, or the contract said again)."""
    chat = consented()
    employed_at(chat, "social_insurance")
    replies = chat.say(text)
    assert chat.awaiting == "social_insurance" and "social_insurance" not in chat.answers
    assert not any("已记下" in reply for reply in replies) and "推荐合适的工作" in replies[0]


@pytest.mark.parametrize(("text", "insurance", "wages"), [("自己交的", "no", None), ("每周结一次", None, "yes")])
def test_insurance_paid_oneself_and_the_pay_said_early(text: str, insurance: str | None, wages: str | None) -> None:
    """"自己交的" at the insurance question was "请回复 1 交了"; "每周结一次" there was no answer to anything.
    (play21: paid oneself is not the employer paying, "单位给您交社保了吗?" is 否, as the check-in reads it.)"""
    chat = consented()
    employed_at(chat, "social_insurance")
    chat.say(text)
    assert chat.answers.get("social_insurance") == insurance and chat.answers.get("wages_on_time") == wages


def test_a_childs_news_with_ones_own_wish_is_not_about_someone_else_only() -> None:
    assert nlu.about_others_only("我老婆也想登记一下") and nlu.about_family("我儿子也想找工作")
    assert not nlu.about_others_only("娃上幼儿园了 想出去找点活") and not nlu.about_family("娃上学了 我想找个活")


def _at_insured() -> Chat:
    chat = registering()
    chat.say("前天")
    chat.say("被辞退了")
    assert chat.awaiting == "insured"
    return chat


@pytest.mark.parametrize(("text", "years"), [("一年多", 1), ("三年", 3), ("五六个年头", 5)])
def test_how_long_at_the_insured_question_is_insured_for_that_long(text: str, years: int) -> None:
    """"一年多" at "您在单位交过失业保险吗?" was "请回复数字" (the years question comes next and was not reached)."""
    chat = _at_insured()
    chat.say(text)
    answers = chat.state["registration"]["answers"]
    assert answers["insured"] == "yes" and answers["insured_years"] == years and chat.awaiting == "wants_services"


def test_insurance_paid_oneself_at_the_insured_question_is_for_the_caseworker_to_find_out() -> None:
    """"自己交的" (a flexible worker's own pension and medical cover) was "请回复数字"."""
    chat = _at_insured()
    chat.say("自己交的")
    assert chat.state["registration"]["answers"]["insured"] == "unknown" and chat.awaiting == "wants_services"


def test_not_knowing_how_long_is_still_not_knowing() -> None:
    chat = _at_insured()
    chat.say("不知道交了几年")
    assert chat.state["registration"]["answers"]["insured"] == "unknown"


@pytest.mark.parametrize("text", ["我老婆也想登记一下", "我儿子也想找工作"])
def test_a_family_member_at_the_privacy_notice_is_told_how_they_register(text: str) -> None:
    """At the privacy notice it was "请回复 1 同意, 或 2 不同意" with no word on what was said."""
    chat = Chat()
    chat.event("subscribe")
    assert chat.awaiting == "consent"
    replies = chat.say(text)
    assert replies[0].startswith(FAMILY) and chat.awaiting == "consent" and "同意" in replies[-1]
