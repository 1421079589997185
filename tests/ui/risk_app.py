"""Helpers for the risk prompt's Pilot tests and snapshots: a practice with a
15-year-old (and her father), a fixed clock, and answering a step as a clinician would
(choices with their digit keys, text put into the focused box)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screens.app import QuietroomApp
from screens.risk.fields import ChoiceBar
from screens.risk.prompt import RiskPromptScreen
from tests.conftest import PASSPHRASE, FakeClock
from tests.ui.notes_app import make_app, make_practice_vault, unlock
from vault.records.clients import ClientInput, GuardianInput
from vault.vault import Vault

# 21:05 on a weekday evening, as the issue asks us to picture it.
EVENING = datetime(2026, 11, 20, 21, 5).astimezone()


def make_risk_vault(vault_dir: Path) -> dict[str, int]:
    ids = make_practice_vault(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        mia = vault.clients.add(
            ClientInput(
                "Mia", "Harlow", "2011-05-02",
                guardians=[GuardianInput("Tom Harlow", "father", can_access_records=True)],
            )
        )  # fmt: skip
        ids["mia"] = mia.id
    return ids


async def open_app(pilot: Pilot[Any], jurisdiction: str = "US-CA") -> QuietroomApp:
    await unlock(pilot)
    app = pilot.app
    assert isinstance(app, QuietroomApp) and app.vault is not None
    app.vault.store.clock = FakeClock(EVENING)
    app.vault.settings.set("jurisdiction", jurisdiction)
    return app


async def raise_from(pilot: Pilot[Any], client_id: int, flag_digit: str) -> RiskPromptScreen:
    from screens.risk.flag_picker import raise_flag

    raise_flag(pilot.app.screen, client_id)
    await pilot.pause()
    await pilot.press(flag_digit)
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RiskPromptScreen), type(screen)
    return screen


async def answer(pilot: Pilot[Any], widget_id: str, value: str) -> None:
    """Answer one question: a choice by its digit key, text into the box."""
    screen = pilot.app.screen
    # In the step shown: the steps drawn so far are all in the screen, and two can share
    # a key (step 3's "plan" and step 11's).
    widget = screen._views[screen.step].query_one(f"#{widget_id}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, ChoiceBar):
        keys = [key for key, _label in widget.choices]
        await pilot.press(str(keys.index(value) + 1))
    elif isinstance(widget, TextArea):
        widget.insert(value)
    elif isinstance(widget, Input):
        widget.value = value
    await pilot.pause()


async def answer_all(pilot: Pilot[Any], answers: dict[str, str]) -> None:
    for widget_id, value in answers.items():
        await answer(pilot, widget_id, value)


async def next_step(pilot: Pilot[Any]) -> None:
    await pilot.press("pagedown")
    await pilot.pause()


def screen_text(screen: Any) -> str:
    """Everything the step shows, as plain text (Statics and labels)."""
    parts = []
    view = screen._views[screen.step]
    for widget in view.query("Static, Label"):
        parts.append(str(widget.render()))
    return "\n".join(parts)


__all__ = ["EVENING", "make_app", "make_risk_vault", "open_app"]
