"""Failures that used to read like crashes: each is one sentence, or (a closed pipe) silence."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from vault.cli.commands import EXIT_CLOSED_PIPE, app, os_error_sentence
from vault.vault import Vault

runner = CliRunner()
STRONG_TWICE = f"{PASSPHRASE}\n{PASSPHRASE}\n"


def run(*args: str, stdin: str = "") -> Any:
    return runner.invoke(app, list(args), input=stdin)


def one_sentence(result: Any) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if "Calibrating" not in line]
    return line


def test_init_where_a_file_stands_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a folder")
    line = one_sentence(run("init", "--vault", str(path), stdin=STRONG_TWICE))
    assert line == f"{path} is a file, where Quietroom needs a folder; choose another place."
    assert path.read_text() == "not a folder"


def test_init_below_a_file_says_part_of_the_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a folder")
    line = one_sentence(run("init", "--vault", str(path / "vault"), stdin=STRONG_TWICE))
    assert line.startswith(f"Part of {path / 'vault'} is a file")


def test_a_folder_that_cannot_be_made_names_the_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, for whom chmod stops nothing: refuse the way the kernel does.
    locked = tmp_path / "locked"
    real_mkdir = os.mkdir

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).is_relative_to(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    target = locked / "vault"
    line = one_sentence(run("init", "--vault", str(target), stdin=STRONG_TWICE))
    assert line.startswith(f"Quietroom is not allowed to use {locked}")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/v/quietroom.db"), "The disk is full"),
        (OSError(errno.EROFS, "Read-only file system", "/v"), "/v is on a disk that cannot"),
        (OSError(errno.EIO, "Input/output error", "/v"), "Quietroom could not use /v: Input"),
        (OSError(errno.EIO, "Input/output error"), "A file problem: Input/output error."),
    ],
)
def test_other_file_errors_name_the_path_and_the_reason(error: OSError, expected: str) -> None:
    assert os_error_sentence(error).startswith(expected)


def test_open_on_a_file_says_it_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "quietroom.db"
    path.write_text("x")
    result = run("open", "--vault", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"{path} is a file, not a vault's folder; give one with --vault."
    )


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"quietroom {metadata.version('quietroom')}"


def test_a_closed_pipe_ends_quietly(practice: tuple[Vault, dict[str, int]]) -> None:
    """`quietroom verify | head -0`: the reader has gone before the first line."""
    vault, _ = practice
    vault.close()
    command = [sys.executable, "-c", "from vault.cli.commands import main; main()",
               "verify", "--vault", str(vault.layout.root)]  # fmt: skip
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None
    child.stdout.close()  # before anything is written: every write meets a closed pipe
    _, errors = child.communicate(f"{PASSPHRASE}\n".encode())
    assert child.returncode == EXIT_CLOSED_PIPE
    assert errors.decode() == ""
