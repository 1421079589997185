"""A damaged or hostile key header: named for what it is, refused before Argon2 runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.security._util import load_header, reseal, snapshot
from vault.errors import HeaderDamaged, HostileParameters, WrongPassphrase
from vault.keys import header as header_module
from vault.keys import kdf
from vault.vault import Vault


@pytest.fixture
def argon2_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any Argon2 run fails the test: refusal must come before the expensive part."""

    def forbidden(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("Argon2 ran on parameters that should have been refused")

    monkeypatch.setattr(kdf, "hash_secret_raw", forbidden)
    monkeypatch.setattr(header_module, "derive_key", forbidden)


def _header(root: Path) -> Path:
    return root / "quietroom.header.json"


def _flip_character(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: _flip_character(p, '"time_cost": 1', '"time_cost": 2'), id="digit"),
        pytest.param(lambda p: _flip_character(p, "argon2id", "argon2ie"), id="letter"),
        pytest.param(lambda p: _flip_character(p, '"salt": "', '"salt": "A'), id="salt"),
        pytest.param(
            lambda p: _flip_character(p, '"wrapped_key": "', '"wrapped_key": "B'), id="key"
        ),
        pytest.param(
            lambda p: _flip_character(p, '"checksum": "', '"checksum": "0'), id="checksum"
        ),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), id="cut"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_bytes(b"\x00" * 512), id="zeros"),
        pytest.param(lambda p: p.unlink(), id="missing"),
    ],
)
def test_a_damaged_header_is_damage_never_a_wrong_passphrase(
    root: Path, damage: object, argon2_forbidden: None
) -> None:
    damage(_header(root))  # type: ignore[operator]
    before = snapshot(root)
    with pytest.raises(HeaderDamaged) as caught:
        Vault.open(root, PASSPHRASE)
    assert ".bak" in caught.value.message and "recovery key" in caught.value.message
    assert snapshot(root) == before


def test_the_backup_restores_a_damaged_header(root: Path) -> None:
    _flip_character(_header(root), '"version": 1', '"version": 7')
    with pytest.raises(HeaderDamaged):
        Vault.open(root, PASSPHRASE)
    shutil.copyfile(root / "quietroom.header.json.bak", _header(root))
    with Vault.open(root, PASSPHRASE) as vault:
        assert vault.clients.count() == 2


def _with_params(root: Path, **params: object) -> None:
    doc = load_header(_header(root))
    doc["kdf"].update(params)
    _header(root).write_bytes(reseal(doc))


@pytest.mark.parametrize(
    "params",
    [
        {"memory_kib": 2**40},
        {"memory_kib": 2**31},
        {"time_cost": 10**6},
        {"time_cost": 0},
        {"parallelism": 0},
        {"parallelism": 1000},
        {"memory_kib": 65536.0},
        {"time_cost": "3"},
        {"time_cost": [3]},
        {"parallelism": True},
        {"memory_kib": False},
        {"time_cost": None},
        {"memory_kib": -1},
    ],
    ids=str,
)
def test_hostile_parameters_with_a_valid_checksum_are_refused_without_argon2(
    root: Path, params: dict[str, object], argon2_forbidden: None
) -> None:
    _with_params(root, **params)
    before = snapshot(root)
    with pytest.raises(HostileParameters) as caught:
        Vault.open(root, PASSPHRASE)
    assert caught.value.message.startswith("The key header")
    assert snapshot(root) == before


def test_hostile_parameters_do_not_block_recovery(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recovery key needs no Argon2, so a poisoned header cannot lock the user out."""
    with Vault.open(root, PASSPHRASE) as vault:
        recovery_key = vault.recovery_key
    _with_params(root, memory_kib=2**40)
    monkeypatch.setattr(header_module, "derive_key", None)  # any Argon2 call would crash
    with Vault.recover(root, recovery_key) as vault:
        assert vault.clients.count() == 2


def test_params_edited_within_bounds_are_caught_by_the_tag(root: Path) -> None:
    """A plausible edit with a recomputed checksum opens nothing and reads as wrong passphrase."""
    _with_params(root, time_cost=2)
    with pytest.raises(WrongPassphrase):
        Vault.open(root, PASSPHRASE)
