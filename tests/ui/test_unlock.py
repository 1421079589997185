"""The unlock screen: right, wrong (with a growing wait), damaged, in use, missing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from screens.app import QuietroomApp
from screens.client_list import ClientListScreen
from screens.unlock import UnlockScreen, retry_delay
from tests.conftest import PASSPHRASE
from tests.ui.conftest import SIZE, FakeSeconds, unlock
from vault.storage.layout import VaultLayout
from vault.vault import Vault


def message(app: QuietroomApp) -> str:
    return str(app.screen.query_one("#unlock-message", Static).render())


def passphrase_box(app: QuietroomApp) -> Input:
    return app.screen.query_one("#passphrase", Input)


def test_retry_delay_grows_and_is_capped() -> None:
    assert [retry_delay(n) for n in range(1, 8)] == [0, 1, 2, 4, 8, 16, 30]
    assert retry_delay(40) == 30


async def test_right_passphrase_opens_the_client_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        box = passphrase_box(app)
        assert box.password and box.has_focus
        await unlock(pilot)
        assert isinstance(app.screen, ClientListScreen)
        assert app.vault is not None and app.vault.is_open
        assert len(app.screen_stack) == 1  # the list is the bottom: Escape cannot leave it


async def test_typed_passphrase_is_never_shown(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"secret")
        screen = app.export_screenshot()
        assert "secret" not in screen
        assert "••••••" in screen


async def test_wrong_passphrase_says_so_counts_and_clears(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot, "not it")
        assert isinstance(app.screen, UnlockScreen)
        assert message(app) == "Wrong passphrase (attempt 1)."
        assert passphrase_box(app).value == ""
        await unlock(pilot, "still not it")
        assert message(app).startswith("Wrong passphrase (attempt 2)")
        assert app.vault is None


async def test_each_failure_waits_longer_before_the_next_try(make_app) -> None:
    clock = FakeSeconds()
    app = make_app(clock=clock, retry_delay=lambda failures: 4.0 * (failures - 1))
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot, "wrong")
        assert not passphrase_box(app).disabled  # the first slip costs nothing
        await unlock(pilot, "wrong again")
        assert passphrase_box(app).disabled
        assert "Wait 4 s" in message(app)
        clock.now += 3
        await pilot.pause(0.3)
        assert passphrase_box(app).disabled and "Wait 1 s" in message(app)
        clock.now += 1
        await pilot.pause(0.3)
        assert not passphrase_box(app).disabled and passphrase_box(app).has_focus
        await unlock(pilot)
        assert isinstance(app.screen, ClientListScreen)


async def test_damaged_header_shows_the_sentence_not_a_traceback(make_app, demo_vault_dir) -> None:
    header = VaultLayout(demo_vault_dir).header
    data = bytearray(header.read_bytes())
    data[len(data) // 2] ^= 0x01
    header.write_bytes(bytes(data))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        shown = message(app)
        assert "key header is damaged" in shown and "quietroom recover" in shown
        assert "Traceback" not in shown and "Error" not in shown
        assert app.vault is None


async def test_vault_open_elsewhere_is_explained(make_app, demo_vault_dir) -> None:
    elsewhere = Vault.open(demo_vault_dir, PASSPHRASE)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            assert "already open in another Quietroom window" in message(app)
    finally:
        elsewhere.close()


async def test_no_vault_says_how_to_make_one(tmp_path: Path) -> None:
    app = QuietroomApp(tmp_path / "nothing-here")
    async with app.run_test(size=SIZE):
        shown = message(app)
        assert "There is no vault in" in shown
        assert "quietroom init" in shown and "quietroom demo" in shown
        assert passphrase_box(app).disabled


async def test_demo_mode_shows_the_passphrase(make_app) -> None:
    app = make_app(demo_passphrase="demo words here")
    async with app.run_test(size=SIZE):
        demo = str(app.screen.query_one("#unlock-demo", Static).render())
        assert "Demo vault — passphrase: demo words here" in demo
        assert "demo only" in demo


async def test_privacy_mode_says_so_on_the_unlock_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        note = app.screen.query_one("#unlock-privacy", Static)
        assert not note.display
        await pilot.press("ctrl+o")
        assert note.display and "Privacy mode is on" in str(note.render())
        await unlock(pilot)
        assert app.privacy and "PRIVACY" in app.sub_title  # and it stays on once unlocked


async def test_the_key_line_names_only_keys_that_work_while_locked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        keys = str(app.screen.query_one("#unlock-keys", Static).render())
        for key in ("^o Privacy", "^b Help", "^p Commands", "^q Quit"):
            assert key in keys
        assert "Lock" not in keys and "Search" not in keys and "Back" not in keys
