"""Importing a practice: everything checked first, then all of it or nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from vault import importer
from vault.errors import ImportRejected
from vault.importer import import_file, import_practice, read_practice_file, validate_practice
from vault.vault import Vault

SAMPLE = Path(__file__).resolve().parents[2] / "vault" / "sample" / "practice.json"


def small_practice() -> dict[str, Any]:
    return {
        "practice": {"clinician_name": "Dr. Ruth Amsel", "credentials": "LCSW"},
        "clients": [
            {
                "first_name": "Ana",
                "last_name": "Okafor",
                "date_of_birth": "1988-03-14",
                "email": "ana@example.org",
                "emergency_contact": {"name": "Obi Okafor", "relationship": "brother"},
                "intake_date": "2025-01-06",
                "sessions": [
                    {
                        "date": "2025-01-06",
                        "duration_minutes": 80,
                        "fee": "150.00",
                        "notes": [
                            {
                                "kind": "intake",
                                "template": "soap",
                                "text": "Subjective:\nTrouble sleeping; plays the harmonica.",
                                "signed": True,
                                "signed_at": "2025-01-06T18:30:00",
                                "addenda": [
                                    {"text": "Later: sleep diary started.",
                                     "signed_at": "2025-01-08T09:00:00"},
                                ],
                            },
                            {"kind": "psychotherapy", "text": "My own process thoughts."},
                        ],
                    },
                    {
                        "date": "2025-01-13",
                        "modality": "telehealth",
                        "attendance": "late_cancel",
                        "notes": [{"template": "dap", "text": "Data:\nA draft, unsigned."}],
                    },
                ],
            },
            {
                "first_name": "Leo",
                "last_name": "Brandt",
                "date_of_birth": "2012-07-30",
                "status": "discharged",
                "discharge_date": "2025-06-01",
                "discharge_reason": "Goals met",
                "guardians": [
                    {"name": "Mara Brandt", "relationship": "mother", "can_access_records": True},
                    {"name": "Jon Brandt", "can_access_records": False},
                ],
                "sessions": [],
            },
        ],
    }  # fmt: skip


def table_counts(vault: Vault) -> dict[str, int]:
    with vault.store.reading() as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clients", "guardians", "sessions", "notes")
        }


def test_happy_path_writes_every_record(new_vault: Vault) -> None:
    calls: list[tuple[int, int]] = []
    summary = import_practice(
        new_vault, small_practice(), lambda done, total: calls.append((done, total))
    )

    assert (summary.clients, summary.sessions, summary.notes) == (2, 2, 3)
    assert (summary.signed, summary.addenda) == (1, 1)
    assert table_counts(new_vault) == {"clients": 2, "guardians": 2, "sessions": 2, "notes": 4}
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_imported_records_read_back_through_the_services(new_vault: Vault) -> None:
    import_practice(new_vault, small_practice())
    ana, leo = sorted(new_vault.clients.page(), key=lambda c: c.first_name)
    client = new_vault.clients.get(ana.id, audit=False)
    assert client.emergency_name == "Obi Okafor" and client.email == "ana@example.org"
    minor = new_vault.clients.get(leo.id, audit=False)
    assert minor.status == "discharged"
    assert [(g.name, g.can_access_records) for g in minor.guardians] == [
        ("Mara Brandt", True), ("Jon Brandt", False)
    ]  # fmt: skip

    timeline = new_vault.notes.timeline(ana.id)
    intake = next(n for n in timeline if n.kind == "intake")
    note = new_vault.notes.get(intake.id)
    assert note.signed_at == "2025-01-06T18:30:00"
    assert note.signed_by == "Dr. Ruth Amsel, LCSW"
    (addendum,) = new_vault.notes.addenda(note.id)
    assert addendum.is_signed and addendum.note_date.isoformat() == "2025-01-08"
    assert new_vault.notes.session_for(note.id).fee_cents == 15000
    assert new_vault.notes.verify_signatures() == []
    assert new_vault.settings.get("clinician_name") == "Dr. Ruth Amsel"


def test_imported_text_is_searchable_and_audited(new_vault: Vault) -> None:
    import_practice(new_vault, small_practice())
    (hit,) = new_vault.search.search("harmonica")
    assert hit.client_name == "Ana Okafor"
    assert new_vault.audit.recent(1)[0].action == "import"
    assert new_vault.audit.verify() > 0


def test_a_signed_imported_note_is_read_only(new_vault: Vault) -> None:
    import_practice(new_vault, small_practice())
    with new_vault.store.reading() as conn:
        signed_id = conn.execute("SELECT id FROM notes WHERE kind = 'intake'").fetchone()[0]
    from vault.errors import SignedNoteReadOnly

    with pytest.raises(SignedNoteReadOnly):
        new_vault.notes.save_draft(signed_id, "rewritten")


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["clients"][0]["sessions"][0]["notes"][1].update(template="memo"),
         "clients[0].sessions[0].notes[1].template: "),
        (lambda d: d["clients"][1].update(first_name=""), "clients[1].first_name: "),
        (lambda d: d["clients"][0].update(date_of_birth="14/03/1988"), "clients[0].date_of_birth: "),
        (lambda d: d["clients"][0]["sessions"][1].update(fee="lots"), "clients[0].sessions[1].fee: "),
        (lambda d: d["clients"][0]["emergency_contact"].update(phone="1" * 80),
         "clients[0].emergency_contact.phone: "),
        (lambda d: d["clients"][1]["guardians"][1].update(email="nope"),
         "clients[1].guardians[1].email: "),
        (lambda d: d["clients"][1]["guardians"][0].update(can_access_records="yes"),
         "clients[1].guardians[0].can_access_records: "),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][0].pop("signed_at"),
         "clients[0].sessions[0].notes[0].signed_at: "),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][0].update(signed_at="2025-01-06 18:30"),
         "clients[0].sessions[0].notes[0].signed_at: "),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][0]["addenda"][0].update(
            signed_at="2024-12-01T10:00:00"), "clients[0].sessions[0].notes[0].addenda[0].signed_at: "),
        (lambda d: d["clients"][0]["sessions"][1]["notes"][0].update(addenda=[{"text": "x"}]),
         "clients[0].sessions[1].notes[0].addenda[0]: "),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][0].update(text="Subjective:\n\n"),
         "clients[0].sessions[0].notes[0].text: "),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][1].update(text=None),
         "clients[0].sessions[0].notes[1].text: "),
        (lambda d: d["clients"][0].update(sessions={"date": "2025-01-01"}), "clients[0].sessions: "),
        (lambda d: d["clients"][1].update(discharge_reason=None), "clients[1].discharge_reason: "),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_by_its_path_and_nothing_is_written(
    new_vault: Vault, mutate: Any, path: str
) -> None:
    data = copy.deepcopy(small_practice())
    mutate(data)
    with pytest.raises(ImportRejected) as caught:
        import_practice(new_vault, data)
    assert caught.value.message.startswith(path), caught.value.message
    assert table_counts(new_vault) == {"clients": 0, "guardians": 0, "sessions": 0, "notes": 0}


def test_the_example_template_message() -> None:
    data = small_practice()
    data["clients"][0]["sessions"][0]["notes"][0]["template"] = "essay"
    with pytest.raises(ImportRejected) as caught:
        validate_practice(data)
    assert caught.value.message == (
        "clients[0].sessions[0].notes[0].template: Template must be one of: soap, dap, birp, free."
    )


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(therapist="me"), "therapist: unknown field"),
        (lambda d: d["practice"].update(logo="x.png"), "practice.logo: unknown field"),
        (lambda d: d["clients"][0].update(middle_name="Q"), "clients[0].middle_name: unknown field"),
        (lambda d: d["clients"][0]["sessions"][0].update(room="2"),
         "clients[0].sessions[0].room: unknown field"),
        (lambda d: d["clients"][0]["sessions"][0]["notes"][0].update(body="x"),
         "clients[0].sessions[0].notes[0].body: unknown field"),
        (lambda d: d["clients"][0]["emergency_contact"].update(email="a@b.org"),
         "clients[0].emergency_contact.email: unknown field"),
    ],
)  # fmt: skip
def test_unknown_keys_are_refused_with_their_path(mutate: Any, path: str) -> None:
    data = copy.deepcopy(small_practice())
    mutate(data)
    with pytest.raises(ImportRejected) as caught:
        validate_practice(data)
    assert caught.value.message.startswith(path), caught.value.message


def test_a_failure_while_writing_leaves_the_vault_untouched(
    new_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError("simulated failure after every row was written")

    monkeypatch.setattr(importer, "append", fail)
    with pytest.raises(OSError):
        import_practice(new_vault, small_practice())
    assert table_counts(new_vault) == {"clients": 0, "guardians": 0, "sessions": 0, "notes": 0}
    assert new_vault.settings.get("clinician_name") == ""


def fts_is_consistent(vault: Vault) -> bool:
    with vault.store.reading() as conn:
        conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")
        return (
            conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'notes_fts_insert'"
            ).fetchone()
            is not None
        )


@pytest.fixture
def bulk_indexing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large imports index notes after inserting them; make a small one take that path."""
    monkeypatch.setattr(importer, "BULK_INDEX_FROM", 1)
    monkeypatch.setattr(importer, "INDEX_STEP", 2)


