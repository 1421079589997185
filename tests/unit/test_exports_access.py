"""The client's own copy (164.524) and the accounting of disclosures (164.528)."""

# The fixtures come from tests/export_practice.py; tests name them as parameters.
# ruff: noqa: F401, F811
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.export_practice import (
    ADDENDUM,
    CONTACT,
    DRAFT,
    EMERGENCY,
    OLD,
    PRACTICE,
    PROCESS,
    SIGNED,
    clock,
    ids,
    out,
    release_input,
    vault,
)
from tests.pdf_reading import all_text, flat
from vault.consent.models import ConsentInput, DisclosureInput
from vault.exports import files
from vault.exports.accounting import EMPTY
from vault.exports.exports import accounting_pdf, accounting_text, export_access_copy
from vault.vault import Vault

PASSWORD = "copper meadow lantern violet oak"


def test_the_access_copy_holds_the_record_without_psychotherapy_notes_or_drafts(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    version = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(ids["ana"], ConsentInput(
        template_version_id=version.id, discussed_on="2024-05-01", discussed_by="Dana Reyes",
        signer_name="Ana Okafor", signed_on="2024-05-01", copy_given=True,
    ))  # fmt: skip
    result = export_access_copy(vault, ids["ana"], out / "copy.pdf", password=PASSWORD)
    text = all_text(result.path, PASSWORD)
    flat_text = flat(text)
    for expected in ("Record of Ana Okafor", "1988-03-14", "ana@example.org", EMERGENCY,
                     SIGNED, ADDENDUM, CONTACT, OLD, "2025-03-03", "No-show", "75.00",
                     "Total 525.00", "Informed consent for psychotherapy, version 1 (current)",
                     "2024-05-01 by Ana Okafor", PRACTICE):  # fmt: skip
        assert expected in flat_text
    assert PROCESS not in text and DRAFT not in text
    assert "Psychotherapy notes, if any, are not part of it" in flat_text
    assert result.disclosure_id is None and result.pages >= 1


def test_the_access_copy_is_audited_and_is_not_a_disclosure(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    export_access_copy(vault, ids["ana"], out / "copy.pdf", password=None)
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject) == ("access_copy", f"client:{ids['ana']}")
    assert vault.disclosures.for_client(ids["ana"]) == []


def test_a_minors_copy_lists_the_guardian(vault: Vault, ids: dict[str, int], out: Path) -> None:
    text = flat(
        all_text(export_access_copy(vault, ids["leo"], out / "leo.pdf", password=None).path)
    )
    assert "Mara Brandt, mother" in text
    assert "No signed notes are recorded." in text and "No consent is recorded." in text


def test_a_full_disk_during_the_access_copy_leaves_nothing_and_audits_nothing(
    vault: Vault, ids: dict[str, int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = vault.audit.recent(1)[0].id

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(files.ExportNotWritten, match="The disk is full"):
        export_access_copy(vault, ids["ana"], out / "copy.pdf", password=PASSWORD)
    assert os.listdir(out) == [] and vault.audit.recent(1)[0].id == before


def _disclose(vault: Vault, client_id: int, when: str, basis: str, recipient: str,
              **extra: object) -> None:  # fmt: skip
    vault.disclosures.record(DisclosureInput(
        client_id=client_id, disclosed_at=when, recipient=recipient,
        description="Attendance dates and the concern reported", purpose="A report the law requires",
        legal_basis=basis, method="phone", **extra,  # type: ignore[arg-type]
    ))  # fmt: skip


def test_an_empty_accounting_says_so_and_names_its_period(
    vault: Vault, ids: dict[str, int]
) -> None:
    text = accounting_text(vault, ids["ana"])
    assert "Period covered: 2020-11-20 to 2026-11-20" in text
    assert EMPTY in text
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject, last.detail) == (
        "print_form", f"client:{ids['ana']}", "accounting",
    )  # fmt: skip


def test_the_accounting_lists_accountable_disclosures_of_six_years_only(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    ana = ids["ana"]
    _disclose(vault, ana, "2026-03-02", "mandated_report", "County Child Protective Services",
              recipient_address="12 Main Street, Salem")  # fmt: skip
    _disclose(vault, ana, "2021-01-15", "court_order", "Marion County Court")
    _disclose(vault, ana, "2020-11-19", "court_order", "Too Old Court")
    _disclose(vault, ana, "2026-05-05", "treatment", "Dr Partner Psychiatry")
    release = vault.releases.save(ana, release_input())
    _disclose(vault, ana, "2026-11-03", "authorization", "Northwind Health Plan",
              release_id=release.id)  # fmt: skip
    text = accounting_text(vault, ana)
    assert EMPTY not in text
    assert text.index("2021-01-15  Marion County Court") < text.index(
        "2026-03-02  County Child Protective Services, 12 Main Street, Salem"
    )
    assert "Legal basis: A mandated report (abuse or neglect)" in text
    assert "Purpose: A report the law requires" in text
    for absent in ("Too Old Court", "Dr Partner", "Northwind"):
        assert absent not in text
    result = accounting_pdf(vault, ana, out / "accounting.pdf", password=PASSWORD)
    pdf_text = flat(all_text(result.path, PASSWORD))
    for expected in ("Period covered 2020-11-20 to 2026-11-20", "Marion County Court",
                     "County Child Protective Services", "12 Main Street, Salem",
                     "A court order"):  # fmt: skip
        assert expected in pdf_text
    for absent in ("Too Old Court", "Dr Partner", "Northwind", EMPTY):
        assert absent not in pdf_text
    assert result.disclosure_id is None
    assert vault.audit.recent(1)[0].action == "print_form"


def test_hostile_text_in_the_accounting_is_inert_on_a_terminal_and_in_the_pdf(
    vault: Vault, ids: dict[str, int], out: Path
) -> None:
    _disclose(vault, ids["ana"], "2026-03-02", "court_order", "\x1b]52;c;AAAA\x07 <b>x</b> **y**")
    text = accounting_text(vault, ids["ana"])
    assert "\x1b" not in text and "\x07" not in text and "<b>x</b> **y**" in text
    pdf = flat(all_text(accounting_pdf(vault, ids["ana"], out / "a.pdf", password=None).path))
    assert "]52;c;AAAA <b>x</b> **y**" in pdf and "\x1b" not in pdf
