"""talk20 (2026-12-07): the survey and first contact as people type (tests/survey/driver.py; each test failed on the
code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest20 import LUO_ID
from tests.survey.test_talking_as_people_type import consented


def _luo_at_summary() -> Chat:
    chat = consented()
    for text in ("罗小兵", f"身份证{LUO_ID}", "我在东莞打工 长安镇 一个做手机壳的厂", "15885412345",
                 "不晓得 我妈那里有", "哲觉镇的", "光明村三组", "长安镇上", "宏达电子厂", "没有", "普工",
                 "今年过完年来的", "五千左右", "打工啊", "签了的", "买了", "按时"):
        chat.say(text)
        if chat.awaiting == "summary":
            break
    assert chat.awaiting == "summary" and chat.answers["work_place"] == "长安镇上"
    return chat


# -- 1. the workplace changed to another town at the summary --------------------------------------------------------

@pytest.mark.parametrize("said", [["工作地点改成厚街"], ["8", "厚街"], ["8 厚街"]])
def test_the_address_in_the_town_left_is_dropped_and_said_to_be(said: list[str]) -> None:
    """"工作地点改成厚街" at the summary (address 长安镇上): the summary showed 工作地 厚街镇 with 工作地址 长安镇上.
    Now the old address is dropped, said so after the change, and the summary shown again (not asked: at the summary
    people go on by numbers, and "13 改成 五千" would have been taken as the address)."""
    chat = _luo_at_summary()
    for text in said:
        replies = chat.say(text)
    assert chat.answers["work_division"]["name"].endswith("厚街镇") and chat.answers["work_place"] is None
    assert chat.awaiting == "summary" and replies[-1].startswith("请核对您的信息")
    assert replies[-2] == "工作地换了, 原来的工作地址「长安镇上」先去掉了; 要填新地址, 回复它的序号。", replies
    assert [e.data["field"] for e in chat.kinds("field_changed")][-2:] == ["work_division", "work_place"]


def test_an_address_without_a_place_stays_when_the_town_changes() -> None:
    """A guard: an address that names no place (振安路88号) is kept."""
    chat = consented()
    for text in ("罗小兵", f"身份证{LUO_ID}", "我在东莞打工 长安镇 一个做手机壳的厂", "15885412345",
                 "不晓得 我妈那里有", "哲觉镇的", "光明村三组", "振安路88号", "宏达电子厂", "没有", "普工",
                 "今年过完年来的", "五千左右", "打工啊", "签了的", "买了", "按时"):
        chat.say(text)
    assert chat.awaiting == "summary"
    chat.say("工作地点改成厚街")
    assert chat.answers["work_place"] == "振安路88号" and chat.awaiting == "summary"


# -- 2. the home typed while the consent notice is open ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "village"), [("威宁盐仓镇海边村", "海边村"), ("盐仓镇海边村三组", "海边村三组"),
                                               ("威宁县盐仓镇海边村的", "海边村")])
@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_the_home_typed_at_the_notice_is_held_until_consent(channel: str, text: str, village: str) -> None:
    """"威宁盐仓镇海边村" while the SMS consent notice was open got only "请回复 1 同意, 或 2 不同意" and the home was
    lost (盐仓镇海边村三组 was held whole as the village). Now told it is kept once they agree, and on 1 said back.
    (威宁县盐仓镇海边村的 was held before: a guard.)"""
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    chat.event("subscribe") if channel == "wechat" else chat.say("我要登记")
    assert chat.awaiting == "consent"
    replies = chat.say(text)
    assert replies[0].startswith("您好! 您说的先给您记着") and chat.awaiting == "consent" and chat.answers == {}
    replies = chat.say("1")
    assert chat.answers["home_division"]["name"].endswith("威宁彝族回族苗族自治县盐仓镇")
    assert chat.answers["home_village"] == village and "盐仓镇" in replies[1] and chat.awaiting == "name"


def test_the_home_typed_at_the_notice_is_dropped_on_refusal() -> None:
    """A guard: 2 (不同意) drops what was held."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("我要登记")
    chat.say("威宁盐仓镇海边村")
    chat.say("2")
    assert "pending_facts" not in chat.state["survey"] and chat.answers == {}


# -- 6. how long the form takes, the status not yet told --------------------------------------------------------------

@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_how_long_before_the_status_is_a_dozen_or_so(channel: str) -> None:
    """"还要填多久" at the ID question was "还有大约16个问题" (the longest branch, someone working, counted alone)."""
    chat = consented(channel)
    chat.say("王大军")
    replies = chat.say("还要填多久")
    assert replies[0] == "还有大约十几个问题, 看您的情况, 几分钟就好。" and chat.awaiting == "id_number"


