"""The PDF commands end to end, with the real exports: passwords that open the file,
refusals with the release's own sentence, the disclosure entry an export writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from tests.unit.test_importer_paperwork import paperwork_practice
from vault.cli.commands import app
from vault.importer import import_practice
from vault.vault import Vault

pytest.importorskip("vault.exports.exports")
pypdf = pytest.importorskip("pypdf")

runner = CliRunner()
ONLY_THE_PASSPHRASE = PASSPHRASE + "\n"
PASSWORD = re.compile(r"\APDF password: (\S+(?: \S+)+)\n\Z")


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), input=ONLY_THE_PASSPHRASE)


@pytest.fixture
def practice(new_vault: Vault) -> tuple[Path, dict[str, int], dict[str, int]]:
    """Ana's paperwork imported; her release ids by status. Closed for the commands."""
    import_practice(new_vault, paperwork_practice())
    clients = {c.first_name: c.id for c in new_vault.clients.page()}
    releases = {r.status: r.id for r in new_vault.releases.for_client(clients["Ana"])}
    new_vault.close()
    return new_vault.layout.root, clients, releases


def _text(path: Path, password: str | None = None) -> str:
    reader = pypdf.PdfReader(path)
    if password is not None:
        assert reader.is_encrypted
        assert reader.decrypt(password)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_an_export_under_a_valid_release_opens_with_the_printed_password(
    practice: tuple[Path, dict[str, int], dict[str, int]], tmp_path: Path
) -> None:
    root, clients, releases = practice
    out = tmp_path / "insurer.pdf"
    result = run("export", "release", str(releases["valid"]), "--out", str(out),
                 "--vault", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    found = PASSWORD.match(result.stdout)
    assert found, result.stdout
    password = found.group(1)
    assert not pypdf.PdfReader(out).decrypt("not the password")
    assert "Okafor" in _text(out, password)
    with Vault.open(root, PASSPHRASE) as vault:
        (entry, *_) = vault.disclosures.for_client(clients["Ana"])
        assert entry.release_id == releases["valid"] and entry.method == "exported_file"


@pytest.mark.parametrize(
    ("status", "says"),
    [("revoked", "revoked on 2025-04-01"), ("expired", "ended on 2025-09-01"), ("draft", "draft")],
)
def test_an_export_under_a_release_that_is_not_valid_is_refused(
    practice: tuple[Path, dict[str, int], dict[str, int]], tmp_path: Path,
    status: str, says: str,
) -> None:  # fmt: skip
    root, clients, releases = practice
    out = tmp_path / "refused.pdf"
    result = run("export", "release", str(releases[status]), "--out", str(out),
                 "--vault", str(root))  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
    assert not out.exists()
    with Vault.open(root, PASSPHRASE) as vault:
        assert len(vault.disclosures.for_client(clients["Ana"])) == 2  # the imported two


def test_no_password_writes_a_pdf_anyone_can_open(
    practice: tuple[Path, dict[str, int], dict[str, int]], tmp_path: Path
) -> None:
    root, clients, _ = practice
    out = tmp_path / "accounting.pdf"
    result = run("accounting", str(clients["Ana"]), "--out", str(out), "--no-password",
                 "--vault", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "Warning" in result.stderr
    reader = pypdf.PdfReader(out)
    assert not reader.is_encrypted
    assert "County adult services" in _text(out)


def test_the_accounting_as_text_lists_only_accountable_entries(
    practice: tuple[Path, dict[str, int], dict[str, int]],
) -> None:
    root, _, _ = practice
    result = run("accounting", "Ana Okafor", "--vault", str(root))
    assert result.exit_code == 0, result.output
    assert "County adult services" in result.stdout
    assert "Northwind" not in result.stdout  # under a release: exempt from the accounting


def test_every_real_pdf_command_needs_only_the_passphrase_on_stdin(
    practice: tuple[Path, dict[str, int], dict[str, int]], tmp_path: Path
) -> None:
    root, clients, releases = practice
    ana, leo, valid = str(clients["Ana"]), str(clients["Leo"]), str(releases["valid"])
    for i, args in enumerate(
        [["export", "access", ana], ["export", "release", valid], ["form", "consent", leo],
         ["form", "release", str(releases["draft"])], ["accounting", ana]]
    ):  # fmt: skip
        out = tmp_path / f"{i}.pdf"
        result = run(*args, "--out", str(out), "--vault", str(root))
        assert result.exit_code == 0, (args, result.output)
        assert PASSWORD.match(result.stdout), result.stdout
        assert out.stat().st_size > 0
    listed = run("releases", ana, "--json", "--vault", str(root))
    assert len(json.loads(listed.stdout)) == 4
