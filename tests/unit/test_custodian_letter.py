"""The records custodian letter: filled from the settings, protected, never a secret in it."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from pypdf.errors import FileNotDecryptedError
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from tests.pdf_reading import all_text, flat, reader
from vault.cli.commands import app
from vault.exports.custodian_letter import custodian_letter_pdf
from vault.exports.exports import new_password
from vault.exports.files import ExportNotWritten
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]
HEX_GROUP = re.compile(r"\b[0-9A-F]{8}\b")


@pytest.fixture
def filled(practice: Practice, tmp_path: Path) -> Vault:
    vault, _ = practice
    for key, value in {
        "clinician_name": "Dr Ada Lee", "credentials": "PsyD", "practice_name": "Harbour Therapy",
        "jurisdiction": "Ontario", "backup_folder": str(tmp_path / "usb" / "backups"),
        "custodian_name": "Dr Rui Costa", "custodian_contact": "rui@example.org, 555 0142",
    }.items():  # fmt: skip
        vault.settings.set(key, value)
    return vault


def test_the_letter_is_filled_from_the_settings(filled: Vault, tmp_path: Path) -> None:
    password = new_password()
    result = custodian_letter_pdf(filled, tmp_path / "letter.pdf", password=password)
    text = flat(all_text(result.path, password))
    for expected in (
        "To the custodian of my clinical records", "Dr Ada Lee, PsyD", "Harbour Therapy",
        "Ontario", "Dr Rui Costa", "rui@example.org, 555 0142",
        f"Records folder {filled.layout.root.absolute()}", str(tmp_path / "usb" / "backups"),
        "Sealed key kept at ____", "quietroom recover --vault FOLDER",
        "offer each of them the names of other therapists", "for a copy of their records",
        "7 years after a client's last session", "3 years after they came of age (18)", "unless the law where I practise (Ontario) asks",
        "records clean-up",
        "Keep a written log of what you did", "Signature of the custodian",
    ):  # fmt: skip
        assert expected in text, expected
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert filled.audit.recent(1)[0].detail == "custodian_letter"


def test_the_letter_never_holds_the_recovery_key_or_the_passphrase(
    filled: Vault, tmp_path: Path
) -> None:
    result = custodian_letter_pdf(filled, tmp_path / "letter.pdf", password=None)
    raw = result.path.read_bytes()
    text = all_text(result.path)
    key = filled.recovery_key
    for secret in (key, key.replace(" ", ""), PASSPHRASE, filled.raw_key().hex()):
        assert secret not in text and secret.encode() not in raw
    assert not any(group in text for group in key.split())
    assert not HEX_GROUP.search(text)
    assert "Okafor" not in text and "Brandt" not in text  # it names no client


def test_unset_settings_leave_lines_to_write_on(new_vault: Vault, tmp_path: Path) -> None:
    result = custodian_letter_pdf(new_vault, tmp_path / "letter.pdf", password=None)
    text = flat(all_text(result.path))
    assert "Name ____" in text and "How to reach them ____" in text and "Backups ____" in text
    assert "If I, the clinician named above, die" in text


def test_the_letter_is_protected_by_default(filled: Vault, tmp_path: Path) -> None:
    result = custodian_letter_pdf(filled, tmp_path / "letter.pdf", password=new_password())
    with pytest.raises(FileNotDecryptedError):
        reader(result.path).pages[0].extract_text()


def test_hostile_settings_print_as_typed(filled: Vault, tmp_path: Path) -> None:
    filled.settings.set("custodian_name", "**Bold** <b>x</b> {nb} \u202eevil")
    result = custodian_letter_pdf(filled, tmp_path / "letter.pdf", password=None)
    text = all_text(result.path)
    assert "**Bold** <b>x</b> {nb} evil" in text and "\u202e" not in text


def test_not_inside_the_vault(filled: Vault) -> None:
    with pytest.raises(ExportNotWritten, match="vault's own folder"):
        custodian_letter_pdf(filled, filled.layout.root / "letter.pdf", password=None)


def test_the_form_command_prints_the_password(filled: Vault, tmp_path: Path) -> None:
    root = filled.layout.root
    filled.close()
    out = tmp_path / "letter.pdf"
    result = CliRunner().invoke(
        app, ["form", "custodian", "--out", str(out), "--vault", str(root)],
        input=f"{PASSPHRASE}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    password = result.stdout.strip().removeprefix("PDF password: ")
    assert "Dr Rui Costa" in all_text(out, password)
