"""A practice built for the export tests: every kind of record an export must either
carry or leave behind, each note holding a word found nowhere else."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock
from vault.consent.models import ReleaseInput
from vault.records.clients import ClientInput, GuardianInput
from vault.records.notes import SessionInput
from vault.vault import Vault

TODAY = date(2026, 11, 20)  # FakeClock's day
PRACTICE = "Harbour Street Therapy"
CLINICIAN = "Dana Reyes"
# Words that exist in one record each, so what crossed into a PDF can be told apart.
SIGNED, ADDENDUM, CONTACT = "Marigoldsleep", "Harmonicalater", "Didnotattendcall"
DRAFT, PROCESS, OLD = "Unsigneddraftword", "Processnoteword", "Beforetherange"
EMERGENCY, GUARDIAN = "Bartholomew Emergencyson", "Mara Brandt"


def build(vault: Vault) -> dict[str, int]:
    vault.settings.set("practice_name", PRACTICE)
    vault.settings.set_signer(CLINICIAN, "LCSW")
    vault.settings.set("jurisdiction", "Oregon")
    ana = vault.clients.add(
        ClientInput(
            "Ana", "Okafor", "1988-03-14", email="ana@example.org", intake_date="2024-05-01",
            emergency_name=EMERGENCY, emergency_relationship="brother",
            emergency_phone="555-0100",
        )
    ).id  # fmt: skip
    leo = vault.clients.add(
        ClientInput("Leo", "Brandt", "2012-07-30",
                    guardians=[GuardianInput(GUARDIAN, "mother", can_access_records=True)])
    ).id  # fmt: skip

    def signed(day: str, body: str, *, kind: str = "progress", fee: str | None = "150.00",
               attendance: str = "attended", session: bool = True) -> int:  # fmt: skip
        visit = SessionInput(day, fee=fee, attendance=attendance) if session else None
        note = vault.notes.start(ana, kind=kind, template="free", session=visit, note_date=day)
        vault.notes.save_draft(note.id, body)
        vault.notes.sign(note.id)
        return note.id

    old = signed("2024-06-03", f"Intake before the release's range. {OLD}.")
    first = signed("2025-01-06", f"Slept badly; worry at work. {SIGNED}.")
    addendum = vault.notes.add_addendum(first, f"Later: the harmonica helps. {ADDENDUM}.")
    vault.notes.sign(addendum.id)
    process = signed("2025-01-06", f"My own impressions. {PROCESS}.", kind="psychotherapy",
                     session=False)  # fmt: skip
    missed = signed("2025-03-03", f"Phoned after the missed session. {CONTACT}.", kind="contact",
                    fee="75.00", attendance="no_show")  # fmt: skip
    draft = vault.notes.start(ana, template="free", session=SessionInput("2025-04-07", fee="150"))
    vault.notes.save_draft(draft.id, f"Half written. {DRAFT}.")
    return {
        "ana": ana, "leo": leo, "old": old, "signed": first, "addendum": addendum.id,
        "process": process, "missed": missed, "draft": draft.id,
    }  # fmt: skip


def release_input(**changes: Any) -> ReleaseInput:
    data = ReleaseInput(
        recipient_name="Northwind Health Plan",
        recipient_org="Claims department",
        recipient_address="PO Box 12, Salem OR",
        scope=["dates_and_fees_only"],
        date_from="2025-01-01",
        date_to="2025-12-31",
        purpose="Insurance claims for 2025",
        expires_on="2027-06-30",
        signed_by="Ana Okafor",
        signed_on="2026-11-02",
        signature_method="paper",
    )
    return replace(data, **changes)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault(vault_dir: Path, clock: FakeClock) -> Iterator[Vault]:
    made, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=clock)
    yield made
    made.close()


@pytest.fixture
def ids(vault: Vault) -> dict[str, int]:
    return build(vault)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
