"""From the client record: `5` opens the client's risk view, ctrl+r asks which flag
to raise; Escape comes back to the record."""

from __future__ import annotations

from pathlib import Path

from screens.client_record import ClientRecordScreen
from screens.risk.flag_picker import FlagPicker
from screens.risk_screen import RiskViewScreen
from tests.ui.notes_app import make_app, make_practice_vault, unlock


async def test_5_opens_the_risk_view_and_ctrl_r_the_flag_picker(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    ids = make_practice_vault(vault_dir)
    async with make_app(vault_dir).run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        pilot.app.open_client(ids["ana"])
        await pilot.pause()
        record = pilot.app.screen
        assert isinstance(record, ClientRecordScreen)
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RiskViewScreen)
        assert pilot.app.screen.client_id == ids["ana"]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is record
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FlagPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is record
