"""Check-in schedules by employment status, and the no-answer ladder's timing: pure date arithmetic.

A schedule is a list of day offsets from an anchor (the record, or the job's start), the last of which may
repeat: employed `14,30,+30` means 14 and 30 days after the anchor, then every 30 days. Planning only ever
asks "the next date after D", so catching up after downtime sends one check-in, not every one missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

# Kinds of due work (scheduled_fire.kind).
CHECKIN = "checkin"
SPRING_RETURN = "spring_return"
REMINDER = "checkin_reminder"
VISIT = "checkin_visit"
SURVEY_REMINDER = "survey_reminder"
# Matched vacancies and trainings pushed to a person, and the follow-up seven days after an application
# (scheduler/job_pushes.py).
JOB_PUSH = "job_push"
FOLLOW_UP = "job_follow_up"
KINDS = (CHECKIN, SPRING_RETURN, REMINDER, VISIT, SURVEY_REMINDER, JOB_PUSH, FOLLOW_UP)


class ScheduleError(ValueError):
    """A schedule written in the settings cannot be read."""


@dataclass(frozen=True, slots=True)
class Offsets:
    """Days after the anchor; `every` (when set) repeats after the last of them."""

    first: tuple[int, ...] = ()
    every: int | None = None

    @staticmethod
    def parse(text: str) -> Offsets:
        """`14,30,+30`, `+7`, `3,7` (no repeat)."""
        first: list[int] = []
        every: int | None = None
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not parts:
            raise ScheduleError(f"empty schedule {text!r}")
        for i, part in enumerate(parts):
            repeat = part.startswith("+")
            try:
                days = int(part[1:] if repeat else part)
            except ValueError:
                raise ScheduleError(f"{part!r} is not a number of days in {text!r}") from None
            if days <= 0:
                raise ScheduleError(f"days must be positive in {text!r}")
            if repeat and i != len(parts) - 1:
                raise ScheduleError(f"only the last entry may repeat (+N) in {text!r}")
            if not repeat and first and days <= first[-1]:
                raise ScheduleError(f"days must increase in {text!r}")
            if repeat:
                every = days
            else:
                first.append(days)
        return Offsets(tuple(first), every)

    def days(self) -> Iterator[int]:
        yield from self.first
        if self.every is not None:
            last = self.first[-1] if self.first else 0
            while True:
                last += self.every
                yield last

    def next_after(self, anchor: date, after: date) -> date | None:
        """The first date of this schedule (from `anchor`) later than `after`."""
        if self.every is not None:
            last_first = self.first[-1] if self.first else 0
            start = anchor + timedelta(days=last_first)
            if after >= start and self.every:
                # Straight to the right repeat instead of walking years of them.
                steps = (after - start).days // self.every + 1
                return start + timedelta(days=steps * self.every)
        for days in self.first:
            candidate = anchor + timedelta(days=days)
            if candidate > after:
                return candidate
        if self.every is None:
            return None
        last_first = self.first[-1] if self.first else 0
        return anchor + timedelta(days=last_first + self.every)

    def __str__(self) -> str:
        return ",".join([*(str(d) for d in self.first), *([f"+{self.every}"] if self.every else [])])


@dataclass(frozen=True, slots=True)
class CheckinPolicy:
    """What is due when; every number configurable per deployment (bot/settings.py, README)."""

    employed: Offsets = field(default_factory=lambda: Offsets((14, 30), 30))
    # Only while an assistance case is open (issue 11: weekly contact until the person works again).
    unemployed: Offsets = field(default_factory=lambda: Offsets((), 7))
    unable: Offsets = field(default_factory=lambda: Offsets((), 90))
    survey_reminders: Offsets = field(default_factory=lambda: Offsets((3, 7)))
    # Days after the Spring Festival holiday within which every employed person gets the return-to-work check.
    spring_return_days: int = 14
    reminder_after: timedelta = timedelta(hours=48)
    visit_after: timedelta = timedelta(days=7)
    visit_due: timedelta = timedelta(days=3)
    # An employed person is asked about wages and contract after a check-in at most this often.
    rights_every: timedelta = timedelta(days=30)
    # Pushes of matched vacancies and trainings one person gets in seven days at most.
    job_pushes_per_week: int = 3

    def for_status(self, status: str | None, open_case: bool) -> Offsets | None:
        if status == "employed":
            return self.employed
        if status == "unemployed":
            return self.unemployed if open_case else None
        if status == "unable":
            return self.unable
        return None

    def next_checkin(self, status: str | None, anchor: date, after: date, *, open_case: bool = False) -> date | None:
        offsets = self.for_status(status, open_case)
        return None if offsets is None else offsets.next_after(anchor, after)


def anchor_for(status: str | None, record_day: date, started: str | None) -> date:
    """The day check-ins count from: the record, or the job's start when that is later (a job that begins
    after we heard of it); `started` is the form's YYYY-MM."""
    if status == "employed" and started:
        try:
            year, month = (int(x) for x in started.split("-")[:2])
            start = date(year, month, 1)
        except (ValueError, TypeError):
            return record_day
        return max(record_day, start)
    return record_day


def spring_slot(person_id: int, first_day: date, days: int) -> date:
    """The day of the return-to-work window that is this person's: spread evenly, stable."""
    return first_day + timedelta(days=(person_id * 2654435761 % 2**32) % max(1, days))
