"""`quietroom export disguised`: the automatic disguise, written and protected."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from tests.pdf_reading import all_text
from vault.cli.commands import app
from vault.vault import Vault

runner = CliRunner()
PASSWORD = re.compile(r"\APDF password: (\S+(?: \S+)+)\n\Z")


def run(*args: str) -> Any:
    return runner.invoke(app, ["export", "disguised", *args], input=PASSPHRASE + "\n")


def _closed(practice: tuple[Vault, dict[str, int]]) -> tuple[Path, dict[str, int]]:
    vault, ids = practice
    vault.close()
    return vault.layout.root, ids


def test_the_case_is_written_protected_with_only_its_pseudonym(
    practice: tuple[Vault, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = _closed(practice)
    out = tmp_path / "case.pdf"
    result = run(str(ids["ana"]), "--out", str(out), "--vault", str(root))
    assert result.exit_code == 0, result.output
    found = PASSWORD.match(result.stdout)
    assert found, result.stdout
    text = all_text(out, found.group(1))
    assert "Ana" not in text and "Okafor" not in text and "2025-01-06" not in text
    assert "Trouble with sleep" in text
    assert "Half written" not in text  # drafts never leave
    pseudonym = re.search(r"Disguised as (\w+): 1 notes", result.stderr)
    assert pseudonym and pseudonym.group(1) in text


def test_notes_are_chosen_by_their_days(
    practice: tuple[Vault, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = _closed(practice)
    out = tmp_path / "case.pdf"
    result = run(str(ids["ana"]), "--out", str(out), "--vault", str(root),
                 "--notes", "2025-02-01", "--no-password")  # fmt: skip
    assert result.exit_code == 1
    assert "None of this client's signed notes is dated on those days." in result.stderr
    assert not out.exists()


def test_a_badly_written_day_is_refused_before_the_passphrase(
    practice: tuple[Vault, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = _closed(practice)
    result = run(str(ids["ana"]), "--out", str(tmp_path / "c.pdf"), "--vault", str(root),
                 "--notes", "6 January")  # fmt: skip
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_the_command_has_help() -> None:
    result = runner.invoke(app, ["export", "disguised", "--help"])
    assert result.exit_code == 0
    assert "supervision" in result.stdout and "--process-notes" in result.stdout
