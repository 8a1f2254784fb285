"""What the lead met playing laborers through check-ins (2026-12-05, fourth round): who is writing, a better
job wanted by someone still in post, and wages owed told with the answer. Each through the pure dialog step."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import parse_status
from dialogs.flows.registration.dates import find_day
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest3 import _due
from tests.survey.test_playtest_round2 import registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at, submitted


@pytest.mark.parametrize("text", [
    "你们是谁啊", "你是哪个", "这是哪里发的短信", "你们是干啥的？", "你们是不是骗子", "咋有我的电话",
    "你好 请问你们是哪个单位的", "谁发的", "Who are you?", "Hello, is this a scam?",
])
def test_who_is_writing_is_answered_and_the_check_in_asked_again(text: str) -> None:
    """"你们是谁啊" at a check-in from an account they do not remember was "没太明白, 请回复数字"."""
    chat = Chat()
    _due(chat, "checkin", 1)
    replies = chat.say(text)
    assert "就业帮扶服务" in replies[0] and "不会向您要钱" in replies[0]
    assert replies[-1].startswith("您好! 您还在东莞的电子厂上班吗?") and chat.awaiting == "checkin"
    assert not chat.kinds("checkin_answered")


def test_who_is_writing_at_a_survey_question_keeps_the_question() -> None:
    chat = consented()
    replies = chat.say("你们是干什么的")
    assert "就业帮扶服务" in replies[0] and chat.awaiting == "name" and "name" not in chat.answers


@pytest.mark.parametrize("text", [
    "你们是谁 我要找工作", "这是哪里的活", "老板是骗子", "工资谁发的", "你们是干啥的 能帮我找活不", "我是谁",
    "who are you looking for",
])
def test_other_messages_naming_who_are_not_that_question(text: str) -> None:
    assert not nlu.asks_who_we_are(text)


@pytest.mark.parametrize("text", ["干着呢 想换个工资高点的", "想换个离家近点的", "还在 打算换个厂"])
def test_a_better_job_wanted_at_the_check_in_is_still_in_post_and_a_search(text: str) -> None:
    """"干着呢 想换个工资高点的" was "没太明白, 请回复数字" and the question again."""
    chat = Chat()
    _due(chat, "checkin", 1)
    assert chat.state is not None
    chat.state["consent"] = {"given": True}  # check-ins go to registered people
    replies = chat.say(text)
    assert "您还在岗" in replies[0] and "没太明白" not in " ".join(replies)
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == "still_employed"
    [match] = chat.kinds("jobs.match")
    assert match.data["item"] == "vacancy"


def test_a_better_job_wanted_is_no_job_lost_for_the_unemployed_either() -> None:
    text = "想换个工资高点的"
    understanding = nlu.understand(text, date(2026, 12, 19))
    assert understanding.intent == "seek_job"
    assert parse_status(text, understanding, "unemployed") == "still_looking"


def _saved_unable() -> Chat:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "在家带孙子 走不开", "0"):
        chat.say(text)
    assert chat.answers["employment_status"] == "unable"
    return chat


@pytest.mark.parametrize("text", ["孙子上学了 现在能出来干活了", "身体好了 可以上班了", "能出去打工了"])
def test_able_to_work_again_is_looking_for_work_not_a_job_found(text: str) -> None:
    """"孙子上学了 现在能出来干活了" from a grandmother recorded as unable to work opened the employed branch
    ("好的, 您现在在工作了。您在哪里工作?")."""
    chat = _saved_unable()
    replies = chat.say(text)
    assert replies[0].startswith("好的, 您现在能出来找活了")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting == "service_needs"


@pytest.mark.parametrize(("text", "status"), [
    ("俺现在能出去干活了 在县城超市上班", "employed"),  # work found, said beside it
    ("不能干活了", "unable"),
])
def test_able_to_work_said_beside_a_job_or_denied_is_not_a_search(text: str, status: str) -> None:
    assert nlu.understand(text, date(2027, 3, 1)).status == status


def test_a_grandchild_at_school_is_not_the_speaker_studying() -> None:
    assert nlu.understand("孙子上学了", date(2027, 3, 1)).status is None
    assert nlu.about_someone_else("我孙子在东莞失业了")


def _at_the_village() -> Chat:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县"):
        chat.say(text)
    assert chat.awaiting == "home_village"
    return chat


@pytest.mark.parametrize("text", ["我想找个活干", "孙子上学了 现在能出来干活了", "在家种地"])
def test_news_or_a_wish_at_the_village_question_is_no_village(text: str) -> None:
    """"孙子上学了 现在能出来干活了" at the village question was saved as the village (and shown so)."""
    chat = _at_the_village()
    replies = chat.say(text)
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    assert replies[-1] in ("您家在哪个村 (组)?", "请告诉我村的名字, 比如: 新发村三组。")


@pytest.mark.parametrize("text", ["石羊村三组", "老寨", "营河", "坝子头"])
def test_village_names_are_still_villages(text: str) -> None:
    chat = _at_the_village()
    chat.say(text)
    assert chat.answers["home_village"] == text and chat.awaiting == "employment_status"


def test_a_job_wished_at_the_village_question_is_told_the_jobs_come_after_the_form() -> None:
    chat = _at_the_village()
    assert chat.say("我想找个活干")[0] == "登记好了, 就能按您的情况推荐合适的工作和培训。"


@pytest.mark.parametrize(("text", "income"), [("干装配的 一个月五千多点", 5000), ("就在县城附近 找个活", None)])
def test_the_job_and_its_pay_at_the_employer_question_are_no_employer(text: str, income: int | None) -> None:
    """"干装配的 一个月五千多点" at the employer question was saved as the employer and shown so at the summary."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say(text)
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    assert chat.answers.get("monthly_income") == income


