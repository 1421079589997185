"""Dates in notes move by the case's offset and keep the form they were written in."""

from __future__ import annotations

from datetime import date

import pytest

from vault.supervision.dates import DateShift
from vault.supervision.identifiers import Context, scan

NOTE_YEAR = 2025


def moved(text: str, days: int) -> list[tuple[str, str | None]]:
    found = scan(text, Context(DateShift(days), NOTE_YEAR))
    return [(item.text, item.replacement) for item in found if item.kind == "date"]


@pytest.mark.parametrize(
    ("written", "days", "expected"),
    [
        ("2025-03-12", 10, "2025-03-22"),
        ("12 March 2025", -12, "28 February 2025"),
        ("12th of March", 1, "13th of March"),
        ("March 12, 2025", 20, "April 1, 2025"),
        ("Mar. 12", 31, "Apr. 12"),
        ("12/03/2025", 30, "11/04/2025"),
        ("03/25/2025", 7, "04/01/2025"),  # month first: 25 cannot be a month
        ("March 2025", 62, "May 2025"),
        ("December 2025", 40, "January 2026"),
    ],
)
def test_each_form_keeps_its_form(written: str, days: int, expected: str) -> None:
    assert moved(f"Seen on {written}.", days) == [(written, expected)]


def test_a_month_or_year_alone_moves_only_after_a_word_that_makes_it_a_date() -> None:
    found = dict(moved("Since August; in 2019; mid-September. You may go. May was fine.", 70))
    assert found == {"August": "October", "2019": "2019", "September": "November"}
    assert dict(moved("in 2019", 300)) == {"2019": "2020"}


def test_an_impossible_date_is_not_a_date() -> None:
    assert moved("On 2025-02-30 and 31 February.", 5) == []


def test_intervals_are_kept() -> None:
    shift = DateShift(-123)
    first, second = date(2025, 1, 6), date(2025, 3, 3)
    assert shift.shift(second) - shift.shift(first) == second - first
