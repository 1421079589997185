"""The disclosure log: what is checked, which entries are accountable, the accounting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from vault.consent.disclosures import accounting_start, append_disclosure
from vault.consent.models import (
    ACCOUNTING_YEARS,
    EXEMPT_BASES,
    LEGAL_BASES,
    DisclosureInput,
    ReleaseInput,
)
from vault.errors import InvalidRecord, RecordNotFound
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def phone_call(client_id: int, **changes: Any) -> DisclosureInput:
    data = DisclosureInput(
        client_id=client_id,
        disclosed_at="2026-03-02",
        recipient="County Child Protective Services",
        description="Report of suspected neglect",
        purpose="Mandated report",
        legal_basis="mandated_report",
        method="phone",
        person_spoken_to="Intake worker J. Ruiz",
        reference="CPS-2026-0415",
        client_told=False,
        client_told_note="Telling the client would put the child at risk.",
    )
    return replace(data, **changes)


def signed_release(vault: Vault, client_id: int) -> int:
    today = vault.store.today()
    data = ReleaseInput(
        recipient_name="Northwind Health Plan", scope=["dates_and_fees_only"], purpose="Claims",
        expires_on=today + timedelta(days=365), signed_by="Ana Okafor", signed_on=today,
    )  # fmt: skip
    return vault.releases.save(client_id, data).id


def test_a_manual_entry_is_kept_with_every_field_and_audited(practice: Practice) -> None:
    vault, ids = practice
    vault.settings.set_signer("Dana Reyes", "LCSW")
    entry = vault.disclosures.record(phone_call(ids["ana"]))
    assert entry.recipient == "County Child Protective Services"
    assert (entry.method, entry.legal_basis, entry.source) == ("phone", "mandated_report", "manual")
    assert entry.client_told is False and entry.accountable is True
    assert entry.recorded_by == "Dana Reyes, LCSW"
    assert entry.reference == "CPS-2026-0415"
    assert vault.disclosures.for_client(ids["ana"]) == [entry]
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject, last.detail) == (
        "disclosure", f"client:{ids['ana']}", f"disclosure:{entry.id}",
    )  # fmt: skip


@pytest.mark.parametrize("basis", LEGAL_BASES)
def test_each_legal_basis_is_accountable_or_exempt(practice: Practice, basis: str) -> None:
    vault, ids = practice
    release_id = signed_release(vault, ids["ana"]) if basis == "authorization" else None
    entry = vault.disclosures.record(
        phone_call(ids["ana"], legal_basis=basis, release_id=release_id)
    )
    exempt = {"authorization", "treatment", "payment", "operations", "to_client",
              "guardian_access"}  # fmt: skip
    assert entry.accountable is (basis not in exempt)
    assert exempt == EXEMPT_BASES


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"legal_basis": "curiosity"}, "legal_basis", "The legal basis must be one of"),
        ({"method": "pigeon"}, "method", "How it was disclosed must be one of"),
        ({"source": "magic"}, "source", "Source must be one of"),
        ({"recipient": "  "}, "recipient", "Who received it is required"),
        ({"description": ""}, "description", "What was disclosed is required"),
        ({"purpose": ""}, "purpose", "The purpose is required"),
        ({"recipient": "x" * 101}, "recipient", "too long"),
        ({"description": "x" * 1001}, "description", "too long"),
        ({"disclosed_at": "2026-02-30"}, "disclosed_at", "real date"),
        ({"disclosed_at": "yesterday"}, "disclosed_at", "real date"),
        ({"disclosed_at": ""}, "disclosed_at", "required"),
        ({"disclosed_at": "2999-01-01"}, "disclosed_at", "cannot be in the future"),
        ({"disclosed_at": "2999-01-01T10:00"}, "disclosed_at", "cannot be in the future"),
        ({"legal_basis": "authorization"}, "release_id", "needs the release"),
        ({"release_id": 999}, "release_id", "not one of this client's releases"),
        ({"client_told": "maybe"}, "client_told", "yes, no or not yet"),
        ({"purpose": "bad \ud800"}, "purpose", "broken character"),
    ],
)
def test_bad_entries_are_refused_naming_the_field(
    practice: Practice, changes: dict[str, Any], field: str, words: str
) -> None:
    vault, ids = practice
    with pytest.raises(InvalidRecord, match=words) as caught:
        vault.disclosures.record(phone_call(ids["ana"], **changes))
    assert caught.value.field == field
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_release_of_another_client_is_refused(practice: Practice) -> None:
    vault, ids = practice
    release_id = signed_release(vault, ids["ana"])
    data = phone_call(ids["leo"], legal_basis="authorization", release_id=release_id)
    with pytest.raises(InvalidRecord, match="not one of this client's releases"):
        vault.disclosures.record(data)
    with pytest.raises(RecordNotFound):
        vault.disclosures.record(phone_call(9999))


def test_a_date_and_time_is_kept_to_the_minute(practice: Practice) -> None:
    vault, ids = practice
    entry = vault.disclosures.record(phone_call(ids["ana"], disclosed_at="2026-03-02 14:05"))
    assert entry.disclosed_at == "2026-03-02T14:05"
    today = vault.store.today().isoformat()
    assert (
        vault.disclosures.record(phone_call(ids["ana"], disclosed_at=today)).disclosed_at == today
    )


def test_the_full_log_is_newest_first(practice: Practice) -> None:
    vault, ids = practice
    for day in ("2024-05-01", "2026-01-10", "2025-07-07"):
        vault.disclosures.record(phone_call(ids["ana"], disclosed_at=day))
    vault.disclosures.record(phone_call(ids["leo"]))
    days = [entry.disclosed_at for entry in vault.disclosures.for_client(ids["ana"])]
    assert days == ["2026-01-10", "2025-07-07", "2024-05-01"]


def test_the_accounting_covers_six_years_of_accountable_entries_oldest_first(
    practice: Practice,
) -> None:
    vault, ids = practice
    today = date(2026, 11, 20)
    for day, basis in [
        ("2020-11-19", "court_order"),  # one day too old
        ("2020-11-20", "court_order"),  # six years ago to the day: still covered
        ("2023-04-01", "payment"),  # exempt
        ("2022-02-02", "serious_threat"),
        ("2025-06-06", "to_client"),  # exempt
        ("2026-11-20", "emergency"),
    ]:
        vault.disclosures.record(phone_call(ids["ana"], disclosed_at=day, legal_basis=basis))
    listed = vault.disclosures.accounting(ids["ana"], today)
    assert [(e.disclosed_at, e.legal_basis) for e in listed] == [
        ("2020-11-20", "court_order"),
        ("2022-02-02", "serious_threat"),
        ("2026-11-20", "emergency"),
    ]
    assert all(entry.accountable for entry in listed)
    assert len(vault.disclosures.for_client(ids["ana"])) == 6
    assert vault.disclosures.accounting(ids["leo"], today) == []


def test_the_window_starts_on_the_same_day_six_years_before() -> None:
    assert ACCOUNTING_YEARS == 6
    assert accounting_start(date(2026, 11, 20)) == date(2020, 11, 20)
    assert accounting_start(date(2028, 2, 29)) == date(2022, 2, 28)


def test_the_accounting_reads_through_the_client_index(practice: Practice) -> None:
    vault, ids = practice
    conn = vault.store._conn
    assert conn is not None
    plan = " ".join(
        str(row[-1])
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM disclosures WHERE client_id = ?"
            " AND disclosed_at >= ? AND accountable = 1 ORDER BY disclosed_at, id",
            (ids["ana"], "2020-01-01"),
        )
    )
    assert "disclosures_by_client" in plan


def test_an_entry_is_written_inside_the_callers_transaction(practice: Practice) -> None:
    vault, ids = practice
    with pytest.raises(RuntimeError), vault.store.writing("the export") as conn:
        append_disclosure(conn, phone_call(ids["ana"]), vault.store.utc_iso(), "Dana")
        raise RuntimeError("the export failed after the entry was written")
    assert vault.disclosures.for_client(ids["ana"]) == []
    assert vault.disclosures.verify() == 0
    with vault.store.writing("the export") as conn:
        append_disclosure(
            conn, phone_call(ids["ana"], source="export", method="exported_file"),
            vault.store.utc_iso(), "Dana",
        )  # fmt: skip
    assert vault.disclosures.verify() == 1
