"""`quietroom backup` into a folder of dated backups, and `quietroom backups`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from vault.cli.commands import app
from vault.vault import Vault


def run(*args: str, stdin: str = f"{PASSPHRASE}\n") -> Any:
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture
def root(practice: tuple[Vault, dict[str, int]]) -> Path:
    vault, _ = practice
    vault.close()
    return vault.layout.root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "backups"
    path.mkdir()
    return path


def one_sentence(result: Any, start: str) -> None:
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(start), result.stderr


def test_backup_into_a_folder_says_what_it_kept_and_removed(root: Path, folder: Path) -> None:
    assert run("settings", "--vault", str(root), "--backup-keep", "2").exit_code == 0
    outputs = [run("backup", "--into", str(folder), "--vault", str(root)) for _ in range(3)]
    assert all(result.exit_code == 0 for result in outputs), outputs[-1].output
    last = outputs[-1].stdout
    assert "and verified: every page checked" in last
    assert "Kept 2 backups: quietroom-backup-" in last
    assert "Removed 1 older backup: quietroom-backup-" in last
    assert len([p for p in folder.iterdir()]) == 2


def test_backup_alone_uses_the_setting(root: Path, folder: Path) -> None:
    changed = run("settings", "--vault", str(root), "--backup-folder", str(folder))
    assert f"backup folder: {folder}" in changed.stdout
    result = run("backup", "--vault", str(root))
    assert result.exit_code == 0, result.output
    assert "Kept 1 backup: quietroom-backup-" in result.stdout


def test_backup_alone_without_a_folder_is_one_sentence(root: Path) -> None:
    one_sentence(run("backup", "--vault", str(root)), "No backup folder is set:")


def test_a_missing_folder_is_refused_before_the_passphrase(root: Path, tmp_path: Path) -> None:
    result = run("backup", "--into", str(tmp_path / "unplugged"), "--vault", str(root), stdin="")
    one_sentence(result, f"The backup folder {tmp_path / 'unplugged'} does not exist")


def test_dest_and_into_together_are_a_usage_mistake(root: Path, folder: Path) -> None:
    result = run("backup", str(folder / "x"), "--into", str(folder), "--vault", str(root))
    assert result.exit_code == 2
    assert result.stderr.startswith("Give either DEST")


def test_backup_dest_keeps_its_contract(root: Path, tmp_path: Path) -> None:
    result = run("backup", str(tmp_path / "copy"), "--vault", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Backup written to {tmp_path / 'copy'} (")
    assert "Kept" not in result.stdout


def test_backups_lists_dates_and_sizes(root: Path, folder: Path) -> None:
    assert run("backup", "--into", str(folder), "--vault", str(root)).exit_code == 0
    (folder / "holiday photos").mkdir()
    listed = run("backups", "--into", str(folder), stdin="")
    assert listed.exit_code == 0, listed.output
    rows = listed.stdout.splitlines()
    assert rows[0].startswith("made (local time)")
    assert len(rows) == 2 and "MiB  quietroom-backup-" in rows[1]
    as_json = json.loads(run("backups", "--into", str(folder), "--json", stdin="").stdout)
    assert [set(row) for row in as_json] == [{"name", "path", "made_at", "size_bytes"}]
    assert as_json[0]["size_bytes"] > 0


def test_backups_reads_the_setting_with_the_passphrase(root: Path, folder: Path) -> None:
    run("settings", "--vault", str(root), "--backup-folder", str(folder))
    result = run("backups", "--vault", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No dated backups in ")
