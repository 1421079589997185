"""The client list's paperwork marks: no current consent, re-consent due, a release
ending soon; a legend line says what each letter means."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from screens.client_list import ClientListScreen
from tests.conftest import PASSPHRASE, FakeClock
from tests.ui.consent_records_app import populate
from tests.ui.notes_app import make_app, make_practice_vault, unlock
from vault.consent.models import ConsentInput
from vault.records.clients import ClientInput
from vault.vault import Vault


def marks(screen: ClientListScreen) -> dict[str, str]:
    table = screen.table
    return {
        str(table.get_row_at(r)[0]): str(table.get_row_at(r)[-1]) for r in range(table.row_count)
    }


async def test_marks_and_their_legend(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    populate(vault_dir, ids)
    with Vault.open(vault_dir, PASSPHRASE, clock=FakeClock()) as vault:
        # Signed more than the review interval (12 months) before the tests' today.
        old = vault.clients.add(ClientInput("Ruth", "Amsel", "1970-03-03"))
        version = vault.consent_templates.latest_of("informed_consent")
        vault.consents.record(old.id, ConsentInput(
            template_version_id=version.id, discussed_on="2025-03-01", discussed_by="Dr Ada Lee",
            signer_name="Ruth Amsel", signed_on="2025-03-01",
        ))  # fmt: skip
    async with make_app(vault_dir).run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ClientListScreen)
        assert marks(screen) == {"Ruth Amsel": "R", "Leo Brandt": "C", "Ana Okafor": "E"}
        legend = str(screen.query_one("#client-legend", Static).render())
        assert legend == "C no consent  R re-consent due  E release ending  F follow-up due"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert marks(screen) == {"R.A.": "R", "L.B.": "C", "A.O.": "E"}  # marks stay
