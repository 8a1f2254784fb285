"""The lead's play-test of 2026-12-07 (tenth stop): a woman of 47 from 威宁 cleaning rooms in a 锦江之星 hotel in
贵阳, on WeChat, and others (tests/survey/driver.py; each test failed on the code before its fix unless called a
guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.survey.fields import lasted_since
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented


def _at_village() -> Chat:
    chat = consented("wechat")
    chat.jobs = []
    for text in ("黄桂兰", ID, "13985012345", "不记得了", "威宁 盐仓镇的"):
        chat.say(text)
    assert chat.awaiting == "home_village"
    return chat


def test_how_long_the_job_has_lasted_said_with_it_is_when_it_started() -> None:
    """"在贵阳一个酒店做保洁 干了两年多了" recorded the job and then asked "哪年哪月开始干的?"; answered
    "刚才说了嘛 两年多了", it was "没看懂时间"."""
    chat = _at_village()
    replies = chat.say("在贵阳一个酒店做保洁 干了两年多了")
    started = chat.answers["started"]
    assert started is not None and started[:4] == f"{chat.ctx.today.year - 2}", chat.answers
    assert any("开始时间" in reply for reply in replies)


@pytest.mark.parametrize("text", ["刚才说了嘛 两年多了", "不是说了吗, 干了两年多了", "两年多了"])
def test_a_duration_after_other_words_at_the_start_question(text: str) -> None:
    """The first two were "没看懂时间" (the duration read only as the whole message); 两年多了 alone is a guard."""
    assert lasted_since(text, date(2026, 12, 7)) == "2024-12"


@pytest.mark.parametrize("text", ["一年回来一次", "一个月 四千", "孩子两岁了"])
def test_a_duration_that_does_not_say_the_job_has_lasted_is_no_start(text: str) -> None:
    """A guard: only a part that says it has lasted (了) counts, and no age."""
    assert lasted_since(text, date(2026, 12, 7)) is None


@pytest.mark.parametrize(("text", "employer"), [
    ("锦江之星酒店", "锦江之星酒店"),  # it was 之星酒店: 锦江 stripped as 成都's 锦江区
    ("如家酒店", "如家酒店"),  # it was 酒店: 家 ended the name
    ("在如家酒店做保洁", "如家酒店"),
    ("汉庭", "汉庭"),
])
def test_hotel_chains_are_employers_by_their_names(text: str, employer: str) -> None:
    assert nlu.parse_employer(text) == employer


@pytest.mark.parametrize(("text", "employer"), [
    ("东莞宏达电子厂", "宏达电子厂"), ("在郑州富士康", "富士康"), ("海底捞火锅店", "海底捞火锅店"),
])
def test_employers_read_as_before(text: str, employer: str) -> None:
    """A guard: places before a name still go, brands still stand alone."""
    assert nlu.parse_employer(text) == employer


def _checkin_answers(text: str) -> list[object]:
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say(text)
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")]


@pytest.mark.parametrize("text", ["还在 不过酒店说过完年要装修 可能要放我们回家几个月", "在 说是过完年要放我们回家",
                                  "在 过完年酒店装修 要停两个月", "在 过完年酒店装修 要停两个月 那两个月没工资"])
def test_a_pause_talked_of_at_the_checkin_is_work_held_at_risk(text: str) -> None:
    """It was read as all well (the wages question next), the pause ahead not heard; with "那两个月没工资" (no pay
    while the place is shut) it was a report of wages owed, passed to the caseworker as a rights case."""
    assert _checkin_answers(text) == ["on_hold"]


@pytest.mark.parametrize("text", ["还在 干装修", "在的 厂里要装修车间 我们照常上班", "在 还在装修公司干"])
def test_renovation_work_or_works_that_stop_nothing_are_no_pause(text: str) -> None:
    """A guard: a renovation worker at work, or works that do not stop the work."""
    assert _checkin_answers(text) == ["still_employed"]


@pytest.mark.parametrize(("text", "issues"), [
    ("1 都有", set()), ("1 都有, 没问题", set()),
    ("2 工资拖欠", {"wage_arrears"}), ("2 3 工资拖欠 没签合同", {"wage_arrears", "no_contract"}),  # (guards)
])
def test_numbers_typed_with_their_options_words_at_the_rights_question(text: str, issues: set[str]) -> None:
    """"1 都有" at "工资按时足额发了吗? … 1都有, 没问题" was "请回复数字" (the issues' numbers with their words
    were read already, by the words: guards)."""
    from dialogs.flows.checkin.answers import parse_rights

    assert parse_rights(text, nlu.understand(text, date(2026, 12, 21))) == issues


def test_a_number_with_words_that_say_otherwise_is_not_taken_for_the_number() -> None:
    """A guard: 3 社保 (the number of 没签合同, the words of 没交社保) is asked again, not guessed."""
    from dialogs.flows.checkin.answers import parse_rights

    assert parse_rights("3 社保", nlu.understand("3 社保", date(2026, 12, 21))) is None


def _sms_laid_off_rebar_worker() -> Chat:
    chat = consented("sms")
    chat.jobs = []
    for text in ("杨发贵", ID, "是", "不知道", "威宁 哲觉镇 竹坪村", "过年回来了 现在没活干"):
        chat.say(text)
    assert chat.awaiting == "willing_to_work"
    return chat


def test_a_job_wished_as_people_say_it_is_written_as_the_form_writes_it() -> None:
    """"想 还是想干钢筋 附近有也行" was noted "意向工作: 干钢筋"."""
    chat = _sms_laid_off_rebar_worker()
    replies = chat.say("想 还是想干钢筋 附近有也行")
    assert chat.answers["desired_jobs"] == "钢筋工"
    assert "意向工作: 钢筋工" in replies[0]


@pytest.mark.parametrize("text", ["都行 近点好", "哪里都可以 最好离家近点"])
def test_anywhere_with_near_preferred_at_the_scope_question(text: str) -> None:
    """"都行 近点好" at "您想在哪里工作? 1本县 2本省 3外省 4都可以" recorded "可上岗时间: 2026年11月" (its 都行 read as
    "any time") and asked the scope again, then "请回复数字 1 到 4"."""
    chat = _sms_laid_off_rebar_worker()
    chat.say("想 还是想干钢筋 附近有也行")
    chat.say("1")
    assert chat.awaiting == "preferred_scope"
    chat.say(text)
    assert chat.answers["preferred_scope"] == "anywhere"
    assert "available_from" not in chat.answers


def test_the_boss_not_taking_him_back_after_the_festival_is_a_job_lost_and_registered() -> None:
    """"原来在昆明工地扎钢筋 过年回来 包工头说今年不要人了" at the status question recorded him out of work and went on
    with the survey: the lay-off (no 裁 said) was no job lost, no unemployment registration."""
    chat = consented("sms")
    chat.jobs = []
    for text in ("杨发贵", ID, "是", "不知道", "威宁 哲觉镇 竹坪村"):
        chat.say(text)
    chat.say("原来在昆明工地扎钢筋 过年回来 包工头说今年不要人了")
    assert chat.awaiting == "last_work_day"


def test_no_factory_taking_people_on_is_a_search_not_a_job_lost() -> None:
    """A guard: 找了几个厂都不要人 is looking for work, not a job lost (no registration)."""
    chat = consented("sms")
    chat.jobs = []
    for text in ("杨发贵", ID, "是", "不知道", "威宁 哲觉镇 竹坪村"):
        chat.say(text)
    chat.say("没有工作 找了几个厂都不要人")
    assert chat.awaiting != "last_work_day"


@pytest.mark.parametrize(("kinds", "head"), [
    (["vacancy"], "vacancy"), (["vacancy", "vacancy"], "vacancy"), (["training"], "training"),
    (["vacancy", "training"], "any"),
])
def test_a_list_asked_for_both_is_headed_by_what_it_holds(kinds: list[str], head: str) -> None:
    """After the survey of a man wanting work and a training, a list of one job was "为您找到这些工作和培训"."""
    from dialogs.flows.jobs_text import list_kind

    assert list_kind({"item": None, "items": [{"item": kind} for kind in kinds]}) == head
    assert list_kind({"item": "training", "items": [{"item": "training"}]}) == "training"


@pytest.mark.parametrize(("text", "employer"), [("在深圳龙华那边电子厂上班😊", "电子厂"), ("在那头砖厂干", "砖厂")])
def test_the_bian_of_nabian_is_no_part_of_an_employers_name(text: str, employer: str) -> None:
    """"在深圳龙华那边电子厂上班" was recorded "工作单位: 边电子厂" (and then 富士康, said at the address, could not
    name it: 边电子厂 was no bare kind of workplace)."""
    assert nlu.parse_employer(text) == employer


def test_a_place_called_bian_is_still_named() -> None:
    """A guard: 边城电子厂 keeps its 边."""
    assert nlu.parse_employer("在东莞边城电子厂") == "边城电子厂"


@pytest.mark.parametrize(("text", "said"), [("I want to register", "We need your name"),
                                            ("find a job", "let us register you first"),
                                            ("talk to a caseworker", "Your caseworker has been told")])
def test_the_english_menu_takes_its_entries_in_words(text: str, said: str) -> None:
    """"I want to register" at the English menu (SMS, after 5 English) was "Sorry, I didn't quite understand" and
    the menu again."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.jobs = []
    chat.say("hi")
    chat.say("5")
    replies = chat.say(text)
    assert not any("didn't quite understand" in reply for reply in replies), replies
    assert any(said in reply for reply in replies), replies


