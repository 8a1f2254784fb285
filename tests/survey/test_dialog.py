"""The survey dialog driven through dialogs.engine.step, the state round-tripped through JSON every step."""

from __future__ import annotations

from datetime import date

import pytest

from tests.fakes.identity import check_char, make_id, wrong_check
from tests.survey.driver import Chat

ID = make_id("520526", date(1990, 3, 15), 123)


def consented(**kwargs: object) -> Chat:
    chat = Chat(**kwargs)  # type: ignore[arg-type]
    chat.event("subscribe")
    chat.say("同意")
    return chat


def identity(chat: Chat, name: str = "王小明", id_number: str = ID) -> None:
    chat.say(f"我叫{name}")
    chat.say(id_number)
    chat.say("13812345678")
    chat.say("不知道")
    chat.say("威宁县")
    chat.say("新发村三组")


def test_full_survey_with_colloquial_answers_and_corrections() -> None:
    chat = Chat()
    first = chat.event("subscribe")
    assert chat.awaiting == "consent" and "同意吗" in first[-1]
    chat.say("嗯 同意")
    assert chat.awaiting == "name"
    chat.say("我叫 王小明")
    assert chat.say(wrong_check(ID))[-1].startswith("这个身份证号码的最后一位对不上")
    assert chat.awaiting == "id_number"
    chat.say(" ".join((ID[:6], ID[6:14], ID[14:])))  # typed in groups
    assert chat.say("138 1234 567")[-1].startswith("这不是有效的手机号")
    chat.say("１３８－１２３４－５６７８")  # full-width, as some phones send it
    chat.say("没有")  # household number: optional
    assert "范围太大" in chat.say("毕节")[-1]
    assert "没找到这个地方" in chat.say("火星村")[-1]
    chat.say("贵州威宁")
    chat.say("新发村三组")
    replies = chat.say("在东莞长安镇的电子厂上班")
    assert "工作地: 广东省东莞市长安镇" in replies[0] and "工作单位: 电子厂" in replies[0]
    assert chat.awaiting == "work_place"  # work_division and employer were not asked
    chat.say("振安路")
    chat.say("不晓得")
    chat.say("普工")
    assert "没看懂时间" in chat.say("好久了")[-1]
    chat.say("去年三月")
    assert "没看懂金额" in chat.say("还行吧")[-1]
    chat.say("四千五左右")
    chat.say("1")
    chat.say("签了")
    chat.say("没交")
    summary = chat.say("经常拖欠")[-1]
    assert chat.awaiting == "summary"
    assert "5205**********" in summary and ID not in summary  # shown masked, even to the person
    assert "138****5678" in summary
    saved, rights = chat.say("0")[-2:]
    assert saved.startswith("谢谢! 您的信息已保存")
    # No insurance and wages held back, answered in the survey: told they go to a caseworker (a rights case).
    assert rights == "您说单位没交社保、工资没按时足额发, 这关系到您的权益, 已转给负责您的工作人员, 他们会尽快联系您。"
    assert chat.awaiting is None and chat.state is not None and chat.state["flow"] is None
    [submitted] = chat.kinds("form_submitted")
    assert submitted.data["answers"] == {
        "name": "王小明", "id_number": ID, "phone": "+8613812345678", "household_id": None,
        "home_division": {"code": "520526", "name": "贵州省毕节市威宁彝族回族苗族自治县"},
        "home_village": "新发村三组", "employment_status": "employed",
        "work_division": {"code": "441900119", "name": "广东省东莞市长安镇"}, "work_place": "振安路",
        "employer": "电子厂", "employer_contact": None, "job_type": "普工", "started": "2025-03",
        "monthly_income": 4500, "employment_form": "migrant", "contract_signed": "yes",
        "social_insurance": "no", "wages_on_time": "no",
    }
    assert submitted.data["consent_version"] == "2026-11"
    changed = {e.data["field"] for e in chat.kinds("field_changed")}
    assert {"work_division", "employer", "monthly_income"} <= changed


