"""A full disk while saving: a sentence, the previous text kept, the vault still usable."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import snapshot
from vault.errors import DiskFull
from vault.vault import Vault

NO_LIMIT = 4294967294


def _fill_the_disk(vault: Vault) -> None:
    """SQLite's own quota: the database may not grow by a single page."""
    conn = vault.store._conn
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_space(vault: Vault) -> None:
    conn = vault.store._conn
    assert conn is not None
    conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")


def test_a_large_draft_on_a_full_disk_keeps_the_previous_text(
    practice: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = practice
    saved = vault.notes.get(ids["draft"]).body
    audit_entries = vault.audit.verify()
    _fill_the_disk(vault)
    with pytest.raises(DiskFull) as caught:
        vault.notes.save_draft(ids["draft"], "a long paragraph of session notes. " * 5000)
    assert caught.value.message.startswith("The disk is full, so your note was not saved.")
    assert vault.notes.get(ids["draft"]).body == saved
    assert [hit.note_id for hit in vault.search.search("paragraph")] == []
    _free_space(vault)
    vault.notes.save_draft(ids["draft"], "a long paragraph of session notes. " * 5000)
    assert [hit.note_id for hit in vault.search.search("paragraph")] == [ids["draft"]]
    assert vault.audit.verify() == audit_entries
    conn = vault.store._conn
    assert conn is not None
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_signing_on_a_full_disk_leaves_the_note_a_draft(
    practice: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = practice
    vault.notes.save_draft(ids["draft"], "Data:\n" + "Long enough to need new pages. " * 3000)
    _fill_the_disk(vault)
    with pytest.raises(DiskFull):  # use up every free byte of the last pages
        for _ in range(500):
            vault.audit.record("backup")
    with pytest.raises(DiskFull):
        vault.notes.sign(ids["draft"])
    assert not vault.notes.get(ids["draft"]).is_signed
    _free_space(vault)
    assert vault.notes.sign(ids["draft"]).is_signed
    assert vault.notes.verify_signatures() == []
    assert vault.audit.verify() > 0


def _failing_writes_into(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = str(root)  # no /proc: treat every write as one into the vault
        if target.startswith(str(root)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


def test_passphrase_change_on_a_full_disk_keeps_the_old_header(
    new_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_vault.layout.root
    before = snapshot(root, skip_lock=True)
    before = {name: digest for name, digest in before.items() if "header" in name}
    _failing_writes_into(monkeypatch, root)
    with pytest.raises(DiskFull) as caught:
        new_vault.change_passphrase(PASSPHRASE, "the new passphrase", CHEAP)
    assert "disk is full" in caught.value.message
    monkeypatch.undo()
    after = {name: digest for name, digest in snapshot(root).items() if "header" in name}
    assert after == before
    assert not list(root.glob(".*.tmp"))
    assert new_vault.clients.count() == 0  # still open and working
    new_vault.close()
    Vault.open(root, PASSPHRASE).close()
    with pytest.raises(Exception, match="passphrase"):
        Vault.open(root, "the new passphrase")


def test_creating_a_vault_on_a_full_disk_leaves_nothing_to_trip_over(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault_dir.mkdir(mode=0o700)
    _failing_writes_into(monkeypatch, vault_dir.parent)  # the vault is built beside its folder
    with pytest.raises(DiskFull):
        Vault.create(vault_dir, PASSPHRASE, CHEAP)
    monkeypatch.undo()
    assert {p.name for p in vault_dir.parent.iterdir()} == {vault_dir.name}  # no leftover
    assert list(vault_dir.iterdir()) == []
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    vault.close()
