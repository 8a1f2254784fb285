"""What unemployment insurance may pay (Social Insurance Law art. 45–46): benefits need contributions of at least
one year, a job that ended not by the person's own choice, and a registration; they last at most 12 months
(1–5 years contributed), 18 (5–10) or 24 (10 or more), counted from the registration date."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.policy.benefit_length import longest_months

# Reasons that are not the person's choice (contract ended, laid off, employer closed, dismissed).
INVOLUNTARY = frozenset({"contract_ended", "laid_off", "employer_closed", "dismissed"})


@dataclass(frozen=True, slots=True)
class Benefit:
    """`verdict`: likely / not_insured / too_short / own_choice / unsure; `months` when likely."""

    verdict: str
    months: int | None = None

    @property
    def likely(self) -> bool | None:
        if self.verdict == "likely":
            return True
        return None if self.verdict == "unsure" else False


def benefit(insured: str | None, years: float | None, reason: str | None) -> Benefit:
    if insured == "no":
        return Benefit("not_insured")
    if reason == "quit":
        return Benefit("own_choice")
    if insured == "yes" and years is not None and years < 1:
        return Benefit("too_short")
    if insured == "yes" and years is not None and reason in INVOLUNTARY:
        return Benefit("likely", longest_months(years))
    return Benefit("unsure")
