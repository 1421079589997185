"""The sample practice's endings (issue 9): Hannah, discharged to specialist care, gets
the short episode of therapy she had in her first year at university, and the
follow-up contacts planned after her discharge, one done and one due, so that
`quietroom demo` shows an episode history and an F in the client list.

The import format has no episodes or follow-ups, so they are added after the import;
everything is invented, like the rest of the sample.
"""

from __future__ import annotations

from vault.records.notes import SessionInput

FIRST_EPISODE = ("2023-02-14", "2023-03-21",
                 "Exam anxiety in her first year; goals met.")  # fmt: skip
CAME_BACK = "Referred again by the university wellbeing service."
FIRST_ENDING = (
    "Why therapy is ending:\nGoals met: she sat her first-year exams with worry she could "
    "manage, using the breathing and planning skills we practised.\n\n"
    "Follow-up arranged:\nNone; she knows she can come back through the wellbeing service."
)
FOLLOW_UPS = (  # due, purpose, closed on, outcome (None: still planned)
    ("2025-10-20", "Check-in call a month into the day programme", "2025-10-21",
     "Settled in; eating with the group at lunch. Agreed a call when the programme ends."),
    ("2026-09-21", "Call when the day programme ends", None, None),
)  # fmt: skip


def add_endings(vault: object) -> None:
    """Add Hannah's first episode and her follow-ups to a freshly imported sample."""
    from vault.vault import Vault

    assert isinstance(vault, Vault)
    hannah = next((c for c in vault.clients.page("Kowalczyk") if c.first_name == "Hannah"), None)
    if hannah is None:
        return
    opened, closed, reason = FIRST_EPISODE
    note = vault.notes.start(hannah.id, kind="termination", template="free",
                             session=SessionInput(closed, 50, fee="150.00"))  # fmt: skip
    vault.notes.save_draft(note.id, FIRST_ENDING)
    vault.notes.sign(note.id)
    now = vault.store.now_iso()
    with vault.store.writing("the sample's episodes") as conn:
        conn.execute("UPDATE episodes SET number = 2, opened_reason = ? WHERE client_id = ?",
                     (CAME_BACK, hannah.id))  # fmt: skip
        conn.execute(
            "INSERT INTO episodes (client_id, number, opened_on, closed_on, discharge_reason)"
            " VALUES (?, 1, ?, ?, ?)",
            (hannah.id, opened, closed, reason),
        )
        for due, purpose, closed_on, outcome in FOLLOW_UPS:
            conn.execute(
                "INSERT INTO follow_ups (client_id, episode, due_on, purpose, status, closed_on,"
                " outcome, created_at) VALUES (?, 2, ?, ?, ?, ?, ?, ?)",
                (hannah.id, due, purpose, "done" if outcome else "planned", closed_on, outcome,
                 now),
            )  # fmt: skip
