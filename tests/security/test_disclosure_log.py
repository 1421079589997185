"""The disclosure log cannot be quietly changed: the database refuses edits, and an edit
made behind its back (triggers dropped) is named by `verify` and by `quietroom verify`."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from vault.consent.disclosures import COLUMNS, entry_hash
from vault.consent.models import DisclosureInput
from vault.errors import DisclosureChainBroken
from vault.vault import Vault
from vault.verify import DISCLOSURES, verify_vault


def _raw(vault: Vault) -> sqlcipher3.Connection:
    conn = vault.store._conn
    assert conn is not None
    return conn


@pytest.fixture
def logged(root: Path) -> Vault:
    """The practice vault with five disclosures for its first client."""
    vault = Vault.open(root, PASSPHRASE)
    for day in ("2025-01-10", "2025-02-11", "2025-03-12", "2025-04-13", "2025-05-14"):
        vault.disclosures.record(
            DisclosureInput(
                client_id=1,
                disclosed_at=day,
                recipient="County CPS",
                description="Report of suspected neglect",
                purpose="Mandated report",
                legal_basis="mandated_report",
                method="phone",
            )  # fmt: skip
        )
    return vault


def test_an_untouched_log_verifies(logged: Vault) -> None:
    assert logged.disclosures.verify() == 5
    logged.close()


def test_the_database_refuses_edits_and_deletions(logged: Vault) -> None:
    conn = _raw(logged)
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        conn.execute("UPDATE disclosures SET recipient = 'Nobody' WHERE id = 2")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM disclosures WHERE id = 2")
    assert logged.disclosures.verify() == 5
    logged.close()


@pytest.mark.parametrize(
    "column", ["recipient", "description", "purpose", "disclosed_at", "recorded_by", "method"]
)
def test_an_edited_entry_is_named_by_number(logged: Vault, column: str) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_update")
    conn.execute(f"UPDATE disclosures SET {column} = {column} || 'x' WHERE id = 3")
    with pytest.raises(DisclosureChainBroken, match="at entry 3:"):
        logged.disclosures.verify()
    logged.close()


def test_making_an_entry_exempt_is_caught(logged: Vault) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_update")
    conn.execute("UPDATE disclosures SET accountable = 0, legal_basis = 'payment' WHERE id = 4")
    with pytest.raises(DisclosureChainBroken, match="at entry 4:"):
        logged.disclosures.verify()
    logged.close()


def test_an_edit_that_recomputes_its_own_hash_still_breaks_the_next_link(logged: Vault) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_update")
    conn.execute("UPDATE disclosures SET recipient = 'Nobody' WHERE id = 2")
    row = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM disclosures WHERE id = 2").fetchone()
    forged = entry_hash(row[-1], tuple(row[:-1]))
    conn.execute("UPDATE disclosures SET hash = ? WHERE id = 2", (forged,))
    with pytest.raises(DisclosureChainBroken, match="at entry 3:"):
        logged.disclosures.verify()
    logged.close()


def test_a_deleted_entry_is_named_by_number(logged: Vault) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_delete")
    conn.execute("DELETE FROM disclosures WHERE id = 5")
    conn.execute("DELETE FROM disclosures WHERE id = 2")
    with pytest.raises(DisclosureChainBroken, match="at entry 2:"):
        logged.disclosures.verify()
    logged.close()


def test_removing_the_newest_entries_is_caught_by_the_audit_log(logged: Vault) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_delete")
    conn.execute("DELETE FROM disclosures WHERE id >= 4")
    with pytest.raises(DisclosureChainBroken, match="ends at entry 3, but the audit log"):
        logged.disclosures.verify()
    logged.close()


def test_quietroom_verify_reports_the_broken_chain(logged: Vault) -> None:
    conn = _raw(logged)
    conn.execute("DROP TRIGGER disclosures_no_update")
    conn.execute("UPDATE disclosures SET purpose = 'Changed' WHERE id = 1")
    root = logged.layout.root
    logged.close()
    report = verify_vault(root, PASSPHRASE)
    found = {check.name: check for check in report.checks}
    assert found[DISCLOSURES].ok is False
    assert "at entry 1:" in found[DISCLOSURES].detail
    assert not report.ok


def test_quietroom_verify_counts_a_sound_log(logged: Vault) -> None:
    root = logged.layout.root
    logged.close()
    found = {check.name: check for check in verify_vault(root, PASSPHRASE).checks}
    assert (found[DISCLOSURES].ok, found[DISCLOSURES].detail) == (
        True,
        "5 entries, chain unbroken.",
    )
