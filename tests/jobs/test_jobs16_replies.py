"""Play-testing of 2026-12-07 (jobs16): questions about a job we have no field for (过年放假吗, 能请假吗, 那边冷不冷,
多久发一次工资) answered from the item or honestly not known, a job in another province said to be far (and where),
the caseworker who follows an application up named, a list of trainings that fit nothing called trainings, and a
search after the check-in's 工作人员会继续帮您找 saying "none yet" once."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.job_effects import shown_with
from dialogs.i18n import catalog
from dialogs.matching.types import Opening, Reason, Scored, Seeker
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.survey.driver import Chat

# A job in Zhejiang for a man from Weining (bot/job_effects.py shown_with marks it far: "浙江宁波").
NINGBO = GUARD | {"ref": "v9", "kind": "cross_province", "title": "电子厂普工", "employer": "宁波舜宇电子有限公司",
                  "place": "宁波市北仑区", "place_short": "宁波北仑区", "address": None,
                  "requirements": "包吃住, 两班倒", "transport_subsidy": "500元", "far": "浙江宁波",
                  "reasons": [{"key": "match.reason.job_type", "params": {"job": "普工"}}]}
APPLIED = {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy", "kind": "factory",
           "title": "小区保安", "contact": None}


def pushed(chat: Chat, items: list[dict[str, Any]]) -> list[str]:
    return chat._run(chat._inbound(kind="event", event="jobs.push_items.result",
                                   payload={"status": "ok", "trigger": "import", "items": items}))


# -- questions we have no field for -----------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    ("过年放假吗", "「小区保安」的介绍里没写过年放不放假、放几天。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("春节放几天假", "「小区保安」的介绍里没写过年放不放假、放几天。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("能请假吗", "「小区保安」的介绍里没写请假怎么算。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("请假扣钱不", "「小区保安」的介绍里没写请假怎么算。报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("那边冷不冷", "「小区保安」在威宁县。那边冷不冷、热不热, 介绍里没写; "
                   "报了名工作人员会帮您问清楚, 也可以回复 人工 问。"),
    ("多久发一次工资", "「小区保安」的介绍里没写几号发、多久发一次工资。报了名工作人员会帮您问清楚; "
                       "工资要按时足额发, 拖欠了告诉我们, 工作人员帮您。"),
])
def test_a_question_about_the_job_we_have_no_field_for_is_answered_honestly_never_not_understood(
        question: str, expected: str) -> None:
    """过年放假吗 got the hours' answer (两班倒 of a job that said so), 那边冷不冷 没太明白 and the menu, 能请假吗 was
    referred to the caseworker without saying which job."""
    chat = registered_chat()
    pushed(chat, [GUARD | {"place_short": "威宁县"}])
    assert chat.say(question) == [expected]
    assert not chat.kinds("question_referred") and chat.awaiting == "jobs"


def test_the_jobs_own_words_answer_the_holiday_leave_and_weather_questions() -> None:
    chat = registered_chat()
    pushed(chat, [NINGBO | {"requirements": "两班倒, 春节放假15天, 请假需提前3天, 车间有空调"}])
    assert chat.say("过年放假吗") == ["「电子厂普工」的介绍写着: 春节放假15天。"]  # not 两班倒
    assert chat.say("能请假不") == ["「电子厂普工」的介绍写着: 请假需提前3天。"]
    assert chat.say("那边热不热") == [
        "「电子厂普工」在浙江宁波, 介绍写着: 车间有空调。那边冷不冷, 报了名工作人员会帮您问清楚, 也可以回复 人工 问。"]


def test_the_same_questions_by_number_and_after_the_list_was_asked_for() -> None:
    chat = registered_chat(jobs=[GUARD, NINGBO])
    chat.say("有啥活干")
    assert chat.say("2号那边冷不冷")[0].startswith("「电子厂普工」在浙江宁波。")
    assert chat.say("过年放假吗")[0].startswith("「电子厂普工」的介绍里没写过年放不放假")  # the one just asked of


@pytest.mark.parametrize(("question", "start"), [
    ("is it cold there", "\"电子厂普工\" is in 浙江宁波. It does not say how cold or hot"),
    ("do they have a holiday at new year?", "\"电子厂普工\" does not say whether there is a break at the Spring"),
    ("can I take leave", "\"电子厂普工\" does not say how leave works."),
])
def test_the_same_questions_in_english(question: str, start: str) -> None:
    chat = registered_chat()
    assert chat.state is not None
    chat.state["locale"] = "en"
    pushed(chat, [NINGBO])
    [reply] = chat.say(question)
    assert reply.startswith(start) and "caseworker" in reply
    assert not chat.kinds("question_referred")


# -- how far a job is ------------------------------------------------------------------------------------------


def test_a_job_in_another_province_says_where_it_is_and_that_it_is_far() -> None:
    """It said 宁波市北仑区 alone, beside jobs 离家近 (同县): a man from Weining could not tell it was in Zhejiang."""
    chat = registered_chat(jobs=[GUARD, NINGBO])
    replies = chat.say("有啥活干")
    assert replies[0] == "根据您的情况, 为您找到这些工作:"  # no county shared in the head
    assert replies[2].splitlines()[1] == "   在浙江宁波, 离您家比较远 · 2500-3200元/月"
    assert "地点: 宁波市北仑区 (在浙江宁波, 离您家比较远)" in chat.say("2")[0].splitlines()
    assert chat.say("离家多远") == ["「电子厂普工」在: 宁波市北仑区 (在浙江宁波, 离您家比较远)。"]


def test_a_far_job_pushed_and_by_sms() -> None:
    chat = registered_chat()
    replies = pushed(chat, [NINGBO])
    assert "在浙江宁波, 离您家比较远" in replies[1]
    sms = registered_chat(jobs=[GUARD, NINGBO], channel="sms")
    [page] = sms.say("有啥活干")
    assert "2.电子厂普工 浙江宁波(离家远) 2500-3200元/月 岗位对口: 普工" in page.splitlines()


def test_the_match_marks_an_item_in_another_province_with_its_province_and_city() -> None:
    weining = Seeker(person_id=1, home_division="520526001")
    reasons = (Reason("match.reason.job_type", {"job": "普工"}),)
    far = Scored(Opening(id=9, item="vacancy", external_id="NB-1", kind="factory", division="330206"), 40, reasons)
    near = Scored(Opening(id=1, item="vacancy", external_id="WN-1", kind="factory", division="520526"), 70, reasons)
    in_province = Scored(Opening(id=2, item="vacancy", external_id="GY-1", kind="factory", division="520102"), 50,
                         reasons)
    assert shown_with(weining, far)["far"] == "浙江宁波"
    assert "far" not in shown_with(weining, near) and "far" not in shown_with(weining, in_province)
    assert "far" not in shown_with(Seeker(person_id=2), far)  # home not known: nothing said of distance


@pytest.mark.parametrize(("code", "name"), [
    ("330206", "浙江宁波"), ("441900", "广东东莞"), ("110105", "北京"), ("650102", "新疆乌鲁木齐"),
    ("451002", "广西百色"), ("522601", "贵州黔东南州"), ("532901", "云南大理州"), ("", ""),
])
def test_a_region_is_named_as_people_name_it(code: str, name: str) -> None:
    from dialogs.place_names import region_name  # (new with the far mark: imported here, the file runs on main)

    assert region_name(code) == name


# -- who follows an application up ---------------------------------------------------------------------------------


def test_applying_names_the_caseworker_who_will_call() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications = {"v1": APPLIED | {"caseworker": "李书记"}}
    chat.say("有啥活干")
    [reply] = chat.say("报名1")
    assert reply.startswith("已帮您报名「小区保安」。接下来负责您的工作人员李书记会联系您")
    sms = registered_chat(jobs=[GUARD], channel="sms")
    sms.applications = {"v1": APPLIED | {"caseworker": "李书记"}}
    sms.say("有啥活干")
    assert sms.say("报名1") == ["已报名「小区保安」。工作人员李书记会联系您约时间, 7天后问您进展。"]


def test_nobody_covering_them_yet_is_the_caseworker_unnamed() -> None:
    chat = registered_chat(jobs=[GUARD])
    chat.applications = {"v1": APPLIED | {"caseworker": None}}
    chat.say("有啥活干")
    assert chat.say("报名1")[0].startswith("已帮您报名「小区保安」。接下来负责您的工作人员会联系您")


# -- lists that fit nothing; a search after the check-in ------------------------------------------------------------


def test_trainings_that_fit_nothing_are_called_trainings() -> None:
    chat = registered_chat(jobs=[WELDING | {"reasons": []}])
    replies = chat.say("想学个手艺")
    assert replies[0] == "暂时没有和您的要求 (想学的、地方) 对得上的培训。想让工作人员帮您找, 回复 人工。"
    sms = registered_chat(jobs=[WELDING | {"reasons": []}], channel="sms")
    assert sms.say("想学个手艺")[0] == "暂时没有对得上您要求的培训, 想让工作人员帮找回复 人工。"


def _checked_in(jobs: list[dict[str, Any]]) -> Chat:
    chat = registered_chat(jobs=jobs)
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={
        "fire": 1, "kind": "checkin", "status": "unemployed", "due_date": "2026-11-26"}))
    assert chat.awaiting == "checkin"
    return chat


def test_a_search_at_the_check_in_finding_nothing_says_none_yet_once() -> None:
    """It said 工作人员会继续帮您找, 有合适的工作马上告诉您 and then 有新的会发给您, 也可以回复 人工 问工作人员."""
    chat = _checked_in([])
    assert chat.say("还没找着 有没有工地的活?") == [
        "好的, 工作人员会继续帮您找, 有合适的工作马上告诉您。", "暂时没有适合您的工作。"]
    chat = _checked_in([GUARD | {"reasons": []}])
    replies = chat.say("还没找着 有没有工地的活?")
    assert replies[1] == "暂时没有和您的要求对得上的。" and replies[2].startswith("这些是现在您能报名的")
    assert not any("人工" in reply for reply in replies)


def test_every_new_english_text_is_english() -> None:
    en = catalog("en")
    keys = ["jobs.caseworker_named", "jobs.caseworker_any", "jobs.listed_far", "jobs.place_far",
            "jobs.none_close_training", "jobs.none_close_any", "jobs.none_looking_told", "jobs.none_close_looking_told",
            "jobs.ask_places_left", "jobs.ask_travel", "jobs.think", "jobs.noted",
            *(f"jobs.ask_{k}_{t}" for k in ("holiday", "leave", "weather", "interview") for t in ("told", "unknown"))]
    for key in keys:
        for channel in ("wechat", "sms"):
            assert not re.search(r"[\u4e00-\u9fff]", en.get(key, channel)), key


# -- a push answered as people type ----------------------------------------------------------------------------------


def _pushed_three() -> Chat:
    chat = registered_chat(jobs=[GUARD, RANGER, NINGBO])
    chat.applications = {ref: APPLIED | {"ref": ref, "title": title, "caseworker": "李书记"}
                         for ref, title in (("v1", "小区保安"), ("v3", "生态护林员"), ("v9", "电子厂普工"))}
    pushed(chat, [GUARD | {"place_short": "威宁县"}, NINGBO, RANGER | {"place_short": "威宁县"}])
    return chat


@pytest.mark.parametrize(("said", "expected"), [
    ("第二个是哪里的", "「电子厂普工」在: 宁波市北仑区 (在浙江宁波, 离您家比较远)。"),
    ("2号坐车要多久", "「电子厂普工」在宁波市北仑区 (在浙江宁波, 离您家比较远)。怎么去、路上要多久, 介绍里没写; "
                      "报了名工作人员会跟您说清楚, 有统一组织去的也会告诉您。也可以回复 人工 问。"),
    ("2号要面试吗", "「电子厂普工」的介绍里没写要不要面试。"
                   "报了名工作人员会帮您跟单位约面试或上岗的时间, 也可以回复 人工 问。"),
    ("第三个还剩几个名额", "「生态护林员」还剩5个名额, 想去就回复 报名 3。"),
    ("护林员要啥条件", "「生态护林员」的要求: 年龄: 40-60岁。"),
])
def test_questions_about_a_pushed_job_as_people_type_them(said: str, expected: str) -> None:
    """第二个是哪里的 and 坐车要多久 were 没太明白 or the term's answer (长期还是短期); 要面试吗 and 护林员要啥条件 (a
    policy topic's word in the title) were referred to the caseworker without their item."""
    chat = _pushed_three()
    assert chat.say(said) == [expected]
    assert not chat.kinds("question_referred") and not chat.kinds("jobs.apply")