@pytest.mark.parametrize(
    ("field_answers", "bad", "reprompt"),
    [
        ([], make_id()[:-3], "身份证号码应该是18位"),
        ([], wrong_check(make_id()), "最后一位对不上"),
        ([], "520526199013151" + "23" + check_char("52052619901315123"), "出生日期不对"),
        (["身份证"], "13812", "这不是有效的手机号"),
        (["身份证"], "12345678901", "这不是有效的手机号"),
    ],
)
def test_identity_validation_says_what_was_wrong(field_answers: list[str], bad: str, reprompt: str) -> None:
    chat = consented()
    chat.say("王小明")
    if field_answers:
        chat.say(ID)
    awaiting = chat.awaiting
    replies = chat.say(bad)
    assert reprompt in replies[-1]
    assert chat.awaiting == awaiting


def test_birth_date_and_check_digit_problems_get_distinct_reprompts() -> None:
    chat = consented()
    chat.say("王小明")
    bad_date = chat.say("52052619901315123" + check_char("52052619901315123"))[-1]
    bad_check = chat.say(wrong_check(ID))[-1]
    assert bad_date != bad_check


def employed_until(chat: Chat, field: str) -> None:
    identity(chat)
    chat.say("1")
    answers = iter(["东莞", "振安路", "富士康", "不知道", "普工", "2025年3月", "4500", "1", "1", "1", "1"])
    while chat.awaiting != field:
        chat.say(next(answers))


@pytest.mark.parametrize(
    ("field", "bad", "reprompt"),
    [
        ("work_division", "月球", "没找到这个地方"),
        ("monthly_income", "不少", "没看懂金额"),
        ("monthly_income", "100万", "金额好像不对"),
        ("started", "很久以前", "没看懂时间"),
        ("started", "明年五月", "时间还没到"),
        ("employer_contact", "12", "电话好像不对"),
        ("contract_signed", "蓝色的", "请回复 1 签了"),  # (啥 asks what the question means: explained)
    ],
)
def test_employment_validation(field: str, bad: str, reprompt: str) -> None:
    chat = consented()
    employed_until(chat, field)
    assert reprompt in chat.say(bad)[0]
    assert chat.awaiting == field


def test_dont_know_on_optional_fields_and_not_on_required_ones() -> None:
    chat = consented()
    employed_until(chat, "employer")
    replies = chat.say("不晓得")  # required: asked again, with help offered and no way to skip it
    # (at the employer, how else to name whom they work for: talk9)
    assert replies[0].startswith("不知道单位名字也行") and replies[-1].startswith("您在哪个单位或老板那里干")
    assert not any("跳过" in reply or "回复 不知道" in reply for reply in replies)
    assert chat.awaiting == "employer" and "employer" not in chat.answers
    chat.say("张老板的砖厂")
    for field, dont_know in zip(("employer_contact", "job_type", "started", "monthly_income"),
                                ("不知道", "忘了", "不记得了", "本本没带 记不清"), strict=True):
        assert chat.awaiting == field
        chat.say(dont_know)
    assert chat.awaiting == "employment_form"
    answers = chat.answers
    assert answers["employer"] == "张老板的砖厂"
    assert all(answers[k] is None for k in ("employer_contact", "job_type", "started", "monthly_income"))


def test_repeated_misses_point_to_a_way_out() -> None:
    chat = consented()
    chat.say("王小明")
    for _ in range(2):
        assert len(chat.say("52052619")) == 1
    last = chat.say("52052619")[-1]
    assert "人工" in last and "跳过" not in last and "不知道" not in last  # the ID is required


