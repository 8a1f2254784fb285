"""From facts to planned work: the fire rows a status, a sent check-in, a survey left half-done, the Spring
Festival, matched items or an application call for. One place computes dates (the effects of a unit of work
and the sweep's planning both use it), from the deployment's policy and calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from scheduler.calendar import ProgrammeCalendar
from scheduler.fires import fire_row
from scheduler.schedules import (
    CHECKIN,
    FOLLOW_UP,
    JOB_PUSH,
    REMINDER,
    SPRING_RETURN,
    SURVEY_REMINDER,
    VISIT,
    CheckinPolicy,
    anchor_for,
    spring_slot,
)

# How long after a catch-up a late check-in reminder goes (see Planner.late_reminder).
LATE_REMINDER_DELAY = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Planner:
    policy: CheckinPolicy
    calendar: ProgrammeCalendar

    def today(self, now: datetime) -> date:
        return self.calendar.local(now).date()

    def checkin(
        self, person_id: int, status: str | None, anchor: date, after: date, now: datetime, *,
        open_case: bool = False,
    ) -> dict[str, Any] | None:
        """The next status check-in after `after`, or None when the status has no schedule."""
        due = self.policy.next_checkin(status, anchor, after, open_case=open_case)
        if due is None:
            return None
        return fire_row(person_id, CHECKIN, due, self.calendar.day_start(due, person_id), now,
                        {"status": status, "anchor": anchor.isoformat()})

    def first_checkin(
        self, person_id: int, status: str | None, record: datetime, started: str | None, now: datetime, *,
        open_case: bool = False,
    ) -> dict[str, Any] | None:
        """After a record or a status change at `record` (dialog time)."""
        day = self.today(record)
        return self.checkin(person_id, status, anchor_for(status, day, started), day, now, open_case=open_case)

    def ladder(self, person_id: int, checkin_due: date, sent_at: datetime, now: datetime) -> list[dict[str, Any]]:
        """No answer to the check-in sent at `sent_at`: a reminder, then a visit task (each a no-op if answered)."""
        data = {"checkin": checkin_due.isoformat(), "sent_at": sent_at.isoformat()}
        remind = self.calendar.push_time(sent_at + self.policy.reminder_after, person_id)
        return [
            fire_row(person_id, REMINDER, checkin_due, remind, now, data),
            fire_row(person_id, VISIT, checkin_due, sent_at + self.policy.visit_after, now, data),
        ]

    def late_reminder(self, person_id: int, checkin_due: date, now: datetime, data: dict[str, Any]) -> dict[str, Any]:
        """A reminder found late (downtime or a jump in time caught up) for a check-in still unanswered: planned
        again a little after `now`, when sending is allowed, so that a check-in of the same catch-up goes first
        (the reminder then finds the question replaced and sends nothing). Keyed by today, not the check-in."""
        at = self.calendar.push_time(now + LATE_REMINDER_DELAY, person_id)
        return fire_row(person_id, REMINDER, self.today(at), at, now,
                        {**data, "checkin": checkin_due.isoformat(), "replanned": True})

    def survey_reminder(self, person_id: int, last_at: datetime, number: int, now: datetime) -> dict[str, Any] | None:
        """Reminder `number` (0-based) for a survey whose person last answered at `last_at`."""
        days = self.policy.survey_reminders.first
        if number >= len(days):
            return None
        at = last_at + timedelta(days=days[number])
        if number > 0:
            # The last reminder went out late (downtime caught up, `now` is when): the next keeps its distance
            # rather than following it within the same minute with the same words.
            at = max(at, now + timedelta(days=days[number] - days[number - 1]))
        return fire_row(person_id, SURVEY_REMINDER, self.today(at), self.calendar.push_time(at, person_id), now,
                        {"n": number, "last_at": last_at.isoformat()})

    def job_push(self, person_id: int, at: datetime, now: datetime, data: dict[str, Any]) -> dict[str, Any]:
        """A push of matched items at `at` (or when sending opens after it): `data` says why (`trigger`) and,
        for new items, which (`refs`)."""
        due_at = self.calendar.push_time(at, person_id)
        return fire_row(person_id, JOB_PUSH, self.today(due_at), due_at, now, data)

    def job_push_on(self, person_id: int, day: date, now: datetime, data: dict[str, Any]) -> dict[str, Any]:
        """A push on a given day (the day's own push has gone: the next one), when sending opens."""
        return fire_row(person_id, JOB_PUSH, day, self.calendar.day_start(day, person_id), now, data)

    def follow_up(self, person_id: int, at: datetime, now: datetime) -> dict[str, Any]:
        """How an application went, asked at `at` (seven days after it), within sending hours. One row a
        day: applications followed up the same day share it (the dialog asks about each in turn)."""
        due_at = self.calendar.push_time(at, person_id)
        return fire_row(person_id, FOLLOW_UP, self.today(due_at), due_at, now, {})

    def spring_window(self, year: int) -> tuple[date, date]:
        first = self.calendar.spring_festival_end(year) + timedelta(days=1)
        return first, first + timedelta(days=self.policy.spring_return_days - 1)

    def spring_return(self, person_id: int, year: int, now: datetime) -> dict[str, Any]:
        """This year's return-to-work check: a stable day of the window (late planning catches up at once)."""
        first, _last = self.spring_window(year)
        day = spring_slot(person_id, first, self.policy.spring_return_days)
        due_at = max(self.calendar.day_start(day, person_id), now) if day <= self.today(now) else \
            self.calendar.day_start(day, person_id)
        return fire_row(person_id, SPRING_RETURN, day, due_at, now, {"year": year})
