"""Deadlines a risk record starts: a written report due within so many hours, or by
the end of so many working days.

Hours are real elapsed time, so a deadline that crosses a change of the clocks
lands at the right moment (36 hours is 36 hours, whatever the wall clock says).
Working days skip Saturdays, Sundays and any holidays given; the deadline is the
end of the last of them, in the clinician's own time zone.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta, tzinfo

END_OF_DAY = time(23, 59)


def due_after_hours(start: datetime, hours: int) -> datetime:
    if start.tzinfo is None:
        raise ValueError("the start of a deadline must carry its time zone")
    # In UTC: Python adds a timedelta to an aware datetime on the wall clock of its own
    # zone, which would make "36 hours" 35 or 37 across a change of the clocks.
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


def due_after_working_days(
    start: datetime,
    days: int,
    holidays: Collection[date] = (),
    zone: tzinfo | None = None,
) -> datetime:
    """The end of the `days`th working day after the day of `start` (local to `zone`,
    or the system's zone when None)."""
    if start.tzinfo is None:
        raise ValueError("the start of a deadline must carry its time zone")
    local = start.astimezone(zone)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    end = datetime.combine(day, END_OF_DAY)
    return end.replace(tzinfo=zone) if zone is not None else end.astimezone()


def time_left(due: datetime, now: datetime) -> str:
    """How long is left, in the words a worried clinician reads at a glance."""
    seconds = int((due.astimezone(UTC) - now.astimezone(UTC)).total_seconds())
    if seconds <= 0:
        late = -seconds
        return f"overdue by {_span(late)}" if late >= 60 else "due now"
    return f"{_span(seconds)} left"


def _span(seconds: int) -> str:
    # Hours up to two days: the rules count in hours ("within 36 hours"), and "1 d 11 h"
    # makes a worried reader do sums.
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days >= 2:
        return f"{days} d {hours} h"
    hours += 24 * days
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"
