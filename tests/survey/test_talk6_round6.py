"""Round six of typing as people talk (talk6): a correction whose words name other items than its number, two
jobs wished at once, work for someone at the employer question, work found while registering, a check-in
answer of two facts, "咋登记" before any form, one reader of a job said alone, 没有 then 不知道, an ID number at the
household question, "签了" at the way of working. Each through the pure dialog step."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import job_said
from dialogs.flows.survey.fields import jobs_wanted
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_playtest_round2 import looking_at, registering
from tests.survey.test_talking_as_people_type import ID, consented, employed_at

# -- at the summary, the words of a correction against its number ------------------------------------------


def test_a_number_whose_words_name_other_items_follows_the_words() -> None:
    """"2 不对 是在县里打零工" asked the ID number again (item 2) though the words are about the work: the items
    the words are a value of (where the work is, the way of working) change, and the summary is shown again."""
    chat = consented()
    employed_at(chat, "summary")
    replies = chat.say("2 不对 是在县里打零工")
    answers = chat.answers
    assert chat.awaiting == "summary" and answers["id_number"] == ID
    assert answers["work_division"]["code"] == "431226" and answers["employment_form"] == "flexible"
    assert replies[0].startswith("好的, 已改为") and "工作地" in replies[0] and "就业形式" in replies[0]


@pytest.mark.parametrize("text", ["2 不对 是43122619830914271X", "2不对"])
def test_a_number_with_no_words_or_a_mistyped_value_still_asks_its_item(text: str) -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say(text)
    assert chat.awaiting == "id_number" and chat.answers.get("household_id") is None


def test_an_item_named_with_digits_for_it_is_never_read_elsewhere() -> None:
    """手机号错了 最后一位是8 不是1: the phone's last digit (the 8 is no choice of the way of working)."""
    chat = consented()
    employed_at(chat, "summary")
    chat.say("手机号错了 最后一位是9 不是8")
    assert chat.answers["phone"] == "+8613712345679" and chat.answers["employment_form"] == "migrant"


def test_a_number_whose_words_are_its_own_value_is_that_value() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("10 不对 是鑫达建筑")
    assert chat.answers["employer"] == "鑫达建筑" and chat.answers["employment_form"] == "migrant"


# -- what is said at a question ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "jobs"), [
    ("开挖机 或者工地都行", "开挖机、工地"), ("进厂 或者当保安", "进厂、保安"), ("离家近的 保安都行", "保安"),
])
def test_a_workplace_wished_beside_a_job_is_kept_too(text: str, jobs: str) -> None:
    assert jobs_wanted(text) == jobs


def test_two_jobs_wished_at_the_question_are_both_kept() -> None:
    chat = looking_at("preferred_scope")
    chat.say("1")
    assert chat.awaiting == "desired_jobs"
    chat.say("开挖机 或者工地都行")
    assert chat.answers["desired_jobs"] == "开挖机、工地"


def test_work_for_someone_is_no_employer_named_by_its_last_characters() -> None:
    """"就在镇上 帮人看店" at the employer question was employer "人看店"."""
    assert nlu.parse_employer("就在镇上 帮人看店") is None and nlu.parse_employer("给人看厂") is None
    assert nlu.parse_employer("在人民医院当护工") == "人民医院"
    chat = consented()
    employed_at(chat, "employer")
    chat.say("就在镇上 帮人看店")
    assert chat.answers["employer"] != "人看店" and "看店" in chat.answers["employer"]


# -- work found while being registered as unemployed -------------------------------------------------------


@pytest.mark.parametrize("text", ["我找到工作了 在县城工地上班", "又找了个厂 上班了"])
def test_work_found_at_a_registration_question_ends_the_registration(text: str) -> None:
    """"我找到工作了 在县城工地上班" at "最后上班是哪天?" was "没看懂日期": the registration stops, the work is
    recorded, the place said kept, and the survey asks about the new job."""
    chat = registering()
    replies = chat.say(text)
    assert "registration" not in chat.state and chat.state["flow"] == "survey"
    assert chat.answers["employment_status"] == "employed"
    assert replies[0] == "恭喜您找到活了! 那就不用登记失业了。"
    assert not chat.kinds("registration.submit") and chat.awaiting != "last_work_day"
    if "县城" in text:
        home_county = chat.answers["home_division"]["code"][:6]
        assert chat.answers["work_division"]["code"] == home_county and chat.awaiting == "work_place"


