"""`quietroom form referral CLIENT --out FILE`: the newest letter written in the app,
protected by default; none written yet is one sentence and exit 1."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import PASSPHRASE, add_practice
from tests.pdf_reading import all_text, flat
from vault.cli.commands import app
from vault.exports.referral_letter import NO_LETTER
from vault.lifecycle.referrals import ReferralInput
from vault.vault import Vault

runner = CliRunner()


def test_the_newest_letter_is_written_with_a_password(new_vault: Vault, tmp_path: Path) -> None:
    ids = add_practice(new_vault)
    letters = new_vault.ending.referrals
    letters.write(ids["ana"], ReferralInput("Old Clinic", client_agreed=True,
                                            sections={"reason": "First try"}))  # fmt: skip
    letters.write(ids["ana"], ReferralInput("Riverside Clinic", client_agreed=True,
                                            sections={"reason": "Sleep clinic"}))  # fmt: skip
    root = new_vault.layout.root
    new_vault.close()
    out = tmp_path / "letter.pdf"
    result = runner.invoke(app, ["form", "referral", "Ana Okafor", "--out", str(out),
                                 "--vault", str(root)], input=PASSPHRASE + "\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    password = re.search(r"^PDF password: (\S.*)$", result.stdout, re.M)
    assert password is not None
    text = flat(all_text(out, password.group(1)))
    assert "Riverside Clinic" in text and "Old Clinic" not in text


def test_no_letter_yet_is_one_sentence_and_exit_1(new_vault: Vault, tmp_path: Path) -> None:
    add_practice(new_vault)
    root = new_vault.layout.root
    new_vault.close()
    out = tmp_path / "letter.pdf"
    result = runner.invoke(app, ["form", "referral", "Ana Okafor", "--out", str(out),
                                 "--vault", str(root)], input=PASSPHRASE + "\n")  # fmt: skip
    assert result.exit_code == 1
    assert NO_LETTER in " ".join(result.output.split())
    assert not out.exists()