def test_a_wish_for_a_course_with_what_it_costs_is_both_answered() -> None:
    """"我想学电焊 有没有培训 要钱不" was passed to the caseworker ("这个问题我们转给了…"): no course looked up, the
    cost unanswered (培训要钱不 alone is answered, 有没有电焊培训 alone looked up)."""
    from tests.jobs.test_dialog import registered_chat

    chat = registered_chat(jobs=[])
    replies = chat.say("我想学电焊 有没有培训 要钱不")
    assert [m.data["item"] for m in chat.kinds("jobs.match")] == ["training"]
    assert "不用交钱" in replies[0] and not chat.kinds("question_referred")


def test_a_wish_for_work_with_what_it_costs() -> None:
    """"有没有保安的活 收费吗": the jobs, and that our service is free (the question was dropped)."""
    from tests.jobs.test_dialog import GUARD, registered_chat

    chat = registered_chat(jobs=[GUARD])
    replies = chat.say("有没有保安的活 收费吗")
    assert [m.data["item"] for m in chat.kinds("jobs.match")] == ["vacancy"]
    assert "免费" in replies[0]


def test_the_pay_asked_beside_a_wish_for_work_is_no_fee_question() -> None:
    """A guard: 一个月多少钱 asks the pay, not what our service costs."""
    from tests.jobs.test_dialog import GUARD, registered_chat

    chat = registered_chat(jobs=[GUARD])
    replies = chat.say("有没有保安的活 一个月多少钱")
    assert not any("免费" in reply for reply in replies)


