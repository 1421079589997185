"""Deadline arithmetic: real hours across a change of the clocks, working days
across a weekend and a holiday."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vault.risk.deadlines import due_after_hours, due_after_working_days, time_left

LA = ZoneInfo("America/Los_Angeles")
LONDON = ZoneInfo("Europe/London")


def test_36_hours_across_the_autumn_clock_change_are_36_real_hours() -> None:
    call = datetime(2026, 10, 31, 10, 0, tzinfo=LA)  # the clocks go back at 02:00 on 1 Nov
    due = due_after_hours(call, 36)
    assert due.astimezone(UTC) - call.astimezone(UTC) == timedelta(hours=36)
    local = due.astimezone(LA)
    assert (local.date(), local.hour) == (date(2026, 11, 1), 21)  # 35 hours on the wall clock


def test_48_hours_across_the_spring_clock_change_are_48_real_hours() -> None:
    call = datetime(2026, 3, 28, 12, 0, tzinfo=LONDON)  # the clocks go forward on 29 March
    local = due_after_hours(call, 48).astimezone(LONDON)
    assert (local.date(), local.hour) == (date(2026, 3, 30), 13)


def test_working_days_skip_the_weekend() -> None:
    friday = datetime(2026, 11, 20, 16, 0, tzinfo=LA)
    due = due_after_working_days(friday, 2, zone=LA)
    assert (due.date(), due.hour, due.minute) == (date(2026, 11, 24), 23, 59)  # Tuesday


def test_working_days_skip_a_holiday() -> None:
    friday = datetime(2026, 11, 20, 16, 0, tzinfo=LA)
    due = due_after_working_days(friday, 2, holidays={date(2026, 11, 23)}, zone=LA)
    assert due.date() == date(2026, 11, 25)


def test_working_days_across_a_clock_change_end_at_local_midnight_less_a_minute() -> None:
    friday = datetime(2026, 10, 30, 9, 0, tzinfo=LA)
    due = due_after_working_days(friday, 1, zone=LA)
    assert due.date() == date(2026, 11, 2)
    assert due.utcoffset() == timedelta(hours=-8)  # PST by then, not PDT


def test_a_deadline_needs_a_time_zone() -> None:
    with pytest.raises(ValueError):
        due_after_hours(datetime(2026, 1, 1, 9, 0), 36)


def test_time_left_counts_real_time_across_a_clock_change() -> None:
    now = datetime(2026, 11, 1, 0, 30, tzinfo=LA)  # PDT; the clocks go back at 02:00
    assert time_left(datetime(2026, 11, 1, 3, 30, tzinfo=LA), now) == "4 h 00 min left"


@pytest.mark.parametrize(
    ("left", "text"),
    [(timedelta(hours=35, minutes=5), "35 h 05 min left"), (timedelta(days=3, hours=2), "3 d 2 h left"), (timedelta(hours=2, minutes=7), "2 h 07 min left"),
     (timedelta(minutes=9, seconds=30), "9 min left"), (timedelta(seconds=20), "0 min left"),
     (timedelta(0), "due now"), (timedelta(hours=-3), "overdue by 3 h 00 min")],
)  # fmt: skip
def test_time_left_reads_at_a_glance(left: timedelta, text: str) -> None:
    now = datetime(2026, 11, 20, 21, 0, tzinfo=LA)
    assert time_left(now + left, now) == text
