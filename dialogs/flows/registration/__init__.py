"""The job-loss dialog (unemployment registration, benefit answer, one-on-one case); diagram: registration.mmd.

Other flows hand a job loss over with `start_job_loss(r, ctx, known)`; `job_loss_facts(text, ctx)` reads the
day and reason from the sentence that told it.
"""

from dialogs.flows.registration.flow import (
    FIELD_KEYS,
    NAME,
    REGISTRATION,
    SUBMIT,
    job_loss_facts,
    start_job_loss,
)

__all__ = ["FIELD_KEYS", "NAME", "REGISTRATION", "SUBMIT", "job_loss_facts", "start_job_loss"]
