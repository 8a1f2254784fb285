"""The survey answers as the stored record: divisions as codes, yes/no as booleans, amounts as numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogs.flows.survey.fields import FIELD_KEYS, PLACE_FIELDS, YES_NO_FIELDS


def record_value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in PLACE_FIELDS:
        return value.get("code") if isinstance(value, Mapping) else str(value)
    if key in YES_NO_FIELDS:
        return value == "yes"
    return value


def form_record(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every answered field in the form's order, converted for storage and export."""
    return {key: record_value(key, answers[key]) for key in FIELD_KEYS if key in answers}
