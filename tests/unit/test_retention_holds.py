"""Legal holds: placed and lifted with reasons and dates, audited, and they stop destruction."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import FakeClock
from tests.lifecycle_fixtures import LATER
from vault.errors import InvalidRecord, RecordNotFound
from vault.lifecycle.destruction import DestructionRefused
from vault.records.clients import ClientInput
from vault.vault import Vault


def _old_client(vault: Vault) -> int:
    client = vault.clients.add(ClientInput("Ines", "Roth", "1970-02-02", intake_date="2015-05-06"))
    vault.clients.discharge(client.id, "Moved away", None, "2016-01-10")
    return client.id


def test_a_hold_is_placed_shown_and_lifted_with_its_reason(new_vault: Vault) -> None:
    client_id = _old_client(new_vault)
    hold = new_vault.retention.holds.place(client_id, "court_case", "Smith v. Roth", "2026-01-05")
    assert hold.in_force and new_vault.retention.holds.in_force(client_id) == hold
    assert new_vault.audit.recent(1)[0].action == "place_hold"
    lifted = new_vault.retention.holds.lift(hold.id, "2026-02-01", "Case settled")
    assert (lifted.lifted_on, lifted.lift_reason) == (date(2026, 2, 1), "Case settled")
    assert new_vault.retention.holds.in_force(client_id) is None
    assert new_vault.retention.holds.for_client(client_id) == [lifted]
    assert new_vault.audit.recent(1)[0].action == "lift_hold"


def test_a_held_client_is_not_due_and_cannot_be_destroyed(new_vault: Vault) -> None:
    client_id = _old_client(new_vault)
    new_vault.retention.holds.place(client_id, "complaint", "Board complaint 22-104", "2026-01-05")
    new_vault.store.clock = FakeClock(LATER.astimezone())
    assert new_vault.retention.destruction.due() == []
    with pytest.raises(DestructionRefused) as refused:
        new_vault.retention.destruction.destroy(client_id)
    assert refused.value.message == (
        f"Client {client_id}'s records cannot be destroyed while a legal hold "
        "(complaint: Board complaint 22-104) placed on 2026-01-05 stands."
    )
    assert new_vault.clients.get(client_id, audit=False).first_name == "Ines"


def test_once_lifted_the_client_is_due_again(new_vault: Vault) -> None:
    client_id = _old_client(new_vault)
    hold = new_vault.retention.holds.place(client_id, "other", "Police enquiry", "2026-01-05")
    new_vault.retention.holds.lift(hold.id, "2026-01-06", "Enquiry closed")
    new_vault.store.clock = FakeClock(LATER.astimezone())
    assert [d.client_id for d in new_vault.retention.destruction.due()] == [client_id]


@pytest.mark.parametrize(
    ("kind", "reason", "day", "words"),
    [
        ("lawsuit", "x", "2026-01-05", "The kind of hold must be one of"),
        ("other", "", "2026-01-05", "The reason is required"),
        ("other", "x", "2099-01-05", "cannot be in the future"),
        ("other", "x", "05/01/2026", "YYYY-MM-DD"),
    ],
)
def test_a_bad_hold_is_refused_in_one_sentence(
    new_vault: Vault, kind: str, reason: str, day: str, words: str
) -> None:
    client_id = _old_client(new_vault)
    with pytest.raises(InvalidRecord, match=words):
        new_vault.retention.holds.place(client_id, kind, reason, day)
    assert new_vault.retention.holds.for_client(client_id) == []


def test_lifting_twice_or_before_placing_is_refused(new_vault: Vault) -> None:
    client_id = _old_client(new_vault)
    hold = new_vault.retention.holds.place(client_id, "other", "Enquiry", "2026-01-05")
    with pytest.raises(InvalidRecord, match="cannot be before the hold was placed"):
        new_vault.retention.holds.lift(hold.id, "2026-01-04", "Oops")
    new_vault.retention.holds.lift(hold.id, "2026-01-06", "Closed")
    with pytest.raises(InvalidRecord, match="already lifted on 2026-01-06"):
        new_vault.retention.holds.lift(hold.id, "2026-01-07", "Again")


def test_a_hold_on_a_missing_client_is_refused(new_vault: Vault) -> None:
    with pytest.raises(RecordNotFound):
        new_vault.retention.holds.place(999, "other", "x", "2026-01-05")
