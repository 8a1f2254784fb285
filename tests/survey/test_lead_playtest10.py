"""The lead's play-test of 2026-12-06 (third stop): a young mother from 商城县 back from a Yiwu factory, on WeChat,
through the survey and the registration (tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_checkin, _at_contract, _at_weekly
from tests.survey.test_lead_playtest9 import _at_work_place
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_talking_as_people_type import consented

# 商城县 (411524), born 1998-03-12: a valid check digit is 8; the same number ending in 9 is one typed wrong.
WRONG_ID = "411524199803122229"


@pytest.mark.parametrize("text", ["之前在浙江义乌厂里做 去年回来带娃了 现在没上班", "从厂里出来了 现在还没找到",
                                  "回来了 现在不打工了", "辞了 现在没干", "我不在那干了 现在在家带孙子 不想出去了",
                                  "不干了 回去了"])
def test_left_then_not_working_now_is_no_new_job(text: str) -> None:
    """"…现在没上班" matched "left, then 现在 … 上班": a change of job, and the person was asked for the address of
    the work they had left (不想出去了 matched "left … 去了" the same way: "知道了, 您换了工作" at a check-in)."""
    assert nlu.understand(text, date(2026, 12, 6)).intent == "job_lost"


@pytest.mark.parametrize("text", ["辞了 现在去了立讯", "以前在工地 现在在扶贫车间", "出来了 现在又进了厂",
                                  "辞了 去了富士康"])
def test_left_then_working_elsewhere_is_still_a_change_of_job(text: str) -> None:
    assert nlu.understand(text, date(2026, 12, 6)).intent == "changed_job"


def test_back_home_and_not_working_at_the_status_question_is_no_work() -> None:
    chat = _at_status()
    replies = chat.say("之前在浙江义乌厂里做 去年回来带娃了 现在没上班")
    assert chat.answers.get("employment_status") == "unemployed", replies
    assert "work_division" not in chat.answers and chat.awaiting == "willing_to_work"


def test_the_month_of_the_last_day_stands_after_the_reason_told_in_between() -> None:
    """是2月的哪一天?, then the reason: the day of February again (it asked the last working day afresh, and 不记得了
    then left it empty)."""
    chat = registering()
    chat.say("去年过完年就没干了")
    replies = chat.say("回来带孩子 自己不干的")
    assert "自己辞职" in replies[0]
    assert "是2月的哪一天" in replies[-1] and chat.awaiting == "last_work_day"
    replies = chat.say("不记得了")
    assert "2月28日" in replies[0], replies
    assert chat.awaiting == "insured"


def _at_desired_jobs() -> Chat:
    chat = looking_at("preferred_scope")
    chat.say("本县")
    assert chat.awaiting == "desired_jobs"
    return chat


@pytest.mark.parametrize(("text", "jobs", "skills"), [("在厂里做过质检 也会缝纫", "质检", "缝纫"),
                                                      ("想开车 也会电焊", "司机", "电焊"),
                                                      ("会计 也会开车", "会计", "开车")])
def test_what_they_can_do_said_with_the_work_wanted_is_no_work_wanted(text: str, jobs: str, skills: str) -> None:
    """"也会缝纫" was kept in the work wanted as "会缝纫" (质检、会缝纫; 想开车 也会电焊 became 会电焊 alone)."""
    chat = _at_desired_jobs()
    chat.say(text)
    assert chat.answers.get("desired_jobs") == jobs
    assert chat.answers.get("skills") == skills


def test_training_wanted_at_a_later_question_is_added_to_the_help_wanted() -> None:
    """"想学个电商" got "登记好了, 就能推荐培训" and was lost: the help wanted had no training."""
    chat = _at_desired_jobs()
    for text in ["质检", "缝纫", "两三千"]:
        chat.say(text)
    assert chat.awaiting == "available_from"
    replies = chat.say("想学个电商 直播带货那种")
    assert chat.answers["service_needs"] == ["job_referral", "training"]
    assert "技能培训" in replies[0] and chat.awaiting == "available_from"


def test_training_wanted_at_the_skills_question_is_no_skill() -> None:
    """"还想参加培训 学电商" at the skills question was saved as the skill."""
    chat = _at_desired_jobs()
    chat.say("质检")
    assert chat.awaiting == "skills"
    replies = chat.say("还想参加培训 学电商")
    assert "skills" not in chat.answers, chat.answers
    assert chat.answers["service_needs"] == ["job_referral", "training"] and chat.awaiting == "skills", replies


def test_training_wanted_at_the_summary_is_added_to_the_help_wanted() -> None:
    chat = _at_desired_jobs()
    for text in ["质检", "缝纫", "两三千", "过完年"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    replies = chat.say("还想参加培训 学电商")
    assert chat.answers["service_needs"] == ["job_referral", "training"], replies
    assert chat.awaiting == "summary"


@pytest.mark.parametrize("text", [f"我叫刘兰 身份证{WRONG_ID}", f"刘兰 {WRONG_ID}"])
def test_an_id_number_typed_wrong_with_the_name_is_said_to_be_wrong(text: str) -> None:
    """The name was taken and the ID question asked plainly, as if no number had been typed."""
    chat = consented("wechat")
    replies = chat.say(text)
    assert chat.answers.get("name") == "刘兰"
    assert "最后一位对不上" in replies[0] and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["临时工哪有合同", "哪来的合同", "哪有什么合同"])
def test_where_would_there_be_a_contract_is_none(text: str) -> None:
    """"临时工哪有合同" (a temp has no contract, how would there be one) was recorded as a contract signed."""
    chat = _at_contract()
    chat.say(text)
    assert chat.answers.get("contract_signed") == "no"
    assert chat.awaiting == "social_insurance"


@pytest.mark.parametrize("text", ["老板不给签合同", "不给签"])
def test_a_report_that_answers_the_open_question_moves_on(text: str) -> None:
    """The report recorded no contract, then asked "签劳动合同了吗?" again."""
    chat = _at_contract()
    replies = chat.say(text)
    assert chat.answers.get("contract_signed") == "no"
    assert "没签劳动合同" in replies[0] and chat.awaiting == "social_insurance", replies


@pytest.mark.parametrize(("text", "contract", "wages"), [("没签 工资也拖着", "no", "no"),
                                                         ("签了的 工资按时发", "yes", "yes")])
def test_the_open_question_answered_beside_a_later_one(text: str, contract: str, wages: str) -> None:
    """Only the wages were taken and the contract asked again."""
    chat = _at_contract()
    replies = chat.say(text)
    assert (chat.answers.get("contract_signed"), chat.answers.get("wages_on_time")) == (contract, wages), replies
    assert chat.awaiting == "social_insurance"


@pytest.mark.parametrize("text", ["老板姓吴 吴老板", "老板姓吴，吴老板"])
def test_the_boss_said_twice_is_one_boss(text: str) -> None:
    """"老板姓吴 吴老板" was kept as typed (the summary showed 单位:老板姓吴 吴老板)."""
    chat = _at_employer()
    chat.say(text)
    assert chat.answers.get("employer") == "吴老板"


@pytest.mark.parametrize(("text", "place"), [("就县城边上 新城那个楼盘", "县城边上 新城那个楼盘"),
                                           ("就在砖厂里", "砖厂里")])
def test_just_at_before_the_work_place_is_no_part_of_it(text: str, place: str) -> None:
    chat = _at_work_place()
    chat.say(text)
    assert chat.answers.get("work_place") == place


def test_none_in_dialect_at_the_registration_help_question_is_no_help() -> None:
    """"没得" (Guizhou for 没有) at "需要哪些帮助?" was "请回复数字"."""
    chat = registering("sms")
    for text in ["15号吧", "工地停工", "2"]:
        chat.say(text)
    assert chat.awaiting == "wants_services"
    replies = chat.say("没得")
    assert any("已为您提交失业登记" in reply for reply in replies), replies


def test_facts_told_with_a_wish_for_work_are_kept() -> None:
    """A voice-typed message at the household-number question, home, village, age, farming and a wish for work
    near home, got "登记好了, 就能推荐…" and nothing of it was kept (the home was asked next)."""
    chat = consented("wechat")
    chat.say("我叫杨发贵身份证520526196505124413电话13985112233")
    assert chat.awaiting == "household_id"
    chat.say("我是威宁县草海镇新发村的今年六十一了在家种地想找点活干离家近的")
    assert chat.answers["home_division"]["code"].startswith("520526")
    assert chat.answers.get("home_village") == "新发村"
    assert chat.answers.get("preferred_scope") == "home_county"
    assert chat.awaiting not in ("household_id", "home_division", "home_village")


NOTICE_SMS = "登记就业需您的姓名、身份证和手机号, 仅工作人员可见, 加密保存(2026-11)。同意吗? 1同意 2不同意"


@pytest.mark.parametrize("text", ["是不是骗子哦", "谁让你们发的", "谁叫你们找我的"])
def test_a_suspicious_newcomer_is_told_who_writes(text: str) -> None:
    """"是不是骗子哦" got "您反映的问题已转给…哪个单位、什么情况" (a report of being cheated) and "谁让你们发的"
    "好的, 已补充给工作人员" (details of that report)."""
    chat = Chat(channel="sms")
    chat.say("你们是干嘛的")
    replies = chat.say(text)
    # (the privacy notice follows at first contact since talk17: tests/survey/test_talk17.py)
    assert replies[0] == "我们是县人社部门的就业帮扶服务, 帮您登记、推荐工作和培训; 不会向您要钱或问密码。"
    assert replies[1:] == [NOTICE_SMS] and not chat.kinds("rights_issue_reported")


@pytest.mark.parametrize("text", ["我是不是被骗了", "老板是不是骗子"])
def test_being_cheated_by_someone_else_is_no_question_about_us(text: str) -> None:
    assert not nlu.asks_who_we_are(text)


@pytest.mark.parametrize("text", ["腰疼 干不了了", "病了 干不了活"])
def test_unable_to_work_said_at_the_weekly_check_in_is_recorded(text: str) -> None:
    """"腰疼 干不了了" at "最近找工作有进展吗?" was "没太明白, 请回复数字"."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert chat.answers.get("employment_status") == "unable", replies
    assert "暂时不能工作" in replies[0]


