"""Notes: drafts that autosave, signatures that lock for good, addenda that amend."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from vault.errors import InvalidRecord, RecordNotFound, SignedNoteReadOnly
from vault.records.notes import MAX_NOTE_CHARS, SessionInput, future_date_warning
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def _raw(vault: Vault) -> sqlcipher3.Connection:
    conn = vault.store._conn
    assert conn is not None
    return conn


# -- drafts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "first_line"),
    [("soap", "Subjective:"), ("dap", "Data:"), ("birp", "Behavior:"), ("free", None)],
)
def test_a_new_note_starts_from_its_template(
    practice: Practice, template: str, first_line: str | None
) -> None:
    vault, ids = practice
    note = vault.notes.start(ids["leo"], template=template, kind="intake")
    assert not note.is_signed and note.kind == "intake"
    assert (note.body.splitlines()[0] if note.body else None) == first_line


def test_start_checks_its_input(practice: Practice) -> None:
    vault, ids = practice
    with pytest.raises(InvalidRecord, match="Kind of note"):
        vault.notes.start(ids["ana"], kind="diary")
    with pytest.raises(InvalidRecord, match="Template"):
        vault.notes.start(ids["ana"], template="essay")
    with pytest.raises(InvalidRecord, match="Session date"):
        vault.notes.start(ids["ana"], session=SessionInput("next tuesday"))
    for fee in ("-5", "NaN", "nan", "Infinity", "12.345", "free", float("nan"), True):
        with pytest.raises(InvalidRecord, match="Fee"):
            vault.notes.start(ids["ana"], session=SessionInput("2026-01-01", fee=fee))  # type: ignore[arg-type]
    with pytest.raises(InvalidRecord, match="Duration"):
        vault.notes.start(ids["ana"], session=SessionInput("2026-01-01", duration_minutes="1h"))
    with pytest.raises(RecordNotFound):
        vault.notes.start(404)


def test_autosave_keeps_the_latest_text(practice: Practice) -> None:
    vault, ids = practice
    for text in ("Data:\nfirst", "Data:\nsecond", "Data:\nthird and last"):
        saved = vault.notes.save_draft(ids["draft"], text)
    assert saved.body == "Data:\nthird and last"
    assert vault.notes.get(ids["draft"]).body == "Data:\nthird and last"


def test_saving_the_same_text_again_changes_nothing(vault_dir: Path) -> None:
    clock = FakeClock()
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=clock)
    with vault:
        ids = add_practice(vault)
        first = vault.notes.get(ids["draft"])
        clock.now += timedelta(minutes=3)
        again = vault.notes.save_draft(ids["draft"], first.body)
        assert again.updated_at == first.updated_at
        clock.now += timedelta(minutes=3)
        changed = vault.notes.save_draft(ids["draft"], first.body + "!")
        assert changed.updated_at == clock.now.isoformat(timespec="seconds")


def test_a_note_has_a_size_limit(practice: Practice) -> None:
    vault, ids = practice
    vault.notes.save_draft(ids["draft"], "x" * MAX_NOTE_CHARS)
    with pytest.raises(InvalidRecord, match="at most 200,000 characters"):
        vault.notes.save_draft(ids["draft"], "x" * (MAX_NOTE_CHARS + 1))


@pytest.mark.parametrize(
    ("fee", "cents"), [("150", 15000), ("150.00", 15000), (" 80.5 ", 8050), (0, 0), (99.99, 9999)]
)
def test_fees_are_kept_in_whole_cents(practice: Practice, fee: object, cents: int) -> None:
    vault, ids = practice
    note = vault.notes.start(ids["ana"], session=SessionInput("2026-01-01", fee=fee))  # type: ignore[arg-type]
    session = vault.notes.session_for(note.id)
    assert session is not None and session.fee_cents == cents


def test_session_details_of_a_draft_can_change(practice: Practice) -> None:
    vault, ids = practice
    session = vault.notes.update_session(
        ids["draft"], SessionInput("2025-01-14", 45, "telehealth", "late_cancel", "80.50")
    )
    assert (session.date, session.duration_minutes, session.modality, session.attendance,
            session.fee_cents) == (date(2025, 1, 14), 45, "telehealth", "late_cancel", 8050)  # fmt: skip
    assert vault.notes.get(ids["draft"]).note_date == date(2025, 1, 14)
    bare = vault.notes.start(ids["leo"], template="free", note_date="2025-02-02")
    assert vault.notes.session_for(bare.id) is None
    assert vault.notes.update_session(bare.id, SessionInput("2025-02-03")).date == date(2025, 2, 3)


def test_discarding_a_draft_removes_it_and_its_session(practice: Practice) -> None:
    vault, ids = practice
    session = vault.notes.session_for(ids["draft"])
    assert session is not None
    vault.notes.discard_draft(ids["draft"])
    with pytest.raises(RecordNotFound):
        vault.notes.get(ids["draft"])
    assert _raw(vault).execute(
        "SELECT count(*) FROM sessions WHERE id = ?", (session.id,)
    ).fetchone() == (0,)
    with pytest.raises(RecordNotFound):
        vault.notes.discard_draft(ids["draft"])


def test_timeline_newest_first_without_addenda(practice: Practice) -> None:
    vault, ids = practice
    later = vault.notes.start(ids["ana"], session=SessionInput("2025-03-01"))
    same_day = vault.notes.start(ids["ana"], session=SessionInput("2025-03-01"))
    rows = vault.notes.timeline(ids["ana"])
    assert [r.id for r in rows] == [same_day.id, later.id, ids["draft"], ids["signed"]]
    signed = rows[-1]
    assert signed.is_signed and signed.addenda == 1 and signed.open_addendum_id is None
    assert vault.notes.count_for_client(ids["ana"]) == 4
    assert [r.id for r in vault.notes.timeline(ids["ana"], offset=1, limit=2)] == [
        later.id, ids["draft"],
    ]  # fmt: skip
    assert vault.notes.timeline(ids["leo"]) == []


# -- signing --------------------------------------------------------------------------


def test_signing_seals_the_note_with_the_clinicians_name(practice: Practice) -> None:
    vault, ids = practice
    vault.settings.set("clinician_name", "Dr. R. Ames")
    signed = vault.notes.sign(ids["draft"])
    assert signed.is_signed and signed.signed_by == "Dr. R. Ames"
    assert signed.sha256 is not None and len(signed.sha256) == 64
    assert vault.audit.recent(1)[0].action == "sign_note"
    with pytest.raises(SignedNoteReadOnly, match="already signed"):
        vault.notes.sign(ids["draft"])


def test_the_service_refuses_every_edit_of_a_signed_note(practice: Practice) -> None:
    vault, ids = practice
    before = vault.notes.get(ids["signed"])
    with pytest.raises(SignedNoteReadOnly, match="addendum"):
        vault.notes.save_draft(ids["signed"], "rewritten history")
    with pytest.raises(SignedNoteReadOnly):
        vault.notes.update_session(ids["signed"], SessionInput("2020-01-01"))
    with pytest.raises(SignedNoteReadOnly, match="cannot be deleted"):
        vault.notes.discard_draft(ids["signed"])
    assert vault.notes.get(ids["signed"]) == before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE notes SET body = 'rewritten' WHERE id = ?",
        "UPDATE notes SET signed_at = NULL, sha256 = NULL WHERE id = ?",
        "UPDATE notes SET note_date = '2020-01-01' WHERE id = ?",
        "DELETE FROM notes WHERE id = ?",
    ],
)
def test_the_database_itself_refuses_edits_of_a_signed_note(
    practice: Practice, statement: str
) -> None:
    vault, ids = practice
    before = vault.notes.get(ids["signed"])
    with pytest.raises(sqlcipher3.IntegrityError, match="read-only"):
        _raw(vault).execute(statement, (ids["signed"],))
    assert vault.notes.get(ids["signed"]) == before


def test_a_signed_addendum_amends_without_touching_the_original(practice: Practice) -> None:
    vault, ids = practice
    original = vault.notes.get(ids["signed"])
    addendum = vault.notes.add_addendum(ids["signed"], "Correction: the diary was weekly.")
    assert addendum.amends_note_id == ids["signed"] and not addendum.is_signed
    assert vault.notes.timeline(ids["ana"])[-1].open_addendum_id == addendum.id
    vault.notes.save_draft(addendum.id, "Correction: the diary was kept weekly.")
    sealed = vault.notes.sign(addendum.id)
    assert sealed.is_signed and sealed.is_addendum
    with pytest.raises(SignedNoteReadOnly):
        vault.notes.save_draft(addendum.id, "changed my mind")
    assert [a.id for a in vault.notes.addenda(ids["signed"])] == [ids["addendum"], addendum.id]
    assert vault.notes.get(ids["signed"]) == original
    assert vault.notes.verify_signatures() == []


def test_addenda_only_to_signed_originals(practice: Practice) -> None:
    vault, ids = practice
    with pytest.raises(InvalidRecord, match="still a draft"):
        vault.notes.add_addendum(ids["draft"], "too early")
    with pytest.raises(InvalidRecord, match="original note"):
        vault.notes.add_addendum(ids["addendum"], "an addendum to an addendum")
    with pytest.raises(RecordNotFound):
        vault.notes.add_addendum(404, "nothing to amend")


@pytest.mark.parametrize("template", ["soap", "dap", "birp", "free"])
def test_an_empty_note_cannot_be_signed(practice: Practice, template: str) -> None:
    """Blank, whitespace, or nothing but the template's headings: all empty."""
    vault, ids = practice
    note = vault.notes.start(ids["leo"], template=template)
    with pytest.raises(InvalidRecord, match="empty note cannot be signed"):
        vault.notes.sign(note.id)
    vault.notes.save_draft(note.id, note.body + "\n   \n\t\n")
    with pytest.raises(InvalidRecord, match="empty note cannot be signed"):
        vault.notes.sign(note.id)
    vault.notes.save_draft(note.id, note.body + "\nSlept better.")
    assert vault.notes.sign(note.id).is_signed


