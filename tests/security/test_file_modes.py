"""Files are 0600 in a 0700 directory whatever the umask: after create, open, passphrase change."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.vault import Vault


@pytest.fixture(params=[0o022, 0o000, 0o002], ids=lambda u: f"umask{u:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def _modes(root: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in root.iterdir()}


def _assert_private(root: Path) -> None:
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    modes = _modes(root)
    assert "quietroom.db" in modes
    assert {name: mode for name, mode in modes.items() if mode != 0o600} == {}


def test_every_file_is_private_at_every_step(vault_dir: Path, umask: int) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    add_practice(vault)
    _assert_private(vault_dir)
    vault.change_passphrase(PASSPHRASE, "second passphrase", CHEAP)
    assert (vault_dir / "quietroom.header.json.bak").exists()
    _assert_private(vault_dir)
    vault.close()
    _assert_private(vault_dir)

    with Vault.open(vault_dir, "second passphrase") as again:
        again.notes.save_draft(add_practice(again)["draft"], "Data:\nmore")
        assert (vault_dir / "quietroom.db-wal").exists()
        _assert_private(vault_dir)
        again.set_passphrase("third passphrase", CHEAP)
        _assert_private(vault_dir)
    _assert_private(vault_dir)


def test_an_existing_open_directory_is_made_private_on_create(vault_dir: Path, umask: int) -> None:
    vault_dir.mkdir()
    os.chmod(vault_dir, 0o755)
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    _assert_private(vault_dir)


def test_recovery_writes_a_private_header(vault_dir: Path, umask: int) -> None:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    vault.close()
    (vault_dir / "quietroom.header.json").unlink()
    (vault_dir / "quietroom.header.json.bak").unlink()
    with Vault.recover(vault_dir, recovery_key) as recovered:
        recovered.set_passphrase("after recovery", CHEAP)
        _assert_private(vault_dir)
