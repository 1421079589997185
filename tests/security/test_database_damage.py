"""A damaged, truncated or foreign database: refused with its own sentence, never rebuilt."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import flip_bit, snapshot
from vault.errors import DatabaseDamaged, NotAVault, StorageFailure, VaultError
from vault.records.clients import ClientInput
from vault.storage.db import PAGE_SIZE
from vault.vault import Vault


def _db(root: Path) -> Path:
    return root / "quietroom.db"


# Bytes 0..15 are the salt, which the key header keeps a copy of: a flip there is
# repaired (tests/security/test_database_salt.py).
@pytest.mark.parametrize("offset", [16, 100, PAGE_SIZE // 2, PAGE_SIZE - 1])
def test_a_flipped_bit_in_page_one_is_damage_on_open(root: Path, offset: int) -> None:
    flip_bit(_db(root), offset)
    before = snapshot(root)
    with pytest.raises(DatabaseDamaged) as caught:
        Vault.open(root, PASSPHRASE)
    assert "damaged" in caught.value.message and "backup" in caught.value.message
    assert snapshot(root) == before


def _plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (first_name TEXT)")
    conn.execute("INSERT INTO clients VALUES ('someone')")
    conn.commit()
    conn.close()


def _replace(root: Path, kind: str) -> None:
    db = _db(root)
    data = db.read_bytes()
    if kind == "truncated":
        db.write_bytes(data[: len(data) // 2 - 1000])
    elif kind == "empty":
        db.write_bytes(b"")
    elif kind == "random":
        db.write_bytes(os.urandom(len(data)))
    elif kind == "plain":
        db.unlink()
        _plain_sqlite(db)


def _refusal(root: Path, kind: str) -> VaultError:
    _replace(root, kind)
    before = snapshot(root)
    with pytest.raises(VaultError) as caught:
        Vault.open(root, PASSPHRASE)
    assert snapshot(root) == before, "a refused open changed a file"
    assert not (root / "quietroom.db-wal").exists()
    return caught.value


@pytest.mark.parametrize(
    ("kind", "error", "words"),
    [
        ("truncated", DatabaseDamaged, "truncated"),
        ("empty", DatabaseDamaged, "empty"),
        ("random", DatabaseDamaged, "cannot be decrypted"),
        ("plain", NotAVault, "unencrypted"),
    ],
)
def test_a_broken_or_foreign_database_is_refused_and_left_alone(
    root: Path, kind: str, error: type[VaultError], words: str
) -> None:
    refusal = _refusal(root, kind)
    assert type(refusal) is error
    assert words in refusal.message
    assert refusal.message.endswith(".")


def test_each_kind_of_broken_database_has_its_own_sentence(tmp_path: Path) -> None:
    messages = set()
    for kind in ("truncated", "empty", "random", "plain"):
        root = tmp_path / kind
        vault, _ = Vault.create(root, PASSPHRASE, CHEAP)
        vault.close()
        messages.add(_refusal(root, kind).message)
    assert len(messages) == 4


def test_a_plain_sqlite_file_is_never_turned_into_a_vault(root: Path) -> None:
    _replace(root, "plain")
    for _ in range(2):
        with pytest.raises(NotAVault):
            Vault.open(root, PASSPHRASE)
    conn = sqlite3.connect(_db(root))
    assert conn.execute("SELECT first_name FROM clients").fetchall() == [("someone",)]
    conn.close()


# -- a damaged page in the middle ---------------------------------------------------


@pytest.fixture(scope="module")
def big_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, list[int]]:
    """300 notes of ~2 KB: many pages. Returns the closed vault, its key, the note ids."""
    root = tmp_path_factory.mktemp("big") / "vault"
    vault, _ = Vault.create(root, PASSPHRASE, CHEAP)
    client = vault.clients.add(ClientInput("Nora", "Vance", "1979-09-09"))
    vault.store._conn.execute("PRAGMA synchronous = OFF")  # type: ignore[union-attr]  # speed only
    ids = []
    for i in range(300):
        note = vault.notes.start(client.id, template="free")
        vault.notes.save_draft(note.id, f"note {i} " + f"session words number {i} " * 80)
        ids.append(note.id)
    key = vault.raw_key()
    vault.close()
    return root, key, ids


def _cipher_integrity(db: Path, key: bytes) -> list[str]:
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
    finally:
        conn.close()


def test_a_flipped_byte_in_a_middle_page_is_found_when_read(
    big_vault: tuple[Path, bytes, list[int]], tmp_path: Path
) -> None:
    source, key, ids = big_vault
    root = tmp_path / "vault"
    shutil.copytree(source, root)
    pristine = _db(root).read_bytes()
    pages = len(pristine) // PAGE_SIZE
    assert pages > 100
    # Walk from the middle until the damaged page holds note text (not a free page
    # or an index page no note read touches); each try starts from the pristine file.
    for page in range(pages // 2, pages):
        damaged = bytearray(pristine)
        damaged[page * PAGE_SIZE + PAGE_SIZE // 2] ^= 0x10
        _db(root).write_bytes(bytes(damaged))
        assert any(f"page {page + 1}" in line for line in _cipher_integrity(_db(root), key))
        vault = Vault.open(root, PASSPHRASE)  # page 1 is fine: the open succeeds
        try:
            failures = []
            for note_id in ids:
                try:
                    vault.notes.get(note_id)
                except DatabaseDamaged as exc:
                    failures.append(exc.message)
            if failures:
                assert all("damaged" in m and "quietroom verify" in m for m in failures)
                assert len(failures) < len(ids)  # the rest of the notes still read
                return
        finally:
            vault.close()
    pytest.fail("no middle page held note text")


def test_an_untouched_vault_passes_the_cipher_integrity_check(
    big_vault: tuple[Path, bytes, list[int]],
) -> None:
    source, key, _ = big_vault
    assert _cipher_integrity(_db(source), key) == []


@pytest.mark.parametrize("name", ["quietroom.db", "quietroom.header.json"])
def test_a_folder_in_place_of_a_vault_file_gets_a_sentence(root: Path, name: str) -> None:
    (root / name).unlink()
    (root / name).mkdir()
    with pytest.raises(StorageFailure) as caught:
        Vault.open(root, PASSPHRASE)
    assert name in caught.value.message and "a file you can read" in caught.value.message
