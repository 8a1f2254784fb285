"""The lead's fourth round of play-testing: jobs wished for as people say them, a job said with the employer,
plans that are conditions (找到活就去), faces and pinyin slips, facts said one question early, a name before
consent. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.jobs.test_dialog import GUARD
from tests.survey.driver import Chat
from tests.survey.test_dialog import consented as subscribed
from tests.survey.test_dialog import employed_until
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_playtest_round3 import wanting_at
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

# -- faces and slips -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("face", ["[强]", "[OK]", "/:strong", "👍", "[Strong]"])
def test_a_thumbs_up_at_a_yes_no_question_is_yes(face: str) -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say(face)
    assert chat.answers["contract_signed"] == "yes" and chat.awaiting == "social_insurance"


@pytest.mark.parametrize(("face", "field"), [
    ("[微笑]", "contract_signed"), ("/::)", "job_type"), ("[强]", "job_type"), ("[微笑]", "employer"),
    ("😊", "name"), ("[OK]", "employment_form"),
])
def test_a_face_alone_is_no_answer_and_the_question_is_asked_again_kindly(face: str, field: str) -> None:
    chat = consented()
    employed_at(chat, field)
    replies = chat.say(face)
    assert field not in chat.answers and chat.awaiting == field
    assert replies[0] == "收到您的表情了。这一问请用文字回复:" and len(replies) == 2
    assert chat.state is not None and chat.state["survey"].get("misses", 0) == 0


def test_a_pinyin_slip_is_corrected_in_the_answer_stored() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("电汗")
    assert chat.answers["job_type"] == "电焊"


def test_only_the_known_slips_are_corrected_the_rest_stays_as_typed() -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say("俺在钢厂做电汗 也管仓库")  # a steel mill, not 在岗; 俺 stays 俺 (more than one job: kept as said)
    assert chat.answers["job_type"] == "俺在钢厂做电焊 也管仓库"


# -- a plan for once work is found ---------------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["找到活就去", "有活就干", "找着了就去", "要是有活我就出去", "有活的话俺就出去"])
def test_going_once_work_is_found_is_willing_not_work_found(plan: str) -> None:
    chat = looking_at("willing_to_work")
    chat.say(plan)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting == "service_needs" and not chat.kinds("employment_status_changed")


@pytest.mark.parametrize("found", ["找到活了", "找到活就去了 在县城厂里", "找着了 在工地干"])
def test_work_found_is_still_work_found(found: str) -> None:
    assert nlu.understand(found, date(2026, 11, 26)).status == "employed"


def test_the_plan_at_the_status_question_is_no_work_yet_and_willing() -> None:
    chat = looking_at("employment_status")
    replies = chat.say("找到活就去")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert replies[0] == "好的, 已记下: 就业意愿: 想工作。" and chat.awaiting == "service_needs"


# -- the work wanted, as a caseworker writes it ---------------------------------------------------------------


@pytest.mark.parametrize(("said", "written"), [
    ("普工 保安都行", "普工、保安"),
    ("进厂或者工地都行", "进厂或者工地都行"),  # workplaces, no job type: as said
    ("还干家电装配", "家电装配"),
    ("想当保安", "保安"),
    ("保洁 做饭也行", "保洁、做饭"),
    ("叉车工 电焊工都行", "叉车工、电焊工"),
    ("离家近的 轻松点的", "离家近的 轻松点的"),  # nothing maps: the words said
])
def test_the_work_wanted_is_read_as_job_types(said: str, written: str) -> None:
    chat = wanting_at("desired_jobs")
    chat.say(said)
    assert chat.answers["desired_jobs"] == written and chat.awaiting == "skills"


def test_only_heavy_work_and_no_skill_is_labouring_work_and_no_skills() -> None:
    chat = wanting_at("desired_jobs")
    replies = chat.say("啥也不会 就会干点力气活")
    assert chat.answers["desired_jobs"] == "普工、搬运工"
    assert "skills" in chat.answers and chat.answers["skills"] is None  # answered: none, not asked again
    assert chat.awaiting == "expected_income" and replies == ["希望每月挣多少钱?"]


# -- the job said with the employer ----------------------------------------------------------------------------


def test_the_job_said_with_the_employer_at_the_work_place_fills_the_job_type() -> None:
    chat = consented()
    employed_at(chat, "work_place")
    replies = chat.say("在一个饰品厂 做流水线")
    assert chat.answers["employer"] == "饰品厂" and chat.answers["job_type"] == "流水线工"
    assert chat.answers["work_place"] is None  # no address in it
    assert replies[0] == "好的, 已记下: 工作单位: 饰品厂; 工种: 流水线工。"
    for text in ("不知道", "去年三月", "五千"):  # the contact, the start month, the pay: the job is not asked
        chat.say(text)
    assert chat.awaiting == "employment_form"


@pytest.mark.parametrize(("field", "said", "answers"), [
    ("employer", "宏发五金 开叉车", {"employer": "宏发五金", "job_type": "叉车"}),
    ("work_place", "园区三号门 在电子厂当质检", {"work_place": "园区三号门", "employer": "电子厂", "job_type": "质检"}),
    ("employer", "开发区 宏发五金", {"employer": "开发区 宏发五金"}),  # 开发区 is no job
    ("employer", "中通快递", {"employer": "中通"}),  # a job word inside the name is no job said
])
def test_a_job_beside_the_employer_is_told_apart(field: str, said: str, answers: dict[str, str]) -> None:
    chat = consented()
    employed_at(chat, field)
    chat.say(said)
    assert {key: chat.answers.get(key) for key in answers} == answers
    if "job_type" not in answers:
        assert "job_type" not in chat.answers


# -- facts said one question early ---------------------------------------------------------------------------


def test_the_home_and_village_said_at_the_household_number_are_both_kept() -> None:
    chat = looking_at("household_id")
    replies = chat.say("麻阳县高村镇石羊村")
    assert chat.answers["home_division"]["code"] == "431226106" and chat.answers["home_village"] == "石羊村"
    assert replies[0] == "好的, 已记下: 户籍地: 湖南省怀化市麻阳苗族自治县高村镇; 村(组): 石羊村。"
    assert chat.awaiting == "household_id"  # the number itself was not said: asked again
    chat.say("不知道")
    assert chat.awaiting == "employment_status"  # neither the home nor the village asked again


@pytest.mark.parametrize("said", ["户号没有 麻阳县高村镇石羊村五组", "没有 俺是麻阳高村镇石羊村的"])
def test_no_number_and_the_home_with_its_village_answer_all_three(said: str) -> None:
    chat = looking_at("household_id")
    chat.say(said)
    assert chat.answers["household_id"] is None and chat.answers["home_division"]["code"] == "431226106"
    assert chat.answers["home_village"].startswith("石羊村") and chat.awaiting == "employment_status"


def test_a_village_said_with_dont_know_at_the_household_number_is_kept_for_the_home() -> None:
    chat = looking_at("household_id")
    chat.say("不知道 石羊村的")
    assert chat.answers["household_id"] is None and chat.answers["home_village"] == "石羊村"
    chat.say("麻阳县高村镇")
    assert chat.awaiting == "employment_status"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_pay_said_at_the_start_month_is_the_pay_and_not_asked_again(channel: str) -> None:
    chat = consented(channel)
    employed_at(chat, "started")
    replies = chat.say("三千五吧")
    assert chat.answers["monthly_income"] == 3500 and replies[0] == "好的, 已记下: 月收入(元): 3500。"
    assert chat.awaiting == "employment_form"


# -- what is told before consent -------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_name_told_before_consent_is_kept_once_consent_is_given(channel: str) -> None:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    chat.say("我叫张三 想登记一下 在东莞打工")
    assert chat.awaiting == "consent" and chat.answers == {}  # nothing in the form before consent
    replies = chat.say("同意")
    assert chat.answers["name"] == "张三" and chat.answers["employment_status"] == "employed"
    assert chat.answers["work_division"]["code"] == "4419"
    assert "姓名: 张三" in replies[1] and chat.awaiting == "id_number"


def test_what_was_told_before_a_refusal_is_dropped() -> None:
    chat = Chat()
    chat.event("subscribe")
    chat.say(f"周德贵 {ID}")
    chat.say("不同意")
    assert chat.state is not None and "pending_facts" not in chat.state["survey"]
    assert "pending_status" not in chat.state["survey"] and chat.answers == {}


# -- the way of working, not known ---------------------------------------------------------------------------


def working_away_at_the_way_of_working(channel: str = "wechat", work: str = "在东莞一个电子厂上班") -> Chat:
    chat = consented(channel)
    for text in (f"彭小军 湖南麻阳高村镇人 {work}", ID, "13712345678", "不知道", "石羊村"):
        chat.say(text)
    while chat.awaiting != "employment_form":
        chat.say("不知道")
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_dont_know_the_way_of_working_far_from_home_offers_migrant_work_to_confirm(channel: str) -> None:
    chat = working_away_at_the_way_of_working(channel)
    replies = chat.say("不知道")
    assert replies == ["就业形式: 记为「外出务工」, 对吗? 对请回复 1, 不对请回复 2。"]
    chat.say("1")
    assert chat.answers["employment_form"] == "migrant" and chat.awaiting == "contract_signed"


def test_the_offer_declined_asks_the_question_and_is_not_made_twice() -> None:
    chat = working_away_at_the_way_of_working()
    chat.say("不知道")
    replies = chat.say("2")
    assert "employment_form" not in chat.answers and replies[-1].startswith("您是哪种就业方式")
    replies = chat.say("不知道")
    assert replies[0].startswith("这一项要填") and chat.awaiting == "employment_form"


def test_dont_know_the_way_of_working_near_home_is_asked_again() -> None:
    chat = working_away_at_the_way_of_working(work="就在县城超市上班")  # in the home county: no guess
    assert chat.answers["work_division"]["code"] == "431226"
    replies = chat.say("不知道")
    assert replies[0].startswith("这一项要填") and "employment_form" not in chat.answers


# -- a job asked for at a check-in ------------------------------------------------------------------------------


def checked_in(jobs: list[dict[str, object]]) -> Chat:
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    chat.jobs = jobs
    payload = {"fire": 1, "kind": "checkin", "status": "employed", "employer": "电子厂", "work_place": "东莞",
               "due_date": "2027-02-24"}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    assert chat.awaiting == "checkin"
    return chat


def test_nothing_found_for_a_job_asked_at_a_check_in_asks_the_check_in_again_at_once() -> None:
    chat = checked_in([])
    replies = chat.say("有没有工地的活")
    assert replies[0].startswith("暂时没有适合您的工作") and replies[1].startswith("您好! 您还在东莞的电子厂上班吗?")
    assert chat.awaiting == "checkin"
    chat.say("1")  # the check-in's answer, not a menu choice
    assert [e.data["answer"] for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_a_list_found_at_a_check_in_keeps_its_numbers() -> None:
    chat = checked_in([GUARD])
    replies = chat.say("有没有工地的活")
    assert "小区保安" in replies[1] and chat.awaiting != "checkin"
    chat.say("1")
    assert not chat.kinds("checkin_answered")  # 1 is the job's details; the check-in waits for its reminder


# -- the scope said with the help wanted ---------------------------------------------------------------------


@pytest.mark.parametrize(("said", "needs"), [
    ("想找个活干 离家近点的", ["job_referral"]),
    ("想找个活 在县里就行", ["job_referral"]),
    ("就在县城找个活干", ["job_referral"]),
    ("找活 不想出远门", ["job_referral"]),
    ("1 离家近点", ["job_referral"]),
    ("1 2 离家近点", ["job_referral", "training"]),
])
def test_the_scope_said_with_the_help_wanted_is_recorded_said_back_and_not_asked(said: str, needs: list[str]) -> None:
    chat = looking_at("service_needs")
    replies = chat.say(said)
    assert chat.answers["service_needs"] == needs and chat.answers["preferred_scope"] == "home_county"
    assert replies[0] == "好的, 已记下: 意向就业地: 本县。" and chat.awaiting == "desired_jobs"


# -- found playing a laborer -----------------------------------------------------------------------------------


def test_jobs_with_all_right_at_the_scope_question_are_the_jobs_not_anywhere() -> None:
    chat = looking_at("preferred_scope")
    replies = chat.say("饭店洗碗 保洁都行")
    assert "preferred_scope" not in chat.answers and chat.answers["desired_jobs"] == "洗碗、保洁"
    assert replies[0] == "好的, 已记下: 意向工作: 洗碗、保洁。" and chat.awaiting == "preferred_scope"
    chat.say("离家近点")
    assert chat.answers["preferred_scope"] == "home_county" and chat.awaiting == "skills"


def at_the_summary_unemployed() -> Chat:
    chat = wanting_at("available_from")
    chat.say("过完年")
    assert chat.awaiting == "summary" and chat.answers["available_from"] == "2027-02"
    return chat


def test_a_new_month_said_at_the_summary_corrects_the_one_month_of_the_form() -> None:
    chat = at_the_summary_unemployed()
    replies = chat.say("不对 是三月")
    assert chat.answers["available_from"] == "2027-03" and replies[0] == "好的, 已改为 可上岗时间: 2027年3月。"
    assert chat.awaiting == "summary"


def test_zero_at_a_question_picked_from_the_summary_keeps_the_answer() -> None:
    chat = at_the_summary_unemployed()
    chat.say("2")
    assert chat.awaiting == "id_number"
    chat.say("0")
    assert chat.awaiting == "summary" and chat.answers["id_number"] == ID


def test_the_village_is_stored_without_the_de_of_from_there() -> None:
    chat = looking_at("home_village")
    chat.say("新发村三组的")
    assert chat.answers["home_village"] == "新发村三组"


@pytest.mark.parametrize("why", ["咋还要问这个", "问这个干啥", "为啥要问这些"])
def test_why_a_question_is_asked_is_told_not_referred(why: str) -> None:
    chat = looking_at("preferred_scope")
    replies = chat.say(why)
    assert replies[0] == "问这个是为了按您的情况帮您找活、办补贴, 只给负责您的工作人员看。"
    assert replies[1].startswith("您想在哪里工作") and not chat.kinds("question_referred")
    assert chat.awaiting == "preferred_scope" and "preferred_scope" not in chat.answers


def test_work_once_found_at_the_help_question_is_job_referral() -> None:
    chat = looking_at("service_needs")
    chat.say("有活就干")
    assert chat.answers["service_needs"] == ["job_referral"] and chat.awaiting == "preferred_scope"


def test_insured_said_otherwise_at_the_next_registration_question_changes_the_answer() -> None:
    chat = registering("sms")
    for text in ("上个月二十号", "1", "1"):
        if chat.awaiting != "insured":
            chat.say(text)
    assert chat.awaiting == "insured"
    chat.say("2")
    replies = chat.say("交过 交了三年多")
    assert replies[0].startswith("好的, 已改为 参加失业保险: 交过") and chat.awaiting == "wants_services"
    assert chat.state is not None
    assert chat.state["registration"]["answers"]["insured"] == "yes"
    assert chat.state["registration"]["answers"]["insured_years"] == 3


def test_agreeing_again_at_the_name_question_is_no_name() -> None:
    chat = consented()
    replies = chat.say("嗯嗯 同意")
    assert "name" not in chat.answers and chat.awaiting == "name" and replies[0].startswith("请告诉我您的名字")


@pytest.mark.parametrize("said", ["俺叫 陈 秀 英", "陈 秀英"])
def test_a_name_typed_with_blanks_between_its_characters_is_one_name(said: str) -> None:
    chat = consented()
    chat.say(said)
    assert chat.answers["name"] == "陈秀英" and chat.awaiting == "id_number"


@pytest.mark.parametrize("said", ["咋样的活都中 要包吃住的", "什么样的都行"])
def test_whatever_work_is_the_work_wanted_not_a_question(said: str) -> None:
    chat = wanting_at("desired_jobs")
    chat.say(said)
    assert chat.answers["desired_jobs"] == said and not chat.kinds("question_referred")
    assert chat.awaiting == "skills"


@pytest.mark.parametrize("question", ["这活咋样", "工资咋样", "什么都行吗"])
def test_how_is_it_is_still_a_question(question: str) -> None:
    assert nlu.is_question(question)


def test_the_township_at_the_village_question_refines_the_home_and_the_village_is_asked() -> None:
    chat = consented()
    for text in ("王二 贵州威宁的", ID, "13712345678", "不知道"):
        chat.say(text)
    assert chat.awaiting == "home_village"
    replies = chat.say("草海镇")
    assert chat.answers["home_division"]["code"] == "520526100" and "home_village" not in chat.answers
    assert replies[-1].startswith("请告诉我村的名字") and chat.awaiting == "home_village"
    chat.say("新发村")
    assert chat.answers["home_village"] == "新发村"


@pytest.mark.parametrize("said", ["年底一次结", "一年到头一次结清"])
def test_wages_paid_once_a_year_are_not_on_time(said: str) -> None:
    chat = consented("sms")
    employed_at(chat, "wages_on_time")
    chat.say(said)
    assert chat.answers["wages_on_time"] == "no"


def test_tying_rebar_is_a_job() -> None:
    assert nlu.find_job_type("扎钢筋") == "扎钢筋" and nlu.find_job_type("扎针") is None


@pytest.mark.parametrize("face", ["[微笑]", "/::)", "[捂脸]"])
def test_a_face_with_nothing_asked_is_taken_in_kindly(face: str) -> None:
    chat = subscribed()
    employed_until(chat, "summary")
    chat.say("0")
    replies = chat.say(face)
    assert replies == ["好的, 知道了。情况有变化随时告诉我们。"]