def test_an_empty_addendum_cannot_be_signed(practice: Practice) -> None:
    vault, ids = practice
    addendum = vault.notes.add_addendum(ids["signed"])
    with pytest.raises(InvalidRecord, match="empty"):
        vault.notes.sign(addendum.id)


def test_tampering_with_a_signed_note_is_caught_by_its_hash(practice: Practice) -> None:
    vault, ids = practice
    assert vault.notes.verify_signatures() == []
    conn = _raw(vault)
    conn.execute("DROP TRIGGER signed_notes_are_read_only")
    conn.execute(
        "UPDATE notes SET body = body || ' (quietly edited)' WHERE id = ?", (ids["signed"],)
    )
    assert vault.notes.verify_signatures() == [ids["signed"]]


@pytest.mark.parametrize(
    "edit",
    [
        "signed_by = 'someone else'",
        "note_date = '2020-02-02'",
        "kind = 'psychotherapy'",
        "client_id = client_id + 1",
        "signed_at = '1999-01-01T00:00:00+00:00'",
    ],
)
def test_the_hash_covers_what_frames_the_note(practice: Practice, edit: str) -> None:
    vault, ids = practice
    conn = _raw(vault)
    conn.execute("DROP TRIGGER signed_notes_are_read_only")
    conn.execute(f"UPDATE notes SET {edit} WHERE id = ?", (ids["addendum"],))
    assert vault.notes.verify_signatures() == [ids["addendum"]]