@pytest.mark.parametrize(("text", "answer"), [
    ("老样子", "still_employed"), ("没得变化", "still_employed"), ("还是那个厂", "still_employed"),
    ("在呢在呢", "still_employed"), ("准备辞职了", "still_employed"), ("工资降了 活也少了", "on_hold"),
])
def test_the_check_in_answered_as_people_say_it(text: str, answer: str) -> None:
    """Each was "没太明白, 请回复数字" at "您还在贵阳的陈老板那里上班吗?"."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == [answer], replies


def test_thinking_of_leaving_is_offered_other_work() -> None:
    chat = _at_checkin()
    replies = chat.say("准备辞职了")
    assert replies[0] == "好的, 您还在岗。帮您看看有没有更合适的工作。"


def test_a_new_job_in_the_next_village_is_near_home_not_at_the_old_place() -> None:
    """"刚换了 现在在隔壁村修路" kept the old job's city and address (隔壁 read as next to the old factory)."""
    chat = _at_checkin()
    chat.say("刚换了 现在在隔壁村修路")
    assert chat.answers["work_division"]["code"] == "520526100"  # the home township (威宁县草海镇)
    assert "work_place" not in chat.answers and chat.awaiting == "work_place"


@pytest.mark.parametrize("text", ["干完这个月就回来", "干完这个月再说"])
def test_the_month_done_then_home_is_work_until_its_end(text: str) -> None:
    """"干完这个月就回来" at a check-in was "没太明白, 请回复数字" (干到月底 was understood)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["ending"], replies
    assert nlu.work_until(text) == "月底"


def test_a_zero_said_back_as_left_empty_is_not_shown_as_none() -> None:
    """"0" at the employer's phone got "这一项先空着" and the summary then showed 11单位电话:没有."""
    chat = _at_employer()
    replies: list[str] = []
    for text in ["陈老板", "0", "今年九月", "6000", "打零工", "没有", "有", "按时"]:
        replies = chat.say(text)
    assert chat.awaiting == "summary"
    # (talk15: the SMS summary's numbers run without a gap, so 11 is another item now: the phone's line is not shown)
    assert "单位电话" not in replies[-1], replies[-1]