@pytest.mark.parametrize("text", ["宁波华翔", "张老板", "老李家", "宏达电子厂"])
def test_employers_said_plainly_are_still_employers(text: str) -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say(text)
    assert chat.answers["employer"] == text and chat.awaiting == "employer_contact"


@pytest.mark.parametrize(("text", "employer"), [
    ("在一个做汽车配件的厂 叫宁波华翔", "宁波华翔"), ("公司名字叫鑫达", "鑫达"), ("我们厂叫宏发", "宏发"),
    ("厂子叫啥我忘了", None), ("在一个厂 叫我干啥都行", None), ("厂里叫我们回家", None),
])
def test_an_employer_named_after_jiao(text: str, employer: str | None) -> None:
    assert nlu.parse_employer(text) == employer


def test_the_employer_described_and_named_at_the_work_place_question_is_the_employer() -> None:
    """"在一个做汽车配件的厂 叫宁波华翔" was saved as the work place and the employer asked next."""
    chat = consented()
    employed_at(chat, "work_place")
    chat.say("在一个做汽车配件的厂 叫宁波华翔")
    assert chat.answers["employer"] == "宁波华翔" and chat.answers.get("work_place") is None
    assert chat.awaiting == "employer_contact"


def test_still_looking_with_a_job_asked_for_searches_for_it() -> None:
    """"还没找着 有没有工地的活" at the weekly check-in got "工作人员会继续帮您找" and, with nothing new to push,
    nothing more: the construction work asked for is searched."""
    chat = Chat()
    payload = {"fire": 1, "kind": "checkin", "status": "unemployed", "due_date": "2026-12-26"}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    assert chat.state is not None
    chat.state["consent"] = {"given": True}
    chat.say("还没找着 有没有工地的活")
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == "still_looking"
    [match] = chat.kinds("jobs.match")
    assert match.data["wishes"] == ["还没找着 有没有工地的活"]


