"""A half-filled form survives a lock: its values are kept inside the vault."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.vault import Vault


def test_a_saved_form_draft_comes_back_after_the_vault_is_closed_and_reopened(
    vault_dir: Path,
) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    ids = add_practice(vault)
    vault.form_drafts.save("release", ids["ana"], {"recipient_name": "Zoë Ínês", "scope": ["x"]})
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        assert reopened.form_drafts.load("release", ids["ana"]) == {
            "recipient_name": "Zoë Ínês",
            "scope": ["x"],
        }
        assert reopened.form_drafts.load("consent", ids["ana"]) is None


def test_saving_again_replaces_the_draft_and_discarding_removes_it(new_vault: Vault) -> None:
    ids = add_practice(new_vault)
    drafts = new_vault.form_drafts
    drafts.save("release", ids["ana"], {"purpose": "first"}, record_id=4)
    drafts.save("release", ids["ana"], {"purpose": "second"}, record_id=4)
    assert drafts.load("release", ids["ana"], record_id=4) == {"purpose": "second"}
    assert drafts.load("release", ids["ana"]) is None  # another record's draft is apart
    drafts.discard("release", ids["ana"], record_id=4)
    assert drafts.load("release", ids["ana"], record_id=4) is None
