"""Play-testing of 2026-12-08 (jobs23): last stop's leftovers of jobs and trainings as laborers ask about them (news
of work started at the item applied for, questions of a whole list, a second 要钱不, the pay compared with what they
earn now, the English SMS list), then what playing them showed (tests/survey/driver.py; each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.sms_text import parts
from tests.jobs.test_dialog import WELDING, registered_chat
from tests.jobs.test_jobs21 import IN_WEINING, SEWING, THREE
from tests.survey.test_lead_playtest22 import _WIGS, WORKSHOP, _looking_after_applying

# -- 4. news of work started at the item applied for -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["报名的那个去上班了", "报名的那个已经去上班了", "报名的那个厂我去上班了",
                                  "我报的那个活已经上班了"])
@pytest.mark.parametrize("listed", [False, True])
def test_work_started_at_the_item_applied_for_is_congratulated_and_recorded(text: str, listed: bool) -> None:
    """报名的那个去上班了 after applying for 「假发加工」: read as a search (报名: seek_job), a list of jobs sent and
    nothing recorded; 我报的那个活已经上班了 was recorded as in work, but without the item's employer and place."""
    chat = _looking_after_applying()
    assert chat.state is not None
    if listed:
        chat.state["jobs"] |= {"items": [dict(_WIGS)], "applied": ["v9"], "shown": ["v9"]}
    replies = chat.say(text)
    assert replies[0].startswith("恭喜您找到工作"), replies
    assert not any("为您找到这些工作" in r for r in replies), replies
    answers = chat.answers
    assert answers["employment_status"] == "employed" and answers["employer"] == WORKSHOP
    assert answers["job_type"] == "假发加工"


@pytest.mark.parametrize("text", ["我想报名", "报名", "我要报名去广东"])
def test_applying_is_still_asking_for_work(text: str) -> None:
    """(A guard: 报名 said as a wish stays a search.)"""
    assert nlu.understand(text, date(2026, 12, 8)).intent == "seek_job"


def test_a_wish_to_apply_with_the_list_open_still_applies() -> None:
    """(A guard: 报名 2 with a list open applies for item 2.)"""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    chat.say("报名 2")
    assert chat.kinds("jobs.apply")[-1].data["ref"] == "v3"


# -- 1. a question of the whole list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize(("text", "said"), [("包吃住吗", "包不包吃住"), ("女的要不要", "只招男的还是女的")])
def test_a_question_no_item_answers_is_answered_for_all_at_once(channel: str, text: str, said: str) -> None:
    """包吃住吗 / 女的要不要 with three jobs listed and none open: "您问的是哪一个? 请先回复序号 (1 到 3) 看详情。",
    though none of the three says."""
    chat = registered_chat(jobs=THREE, channel=channel)
    chat.say("有啥活干")
    [reply] = chat.say(text)
    assert reply.startswith(f"「小区保安」、「生态护林员」、「扶贫车间缝纫工」的介绍里没写{said}。"), reply


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_question_some_items_answer_is_answered_for_each(channel: str) -> None:
    """包吃住吗 with one of three saying 包吃住: which one, asked; now each one's words in one reply."""
    jobs = [THREE[0], THREE[1] | {"requirements": "身体健康 包吃住"}, THREE[2]]
    chat = registered_chat(jobs=jobs, channel=channel)
    chat.say("有啥活干")
    [reply] = chat.say("包吃住吗")
    lines = reply.splitlines()
    assert "没写" in lines[0] and "包吃住" in lines[1] and "没写" in lines[2], reply
    if channel == "sms":
        assert parts(reply) == 1


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_where_of_the_list_says_each_items_place(channel: str) -> None:
    """在哪 with three listed: which one, asked; now the place of each (the address where the file gave one)."""
    chat = registered_chat(jobs=THREE, channel=channel)
    chat.say("有啥活干")
    [reply] = chat.say("在哪")
    lines = reply.splitlines()
    assert lines[0].startswith("1. 小区保安") or lines[0].startswith("1.小区保安"), reply
    assert "草海镇建设路8号" in lines[0] and "生态护林员" in lines[1] and len(lines) == 4, reply


def test_where_of_a_list_in_one_place_is_said_once() -> None:
    """在哪 with two listed in the same place and no address: 这2个都在….; it asked which one."""
    chat = registered_chat(jobs=[THREE[1], THREE[1] | {"ref": "v8", "title": "护路员"}])
    chat.say("有啥活干")
    assert chat.say("在哪") == ["这2个都在毕节市威宁彝族回族苗族自治县。想看详情回复序号。"]


def test_what_it_takes_is_said_of_each() -> None:
    """要啥条件 with three listed: which one, asked; now each one's requirements and ages."""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    [reply] = chat.say("要啥条件")
    assert reply.startswith("1. 小区保安: 身体健康; 年龄: 18-60岁\n2. 生态护林员: 年龄: 40-60岁"), reply


@pytest.mark.parametrize("text", ["深圳那个包吃住不", "什么时候开始", "还招人不"])
def test_one_item_pointed_at_or_a_question_of_each_still_asks_which(text: str) -> None:
    """(A guard: 深圳那个 with none in 深圳, and the dates or the hiring of an item: which one, asked.)"""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    assert chat.say(text) == ["您问的是哪一个? 请先回复序号 (1 到 3) 看详情。"]


def test_a_list_of_one_is_answered_as_before() -> None:
    """(A guard: with one item listed, 包吃住吗 is about it.)"""
    chat = registered_chat(jobs=THREE[:1])
    chat.say("有啥活干")
    assert chat.say("包吃住吗")[0].startswith("「小区保安」的介绍里没写包不包吃住")