def test_a_day_at_the_registration_is_still_a_day() -> None:
    chat = registering()
    chat.say("上个月底")
    assert chat.state["flow"] == "registration" and chat.awaiting == "job_loss_reason"


# -- a check-in answer of two facts ------------------------------------------------------------------------


def test_still_working_and_wages_late_are_both_acknowledged() -> None:
    chat = Chat()
    _fire(chat, "checkin", 1)
    replies = chat.say("还在干 就是工资拖了两个月")
    assert replies[0] == "好的, 记下了: 您还在原来的单位干。" and "工资" in replies[1]
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]


# -- how to register, asked before any form ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["咋登记", "怎么登记", "怎么登记啊?", "在哪登记"])
def test_how_to_register_with_no_form_starts_the_form(text: str) -> None:
    chat = Chat(channel="sms", address="+8613912345678")
    replies = chat.say(text)
    assert chat.awaiting == "consent" and "失业登记" not in "".join(replies)


def test_how_to_register_at_the_privacy_notice_and_in_the_form_is_here() -> None:
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("咋登记")
    assert chat.awaiting == "consent" and replies[0].startswith("在这里就能登记")
    chat.say("同意")
    replies = chat.say("怎么登记")
    assert replies[0] == "就是在这里登记: 回答下面的问题就行。" and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["失业登记怎么办", "怎么办失业登记"])
def test_unemployment_registration_asked_by_name_is_still_the_policy_answer(text: str) -> None:
    assert not nlu.asks_how_to_register(text)


# -- one reader of a job said alone ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "job"), [
    ("流水线工", "流水线工"), ("工地上扎钢筋", "钢筋工"), ("流水线", "流水线工"), ("保安工作", "保安"),
    ("在厂里开叉车", "叉车"), ("门卫室", None), ("在工地上", None), ("宏发五金", None),
    ("在一个饰品厂 做流水线", None),  # the employer said too: more than a job
])
def test_a_job_said_alone(text: str, job: str | None) -> None:
    assert job_said(text) == job


@pytest.mark.parametrize("text", ["在一个饰品厂 做流水线", "在饰品厂做流水线"])
def test_at_the_job_question_the_workplace_before_the_job_is_where_it_is_done(text: str) -> None:
    chat = consented()
    employed_at(chat, "job_type")
    chat.say(text)
    assert chat.answers["job_type"] == "流水线工"


@pytest.mark.parametrize(("text", "job"), [("流水线工", "流水线工"), ("工地上扎钢筋", "钢筋工")])
def test_a_job_at_the_workplace_address_is_the_job_whichever_way_it_is_said(text: str, job: str) -> None:
    """Only the address reader took 流水线工, only the job-beside reader 工地上扎钢筋: both now, as the job."""
    chat = consented()
    employed_at(chat, "work_place")
    chat.say(text)
    assert chat.answers.get("work_place") is None and chat.answers["job_type"] == job


# -- 没有, then 不知道 ------------------------------------------------------------------------------------------


def test_none_then_dont_know_from_the_summary_reads_back_dont_know() -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say("没有")
    while chat.awaiting != "summary":
        chat.say({"job_type": "小工", "started": "去年三月", "monthly_income": "五千", "employment_form": "1",
                  "contract_signed": "没签", "social_insurance": "没交", "wages_on_time": "按时"}[str(chat.awaiting)])
    chat.say("11")
    summary = chat.say("不知道")[-1]
    assert "11. 单位联系电话: 不知道" in summary


# -- an ID number at the household question ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["520526199003151220", "431226198309142713", "43122619830914271"])
def test_an_id_number_at_the_household_question_is_said_to_be_one(text: str) -> None:
    """An ID number (another's, or one mistyped) typed at the household number was saved as the household
    number: it is said to look like an ID number and the question asked again; the ID answer stays."""
    chat = consented()
    employed_at(chat, "household_id")
    replies = chat.say(text)
    assert chat.awaiting == "household_id" and chat.answers.get("household_id") is None
    assert chat.answers["id_number"] == ID and replies[0].startswith("这个像是身份证号")


def test_a_household_number_is_still_taken() -> None:
    chat = consented()
    employed_at(chat, "household_id")
    chat.say("6204221040078")
    assert chat.answers["household_id"] == "6204221040078"