def test_the_employers_name_after_the_kind_of_place_is_kept_at_the_next_question() -> None:
    """"饭店叫老王家酸汤鱼" at the employer's phone (the employer recorded as 饭店) was "电话好像不对"."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say("县城饭店")
    replies = chat.say("饭店叫老王家酸汤鱼")
    assert chat.answers["employer"] == "老王家酸汤鱼" and chat.awaiting == "employer_contact"
    assert "好像不对" not in " ".join(replies)


def _checked(recheck: int = 0) -> Chat:
    chat = Chat()
    payload = {"fire": 1, "kind": "checkin", "status": "employed", "employer": "电子厂", "work_place": "东莞",
               "due_date": "2026-12-19", "recheck": recheck}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    return chat


@pytest.mark.parametrize("text", [
    "放假了 老板说过完年再看", "厂里停工了 说是等通知", "在是在 就是没啥活 天天歇着", "活少了 一个月就干十来天",
])  # (老板说下个月可能要裁人: a lay-off talked of, not told 停工; tests/survey/test_talk11_round11.py)
def test_work_paused_or_too_little_is_asked_again_in_a_week(text: str) -> None:
    """These were "没太明白, 请回复数字" (or, 停工 等通知, a job lost and the registration): work held but at risk."""
    chat = _checked()
    replies = chat.say(text)
    assert replies[0].startswith("好的, 知道了。停工、活少的时候不好过")
    [answered] = chat.kinds("checkin_answered")
    assert answered.data["answer"] == "on_hold"
    [recheck] = chat.kinds("checkin_recheck")
    assert recheck.data["days"] == 7 and recheck.data["recheck"] == 1
    assert not chat.kinds("employment_status_changed")


def test_still_paused_a_week_on_goes_to_the_caseworker() -> None:
    chat = _checked(recheck=1)
    replies = chat.say("还是没开工 等通知")
    assert not chat.kinds("checkin_recheck")
    [human] = chat.kinds("human_requested")
    assert human.data["reason"] == "checkin_on_hold" and "已通知负责您的工作人员" in replies[-1]


def test_the_holiday_at_home_is_a_return_still_to_come() -> None:
    chat = _checked()
    # (weeks before the festival: the holiday at home, asked again after it — check14)
    assert chat.say("回老家过年了 年后还回去")[0].startswith("好的, 回家过年")
    assert chat.kinds("checkin_answered")[0].data["answer"] == "not_back_yet"


@pytest.mark.parametrize("text", ["厂子倒闭了", "停工了 老板跑了", "放假以后就没再叫我 不干了"])
def test_a_pause_that_ended_the_job_is_a_job_lost(text: str) -> None:
    chat = _checked()
    chat.say(text)
    assert chat.kinds("checkin_answered")[0].data["answer"] == "job_lost"


@pytest.mark.parametrize("text", ["记不清了", "想不起来了", "记不得了"])
def test_cannot_remember_the_last_day_is_not_known_not_a_bad_date(text: str) -> None:
    """"记不清了" at the last day of work was "没看懂日期 … 不记得可回复 不知道"."""
    chat = registering()
    chat.say(text)
    assert chat.state["registration"]["answers"]["last_work_day"] is None and chat.awaiting == "job_loss_reason"


@pytest.mark.parametrize(("text", "today", "day"), [
    ("腊月二十", date(2026, 11, 26), date(2026, 2, 7)), ("腊月廿三", date(2027, 2, 20), date(2027, 1, 30)),
    ("正月初八", date(2027, 2, 20), date(2027, 2, 13)), ("农历十一月十五", date(2026, 11, 26), date(2026, 1, 3)),
    ("冬月初三", date(2027, 2, 20), date(2026, 12, 11)),
])
def test_a_lunar_day_is_the_last_one_before_today(text: str, today: date, day: date) -> None:
    """"腊月二十" was asked "是2月的哪一天?": people count the weeks around the Spring Festival in lunar days."""
    assert find_day(text, today) == day


@pytest.mark.parametrize(("text", "answer", "kept"), [
    ("住院了 干不了了", "1", True), ("腿摔断了 在家养着", "请了病假 好了就回去", True),
    ("生病了 在家歇着", "没在那干了", False), ("怀孕了 回家了", "2", False),
])
def test_ill_or_hurt_at_a_check_in_is_asked_whether_the_job_is_kept(
        text: str, answer: str, kept: bool) -> None:
    """"住院了 干不了了" was "没太明白, 请回复数字"; "生病了 在家歇着" a job lost and the unemployment registration."""
    chat = consented()
    submitted(chat)
    _due(chat, "checkin", 1)
    assert chat.say(text)[0].startswith("您安心休养。这份工作还给您留着吗?") and chat.awaiting == "checkin"
    assert not chat.kinds("checkin_answered")
    replies = chat.say(answer)
    [answered] = chat.kinds("checkin_answered")
    if kept:
        assert answered.data["answer"] == "sick_leave" and replies[0].startswith("好的, 您安心休养")
        assert chat.answers["employment_status"] == "employed" and chat.awaiting is None
    else:
        assert answered.data["answer"] == "job_lost" and chat.awaiting == "last_work_day"


def test_ill_and_done_with_the_job_is_a_job_lost_at_once() -> None:
    chat = consented()
    submitted(chat)
    _due(chat, "checkin", 1)
    chat.say("病了 不干了")
    assert chat.kinds("checkin_answered")[0].data["answer"] == "job_lost"


def test_caring_for_someone_ill_at_a_check_in_asks_whether_the_job_is_kept() -> None:
    chat = consented()
    submitted(chat)
    _due(chat, "checkin", 1)
    assert chat.say("我老婆住院了 我在家照顾")[0].startswith("家里人要紧。这份工作还给您留着吗?")
    chat.say("1")
    assert chat.kinds("checkin_answered")[0].data["answer"] == "sick_leave"


@pytest.mark.parametrize("text", ["我老公失业了", "我儿子在东莞找到工作了"])
def test_someone_elses_news_at_a_check_in_is_not_the_speakers(text: str) -> None:
    """"我老公失业了" at the check-in started the speaker's own unemployment registration."""
    chat = consented()
    submitted(chat)
    _due(chat, "checkin", 1)
    replies = chat.say(text)
    assert replies[0].startswith("知道了。您家里人要找工作或登记") and chat.awaiting == "checkin"
    assert replies[-1].startswith("您好! 您还在东莞的电子厂上班吗?")
    assert not chat.kinds("checkin_answered") and chat.answers["employment_status"] == "employed"


