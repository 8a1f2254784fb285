"""The lead's play-test of 2026-12-06/07 (seventh stop): a young woman from 潢川县 waiting tables in a hotpot
restaurant in 杭州, on WeChat (tests/survey/driver.py; each test failed on the code before its fix unless called a
guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.flows.registration.dates import find_day
from dialogs.policy import retrieval
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly
from tests.survey.test_talking_as_people_type import consented

_TO_PAY = ["刘小梅", "411526200203151621", "15937612345", "不知道", "潢川 卜塔集镇 马营村", "在杭州饭店当服务员",
           "西湖区 一个火锅店", "不知道", "去年国庆节过去的"]


def _chat(*answers: str) -> Chat:
    chat = consented("wechat")
    for text in [*_TO_PAY, *answers]:
        chat.say(text)
    return chat


def test_a_rights_issue_reported_during_the_survey_is_not_told_again_at_the_end() -> None:
    """没签合同 老板说签了要扣钱 at the way of working was acknowledged at once (您说没签劳动合同…已转给…); the
    saved form then said it again with the insurance: "您说没签劳动合同、单位没交社保…". Only the new one now."""
    chat = _chat("三千五左右 包吃住")
    assert chat.awaiting == "employment_form"
    first = chat.say("没签合同 老板说签了要扣钱")
    assert sum("没签劳动合同" in reply for reply in first) == 1
    for text in ("出来打工的", "社保也没有交", "按时的"):
        chat.say(text)
    assert chat.awaiting == "summary", chat.awaiting
    saved = chat.say("0")
    told = [reply for reply in saved if "这关系到您的权益" in reply]
    assert len(told) == 1, saved
    assert "没交社保" in told[0]
    assert "没签劳动合同" not in told[0]


def test_issues_first_told_on_the_form_are_all_said_at_the_end() -> None:
    """A guard: answered at their questions, no contract and no insurance are both said back when it is saved."""
    chat = _chat("三千五", "出来打工的", "没签", "没有", "按时的")
    assert chat.awaiting == "summary", chat.awaiting
    saved = chat.say("0")
    told = [reply for reply in saved if "这关系到您的权益" in reply]
    assert len(told) == 1 and "没签劳动合同" in told[0] and "没交社保" in told[0], saved


def _earning(*items: dict[str, object]) -> Chat:
    chat = registered_chat(jobs=list(items))
    chat.state["survey"] = {"answers": {"employment_status": "employed", "monthly_income": 3500}}
    return chat


_LESS = GUARD | {"pay_now": 3500}


def test_asking_for_better_pay_when_nothing_pays_more_says_so_first() -> None:
    """有没有工资高点的活 服务员太累了 from someone earning 3500 listed two jobs paying less, each marked
    "不比您现在挣的 3500 多", with no word that nothing pays more: now that is said first, then the list."""
    for text in ("有没有工资高点的活 服务员太累了", "想换个挣钱多点的", "有没有钱多一点的活"):
        chat = _earning(_LESS, RANGER | {"pay_now": 3500})
        replies = chat.say(text)
        assert replies[0] == "暂时没有比您现在 (每月3500元) 挣得多的工作, 下面这些供您参考。", text
        assert replies[1].startswith("根据您的情况") and replies[2].startswith("1. 小区保安")


def test_asking_for_better_pay_with_one_that_pays_more_lists_them_as_before() -> None:
    """A guard: one item paying more (no pay_now on it): the list as before, no note."""
    chat = _earning(_LESS, RANGER)
    replies = chat.say("有没有工资高点的活")
    assert "暂时没有比您现在" not in replies[0]


def test_asking_for_work_without_a_word_of_pay_has_no_note() -> None:
    """A guard: 有没有保安的活 from someone earning more than any item pays: the list with its marks, no note."""
    chat = _earning(_LESS)
    assert "暂时没有比您现在" not in chat.say("有没有保安的活")[0]


@pytest.mark.parametrize(("text", "day"), [
    ("就元旦前两天", date(2026, 12, 30)),
    ("元旦前一天", date(2026, 12, 31)),
    ("元旦那天", date(2027, 1, 1)),
    ("国庆前几天", date(2026, 9, 28)),
    ("五一之前", date(2026, 4, 30)),
    ("过年前三天", date(2026, 2, 14)),  # the Spring Festival of 2026: 17 February
    ("中秋节那天", date(2026, 9, 25)),
])
def test_a_day_said_from_a_holiday_is_that_day(text: str, day: date) -> None:
    """就元旦前两天 at "您最后一天上班是哪天?" (on 5 January 2027) asked "是12月的哪一天?": a day counted from a
    holiday (元旦, 国庆, 五一, 过年, 中秋) is that day; the last one before today (people report what happened)."""
    assert find_day(text, date(2027, 1, 5)) == day


@pytest.mark.parametrize("text", ["1 2 想学美发", "1、2 想学美发", "1 2 美发的培训"])
def test_help_picked_by_number_with_words_keeps_every_number(text: str) -> None:
    """1 2 想学美发 at "您需要哪些帮助?" registered training only: the words (学 → training) took the place of the
    numbers. The options picked and any the words name."""
    chat = _at_checkin()
    for said in ("饭店关门了 两个月工资没给", "30号", "倒闭了", "不知道"):
        chat.say(said)
    assert chat.awaiting == "wants_services", chat.awaiting
    chat.say(text)
    [submitted] = chat.kinds("registration.submit")
    assert submitted.data["wants_services"] == ["job_referral", "training"]


@pytest.mark.parametrize("text", ["还没呢 过完年再说 想先学个美发", "还在找 想去学个电焊"])
def test_a_trade_to_learn_told_at_the_weekly_checkin_looks_for_a_course(text: str) -> None:
    """"还没呢 过完年再说 想先学个美发" at "最近找工作有进展吗?" got "工作人员会继续帮您找, 有合适的工作马上告诉您"
    and the wish was lost: now a course is looked for (and training is among the help they want)."""
    chat = _at_weekly()
    before = len(chat.kinds("jobs.match"))
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "still_looking"
    [search] = chat.kinds("jobs.match")[before:]
    assert search.data["item"] == "training"
    assert "training" in chat.answers["service_needs"]


@pytest.mark.parametrize("text", ["我想回老家开个理发店 有没有补贴", "回老家开店有补贴吗", "开个小超市有扶持吗",
                                  "想回家乡开一家饭店 能贷款吗"])
def test_opening_a_shop_of_a_kind_is_asked_about_the_startup_help(text: str) -> None:
    """我想回老家开个理发店 有没有补贴 went to the caseworker as a question nobody could answer (开个理发店 is no
    开店 to the catalogue, 回老家 no 回乡): the startup entry answers it."""
    found = retrieval().search(text)
    assert found.confident and found.entry is not None and found.entry.id == "startup", (found.entry, found.coverage)


def _looking(*answers: str) -> Chat:
    """A 56-year-old man from 商城县 on SMS, out of work, up to the question after `answers`."""
    chat = consented("sms")
    for text in ["周建军", "411524196809082534", "1", "不知道", "商城县 长竹园乡", "余冲村", "没活干", "想", "1",
                 *answers]:
        chat.say(text)
    return chat


@pytest.mark.parametrize("text", ["哪都中", "哪都行", "去哪都中", "在哪儿都可以"])
def test_anywhere_said_in_dialect_at_the_scope_question(text: str) -> None:
    """哪都中 (Henan: anywhere is fine) at "您想在哪里工作?" was "请回复数字 1 到 4"."""
    chat = _looking()
    assert chat.awaiting == "preferred_scope", chat.awaiting
    chat.say(text)
    assert chat.answers["preferred_scope"] == "anywhere"


@pytest.mark.parametrize("text", ["越快越好", "越早越好", "尽快", "随叫随到"])
def test_the_sooner_the_better_is_now(text: str) -> None:
    """越快越好 at "什么时候可以开始工作?" was "没看懂时间"."""
    chat = _looking("4", "钢筋工", "扎钢筋", "七八千")
    assert chat.awaiting == "available_from", chat.awaiting
    chat.say(text)
    assert chat.answers["available_from"] == "2026-11", chat.answers.get("available_from")  # (the driver's month)


def test_an_english_name_with_news_after_it_is_the_name() -> None:
    """"my name is Li Wei, I lost my job last week, the factory closed" at the English name question was "Please
    tell me your name" (the commas are gone when the name is read): the name is taken, and the news after it is
    read as the Chinese is (no work now)."""
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    chat.say("English please")
    chat.say("ok I agree")
    assert chat.awaiting == "name"
    chat.say("my name is Li Wei, I lost my job last week, the factory closed")
    assert chat.answers["name"] == "Li Wei"
    assert chat.answers["employment_status"] == "unemployed"
    assert "id_number" not in chat.answers and chat.awaiting is not None


@pytest.mark.parametrize("text", ["我换手机号了 新号码是13912348765", "我的新手机号13912348765", "换号了 13912348765",
                                  "手机号改成13912348765"])
def test_a_new_phone_number_told_after_the_form_was_saved(text: str) -> None:
    """我换手机号了 新号码是139…, 我的新手机号139…, 换号了 139… were "没太明白" and the menu (电话换了 新的是… and
    手机号改成… worked): the phone is changed, said back masked, to be saved."""
    chat = _looking("4", "钢筋工", "扎钢筋", "七八千", "随时")
    chat.jobs = []  # (the driver's matches: none)
    chat.say("0")
    assert chat.awaiting is None
    replies = chat.say(text)
    assert chat.answers.get("phone") == "+8613912348765" or "139****8765" in replies[0], replies
    assert "139****8765" in replies[0] and chat.awaiting == "summary"


@pytest.mark.parametrize("text", ["招工要交押金正常吗", "中介要收500块介绍费 靠谱吗", "先交钱才能上班是不是骗人的",
                                  "www.zhaopin.com 这个招聘是真的吗"])
def test_whether_a_job_offer_is_a_scam_is_answered(text: str) -> None:
    """"https://mp.weixin.qq.com/s/… 这个招聘是真的吗" got "登记好了, 就能按您的情况推荐…", and 招工要交押金正常吗 a
    job search ("暂时没有适合您的工作"): the catalogue warns (正规招聘不收押金…, 回复 人工 to have it checked)."""
    chat = registered_chat(jobs=[])
    replies = chat.say(text)
    assert "正规招聘不收押金" in replies[0], replies
    assert not chat.kinds("jobs.match")


def test_a_job_offer_asked_about_during_the_survey_is_no_search() -> None:
    """During the survey (SMS): the warning, then the open question (it was no policy the catalogue knew)."""
    chat = consented("sms")
    replies = chat.say("中介要收500块介绍费 靠谱吗")
    assert "正规招聘不收押金" in replies[0] and chat.awaiting == "name"


@pytest.mark.parametrize(("text", "village"), [
    ("15937612345 村是马营村", "马营村"), ("15937612345 我家在马营村", "马营村"), ("15937612345 马营村的", "马营村")])
def test_a_village_typed_beside_the_phone_is_the_homes(text: str, village: str) -> None:
    """"15937612345 村是马营村" at the phone question (the home said just before) took the phone and dropped the
    village, which was asked again later."""
    chat = consented("wechat")
    for said in ("刘小梅", "411526200203151621", "河南潢川的 卜塔集镇"):
        chat.say(said)
    assert chat.awaiting == "phone"
    chat.say(text)
    assert chat.answers["phone"] == "+8615937612345" and chat.answers.get("home_village") == village


@pytest.mark.parametrize("text", ["你们能不能帮我问问县里有没有美发培训", "帮我问一下有没有厨师的活"])
def test_asked_to_find_out_when_nothing_is_listed_the_caseworker_is_asked(text: str) -> None:
    """"你们能不能帮我问问县里有没有美发培训" with no course listed got "暂时没有适合您的培训…也可以回复 人工": they
    had asked us to find out. The question goes to their caseworker and they are told so."""
    chat = registered_chat(jobs=[])
    replies = chat.say(text)
    [asked] = chat.kinds("question_referred")
    assert asked.data["question"] == text
    assert "转给" in replies[-1] and "回复 人工" not in replies[-1], replies


def test_nothing_listed_without_being_asked_to_find_out_is_as_before() -> None:
    """A guard: 有没有美发培训 with none listed: the usual answer, nobody asked."""
    chat = registered_chat(jobs=[])
    chat.say("有没有美发培训")
    assert not chat.kinds("question_referred")


def test_the_sooner_the_better_said_with_the_wish_answers_the_start_too() -> None:
    """"想 越快越好" at "您想出去工作吗?" took the wish and asked "什么时候可以开始工作?" later: it said so already."""
    chat = consented("sms")
    for text in ["周建军", "411524196809082534", "1", "不知道", "商城县 长竹园乡", "余冲村", "没活干", "想 越快越好"]:
        chat.say(text)
    assert chat.answers["willing_to_work"] == "yes"
    assert chat.answers.get("available_from") == "2026-11"  # (the driver's month)


@pytest.mark.parametrize("text", ["就在本县店里上班", "在县城超市上班"])
def test_a_shop_job_near_home_is_not_guessed_a_workshop(text: str) -> None:
    """"就在本县店里上班" at "您是哪种就业方式?" got "就业形式: 记为「扶贫车间」, 对吗?": a shop is no 扶贫车间 (a
    factory in town may be one, and is still asked so); the options are shown instead of a wrong guess."""
    chat = consented("wechat")
    for said in ["刘小梅", "411526200203151621", "15937612345", "不知道", "潢川 卜塔集镇 马营村", "在县城理发店上班",
                 "步行街", "不知道", "学徒", "上个月", "两千"]:
        chat.say(said)
    assert chat.awaiting == "employment_form", chat.awaiting
    replies = chat.say(text)
    assert not any("扶贫车间」, 对吗" in reply for reply in replies), replies
    assert chat.awaiting == "employment_form"