def test_how_long_once_the_status_is_told_is_a_number() -> None:
    """A guard: with the status known (在东莞打工), the questions left are counted."""
    chat = consented()
    chat.say("罗小兵")
    chat.say(f"身份证{LUO_ID}")
    chat.say("我在东莞打工 长安镇 一个做手机壳的厂")
    assert chat.awaiting == "phone"
    assert chat.say("还有几个问题")[0] == "还有大约14个问题, 几分钟就好。"


# -- 5. a stranger's question about money, or about correcting a form they do not have ------------------------------

def test_what_a_dibao_household_can_get_at_the_notice_is_the_list() -> None:
    """"你好 我是低保户 能领什么补贴" at the consent notice got only "请回复 1 同意, 或 2 不同意" (on SMS with no
    notice it was "转给了负责您的工作人员", though nobody is theirs yet): now the subsidies that exist, then the
    question."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("你好 我是低保户 能领什么补贴")
    assert replies[0].startswith("这些补贴和补助") and "失业金" in replies[0] and chat.awaiting == "consent"
    assert not chat.kinds("question_referred")


@pytest.mark.parametrize("text", ["你好 我是低保户 能领什么补贴", "俺家是贫困户 有啥补助没", "低保户能领什么补贴"])
def test_what_a_dibao_household_can_get_as_a_first_sms_is_looked_up_not_referred(text: str) -> None:
    """As a first SMS it was referred to "负责您的工作人员"; now the money that fits is looked up (the list)."""
    chat = Chat(channel="sms", address="+8613912345679")
    chat.say(text)
    assert chat.kinds("policy.subsidies") and not chat.kinds("question_referred")


def test_how_to_apply_for_dibao_is_still_its_answer() -> None:
    """A guard: 低保怎么申请 is the 低保 entry's answer, not the list."""
    chat = Chat(channel="sms", address="+8613912345679")
    replies = chat.say("低保怎么申请")
    assert "乡镇" in replies[0] and not chat.kinds("policy.subsidies")


@pytest.mark.parametrize("text", ["我的信息填错了 怎么改", "资料写错了 咋改"])
@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_correcting_a_form_nobody_filled_is_an_offer_to_register(channel: str, text: str) -> None:
    """"我的信息填错了 怎么改" from someone with no form was "转给了负责您的工作人员" (nobody is theirs yet): now
    there is nothing to correct, and how to register."""
    chat = Chat(channel=channel, address="+8613912345679" if channel == "sms" else "u1")
    replies = chat.say(text)
    assert replies[0].startswith("您还没有登记过, 还没有要改的信息") and "回复 登记" in replies[0]
    assert not chat.kinds("question_referred")


def test_correcting_a_form_at_the_notice_is_nothing_yet_then_the_question() -> None:
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("我的信息填错了 怎么改")
    assert replies[0].startswith("您还没有登记过") and replies[-1].startswith("请回复 1 同意")
    assert not chat.kinds("question_referred") and chat.awaiting == "consent"


def test_correcting_in_the_middle_of_the_form_asks_which() -> None:
    """"我的信息填错了 怎么改" at the ID question was referred to a caseworker: now which one, and the question."""
    chat = consented()
    chat.say("王大军")
    replies = chat.say("我的信息填错了 怎么改")
    assert replies[0].startswith("哪一项填错了") and replies[-1] == "请输入您的18位身份证号码。"
    assert not chat.kinds("question_referred") and chat.awaiting == "id_number"


def test_a_field_named_wrong_is_still_its_correction() -> None:
    """A guard: 名字填错了 是王大君 corrects the name."""
    chat = consented()
    chat.say("王大军")
    chat.say("名字填错了 是王大君")
    assert chat.answers["name"] == "王大君"


# -- 4. a township merged away, named as people still do -------------------------------------------------------------

def _at_home() -> Chat:
    chat = consented()
    for text in ("王大军", "431226198309142712", "13912345678", "不知道"):
        chat.say(text)
    assert chat.awaiting == "home_division"
    return chat


def test_a_township_merged_away_is_said_to_be_its_successors() -> None:
    """"隆回桃洪镇" began "没找到隆回县的「桃洪镇」" (桃洪镇 was split into 桃花坪街道 and 花门街道, which the data
    knows): now what it became, the county kept, and the village asked with the new name."""
    chat = _at_home()
    replies = chat.say("隆回桃洪镇")
    assert replies[0] == "桃洪镇现在分成了桃花坪街道、花门街道, 户籍先记到隆回县。", replies
    assert chat.answers["home_division"]["code"] == "430524" and chat.awaiting == "home_village"
    chat.say("花门街道新发村")
    assert chat.answers["home_division"]["name"].endswith("花门街道") and chat.answers["home_village"] == "新发村"


