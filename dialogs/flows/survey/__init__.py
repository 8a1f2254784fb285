"""The employment information survey (form of PRODUCT.md); the flow diagram is in survey.mmd beside it."""

from dialogs.flows.survey.fields import FIELD_KEYS, SURVEY_FORM
from dialogs.flows.survey.flow import (
    CONSENT_VERSION,
    LEARN_WISHES,
    MENU_BY_NUMBER,
    ROSTER_EVENT,
    ROSTER_RESULT,
    SURVEY,
    WORK_WISHES,
    SurveyFlow,
)
from dialogs.flows.survey.prefill import prefill, village_alone

__all__ = [
    "CONSENT_VERSION",
    "FIELD_KEYS",
    "LEARN_WISHES",
    "MENU_BY_NUMBER",
    "ROSTER_EVENT",
    "ROSTER_RESULT",
    "SURVEY",
    "SURVEY_FORM",
    "WORK_WISHES",
    "SurveyFlow",
    "prefill",
    "village_alone",
]