@pytest.mark.usefixtures("bulk_indexing")
def test_bulk_indexing_finds_every_note_and_restores_the_trigger(
    practice: tuple[Vault, dict[str, int]],
) -> None:
    vault, _ = practice
    before = len(vault.search.search("sleep"))
    data = small_practice()
    data["clients"][0]["date_of_birth"] = "1990-05-05"  # else the fixture's Ana: skipped
    import_practice(vault, data)
    assert len(vault.search.search("harmonica")) == 2  # the fixture's note and the imported one
    assert len(vault.search.search("sleep")) == before + 2
    assert vault.search.search("process thoughts")
    assert fts_is_consistent(vault)
    later = vault.notes.start(vault.clients.page()[0].id, template="free")
    vault.notes.save_draft(later.id, "written after the import: xylophone")
    assert vault.search.search("xylophone")  # the trigger indexes new notes again


@pytest.mark.usefixtures("bulk_indexing")
def test_a_failed_bulk_import_restores_the_trigger(
    new_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError("simulated failure")

    monkeypatch.setattr(importer, "append", fail)
    with pytest.raises(OSError):
        import_practice(new_vault, small_practice())
    assert fts_is_consistent(new_vault)
    assert table_counts(new_vault)["notes"] == 0


def test_a_second_import_adds_new_clients_and_skips_known_ones(new_vault: Vault) -> None:
    import_practice(new_vault, small_practice())
    again = small_practice()
    again["clients"][0]["first_name"] = "ANA"  # the same person, typed in capitals
    newcomer = copy.deepcopy(again["clients"][1])
    newcomer.update(first_name="Zoë", last_name="Marchetti-Hale")
    again["clients"].append(newcomer)

    summary = import_practice(new_vault, again)

    assert summary.clients == 1
    assert summary.skipped == ("ANA Okafor (born 1988-03-14)", "Leo Brandt (born 2012-07-30)")
    assert table_counts(new_vault)["clients"] == 3
    assert new_vault.notes.verify_signatures() == []


def test_not_a_document() -> None:
    for data in ([], "clients", {"practice": {}}, {"clients": "Ana"}):
        with pytest.raises(ImportRejected):
            validate_practice(data)


def test_invalid_json_names_line_and_column(tmp_path: Path, new_vault: Vault) -> None:
    path = tmp_path / "practice.json"
    path.write_text('{\n  "clients": [\n    {"first_name": "Ana",,}\n  ]\n}\n', "utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_file(new_vault, path)
    assert "line 3" in caught.value.message and "column" in caught.value.message


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="There is no file"):
        read_practice_file(tmp_path / "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"clients": [{"first_name": "Jos\xe9"}]}')
    with pytest.raises(ImportRejected, match="not UTF-8"):
        read_practice_file(latin)


def test_a_field_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"clients": [], "clients": []}', "utf-8")
    with pytest.raises(ImportRejected, match="appears twice"):
        read_practice_file(path)


def test_import_file_reads_json(tmp_path: Path, new_vault: Vault) -> None:
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(small_practice()), "utf-8")
    assert import_file(new_vault, path).notes == 3


def test_the_sample_practice_validates() -> None:
    practice = validate_practice(read_practice_file(SAMPLE))
    assert practice.summary().clients > 0
