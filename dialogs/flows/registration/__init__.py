"""The job-loss dialog (unemployment registration, benefit answer, one-on-one case); diagram: registration.mmd.

Other flows hand a job loss over with `start_job_loss(r, ctx, known)`; `job_loss_facts(text, ctx)` reads the
day and reason from the sentence that told it. A lost job is one we knew of (`takes_job_loss`, or a
check-in about it); someone whose status we never heard who says "我失业了" is answering the survey, which hands
over itself a job lost not by choice (上个月厂子倒闭了: dialogs/flows/survey/flow.py, `job_lost`).
"""

from dialogs.flows.registration.flow import (
    FIELD_KEYS,
    FINISH_FIRST,
    NAME,
    REGISTRATION,
    SUBMIT,
    job_loss_facts,
    registering,
    start_job_loss,
    takes_job_loss,
)

__all__ = [
    "FIELD_KEYS", "FINISH_FIRST", "NAME", "REGISTRATION", "SUBMIT", "job_loss_facts", "registering", "start_job_loss",
    "takes_job_loss",
]
