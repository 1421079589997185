"""audit.head: cutting off the newest audit entries is caught by verify."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE
from vault.backup import backup
from vault.records.audit import entry_hash
from vault.storage.layout import VaultLayout
from vault.vault import Vault
from vault.verify import AUDIT, AUDIT_HEAD, verify_vault

Practice = tuple[Vault, dict[str, int]]


def _raw(root: Path, dek: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(VaultLayout(root).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


def _check(root: Path, name: str = AUDIT_HEAD) -> tuple[bool | None, str]:
    found = next(c for c in verify_vault(root, PASSPHRASE).checks if c.name == name)
    return found.ok, found.detail


def _closed(practice: Practice) -> tuple[Path, bytes, int]:
    vault, _ = practice
    last = vault.audit.recent(1)[0].id
    root, dek = vault.layout.root, vault.raw_key()
    vault.close()
    return root, dek, last


def test_the_head_is_written_private_and_verify_accepts_it(practice: Practice) -> None:
    root, _, last = _closed(practice)
    path = VaultLayout(root).audit_head
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    body = json.loads(path.read_text())
    assert body["id"] == last and set(body) == {"version", "id", "hash", "mac"}
    assert _check(root) == (True, f"the log still reaches entry {last:,}.")
    assert verify_vault(root, PASSPHRASE).ok


@pytest.mark.parametrize("cut", [1, 3])
def test_removing_the_newest_entries_is_named(practice: Practice, cut: int) -> None:
    root, dek, last = _closed(practice)
    conn = _raw(root, dek)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id > ?", (last - cut,))
    conn.close()
    assert _check(root, AUDIT)[0] is True  # what is left is still a sound chain
    ok, detail = _check(root)
    assert ok is False
    assert f"ends at entry {last - cut:,}" in detail and f"newest {cut}" in detail
    assert not verify_vault(root, PASSPHRASE).ok


def test_removed_entries_replaced_by_a_fresh_chain_are_named(practice: Practice) -> None:
    root, dek, last = _closed(practice)
    conn = _raw(root, dek)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id > ?", (last - 2,))
    prev = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (last - 2,)).fetchone()[0]
    for entry_id in (last - 1, last):  # the same count again, each hash correct
        at = "2026-01-01T00:00:00+00:00"
        digest = entry_hash(prev, entry_id, at, "backup", "", "")
        conn.execute(
            "INSERT INTO audit_log (id, at, action, subject, detail, prev_hash, hash)"
            " VALUES (?, ?, 'backup', '', '', ?, ?)",
            (entry_id, at, prev, digest),
        )
        prev = digest
    conn.close()
    assert _check(root, AUDIT)[0] is True
    ok, detail = _check(root)
    assert ok is False and f"Entry {last:,} is not the one" in detail


def test_a_forged_head_is_named(practice: Practice) -> None:
    root, _, last = _closed(practice)
    path = VaultLayout(root).audit_head
    body = json.loads(path.read_text())
    body["id"] = last + 5
    path.write_text(json.dumps(body))
    ok, detail = _check(root)
    assert ok is False and "audit.head was altered" in detail


@pytest.mark.parametrize(
    "content", [b"", b"not json", b"{}", b"[1]", b"x" * 10_000, b'{"id": 1e400}']
)
def test_a_garbled_head_is_named_not_a_crash(practice: Practice, content: bytes) -> None:
    root, _, _ = _closed(practice)
    VaultLayout(root).audit_head.write_bytes(content)
    ok, detail = _check(root)
    assert ok is False and "altered or copied from another vault" in detail


def test_a_head_from_another_vault_is_named(practice: Practice, tmp_path: Path) -> None:
    root, _, _ = _closed(practice)
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, CHEAP)
    other.close()
    VaultLayout(root).audit_head.write_bytes(VaultLayout(other.layout.root).audit_head.read_bytes())
    assert _check(root)[0] is False


def test_no_head_on_an_older_vault_is_a_notice_not_a_failure(practice: Practice) -> None:
    root, _, _ = _closed(practice)
    VaultLayout(root).audit_head.unlink()
    ok, detail = _check(root)
    assert ok is True and "not recorded yet" in detail
    assert verify_vault(root, PASSPHRASE).ok
    Vault.open(root, PASSPHRASE).close()  # opening writes it again
    assert VaultLayout(root).audit_head.exists()


def test_a_head_behind_the_chain_is_fine(practice: Practice) -> None:
    """A crash after a commit but before the head was written leaves it behind."""
    vault, ids = practice
    old_head = VaultLayout(vault.layout.root).audit_head.read_bytes()
    vault.clients.get(ids["ana"])  # an entry appended inside another service's transaction
    vault.record_event("backup")
    root = vault.layout.root
    vault.close()
    VaultLayout(root).audit_head.write_bytes(old_head)
    assert _check(root)[0] is True


def test_a_head_the_disk_refuses_never_stops_the_vault(practice: Practice) -> None:
    vault, _ = practice
    path = VaultLayout(vault.layout.root).audit_head
    path.unlink()
    path.mkdir()  # a folder where the file goes: every write of it fails
    vault.audit.record("backup")
    vault.close()
    path.rmdir()
    assert _check(vault.layout.root)[0] is True


def test_a_backup_carries_the_head_and_verifies(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    dest = tmp_path / "copy"
    backup(vault, dest)
    vault.close()
    assert VaultLayout(dest).audit_head.exists()
    assert _check(dest)[0] is True
    assert verify_vault(dest, PASSPHRASE).ok
