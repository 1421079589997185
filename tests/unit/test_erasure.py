"""Erasure requests: refused with the rule and its end date while records must be kept,
carried out through destruction once they need not be, and recorded either way."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.lifecycle_fixtures import LATER, full_practice
from vault.errors import InvalidRecord, RecordNotFound
from vault.lifecycle.destruction import WORDS_REMOVED
from vault.lifecycle.erasure import ErasureInput
from vault.records.clients import ClientInput
from vault.vault import Vault

ASK = ErasureInput("2026-11-02", "The client, by letter", "Erase everything you hold on me")


def test_refused_while_the_retention_period_runs_with_the_rule_and_its_end(
    new_vault: Vault,
) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2025-01-01")
    )
    new_vault.clients.discharge(client.id, "Done", None, "2025-06-01")
    answered = new_vault.retention.erasure.answer(client.id, ASK)
    assert answered.outcome == "refused"
    assert answered.answer == (
        f"Refused: Client {client.id}'s records must be kept until 2032-06-01 (APA default: "
        "7 years after last service, 3 after age 18); they can be destroyed from 2032-06-02."
    )
    assert answered.requested_by == "The client, by letter"
    assert new_vault.retention.erasure.for_client(client.id) == [answered]
    assert new_vault.clients.get(client.id, audit=False).first_name == "Ines"
    entry = new_vault.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("erasure_request", f"erasure:{answered.id} refused")


def test_refused_while_a_hold_stands(new_vault: Vault) -> None:
    client_id = full_practice(new_vault)
    new_vault.retention.holds.place(client_id, "court_case", "Subpoena 44-1", "2040-01-02")
    answered = new_vault.retention.erasure.answer(client_id, ASK)
    assert answered.outcome == "refused"
    assert "legal hold (court case: Subpoena 44-1)" in answered.answer
    assert new_vault.retention.erasure.assess(client_id) == answered.answer.removeprefix(
        "Refused: "
    )


def test_carried_out_by_destruction_once_allowed_and_still_recorded(new_vault: Vault) -> None:
    client_id = full_practice(new_vault)
    assert new_vault.retention.erasure.assess(client_id) is None
    answered = new_vault.retention.erasure.answer(client_id, ASK)
    assert answered.outcome == "carried_out"
    assert answered.answer.startswith(
        f"Carried out on 2040-03-01: the records of client {client_id}"
    )
    assert (answered.requested_by, answered.asked) == (WORDS_REMOVED, WORDS_REMOVED)
    with pytest.raises(RecordNotFound):
        new_vault.clients.get(client_id)
    assert new_vault.retention.erasure.for_client(client_id) == [answered]
    actions = [entry.action for entry in new_vault.audit.recent(2)]
    assert actions == ["erasure_request", "destroy_client"]
    assert new_vault.disclosures.verify() > 0


def test_an_earlier_refusal_loses_its_words_when_the_records_are_destroyed(
    new_vault: Vault,
) -> None:
    client_id = full_practice(new_vault)
    new_vault.store.clock = FakeClock(LATER.replace(year=2030).astimezone())
    refused = new_vault.retention.erasure.answer(client_id, ASK)
    assert refused.outcome == "refused"
    new_vault.store.clock = FakeClock(LATER.astimezone())
    new_vault.retention.destruction.destroy(client_id)
    kept = new_vault.retention.erasure.get(refused.id)
    assert (kept.outcome, kept.asked, kept.requested_by) == (
        "refused",
        WORDS_REMOVED,
        WORDS_REMOVED,
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (ErasureInput("", "x", "y"), "The date it was received is required"),
        (ErasureInput("2099-01-01", "x", "y"), "cannot be in the future"),
        (ErasureInput("2026-01-01", "", "y"), "Who asked is required"),
        (ErasureInput("2026-01-01", "x", " "), "What they asked is required"),
    ],
)
def test_a_bad_request_is_refused_in_one_sentence_and_nothing_is_recorded(
    new_vault: Vault, data: ErasureInput, words: str
) -> None:
    client = new_vault.clients.add(ClientInput("Ines", "Roth", "1990-02-02"))
    with pytest.raises(InvalidRecord, match=words):
        new_vault.retention.erasure.answer(client.id, data)
    assert new_vault.retention.erasure.for_client(client.id) == []


def test_a_request_for_a_missing_client_is_refused(new_vault: Vault) -> None:
    with pytest.raises(RecordNotFound):
        new_vault.retention.erasure.answer(999, ASK)