# -- 5. the pay compared with what they earn now ---------------------------------------------------------------------

EARNING = [THREE[0] | {"pay_now": 5000}, THREE[1] | {"pay_now": 5000}]


@pytest.mark.parametrize(("channel", "said"), [("wechat", "2500-3200元/月, 比您现在每月挣的5000元少"),
                                               ("sms", "2500-3200元/月(比您现在的5000元少)")])
def test_a_job_paying_less_than_now_says_so_plainly(channel: str, said: str) -> None:
    """有啥活干 from someone earning 5000: "2500-3200元/月, 不比您现在挣的 5000 多" (no 元, a double negative)."""
    chat = registered_chat(jobs=EARNING, channel=channel)
    assert said in "\n".join(chat.say("有啥活干"))
    assert said in chat.say("1")[0]


def test_a_job_paying_at_best_what_they_earn_says_as_much() -> None:
    """有啥活干 from someone earning 3200 and a job paying up to 3200: "不比您现在挣的 3200 多"."""
    chat = registered_chat(jobs=[THREE[0] | {"pay_now": 3200}])
    assert "2500-3200元/月, 最多和您现在每月挣的3200元一样" in chat.say("有啥活干")[1]


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_list_under_a_note_that_none_pays_more_does_not_say_it_of_each(channel: str) -> None:
    """有没有工资高点的活 with none paying more: "暂时没有比您现在 (每月5000元) 挣得多的工作", then every line said
    "不比您现在挣的 5000 多" again."""
    chat = registered_chat(jobs=EARNING, channel=channel)
    replies = chat.say("有没有工资高点的活")
    assert replies[0].startswith("暂时没有比您现在"), replies
    assert not any("您现在" in reply for reply in replies[1:]), replies
    assert "比您现在" in chat.say("1")[0]  # (the details still say it)


# -- 2. 要钱不 asked again of the same course ------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("again", ["要钱不", "真的不要钱吗", "学费多少"])
def test_the_fee_asked_again_is_said_in_a_line(channel: str, again: str) -> None:
    """1 then 要钱不 then 要钱不 again: the policy's rule again (【职业培训补贴】…); 真的不要钱吗 after it: the course's
    words and the policy's rule, all of it again."""
    chat = registered_chat(jobs=[WELDING | IN_WEINING, SEWING | IN_WEINING], channel=channel)
    chat.say("有啥培训")
    chat.say("1")
    first = chat.say("要钱不")
    assert len(first) == 2 and "一般不用交钱" in first[1]
    assert chat.say(again) == [
        "一般不用交钱: 「电焊工培训班」没写收学费, 还有补贴 每人1500元。有人让您先交钱, 就回复 人工。"]


def test_the_fee_of_another_course_is_told_in_full() -> None:
    """(A guard: 要钱不 of the second course after the first's: its own answer, in full.)"""
    chat = registered_chat(jobs=[WELDING | IN_WEINING, SEWING | IN_WEINING])
    chat.say("有啥培训")
    chat.say("1")
    chat.say("要钱不")
    chat.say("2")
    replies = chat.say("要钱不")
    assert replies[0] == "「缝纫工培训班」的介绍里没写收学费。" and "一般不用交钱" in replies[1], replies


# -- 3. the English SMS list in one part -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["有啥活干", "有没有离家近的活"])
def test_the_english_sms_list_of_two_jobs_fits_one_part(text: str) -> None:
    """find work by SMS in English, three jobs of 威宁: two parts of two items ("Jobs for you, all in 威宁县:", the
    reasons cut to "the work …"), where the Chinese list fits one; and its 0 page began "jobs in 威宁县:"."""
    chat = registered_chat(jobs=THREE, channel="sms")
    assert chat.state is not None
    chat.state["locale"] = "en"
    [page] = chat.say(text)
    assert parts(page) == 1 and page.splitlines() == ["威宁县 jobs:", "1.小区保安 2500-3200/mo", "2.生态护林员 1500/mo",
                                                      "No.: details, 0: more"], page
    [rest] = chat.say("0")
    assert parts(rest) == 1 and "3.扶贫车间缝纫工 2500-3200/mo" in rest, rest


# -- playing: 要什么证 with jobs listed ------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["要什么证", "要证不", "需要啥证"])
def test_a_certificate_asked_of_jobs_listed_is_what_they_ask_for(channel: str, text: str) -> None:
    """要什么证 with jobs listed: the training subsidy's policy (【职业培训补贴】…培训结束拿到证书后按规定领补贴), as if
    it were about a course; now what each job asks of whoever applies."""
    chat = registered_chat(jobs=THREE, channel=channel)
    chat.say("有啥活干")
    [reply] = chat.say(text)
    assert "补贴" not in reply and "小区保安" in reply and "18-60岁" in reply, reply


def test_a_certificate_asked_of_one_job_is_what_it_asks_for() -> None:
    chat = registered_chat(jobs=THREE[:1])
    chat.say("有啥活干")
    assert chat.say("要什么证") == ["「小区保安」的要求: 身体健康; 年龄: 18-60岁。"]


@pytest.mark.parametrize("text", ["有没有社保", "哪个管住"])
def test_which_of_them_has_it_when_none_says_is_one_answer(text: str) -> None:
    """有没有社保 with three listed and none says: "1. 小区保安: 没写" and so on, a line each."""
    chat = registered_chat(jobs=THREE)
    chat.say("有啥活干")
    [reply] = chat.say(text)
    assert reply.startswith("「小区保安」、「生态护林员」、「扶贫车间缝纫工」的介绍里没写"), reply
