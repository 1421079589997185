"""Snapshots of the PHQ-9 form, the C-SSRS paper form, the safety plan form and the Risk
view, at 120x40 and at 80x24 (the smallest terminal a therapist is likely to use).
Fixed data, "today" and vault clock, so nothing moves.

Regenerate with `pytest tests/ui/test_snapshots_measures.py --snapshot-update` and read
every SVG's text before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screens.cssrs_form import CssrsPaperForm
from screens.instrument_form import InstrumentForm
from screens.risk_screen import RiskViewScreen
from screens.safety_plan_form import SafetyPlanForm
from tests.conftest import PASSPHRASE, FakeClock
from tests.ui.conftest import SIZE, unlock
from tests.ui.measures_app import (
    NOW,
    fix_clock,
    make_app,
    make_measures_vault,
    show,
    still,
)
from vault.vault import Vault

SMALL = (80, 24)
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])

PHQ9_HISTORY = (
    ("2026-08-03", [3, 3, 2, 3, 2, 2, 2, 2, 1]),
    ("2026-09-01", [3, 2, 2, 2, 2, 2, 1, 1, 0]),
    ("2026-10-01", [2, 2, 2, 1, 1, 1, 1, 1, 0]),
    ("2026-11-02", [1, 1, 1, 1, 1, 0, 0, 0, 0]),
)
GAD7_HISTORY = (("2026-09-01", [3, 2, 2, 2, 2, 1, 1]), ("2026-11-02", [1, 1, 1, 1, 0, 0, 0]))


@pytest.fixture
def practice(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Ana with a PHQ-9 and GAD-7 history, a C-SSRS paper result, an open risk record
    with a 36-hour deadline, and a safety plan in its second version."""
    vault_dir = tmp_path / "vault"
    ids = make_measures_vault(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE, clock=FakeClock(NOW)) as vault:
        ana = ids["ana"]
        for day, answers in PHQ9_HISTORY:
            _result, opened = vault.measures.record(ana, "phq9", day, answers)
            if opened:
                ids["event"] = opened
        for day, answers in GAD7_HISTORY:
            vault.measures.record(ana, "gad7", day, answers)
        vault.measures.record_cssrs_paper(ana, "2026-11-02", {"wish_dead": True},
                                          "In the past month")  # fmt: skip
        vault.risk.start_deadline(ids["event"], "Follow-up call", hours=36)
        plan = {
            "warning_signs": ["Not sleeping", "Cancelling plans with friends"],
            "on_my_own": ["Walk the dog along the river", "Music, loud"],
            "distraction": ["The climbing gym", "Coffee with Sam"],
            "ask_for_help": ["My sister Jo"],
            "professionals": ["Emergency: 911", "988 Suicide and Crisis Lifeline: 988"],
            "safer_surroundings": ["Medicines kept by Jo"],
        }
        vault.safety_plans.save(ana, plan)
        plan["reasons"] = ["My nephew's graduation in June"]
        vault.safety_plans.save(ana, plan, ids["event"])
    return vault_dir, ids


async def _open(pilot: Any, screen: Any) -> None:
    await unlock(pilot)
    fix_clock(pilot)
    await show(pilot, screen)
    still(pilot.app.screen)
    await pilot.pause()


@SIZES
def test_phq9_form_partly_answered(snap_compare, practice, size) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, InstrumentForm(ids["ana"], "phq9"))
        await pilot.press("2", "1", "1", "2", "0", "1", "1", "0", "1")
        still(pilot.app.screen)
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


def test_phq9_item9_saved_offers_the_record(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, InstrumentForm(ids["ana"], "phq9"))
        await pilot.press(*"10000000", "2", "2", "enter")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


@SIZES
def test_gad7_form_with_an_unanswered_item(snap_compare, practice, size) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, InstrumentForm(ids["ana"], "gad7"))
        await pilot.press("1", "2", "down", "1", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_cssrs_paper_form(snap_compare, practice, size) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, CssrsPaperForm(ids["ana"]))
        await pilot.press("space", "tab", "space", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_safety_plan_form_third_version(snap_compare, practice, size) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, SafetyPlanForm(ids["ana"], ids["event"]))

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


@SIZES
def test_risk_view(snap_compare, practice, size) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, RiskViewScreen(ids["ana"]))

    assert snap_compare(make_app(vault_dir), terminal_size=size, run_before=run_before)


def test_risk_view_in_privacy_mode(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, RiskViewScreen(ids["ana"]))
        await pilot.press("ctrl+o")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_safety_plan_form_in_privacy_mode(snap_compare, practice) -> None:
    vault_dir, ids = practice

    async def run_before(pilot: Any) -> None:
        await _open(pilot, SafetyPlanForm(ids["ana"]))
        await pilot.press("ctrl+o")
        await pilot.pause()

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)
