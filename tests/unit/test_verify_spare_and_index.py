"""verify checks the spare header against the live one and the search index against the
notes, says how to repair each, and never quotes SQLite's own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3
from typer.testing import CliRunner

from tests.conftest import CHEAP, PASSPHRASE
from vault.cli.commands import app
from vault.keys import header as header_file
from vault.records.notes import NoteService
from vault.storage.layout import VaultLayout
from vault.vault import Vault
from vault.verify import (
    AUDIT,
    ENCRYPTION,
    SEARCH_INDEX,
    SIGNATURES,
    SPARE,
    STRUCTURE,
    verify_vault,
)

Practice = tuple[Vault, dict[str, int]]
OTHER = "a second passphrase entirely"
PAGE = 4096


def check(root: Path, name: str, passphrase: str = PASSPHRASE) -> tuple[bool | None, str]:
    found = next(c for c in verify_vault(root, passphrase).checks if c.name == name)
    return found.ok, found.detail


def verify_cli(root: Path, *options: str) -> object:
    return CliRunner().invoke(
        app, ["verify", "--vault", str(root), *options], input=f"{PASSPHRASE}\n"
    )


@pytest.fixture
def root(practice: Practice) -> Path:
    vault, _ = practice
    vault.close()
    return vault.layout.root


# -- the spare header -------------------------------------------------------------


def test_a_spare_that_opens_with_another_passphrase_is_named_with_its_repair(root: Path) -> None:
    layout = VaultLayout(root)
    with Vault.open(root, PASSPHRASE) as vault:
        dek = vault.raw_key()
    layout.header_backup.write_bytes(header_file.wrap(dek, OTHER, CHEAP).to_bytes())

    ok, detail = check(root, SPARE)
    assert ok is False
    assert "another passphrase" in detail
    assert "copy quietroom.header.json over quietroom.header.json.bak" in detail
    assert not verify_vault(root, PASSPHRASE).ok


def test_a_spare_for_another_key_is_named(root: Path, tmp_path: Path) -> None:
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, CHEAP)
    other.close()
    shutil.copyfile(tmp_path / "other" / "quietroom.header.json", VaultLayout(root).header_backup)
    ok, detail = check(root, SPARE)
    assert ok is False and "different data key" in detail


def test_a_missing_spare_is_named(root: Path) -> None:
    VaultLayout(root).header_backup.unlink()
    ok, detail = check(root, SPARE)
    assert ok is False and "missing" in detail


def test_the_repair_verify_names_works(root: Path) -> None:
    layout = VaultLayout(root)
    with Vault.open(root, PASSPHRASE) as vault:
        dek = vault.raw_key()
    layout.header_backup.write_bytes(header_file.wrap(dek, OTHER, CHEAP).to_bytes())
    shutil.copyfile(layout.header, layout.header_backup)  # the one copy verify names
    assert check(root, SPARE)[0] is True
    assert verify_vault(root, PASSPHRASE).ok


def test_a_damaged_header_whose_spare_opens_says_to_copy_it(root: Path) -> None:
    layout = VaultLayout(root)
    layout.header.write_bytes(layout.header.read_bytes()[:50])
    report = verify_vault(root, PASSPHRASE)
    detail = report.checks[0].detail
    assert "opens with this passphrase" in detail and "copy it over" in detail
    assert "passphrase that was in use before" not in detail  # the old, untrue wording


def test_a_damaged_header_whose_spare_does_not_open_points_to_recover(root: Path) -> None:
    layout = VaultLayout(root)
    layout.header.write_bytes(layout.header.read_bytes()[:50])
    detail = verify_vault(root, "not the passphrase").checks[0].detail
    assert "does not open with this passphrase" in detail and "recover" in detail


# -- the search index ---------------------------------------------------------------


def raw(root: Path, dek: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(VaultLayout(root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


def test_a_stale_search_index_is_found_and_rebuild_repairs_it(practice: Practice) -> None:
    vault, ids = practice
    root, dek = vault.layout.root, vault.raw_key()
    vault.close()
    conn = raw(root, dek)
    conn.execute("DROP TRIGGER notes_fts_update")  # a change the index never heard of
    conn.execute("UPDATE notes SET body = 'the otter story' WHERE id = ?", (ids["draft"],))
    conn.close()

    ok, detail = check(root, SEARCH_INDEX)
    assert ok is False
    assert "quietroom verify --rebuild-index" in detail
    assert "notes themselves are not affected" in detail
    result = verify_cli(root)
    assert result.exit_code == 1  # type: ignore[attr-defined]

    result = verify_cli(root, "--rebuild-index")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    with Vault.open(root, PASSPHRASE) as reopened:
        assert [hit.note_id for hit in reopened.search.search("otter")] == [ids["draft"]]
        assert reopened.audit.recent(2)[1].action == "rebuild_search_index"


def test_index_pages_put_back_from_an_older_copy_are_found(practice: Practice) -> None:
    """What SQLCipher cannot see: an older copy of a page authenticates like the current one."""
    vault, ids = practice
    root = vault.layout.root
    with vault.store.reading() as conn:
        roots = [
            page
            for (page,) in conn.execute(
                "SELECT rootpage FROM sqlite_master WHERE name LIKE 'notes_fts_%' AND rootpage > 0"
            )
        ]
    vault.close()
    database = VaultLayout(root).database
    older = database.read_bytes()
    with Vault.open(root, PASSPHRASE) as reopened:
        reopened.notes.save_draft(ids["draft"], "Data:\nWalked by the harbour with Pickle the dog.")
    data = bytearray(database.read_bytes())
    for page in roots:
        start = (page - 1) * PAGE
        data[start : start + PAGE] = older[start : start + PAGE]
    database.write_bytes(bytes(data))

    assert check(root, ENCRYPTION)[0] is True  # every page still authenticates
    assert check(root, SEARCH_INDEX)[0] is False


# -- never SQLite's own words ---------------------------------------------------------


def test_no_check_quotes_sqlite_error_text(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Client disclosed the affair with her sister"

    def quoting_failure(service: object) -> list[int]:
        with service._store.reading("checking"):  # type: ignore[attr-defined]
            raise sqlcipher3.OperationalError(f"no such column: {secret}")

    monkeypatch.setattr(NoteService, "verify_signatures", quoting_failure)
    monkeypatch.setattr("vault.records.audit.AuditLog.verify", quoting_failure)
    result = verify_cli(root)
    assert secret not in result.output  # type: ignore[attr-defined]
    report = verify_vault(root, PASSPHRASE)
    for name in (AUDIT, SIGNATURES):
        detail = next(c.detail for c in report.checks if c.name == name)
        assert secret not in detail and "Could not be checked" in detail


def test_structure_problems_are_counted_not_quoted(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vault import verify as verify_module

    quoted = "row 3 missing from index clients_by_name 'Okafor'"

    class Quoting:
        def __init__(self, conn: object) -> None:
            self._conn = conn

        def execute(self, sql: str, *args: object) -> object:
            if sql == "PRAGMA integrity_check":
                return iter([(quoted,), ("another",)])
            return self._conn.execute(sql, *args)  # type: ignore[attr-defined]

        def __getattr__(self, name: str) -> object:
            return getattr(self._conn, name)

    real_connect = verify_module.connect
    monkeypatch.setattr(verify_module, "connect", lambda *a, **k: Quoting(real_connect(*a, **k)))
    ok, detail = check(root, STRUCTURE)
    assert ok is False and "2 problem(s)" in detail and "Okafor" not in detail
