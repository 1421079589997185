"""An open risk flag, as the client list, search results and record header show it.

A flag stays in sight until it is resolved; its soonest deadline comes with the time
left. The list and the search need it short (a column or a few words beside a name);
the record header has a line of its own and says it in full."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text

from vault.records.display import clean_line
from vault.risk.deadlines import time_left
from vault.risk.models import RiskDeadline, RiskMarker
from vault.risk.rules import FLAG_LABELS

RISK_STYLE = "bold white on red"
# One word each: the list's column is narrow, and the record says the rest.
FLAG_SHORT = {
    "danger_to_self": "Self",
    "threat_to_other": "Threat",
    "child_abuse": "Child",
    "elder_abuse": "Elder",
    "court_order": "Court",
    "guardian_request": "Guardian",
}


def short_left(due: datetime, now: datetime) -> str:
    """'35 h', '3 d', '40 min', 'overdue': what fits in a column."""
    seconds = int((due.astimezone(UTC) - now.astimezone(UTC)).total_seconds())
    if seconds <= 0:
        return "overdue"
    if seconds < 3600:
        return f"{max(seconds // 60, 1)} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def risk_cell(marker: RiskMarker | None, now: datetime) -> Text:
    """'Self 35 h' for the client list and the search results; empty without a flag."""
    cell = Text(no_wrap=True, overflow="ellipsis")
    if marker is None:
        return cell
    words = "+".join(FLAG_SHORT.get(flag, flag) for flag in marker.flags) or "Deadline"
    cell.append(f" {words} ", style=RISK_STYLE)
    if marker.next_deadline is not None:
        left = short_left(marker.next_deadline.due_at, now)
        cell.append(f" {left}", style="bold red" if left == "overdue" else "bold")
    return cell


def risk_header_line(marker: RiskMarker | None, now: datetime, *, privacy: bool) -> Text:
    """The record header's line: every open flag by name, then the soonest deadline and
    what it is (only the time in privacy mode: what is due may name someone)."""
    line = Text()
    if marker is None:
        return line
    if marker.flags:
        names = ", ".join(FLAG_LABELS.get(flag, flag) for flag in marker.flags)
        line.append(" RISK FLAG OPEN ", style=RISK_STYLE).append(f" {names}", style="bold")
        line.append(" — press 5 to see it", style="dim")
    if marker.next_deadline is not None:
        if marker.flags:
            line.append("\n")
        line.append_text(deadline_words(marker.next_deadline, now, privacy=privacy))
    return line


def deadline_words(deadline: RiskDeadline, now: datetime, *, privacy: bool) -> Text:
    left = time_left(deadline.due_at, now)
    words = Text("Deadline: ", style="bold")
    words.append(left, style="bold red" if left.startswith(("overdue", "due now")) else "bold")
    if not privacy:
        words.append(" — ").append(clean_line(deadline.what))
    return words