def test_a_name_after_spoken_fillers_is_the_name() -> None:
    """"嗯那个我叫张德胜啊今年四十五了在家里种地呢没出去打工想在附近找点活干" (typed as spoken, before consent): after
    agreeing he was asked "请问您的姓名?" — the 我叫 after 那个 was not where a sentence starts."""
    chat = Chat(channel="wechat", address="u1")
    chat.jobs = []
    chat.event("subscribe")
    chat.say("嗯那个我叫张德胜啊今年四十五了在家里种地呢没出去打工想在附近找点活干")
    chat.say("可以")
    assert chat.answers["name"] == "张德胜" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["他是李明的老乡", "那个我是江华的"])
def test_no_name_where_none_is_said(text: str) -> None:
    """A guard: someone else's name, and where one is from."""
    assert nlu.find_name(text) is None


def _weekly_answers(text: str) -> tuple[list[object], list[str]]:
    from tests.survey.test_lead_playtest8 import _at_weekly

    chat = _at_weekly()
    replies = chat.say(text)
    return [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1:], replies


@pytest.mark.parametrize("text", ["还在找 县城有个工地说下个月开工 让我到时候去", "找到了 下个月去"])
def test_work_promised_from_a_day_to_come_at_the_weekly_checkin_is_no_job_found(text: str) -> None:
    """It was a job found: the one-on-one case closed, the new job's questions asked."""
    answers, replies = _weekly_answers(text)
    assert answers == ["job_promised_later"] and "上班了告诉我们一声" in replies[0]


@pytest.mark.parametrize(("text", "answer"), [("找到了 在县城工地扎钢筋", "found_job"), ("还在找", "still_looking")])
def test_work_found_now_and_still_looking_read_as_before(text: str, answer: str) -> None:
    """Guards."""
    assert _weekly_answers(text)[0] == [answer]


def test_back_when_the_place_opens_at_the_spring_return_is_not_back_yet() -> None:
    """"酒店三月份开业 我到时候回去" at "春节过后, 您回到…上班了吗?" was "没太明白, 请回复数字"."""
    from tests.survey.test_lead_playtest5 import _fire

    chat = Chat()
    _fire(chat, "spring_return", 1, employer="锦江之星酒店", work_place="贵阳")
    chat.say("酒店三月份开业 我到时候回去")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_back_yet"]


@pytest.mark.parametrize(("text", "details"), [("姓刘 叫刘老三 电话不知道", True), ("更多", False), ("2", False)])
def test_a_reports_details_with_a_list_on_screen_go_to_the_caseworker(text: str, details: bool) -> None:
    """A push's list on screen, "之前昆明那个包工头还欠我八千块钱工钱 一直不给 咋办" (the report, "方便的话再说说:
    哪个单位…"), then "姓刘 叫刘老三 电话不知道": it was "您问哪一个的电话? 报了名就告诉您" (the list took it). More
    and a number are the list's still (guards)."""
    from tests.jobs.test_dialog import GUARD, RANGER, registered_chat

    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有没有保安的活")
    chat.say("之前昆明那个包工头还欠我八千块钱工钱 一直不给 咋办")
    replies = chat.say(text)
    assert bool(chat.kinds("rights_details_told")) is details, replies
    assert chat.awaiting == "jobs"