def test_a_job_pointed_at_by_its_place_or_employer() -> None:
    """报宁波的, 宁波那个我报 were 没太明白 (the title is 电子厂普工); 我想去宁波 opens it (去 a place may be a wish for
    work there: nothing applied for on a guess); 威宁那个 names two."""
    chat = _pushed_three()
    assert chat.say("我想去宁波")[0].startswith("电子厂普工 (劳务协作 (外省))") and not chat.kinds("jobs.apply")
    assert chat.say("浙江那个")[0].startswith("电子厂普工") and not chat.kinds("question_referred")
    assert chat.say("威宁那个") == ["您说的是哪一个? 1. 小区保安; 3. 生态护林员。请回复序号看详情。"]
    chat.say("报宁波的")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v9"]


@pytest.mark.parametrize("said", ["谢谢 我考虑一下", "我问问家里人再说", "收到", "跟家里商量一下", "我再想想"])
def test_taking_time_to_think_keeps_the_list(said: str) -> None:
    """They were 没太明白 and the menu."""
    chat = _pushed_three()
    assert chat.say(said) == ["好的, 您慢慢考虑。想好了回复 报名+序号 就行, 有啥想问的也可以直接问。"]
    assert chat.awaiting == "jobs"
    assert chat.say("报名2")[0].startswith("已帮您报名「电子厂普工」")
    assert chat.say("好的 知道了") == ["好的。有啥想问的随时问, 工作人员也会联系您。"]


