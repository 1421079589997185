"""Passphrases, the recovery key, and the promise that any SQLCipher 4 tool opens the vault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from tests.security._util import snapshot
from vault.errors import HeaderDamaged, WrongPassphrase, WrongRecoveryKey
from vault.keys.recovery_key import format_recovery_key, parse_recovery_key
from vault.vault import Vault

NEW_PASSPHRASE = "a different and longer passphrase"


@pytest.fixture
def closed_practice(vault_dir: Path) -> tuple[Path, str, dict[str, int]]:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    ids = add_practice(vault)
    vault.close()
    return vault_dir, recovery_key, ids


def test_wrong_passphrase_is_refused_and_changes_no_byte(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    root, _, _ = closed_practice
    with Vault.open(root, PASSPHRASE) as vault:  # a real .bak from a passphrase change
        vault.change_passphrase(PASSPHRASE, PASSPHRASE, CHEAP)
    before = snapshot(root)
    assert {"quietroom.db", "quietroom.header.json", "quietroom.header.json.bak"} <= set(before)
    for attempt in ("", "correct horse battery stapl", PASSPHRASE.upper(), PASSPHRASE + "\n"):
        with pytest.raises(WrongPassphrase) as caught:
            Vault.open(root, attempt)
        assert caught.value.message == "That passphrase does not open this vault."
    assert snapshot(root) == before


def test_passphrase_change_round_trip(closed_practice: tuple[Path, str, dict[str, int]]) -> None:
    root, _, ids = closed_practice
    with Vault.open(root, PASSPHRASE) as vault:
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        assert vault.audit.recent(1)[0].action == "passphrase_change"
        assert vault.notes.get(ids["draft"]).body  # still open, still working
    with pytest.raises(WrongPassphrase):
        Vault.open(root, PASSPHRASE)
    # A leaked passphrase, once changed, opens nothing: not even the spare header.
    shutil.copyfile(root / "quietroom.header.json.bak", root / "quietroom.header.json")
    with pytest.raises(WrongPassphrase):
        Vault.open(root, PASSPHRASE)
    with Vault.open(root, NEW_PASSPHRASE) as vault:
        assert vault.clients.get(ids["ana"]).last_name == "Okafor"


def test_a_change_with_the_wrong_current_passphrase_changes_nothing(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    root, _, _ = closed_practice
    with Vault.open(root, PASSPHRASE) as vault:
        before = {
            name: (root / name).read_bytes()
            for name in ("quietroom.header.json", "quietroom.header.json.bak")
        }
        with pytest.raises(WrongPassphrase):
            vault.change_passphrase("not it", NEW_PASSPHRASE)
        with pytest.raises(WrongPassphrase, match="empty"):
            vault.change_passphrase(PASSPHRASE, "")
        for name, content in before.items():
            assert (root / name).read_bytes() == content
    Vault.open(root, PASSPHRASE).close()


def test_the_backup_header_restores_a_damaged_one(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    """What the README promises: copying the .bak over a damaged header restores it."""
    root, _, _ = closed_practice
    with Vault.open(root, PASSPHRASE) as vault:
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, CHEAP)
    header = root / "quietroom.header.json"
    header.write_bytes(header.read_bytes()[:40])
    with pytest.raises(HeaderDamaged):
        Vault.open(root, NEW_PASSPHRASE)
    shutil.copyfile(root / "quietroom.header.json.bak", header)
    Vault.open(root, NEW_PASSPHRASE).close()


def test_a_decomposed_passphrase_opens_a_vault_made_with_the_composed_one(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, "mot de passe d\u00e9j\u00e0 vu", CHEAP)
    vault.close()
    Vault.open(vault_dir, "mot de passe de\u0301ja\u0300 vu").close()
    with Vault.open(vault_dir, "mot de passe d\u00e9j\u00e0 vu") as again:
        again.change_passphrase("mot de passe de\u0301ja\u0300 vu", "\u212bngstr\u00f6m", CHEAP)
    Vault.open(vault_dir, "A\u030angstro\u0308m").close()  # NFC folds both to Ångström


def test_recovery_with_the_header_deleted_then_a_new_passphrase(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    root, recovery_key, ids = closed_practice
    (root / "quietroom.header.json").unlink()
    (root / "quietroom.header.json.bak").unlink()
    with pytest.raises(HeaderDamaged, match="missing"):
        Vault.open(root, PASSPHRASE)
    typed = recovery_key.lower().replace(" ", "-")
    with Vault.recover(root, typed) as vault:
        assert vault.audit.recent(1)[0].action == "unlock_with_recovery_key"
        assert vault.clients.get(ids["ana"]).first_name == "Ana"
        vault.set_passphrase(NEW_PASSPHRASE, CHEAP)
    assert (root / "quietroom.header.json").exists()
    assert (root / "quietroom.header.json.bak").exists()
    with Vault.open(root, NEW_PASSPHRASE) as vault:
        assert vault.notes.get(ids["signed"]).is_signed
        assert vault.audit.verify() > 0


def test_recovery_works_with_a_damaged_header_too(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    root, recovery_key, _ = closed_practice
    (root / "quietroom.header.json").write_text("{ this is not json")
    Vault.recover(root, recovery_key).close()


@pytest.mark.parametrize("header_present", [True, False])
def test_another_vaults_recovery_key_is_named_wrong_not_damage(
    closed_practice: tuple[Path, str, dict[str, int]], tmp_path: Path, header_present: bool
) -> None:
    root, _, _ = closed_practice
    other, other_key = Vault.create(tmp_path / "other", "other", CHEAP)
    other.close()
    if not header_present:
        (root / "quietroom.header.json").unlink()
    before = snapshot(root)
    with pytest.raises(WrongRecoveryKey) as caught:
        Vault.recover(root, other_key)
    assert "recovery key" in caught.value.message
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "typed", ["", "0123", "G" * 64, "0" * 63, "0" * 65, "00000000 " * 7 + "0000000Z"]
)
def test_a_malformed_recovery_key_says_what_one_looks_like(
    closed_practice: tuple[Path, str, dict[str, int]], typed: str
) -> None:
    root, _, _ = closed_practice
    with pytest.raises(WrongRecoveryKey, match="64 hexadecimal digits"):
        Vault.recover(root, typed)


def test_recovery_key_formats_a_person_might_type() -> None:
    key = bytes(range(32))
    shown = format_recovery_key(key)
    assert shown == "00010203 04050607 08090A0B 0C0D0E0F 10111213 14151617 18191A1B 1C1D1E1F"
    for typed in (shown, shown.lower(), shown.replace(" ", "-"), shown.replace(" ", ""),
                  f"  {shown}\n", shown.replace(" ", "\t")):  # fmt: skip
        assert parse_recovery_key(typed) == key


def test_the_open_vault_shows_the_same_recovery_key(vault_dir: Path) -> None:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    with vault:
        assert vault.recovery_key == recovery_key


def test_any_sqlcipher_4_tool_opens_the_database_with_the_recovery_key(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    """The README's promise: no Quietroom code, just SQLCipher defaults and the raw key."""
    root, recovery_key, _ = closed_practice
    hex_key = recovery_key.replace(" ", "")
    conn = sqlcipher3.connect(str(root / "quietroom.db"))
    try:
        conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        names = conn.execute("SELECT first_name, last_name FROM clients ORDER BY id").fetchall()
        bodies = [row[0] for row in conn.execute("SELECT body FROM notes")]
    finally:
        conn.close()
    assert names == [("Ana", "Okafor"), ("Leo", "Brandt")]
    assert any("harmonica" in body for body in bodies)


def test_without_the_key_sqlcipher_sees_nothing(
    closed_practice: tuple[Path, str, dict[str, int]],
) -> None:
    root, _, _ = closed_practice
    conn = sqlcipher3.connect(str(root / "quietroom.db"))
    try:
        conn.execute("PRAGMA key = 'correct horse battery staple'")  # the passphrase is not the key
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
