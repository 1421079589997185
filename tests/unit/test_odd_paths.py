"""A vault folder may be called anything a therapist would call it: "#", "%", "?",
spaces and letters like "ë" are part of a name, never of a SQLite URI."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from vault.backup import backup
from vault.records.clients import ClientInput
from vault.storage.db import database_uri
from vault.vault import Vault

NAMES = ["Practice #1", "100% notes", "what?now", "Zoë Brontë", "a%20b", "x?mode=ro#y"]


def _only_vault_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("name", NAMES)
def test_init_open_recover_and_backup_in_a_folder_with_an_odd_name(
    tmp_path: Path, name: str
) -> None:
    parent = tmp_path / name
    parent.mkdir()
    root = parent / name
    vault, recovery_key = Vault.create(root, PASSPHRASE, CHEAP)
    with vault:
        vault.clients.add(ClientInput("Zoë", "Ågren", "1990-01-01"))
    assert _only_vault_files(parent) == {name}, "a file was written beside the vault folder"
    assert stat.S_IMODE((root / "quietroom.db").stat().st_mode) == 0o600
    with Vault.open(root, PASSPHRASE) as vault:
        assert vault.clients.count() == 1
        copy = backup(vault, parent / f"{name} backup")
    assert _only_vault_files(parent) == {name, f"{name} backup"}
    with Vault.recover(root, recovery_key) as vault:
        assert vault.clients.count() == 1
    with Vault.open(copy.destination, PASSPHRASE) as vault:
        assert vault.clients.count() == 1


def test_the_uri_quotes_every_character_sqlite_would_read_as_syntax() -> None:
    uri = database_uri(Path("/home/zoë/a #b?c%d/quietroom.db"), "rw")
    assert uri == "file:///home/zo%C3%AB/a%20%23b%3Fc%25d/quietroom.db?mode=rw"


def test_a_relative_path_becomes_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_uri(Path("v#1/quietroom.db"), "rwc").startswith(f"file://{tmp_path}/v%231/")