def test_none_of_them_said_as_people_say_it() -> None:
    chat = _pushed_three()
    chat.say("有没有在县城的")  # (it was referred to the caseworker as a question)
    assert chat.kinds("jobs.match")[-1].data["exclude"] == ["v1", "v9", "v3"]
    trainings = registered_chat(jobs=[WELDING])
    trainings.applications = {"t2": APPLIED | {"ref": "t2", "item": "training", "title": "电焊工培训班"}}
    pushed(trainings, [WELDING])
    trainings.say("报名1")
    trainings.say("都不想学")  # (it was passed to the caseworker as a note on the application)
    assert not trainings.kinds("application_note") and len(trainings.kinds("jobs.match")) == 1


def test_a_course_asked_about_as_people_type() -> None:
    chat = registered_chat()
    pushed(chat, [WELDING])
    assert chat.say("学完能去哪上班")[0].startswith("「电焊工培训班」的介绍里没写学完管不管安排工作")  # not its place
    assert chat.say("我没读过书能学吗") == ["「电焊工培训班」的要求: 学历: 不限; 年龄: 18-55岁。"]  # not a new search
    assert not chat.kinds("jobs.match")


@pytest.mark.parametrize(("said", "start"), [
    ("how do I get there", "\"电子厂普工\" is at 宁波市北仑区 (in 浙江宁波, far from your home)."),
    ("is there an interview", "\"电子厂普工\" does not say whether there is an interview."),
    ("ok thanks, I'll think about it", "Take your time."),
])
def test_more_questions_in_english(said: str, start: str) -> None:
    chat = registered_chat()
    assert chat.state is not None
    chat.state["locale"] = "en"
    pushed(chat, [NINGBO])
    assert chat.say(said)[0].startswith(start)


