"""Questions about a course as people ask them: "学完管分配不" / "学完发证不" / "证书有用不" / "要带啥" are answered
from the item open (its own words), or in general words when no course is on screen; an item of the list is named
by its title ("那个电焊培训要钱不"). Before, 学完管分配不 / 学完发证不 started a training search, and the others
went to the caseworker."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat

WELDING = {"ref": "t1", "item": "training", "kind": "upgrade", "title": "电焊工培训班", "provider": "威宁县职校",
           "place": "威宁县", "salary_min": None, "salary_max": None, "reasons": [],
           "requirements": "结业考核合格发焊工证书; 报到请带身份证和一寸照片", "starts": "2026-12-10",
           "ends": "2027-01-10"}
HOUSEKEEPING = {"ref": "t2", "item": "training", "kind": "pre_employment", "title": "家政服务培训",
                "provider": "威宁县职校", "place": "威宁县", "salary_min": None, "salary_max": None, "reasons": []}
GUARD = {"ref": "v1", "item": "vacancy", "kind": "factory", "title": "超市保安", "employer": "万家超市",
         "place": "威宁县", "salary_min": 2500, "salary_max": 3200, "reasons": []}


def chat(channel: str = "wechat") -> Chat:
    c = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    c.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    c.jobs = [WELDING, HOUSEKEEPING, GUARD]
    return c


@pytest.mark.parametrize(("text", "starts"), [
    ("学完管分配不", "学完管不管安排工作, 要看是哪个培训"), ("学完发证不", "发什么证要看是哪个培训"),
    ("证书有用不", "发什么证要看是哪个培训"),
])
def test_a_question_about_courses_with_none_on_screen_is_answered_in_general(text: str, starts: str) -> None:
    c = chat()
    [reply] = c.say(text)
    assert reply.startswith(starts)
    assert not c.kinds("jobs.match") and not c.kinds("question_referred")


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_questions_about_the_course_open_are_answered_from_its_own_words(channel: str) -> None:
    c = chat(channel)
    c.say("想学个手艺")
    c.say("1")
    assert c.say("学完发证不") == ["「电焊工培训班」的介绍写着: 结业考核合格发焊工证书。"]
    assert c.say("要带啥") == ["「电焊工培训班」的介绍写着: 报到请带身份证和一寸照片。"]
    [placement] = c.say("学完管分配不")
    assert placement.startswith("「电焊工培训班」的介绍里没写学完管不管安排工作")
    c.say("2")
    [bring] = c.say("要带啥")
    assert bring.startswith("「家政服务培训」的介绍里没写要带什么")
    assert not c.kinds("question_referred") and len(c.kinds("jobs.match")) == 1


def test_an_item_is_named_by_its_title() -> None:
    c = chat()
    c.say("想学个手艺")
    replies = c.say("那个电焊培训要钱不")
    assert replies[0].startswith("「电焊工培训班」") and "一般不用交钱" in replies[1]
    assert c.say("家政的要带啥")[0].startswith("「家政服务培训」的介绍里没写要带什么")
    assert not c.kinds("question_referred")


def test_with_several_on_screen_and_none_named_each_is_told() -> None:
    c = chat()
    c.say("想学个手艺")
    assert c.say("学完发证不")[0].startswith("1. 电焊工培训班: 写着 结业考核合格发焊工证书\n2. 家政服务培训: 没写")


def test_a_job_is_no_course() -> None:
    c = chat()
    c.say("有啥活干")
    assert c.say("学完管分配不") == ["「超市保安」是招工, 不是培训: 报名录用了就在那里上班。"]


def test_the_item_named_is_the_one_the_next_questions_are_about() -> None:
    """"1号包住不" then "上夜班不" was "您问的是哪一个?" (simulator play, SMS)."""
    c = chat("sms")
    c.say("想学个手艺")
    c.say("那个电焊的要钱不")
    assert c.say("学完发证不") == ["「电焊工培训班」的介绍写着: 结业考核合格发焊工证书。"]
    c.say("报名")
    assert [e.data["ref"] for e in c.kinds("jobs.apply")] == ["t1"]


def test_a_course_tells_of_its_certificate_in_the_subsidy_column_too() -> None:
    """Trainings are imported with no requirements column: what they say of a certificate is in the subsidy."""
    c = chat()
    c.jobs = [HOUSEKEEPING | {"subsidy": "结业考核合格发证书 补贴1500元"}]
    c.say("想学个手艺")
    assert c.say("学完发证不") == ["「家政服务培训」的介绍写着: 结业考核合格发证书。"]


def test_how_piece_work_is_paid_is_a_question_about_the_pay_of_the_item() -> None:
    """"计件是咋算的" about the workshop job open went to the caseworker (simulator play, WeChat)."""
    c = chat()
    c.jobs = [GUARD | {"title": "扶贫车间缝纫工", "requirements": "计件 可带孩子"}]
    c.say("有啥活干")
    assert c.say("计件是咋算的") == ["「扶贫车间缝纫工」的介绍写着: 计件。工资: 2500-3200元/月。"]
    assert not c.kinds("question_referred")


@pytest.mark.parametrize("text", ["年纪大了要不要", "俺五十多岁了收不收"])
def test_whether_the_item_takes_someone_of_their_age_is_told_its_ages(text: str) -> None:
    """"年纪大了要不要" about the job open went to the caseworker (simulator play, SMS)."""
    c = chat()
    c.jobs = [GUARD | {"age_min": 18, "age_max": 55}]
    c.say("有啥活干")
    assert c.say(text) == ["「超市保安」的要求: 年龄: 18-55岁。"]
    assert not c.kinds("question_referred")


def test_an_item_named_by_its_place_and_a_place_with_none_on_screen() -> None:
    """"深圳那个包吃住不" with nothing in 深圳 on screen answered about the item open (simulator play, SMS)."""
    c = chat()
    c.jobs = [GUARD, GUARD | {"ref": "v2", "title": "服装厂缝纫工", "employer": "锦绣服装厂", "place": "草海镇",
                              "requirements": "计件 包午饭"}]
    c.say("有啥活干")
    c.say("1")
    assert c.say("深圳那个包吃住不") == ["您问的是哪一个? 请先回复序号 (1 到 2) 看详情。"]
    assert c.say("草海镇那个管饭不") == ["「服装厂缝纫工」的介绍写着: 包午饭。"]


@pytest.mark.parametrize(("wanted", "text", "ref"), [
    ("想学个手艺", "报名电焊的", "t1"), ("有啥活干", "我想去保安那个", "v1"), ("想学个手艺", "家政那个我要报名", "t2"),
])
def test_an_item_is_applied_for_by_its_title(wanted: str, text: str, ref: str) -> None:
    """"报名电焊的" opened a new search for jobs; "我想去保安那个" was "没太明白" (simulator-like play)."""
    c = chat()
    c.say(wanted)
    c.say(text)
    assert [e.data["ref"] for e in c.kinds("jobs.apply")] == [ref]
    assert len(c.kinds("jobs.match")) == 1
