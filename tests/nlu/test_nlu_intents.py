"""Intents, with negation, dialect and typos; entities found by understand()."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from dialogs.nlu import INTENTS, Place, understand


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("在东莞长安镇的电子厂上班", "employed"),
        ("我没失业", "employed"),
        ("没失叶 还在上班", "employed"),
        ("还在原来那个厂 没换", "employed"),
        ("厂子倒闭了", "job_lost"),
        ("被辞退了", "job_lost"),
        ("没活干了", "job_lost"),
        ("现在在家 没上班", "job_lost"),
        ("我换工作了", "changed_job"),
        ("想找个活干", "seek_job"),
        ("有没有工作介绍", "seek_job"),  # 有没有 asks; it does not negate
        ("不想找工作", "unknown"),
        ("想学电焊", "seek_training"),
        ("失业金怎么领", "ask_policy"),
        ("老板拖欠工资三个月了", "rights_issue"),
        ("厂子倒闭了 工资还欠着没给", "rights_issue"),
        ("转人工", "human"),
        ("找工作人员", "human"),
        ("退订", "opt_out"),
        ("TD", "opt_out"),
        ("别再发了", "opt_out"),
        ("你好", "greeting"),
        ("怎么用", "help"),
        ("咋用啊", "help"),
        ("嗯", "affirm"),
        ("莫得", "deny"),
        ("贵州毕节", "unknown"),
        ("4500", "unknown"),
        ("13812345678", "unknown"),
        ("asdkjhh", "unknown"),
        ("", "unknown"),
    ],
)
def test_intent(text: str, intent: str, today: datetime.date) -> None:
    assert understand(text, today).intent == intent


def test_confidence_in_range(today: datetime.date) -> None:
    strong = understand("被辞退了", today)
    unknown = understand("今天好热", today)
    assert strong.intent in INTENTS
    assert 0.0 <= unknown.confidence < strong.confidence <= 1.0


def test_entities(today: datetime.date, synthetic_id: Callable[..., str]) -> None:
    number = synthetic_id()
    text = f"在東莞長安鎮的電子廠上班 一个月四千五 上个月进的 电话13812345678 身份证{number}"
    result = understand(text, today)
    assert result.entities.location == Place("441900119", "长安镇")
    assert result.entities.employer == "電子廠"
    assert result.entities.salary == 4500
    assert result.entities.date == "2026-10"
    assert result.entities.phone == "+8613812345678"
    assert result.entities.id_number == number


def test_to_json(today: datetime.date) -> None:
    result = understand("在东莞上班", today).to_json()
    assert result == {
        "text": "在东莞上班",
        "normalized": "在东莞上班",
        "intent": "employed",
        "confidence": result["confidence"],
        "entities": {"location": {"code": "4419", "name": "东莞市"}},
    }


def test_amounts_owed_are_not_salary(today: datetime.date) -> None:
    assert understand("包工头欠俺两万块钱", today).entities.salary is None
