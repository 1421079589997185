"""The printable safety plan: one page for the client, every part in its order, empty
parts left to write on, the emergency number at the foot, hostile text drawn inert;
audited as a printed form, never a disclosure."""

# The fixtures come from tests/export_practice.py; tests name them as parameters.
# ruff: noqa: F401, F811
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.export_practice import CLINICIAN, PRACTICE, clock, ids, out, vault
from tests.pdf_reading import all_text, flat, reader
from vault.errors import RecordNotFound
from vault.exports.safety_plan_pdf import NO_PLAN, safety_plan_pdf
from vault.risk.safety_plan import MAX_LINE, MAX_LINES, SECTIONS
from vault.vault import Vault

PASSWORD = "amber rocket willow staple cedar"
PLAN = {
    "warning_signs": ["Not sleeping", "Cancelling plans with friends"],
    "on_my_own": ["Walk the dog along the river"],
    "ask_for_help": ["My sister Jo, 555-0133"],
    "professionals": ["Emergency: 911", "988 Suicide and Crisis Lifeline: 988"],
    "safer_surroundings": ["Medicines kept by Jo"],
}


@pytest.fixture
def californian(vault: Vault, ids: dict[str, int]) -> Vault:
    vault.settings.set("jurisdiction", "US-CA")  # after the practice, which sets Oregon
    return vault


def test_the_latest_version_prints_on_one_page_with_every_part_in_order(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    vault = californian
    vault.safety_plans.save(ids["ana"], {"warning_signs": ["An older sign"]})
    plan = vault.safety_plans.save(ids["ana"], {**PLAN, "reasons": ["My nephew's graduation"]})
    result = safety_plan_pdf(vault, ids["ana"], out / "plan.pdf", password=PASSWORD)
    assert result.pages == 1 and result.disclosure_id is None
    assert len(reader(result.path, PASSWORD).pages) == 1
    text = flat(all_text(result.path, PASSWORD))
    assert text.startswith(f"{PRACTICE} Ana Okafor My safety plan")
    assert f"Version 2, 2026-11-20, written with {CLINICIAN}." in text
    positions = [text.index(f"{n}. {label}") for n, (_key, label) in enumerate(SECTIONS, 1)]
    assert positions == sorted(positions)
    assert "Cancelling plans with friends" in text and "An older sign" not in text
    assert "3. People and places that take my mind off things ____" in text  # empty: lines
    assert "My nephew's graduation" in text
    assert text.endswith("If you are in danger right now, call 911. Confidential Page 1 of 1")
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject, last.detail) == (
        "print_form", f"client:{ids['ana']}", f"safety_plan:{plan.id}",
    )  # fmt: skip
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_the_file_is_private_and_needs_its_password(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    californian.safety_plans.save(ids["ana"], PLAN)
    result = safety_plan_pdf(californian, ids["ana"], out / "plan.pdf", password=PASSWORD)
    assert stat.S_IMODE(os.stat(result.path).st_mode) == 0o600
    assert b"Okafor" not in result.path.read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - pypdf's own error for a missing password
        reader(result.path).pages[0].extract_text()


def test_a_full_plan_still_fits_one_page_without_the_writing_lines(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    # Seven lines in four parts: with lines to write on in the two empty parts, a second
    # page; without them, one.
    full = {key: [f"{key} line {n}" for n in range(1, 8)] for key, _label in SECTIONS}
    full["distraction"] = full["on_my_own"] = []
    californian.safety_plans.save(ids["ana"], full)
    result = safety_plan_pdf(californian, ids["ana"], out / "plan.pdf", password=None)
    assert result.pages == 1
    assert "____" not in all_text(result.path)


def test_a_very_long_plan_spills_onto_a_second_page_rather_than_losing_text(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    longest = {key: ["a long line " * (MAX_LINE // 13)] * MAX_LINES for key, _ in SECTIONS}
    californian.safety_plans.save(ids["ana"], longest)
    result = safety_plan_pdf(californian, ids["ana"], out / "plan.pdf", password=None)
    assert result.pages > 1 and result.pages == len(reader(result.path).pages)


def test_hostile_text_in_the_plan_is_drawn_as_plain_text(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    californian.safety_plans.save(ids["ana"], {
        "warning_signs": ["<b>shouting</b> **bold** \u202eevil"],
    })  # fmt: skip
    result = safety_plan_pdf(californian, ids["ana"], out / "plan.pdf", password=None)
    text = all_text(result.path)
    assert "<b>shouting</b> **bold**" in text and "\u202e" not in text


def test_no_plan_yet_is_one_sentence_and_writes_nothing(
    californian: Vault, ids: dict[str, int], out: Path
) -> None:
    with pytest.raises(RecordNotFound) as caught:
        safety_plan_pdf(californian, ids["ana"], out / "plan.pdf", password=None)
    assert caught.value.message == NO_PLAN
    assert list(out.iterdir()) == []
    assert all(entry.action != "print_form" for entry in californian.audit.recent(5))


def test_without_an_emergency_number_the_foot_line_is_left_out(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    vault.settings.set("jurisdiction", "")  # the generic pack: no numbers filled in
    vault.safety_plans.save(ids["ana"], PLAN)
    result = safety_plan_pdf(vault, ids["ana"], out / "plan.pdf", password=None)
    assert "call" not in flat(all_text(result.path)).split("Medicines kept by Jo")[-1]
