"""A sample practice whose discharged client (Hannah) has a record of every kind, and
a clock far enough ahead for her retention period to have run (issue 9, part C)."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import FakeClock
from vault import sample
from vault.importer import import_practice, parse_practice, validate_practice
from vault.records.notes import SessionInput
from vault.vault import Vault

PHRASE = "marmalade confession"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LATER = datetime(2040, 3, 1, 10, 0)


def hannah(vault: Vault) -> int:
    return next(c.id for c in vault.clients.page() if c.first_name == "Hannah")


def full_practice(vault: Vault) -> int:
    """Import the sample, give Hannah one record of each kind, move the clock to 2040."""
    import_practice(vault, validate_practice(parse_practice(sample.practice_text(), "sample")))
    client_id = hannah(vault)
    note = vault.notes.start(client_id, template="free", session=SessionInput("2025-09-10"))
    vault.notes.save_draft(note.id, f"She spoke of a {PHRASE} about her sister.")
    vault.notes.sign(note.id)
    addendum = vault.notes.add_addendum(note.id, f"Addendum: the {PHRASE} again.")
    vault.notes.sign(addendum.id)
    vault.notes.start(client_id, template="free", session=SessionInput("2025-09-12"))
    release = vault.releases.for_client(client_id)[0]
    vault.attachments.attach("release", release.id, "scan.png", PNG)
    vault.measures.record(client_id, "phq9", "2025-09-01", [1, 1, 1, 1, 0, 0, 0, 0, 0])
    vault.safety_plans.save(client_id, {"warning_signs": ["Not sleeping"]})
    event = vault.risk.open(client_id, "danger_to_self", vault.rule_pack())
    vault.risk.start_deadline(event.id, "Call back", hours=24)
    with vault.store.writing("test") as conn:  # a signed risk record, as signing leaves it
        conn.execute("UPDATE risk_events SET note_id = ? WHERE id = ?", (note.id, event.id))
    vault.form_drafts.save("consent", client_id, {"note": PHRASE})
    hold = vault.retention.holds.place(client_id, "complaint", "Board complaint", "2025-10-01")
    vault.retention.holds.lift(hold.id, "2025-11-01", "Complaint dismissed")
    clock = FakeClock(LATER.astimezone())
    vault.store.clock = clock
    return client_id