# -- 签了 at the way of working ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["签了", "没签", "签了的"])
def test_signed_alone_at_the_way_of_working_is_told_the_contract_comes_later(text: str) -> None:
    """"签了" at "您是哪种就业方式?" was "请回复数字 1 到 5" (which paper is not said): told the contract is asked
    later, the way of working asked again, nothing taken and no miss counted."""
    chat = consented()
    employed_at(chat, "employment_form")
    replies = chat.say(text)
    assert replies[0] == "签没签合同, 后面会问到。" and chat.awaiting == "employment_form"
    assert chat.answers.get("contract_signed") is None and not chat.state["survey"].get("misses")
    chat.say("1")
    assert chat.awaiting == "contract_signed"


# -- played on the simulator (talk6): not knowing the employer's name, the name on the ID card ---------------


@pytest.mark.parametrize("text", ["不晓得 在工业园那边", "不知道 在工业园"])
def test_not_knowing_the_employer_then_where_is_no_employer(text: str) -> None:
    """"不晓得 在工业园那边" at the employer question was saved as the employer's name."""
    chat = consented()
    employed_at(chat, "employer")
    chat.say(text)
    assert chat.answers.get("employer") is None and chat.awaiting == "employer"


def test_a_name_after_not_knowing_is_still_the_employer() -> None:
    chat = consented()
    employed_at(chat, "employer")
    chat.say("不晓得 张老板的砖厂")
    assert chat.answers["employer"] == "张老板的砖厂"


@pytest.mark.parametrize("text", ["杨三贵 身份证上叫杨三贵", "我叫杨三贵", "大名杨三贵", "真名叫杨三贵"])
def test_the_name_on_the_id_card_said_after_a_nickname_corrects_the_name(text: str) -> None:
    """杨老三 at the name question, then "身份证上叫杨三贵" at the ID question was "身份证号码应该是18位" (and
    "大名杨三贵" put the home in 大名县, Hebei)."""
    chat = consented()
    chat.say("杨老三")
    assert chat.awaiting == "id_number"
    replies = chat.say(text)
    assert chat.answers["name"] == "杨三贵" and chat.awaiting == "id_number"
    assert replies[0] == "好的, 已改为 姓名: 杨三贵。" and "home_division" not in chat.answers


@pytest.mark.parametrize("text", ["大名杨三贵", "身份证上叫杨三贵"])
def test_the_name_said_with_its_kind_at_the_name_question_is_the_name(text: str) -> None:
    chat = consented()
    chat.say(text)
    assert chat.answers["name"] == "杨三贵" and "home_division" not in chat.answers


def test_i_am_the_gang_boss_is_no_name() -> None:
    chat = consented()
    chat.say("杨老三")
    chat.say("我是包工头")
    assert chat.answers["name"] == "杨老三"


@pytest.mark.parametrize("answer", ["还在干 就是工资拖了两个月", "在"])
def test_details_told_after_wages_reported_at_a_check_in_go_to_the_caseworker(answer: str) -> None:
    """"欠了八千多 老板说过年前给" after the wages were reported at a check-in was "没太明白" and the menu."""
    chat = Chat()
    _fire(chat, "checkin", 1)
    chat.say(answer)
    if chat.awaiting == "checkin":
        chat.say("2")  # the rights question: wages owed
    replies = chat.say("欠了八千多 老板说过年前给")
    assert replies == ["好的, 已补充给工作人员。"] and len(chat.kinds("rights_details_told")) == 1


def _at_wants_services() -> Chat:
    chat = registering()
    chat.jobs = []
    for text in ("前天", "被辞退了", "没交"):
        chat.say(text)
    assert chat.awaiting == "wants_services"
    return chat


@pytest.mark.parametrize(("text", "scope", "jobs"), [
    ("想找个活 离家近点的", "home_county", None), ("想找个保安的活 县里就行", "home_county", "保安"),
])
def test_where_and_what_said_with_the_help_wanted_are_not_asked_again(
    text: str, scope: str, jobs: str | None
) -> None:
    """"想找个活 离家近点的" at the registration's help question: after the registration the survey asked
    "您想在哪里工作?" all the same ("想找个保安的活 县里就行" was "请回复数字")."""
    chat = _at_wants_services()
    replies = chat.say(text)
    answers = chat.answers
    assert answers["service_needs"] == ["job_referral"] and answers["preferred_scope"] == scope
    assert answers.get("desired_jobs") == jobs and chat.awaiting not in ("preferred_scope", "wants_services")
    assert any(reply.startswith("好的, 已记下: 意向就业地: 本县") for reply in replies)


