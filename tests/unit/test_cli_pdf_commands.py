"""`export access|release`, `form consent|release` and `accounting`: the command-line contract.

The PDFs themselves are vault.exports' business (tested there); here a stand-in
module records what the commands asked of it, so these tests pin what a script
sees: the one `PDF password: <words>` line on stdout, the --no-password warning,
exit codes, and that nothing is read from stdin after the passphrase.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vault.exports
from tests.conftest import PASSPHRASE, add_practice
from vault.cli.commands import app
from vault.errors import ReleaseNotValid
from vault.vault import Vault

runner = CliRunner()
ONLY_THE_PASSPHRASE = PASSPHRASE + "\n"
WORDS = "lantern-orbit-cedar-velvet-quill-harbor"
NOT_VALID = "This release was revoked on 2026-03-02."
PASSWORD_LINE = re.compile(r"^PDF password: (\S.*)$")


@dataclass(frozen=True)
class FakeResult:
    path: Path
    password: str | None
    pages: int
    disclosure_id: int | None = None


class FakeExports:
    """What vault.exports.exports offers, writing a small file and noting each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, Path | None, str | None, dict[str, Any]]] = []

    def new_password(self) -> str:
        return WORDS

    def _write(self, name: str, key: Any, out: Path, password: str | None,
               **extra: Any) -> FakeResult:  # fmt: skip
        assert isinstance(key, int)
        self.calls.append((name, key, out, password, extra))
        out.write_bytes(b"%PDF-1.7 stand-in")
        out.chmod(0o600)
        return FakeResult(out, password, 3)

    def export_access_copy(self, vault: Vault, client_id: int, out: Path, *,
                           password: str | None) -> FakeResult:  # fmt: skip
        return self._write("access", client_id, out, password)

    def export_release(self, vault: Vault, release_id: int, out: Path, *,
                       password: str | None) -> FakeResult:  # fmt: skip
        if release_id == 666:
            raise ReleaseNotValid(NOT_VALID)
        return self._write("release", release_id, out, password)

    def accounting_pdf(self, vault: Vault, client_id: int, out: Path, *,
                       password: str | None) -> FakeResult:  # fmt: skip
        return self._write("accounting", client_id, out, password)

    def accounting_text(self, vault: Vault, client_id: int) -> str:
        self.calls.append(("accounting_text", client_id, None, None, {}))
        return "Accounting of disclosures\n2026-01-02  County children's services\x1b[2J\n"

    def consent_form_pdf(self, vault: Vault, client_id: int, out: Path, *,
                         password: str | None, template_kind: str | None = None) -> FakeResult:  # fmt: skip
        return self._write("consent_form", client_id, out, password, template_kind=template_kind)

    def release_form_pdf(self, vault: Vault, release_id: int, out: Path, *,
                         password: str | None) -> FakeResult:  # fmt: skip
        return self._write("release_form", release_id, out, password)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeExports:
    stand_in = FakeExports()
    module = types.ModuleType("vault.exports.exports")
    for name in dir(stand_in):
        if not name.startswith("_") and name != "calls":
            setattr(module, name, getattr(stand_in, name))
    monkeypatch.setitem(sys.modules, "vault.exports.exports", module)
    monkeypatch.setattr(vault.exports, "exports", module, raising=False)
    return stand_in


@pytest.fixture
def closed(new_vault: Vault) -> tuple[Path, dict[str, int]]:
    ids = add_practice(new_vault)
    new_vault.close()
    return new_vault.layout.root, ids


def run(*args: str, stdin: str = ONLY_THE_PASSPHRASE) -> Any:
    return runner.invoke(app, list(args), input=stdin)


def commands(out: Path, ids: dict[str, int]) -> list[tuple[list[str], str, int]]:
    """Each PDF command, what the stand-in should have been asked, and for whom."""
    return [
        (["export", "access", str(ids["ana"]), "--out", str(out)], "access", ids["ana"]),
        (["export", "release", "7", "--out", str(out)], "release", 7),
        (["form", "consent", "Ana Okafor", "--out", str(out)], "consent_form", ids["ana"]),
        (["form", "release", "7", "--out", str(out)], "release_form", 7),
        (["accounting", "leo brandt", "--out", str(out)], "accounting", ids["leo"]),
    ]


