"""The records clean-up screen (ctrl+y on the client list): who is past their retention
date, and destroying one client's records after their number is typed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from screens.app import QuietroomApp
from screens.cleanup import CleanupScreen, TypedConfirmScreen
from tests.conftest import CHEAP, PASSPHRASE, add_practice
from tests.ui.conftest import SIZE, TODAY, unlock
from vault.importer import import_practice
from vault.vault import Vault

OLD = {
    "clients": [
        {"first_name": "Otto", "last_name": "Vale", "date_of_birth": "1950-04-02",
         "intake_date": "2010-03-01", "status": "discharged", "discharge_date": "2012-05-04",
         "discharge_reason": "Goals met",
         "sessions": [{"date": "2012-05-04", "notes": [{
             "kind": "termination", "template": "free", "text": "Otto spoke of the lighthouse.",
             "signed": True, "signed_at": "2012-05-04T17:00:00"}]}]},
        {"first_name": "Wren", "last_name": "Hale", "date_of_birth": "1960-08-09",
         "intake_date": "2009-01-05", "status": "discharged", "discharge_date": "2011-02-01",
         "discharge_reason": "Moved away", "sessions": []},
        {"first_name": "Ines", "last_name": "Roth", "date_of_birth": "1990-02-02",
         "intake_date": "2025-01-01", "status": "discharged", "discharge_date": "2025-06-01",
         "discharge_reason": "Referred on", "sessions": []},
        {"first_name": "Pia", "last_name": "Moss", "date_of_birth": "1955-01-01",
         "intake_date": "2008-01-01", "status": "inactive", "sessions": []},
    ],
}  # fmt: skip


def make_retention_vault(vault_dir: Path) -> dict[str, int]:
    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    try:
        ids = add_practice(vault)
        vault.settings.set_signer("Ada Lee", "PsyD")
        import_practice(vault, OLD)
        for client in vault.clients.page():
            ids[client.first_name.lower()] = client.id
        vault.retention.holds.place(
            ids["wren"], "court_case", "Vale v. Hale, 22-CV-104", "2026-01-05"
        )
        return ids
    finally:
        vault.close()


@asynccontextmanager
async def running(
    tmp_path: Path, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    vault_dir = tmp_path / "vault"
    ids = make_retention_vault(vault_dir)
    app = QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        yield pilot, ids


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[tuple[Pilot[Any], dict[str, int]]]:
    async with running(tmp_path) as pilot_ids:
        yield pilot_ids


def rows(screen: CleanupScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def open_cleanup(pilot: Pilot[Any]) -> CleanupScreen:
    await pilot.press("ctrl+y")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CleanupScreen)
    return screen


async def test_ctrl_t_lists_only_clients_past_retention_and_not_active(app: Any) -> None:
    pilot, _ids = app
    screen = await open_cleanup(pilot)
    assert rows(screen) == ["Pia Moss", "Wren Hale", "Otto Vale"]  # oldest date first
    table = screen.query_one(DataTable)
    assert [str(table.get_row_at(i)[2]) for i in range(3)] == ["Inactive", "Held", "Discharged"]
    rule = str(screen.query_one("#cleanup-rule", Static).render())
    assert "APA default: 7 years after last service, 3 after age 18" in rule


async def test_privacy_mode_shows_initials(app: Any) -> None:
    pilot, _ids = app
    screen = await open_cleanup(pilot)
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert rows(screen) == ["P.M.", "W.H.", "O.V."]


async def test_destroying_asks_for_the_number_and_a_wrong_one_destroys_nothing(app: Any) -> None:
    pilot, ids = app
    screen = await open_cleanup(pilot)
    await pilot.press("down", "down")  # Otto
    await pilot.press("d")
    await pilot.pause()
    confirm = pilot.app.screen
    assert isinstance(confirm, TypedConfirmScreen)
    confirm.query_one(Input).value = str(ids["otto"] + 1)
    await pilot.press("enter")
    await pilot.pause()
    error = str(confirm.query_one("#typed-error", Static).render())
    assert error == f"That is not {ids['otto']}; type the number exactly, or press Escape."
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen
    assert pilot.app.vault.clients.get(ids["otto"], audit=False).first_name == "Otto"


async def test_typing_the_number_destroys_the_records_and_the_row_goes(app: Any) -> None:
    pilot, ids = app
    screen = await open_cleanup(pilot)
    await pilot.press("down", "down")
    await pilot.press("d")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = str(ids["otto"])
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.screen is screen
    assert rows(screen) == ["Pia Moss", "Wren Hale"]
    assert pilot.app.vault.search.search("lighthouse") == []
    stub = pilot.app.vault.audit.recent(1)[0]
    assert (stub.action, stub.subject) == ("destroy_client", f"client:{ids['otto']}")
    await pilot.press("c")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.vault.clients.count() == 5
    assert [n.message for n in pilot.app._notifications][-1].startswith("Compacted: ")


async def test_a_held_client_is_refused_with_the_hold_in_one_sentence(app: Any) -> None:
    pilot, ids = app
    screen = await open_cleanup(pilot)
    await pilot.press("down", "d")  # Wren, held
    await pilot.pause()
    assert pilot.app.screen is screen  # no confirmation: nothing to confirm
    shown = [n.message for n in pilot.app._notifications]
    assert shown[-1] == (
        f"Client {ids['wren']}'s records cannot be destroyed while a legal hold "
        "(court case: Vale v. Hale, 22-CV-104) placed on 2026-01-05 stands."
    )
    assert pilot.app.vault.clients.get(ids["wren"], audit=False).first_name == "Wren"


async def test_the_list_comes_back_reloaded_and_escape_returns(app: Any) -> None:
    pilot, _ids = app
    await open_cleanup(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "ClientListScreen"


async def test_an_empty_clean_up_says_so(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    app = QuietroomApp(vault_dir, today=lambda: TODAY, retry_delay=lambda failures: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        screen = await open_cleanup(pilot)
        assert "No client is past their retention date." in str(
            screen.query_one("#cleanup-rule", Static).render()
        )
        await pilot.press("d")
        await pilot.pause()
        assert pilot.app.screen is screen
