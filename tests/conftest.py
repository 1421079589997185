"""Fixtures shared by every test. Argon2 is made cheap here and only here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from vault.keys import kdf
from vault.keys.kdf import KdfParams
from vault.records.clients import ClientInput, GuardianInput
from vault.records.notes import SessionInput
from vault.vault import Vault

PASSPHRASE = "correct horse battery staple"
CHEAP = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Calibration would take ~0.5 s per vault; tests use deliberately weak settings."""
    monkeypatch.setattr(kdf, "calibrate", lambda target_seconds=0.5: CHEAP)
    monkeypatch.setattr("vault.vault.calibrate", lambda target_seconds=0.5: CHEAP)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def new_vault(vault_dir: Path) -> Iterator[Vault]:
    """An empty, open vault."""
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    yield vault
    vault.close()


def add_practice(vault: Vault) -> dict[str, int]:
    """A tiny practice: an adult with notes (one signed with an addendum) and a minor."""
    ana = vault.clients.add(
        ClientInput(
            "Ana", "Okafor", "1988-03-14", email="ana@example.org", intake_date="2025-01-06"
        )
    )
    leo = vault.clients.add(
        ClientInput(
            "Leo", "Brandt", "2012-07-30",
            guardians=[GuardianInput("Mara Brandt", "mother", can_access_records=True)],
        )
    )  # fmt: skip
    first = vault.notes.start(
        ana.id, template="soap", session=SessionInput("2025-01-06", fee="150.00")
    )
    vault.notes.save_draft(
        first.id, "Subjective:\nTrouble with sleep and worry at work.\n\nPlan:\nSleep diary."
    )
    vault.notes.sign(first.id)
    addendum = vault.notes.add_addendum(first.id, "Client later reported the harmonica helps.")
    vault.notes.sign(addendum.id)
    draft = vault.notes.start(ana.id, template="dap", session=SessionInput("2025-01-13"))
    vault.notes.save_draft(draft.id, "Data:\nSleep improving; anxiety lower.")
    return {
        "ana": ana.id,
        "leo": leo.id,
        "signed": first.id,
        "addendum": addendum.id,
        "draft": draft.id,
    }


@pytest.fixture
def practice(new_vault: Vault) -> tuple[Vault, dict[str, int]]:
    return new_vault, add_practice(new_vault)


class FakeClock:
    """A clock tests move by hand (auto-lock, ages, dates)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 20, 10, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now
