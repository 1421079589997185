"""Dates in note text, found and moved by one fixed number of days.

Every date of a disguised case moves by the same offset, so the intervals between them
(three weeks between sessions, a year since a bereavement) stay true while the real
dates do not appear. A date is written back in the form it was found in: 2025-03-12,
12 March 2025, March 12, 12/03/2025. A month named alone ("in August") moves by the
offset in whole months, and a year named alone ("since 2019") by it in whole years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from vault.supervision.words import MONTH_SHORT, MONTHS

_MONTH = r"(?:" + "|".join(
    [name.capitalize() for name in MONTHS]
    + [f"{short.capitalize()}\\.?" for short in sorted(MONTH_SHORT, key=len, reverse=True)]
) + r")"  # fmt: skip
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
ISO = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
DAY_MONTH = re.compile(rf"(?<![\w-])({_DAY})\s+(?:of\s+)?({_MONTH})(?:,?\s+(\d{{4}}))?(?![\w-])")
MONTH_DAY = re.compile(rf"(?<![\w-])({_MONTH})\s+({_DAY})(?:,?\s+(\d{{4}}))?(?![\w-])")
SLASHED = re.compile(r"(?<![\w/.-])([0-3]?\d)([/.])([0-3]?\d)\2(\d{4}|\d{2})(?![\w/-])")
MONTH_YEAR = re.compile(rf"(?<![\w-])({_MONTH})\s+(\d{{4}})(?![\w-])")
# A month or year alone only after a word that makes it one: "may" is also a verb.
# Only the group named `v` is replaced; the cue stays.
_CUE = (
    r"(?:\b(?i:in|since|from|until|till|by|during|of|early|late|mid|last|next|this|before"
    r"|after)\s+|\bmid-)"
)
MONTH_ALONE = re.compile(rf"{_CUE}(?P<v>{_MONTH})(?![\w-])")
YEAR_ALONE = re.compile(rf"{_CUE}(?P<v>(?:19|20)\d\d)(?![\w-])")

PATTERNS = (ISO, DAY_MONTH, MONTH_DAY, SLASHED, MONTH_YEAR, MONTH_ALONE, YEAR_ALONE)


@dataclass(frozen=True)
class DateShift:
    days: int

    def shift(self, day: date) -> date:
        return day + timedelta(days=self.days)

    @property
    def months(self) -> int:
        return round(self.days / 30.44)

    @property
    def years(self) -> int:
        return round(self.days / 365.25)

    def moved(self, found: re.Match[str], pattern: re.Pattern[str], year: int) -> str | None:
        """The match written again, moved; None when it is not a real date (31 Feb)."""
        try:
            return self._moved(found, pattern, year)
        except (ValueError, OverflowError):
            return None

    def _moved(self, found: re.Match[str], pattern: re.Pattern[str], year: int) -> str:
        text = found.group(0)
        if pattern is ISO:
            y, m, d = (int(part) for part in found.groups())
            return self.shift(date(y, m, d)).isoformat()
        if pattern in (DAY_MONTH, MONTH_DAY):
            day_text, month_text = found.group(1), found.group(2)
            if pattern is MONTH_DAY:
                day_text, month_text = month_text, day_text
            given_year = found.group(3)
            moved = self.shift(date(int(given_year or year), _month(month_text), _day(day_text)))
            return _written_like(text, moved, month_text, pattern, given_year is not None)
        if pattern is SLASHED:
            first, sep, second, year_text = found.groups()
            full = int(year_text) + (2000 if len(year_text) == 2 else 0)
            day_first = int(second) <= 12  # 12/03/2025; 03/25/2025 can only be month first
            d, m = (int(first), int(second)) if day_first else (int(second), int(first))
            moved = self.shift(date(full, m, d))
            a, b = (moved.day, moved.month) if day_first else (moved.month, moved.day)
            width = len(first)
            shown_year = str(moved.year)[-len(year_text) :]
            return f"{a:0{width}d}{sep}{b:0{len(second)}d}{sep}{shown_year}"
        if pattern is MONTH_YEAR:
            month_text, year_text = found.groups()
            index = int(year_text) * 12 + _month(month_text) - 1 + self.months
            return f"{_month_like(month_text, index % 12 + 1)} {index // 12}"
        if pattern is MONTH_ALONE:
            month_text = found.group("v")
            return _month_like(month_text, (_month(month_text) - 1 + self.months) % 12 + 1)
        return str(int(found.group("v")) + self.years)  # YEAR_ALONE


def _month(text: str) -> int:
    key = text.rstrip(".").casefold()
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return MONTH_SHORT[key[:4] if key == "sept" else key[:3]]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_like(original: str, month: int) -> str:
    """A month's name in the form of `original`: full, or abbreviated (with its dot)."""
    name = MONTHS[month - 1].capitalize()
    key = original.rstrip(".").casefold()
    if key in MONTHS:
        return name
    return name[:3] + ("." if original.endswith(".") else "")


def _written_like(
    original: str, moved: date, month_text: str, pattern: re.Pattern[str], with_year: bool
) -> str:
    month = _month_like(month_text, moved.month)
    suffix = _ordinal(moved.day) if re.search(r"\d(st|nd|rd|th)\b", original) else ""
    day = f"{moved.day}{suffix}"
    comma = "," if "," in original else ""
    year = f"{comma} {moved.year}" if with_year else ""
    if pattern is DAY_MONTH:
        of = " of" if re.search(r"\sof\s", original) else ""
        return f"{day}{of} {month}{year}"
    return f"{month} {day}{year}"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