def test_edit_by_number_from_the_summary() -> None:
    chat = consented()
    identity(chat)
    chat.say("3")  # unable to work: no branch questions
    assert chat.awaiting == "summary"
    assert chat.say("9")[-1].startswith("没问题请回复 0 确认, 要修改请回复序号 1 到 7")
    assert chat.say("6")[-1] == "您家在哪个村 (组)?"
    summary = chat.say("团结村")[-1]
    assert chat.awaiting == "summary" and "6. 村(组): 团结村" in summary
    chat.say("7")
    chat.say("2")  # now unemployed: the new branch is asked, then the summary again
    assert chat.awaiting == "willing_to_work"
    chat.say("不想")
    assert chat.awaiting == "summary"
    chat.say("好的")
    assert chat.kinds("form_submitted")[-1].data["answers"]["home_village"] == "团结村"
    village = [e.data for e in chat.kinds("field_changed") if e.data["field"] == "home_village"]
    assert village[-1]["old"] == "新发村三组" and village[-1]["new"] == "团结村"


def test_restart_starts_over_but_keeps_consent() -> None:
    chat = consented()
    identity(chat)
    replies = chat.say("重新开始")
    assert replies == ["好的, 我们从头开始。", "请问您的姓名?"]
    assert chat.answers == {} and chat.awaiting == "name"
    assert chat.state is not None and chat.state["consent"]["given"] is True
    assert len(chat.kinds("consent_given")) == 1


def test_consent_refused_then_jobs_and_a_person_are_still_available() -> None:
    chat = Chat()
    chat.event("subscribe")
    assert "不会登记" in chat.say("不同意")[-1]
    assert chat.kinds("consent_refused") and chat.awaiting is None
    # Matching needs where they live and their age: they are told how to register when they want to.
    assert chat.say("我想找工作")[-1].startswith("要推荐适合您的工作, 需要先登记")
    assert chat.say("有没有培训")[-1].startswith("要推荐适合您的工作, 需要先登记")
    assert not chat.kinds("jobs.match") and chat.awaiting is None  # no look-up without consent
    chat.say("我要找人工")
    assert chat.kinds("human_requested")
    assert "name" not in chat.answers


def test_consent_reprompt_then_agree() -> None:
    chat = Chat()
    chat.event("subscribe")
    assert chat.say("这是干啥的")[-1].startswith("请回复 1 同意")
    chat.say("1")
    assert chat.awaiting == "name"


