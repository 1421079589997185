"""Nothing decrypted reaches the disk: no name or note text in any file, open or closed."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from vault.records.clients import ClientInput, GuardianInput
from vault.records.notes import SessionInput
from vault.vault import Vault

SECRETS = ("Zebulon", "Quixote", "marmalade confession", "Persimmon Guardian")


def _needles() -> list[bytes]:
    needles = []
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            needles.append(secret.encode(encoding))
            needles.append(secret.lower().encode(encoding))
    return list(dict.fromkeys(needles))


def _files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path


class TempWatch:
    """Files that appear in the system temp directory while the test runs.

    Other programs share /tmp, so only entries new since the test began, modified
    during it and of a size our tiny vault could produce are read.
    """

    MAX_BYTES = 16 * 1024 * 1024

    def __init__(self) -> None:
        self.root = Path(tempfile.gettempdir())
        self.started = time.time() - 1
        self.before = set(os.listdir(self.root))

    def new_files(self) -> list[Path]:
        found = []
        for name in set(os.listdir(self.root)) - self.before:
            entry = self.root / name
            candidates = [entry] if entry.is_file() else [
                Path(top, file) for top, _dirs, files in os.walk(entry) for file in files
            ]  # fmt: skip
            for path in candidates:
                try:
                    info = path.stat()
                except OSError:  # gone already
                    continue
                if info.st_mtime >= self.started and info.st_size <= self.MAX_BYTES:
                    found.append(path)
        return found


def _leaks(paths: list[Path]) -> list[tuple[str, bytes]]:
    leaks = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:  # vanished or unreadable (another process's temp file)
            continue
        leaks.extend((str(path), needle) for needle in _needles() if needle in data)
    return leaks


def _write_secrets(vault: Vault) -> None:
    client = vault.clients.add(
        ClientInput(
            "Zebulon", "Quixote", "1961-06-01", preferred_name="Zeb",
            guardians=[GuardianInput("Persimmon Guardian")],
        )
    )  # fmt: skip
    note = vault.notes.start(client.id, template="free", session=SessionInput("2026-01-05"))
    vault.notes.save_draft(note.id, "The marmalade confession, in full. " * 50)
    vault.notes.sign(note.id)
    draft = vault.notes.start(client.id, template="soap")
    vault.notes.save_draft(draft.id, "Subjective:\nmarmalade confession again")
    assert vault.search.search("marmalade")  # the index holds the words too
    vault.clients.page("Quix")  # and a sort, which must not spill to a temp file
    vault.clients.get(client.id)


@pytest.fixture
def watch() -> TempWatch:
    return TempWatch()


def test_no_secret_in_any_file_while_the_vault_is_open(vault_dir: Path, watch: TempWatch) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    with vault:
        _write_secrets(vault)
        files = list(_files(vault_dir))
        assert (vault_dir / "quietroom.db-wal").exists()
        assert _leaks(files + watch.new_files()) == []


def test_no_secret_in_any_file_after_closing(vault_dir: Path, watch: TempWatch) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    with vault:
        _write_secrets(vault)
        vault.change_passphrase(PASSPHRASE, "another passphrase", CHEAP)
    with Vault.open(vault_dir, "another passphrase") as again:
        assert again.search.search("marmalade")
    files = list(_files(vault_dir))
    assert {p.name for p in files} >= {"quietroom.db", "quietroom.header.json"}
    assert _leaks(files + watch.new_files()) == []


def test_the_scan_would_find_a_leak(tmp_path: Path) -> None:
    """The detector itself works, in both encodings."""
    plain = tmp_path / "plain.txt"
    plain.write_bytes("Dear Zebulon".encode("utf-16-le"))
    assert (str(plain), "Zebulon".encode("utf-16-le")) in _leaks([plain])
    plain.write_bytes(b"...marmalade confession...")
    assert _leaks([plain]) == [(str(plain), b"marmalade confession")]
    os.remove(plain)
