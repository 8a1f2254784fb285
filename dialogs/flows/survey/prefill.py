"""What a free-text answer says beyond the question asked: fill still-empty fields from understand().

"在东莞长安镇的电子厂上班" answers employment_status, work_division and employer at once. Pure: the
caller applies the proposals and records them like any other answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogs.flows.survey.fields import INCOME_FIELDS, MONTH_FIELDS, PHONE_FIELDS, PLACE_FIELDS, place_value
from dialogs.forms import Form
from dialogs.nlu import Understanding

# Below this the classifier is guessing; a wrong branch costs the person many questions.
CONFIDENT = 0.8
INTENT_STATUS = {"employed": "employed", "changed_job": "employed", "job_lost": "unemployed"}


def status_from(understanding: Understanding) -> str | None:
    """The employment status a confident status intent implies."""
    if understanding.confidence < CONFIDENT:
        return None
    return INTENT_STATUS.get(understanding.intent)


def prefill(
    form: Form, answers: Mapping[str, Any], understanding: Understanding, *, current: str | None = None,
) -> dict[str, Any]:
    """Values for applicable fields that are still empty, from the entities and intent of one message.

    `current` is the field the message answered: its own kind of entity was already used for it (a place
    given for the home division is not also the place of work).
    """
    proposals: dict[str, Any] = {}
    status = answers.get("employment_status") or status_from(understanding)
    if "employment_status" not in answers and status is not None and status_from(understanding):
        proposals["employment_status"] = status
    found = understanding.entities
    if found.id_number is not None:
        proposals["id_number"] = found.id_number
    if found.phone is not None and current not in PHONE_FIELDS:
        proposals["phone"] = found.phone
    if status == "employed":
        if found.location is not None and current not in PLACE_FIELDS:
            proposals["work_division"] = place_value(found.location)
        if found.employer is not None:
            proposals["employer"] = found.employer
        if found.salary is not None and current not in INCOME_FIELDS:
            proposals["monthly_income"] = found.salary
        # A month in "去年三月进的厂" is when the job started; in "三月份厂子倒闭了" it is not.
        if found.date is not None and current not in MONTH_FIELDS and status_from(understanding) == "employed":
            proposals["started"] = found.date
    elif status == "unemployed" and found.salary is not None and current not in INCOME_FIELDS:
        proposals["expected_income"] = found.salary
    merged = {**answers, **proposals}
    return {
        key: value for key, value in proposals.items()
        if key != current and key not in answers and form.field(key).applies(merged)
    }
