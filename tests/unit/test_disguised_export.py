"""The disguised case as a PDF: on the sample practice, nothing that identifies a client
or the people in their record reaches the file; the export is audited, not disclosed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pdf_reading import all_text, flat
from vault import sample
from vault.exports.disguised import export_disguised
from vault.exports.exports import new_password
from vault.importer import import_practice, parse_practice, validate_practice
from vault.records.models import Client
from vault.supervision.case import NothingToDisguise
from vault.supervision.table import birth_date_forms
from vault.supervision.words import is_ordinary
from vault.vault import Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    from tests.conftest import CHEAP, PASSPHRASE

    vault, _ = Vault.create(tmp_path_factory.mktemp("demo") / "vault", PASSPHRASE, CHEAP)
    import_practice(vault, validate_practice(parse_practice(sample.practice_text(), "sample")))
    yield vault
    vault.close()


def _clients(vault: Vault) -> list[Client]:
    return [vault.clients.get(summary.id, audit=False) for summary in vault.clients.page()]


def _identifiers(client: Client) -> tuple[list[str], list[str]]:
    """(names, everything else): what must not appear in a disguised case."""
    people = [client.first_name, client.last_name, client.preferred_name or ""]
    people += [g.name for g in client.guardians] + [client.emergency_name or ""]
    names = {part for name in people for part in re.split(r"[\s]+", name) if len(part) > 1}
    for name in list(names):
        names.update(p for p in name.split("-") if len(p) > 2)
    others = list(birth_date_forms(client.date_of_birth))
    contacts = [client.phone, client.email, client.emergency_phone]
    for guardian in client.guardians:
        contacts += [guardian.phone, guardian.email]
    others += [c for c in contacts if c]
    others += [re.sub(r"\D", "", c) for c in contacts if c and "@" not in c]
    address = client.address or ""
    others += [part.strip() for part in address.split(",") if part.strip()]
    return sorted(names), others


def _name_found(name: str, text: str) -> bool:
    """A name in any case; one that is also an ordinary word ("Park") only capitalised."""
    flags = 0 if is_ordinary(name) else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags) is not None


def test_no_sample_client_or_their_people_can_be_identified(demo: Vault, tmp_path: Path) -> None:
    checked = 0
    for client in _clients(demo):
        every_note = [note.id for note in demo.supervision.signed_notes(client.id)]
        case = demo.supervision.case(client.id, every_note)
        password = new_password()
        result = export_disguised(demo, case, tmp_path / f"case-{client.id}.pdf",
                                  password=password)  # fmt: skip
        text = flat(all_text(result.path, password))
        names, others = _identifiers(client)
        for name in names:
            assert not _name_found(name, text), (client.first_name, name)
        for value in others:
            assert value not in text, (client.first_name, value)
        assert case.pseudonym in text
        # Nor the practice or the clinician: a supervisor's copy points to no one.
        assert "Cedar Lantern" not in text and "Oduya" not in text
        checked += 1
    assert checked == 12


def test_the_people_and_places_the_notes_name_are_disguised_too(demo: Vault) -> None:
    """What the sample's notes mention beyond the record's own fields."""
    from vault.exports.disguised import disguised_text

    named = ("Adaeze", "Morrow", "Farrah", "Quayle", "Desmond", "Abena", "Theo", "Arjun",
             "Carmen", "Millbrook", "Larkhaven", "Ashcombe", "Bridgeway", "Lumière",
             "Scotland", "Fenwick")  # fmt: skip
    text = ""
    for client in _clients(demo):
        ids = [note.id for note in demo.supervision.signed_notes(client.id)]
        text += disguised_text(demo.supervision.case(client.id, ids))
    for word in named:
        assert word not in text
    assert "PHQ-9" in text and "Christmas" in text  # ordinary capitals are kept


def test_the_export_is_audited_with_a_count_and_is_not_a_disclosure(
    demo: Vault, tmp_path: Path
) -> None:
    client = _clients(demo)[0]
    disclosures = len(demo.disclosures.for_client(client.id))
    case = demo.supervision.case(client.id)
    export_disguised(demo, case, tmp_path / "case.pdf", password=new_password())
    entry = demo.audit.recent(1)[0]
    assert (entry.action, entry.subject) == ("supervision_export", f"client:{client.id}")
    assert entry.detail == f"notes:{len(case.notes)}"
    assert len(demo.disclosures.for_client(client.id)) == disclosures
    demo.audit.verify()


def test_the_pdf_needs_its_password_and_is_titled_with_the_pseudonym(
    demo: Vault, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    client = _clients(demo)[0]
    case = demo.supervision.case(client.id)
    password = new_password()
    result = export_disguised(demo, case, tmp_path / "case.pdf", password=password)
    assert result.password == password and result.disclosure_id is None
    assert PdfReader(str(result.path)).is_encrypted
    text = all_text(result.path, password)
    assert f"The case of {case.pseudonym}" in text
    assert (result.path.stat().st_mode & 0o777) == 0o600


def test_without_notes_chosen_process_notes_stay_out(demo: Vault) -> None:
    zoe = next(c for c in _clients(demo) if c.last_name == "Marchetti-Hale")
    every = demo.supervision.signed_notes(zoe.id)
    assert any(note.is_process_note for note in every)
    case = demo.supervision.case(zoe.id)
    assert not any(note.is_process_note for note in case.notes)
    chosen = demo.supervision.case(zoe.id, [note.id for note in every])
    assert any(note.is_process_note for note in chosen.notes)


def test_a_draft_or_another_clients_note_cannot_be_chosen(demo: Vault) -> None:
    zoe, other = _clients(demo)[:2]
    theirs = demo.supervision.signed_notes(other.id)[0].id
    with pytest.raises(NothingToDisguise, match="only signed notes can be disguised"):
        demo.supervision.case(zoe.id, [theirs])


def test_a_client_without_signed_notes_is_told_so(new_vault: Vault) -> None:
    from vault.records.clients import ClientInput

    client = new_vault.clients.add(ClientInput("Ana", "Okafor", "1988-03-14"))
    with pytest.raises(NothingToDisguise, match="no signed note to disguise"):
        new_vault.supervision.case(client.id)


def test_a_failed_write_leaves_no_file_and_no_audit_entry(demo: Vault, tmp_path: Path) -> None:
    from vault.exports.files import ExportNotWritten

    client = _clients(demo)[0]
    case = demo.supervision.case(client.id)
    before = demo.audit.recent(1)[0].id
    with pytest.raises(ExportNotWritten):
        export_disguised(demo, case, tmp_path / "missing" / "case.pdf", password=None)
    assert demo.audit.recent(1)[0].id == before
    assert not (tmp_path / "missing").exists()
