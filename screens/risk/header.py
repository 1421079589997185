"""The soonest open risk deadline, as the app's header shows it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from vault.records.display import clean_line
from vault.risk.deadlines import time_left
from vault.risk.models import RiskDeadline

MAX_WHAT = 40


def deadline_line(due: Sequence[RiskDeadline], now: datetime, *, privacy: bool) -> str:
    """'35 h 12 min left: Written report to CPS (+1 more)'; '' when nothing is due. In
    privacy mode only the time is shown: what is due may name someone."""
    if not due:
        return ""
    soonest = due[0]
    what = clean_line(soonest.what)
    if len(what) > MAX_WHAT:
        what = what[: MAX_WHAT - 1] + "…"
    # The time first: a narrow terminal cuts the end of the header, never the time.
    left = time_left(soonest.due_at, now)
    line = f"Deadline {left}" if privacy else f"{left}: {what}"
    return line + (f" (+{len(due) - 1} more)" if len(due) > 1 else "")
