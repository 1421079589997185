"""The database salt (the file's first 16 bytes) is recorded in the key header, so a
flipped bit there is reported and repaired instead of losing every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import flip_bit, load_header, reseal
from vault.backup import backup
from vault.errors import DatabaseDamaged, WrongPassphrase
from vault.keys import header as header_file
from vault.storage.fsutil import write_private_atomic
from vault.vault import Vault

REPAIRED = "The database's salt bytes were damaged and have been repaired; no record was lost."


def _db(root: Path) -> Path:
    return root / "quietroom.db"


def _recorded_salt(root: Path) -> bytes | None:
    return header_file.read(root / "quietroom.header.json").db_salt


def _names(vault: Vault) -> list[str]:
    return [client.first_name for client in vault.clients.page()]


def test_a_new_vault_records_its_database_salt(root: Path) -> None:
    assert _recorded_salt(root) == _db(root).read_bytes()[:16]


@pytest.mark.parametrize(("offset", "bit"), [(0, 0), (7, 3), (15, 7)])
def test_a_flipped_bit_in_the_salt_is_repaired_and_reported(
    root: Path, offset: int, bit: int
) -> None:
    intact = _db(root).read_bytes()[:16]
    flip_bit(_db(root), offset, bit)
    with Vault.open(root, PASSPHRASE) as vault:
        assert vault.notices == [REPAIRED]
        assert sorted(_names(vault)) == ["Ana", "Leo"]
        assert vault.notes.verify_signatures() == []
        assert vault.audit.recent(1)[0].detail == "repaired the database salt"
    assert _db(root).read_bytes()[:16] == intact
    with Vault.open(root, PASSPHRASE) as vault:  # repaired for good: nothing more to say
        assert vault.notices == []


def test_the_recovery_key_repairs_the_salt_while_the_header_is_there(root: Path) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        recovery_key = vault.recovery_key
    flip_bit(_db(root), 3)
    with Vault.recover(root, recovery_key) as vault:
        assert vault.notices == [REPAIRED]
        assert sorted(_names(vault)) == ["Ana", "Leo"]


def test_the_recovery_key_alone_still_opens_the_vault(root: Path) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        recovery_key = vault.recovery_key
    for name in ("quietroom.header.json", "quietroom.header.json.bak"):
        (root / name).unlink()
    with Vault.recover(root, recovery_key) as vault:  # the salt comes from the file
        assert sorted(_names(vault)) == ["Ana", "Leo"]
        assert vault.notices == []
        vault.set_passphrase("a new passphrase", CHEAP)
    assert _recorded_salt(root) == _db(root).read_bytes()[:16]


def test_with_the_header_lost_a_flipped_salt_is_damage(root: Path) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        recovery_key = vault.recovery_key
    (root / "quietroom.header.json").unlink()
    flip_bit(_db(root), 5)
    with pytest.raises(Exception, match="damaged"):
        Vault.recover(root, recovery_key)


def test_an_older_header_without_the_salt_still_opens(root: Path) -> None:
    with Vault.open(root, PASSPHRASE) as vault:
        dek = vault.raw_key()
    old = header_file.wrap(dek, PASSPHRASE, CHEAP)  # as Quietroom wrote it before
    assert b'"database"' not in old.to_bytes()
    write_private_atomic(root / "quietroom.header.json", old.to_bytes(), "the key header")
    with Vault.open(root, PASSPHRASE) as vault:
        assert sorted(_names(vault)) == ["Ana", "Leo"]
        vault.change_passphrase(PASSPHRASE, "the next passphrase", CHEAP)
    assert _recorded_salt(root) == _db(root).read_bytes()[:16]  # recorded from now on


def test_a_passphrase_change_keeps_the_salt(root: Path) -> None:
    salt = _recorded_salt(root)
    with Vault.open(root, PASSPHRASE) as vault:
        vault.change_passphrase(PASSPHRASE, "the next passphrase", CHEAP)
    assert _recorded_salt(root) == salt


def test_an_edited_salt_in_the_header_is_caught(root: Path) -> None:
    """Resealing the checksum is not enough: the salt is part of the associated data."""
    path = root / "quietroom.header.json"
    doc = load_header(path)
    doc["database"]["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    path.write_bytes(reseal(doc))
    with pytest.raises(WrongPassphrase):
        Vault.open(root, PASSPHRASE)


def test_a_backup_opens_though_its_database_has_a_salt_of_its_own(
    root: Path, tmp_path: Path
) -> None:
    """The backup copies the header byte for byte into a database made afresh."""
    with Vault.open(root, PASSPHRASE) as vault:
        copy = backup(vault, tmp_path / "copy").destination
    with Vault.open(copy, PASSPHRASE) as vault:
        assert sorted(_names(vault)) == ["Ana", "Leo"]


def test_damage_past_the_salt_is_still_damage(root: Path) -> None:
    flip_bit(_db(root), 16)
    with pytest.raises(DatabaseDamaged, match="a page it needs to open at all"):
        Vault.open(root, PASSPHRASE)


def test_the_command_line_says_what_opening_repaired(root: Path) -> None:
    from typer.testing import CliRunner

    from vault.cli.commands import app

    flip_bit(_db(root), 5)
    result = CliRunner().invoke(
        app, ["search", "--vault", str(root), "sleep"], input=f"{PASSPHRASE}\n"
    )
    assert result.exit_code == 0, result.output
    assert f"Note: {REPAIRED}" in result.stderr
