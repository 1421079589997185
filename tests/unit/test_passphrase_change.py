"""A passphrase change is all or nothing to the person, and leaves no spare opening with
an old passphrase: interrupted, failed after the fact, or asked for on a missing vault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import CHEAP, PASSPHRASE
from vault.cli.commands import app
from vault.errors import DiskFull, WrongPassphrase
from vault.keys import header as header_file
from vault.records.audit import AuditLog
from vault.storage.layout import VaultLayout
from vault.vault import Vault
from vault.verify import SPARE, verify_vault

NEW = "a brand new passphrase for the vault"
Practice = tuple[Vault, dict[str, int]]


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        header_file.unwrap(header_file.read(path), passphrase)
    except WrongPassphrase:
        return False
    return True


def run(*args: str, stdin: str = "") -> Any:
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture
def root(practice: Practice) -> Path:
    vault, _ = practice
    vault.close()
    return vault.layout.root


def interrupt_the_second_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a kill between the two renames: the first file is written, then nothing runs."""
    real = header_file.write_private_atomic
    calls: list[Path] = []

    def write(path: Path, data: bytes, what: str) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # not a VaultError: no clean-up runs, as with SIGKILL
        real(path, data, what)

    monkeypatch.setattr(header_file, "write_private_atomic", write)


def test_a_change_killed_between_the_two_writes_is_healed_at_the_next_open(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = VaultLayout(root)
    with Vault.open(root, PASSPHRASE) as vault:
        interrupt_the_second_write(monkeypatch)
        with pytest.raises(KeyboardInterrupt):
            vault.change_passphrase(PASSPHRASE, NEW, CHEAP)
        monkeypatch.undo()
    # Never reported as changed: the live header still takes the old passphrase ...
    assert opens_with(layout.header, PASSPHRASE)
    # ... and the spare, which no longer matches, is named by verify.
    spare = next(c for c in verify_vault(root, PASSPHRASE).checks if c.name == SPARE)
    assert spare.ok is False
    tried_new = verify_vault(root, NEW).checks[1]
    assert tried_new.ok is False and "stopped halfway" in tried_new.detail
    with Vault.open(root, PASSPHRASE):
        pass
    assert layout.header_backup.read_bytes() == layout.header.read_bytes()  # healed
    assert not opens_with(layout.header_backup, NEW)
    assert verify_vault(root, PASSPHRASE).ok


def test_init_through_a_link_to_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    Vault.create(tmp_path / "link", PASSPHRASE, CHEAP)[0].close()
    Vault.open(tmp_path / "link", PASSPHRASE).close()
    assert (tmp_path / "link").is_symlink()


def test_after_a_change_no_header_file_opens_with_the_old_passphrase(root: Path) -> None:
    layout = VaultLayout(root)
    with Vault.open(root, PASSPHRASE) as vault:
        assert vault.change_passphrase(PASSPHRASE, NEW, CHEAP) == []
    for path in (layout.header, layout.header_backup):
        assert opens_with(path, NEW) and not opens_with(path, PASSPHRASE)


def test_a_failed_spare_write_changes_nothing(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout = VaultLayout(root)
    real = header_file.write_private_atomic

    def full_disk(path: Path, data: bytes, what: str) -> None:
        if path == layout.header_backup:
            raise DiskFull("The disk is full, so the header's spare copy was not written.")
        real(path, data, what)

    with Vault.open(root, PASSPHRASE) as vault:
        monkeypatch.setattr(header_file, "write_private_atomic", full_disk)
        with pytest.raises(DiskFull):
            vault.change_passphrase(PASSPHRASE, NEW, CHEAP)
        monkeypatch.undo()
    for path in (layout.header, layout.header_backup):
        assert opens_with(path, PASSPHRASE) and not opens_with(path, NEW)


def test_passwd_reports_success_when_only_the_audit_entry_fails(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = AuditLog.record

    def no_room(self: AuditLog, action: str, *args: str) -> None:
        if action == "passphrase_change":
            raise DiskFull("The disk is full, so the audit entry was not saved.")
        real(self, action, *args)

    monkeypatch.setattr(AuditLog, "record", no_room)
    result = run("passwd", "--vault", str(root), stdin=f"{PASSPHRASE}\n{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    assert "Passphrase changed" in result.stdout
    assert "audit log" in result.stderr and "in effect" in result.stderr
    Vault.open(root, NEW).close()


def test_passwd_checks_the_current_passphrase_before_asking_for_a_new_one(root: Path) -> None:
    result = run("passwd", "--vault", str(root), stdin="not the passphrase\n")
    assert result.exit_code == 1
    assert "does not open this vault" in result.stderr  # not "the input ended"
    assert "input ended" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["passwd"], ["recover"], ["settings"], ["verify"], ["search", "sleep"],
        ["backup", "DEST"], ["import", "FILE"],
    ],
)  # fmt: skip
def test_a_missing_vault_is_named_before_any_question(tmp_path: Path, command: list[str]) -> None:
    args = [str(tmp_path / "dest") if a == "DEST" else a for a in command]
    if "FILE" in args:
        practice = tmp_path / "practice.json"
        practice.write_text('{"clients": []}')
        args = [str(practice) if a == "FILE" else a for a in args]
    result = run(*args, "--vault", str(tmp_path / "nowhere"), stdin="")
    assert result.exit_code == 1, result.output
    assert "There is no Quietroom vault" in result.stderr
    assert "input ended" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["passwd"], ["settings"], ["backup", "DEST"]])
def test_a_damaged_header_is_named_before_any_question(
    root: Path, tmp_path: Path, command: list[str]
) -> None:
    VaultLayout(root).header.write_text("{ not a header")
    args = [str(tmp_path / "dest") if a == "DEST" else a for a in command]
    result = run(*args, "--vault", str(root), stdin="")
    assert result.exit_code == 1
    assert "key header is damaged" in result.stderr and "input ended" not in result.stderr


def test_recover_needs_no_header_but_checks_the_key_before_the_new_passphrase(
    practice: Practice,
) -> None:
    vault, _ = practice
    root = vault.layout.root
    vault.close()
    VaultLayout(root).header.unlink()
    result = run("recover", "--vault", str(root), stdin="12345678\n")
    assert result.exit_code == 1
    assert "64 hexadecimal digits" in result.stderr and "input ended" not in result.stderr
