"""An open risk flag is in sight wherever the client appears (the client list, the
record header, search results) until it is resolved, and a deadline shows the time
left until it is recorded as done."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.search import SearchScreen
from tests.conftest import PASSPHRASE, FakeClock
from tests.risk_answers import answer_every_step
from tests.ui.notes_app import make_app
from tests.ui.risk_app import EVENING, make_risk_vault, unlock
from vault.risk.registry import load_packs
from vault.vault import Vault


def flag_mia(vault_dir: Path, ids: dict[str, int]) -> tuple[int, int]:
    """A danger-to-self flag for Mia with a written report due in 36 hours."""
    with Vault.open(vault_dir, PASSPHRASE, clock=FakeClock(EVENING)) as vault:
        event = vault.risk.open(ids["mia"], "danger_to_self", load_packs().get("US-CA"))
        deadline = vault.risk.start_deadline(event.id, "Written report to the county", hours=36)
        vault.settings.set_signer("Dr Mara Lind", "PsyD")
        note = vault.notes.start(ids["mia"])
        vault.notes.save_draft(note.id, "Talked about the bridge.")
        answer_every_step(vault, event.id)
    return event.id, deadline.id


def risk_of(screen: ClientListScreen, name: str) -> str:
    table = screen.table
    for row in range(table.row_count):
        cells = table.get_row_at(row)
        if str(cells[0]) == name:
            return str(cells[2]).strip()
    raise AssertionError(f"{name} is not in the list")


async def test_the_list_header_and_search_show_an_open_flag_until_resolved(
    tmp_path: Path,
) -> None:
    vault_dir = tmp_path / "vault"
    ids = make_risk_vault(vault_dir)
    event_id, deadline_id = flag_mia(vault_dir, ids)
    app = make_app(vault_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert app.vault is not None
        clock = FakeClock(EVENING + timedelta(hours=2))
        app.vault.store.clock = clock
        screen = app.screen
        assert isinstance(screen, ClientListScreen)
        screen.reload()
        await pilot.pause()
        assert risk_of(screen, "Mia Harlow") == "Self  34 h"
        assert risk_of(screen, "Ana Okafor") == ""

        # The record's header names the flag in full, and what is due with the time left.
        app.push_screen(ClientRecordScreen(ids["mia"]))
        await pilot.pause()
        header = str(app.screen.query_one("#record-header", Static).render())
        assert "RISK FLAG OPEN  Danger to self" in header
        assert "Deadline: 34 h 00 min left — Written report to the county" in header
        # The risk view (5) says whose records it holds before anything else.
        await pilot.press("5")
        await pilot.pause()
        top = str(app.screen.query_one("#risk-client", Static).render())
        assert top.startswith("Mia Harlow · 15 years   MINOR  — risk records")
        app.pop_screen()
        app.pop_screen()
        await pilot.pause()

        # Search results carry the flag beside the client's name.
        app.push_screen(SearchScreen())
        await pilot.pause()
        app.screen.query_one("#search-query", Input).value = "bridge"
        await pilot.pause(0.5)
        results = app.screen.query_one(OptionList)
        assert results.option_count == 1
        assert "Mia Harlow   Self  34 h" in str(results.get_option_at_index(0).prompt)
        app.pop_screen()
        await pilot.pause()

        # Past due, it says so.
        clock.now = EVENING + timedelta(hours=40)
        screen.reload()
        await pilot.pause()
        assert risk_of(screen, "Mia Harlow") == "Self  overdue"

        # Done and resolved: gone everywhere.
        app.vault.risk.complete_deadline(deadline_id, "Sent by fax")
        app.vault.risk.sign(event_id)
        app.vault.risk.resolve(event_id, "Seen the next day; safety plan in place.")
        screen.reload()
        await pilot.pause()
        assert risk_of(screen, "Mia Harlow") == ""
