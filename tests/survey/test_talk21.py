"""talk21 (2026-12-07): the survey and first contact as people type, the last stop's leftovers
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

_EMPLOYED = ["王秀英", ID, "13712345678", "不知道", "湖南省麻阳县高村镇", "石羊村", "在外面打工", "广东东莞", "长安镇",
             "宏达厂", "不知道", "普工", "去年三月", "五千", "1", "没签", "没交", "按时"]
_LOOKING = ["王秀英", ID, "13712345678", "不知道", "湖南省麻阳县高村镇", "石羊村", "没活干", "想", "1", "1"]


def _to(field: str, answers: list[str], channel: str = "wechat") -> Chat:
    chat = consented(channel)
    said = iter(answers)
    while chat.awaiting != field:
        chat.say(next(said))
    return chat


# -- 9. pinyin greetings ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["ni hao", "nihao", "zai ma", "Ni Hao", "zaima?"])
def test_a_greeting_in_pinyin_is_greeted(text: str) -> None:
    """"ni hao" / "zai ma" as a first message got "抱歉, 没太明白您的意思" and the menu: now the greeting 你好 gets."""
    replies = Chat(channel="wechat").say(text)
    assert replies == Chat(channel="wechat").say("你好")


def test_a_greeting_in_pinyin_at_a_question_is_answered_and_the_question_asked_again() -> None:
    """"zai ma" at the ID question: 在的, and the question again (it was read as a bad ID number)."""
    chat = _to("id_number", _LOOKING)
    replies = chat.say("zai ma")
    assert replies == _to("id_number", _LOOKING).say("在吗")
    assert chat.awaiting == "id_number"


# -- 10. no insurance said with no dialog open -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["没有买过保险", "我没有保险能领失业金吗"])
def test_no_insurance_said_with_nothing_open_is_answered(text: str) -> None:
    """"没有买过保险" (consent refused, nothing open) went to a caseworker as a policy question ("这个问题我们转给了
    负责您的工作人员"): now what it means for the money (no unemployment benefit, training and public-welfare jobs
    do not ask for it), nothing referred."""
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    chat.say("不同意")
    replies = chat.say(text)
    assert "领不了失业金" in replies[0] and "公益岗" in replies[0]
    assert not chat.kinds("question_referred")


def test_a_person_asked_for_after_it_is_handed_over() -> None:
    """A guard: 人工 after the answer reaches a caseworker."""
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    chat.say("不同意")
    chat.say("没有买过保险")
    chat.say("人工")
    assert chat.kinds("human_requested")


# -- 5. the work place corrected at the summary ----------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["不对 是在厚街", "不对 是在厚街镇", "不对，是厚街"])
def test_the_work_township_corrected_at_the_summary(channel: str, text: str) -> None:
    """"不对 是在厚街" at the summary (长安镇 on record) got "要修改请回复序号": now the address and the place of work
    are 厚街 (东莞市厚街镇), said back."""
    chat = _to("summary", _EMPLOYED, channel)
    assert chat.answers["work_division"]["name"] == "广东省东莞市长安镇"
    replies = chat.say(text)
    assert chat.answers["work_division"]["name"] == "广东省东莞市厚街镇"
    assert chat.answers["work_place"].startswith("厚街") and chat.awaiting == "summary"
    assert "厚街" in replies[0]


# -- 1 and 8. job words at the job wished and the job held -----------------------------------------------------------

@pytest.mark.parametrize(("text", "job"), [
    ("钢筋工地", "钢筋工"), ("在钢筋工地", "钢筋工"), ("想去钢筋工地", "钢筋工"), ("工地扎钢筋", "钢筋工"),
    ("带孩子", "帮人带孩子"), ("给人带娃", "帮人带孩子"), ("照顾老人", "帮人照顾老人")])
def test_the_job_wished_as_people_name_it(text: str, job: str) -> None:
    """"钢筋工地" at "想做什么工作?" was kept as said (a site, not the steel-fixing done there; "在钢筋工地" with its
    在); "带孩子" was kept as a condition of the work and the question asked again: now the job as the form writes
    it."""
    chat = _to("desired_jobs", _LOOKING)
    chat.say(text)
    assert chat.answers["desired_jobs"] == job and chat.awaiting == "skills"


def test_a_condition_at_the_job_wished_is_still_one() -> None:
    """A guard: 要能带孩子 is what the work must allow, kept, the question asked again."""
    chat = _to("desired_jobs", _LOOKING)
    replies = chat.say("要能带孩子")
    assert "要能带孩子" in replies[0] and chat.awaiting == "desired_jobs"


@pytest.mark.parametrize(("text", "job"), [("钢筋工地", "钢筋工"), ("扎钢筋", "钢筋工"), ("架子工", "架子工"),
                                           ("开滴滴", "开滴滴"), ("跑外卖", "外卖"), ("养猪", "养猪")])
def test_the_job_held_as_people_name_it(text: str, job: str) -> None:
    """"钢筋工地" at "您做什么工种?" was kept as said (a site): now 钢筋工 (the others are guards)."""
    chat = _to("job_type", _EMPLOYED)
    chat.say(text)
    assert chat.answers["job_type"] == job


@pytest.mark.parametrize(("text", "job"), [("在县城摆摊", "摆摊"), ("在镇上扫地", "保洁"), ("在家养猪", "养猪"),
                                           ("在钢筋工地干活", "钢筋工")])
def test_the_job_told_with_the_status_is_taken(text: str, job: str) -> None:
    """"在县城摆摊", "在镇上扫地", "在家养猪" at the status question recorded work and the place, the job lost (asked
    again later): now the job too (在钢筋工地干活 is a guard)."""
    chat = _to("employment_status", _EMPLOYED)
    chat.say(text)
    assert chat.answers["employment_status"] == "employed" and chat.answers["job_type"] == job


def test_minding_someone_elses_children_is_work() -> None:
    """"在深圳帮人带孩子" at the status question was read as unable to work (caring for one's family) and the form
    went to the summary: now work in 深圳, the job 带孩子."""
    chat = _to("employment_status", _EMPLOYED)
    chat.say("在深圳帮人带孩子")
    assert chat.answers["employment_status"] == "employed" and chat.answers["work_division"]["name"] == "广东省深圳市"


def test_minding_ones_own_children_is_still_caring() -> None:
    """A guard: 在家带孩子 at the status question is not work."""
    chat = _to("employment_status", _EMPLOYED)
    chat.say("在家带孩子")
    assert chat.answers.get("employment_status") != "employed"


@pytest.mark.parametrize(("said", "group"), [("开滴滴", "driver"), ("摆摊", "sales"), ("帮人带孩子", "domestic"),
                                             ("养鸡", "farming"), ("扫大街", "cleaner"), ("帮人照顾老人", "carer")])
def test_the_matching_knows_the_new_job_words(said: str, group: str) -> None:
    """开滴滴, 摆摊, 帮人带孩子 … named no kind of work the vacancies are matched on."""
    from dialogs.matching.job_types import job_types

    types = job_types()
    assert [types.names[g] for g in types.groups([said])] == [group]


# -- 4. a township named without its county at the home question -----------------------------------------------------

def _at_home(county: str) -> Chat:
    from datetime import date

    from tests.fakes.identity import make_id

    chat = consented()
    for text in ("王秀英", make_id(county, date(1980, 1, 2), 123), "13712345678", "不知道"):
        chat.say(text)
    assert chat.awaiting == "home_division"
    return chat


def test_an_abolished_township_alone_is_its_county() -> None:
    """"桃洪镇" alone (隆回县's seat, split into two 街道) got "没找到这个地方": now 隆回县, and what it became."""
    chat = _at_home("431226")
    replies = chat.say("桃洪镇")
    assert chat.answers["home_division"]["code"] == "430524" and "桃花坪街道" in replies[0]


def test_a_township_several_counties_near_the_id_have_is_asked_and_the_county_answers() -> None:
    """"马场镇" alone from someone whose ID was issued in 毕节 (a 马场镇 in 大方县 and one in 织金县) got "没找到这个
    地方": now which county is asked, the two named, and "大方的" takes 大方县马场镇."""
    chat = _at_home("520502")
    replies = chat.say("马场镇")
    assert "大方县马场镇" in replies[0] and "织金县马场镇" in replies[0] and chat.awaiting == "home_division"
    chat.say("大方的")
    assert chat.answers["home_division"]["code"] == "520521103"


def test_a_township_in_many_counties_asks_for_the_county() -> None:
    """"城关镇" alone (88 of them, none in the ID's province) got "没找到这个地方, 请说省市县": now the county asked
    for, with an example."""
    chat = _at_home("431226")
    replies = chat.say("城关镇")
    assert "好多县都有「城关镇」" in replies[0] and chat.awaiting == "home_division"


def test_a_township_of_one_name_in_the_id_county_is_taken() -> None:
    """A guard: "马场镇" from someone whose ID was issued in 大方县 is 大方县马场镇."""
    chat = _at_home("520521")
    chat.say("马场镇")
    assert chat.answers["home_division"]["code"] == "520521103" and chat.awaiting == "home_village"


def test_a_township_one_county_has_is_taken() -> None:
    """A guard: 黄土矿镇 (only 绥宁县 has one) is taken as said."""
    chat = _at_home("431226")
    chat.say("黄土矿镇")
    assert chat.answers["home_division"]["code"] == "430527107"


# -- 6. 1 at the SMS summary ------------------------------------------------------------------------------------------

def test_one_at_the_sms_summary_says_it_is_the_name_and_the_way_back() -> None:
    """"1" at the SMS summary ("以上对回0, 要改回序号") opened "请问您的姓名?" unexplained, where on SMS 1 is yes
    everywhere else: now it says item 1 (the name) is being changed and that 0 keeps it; 0 then keeps the name and
    shows the summary, 0 again saves."""
    chat = _to("summary", _EMPLOYED, "sms")
    replies = chat.say("1")
    assert replies[0] == "好的, 改第1项姓名。不用改回0。" and chat.awaiting == "name"
    chat.say("0")
    assert chat.awaiting == "summary" and chat.answers["name"] == "王秀英"
    chat.say("0")
    assert chat.kinds("form_submitted")


def test_another_number_at_the_sms_summary_opens_its_question() -> None:
    """A guard: 3 at the SMS summary asks the phone, as before."""
    chat = _to("summary", _EMPLOYED, "sms")
    replies = chat.say("3")
    assert chat.awaiting == "phone" and len(replies) == 1


# -- 2. the re-ask names what it could not use -----------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_an_id_number_too_short_is_quoted_masked_with_its_length(channel: str) -> None:
    """"43122619830914" (14 digits) at the ID question got "身份证号码应该是18位, 请再输入一次" and people did not see
    what was wrong: now what was sent, masked (4312******0914), and that it has 14 digits."""
    chat = _to("id_number", _LOOKING, channel)
    replies = chat.say("43122619830914")
    assert "4312******0914" in replies[0] and "14位" in replies[0] and "18位" in replies[0]
    assert "43122619830914" not in replies[0] and chat.awaiting == "id_number"


def test_words_without_a_number_at_the_id_question_are_not_quoted() -> None:
    """A guard: 好的 at the ID question is told what is asked (no number to quote)."""
    chat = _to("id_number", _LOOKING)
    replies = chat.say("好的")
    assert "这一问要的是身份证号码" in replies[0]


# -- 7. a message typed for someone else -----------------------------------------------------------------------------

def test_a_grandchild_typing_for_the_grandmother_gives_her_facts() -> None:
    """"我是她孙女 帮她填 她叫王秀英 今年56 湖南麻阳高村镇的 在村里扶贫车间做衣服 一个月两千" at the name question kept
    the home, the work and the pay but not the name (她叫…: someone else's): now every fact, the name too."""
    chat = consented()
    replies = chat.say("我是她孙女 帮她填 她叫王秀英 今年56 湖南麻阳高村镇的 在村里扶贫车间做衣服 一个月两千")
    answers = chat.answers
    assert answers["name"] == "王秀英" and answers["home_division"]["code"] == "431226106"
    assert answers["employment_status"] == "employed" and answers["employer"] == "扶贫车间"
    assert answers["monthly_income"] == 2000 and chat.awaiting == "id_number" and "姓名: 王秀英" in replies[0]


def test_registering_for_a_relation_named_so_takes_the_name() -> None:
    """"帮我奶奶登记 我奶奶叫王秀英 …" at the name question: the name is the grandmother's (it was asked again)."""
    chat = consented()
    chat.say("帮我奶奶登记 我奶奶叫王秀英 湖南麻阳高村镇石羊村的 在家没活干")
    assert chat.answers["name"] == "王秀英" and chat.answers["employment_status"] == "unemployed"


def test_news_of_a_relation_is_still_theirs() -> None:
    """A guard: 我妈在广东打工 at the name question is no answer of the person's own."""
    chat = consented()
    chat.say("我妈在广东打工")
    assert "employment_status" not in chat.answers and "name" not in chat.answers


# -- 3. subsidies asked at the ID question ---------------------------------------------------------------------------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["有补贴吗", "登记了有没有钱"])
def test_a_question_about_money_at_the_id_question_is_answered(channel: str, text: str) -> None:
    """A guard (it works on the base): "有补贴吗" at the ID question is answered from the policy and the ID question
    asked again, never read as a bad ID number."""
    chat = _to("id_number", _LOOKING, channel)
    replies = chat.say(text)
    assert chat.awaiting == "id_number" and replies[-1] == "请输入您的18位身份证号码。"
    assert not any("18位, 请再" in reply or "好像不对" in reply for reply in replies)
    assert not chat.kinds("question_referred")


def test_her_name_typed_at_the_name_question_is_the_name() -> None:
    """"她叫王秀英 今年56 在车间做手工" at the name question (typed by a grandchild): the work was taken as hers and
    the name asked again; now the name is taken too."""
    chat = consented()
    chat.say("她叫王秀英 今年56 在车间做手工")
    assert chat.answers["name"] == "王秀英" and chat.answers["employment_status"] == "employed"
    assert chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["工作地址不对 是在厚街", "地址错了 在厚街"])
def test_the_work_address_named_and_corrected_to_a_township(text: str) -> None:
    """"工作地址不对 是在厚街" at the summary (长安镇 on record) made the address "在厚街" and left the place of work at
    长安镇: now both are 厚街."""
    chat = _to("summary", _EMPLOYED)
    chat.say(text)
    assert chat.answers["work_division"]["name"] == "广东省东莞市厚街镇" and chat.answers["work_place"] == "厚街"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_phone_number_too_short_is_quoted_masked_with_its_length(channel: str) -> None:
    """"1371234567" (10 digits) at the phone question got "这不是有效的手机号" alone: now what was sent, masked, and
    that it has 10 digits."""
    chat = _to("phone", _LOOKING, channel)
    if channel == "sms":
        chat.say("不是")  # (the sender's number offered first)
    replies = chat.say("1371234567")
    assert "1371**4567" in replies[0] and "10位" in replies[0] and chat.awaiting == "phone"
