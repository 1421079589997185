"""A practice for the Episodes view tests: Ana discharged on 2026-10-15 with a referral,
one follow-up due (2026-11-12, eight days before the app's fixed "today") and one ahead,
all written on a clock of 2026-11-01 so the dates never move."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from vault.lifecycle.referrals import ReferralInput
from vault.vault import Vault

SET_UP_ON = FakeClock(datetime(2026, 11, 1, 9, 0).astimezone())
REFERRAL = "Dr Sam Lee, Riverside Clinic"


def make_episodes_vault(vault_dir: Path, *, letter: bool = False) -> dict[str, int]:
    """`letter`: a referral letter written on 2026-11-01, not yet sent."""
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=SET_UP_ON)
    try:
        vault.settings.set("clinician_name", "Dr Ada Lee")
        vault.settings.set("credentials", "PsyD")
        ids = add_practice(vault)
        vault.clients.discharge(ids["ana"], "Goals met; sleeping well", REFERRAL, "2026-10-15")
        follow_ups = vault.ending.follow_ups
        ids["due"] = follow_ups.schedule(ids["ana"], "2026-11-12", "4-week check-in").id
        ids["ahead"] = follow_ups.schedule(ids["ana"], "2027-01-14", "3-month check-in").id
        if letter:
            written = vault.ending.referrals.write(
                ids["ana"],
                ReferralInput(
                    REFERRAL, client_agreed=True, sections={"reason": "Specialist sleep care"}
                ),
            )
            ids["letter"] = written.id
    finally:
        vault.close()
    return ids