def test_each_pdf_command_prints_exactly_the_password_line_on_stdout(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = closed
    out = tmp_path / "out.pdf"
    for args, name, key in commands(out, ids):
        result = run(*args, "--vault", str(root))
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout == f"PDF password: {WORDS}\n"
        assert "Wrote" in result.stderr and "3 pages" in result.stderr
        assert "another channel" in result.stderr
        assert PASSPHRASE not in result.output
        assert fake.calls[-1][:4] == (name, key, out, WORDS)


def test_no_password_warns_on_stderr_and_prints_no_password(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = closed
    out = tmp_path / "open.pdf"
    for args, name, key in commands(out, ids):
        result = run(*args, "--no-password", "--vault", str(root))
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout == ""
        assert "Warning: this PDF will have no password" in result.stderr
        assert fake.calls[-1][:4] == (name, key, out, None)


def test_only_the_passphrase_on_stdin_is_enough_for_every_command(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    """After the passphrase the input ends: a command that read more would fail here."""
    root, ids = closed
    out = tmp_path / "x.pdf"
    every = [args for args, _, _ in commands(out, ids)] + [
        ["accounting", str(ids["ana"])], ["clients"], ["clients", "--json"],
        ["form", "consent", str(ids["leo"]), "--out", str(out), "--template", "minor_consent"],
    ]  # fmt: skip
    for args in every:
        result = run(*args, "--vault", str(root), stdin=ONLY_THE_PASSPHRASE)
        assert result.exit_code == 0, (args, result.output)


def test_a_release_that_is_not_valid_is_exit_1_with_its_sentence(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, _ = closed
    out = tmp_path / "refused.pdf"
    result = run("export", "release", "666", "--out", str(out), "--vault", str(root))
    assert result.exit_code == 1
    assert result.stderr.strip() == NOT_VALID
    assert result.stdout == ""  # no password for a file that was not written
    assert not out.exists()


def test_accounting_without_out_prints_the_text_inert(
    fake: FakeExports, closed: tuple[Path, dict[str, int]]
) -> None:
    root, ids = closed
    result = run("accounting", "Ana Okafor", "--vault", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Accounting of disclosures\n")
    assert "\x1b" not in result.stdout
    assert "PDF password" not in result.stdout
    assert fake.calls == [("accounting_text", ids["ana"], None, None, {})]


def test_the_consent_form_passes_the_chosen_template(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = closed
    out = tmp_path / "consent.pdf"
    result = run("form", "consent", str(ids["ana"]), "--out", str(out), "--template",
                 "telehealth", "--vault", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert fake.calls[-1][4] == {"template_kind": "telehealth"}


@pytest.mark.parametrize(
    "args",
    [["export"], ["export", "access"], ["export", "access", "1"], ["export", "release", "x",
     "--out", "a.pdf"], ["export", "release", "0", "--out", "a.pdf"], ["form", "release", "1"],
     ["form", "consent", "1", "--out", "a.pdf", "--template", "lease"], ["accounting"],
     ["releases"], ["export", "nothing"], ["form", "consent"]],
)  # fmt: skip
def test_usage_mistakes_exit_2(args: list[str], fake: FakeExports) -> None:
    result = run(*args, stdin="")
    assert result.exit_code == 2, result.output
    assert fake.calls == []


def test_an_unknown_client_is_exit_1_and_writes_nothing(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, _ = closed
    out = tmp_path / "none.pdf"
    for who in ("Nobody Here", "4242"):
        result = run("export", "access", who, "--out", str(out), "--vault", str(root))
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "quietroom clients" in result.stderr
        assert result.stdout == ""
    assert fake.calls == [] and not out.exists()


def test_a_folder_or_missing_folder_as_out_is_refused_before_the_passphrase(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    root, ids = closed
    for out, says in ((tmp_path, "is a folder"), (tmp_path / "no" / "x.pdf", "does not exist")):
        result = run("export", "access", str(ids["ana"]), "--out", str(out), "--vault",
                     str(root), stdin="")  # fmt: skip
        assert result.exit_code == 1
        assert says in result.stderr
        assert "passphrase" not in result.stderr  # refused before it was asked for
    assert fake.calls == []


def test_a_vault_error_during_the_export_is_one_sentence(
    fake: FakeExports, closed: tuple[Path, dict[str, int]], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from vault.errors import DiskFull

    def full(*args: Any, **kwargs: Any) -> None:
        raise DiskFull("The disk is full, so the PDF was not written; free some space.")

    monkeypatch.setattr(vault.exports.exports, "export_access_copy", full)
    root, ids = closed
    result = run("export", "access", str(ids["ana"]), "--out", str(tmp_path / "f.pdf"),
                 "--vault", str(root))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("The disk is full")
    assert result.stdout == ""


def test_every_new_command_and_option_has_help() -> None:
    import typer

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    chosen = [commands["clients"], commands["releases"], commands["accounting"]]
    for name in ("export", "form"):
        assert commands[name].help
        chosen += list(commands[name].commands.values())
    assert {c.name for c in chosen} == {"clients", "releases", "accounting", "access",
                                        "release", "consent", "custodian", "disguised",
                                        "referral"}  # fmt: skip
    for command in chosen:
        assert command.help and command.help.strip(), command.name
        for param in command.params:
            if param.name != "help":
                assert getattr(param, "help", None), f"{command.name} {param.name}"


@pytest.mark.parametrize(
    "command", [["clients"], ["releases"], ["accounting"], ["export"], ["export", "access"],
                ["export", "release"], ["form"], ["form", "consent"], ["form", "release"]],
)  # fmt: skip
def test_short_help_on_every_new_command(command: list[str]) -> None:
    result = run(*command, "-h", stdin="")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
