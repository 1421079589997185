"""`quietroom audit`: filters, the JSON contract, pages, and one sentence for bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE, add_practice
from vault.cli.commands import app
from vault.records.clients import ClientInput
from vault.vault import Vault

runner = CliRunner()
KEYS = ["id", "at", "action", "subject", "client_id", "detail"]


def run(*args: str, stdin: str = PASSPHRASE + "\n") -> Any:
    return runner.invoke(app, ["audit", *args], input=stdin)


@pytest.fixture
def logged(new_vault: Vault) -> tuple[Path, dict[str, int]]:
    ids = add_practice(new_vault)
    ids["eve"] = new_vault.clients.add(
        ClientInput("Eve\u202e", "Bad\x1b]52;c;AAAA\x07", "1985-06-06")
    ).id
    new_vault.audit.record("backup", "", "pages=77 \x1b[2J\u202eevil")
    new_vault.close()
    return new_vault.layout.root, ids


def test_json_is_a_list_of_exactly_the_contract_keys_newest_first(
    logged: tuple[Path, dict[str, int]],
) -> None:
    root, ids = logged
    result = run("--vault", str(root), "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert listed and all(list(item) == KEYS for item in listed)
    assert [item["id"] for item in listed] == sorted((i["id"] for i in listed), reverse=True)
    assert listed[0]["action"] == "unlock"  # this very command's own unlock
    ana = [item for item in listed if item["client_id"] == ids["ana"]]
    assert {item["subject"] for item in ana} >= {f"client:{ids['ana']}", f"note:{ids['signed']}"}
    assert "\x1b" not in result.stdout and "Okafor" not in result.stdout


def test_the_table_shows_local_time_words_and_initials_never_raw_controls(
    logged: tuple[Path, dict[str, int]],
) -> None:
    root, ids = logged
    result = run("--vault", str(root), "--client", str(ids["ana"]))
    assert result.exit_code == 0, result.output
    assert "time (local)" in result.stdout and "note signed" in result.stdout
    assert f"client {ids['ana']} (A.O.)" in result.stdout and "Okafor" not in result.stdout
    assert f"client {ids['leo']}" not in result.stdout
    hostile = run("--vault", str(root), "--text", "pages=77")
    assert "\x1b" not in hostile.stdout and "\u202e" not in hostile.stdout
    assert "\u241b[2J" in hostile.stdout  # shown, inert


def test_filters_by_name_action_dates_and_text(logged: tuple[Path, dict[str, int]]) -> None:
    root, ids = logged
    by_name = json.loads(run("--vault", str(root), "--client", "leo brandt", "--json").stdout)
    assert by_name and {item["client_id"] for item in by_name} == {ids["leo"]}
    two = run("--vault", str(root), "--action", "sign_note", "--action", "backup", "--json")
    assert {item["action"] for item in json.loads(two.stdout)} == {"sign_note", "backup"}
    future = run("--vault", str(root), "--from", "2999-01-01", "--json")
    assert json.loads(future.stdout) == []
    assert "No audit entries match." not in future.stdout
    text = json.loads(run("--vault", str(root), "--text", "pages=77", "--json").stdout)
    assert [item["action"] for item in text] == ["backup"]


def test_pages_by_number_and_by_before(logged: tuple[Path, dict[str, int]]) -> None:
    root, ids = logged
    ana = ["--vault", str(root), "--client", str(ids["ana"]), "--limit", "2"]  # no new unlocks
    every = [i["id"] for i in json.loads(run(*ana, "--limit", "100", "--json").stdout)]
    first = run(*ana)
    assert "Older entries: add --before" in first.stderr
    before = first.stderr.split("--before ")[1].split(".")[0]
    after = json.loads(run(*ana, "--before", before, "--json").stdout)
    second = json.loads(run(*ana, "--page", "2", "--json").stdout)
    assert [i["id"] for i in after] == [i["id"] for i in second] == every[2:4]
    both = run(*ana, "--page", "2", "--before", before)
    assert both.exit_code != 0 and "not both" in both.output


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--from", "2026-13-01"], "must be a real date written YYYY-MM-DD"),
        (["--from", "2026-02-02", "--to", "2026-02-01"], "after the 'to' date"),
        (["--action", "peek"], "no audit action called 'peek'"),
        (["--text", "ab"], "at least 3 characters"),
    ],
)
def test_bad_input_is_one_sentence_before_any_passphrase(
    logged: tuple[Path, dict[str, int]], args: list[str], sentence: str
) -> None:
    root, _ = logged
    result = run("--vault", str(root), *args, stdin="")
    assert result.exit_code == 1
    assert sentence in result.stderr and "Traceback" not in result.output
    assert "Passphrase" not in result.output


def test_an_unknown_client_name_is_one_sentence(logged: tuple[Path, dict[str, int]]) -> None:
    root, _ = logged
    result = run("--vault", str(root), "--client", "Nobody Here")
    assert result.exit_code == 1 and 'No client is named "Nobody Here"' in result.stderr


def test_the_passphrase_is_read_from_stdin_only(logged: tuple[Path, dict[str, int]]) -> None:
    root, _ = logged
    result = run("--vault", str(root), stdin="wrong passphrase\n")
    assert result.exit_code == 1 and PASSPHRASE not in result.output
