"""What a message said outside the survey means for the form already filled in: a change of status, a change
of mind about working, or nothing new.

"我老公失业了 我还在厂里" tells nothing new about an employed speaker; "病好了 过完十五想出去干活" from someone
recorded as unable to work is now looking for work; "想通了 还是想出去挣点钱" from someone who did not want
work changes that answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogs.flows.survey.prefill import INTENT_STATUS, status_from, wants_work
from dialogs.nlu import Understanding

# The answer a change of mind revises (reopens the form at the questions it brings).
WILLING = "willing"
# Able to work again and looking for it (not a job lost: nothing to register as unemployment).
LOOKING = "looking"
def news_for_form(understanding: Understanding, answers: Mapping[str, Any]) -> str | None:
    """employed | job_lost | changed_job | unable | LOOKING, WILLING, or None when the form already says it."""
    recorded = answers.get("employment_status")
    news = understanding.status
    if news == "unable" and recorded in (None, "unable", "unemployed") and status_from(understanding) == "unemployed":
        # 我是残疾人 想找点活干: a disability told with the wish for work is looking for it, not unable to work
        return LOOKING if recorded != "unemployed" else None
    if news is not None:
        if news != "changed_job" and INTENT_STATUS[news] == recorded:
            return None  # 我还在厂里 from someone recorded as working
        return news
    if recorded is not None and wants_work(understanding):
        if recorded == "unable":
            return LOOKING
        if recorded == "unemployed" and answers.get("willing_to_work") in ("no", "later"):
            return WILLING
    return None
