"""Every step of the risk prompt as the clinician sees it: a threat under California's
rules through all twelve steps and step 3 of every flag at 120x40; the busiest steps
and the flag list at 80x24. Fixed data, a fixed clock (21:05), nothing blinking.

Regenerate with `pytest tests/ui/test_snapshots_risk.py --snapshot-update` and read
every SVG's text before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screens.risk.flag_picker import raise_flag
from screens.risk.prompt import RiskPromptScreen
from tests.ui.risk_app import make_app, make_risk_vault, open_app
from vault.consent.models import DisclosureInput
from vault.risk.rules import FLAGS
from vault.vault import Vault

LARGE, SMALL = (120, 40), (80, 24)

THREAT_ANSWERS: dict[int, dict[str, Any]] = {
    1: {"danger_now": "yes", "call_time": "2026-11-20 20:40",
        "called": "911; officers sent to the brother's flat."},
    2: {"recollection": "At intake I said I would act to protect someone she threatened."},
    3: {"words_used": "\"If he comes home tonight I'll stab him.\"",
        "person": "Her brother Sam, who shares her flat.", "means": "Kitchen knives",
        "timing": "Tonight"},
    4: {"judgement": "met", "reasons": "A specific threat, a named person, means and a time."},
    5: {"basis": "required", "basis_note": "Civil Code 43.92"},
    6: {"warn_person": {"chosen": "yes", "reason": "Called Sam at 20:50."},
        "notify_police": {"chosen": "yes", "reason": ""},
        "voluntary_admission": {"chosen": "no", "reason": "She refused; evaluation instead."}},
    7: {"with_whom": "Dr K. Osei, supervisor", "when": "2026-11-20 20:45",
        "advice": "Warn and notify; see her tomorrow."},
    8: {"what": "The threat, Sam's name and address.", "to_whom": "City police; Sam"},
    10: {"told": "yes", "how": "Told her during the session that I would call."},
    11: {"date": "2026-11-21", "plan": "Session at 10:00; safety check by phone at 18:00."},
}  # fmt: skip


@pytest.fixture(autouse=True)
def own_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIETROOM_RULES", str(tmp_path / "rules"))


@pytest.fixture
def risk_vault(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    vault_dir = tmp_path / "vault"
    return vault_dir, make_risk_vault(vault_dir)


async def still(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()
    await pilot.pause()


def fill_threat(vault: Vault, event_id: int) -> None:
    for step, values in THREAT_ANSWERS.items():
        vault.risk.save_step(event_id, step, values)
    vault.risk.record_disclosure(event_id, DisclosureInput(
        client_id=0, disclosed_at="2026-11-20 20:55", recipient="City police",
        description="The threat, Sam's name and address.", purpose="To protect Sam",
        legal_basis="serious_threat", method="phone", person_spoken_to="Officer Reyes",
        reference="INC-4471",
    ))  # fmt: skip
    vault.risk.start_deadline(event_id, "Call the police back about the arrest", hours=24)


async def show(pilot: Pilot[Any], client: int, flag: str, step: int, filled: bool) -> None:
    app = await open_app(pilot, "US-CA")
    vault = app.vault
    assert vault is not None
    event = vault.risk.open(client, flag, vault.rule_pack())
    if filled:
        fill_threat(vault, event.id)
    app.refresh_deadline()
    app.push_screen(RiskPromptScreen(event.id, step=step))
    await pilot.pause()
    await still(pilot)


@pytest.mark.parametrize("step", range(1, 13))
def test_threat_under_california_step(snap_compare, risk_vault, step: int) -> None:
    vault_dir, ids = risk_vault

    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, ids["ana"], "threat_to_other", step, filled=True)

    assert snap_compare(make_app(vault_dir), terminal_size=LARGE, run_before=run_before)


@pytest.mark.parametrize("flag", [f for f in FLAGS if f != "threat_to_other"])
def test_the_facts_of_each_flag(snap_compare, risk_vault, flag: str) -> None:
    vault_dir, ids = risk_vault
    client = ids["mia"] if flag == "guardian_request" else ids["ana"]

    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, client, flag, 3, filled=False)

    assert snap_compare(make_app(vault_dir), terminal_size=LARGE, run_before=run_before)


@pytest.mark.parametrize("step", [1, 4, 6, 9])
def test_busiest_steps_small(snap_compare, risk_vault, step: int) -> None:
    vault_dir, ids = risk_vault

    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, ids["ana"], "threat_to_other", step, filled=True)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_review_with_answers_missing_small(snap_compare, risk_vault) -> None:
    vault_dir, ids = risk_vault

    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, ids["leo"], "child_abuse", 12, filled=False)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)


def test_flag_list_small(snap_compare, risk_vault) -> None:
    vault_dir, ids = risk_vault

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_app(pilot)
        raise_flag(pilot.app.screen, ids["ana"])
        await still(pilot)

    assert snap_compare(make_app(vault_dir), terminal_size=SMALL, run_before=run_before)
