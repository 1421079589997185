"""Exports under a release: exactly what the scope covers for its dates, a disclosure
entry written with the file, and a refusal naming why when the release is not valid."""

# The fixtures come from tests/export_practice.py; tests name them as parameters.
# ruff: noqa: F401, F811
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.export_practice import (
    ADDENDUM,
    CONTACT,
    DRAFT,
    EMERGENCY,
    GUARDIAN,
    OLD,
    PRACTICE,
    PROCESS,
    SIGNED,
    clock,
    ids,
    out,
    release_input,
    vault,
)
from tests.pdf_reading import all_text, flat, reader
from vault.errors import ReleaseNotValid
from vault.exports import exports, files
from vault.exports.exports import export_release, new_password
from vault.vault import Vault

PASSWORD = "quill harbor maple ladder orbit"
NOTE_WORDS = (SIGNED, ADDENDUM, CONTACT, DRAFT, PROCESS, OLD)


def _release(vault: Vault, ids: dict[str, int], **changes: object) -> int:
    return vault.releases.save(ids["ana"], release_input(**changes)).id


def test_dates_and_fees_only_holds_dates_durations_fees_and_nothing_else(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids)
    result = export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    text = all_text(result.path, PASSWORD)
    flat_text = flat(text)
    for expected in ("Ana Okafor", "1988-03-14", "Northwind Health Plan", "PO Box 12, Salem OR",
                     f"Release no. {release_id}, signed 2026-11-02", "Insurance claims for 2025",
                     "2025-01-01 to 2025-12-31", PRACTICE):  # fmt: skip
        assert expected in flat_text
    # The sessions that took place in the range, with duration and fee, and a total.
    assert "2025-01-06 50 min 150.00" in text
    assert (
        "2025-04-07 50 min 150.00" in text
    )  # a session is a service even before its note is signed
    assert "Total 300.00" in text
    assert "2 sessions" in text
    # Nothing else: no note text of any kind, no missed appointment, nothing out of range,
    # no other person's name, no diagnosis.
    for word in (*NOTE_WORDS, EMERGENCY, GUARDIAN, "2025-03-03", "75.00", "2024-06-03",
                 "Diagnosis", "No-show", "Progress note"):  # fmt: skip
        assert word not in text
    assert result.pages == 1 and result.password == PASSWORD
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600


def test_the_export_writes_its_disclosure_and_audit_entries(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids)
    result = export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    (entry,) = vault.disclosures.for_client(ids["ana"])
    assert result.disclosure_id == entry.id
    assert (entry.legal_basis, entry.release_id, entry.method, entry.source) == (
        "authorization", release_id, "exported_file", "export",
    )  # fmt: skip
    assert entry.recipient == "Northwind Health Plan, Claims department"
    assert entry.recipient_address == "PO Box 12, Salem OR"
    assert entry.purpose == "Insurance claims for 2025"
    assert entry.description.startswith("Dates and fees only (dates of service, session durations")
    assert "2025-01-01 to 2025-12-31" in entry.description
    assert not any(word in entry.description for word in NOTE_WORDS)
    assert entry.disclosed_at.startswith("2026-11-20")
    assert not entry.accountable  # under an authorization: exempt from the accounting
    assert vault.disclosures.accounting(ids["ana"]) == []
    recent = [(e.action, e.subject, e.detail) for e in vault.audit.recent(2)]
    assert recent == [
        ("export", f"release:{release_id}", f"disclosure:{entry.id}"),
        ("disclosure", f"client:{ids['ana']}", f"disclosure:{entry.id}"),
    ]
    assert vault.disclosures.verify() == 1 and vault.audit.verify() > 0


