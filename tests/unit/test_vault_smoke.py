"""A day in the life of the core, end to end: the path every other test refines."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.vault import Vault


def test_a_note_written_signed_and_found_again_survives_closing(vault_dir: Path) -> None:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    ids = add_practice(vault)
    vault.close()

    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        hits = reopened.search.search("harmonica")
        assert [hit.note_id for hit in hits] == [ids["addendum"]]
        signed = reopened.notes.get(ids["signed"])
        assert signed.is_signed and signed.sha256
        assert reopened.notes.verify_signatures() == []
        assert reopened.audit.verify() > 0

    assert len(recovery_key.split()) == 8
