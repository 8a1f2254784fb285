"""Play-testing of 2026-12-07 (jobs19): two townships of one large county asked about, an age said before the ID
number gives it, a holiday's short-term work, who we are with a list open, and work that leaves time for a child
asked with a list open."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dialogs.flows.jobs_replies import age_told
from dialogs.matching.index import OpeningIndex
from dialogs.matching.profile import opening, seeker_from_record
from tests.checkins.helpers import add_people
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.pushes.helpers import WEINING, answer, at, guard_job, import_vacancies
from tests.survey.driver import Chat

# A home in 哲觉镇 of 威宁县 (520526106); the guard job is in 草海镇 (its address), same county.
ZHEJUE = {"code": "520526106", "name": "哲觉镇"}
CAOHAI = {"code": "520526100", "name": "草海镇"}
WORKSHOP = GUARD | {"ref": "v7", "kind": "workshop", "title": "扶贫车间缝纫工", "employer": "威宁扶贫车间",
                    "reasons": [{"key": "match.reason.need_short_term", "params": {}},
                                {"key": "match.reason.same_county", "params": {}}]}


def _with_home(chat: Any, home: dict[str, str]) -> Any:
    chat.state["survey"] = {"answers": {"home_division": home}, "phase": "done"}
    return chat


# -- 1. two townships of one county --------------------------------------------------------------------------------


def test_two_townships_of_one_large_county_are_not_said_to_be_near() -> None:
    """草海离哲觉远不远 was answered 离家近 (同县): 威宁县 is large, and the two are different townships."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    [reply] = chat.say("草海离哲觉远不远")
    assert reply.startswith("「小区保安」在: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号。草海镇和哲觉镇都在威宁县, "
                            "但不是一个乡镇")
    assert "离家近" not in reply and "公里" not in reply  # the distance is not known: none is made up


@pytest.mark.parametrize(("home", "said"), [(ZHEJUE, "另一个乡镇"), (CAOHAI, "一个乡镇 (草海镇)")])
def test_how_far_from_home_names_the_townships_when_the_home_ones_is_known(home: dict[str, str], said: str) -> None:
    """离家多远 from someone of 哲觉镇 said 离家近 (同县) of a job in 草海镇."""
    chat = _with_home(registered_chat(jobs=[GUARD, RANGER]), home)
    chat.say("有啥活干")
    chat.say("1")
    [reply] = chat.say("离家多远")
    if home is ZHEJUE:
        assert "草海镇和哲觉镇都在威宁县, 但不是一个乡镇" in reply
    else:
        assert reply.endswith("和您家在一个乡镇 (草海镇)。")


def test_how_far_of_an_item_in_another_county_is_as_before() -> None:
    """(A guard: no same-county reason, no townships compared.)"""
    far = GUARD | {"reasons": [{"key": "match.reason.same_province", "params": {}}],
                   "place": "贵阳市云岩区", "address": "中华北路1号"}
    chat = registered_chat(jobs=[far])
    chat.say("有啥活干")
    assert chat.say("离家多远") == ["「小区保安」在: 贵阳市云岩区 中华北路1号, 在本省。"]


# -- 2. an age said before the ID number gives it ------------------------------------------------------------------


@pytest.mark.parametrize(("said", "age"), [("我62了 有啥活干", 62), ("五十多了 有没有活干", 50), ("俺都60多岁了", 60),
                                           ("俺娃十六了 能上技校不", None), ("干了十多了", None), ("有啥活干", None)])
def test_an_age_told_is_read_and_someone_elses_is_not(said: str, age: int | None) -> None:
    assert age_told(said) == age