@pytest.mark.parametrize(("locale", "note"), [("zh_CN", "离家远"), ("en", "far away")])
def test_a_far_job_pushed_by_sms_says_so_within_two_parts(locale: str, note: str) -> None:
    """A pushed SMS line had no place at all: 电子厂普工 in Zhejiang read like the guard's job next door."""
    from dialogs.sms_text import MAX_PARTS, parts
    from tests.pushes.test_sms_push_length import item

    chat = registered_chat(channel="sms")
    assert chat.state is not None
    chat.state["locale"] = locale
    far = [item(n, "vacancy", locale) | {"far": "新疆乌鲁木齐", "place_short": "乌鲁木齐天山区"} for n in (1, 2, 3)]
    sms = "\n".join(pushed(chat, far))
    assert sms.count(note) == 3 and parts(sms) <= MAX_PARTS, sms


@pytest.mark.parametrize("said", ["天气冷了工地停了", "请假回家了", "面试没过"])
def test_news_with_the_new_questions_words_is_not_taken_for_a_question(said: str) -> None:
    """A guard: only questions (冷不冷, 能请假吗, 要面试吗) are asked of the item; news goes on to the idle handler."""
    from dialogs.flows.jobs_replies import reply_of

    assert reply_of(said) is None
    chat = _pushed_three()
    assert not any("介绍里没写" in reply for reply in chat.say(said))