def test_autosave_from_a_worker_thread_while_the_ui_reads(practice: Practice) -> None:
    """The editor autosaves in a worker while the screen keeps reading: no clash, no loss."""
    vault, ids = practice
    errors: list[BaseException] = []

    def autosave() -> None:
        try:
            for i in range(150):
                vault.notes.save_draft(ids["draft"], f"Data:\nversion {i}")
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)

    worker = threading.Thread(target=autosave)
    worker.start()
    while worker.is_alive():
        vault.notes.get(ids["draft"])
        vault.search.search("version")
        vault.notes.timeline(ids["ana"])
    worker.join()
    assert errors == []
    assert vault.notes.get(ids["draft"]).body == "Data:\nversion 149"
    assert [hit.note_id for hit in vault.search.search("149")] == [ids["draft"]]


# -- before the signature: empty, future-dated, untouched -----------------------------


@pytest.fixture
def on_a_friday(vault_dir: Path) -> Iterator[tuple[Vault, dict[str, int]]]:
    """The practice in a vault whose "today" is Friday 20 November 2026."""
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FakeClock())
    with vault:
        yield vault, add_practice(vault)


def test_a_future_note_is_signed_only_once_its_date_is_confirmed(on_a_friday) -> None:
    vault, ids = on_a_friday
    note = vault.notes.start(ids["ana"], session=SessionInput("2026-12-04"))
    vault.notes.save_draft(note.id, "Subjective:\nSlept well.")
    warning = "This note is dated Friday 4 December 2026, 14 days from today."
    assert vault.notes.check_signable(note.id) == warning
    with pytest.raises(InvalidRecord, match="14 days from today. Check the session date") as err:
        vault.notes.sign(note.id)
    assert err.value.field == "date"
    assert not vault.notes.get(note.id).is_signed
    assert vault.notes.sign(note.id, allow_future=True).is_signed


def test_today_and_the_past_need_no_confirmation(on_a_friday) -> None:
    vault, ids = on_a_friday
    assert vault.notes.check_signable(ids["draft"]) is None
    today = vault.notes.start(ids["ana"], session=SessionInput("2026-11-20"))
    vault.notes.save_draft(today.id, "Plan:\nReview.")
    assert vault.notes.check_signable(today.id) is None
    assert vault.notes.sign(today.id).is_signed


def test_future_date_warning_reads_like_a_person_wrote_it() -> None:
    friday = date(2026, 11, 20)
    assert future_date_warning(friday, friday) is None
    assert future_date_warning(date(2026, 11, 21), friday) == (
        "This note is dated Saturday 21 November 2026, tomorrow."
    )