def test_asking_for_work_on_the_consent_screen_is_told_why_registering_comes_first() -> None:
    """有没有活干 is no policy question for a caseworker: the list needs the form."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("有没有看大门的活 俺今年52了")
    assert replies[0] == "登记好了, 就能按您的情况推荐合适的工作和培训。" and replies[-1].startswith("请回复 1 同意")
    assert not chat.kinds("question_referred") and chat.awaiting == "consent"
    chat.say("1")
    assert chat.awaiting == "name"


@pytest.mark.parametrize("detour", ["帮助", "菜单"])
def test_nothing_is_asked_before_consent_whatever_comes_in_between(detour: str) -> None:
    """Regression: help or the menu on the consent screen, then a vague reply, used to skip consent."""
    chat = Chat()
    chat.event("subscribe")
    chat.say(detour)
    replies = chat.say("好的")
    assert chat.awaiting == "consent"
    assert "同意" in replies[-1]
    assert "name" not in chat.answers and not chat.kinds("consent_given")
    chat.say("1")
    assert chat.kinds("consent_given") and chat.awaiting == "name"


def test_resume_after_days_greets_and_repeats_the_question() -> None:
    chat = consented()
    chat.say("王小明")
    chat.say(ID)
    chat.later(days=3)
    replies = chat.say("你好")
    assert replies == ["欢迎回来! 我们接着上次的继续。", "请输入您的手机号码。"]
    chat.say("13812345678")
    assert chat.awaiting == "household_id"


def test_an_answer_after_a_gap_is_simply_taken() -> None:
    chat = consented()
    chat.say("王小明")
    chat.later(hours=30)
    chat.say(ID)
    assert chat.awaiting == "phone" and chat.answers["id_number"] == ID


def test_job_lost_in_the_middle_of_the_employed_branch() -> None:
    """The registration dialog takes over (tests/registration has its details), then the survey goes on."""
    chat = consented()
    employed_until(chat, "monthly_income")
    replies = chat.say("厂子倒闭了")
    assert replies[0].startswith("很遗憾您没了工作") and chat.awaiting == "last_work_day"
    assert "employer" not in chat.answers and chat.answers["employment_status"] == "unemployed"
    [change] = chat.kinds("employment_status_changed")
    assert change.data["old"] == "employed" and change.data["new"] == "unemployed"
    cleared = {e.data["field"]: e.data for e in chat.kinds("field_changed") if e.data["new"] is None}
    assert cleared["employer"]["old"] == "富士康"
    for text in ("前天", "交了", "3年", "1 2"):  # the reason (employer closed) was in the news
        chat.say(text)
    assert chat.kinds("registration.submit")[0].data["job_loss_reason"] == "employer_closed"
    # What the registration heard is not asked again by the survey.
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["service_needs"] == ["job_referral", "training"]
    assert chat.awaiting == "preferred_scope"
    for text in ("都行", "电子厂", "没有", "五千", "随时"):
        chat.say(text)
    assert chat.awaiting == "summary"


def test_status_change_at_a_free_text_question_is_not_stored_as_the_answer() -> None:
    chat = consented()
    employed_until(chat, "work_place")
    chat.say("老板跑路了 厂子倒闭了")
    assert "work_place" not in chat.answers and chat.awaiting == "last_work_day"


def test_found_a_job_while_unemployed_then_back_to_the_open_question() -> None:
    chat = consented()
    chat.say("王小明")
    chat.say(ID)
    chat.say("13812345678")
    chat.say("没有")
    chat.say("威宁县")
    chat.say("新发村")
    chat.say("2")
    chat.say("想")
    assert chat.awaiting == "service_needs"
    replies = chat.say("我现在在富士康上班了 一个月五千")
    assert replies[0].startswith("恭喜您找到工作!")  # (found after being out of work: congratulated)
    assert chat.answers["employer"] == "富士康" and chat.answers["monthly_income"] == 5000
    assert "willing_to_work" not in chat.answers
    assert chat.awaiting == "work_division"


def test_changed_job_from_the_summary_clears_the_old_job() -> None:
    chat = consented()
    employed_until(chat, "wages_on_time")
    chat.say("1")
    assert chat.awaiting == "summary"
    replies = chat.say("我换工作了, 现在在比亚迪")
    assert replies[0].startswith("知道了, 您换了工作")
    answers = chat.answers
    assert answers["employer"] == "比亚迪" and "monthly_income" not in answers and "work_division" not in answers
    assert chat.awaiting == "work_division"
    for text in ("深圳", "不知道", "不知道", "普工", "上个月", "六千", "1", "2", "2", "1"):
        chat.say(text)
    assert chat.awaiting == "summary"


def test_status_change_while_an_identity_question_is_open_returns_to_it() -> None:
    """No work was on record: "我失业了" is the person's status (the survey's branch), not a job loss to register.
    The identity questions come first (talk14: the branch's questions were asked before the phone); then the
    branch's, in their turn."""
    chat = consented()
    chat.say("王小明")
    chat.say(ID)
    chat.say("我失业了")
    assert chat.answers["employment_status"] == "unemployed" and not chat.kinds("registration.submit")
    assert chat.awaiting == "phone"
    for text in ("13712345678", "不知道", "麻阳县高村镇石羊村"):
        chat.say(text)
    assert chat.awaiting == "willing_to_work" and not chat.kinds("registration.submit")


def test_no_status_change_when_the_field_accepted_the_answer() -> None:
    chat = consented()
    identity(chat)
    chat.say("没上班")  # an answer to the status question, not news
    assert chat.answers["employment_status"] == "unemployed" and not chat.kinds("employment_status_changed")


def test_status_change_after_submission_reopens_the_form() -> None:
    chat = consented()
    employed_until(chat, "summary")
    chat.say("0")
    assert len(chat.kinds("form_submitted")) == 1
    replies = chat.say("厂子倒闭了")
    assert replies[0].startswith("很遗憾您没了工作") and chat.awaiting == "last_work_day"
    for text in ("前天", "交了", "3年", "1"):
        chat.say(text)
    assert chat.awaiting == "preferred_scope"  # the form's new branch, to be confirmed again
    for text in ("4", "不知道", "不知道", "不知道", "不知道"):
        chat.say(text)
    assert chat.awaiting == "summary"
    chat.say("0")
    assert chat.kinds("form_submitted")[-1].data["answers"]["employment_status"] == "unemployed"


def test_status_news_before_consent_is_applied_after_it() -> None:
    chat = Chat()
    chat.event("subscribe")
    chat.say("不同意")
    chat.say("我换工作了 现在在东莞长安的鞋厂")
    assert chat.awaiting == "consent" and "employment_status" not in chat.answers
    replies = chat.say("同意")
    # Counted once consent is given; the questions then go in the form's order (the name first).
    assert replies[1].startswith("好的, 已记下: 就业状态: 在工作; 工作地: 广东省东莞市长安镇; 工作单位: 鞋厂")
    assert chat.answers["employment_status"] == "employed" and chat.awaiting == "name"


def test_roster_match_prefills_and_asks_only_what_is_missing() -> None:
    chat = consented(roster={ID: {"name": "王小明", "entry_id": 7, "phone": "+8613912345678",
                                  "household_id": "5205260001", "home_division": "520526"}})
    chat.say("王小明")
    replies = chat.say(ID)
    assert replies == ["已找到您的登记信息, 只需补充缺少的内容。", "您家在哪个村 (组)?"]
    assert chat.answers["phone"] == "+8613912345678" and chat.answers["household_id"] == "5205260001"
    roster_changes = [e.data["field"] for e in chat.kinds("field_changed") if e.data["actor"] == "roster"]
    assert roster_changes == ["phone", "household_id", "home_division"]
    chat.say("新发村")
    chat.say("3")
    chat.say("0")
    assert chat.kinds("form_submitted")[-1].data["roster_entry_id"] == 7


def test_roster_mismatch_is_not_merged_and_the_dialog_goes_on() -> None:
    chat = consented(roster={ID: {"name": "李四", "entry_id": 7, "phone": "+8613912345678",
                                  "household_id": "5205260001", "home_division": "520526"}})
    chat.say("王小明")
    replies = chat.say(ID)
    assert replies == ["请输入您的手机号码。"]
    assert "household_id" not in chat.answers
    assert chat.state is not None and chat.state["survey"]["roster"]["status"] == "mismatch"


def test_roster_is_looked_up_again_when_the_id_is_corrected() -> None:
    other = make_id(seq=456)
    chat = consented()
    chat.say("王小明")
    chat.say(ID)
    identity_rest = ["13812345678", "没有", "威宁", "新发村", "3"]
    for text in identity_rest:
        chat.say(text)
    chat.say("2")
    chat.say(other)
    assert [e.data["id_number"] for e in chat.kinds("survey.roster_lookup")] == [ID, other]
    assert chat.awaiting == "summary"


def test_english_locale_survey_prompts() -> None:
    chat = Chat()
    chat.event("subscribe")
    chat.say("english")
    replies = chat.say("yes")
    assert replies[-1] == "What is your name?"


def test_idle_intents_after_the_survey() -> None:
    chat = consented()
    identity(chat)
    chat.say("3")
    chat.say("0")
    assert "交通补助" in chat.say("外出务工有交通补贴吗")[-1]  # answered from the policy catalogue
    assert chat.say("老板拖欠工资")[-1].startswith("您反映的问题已转给负责您的工作人员")
    assert chat.kinds("rights_issue_reported")[-1].data["issue"] == "wage_arrears"
    assert chat.say("你好")[0].startswith("您好, 在的") and chat.awaiting == "menu"  # registered: no newcomer's welcome
    assert chat.say("1")[-1].startswith("请核对您的信息")  # the menu's survey entry: review and update
    chat.say("0")
    assert chat.say("别再发了")[-1].startswith("您已退订") and chat.kinds("opted_out")
    assert chat.say("嗯")[0] == "好的, 知道了。情况有变化随时告诉我们。"  # a plain ok, taken in
    assert not chat.kinds("opted_in") and chat.state is not None and chat.state["opted_out"]
    assert chat.say("蓝色的")[0] == "抱歉, 没太明白您的意思。"


def test_an_id_or_phone_typed_at_a_plain_text_question_is_not_kept() -> None:
    """Those fields are stored in clear: a number that is sensitive must not end up in them."""
    chat = consented()
    chat.say("我叫王小明")
    chat.say(ID)
    chat.say("13812345678")
    assert chat.awaiting == "household_id"
    chat.say(ID)  # the ID number again, at the household number question
    assert chat.awaiting == "household_id" and "household_id" not in chat.answers
    chat.say("不知道")
    chat.say("威宁县")
    assert chat.awaiting == "home_village"
    chat.say("13912345678")
    assert chat.awaiting == "home_village" and "home_village" not in chat.answers


def test_an_id_number_at_the_employer_phone_question_is_never_taken_for_a_landline() -> None:
    """The digits inside an ID number (…0526199003…) once passed for a landline: the employer's phone, stored as
    a contact, held a piece of the person's ID number."""
    chat = consented()
    employed_until(chat, "employer_contact")
    replies = chat.say(ID)
    assert chat.awaiting == "employer_contact" and "电话好像不对" in replies[0]
    assert chat.state is not None and "employer_contact" not in chat.state["survey"]["answers"]
    chat.say("0769-12345678")
    assert chat.state["survey"]["answers"]["employer_contact"] == "0769-12345678"


def test_a_township_told_at_a_work_question_is_where_the_work_is_not_the_home() -> None:
    """Working in the home county: 金钟镇的 华联超市 at the work address once moved the home to 金钟镇."""
    chat = consented()
    identity(chat)  # home: 威宁县 (520526), no township
    chat.say("1")
    chat.say("就在县里")
    assert chat.awaiting == "work_place"
    home = dict(chat.state["survey"]["answers"]["home_division"]) if chat.state else {}
    replies = chat.say("金钟镇的 华联超市")
    answers = chat.state["survey"]["answers"] if chat.state else {}
    assert answers["home_division"] == home and "户籍地" not in " ".join(replies)
    assert answers["work_division"]["code"].startswith("520526") and len(answers["work_division"]["code"]) > 6


@pytest.mark.parametrize("pay", ["三千五以上吧", "四五千", "一个月 两千五", "八千块钱吧"])
def test_pay_told_at_the_skills_question_is_the_pay_wanted_not_a_skill(pay: str) -> None:
    """Played: "三千五以上吧" at the skills question was kept as the expected pay AND stored as the skill."""
    chat = consented()
    identity(chat)
    for line in ("没有工作", "想找活", "1 2", "本县", "电焊"):
        chat.say(line)
    assert chat.awaiting == "skills"
    chat.say(pay)
    answers = chat.state["survey"]["answers"] if chat.state else {}
    assert answers.get("skills") is None and answers["expected_income"] >= 2500
    assert chat.awaiting != "skills"


@pytest.mark.parametrize(("line", "expected", "next_question"), [
    ("没签 社保也没交 工资按时发的", ("no", "no", "yes"), "summary"),
    ("合同没签 社保交了", ("no", "yes", None), "wages_on_time"),
    ("是 去年签的", ("yes", None, None), "social_insurance"),  # the rest explains the one answer
])
def test_answers_naming_their_subject_fill_the_questions_in_a_row(
    line: str, expected: tuple[str | None, ...], next_question: str
) -> None:
    """Played: "没签 社保也没交 工资按时发的" at the contract question was not understood at all."""
    chat = consented()
    employed_until(chat, "contract_signed")
    chat.say(line)
    answers = chat.state["survey"]["answers"] if chat.state else {}
    assert tuple(answers.get(k) for k in ("contract_signed", "social_insurance", "wages_on_time")) == expected
    assert chat.awaiting == next_question
