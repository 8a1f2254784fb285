"""The lead's play-test of 2026-12-08 (fifteenth stop): a woman of 38 from 隆回县六都寨镇 who sews shoes in a 东莞厚街
factory and wants work near home (her father-in-law is ill, her child at school there), on WeChat: the survey, the
wish for work near home said at the address, at the summary and at the menu (tests/survey/driver.py; each test
failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.checkin.answers import wish_beside
from dialogs.flows.jobs_replies import questions_in, reply_of
from dialogs.matching.profile import seeker_from_record
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly
from tests.survey.test_talking_as_people_type import consented

LUO_ID = "430524198804120222"
_ANSWERS = {
    "name": "罗春兰", "id_number": LUO_ID, "phone": "15973921846", "household_id": "不晓得",
    "home_division": "隆回六都寨镇石门村", "employment_status": "在东莞厚街鞋厂做针车 做了五六年了",
    "work_place": "厚街", "employer_contact": "不知道", "monthly_income": "5000", "employment_form": "1",
    "contract_signed": "是", "social_insurance": "是", "wages_on_time": "是",
}
NEAR_HOME = "想回家附近做 家里公公身体不好 小孩也在老家读书"


def _luo_at(field: str) -> Chat:
    chat = consented()
    while chat.awaiting != field:
        chat.say(_ANSWERS[str(chat.awaiting)])
    return chat


def _matches(chat: Chat) -> list[dict[str, object]]:
    return [e.data for e in chat.events if e.kind == "jobs.match"]


@pytest.mark.parametrize("field", ["work_place", "employer_contact"])
def test_work_wished_near_home_said_at_a_question_of_the_job_held_is_no_answer(field: str) -> None:
    """"想回家附近做 家里公公身体不好 小孩也在老家读书" at "具体的工作地址或工地?" was stored as the address (and at
    the employer's phone: "电话好像不对"); it is a wish for work near home, kept for the list once the form is saved."""
    chat = _luo_at(field)
    replies = chat.say(NEAR_HOME)
    assert "登记好了, 就能按您的情况推荐合适的工作和培训。" in replies, replies
    assert chat.awaiting == field
    assert NEAR_HOME not in str(chat.answers.get(field))


def test_work_wished_at_the_summary_is_looked_for_once_it_is_saved() -> None:
    """"想回家附近找点事做" at the summary of someone in work got the summary's hint alone, and after 0 nothing was
    looked for: the wish is said to be kept, and the jobs list looked up with its words when the form is saved."""
    chat = _luo_at("summary")
    replies = chat.say("想回家附近找点事做")
    assert replies[0] == "登记好了, 就能按您的情况推荐合适的工作和培训。", replies
    assert chat.awaiting == "summary"
    chat.say("0")
    assert any(e.kind == "form_submitted" for e in chat.events)
    assert [(m["item"], m["wishes"]) for m in _matches(chat)] == [("vacancy", ["想回家附近找点事做"])]


def test_work_wished_at_the_address_is_looked_for_once_it_is_saved() -> None:
    """The wish said at the work address (above) is what the list after the form looks for (it was lost)."""
    chat = _luo_at("work_place")
    chat.say(NEAR_HOME)
    while chat.awaiting != "summary":
        chat.say(_ANSWERS[str(chat.awaiting)])
    chat.say("0")
    assert [m["wishes"] for m in _matches(chat)] == [[NEAR_HOME]]


def test_a_question_for_jobs_in_the_survey_is_still_said_to_come_after() -> None:
    """Guard: 有啥活没有 at the summary is answered as before (the list once confirmed)."""
    chat = _luo_at("summary")
    assert chat.say("有啥活没有")[0] == "登记好了, 就能按您的情况推荐合适的工作和培训。"


def test_the_words_that_pick_the_menus_jobs_entry_are_the_searchs() -> None:
    """"想回老家找个活" with the menu on screen (after 没太明白) picked 找工作 and dropped the words: the list showed
    东莞 jobs first to someone who had just said she wanted to go home. The words go with the search."""
    chat = _luo_at("summary")
    chat.say("0")
    chat.later(days=2)
    chat.say("蓝色的")
    assert chat.awaiting == "menu"
    chat.say("想回老家找个活")
    assert _matches(chat)[-1]["wishes"] == ["想回老家找个活"]


def test_the_menus_number_still_searches_without_words() -> None:
    """Guard: 2 at the menu looks for jobs with no words."""
    chat = _luo_at("summary")
    chat.say("0")
    chat.later(days=2)
    chat.say("蓝色的")
    chat.say("2")
    assert _matches(chat)[-1]["wishes"] == []


@pytest.mark.parametrize("text", ["想回家附近做", NEAR_HOME, "想在县城干", "打算回老家做点事"])
def test_work_wished_at_home_with_the_work_unsaid_is_a_search(text: str) -> None:
    """"想回家附近做" (the work left unsaid) was not understood at all ("没太明白" and the menu)."""
    assert nlu.understand(text, date(2026, 12, 8)).intent == "seek_job"


@pytest.mark.parametrize("text", ["想回家做饭", "想回家看看"])
def test_going_home_to_do_something_else_is_no_search(text: str) -> None:
    """Guard: 想回家做饭 is no wish for work."""
    assert nlu.understand(text, date(2026, 12, 8)).intent != "seek_job"


def test_the_wish_near_home_keeps_the_search_in_the_home_province() -> None:
    """Guard: the words looked for keep far provinces out (the matching's scope)."""
    found = seeker_from_record(1, {"home_division": {"code": "430524105"}, "id_number": LUO_ID}, wishes=[NEAR_HOME])
    assert found.scope == "home_province"


def test_a_firms_name_at_the_address_names_the_employer_and_leaves_the_place() -> None:
    """"厚街镇那个华宝鞋业 具体门牌记不清" at the work address, 鞋厂 on record: the address was stored word for word and
    the employer stayed 鞋厂; now the employer is 华宝鞋业 and the address 厚街镇."""
    chat = _luo_at("work_place")
    chat.say("厚街镇那个华宝鞋业 具体门牌记不清")
    assert chat.answers["employer"] == "华宝鞋业"
    assert chat.answers["work_place"] == "厚街镇"


@pytest.mark.parametrize("text, firm", [("永利塑胶", "永利塑胶"), ("在东莞华宝鞋业有限公司", "东莞华宝鞋业有限公司")])
def test_firm_names_by_their_trade_ending(text: str, firm: str) -> None:
    """XX鞋业, XX塑胶 name a firm as XX公司 does (华宝鞋业 was no employer)."""
    assert nlu.parse_employer(text) == firm


@pytest.mark.parametrize("text", ["在做制衣", "我在东莞做鞋业", "在家做皮具"])
def test_a_trade_alone_is_no_firm(text: str) -> None:
    """Guard: the trade's word with no name before it names nobody."""
    assert nlu.parse_employer(text) is None


@pytest.mark.parametrize("text, until", [
    ("还在 不过做到年底就不做了 过完年在家那边找个事做", "年底"), ("在的 不过干到过年就不干了", "过年")])
def test_the_end_of_the_work_said_after_but_is_read(text: str, until: str) -> None:
    """"还在 不过做到年底就不做了 …" at a check-in: 不过 ("but") hid 做到年底 (the 过 was taken for a past before
    the verb), and the check-in answered "祝工作顺利" with the end of the work lost."""
    assert nlu.work_until(text) == until


def test_work_done_before_is_no_end_ahead() -> None:
    """Guard: 干过到年底的活 (work of that kind done before) is no end of the work ahead."""
    assert nlu.work_until("以前干过到年底的活") is None


def _employed_days_after_a_checkin() -> Chat:
    chat = _at_checkin()
    chat.say("在")
    chat.say("1")
    chat.later(days=10)
    return chat


def test_the_work_wished_told_with_the_job_left_fills_where_to_work() -> None:
    """"我回来了 厂里那边辞了 现在在家 想在附近找个事做" with no dialog open: the registration ran, then the survey
    asked "您想在哪里工作? 1本县 …" as if the wish was never said. Now where is taken from it (本县) and said back."""
    chat = _employed_days_after_a_checkin()
    chat.say("我回来了 厂里那边辞了 现在在家 想在附近找个事做")
    for text in ["做到12月31号", "自己辞的 家里公公要人照顾"]:
        chat.say(text)
    replies = chat.say("交了四五年吧")
    assert "好的, 已记下: 意向就业地: 本县。" in replies, replies
    assert chat.answers["preferred_scope"] == "home_county"
    assert chat.awaiting != "preferred_scope"


@pytest.mark.parametrize("text", ["我辞职了 现在在家 想在附近找个事做", "我辞了 想找个活"])
def test_a_job_left_by_choice_is_no_loss_to_be_sorry_for_nor_a_benefit_promised(text: str) -> None:
    """"我辞职了 …": "很遗憾您没了工作 … 保险金从登记那天起算" (someone who quit gets no benefit as a rule). Now the
    registration's opening says what registering brings instead, and the reason is not asked."""
    chat = _employed_days_after_a_checkin()
    replies = chat.say(text)
    assert replies[0] == "现在帮您办失业登记, 登记后可免费找工作、培训, 只问几个问题。", replies
    chat.say("上个月底")
    assert chat.awaiting != "job_loss_reason"


def test_let_go_by_the_factory_is_not_read_as_quitting() -> None:
    """Guard: 被厂里辞了 is not a choice of their own (the reason is asked, or read as let go)."""
    chat = _employed_days_after_a_checkin()
    replies = chat.say("被厂里辞了")
    assert "登记后可免费找工作、培训" not in replies[0]


@pytest.mark.parametrize("text", ["一天干几个小时 下午要接小孩", "几点下班 要接送孩子", "一天干几个小时下午要接小孩"])
def test_the_hours_asked_because_of_a_child_to_fetch_are_the_question(text: str) -> None:
    """"假发那个 一天干几个小时 下午要接小孩" about the workshop listed: "介绍里没写能不能带孩子" — she asked the hours
    (the child to fetch in the afternoon is why), and they were not answered."""
    assert questions_in(text) == []  # (one question, not the hours and the child)
    assert reply_of(text) == ("hours", None)


def test_bringing_a_child_along_is_still_asked_beside_the_hours() -> None:
    """Guard: 几点下班 能带孩子吗 asks both."""
    assert [kind for kind, _, _ in questions_in("几点下班 能带孩子吗")] == ["hours", "child"]


WORKSHOP = "隆回县六都寨镇就业帮扶车间"
_WIGS = {"ref": "v9", "item": "vacancy", "kind": "workshop", "title": "假发加工", "employer": WORKSHOP,
         "place": "湖南省邵阳市隆回县六都寨镇", "address": "六都寨镇石门村村部旁"}


def _looking_after_applying() -> Chat:
    """Out of work (the factory closed, registered), then 「假发加工」 applied for in the chat."""
    chat = _at_checkin()
    chat.jobs = []  # (the look-up after the form finds nothing)
    chat.say("厂子倒闭了")
    said = {"last_work_day": "上个月底", "insured": "不知道", "insured_years": "不知道", "wants_services": "1",
            "service_needs": "1", "willing_to_work": "1", "preferred_scope": "1", "desired_jobs": "手工",
            "skills": "没有", "expected_income": "2000", "available_from": "随时", "summary": "0"}
    for _ in range(20):
        if chat.awaiting not in said:
            break
        chat.say(said[str(chat.awaiting)])
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting is None
    chat.later(days=7)
    assert chat.state is not None
    chat.state["jobs"] = {"applied_item": dict(_WIGS)}
    return chat


@pytest.mark.parametrize("text", ["去假发车间上班了 计件的 一个月两千多 先做着", "你们介绍的那个 上班了"])
def test_work_found_through_the_application_takes_the_items_employer_and_place(text: str) -> None:
    """"去假发车间上班了 …" after applying for 「假发加工」 in the chat: "您在哪里工作?" was asked, and the employer
    recorded as 假发车间. The item's employer, place, job, address and way of working are the new job's."""
    chat = _looking_after_applying()
    replies = chat.say(text)
    noted = "好的, 已记下: 工作地: 湖南省邵阳市隆回县六都寨镇; 工作地址: 六都寨镇石门村村部旁; "
    assert any(r.startswith(f"{noted}工作单位: {WORKSHOP}; 工种: 假发加工") for r in replies), replies
    answers = chat.answers
    assert answers["employment_status"] == "employed"
    assert (answers["employer"], answers["job_type"], answers["work_division"]["code"], answers["employment_form"],
            answers["work_place"]) == (WORKSHOP, "假发加工", "430524105", "workshop", "六都寨镇石门村村部旁")
    assert chat.awaiting not in ("work_division", "employer", "work_place", "job_type")


def test_other_work_found_is_asked_about_as_before() -> None:
    """Guard: 在县城超市上班了 names another job: nothing of the item is taken."""
    chat = _looking_after_applying()
    chat.say("在县城超市上班了")
    assert chat.answers.get("employer") != WORKSHOP
    assert chat.answers.get("job_type") != "假发加工"


def _liu(*texts: str) -> Chat:
    """刘建军, 45, 隆回 by SMS: a plumber-electrician on a 长沙 building site for a foreman."""
    chat = consented("sms")
    for text in ["刘建军", "430524198109200159", "1", "不知到", *texts]:
        chat.say(text)
    return chat


@pytest.mark.parametrize("text, village", [("隆回六都寨石门村", "石门村"), ("隆回六都寨石门村三组的", "石门村三组")])
def test_a_village_typed_right_after_a_township_without_its_suffix_is_kept(text: str, village: str) -> None:
    """"隆回六都寨石门村" at the home question: 六都寨镇 kept, 石门村 lost (asked next: "您家在哪个村?")."""
    chat = _liu(text)
    assert chat.answers["home_division"]["code"] == "430524105"
    assert chat.answers["home_village"] == village
    assert chat.awaiting == "employment_status"


def test_a_township_and_its_village_with_the_suffix_are_kept_as_before() -> None:
    """Guard: 隆回六都寨镇石门村."""
    assert _liu("隆回六都寨镇石门村").answers["home_village"] == "石门村"


def test_a_foreman_named_at_the_work_address_is_the_employer_as_the_employer_question_reads_him() -> None:
    """"包工头姓王 没有厂名" at the work address was stored as the employer word for word; 王包工头, as the employer
    question reads the same words."""
    chat = _liu("隆回六都寨镇", "石门村", "在长沙工地上搞水电")
    assert chat.awaiting == "work_place"
    replies = chat.say("包工头姓王 没有厂名")
    assert replies[0] == "好的, 已记下: 工作单位: 王包工头。", replies
    assert chat.answers["employer"] == "王包工头" and chat.awaiting == "work_place"


def test_the_home_and_village_glued_told_at_the_notice_are_held_until_consent() -> None:
    """"隆回六都寨石门村" at the privacy notice got "请回复 1 同意" and was lost (the home asked again after consent);
    with 镇 it was held. Now held the same way, and said back on 1."""
    chat = Chat()
    chat.say("你好")
    chat.say("1")
    assert chat.awaiting == "consent"
    assert "您好! 您说的先给您记着, 您同意后就登记上, 不同意就不保留。" in chat.say("隆回六都寨石门村")
    replies = chat.say("1")
    assert "好的, 已记下: 户籍地: 湖南省邵阳市隆回县六都寨镇; 村(组): 石门村。" in replies, replies
    assert chat.answers["home_village"] == "石门村"


def test_work_started_at_the_item_of_a_list_is_news_not_a_question_about_it() -> None:
    """"去假发车间上班了 计件的 一个月两千多 先做着" weeks after the list that had 「假发加工」 on it (applied for): it
    was answered as a question of piece rates ("介绍里没写是不是计件"), and the work never recorded."""
    chat = _looking_after_applying()
    assert chat.state is not None
    chat.state["jobs"] |= {"items": [dict(_WIGS)], "applied": ["v9"], "shown": ["v9"]}
    replies = chat.say("去假发车间上班了 计件的 一个月两千多 先做着")
    assert not any("计件" in r for r in replies), replies
    assert chat.answers["employment_status"] == "employed"
    assert chat.answers["employer"] == WORKSHOP


def test_a_question_of_piece_rates_about_the_item_is_still_answered() -> None:
    """Guard: 假发那个是计件的吗 is a question about the item."""
    chat = _looking_after_applying()
    assert chat.state is not None
    chat.state["jobs"] |= {"items": [dict(_WIGS)], "applied": ["v9"], "shown": ["v9"]}
    replies = chat.say("假发那个是计件的吗")
    assert any("计件" in r for r in replies), replies
    assert chat.answers["employment_status"] == "unemployed"


def test_a_wish_split_by_voice_inputs_pauses_is_kept_whole() -> None:
    """play22's "那个 我不干了 快递那边 辞职了 然后 现在 在家 想找个 近点的活[捂脸]": the wish kept was "想找个"
    (cut at the pause), so where to work was asked after the registration. The short parts it goes on into are
    its own."""
    assert wish_beside("那个 我不干了 快递那边 辞职了 然后 现在 在家 想找个 近点的活[捂脸]", date(2026, 12, 10)) == (
        "想找个 近点的活")
    chat = _employed_days_after_a_checkin()
    chat.say("那个 我不干了 快递那边 辞职了 然后 现在 在家 想找个 近点的活[捂脸]")
    for text in ["上个月底", "交了两年"]:
        chat.say(text)
    assert chat.answers["preferred_scope"] == "home_county" and chat.awaiting != "preferred_scope"


@pytest.mark.parametrize("text, wish", [("不干了 想找个保安的活", "想找个保安的活"),
                                        ("不干了 想找个 老板欠我钱", "想找个")])
def test_a_wish_in_one_part_and_news_after_it_are_read_as_before(text: str, wish: str) -> None:
    """Guard: a wish in a part of its own, and news after a wish, are not run together."""
    assert wish_beside(text, date(2026, 12, 10)) == wish


def test_work_found_after_looking_is_congratulated() -> None:
    """"找到了 在县城超市上班" at the weekly check-in of someone looking for weeks: "好的, 您现在在工作了。" with no
    word of joy; now "恭喜您找到工作!"."""
    chat = _at_weekly()
    assert chat.say("找到了 在县城超市上班")[0] == "恭喜您找到工作! 请说说新工作的情况。"
