"""`quietroom releases CLIENT [--json]`: the JSON contract, the table, finding CLIENT."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from tests.unit.test_importer_paperwork import paperwork_practice
from vault.cli.commands import app
from vault.consent.models import RELEASE_STATUSES, SCOPE_ITEMS, ReleaseInput
from vault.importer import import_practice
from vault.records.clients import ClientInput
from vault.vault import Vault

runner = CliRunner()
ONLY_THE_PASSPHRASE = PASSPHRASE + "\n"


def run(*args: str, stdin: str = ONLY_THE_PASSPHRASE) -> Any:
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def paperwork(new_vault: Vault) -> tuple[Path, dict[str, int]]:
    """The importer test's practice (Ana: valid, expired, revoked, draft), and a second
    Leo Brandt; closed so the command can open it."""
    import_practice(new_vault, paperwork_practice())
    new_vault.clients.add(ClientInput("Leo", "Brandt", "1960-01-01"))
    ids = {c.first_name: c.id for c in new_vault.clients.page("Ana")}
    new_vault.close()
    return new_vault.layout.root, ids


def test_json_is_a_list_of_exactly_the_contract_keys(
    paperwork: tuple[Path, dict[str, int]],
) -> None:
    root, _ = paperwork
    result = run("releases", "Ana Okafor", "--json", "--vault", str(root))
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert isinstance(listed, list) and len(listed) == 4
    for item in listed:
        assert list(item) == ["id", "recipient", "scope", "expires", "status"]
        assert isinstance(item["id"], int) and isinstance(item["recipient"], str)
        assert isinstance(item["scope"], list)
        assert all(name in (*SCOPE_ITEMS, "dates_and_fees_only") for name in item["scope"])
        assert item["expires"] is None or isinstance(item["expires"], str)
        assert item["status"] in RELEASE_STATUSES
    by_status = {item["status"]: item for item in listed}
    assert set(by_status) == {"valid", "expired", "revoked", "draft"}
    assert by_status["valid"]["scope"] == ["dates_and_fees_only"]
    assert by_status["valid"]["recipient"] == "Claims team, Northwind Health Insurance"
    assert by_status["valid"]["expires"] == "2031-12-31"  # a date, ISO
    assert by_status["expired"]["expires"] == "End of the referral"  # else the event
    assert by_status["expired"]["scope"] == ["treatment_summary"]
    assert by_status["draft"]["expires"] is None  # neither
    assert by_status["revoked"]["recipient"] == "Ana's employer"


def test_the_table_says_days_left_and_what_is_missing(
    paperwork: tuple[Path, dict[str, int]],
) -> None:
    root, _ = paperwork
    result = run("releases", "ana okafor", "--vault", str(root))
    assert result.exit_code == 0, result.output
    text = result.stdout
    days = (date(2031, 12, 31) - date.today()).days
    assert f"expires in {days:,} days (2031-12-31)" in text
    assert "VALID, to Claims team, Northwind Health Insurance" in text
    assert "scope: Dates and fees only" in text
    assert "revoked on 2025-04-01" in text
    assert "expired on 2025-09-01 (End of the referral)" in text
    draft = text[text.index("DRAFT") :]
    assert "missing:" in draft  # a draft names what it still lacks


def test_by_id_the_same_as_by_name(paperwork: tuple[Path, dict[str, int]]) -> None:
    root, ids = paperwork
    by_id = run("releases", str(ids["Ana"]), "--json", "--vault", str(root))
    by_name = run("releases", "ANA OKAFOR", "--json", "--vault", str(root))
    assert by_id.exit_code == 0 and by_id.stdout == by_name.stdout


def test_a_client_with_no_releases_is_an_empty_list(paperwork: tuple[Path, dict[str, int]]) -> None:
    root, _ = paperwork
    with Vault.open(root, PASSPHRASE) as vault:
        leo = next(c.id for c in vault.clients.page("Leo") if c.date_of_birth.year == 2012)
    result = run("releases", str(leo), "--json", "--vault", str(root))
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    table = run("releases", str(leo), "--vault", str(root))
    assert table.exit_code == 0 and table.stdout == ""
    assert "no releases" in table.stderr


def test_two_clients_with_the_name_exit_1_naming_their_ids(
    paperwork: tuple[Path, dict[str, int]],
) -> None:
    root, _ = paperwork
    result = run("releases", "Leo Brandt", "--json", "--vault", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "2 clients are named" in message and "give the id" in message


@pytest.mark.parametrize("who", ["Nobody Atall", "999"])
def test_no_such_client_exits_1_with_a_sentence(
    paperwork: tuple[Path, dict[str, int]], who: str
) -> None:
    root, _ = paperwork
    result = run("releases", who, "--vault", str(root))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "quietroom clients" in result.stderr


def test_a_hostile_recipient_is_inert_in_the_table(new_vault: Vault) -> None:
    client = new_vault.clients.add(ClientInput("Ana", "Okafor", "1988-03-14"))
    new_vault.releases.save(
        client.id, ReleaseInput(recipient_name="Evil\x1b]52;c;AAAA\x07 \u202eCorp", scope=[])
    )
    new_vault.close()
    result = run("releases", str(client.id), "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    as_json = run("releases", str(client.id), "--json", "--vault", str(new_vault.layout.root))
    assert "\x1b" not in as_json.stdout and "\u202e" not in as_json.stdout
    assert json.loads(as_json.stdout)[0]["recipient"].startswith("Evil\x1b]52")


def test_import_counts_the_paperwork(new_vault: Vault, tmp_path: Path) -> None:
    new_vault.close()
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(paperwork_practice()), "utf-8")
    result = run("import", str(path), "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0, result.output
    assert "3 consents, 4 releases and 2 disclosure log entries" in result.stdout


def test_import_refuses_a_bad_release_before_the_passphrase(
    new_vault: Vault, tmp_path: Path
) -> None:
    new_vault.close()
    doc = paperwork_practice()
    doc["clients"][0]["releases"][1]["scope"] = ["everything"]
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(doc), "utf-8")
    result = run("import", str(path), "--vault", str(new_vault.layout.root), stdin="")
    assert result.exit_code == 1
    assert result.stderr.startswith("clients[0].releases[1].scope[0]: must be one of")