def test_the_age_told_goes_with_the_search_and_the_items_it_leaves_out_are_said() -> None:
    """我62了 有啥活干 was matched as if no age were known (a guard job for 18-60 listed)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("我62了 有啥活干")
    assert chat.kinds("jobs.match")[-1].data["age"] == 62
    chat.say("更多")
    assert chat.kinds("jobs.match")[-1].data["age"] == 62  # kept for the next look


async def test_an_age_said_is_matched_on_until_the_id_number_gives_it(client: Any, tmp_path: Path) -> None:
    """Someone with no ID number on the form who says 我62了 was offered jobs for 18-60."""
    app = client.server.app
    [pid] = await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), status="unemployed", employer=None,
                             place=None, home_division=WEINING)
    older = guard_job("WN-902", "生态护林员", "威宁县林业局")
    older[9:11] = ["40", "65"]
    await import_vacancies(app, tmp_path, [guard_job("WN-901"), older], at("2026-11-26T09:00"))
    said = await answer(app, pid, "我62了 有啥活干", "2026-11-26T09:30")
    text = "\n".join(said.replies)
    assert text.startswith("按您说的62岁, 「超市保安」的年龄要求对不上, 就没给您列。"), text
    assert "生态护林员" in text and "1. 超市保安" not in text


# -- 3 and 5. short-term work in a holiday, with or without a list open --------------------------------------------


@pytest.mark.parametrize("listed", [False, True])
def test_a_wish_for_short_term_work_in_a_holiday_keeps_the_job_and_looks_near_home(listed: bool) -> None:
    """对了 过年厂里放假一个月 我想回老家找点零活干 got a full-time list without a word on the holiday;
    厂里放假了 有啥短期的活不 with a list open asked "哪一个?"."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    if listed:
        chat.say("有啥活干")
    said = "厂里放假了 有啥短期的活不" if listed else "对了 过年厂里放假一个月 我想回老家找点零活干"
    replies = chat.say(said)
    assert replies[0].startswith("好的, 您现在的工作不变")
    assert replies[1].startswith("暂时没有写明是短期、零活的")  # none here says so: told, not passed off
    assert chat.kinds("jobs.match")[-1].data["wishes"][-1] == said
    assert not chat.kinds("employment_status_changed")


def test_short_term_work_listed_is_not_said_to_be_missing() -> None:
    # (flexible work: a workshop is not told to be short-term since jobs20, tests/jobs/test_jobs20.py)
    chat = registered_chat(jobs=[WORKSHOP | {"kind": "flexible", "title": "家政钟点工"}, GUARD])
    replies = chat.say("有没有短期的活")
    assert not any(r.startswith("暂时没有写明") or r.startswith("好的, 您现在的工作不变") for r in replies)
    assert "推荐理由: 这类活时间比较灵活; 离家近 (同县)" in replies[1]


def test_the_terms_question_is_still_the_items() -> None:
    """(A guard: 长期的还是短期的 asks about the items listed: neither says, both named in one answer since jobs23.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("长期的还是短期的")[0].startswith("「小区保安」、「生态护林员」的介绍里没写是长期还是短期的活")


def test_a_short_term_wish_ranks_near_home_flexible_work_first_in_the_home_county() -> None:
    """The need short_term: a workshop of the home county before a factory job there; scope the home county."""
    home = "520526100"
    items = [opening(id=1, item="vacancy", external_id="F", kind="factory", division="520526", title="普工",
                     job_type=None),
             opening(id=2, item="vacancy", external_id="W", kind="workshop", division="520526", title="缝纫工",
                     job_type=None),
             opening(id=3, item="vacancy", external_id="A", kind="flexible", division="441900", title="骑手",
                     job_type=None)]
    person = seeker_from_record(1, {"home_division": home}, wishes=["过年放假这段时间 有没有短期的活"])
    assert "short_term" in person.needs and person.scope == "home_county"
    ranked = OpeningIndex(items).top(person, date(2026, 12, 7), 3)
    assert [s.opening.external_id for s in ranked] == ["W", "F"]
    assert "match.reason.need_short_term" in [r.key for r in ranked[0].reasons]


# -- 5. who we are, with a list open -------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_who_we_are_with_a_list_open_keeps_the_list_in_a_line(channel: str) -> None:
    """你们是谁 with a list open got who we are and then the whole list again."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    chat.say("有啥活干")
    who, kept = chat.say("你们是谁")
    assert "就业帮扶服务" in who and kept.startswith("刚才的列表还在")
    assert chat.say("2")[0].startswith("生态护林员")


# -- 6. work that leaves time for a child, asked with a list open ---------------------------------------------------


