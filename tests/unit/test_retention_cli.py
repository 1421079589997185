"""`quietroom retention [--json]` and `quietroom compact`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_cli_clients import run
from vault.records.clients import ClientInput
from vault.vault import Vault


@pytest.fixture
def old_practice(new_vault: Vault) -> tuple[Path, dict[str, int]]:
    ids = {}
    for first in ("Due", "Held", "Recent", "Active"):
        intake = "2025-01-01" if first == "Recent" else "2010-01-01"
        client = new_vault.clients.add(ClientInput(first, "Test", "1960-01-01", intake_date=intake))
        if first != "Active":
            new_vault.clients.discharge(client.id, "Done", None, intake)
        ids[first] = client.id
    new_vault.retention.holds.place(ids["Held"], "court_case", "Case 12", "2026-01-01")
    new_vault.close()
    return new_vault.layout.root, ids


def test_retention_json_lists_due_and_held_clients_by_id(
    old_practice: tuple[Path, dict[str, int]],
) -> None:
    root, ids = old_practice
    result = run("retention", "--json", "--vault", str(root))
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [item["id"] for item in listed] == sorted([ids["Due"], ids["Held"]])
    due = next(item for item in listed if item["id"] == ids["Due"])
    assert due == {
        "id": ids["Due"], "status": "discharged", "last_service": "2010-01-01",
        "retention_date": "2017-01-01",
        "rule": "APA default: 7 years after last service, 3 after age 18",
        "source": due["source"], "hold": None,
    }  # fmt: skip
    held = next(item for item in listed if item["id"] == ids["Held"])
    assert "court case: Case 12" in held["hold"]
    assert "Test" not in result.stdout  # ids, never names


def test_retention_table_says_which_may_be_destroyed(
    old_practice: tuple[Path, dict[str, int]],
) -> None:
    root, ids = old_practice
    result = run("retention", "--vault", str(root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "retention", "date", "rule", "hold"]
    assert any(line.split()[0] == str(ids["Due"]) and "may be destroyed" in line for line in lines)
    assert "Rule: APA default" in result.stderr


def test_retention_says_so_when_nobody_is_due(new_vault: Vault) -> None:
    new_vault.close()
    result = run("retention", "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0
    assert "No client is past their retention date." in result.stderr


def test_compact_reports_sizes(new_vault: Vault) -> None:
    new_vault.close()
    result = run("compact", "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Compacted: ")