def test_a_township_merged_away_told_with_the_village_is_changed_at_the_summary() -> None:
    chat = _at_home()
    replies = chat.say("隆回县桃洪镇新发村")
    assert replies[1].startswith("桃洪镇现在分成了桃花坪街道、花门街道, 户籍先记到隆回县, 最后核对"), replies
    assert not any("没找到" in reply for reply in replies)


def test_a_township_not_found_is_still_said_so() -> None:
    """A guard: a township the county never had is still "没找到…"."""
    chat = _at_home()
    assert chat.say("隆回县石头镇")[0].startswith("没找到隆回县的“石头镇”")


# -- 3. a city wished for by someone out of work --------------------------------------------------------------------

def _at_status() -> Chat:
    chat = _at_home()
    chat.say("威宁盐仓镇")
    chat.say("海边村")
    assert chat.awaiting == "employment_status"
    return chat


def test_a_city_to_go_to_from_someone_out_of_work_is_the_wished_place() -> None:
    """"没有活干 想去深圳" at the status question: out of work, and 深圳 lost (asked 您想出去工作吗, then the scope).
    Now willing, 外省 as the scope, and 深圳市 kept with the work wished."""
    chat = _at_status()
    replies = chat.say("没有活干 想去深圳")
    assert replies[0] == "好的, 已记下: 就业意愿: 想工作; 意向就业地: 外省。", replies
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting == "service_needs"
    chat.say("1")
    chat.say("普工")
    assert chat.answers["desired_jobs"] == "普工 (深圳市)"


def test_a_place_to_go_to_as_a_question_is_no_wish_recorded() -> None:
    """A guard: 想去深圳 有活吗 asks; it records no scope."""
    chat = _at_status()
    chat.say("没活干 想去深圳 有活吗")
    assert "preferred_scope" not in chat.answers


# -- found in play: a wish for work as the answer to the status question ---------------------------------------------

@pytest.mark.parametrize("text", ["没有 想找点活干", "在家呆着 想找活", "没有 想去县城找点活"])
def test_a_wish_for_work_at_the_status_question_is_out_of_work_and_looking(text: str) -> None:
    """"没有 想找点活干" at 您现在的就业情况? got "登记好了, 就能按您的情况推荐…" and the status question again."""
    chat = _at_status()
    replies = chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert replies[0].startswith("好的, 已记下: 就业意愿: 想工作") and chat.awaiting == "service_needs"


def test_asking_for_jobs_at_the_status_question_is_still_the_list_later() -> None:
    """A guard: 有啥活没有 asks (the list once the form is done), no status recorded."""
    chat = _at_status()
    assert chat.say("有啥活没有")[0].startswith("登记好了") and "employment_status" not in chat.answers


@pytest.mark.parametrize("text", ["现在没活 想出去打工", "现在没活 我想出去打工 我老婆在家带娃",
                                  "以前在东莞打工 现在没活 想找活"])
def test_no_work_now_and_a_wish_to_go_out_to_work_is_not_working(text: str) -> None:
    """"现在没活 我想出去打工 我老婆在家带娃" at the status question was recorded as working (打工) and asked
    "您在哪里工作?" (以前在东莞打工 … recorded 东莞 as the place of work)."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert "work_division" not in chat.answers and chat.awaiting == "service_needs"


@pytest.mark.parametrize("text", ["在东莞打工 想换个活", "打工"])
def test_working_and_wishing_for_another_job_is_still_working(text: str) -> None:
    """A guard."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed"


# -- found in play: a family member with no phone of their own -------------------------------------------------------

@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_registering_for_a_father_who_cannot_use_a_phone_is_a_caseworker(channel: str) -> None:
    """"我是帮我爸登记的 他不会用手机" was told "可以让他们关注我们或发短信过来" (he cannot): now a caseworker calls or
    visits to register him, and this number is the sender's own."""
    chat = Chat(channel=channel, address="+8613912345688" if channel == "sms" else "u9")
    replies = chat.say("我是帮我爸登记的 他不会用手机")
    assert replies[0].startswith("知道了。家里人不方便用手机的话, 回复 人工") and "让他们关注" not in replies[0]


def test_a_wife_who_wants_to_register_too_still_gets_how() -> None:
    """A guard: 我老婆也想登记一下 is still told how (her own phone)."""
    chat = consented()
    chat.say("王大军")
    assert chat.say("我老婆也想登记一下")[0].startswith("知道了。您家里人要找工作或登记, 可以让他们关注我们")