def test_any_work_that_allows_a_child_with_a_list_open_is_one_search_not_a_line_an_item() -> None:
    """有没有能带娃的 with a list open was "1. 小区保安: 没写 / 2. 生态护林员: 没写"."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("有没有能带娃的")
    assert replies[0].startswith("暂时没有写明能带娃") and replies[1].startswith("根据您的情况")
    assert chat.kinds("jobs.match")[-1].data["wishes"][-1] == "有没有能带娃的"


def test_one_items_child_question_is_still_its_own() -> None:
    """(A guard: 能带娃不 about the item open.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("能带娃不")[0].startswith("「小区保安」的介绍里没写")


# -- 5. a trade not wanted, and a visit before applying ------------------------------------------------------------

CLEANER = GUARD | {"ref": "v5", "title": "保洁员", "employer": "威宁万家超市", "age_min": None, "age_max": None,
                   "requirements": None, "reasons": []}


def test_a_trade_not_wanted_drops_its_items_and_lists_the_others() -> None:
    """我不想干保洁了 with a 保洁 item listed was 没太明白 and the footer again."""
    chat = registered_chat(jobs=[CLEANER, GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("我不想干保洁了")
    assert replies[0].startswith("好的, 保洁的不给您列了。想干什么活")
    assert replies[2].startswith("1. 小区保安") and not any("保洁员" in r for r in replies[1:])
    assert "v5" in chat.kinds("jobs.match")[-1].data["exclude"]


def test_a_trade_not_listed_is_not_taken_for_the_list() -> None:
    """(A guard: 不想干保洁了 with no 保洁 listed is not the list's.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("我不想干保洁了")
    # (since jobs20 a new search without that trade, as with no list open: tests/jobs/test_jobs20.py)
    assert replies[0] == "好的, 保洁的不给您列了, 给您找了找别的:"
    assert chat.kinds("jobs.match")[-1].data["wishes"] == ["我不想干保洁了"]


@pytest.mark.parametrize("asked", ["能不能先去看看", "可以先去厂里看一下吗"])
def test_a_visit_first_is_where_it_is_and_who_arranges_it(asked: str) -> None:
    """能不能先去看看 was passed to the caseworker as a question without its item."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say(asked) == ["「小区保安」在毕节市威宁彝族回族苗族自治县 草海镇建设路8号。想先去看看, "
                               "报了名工作人员会帮您跟单位约好时间再去, 也可以回复 人工 问。"]
    assert not chat.kinds("question_referred")


# -- 4. a course asked about at the privacy notice -----------------------------------------------------------------


def _newcomer(channel: str) -> Chat:
    chat = Chat(jobs=[GUARD, RANGER], channel=channel)
    if channel == "wechat":
        chat.event("subscribe")
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_course_asked_at_the_notice_is_answered_in_a_line_and_kept(channel: str) -> None:
    """你好 有没有月嫂培训 at the privacy notice got "登记好了, 就能…推荐" (by a first SMS "推荐工作要先…"); nothing
    of theirs is looked at before consent, the wish is kept for the courses listed after the form."""
    chat = _newcomer(channel)
    course, notice = chat.say("你好 有没有月嫂培训")
    assert "月嫂" in course and ("免费" in course or "不收钱" in course)
    assert "同意" in notice and chat.awaiting == "consent"
    assert chat.state["survey"]["learn"] == ["你好 有没有月嫂培训"]
    assert not chat.kinds("jobs.match")


def test_a_job_asked_at_the_notice_is_as_before() -> None:
    """(A guard: 有啥活干 at the notice.)"""
    chat = _newcomer("wechat")
    assert chat.say("有啥活干")[0] == "登记好了, 就能按您的情况推荐合适的工作和培训。"


def test_a_holiday_said_by_someone_not_in_work_is_not_told_their_job_stays() -> None:
    """(A guard: 过年放假这段时间有没有短期的活 with no work on the form and no factory named: no 工作不变.)"""
    chat = registered_chat(jobs=[GUARD, RANGER])
    assert not chat.say("过年放假这段时间有没有短期的活")[0].startswith("好的, 您现在的工作不变")


def test_a_short_term_wish_is_not_weighed_against_the_pay_of_the_job_kept() -> None:
    """A holiday's short-term list to someone earning 5000 said 不比您现在的5000多 of every item."""
    person = seeker_from_record(1, {"home_division": "520526", "employment_status": "employed",
                                    "monthly_income": 5000}, wishes=["过年厂里放假 想找点零活干"])
    assert person.expected_income is None and person.earning_now is None


def test_the_items_that_allow_a_child_come_first_in_that_search() -> None:
    """A workshop ranked below a job of the trade wished was second under 有没有能带娃的."""
    chat = registered_chat(jobs=[GUARD, WORKSHOP])
    chat.say("有啥活干")
    replies = chat.say("有没有能带娃的")
    assert replies[1].startswith("1. 扶贫车间缝纫工") and replies[2].startswith("2. 小区保安")
