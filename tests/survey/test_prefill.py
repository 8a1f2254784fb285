"""prefill(): what a free-text answer says beyond the question asked (pure, on the real NLU)."""

from __future__ import annotations

from datetime import date

from dialogs import nlu
from dialogs.flows.survey import SURVEY_FORM, prefill

TODAY = date(2026, 11, 26)


def fills(text: str, answers: dict[str, object] | None = None, current: str | None = None) -> dict[str, object]:
    return prefill(SURVEY_FORM, answers or {}, nlu.understand(text, TODAY), current=current)


def test_one_sentence_answers_status_place_and_employer() -> None:
    found = fills("在东莞长安镇的电子厂上班")
    assert found == {
        "employment_status": "employed",
        "work_division": {"code": "441900119", "name": "广东省东莞市长安镇"},
        "employer": "电子厂",
    }


def test_known_answers_are_never_overwritten() -> None:
    found = fills("在富士康上班 一个月五千", {"employment_status": "employed", "employer": "立讯"})
    assert found == {"monthly_income": 5000}


def test_the_answered_field_is_not_filled_again_nor_its_kind_of_entity_reused() -> None:
    # A place given for the home division is not the place of work.
    assert fills("威宁县", {"employment_status": "employed"}, current="home_division") == {}
    assert fills("五千", {"employment_status": "employed"}, current="monthly_income") == {}


def test_branch_fields_only_when_they_apply() -> None:
    assert fills("东莞 五千", {"employment_status": "unable"}) == {}
    assert "employer" not in fills("以前在富士康", {"employment_status": "unemployed"})


def test_job_loss_sets_unemployed_and_no_start_month() -> None:
    assert fills("三月份厂子倒闭了") == {"employment_status": "unemployed"}


def test_start_month_from_an_employment_sentence() -> None:
    found = fills("去年三月进的富士康 一直在上班", {"employment_status": "employed"})
    assert found.get("started") == "2025-03" and found.get("employer") == "富士康"


def test_phone_and_id_in_passing() -> None:
    found = fills("我电话13812345678")
    assert found == {"phone": "+8613812345678"}
    assert fills("13812345678", current="employer_contact") == {}


def test_low_confidence_intent_sets_no_status() -> None:
    assert "employment_status" not in fills("嗯")


def test_name_prefixes_people_type_are_dropped() -> None:
    from datetime import UTC, date, datetime

    from dialogs.flows.survey.fields import parse_name
    from dialogs.types import StepContext

    ctx = StepContext(
        now=datetime(2026, 11, 26, tzinfo=UTC), today=date(2026, 11, 26), channel="wechat", locale="zh_CN"
    )
    for text in [
        "俺叫李大壮",
        "我叫李大壮",
        "我的名字是李大壮",
        "姓名：李大壮",
        "本人叫李大壮",
        "李大壮",
        "咱是李大壮",
    ]:
        assert parse_name(text, ctx) == "李大壮", text
    assert parse_name("我叫", ctx) is None
