"""One process at a time: a second opener is refused with a sentence, not a corrupted vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import open_in_another_process
from vault.errors import StorageFailure, VaultInUse
from vault.storage import lockfile
from vault.vault import Vault

REPO = Path(__file__).resolve().parents[2]


def test_a_second_process_is_refused_while_the_vault_is_open(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        kind, message = open_in_another_process(vault_dir, PASSPHRASE)
        assert kind == "VaultInUse"
        assert message.startswith("This vault is already open")
        assert vault.clients.count() == 0  # the holder is undisturbed
    finally:
        vault.close()
    assert open_in_another_process(vault_dir, PASSPHRASE) == ("opened", "")


def test_a_second_open_in_the_same_process_is_refused(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    with vault:
        with pytest.raises(VaultInUse, match="already open"):
            Vault.open(vault_dir, PASSPHRASE)
        with pytest.raises(VaultInUse):
            Vault.recover(vault_dir, vault.recovery_key)
        assert vault.is_open and vault.clients.count() == 0
    Vault.open(vault_dir, PASSPHRASE).close()


def test_creating_over_an_open_vault_is_refused(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    with vault, pytest.raises(Exception, match="already"):
        Vault.create(vault_dir, PASSPHRASE, CHEAP)


def test_a_folder_it_cannot_write_in_is_a_sentence(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root here, so chmod cannot simulate it; refuse the lock file's open."""
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()

    real_open = lockfile.os.open

    def read_only(path: Path, *args: object, **kwargs: object) -> int:
        if Path(path).name == "quietroom.lock":  # only the lock: the vault's files still read
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lockfile.os, "open", read_only)
    with pytest.raises(StorageFailure) as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert "Permission denied" in caught.value.message
    assert str(vault_dir) in caught.value.message
    monkeypatch.undo()
    Vault.open(vault_dir, PASSPHRASE).close()