def _asked(status: str) -> Chat:
    chat = Chat()
    payload = {"fire": 1, "kind": "checkin", "status": status, "due_date": "2026-12-26"}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload=payload))
    assert chat.state is not None
    chat.state["consent"] = {"given": True}
    return chat


@pytest.mark.parametrize(("status", "text", "answer"), [
    ("unemployed", "还没有", "still_looking"), ("unemployed", "没啥进展", "still_looking"),
    ("unemployed", "没找到", "still_looking"), ("unemployed", "要不你们帮我问问", "need_help"),
    ("unemployed", "没找 在家带娃", "not_looking"), ("unemployed", "不想找了 在家种地", "not_looking"),
    ("unemployed", "找到了 在镇上砖厂干", "found_job"),
    ("unable", "好多了 能干点轻活", "want_work"), ("unable", "娃大了 能出去了", "want_work"),
    ("unable", "还是老样子", "not_yet"), ("unable", "腿还没好", "not_yet"), ("unable", "还是不能干活", "not_yet"),
])
def test_the_unemployed_and_unable_answer_in_their_own_words(status: str, text: str, answer: str) -> None:
    """Each of these was "没太明白, 请回复数字" (the numbers were all that was read)."""
    chat = _asked(status)
    chat.say(text)
    assert chat.kinds("checkin_answered")[0].data["answer"] == answer


@pytest.mark.parametrize(("text", "willing"), [("没找 在家带娃", "later"), ("不想找了 在家种地", "no")])
def test_not_looking_now_is_recorded_on_the_form(text: str, willing: str) -> None:
    chat = _asked("unemployed")
    replies = chat.say(text)
    assert replies[0].startswith("好的, 知道了。以后想找工作了")
    [changed] = chat.kinds("field_changed")
    assert (changed.data["field"], changed.data["new"]) == ("willing_to_work", willing)
    assert changed.data["actor"] == "checkin"
    [updated] = chat.kinds("form_fields_updated")
    assert updated.data["fields"] == {"willing_to_work": willing}