def test_check_signable_refuses_an_empty_or_signed_note_before_asking(on_a_friday) -> None:
    vault, ids = on_a_friday
    empty = vault.notes.start(ids["ana"], template="birp")
    with pytest.raises(InvalidRecord, match="empty note cannot be signed"):
        vault.notes.check_signable(empty.id)
    with pytest.raises(SignedNoteReadOnly, match="already signed"):
        vault.notes.check_signable(ids["signed"])


@pytest.mark.parametrize("template", ["soap", "dap", "birp", "free"])
def test_an_untouched_draft_is_discarded_with_its_session(on_a_friday, template: str) -> None:
    vault, ids = on_a_friday
    defaults = SessionInput(date(2026, 11, 20))
    note = vault.notes.start(ids["ana"], template=template, session=defaults)
    session = vault.notes.session_for(note.id)
    assert vault.notes.discard_if_untouched(note.id, defaults)
    with pytest.raises(RecordNotFound):
        vault.notes.get(note.id)
    assert _raw(vault).execute(
        "SELECT count(*) FROM sessions WHERE id = ?", (session.id,)
    ).fetchone() == (0,)
    assert vault.audit.recent(1)[0].action == "delete_draft"


@pytest.mark.parametrize(
    "change",
    [
        {"body": "Subjective:\nSlept well.\n\nObjective:\n\nAssessment:\n\nPlan:\n"},
        {"attendance": "no_show"},
        {"fee": "75.00"},
        {"date": "2026-11-19"},
        {"duration_minutes": 45},
    ],
)
def test_a_draft_with_anything_written_or_changed_is_kept(on_a_friday, change) -> None:
    vault, ids = on_a_friday
    defaults = SessionInput(date(2026, 11, 20))
    note = vault.notes.start(ids["ana"], template="soap", session=defaults)
    if "body" in change:
        vault.notes.save_draft(note.id, change["body"])
    else:
        vault.notes.update_session(note.id, replace(defaults, **change))
    assert not vault.notes.discard_if_untouched(note.id, defaults)
    assert vault.notes.get(note.id)


def test_an_empty_addendum_is_untouched_and_signed_notes_never_are(on_a_friday) -> None:
    vault, ids = on_a_friday
    defaults = SessionInput(date(2026, 11, 20))
    addendum = vault.notes.add_addendum(ids["signed"])
    assert vault.notes.discard_if_untouched(addendum.id, defaults)
    assert not vault.notes.discard_if_untouched(ids["signed"], defaults)
    assert not vault.notes.discard_if_untouched(404, defaults)


# -- the record: notes and sessions without a note --------------------------------------


def test_the_record_lists_sessions_without_a_note_by_date(on_a_friday) -> None:
    vault, ids = on_a_friday
    no_show = vault.notes.start(
        ids["ana"], session=SessionInput("2025-01-10", attendance="no_show", fee="75.00")
    )
    conn = _raw(vault)  # what an import leaves: a session no note points at
    conn.execute("UPDATE notes SET session_id = NULL WHERE id = ?", (no_show.id,))
    conn.execute("DELETE FROM notes WHERE id = ?", (no_show.id,))
    entries = vault.notes.record(ids["ana"])
    assert [(e.day.isoformat(), e.note.id if e.note else None, e.attendance, e.fee_cents)
            for e in entries] == [
        ("2025-01-13", ids["draft"], "attended", None),
        ("2025-01-10", None, "no_show", 7500),
        ("2025-01-06", ids["signed"], "attended", 15000),
    ]  # fmt: skip
    assert entries[1].key < 0 and entries[0].key == ids["draft"]
    assert vault.notes.record_count(ids["ana"]) == 3
    assert [e.day.isoformat() for e in vault.notes.record(ids["ana"], offset=1, limit=1)] == [
        "2025-01-10"
    ]
    assert vault.notes.record(ids["leo"]) == [] and vault.notes.record_count(ids["leo"]) == 0


# -- the clinician's name on signatures --------------------------------------------------


def test_the_signers_name_is_asked_once_and_then_signs(on_a_friday) -> None:
    vault, ids = on_a_friday
    assert not vault.settings.has_signer
    with pytest.raises(InvalidRecord, match="Your name is required") as err:
        vault.settings.set_signer("  ", "PsyD")
    assert err.value.field == "clinician_name"
    assert vault.settings.set_signer(" Dr Ada Lee ", "PsyD") == "Dr Ada Lee, PsyD"
    assert vault.settings.has_signer
    assert vault.notes.sign(ids["draft"]).signed_by == "Dr Ada Lee, PsyD"