def test_help_chosen_by_number_leaves_the_survey_questions_to_ask() -> None:
    chat = _at_wants_services()
    chat.say("1")
    assert chat.awaiting == "preferred_scope"


# -- suspicious people ---------------------------------------------------------------------------------------


# (谁给你们我电话的: where the number came from since care10, tests/policy/test_laborer_round10.py)
@pytest.mark.parametrize("text", ["你们是骗子吧 要我身份证干啥", "你们是骗子吧"])
def test_suspicion_is_answered_with_who_we_are_not_a_rights_report(text: str) -> None:
    """"你们是骗子吧 要我身份证干啥" was a rights report ("哪个单位、什么情况"), and the next message its details."""
    chat = Chat(channel="sms", address="+8613912345678")
    replies = chat.say(text)
    assert replies[0] == "我们是县人社部门的就业帮扶服务, 帮您登记、推荐工作和培训; 不会向您要钱或问密码。"
    assert replies[1].endswith("同意吗? 1同意 2不同意")  # (the privacy notice after it at first contact since talk17)
    assert not chat.kinds("rights_issue_reported")


@pytest.mark.parametrize("text", ["老板是骗子 欠我工资", "包工头是骗子吧"])
def test_someone_else_called_a_cheat_is_still_a_rights_issue(text: str) -> None:
    assert not nlu.asks_who_we_are(text)


def test_why_my_id_at_the_id_question_is_why_it_is_asked() -> None:
    chat = consented()
    chat.say("王秀兰")
    replies = chat.say("要我身份证干啥")
    assert replies[0].startswith("问这个是为了") and chat.awaiting == "id_number"
    assert not chat.kinds("question_referred")


@pytest.mark.parametrize("name", ["张桂芳", "欧阳娜娜"])
def test_a_name_typed_alone_before_consent_is_kept_for_the_form(name: str) -> None:
    """On SMS, "张桂芳" then the ID number before "1": the ID was kept, the name asked again."""
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("登记")
    chat.say(name)
    chat.say("411526198506122318")
    chat.say("1")
    assert chat.answers["name"] == name and chat.answers["id_number"] == "411526198506122318"
    assert chat.awaiting == "phone"


@pytest.mark.parametrize("text", ["干啥的", "你们是谁"])
def test_words_before_consent_are_no_name(text: str) -> None:
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("登记")
    chat.say(text)
    chat.say("1")
    assert "name" not in chat.answers and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["我是帮我爸登记的 他叫李德福 不会用手机", "我给我儿子登记", "我帮我妈登记"])
def test_registering_for_a_parent_or_child_is_about_someone_else(text: str) -> None:
    assert nlu.about_someone_else(text)


def test_registering_for_a_father_at_the_privacy_notice_is_told_how_family_members_register() -> None:
    """"我是帮我爸登记的 他叫李德福 不会用手机" at the privacy notice was the greeting ("欢迎关注")."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("我是帮我爸登记的 他叫李德福 不会用手机")
    # (talk20: he cannot use a phone, so a caseworker registers him; it said "让他们关注我们", test_talk20.py)
    assert replies[0].startswith("知道了。家里人不方便用手机的话") and chat.awaiting == "consent"


@pytest.mark.parametrize("text", ["我是来登记的", "我帮老板干活"])
def test_ones_own_words_are_not_about_someone_else(text: str) -> None:
    assert not nlu.about_someone_else(text)


@pytest.mark.parametrize("text", ["不知道叫啥 就在镇上", "不晓得叫什么"])
def test_not_knowing_what_it_is_called_is_no_question(text: str) -> None:
    """"不知道叫啥 就在镇上" at the employer question was passed to the caseworker as a question."""
    assert not nlu.is_question(text)
    chat = consented()
    employed_at(chat, "employer")
    chat.say(text)
    assert not chat.kinds("question_referred") and chat.answers.get("employer") is None


@pytest.mark.parametrize("text", ["你们叫啥", "不知道要交多少钱吗", "这个叫什么"])
def test_questions_stay_questions(text: str) -> None:
    assert nlu.is_question(text)