@pytest.mark.parametrize("text", ["好多了 能干点轻活", "2", "想找个离家近的活"])
def test_wanting_work_at_the_unable_check_in_reopens_the_form_as_looking(text: str) -> None:
    """"2 想找工作" at the check-in of someone recorded as unable only alerted the caseworker: the form kept
    saying unable, and no jobs could be matched. Now it changes as it does outside a check-in."""
    chat = _saved_unable()
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={
        "fire": 1, "kind": "checkin", "status": "unable", "due_date": "2027-03-01"}))
    replies = chat.say(text)
    assert replies[0].startswith("好的, 您现在能出来找活了")
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.awaiting in ("preferred_scope", "service_needs")
    assert {e.data["actor"] for e in chat.kinds("field_changed")[-2:]} == {"checkin"}


@pytest.mark.parametrize(("status", "text", "answer"), [
    ("employed", "still there", "still_employed"), ("employed", "I lost my job", "job_lost"),
    ("employed", "the factory closed", "job_lost"), ("employed", "I changed jobs", "changed_job"),
    ("unemployed", "still looking", "still_looking"), ("unemployed", "I found a job", "found_job"),
    ("unable", "not yet", "not_yet"),
])
def test_check_in_answers_in_english(status: str, text: str, answer: str) -> None:
    """The en locale is shipped; its check-ins read only numbers ("I lost my job": "please reply with a number")."""
    chat = _asked(status)
    assert chat.state is not None
    chat.state["locale"] = "en"
    chat.say(text)
    assert chat.kinds("checkin_answered")[0].data["answer"] == answer


def test_ill_in_english_asks_whether_the_job_is_kept() -> None:
    chat = _asked("employed")
    assert chat.state is not None
    chat.state["locale"] = "en"
    assert chat.say("I am sick, in hospital")[0].startswith("Take care of yourself. Is the job being kept for you?")
    chat.say("yes")
    assert chat.kinds("checkin_answered")[0].data["answer"] == "sick_leave"


@pytest.mark.parametrize("text", ["交了", "签了", "按时发", "有"])
def test_a_yes_to_another_question_is_no_consent(text: str) -> None:
    """"交了" at the privacy notice was taken as consent (found by care4): consent is given in words of agreeing."""
    chat = Chat()
    chat.say("登记")
    chat.say(text)
    assert chat.awaiting == "consent" and not chat.kinds("consent_given")


@pytest.mark.parametrize("text", ["1", "同意", "好的", "嗯", "可以", "没问题", "中"])
def test_agreeing_is_still_consent(text: str) -> None:
    chat = Chat()
    chat.say("登记")
    chat.say(text)
    assert chat.awaiting == "name" and chat.kinds("consent_given")


@pytest.mark.parametrize(("text", "name"), [
    ("找工作", None), ("有没有活干", None), ("我叫找工作的", None),
    ("王招工", "王招工"), ("阿育伍呷", "阿育伍呷"), ("张三", "张三"),
])
def test_a_wish_at_the_name_question_is_no_name(text: str, name: str | None) -> None:
    """"找工作" at the name question was saved as the name (found by care4)."""
    chat = Chat()
    chat.say("登记")
    chat.say("1")
    chat.say(text)
    assert chat.answers.get("name") == name
    assert chat.awaiting == ("name" if name is None else "id_number")


def test_asking_for_a_person_at_a_survey_question_tells_the_caseworker() -> None:
    chat = Chat()
    chat.say("登记")
    chat.say("1")
    replies = chat.say("要人工")
    assert replies[0].startswith("已通知负责您的工作人员") and chat.kinds("human_requested")
    assert "name" not in chat.answers and chat.awaiting == "name"