def test_progress_notes_carry_signed_notes_and_addenda_never_drafts_or_process_notes(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    scope = ["dates_of_service", "attendance", "progress_notes"]  # the preset's items
    release_id = _release(vault, ids, scope=scope, purpose="Second opinion")
    result = export_release(vault, release_id, out / "notes.pdf", password=PASSWORD)
    text = all_text(result.path, PASSWORD)
    for word in (SIGNED, ADDENDUM, CONTACT, "2025-03-03 No-show", "Addendum written"):
        assert word in text
    for word in (DRAFT, PROCESS, OLD, "150.00", "50 min"):
        assert word not in text
    # The item alone: the notes, and no table of sessions.
    alone = _release(vault, ids, scope=["progress_notes"], purpose="Second opinion")
    text = all_text(export_release(vault, alone, out / "alone.pdf", password=None).path)
    assert SIGNED in text and "No-show" not in text and "Sessions" not in text


def test_psychotherapy_notes_leave_only_under_their_own_release(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids, scope=["psychotherapy_notes"], purpose="Court-ordered")
    text = all_text(export_release(vault, release_id, out / "p.pdf", password=PASSWORD).path,
                    PASSWORD)  # fmt: skip
    assert PROCESS in text
    for word in (SIGNED, ADDENDUM, CONTACT, DRAFT, OLD, "150.00", "Sessions"):
        assert word not in text
    mixed = _release(vault, ids, scope=["psychotherapy_notes", "progress_notes"])
    with pytest.raises(ReleaseNotValid, match="psychotherapy notes can only be released on a"):
        export_release(vault, mixed, out / "mixed.pdf", password=PASSWORD)
    assert not (out / "mixed.pdf").exists()


def test_items_the_vault_does_not_keep_say_none_recorded(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids, scope=["diagnosis", "treatment_summary", "assessments"])
    result = export_release(vault, release_id, out / "dx.pdf", password=None)
    text = all_text(result.path)
    assert text.count("None recorded") == 3
    for word in (*NOTE_WORDS, "150.00"):
        assert word not in text
    (entry,) = vault.disclosures.for_client(ids["ana"])
    assert "none recorded" in entry.description


def test_without_a_password_the_file_is_readable_by_anyone(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    result = export_release(vault, _release(vault, ids), out / "open.pdf", password=None)
    assert result.password is None and not reader(result.path).is_encrypted


def test_a_protected_file_cannot_be_read_without_its_password(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    password = new_password()
    result = export_release(vault, _release(vault, ids), out / "p.pdf", password=password)
    pdf = reader(result.path)
    assert pdf.is_encrypted and not pdf.decrypt("wrong words")
    assert b"Okafor" not in result.path.read_bytes()
    assert "Ana Okafor" in all_text(result.path, password)


def _refused(vault: Vault, release_id: int, out: Path, sentence: str) -> None:
    before = vault.disclosures.for_client(vault.releases.get(release_id).client_id)
    with pytest.raises(ReleaseNotValid) as caught:
        export_release(vault, release_id, out / "refused.pdf", password=PASSWORD)
    assert caught.value.message == sentence
    assert os.listdir(out) == []
    assert vault.disclosures.for_client(vault.releases.get(release_id).client_id) == before
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject) == ("export_refused", f"release:{release_id}")


def test_a_revoked_release_is_refused_with_the_date(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids)
    export_release(vault, release_id, out / "first.pdf", password=PASSWORD)
    (out / "first.pdf").unlink()
    vault.releases.revoke(release_id, "2026-11-19", "Letter received")
    _refused(vault, release_id, out, "This release was revoked on 2026-11-19.")
    assert len(vault.disclosures.for_client(ids["ana"])) == 1  # only the export made before


def test_an_expired_release_is_refused(
    vault: Vault, ids: dict[str, int], out: Path, clock: FakeClock
) -> None:
    release_id = _release(vault, ids, expires_on="2026-12-01")
    clock.now = datetime(2026, 12, 2, 9, 0).astimezone()
    _refused(vault, release_id, out, "This release expired on 2026-12-01.")


def test_a_draft_and_a_defective_release_are_refused(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    draft = _release(vault, ids, signed_on=None, signed_by=None)
    _refused(vault, draft, out, "This release is still a draft: it has not been signed.")
    defective = _release(vault, ids, statement_redisclosure=False)
    with pytest.raises(ReleaseNotValid, match="^This release is not valid: "):
        export_release(vault, defective, out / "d.pdf", password=PASSWORD)
    assert os.listdir(out) == []


def test_hostile_text_in_the_recipient_is_literal_in_the_pdf(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    hostile = "\u202eevil\u202c <b>x</b> **y** {practice_name} \x1b]52;c;AAAA\x07"
    release_id = _release(vault, ids, recipient_name=hostile, purpose="**bold** {nb}")
    text = flat(all_text(export_release(vault, release_id, out / "h.pdf", password=None).path))
    assert "evil <b>x</b> **y** {practice_name} ]52;c;AAAA" in text
    assert "**bold** {nb}" in text
    assert not any(ch in text for ch in "\u202e\u202c\x1b\x07")


def test_a_full_disk_leaves_no_file_and_no_disclosure(
    vault: Vault, ids: dict[str, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release_id = _release(vault, ids)
    audit_before = vault.audit.recent(1)[0].id

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(files.ExportNotWritten, match="^The disk is full, so .* was not written"):
        export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    assert os.listdir(out) == []
    assert vault.disclosures.for_client(ids["ana"]) == []
    assert vault.audit.recent(1)[0].id == audit_before


def test_a_record_that_cannot_be_written_leaves_no_file(
    vault: Vault, ids: dict[str, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release_id = _release(vault, ids)

    def broken(*_args: object, **_kwargs: object) -> int:
        raise files.ExportNotWritten("The disclosure log could not be written.")

    monkeypatch.setattr(exports, "append_disclosure", broken)
    with pytest.raises(files.ExportNotWritten):
        export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    assert os.listdir(out) == []
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_link_in_the_way_is_refused_before_anything_is_recorded(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    release_id = _release(vault, ids)
    (out / "insurer.pdf").symlink_to(out / "elsewhere.pdf")
    with pytest.raises(files.ExportNotWritten, match="is a link"):
        export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    assert os.listdir(out) == ["insurer.pdf"] and not (out / "elsewhere.pdf").exists()
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_new_password_is_five_words_drawn_afresh() -> None:
    first, second = new_password(), new_password()
    assert len(first.split(" ")) == 5 and first != second
    assert all(word.isalpha() or "-" in word for word in first.split(" "))


def test_no_vault_path_passphrase_or_client_name_in_the_file_or_its_metadata(
    vault: Vault, ids: dict[str, int], out: Path, vault_dir: Path
) -> None:
    from tests.conftest import PASSPHRASE

    release_id = _release(vault, ids, scope=["progress_notes"])
    results = [
        export_release(vault, release_id, out / "r.pdf", password=None),
        exports.export_access_copy(vault, ids["ana"], out / "a.pdf", password=None),
        exports.accounting_pdf(vault, ids["ana"], out / "c.pdf", password=None),
        exports.consent_form_pdf(vault, ids["ana"], out / "f.pdf", password=None),
        exports.release_form_pdf(vault, release_id, out / "g.pdf", password=None),
    ]
    for result in results:
        raw = result.path.read_bytes()
        text = all_text(result.path)
        for secret in (str(vault_dir), PASSPHRASE):
            assert secret not in text and secret.encode() not in raw
        meta = reader(result.path).metadata
        assert meta is not None and "Okafor" not in repr(dict(meta))
        assert "Ana Okafor" in text  # the name is in the pages, where it belongs


def test_an_export_into_the_vaults_own_folder_is_refused(
    vault: Vault, ids: dict[str, int], vault_dir: Path
) -> None:
    before = (vault_dir / "quietroom.db").read_bytes()[:64]
    for name in ("quietroom.db", "copy.pdf"):
        with pytest.raises(files.ExportNotWritten, match="is in the vault's own folder"):
            exports.export_access_copy(vault, ids["ana"], vault_dir / name, password=None)
    assert (vault_dir / "quietroom.db").read_bytes()[:64] == before
    assert not (vault_dir / "copy.pdf").exists()
    assert vault.clients.get(ids["ana"], audit=False).last_name == "Okafor"


def test_when_the_record_cannot_be_committed_the_renamed_file_is_removed(
    vault: Vault, ids: dict[str, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from vault.errors import DiskFull

    release_id = _release(vault, ids)
    real_writing = vault.store.writing

    @contextlib.contextmanager
    def commit_fails(what: str) -> Iterator[object]:
        with real_writing(what) as conn:
            yield conn
            assert (out / "insurer.pdf").exists()  # renamed inside the transaction
            raise DiskFull("The disk is full, so the record of the export was not saved.")

    monkeypatch.setattr(vault.store, "writing", commit_fails)
    with pytest.raises(DiskFull):
        export_release(vault, release_id, out / "insurer.pdf", password=PASSWORD)
    monkeypatch.undo()
    assert os.listdir(out) == []
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_refusal_is_still_a_refusal_when_its_audit_entry_cannot_be_written(
    vault: Vault, ids: dict[str, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vault.errors import DiskFull

    draft = _release(vault, ids, signed_on=None, signed_by=None)

    def full(*_args: object) -> None:
        raise DiskFull("The disk is full, so the audit entry was not written.")

    monkeypatch.setattr(vault.audit, "record", full)
    with pytest.raises(ReleaseNotValid, match="still a draft"):
        export_release(vault, draft, out / "d.pdf", password=PASSWORD)


def test_the_document_builder_itself_refuses_psychotherapy_notes_mixed_with_more(
    vault: Vault, ids: dict[str, int]
) -> None:
    from dataclasses import replace

    from vault.exports.release_export import build_release_export

    release = vault.releases.get(_release(vault, ids, scope=["psychotherapy_notes"]))
    mixed = replace(release, scope=("psychotherapy_notes", "diagnosis"))
    client = vault.clients.get(ids["ana"], audit=False)
    with pytest.raises(ReleaseNotValid, match="only be released on a release of their own"):
        build_release_export(vault.store, client, mixed, vault.store.today())
