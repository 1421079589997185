"""`quietroom clients` and how every command finds CLIENT (an id or "First Last")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE, add_practice
from vault.cli import choose
from vault.cli.choose import ClientNotChosen, choose_client, every_client
from vault.cli.commands import app
from vault.records.clients import ClientInput
from vault.vault import Vault

runner = CliRunner()
ONLY_THE_PASSPHRASE = PASSPHRASE + "\n"


def run(*args: str, stdin: str = ONLY_THE_PASSPHRASE) -> Any:
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def people(new_vault: Vault) -> tuple[Path, dict[str, int]]:
    """The conftest practice, plus Inês, two Sam Reyes and a hostile name; closed."""
    ids = add_practice(new_vault)
    ids["ines"] = new_vault.clients.add(ClientInput("Inês", "Carvalho", "1990-05-01")).id
    ids["sam1"] = new_vault.clients.add(ClientInput("Sam", "Reyes", "1980-01-01")).id
    ids["sam2"] = new_vault.clients.add(ClientInput("Sam", "Reyes", "1999-09-09")).id
    ids["samantha"] = new_vault.clients.add(ClientInput("Samantha", "Reyes", "1970-02-02")).id
    ids["hostile"] = new_vault.clients.add(
        ClientInput("Eve\u202e", "Bad\x1b]52;c;AAAA\x07", "1985-06-06")
    ).id
    new_vault.close()
    return new_vault.layout.root, ids


def test_clients_json_is_a_list_of_exactly_the_contract_keys(
    people: tuple[Path, dict[str, int]],
) -> None:
    root, ids = people
    result = run("clients", "--json", "--vault", str(root))
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert isinstance(listed, list) and len(listed) == len(ids) - 3  # ids also holds notes
    for item in listed:
        assert list(item) == ["id", "first_name", "last_name", "date_of_birth", "status"]
        assert isinstance(item["id"], int)
        assert all(isinstance(item[key], str) for key in list(item)[1:])
    ines = next(item for item in listed if item["id"] == ids["ines"])
    assert ines == {
        "id": ids["ines"], "first_name": "Inês", "last_name": "Carvalho",
        "date_of_birth": "1990-05-01", "status": "active",
    }  # fmt: skip


def test_clients_json_escapes_what_a_terminal_would_obey(
    people: tuple[Path, dict[str, int]],
) -> None:
    root, ids = people
    result = run("clients", "--json", "--vault", str(root))
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    hostile = next(item for item in json.loads(result.stdout) if item["id"] == ids["hostile"])
    assert hostile["last_name"] == "Bad\x1b]52;c;AAAA\x07"  # the exact name, for a script


def test_clients_table_names_id_name_birth_and_status(
    people: tuple[Path, dict[str, int]],
) -> None:
    root, ids = people
    result = run("clients", "--vault", str(root))
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["id", "name", "date", "of", "birth", "status"]
    assert len(rows) == len(ids) - 3
    ana = next(row for row in rows if "Ana Okafor" in row)
    assert ana.split()[0] == str(ids["ana"])
    assert "1988-03-14" in ana and ana.rstrip().endswith("active")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_clients_json_of_an_empty_vault_is_an_empty_list(new_vault: Vault) -> None:
    new_vault.close()
    result = run("clients", "--json", "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_every_client_is_listed_across_pages(
    people: tuple[Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, ids = people
    monkeypatch.setattr(choose, "PAGE", 2)
    result = run("clients", "--json", "--vault", str(root))
    assert sorted(item["id"] for item in json.loads(result.stdout)) == sorted(
        ids[key] for key in ("ana", "leo", "ines", "sam1", "sam2", "samantha", "hostile")
    )


def test_a_wrong_passphrase_lists_nothing(people: tuple[Path, dict[str, int]]) -> None:
    root, _ = people
    result = run("clients", "--vault", str(root), stdin="wrong\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_clients_without_a_vault_is_one_sentence(tmp_path: Path) -> None:
    result = run("clients", "--vault", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "quietroom init" in result.stderr


def test_an_unknown_option_is_a_usage_mistake() -> None:
    assert run("clients", "--jsn").exit_code == 2


# -- choosing a client ----------------------------------------------------------------


@pytest.fixture
def opened(people: tuple[Path, dict[str, int]]) -> Any:
    root, ids = people
    with Vault.open(root, PASSPHRASE) as vault:
        yield vault, ids


@pytest.mark.parametrize(
    ("typed", "who"),
    [("Ana Okafor", "ana"), ("ana okafor", "ana"), ("  ANA   OKAFOR ", "ana"),
     ("Inês Carvalho", "ines"), ("ines carvalho", "ines"), ("INES CARVALHO", "ines"),
     ("Samantha Reyes", "samantha")],
)  # fmt: skip
def test_a_client_by_name_ignores_capitals_accents_and_spacing(
    opened: Any, typed: str, who: str
) -> None:
    vault, ids = opened
    assert choose_client(vault, typed) == ids[who]


def test_a_client_by_id(opened: Any) -> None:
    vault, ids = opened
    assert choose_client(vault, str(ids["leo"])) == ids["leo"]


def test_a_name_must_match_whole_names(opened: Any) -> None:
    vault, _ = opened
    with pytest.raises(ClientNotChosen, match='No client is named "Ana Okaf"'):
        choose_client(vault, "Ana Okaf")
    with pytest.raises(ClientNotChosen, match="No client"):
        choose_client(vault, "Okafor")


def test_two_clients_with_one_name_are_named_by_id(opened: Any) -> None:
    vault, ids = opened
    with pytest.raises(ClientNotChosen) as refused:
        choose_client(vault, "sam reyes")
    assert f"(ids {ids['sam1']} and {ids['sam2']})" in refused.value.message
    assert "give the id" in refused.value.message


def test_an_unknown_id_says_where_to_find_ids(opened: Any) -> None:
    vault, _ = opened
    with pytest.raises(ClientNotChosen, match="no client with id 9999.*quietroom clients"):
        choose_client(vault, "9999")


def test_a_hostile_name_in_the_refusal_is_inert(opened: Any) -> None:
    vault, _ = opened
    with pytest.raises(ClientNotChosen) as refused:
        choose_client(vault, "Mallory \x1b[2J Smith")
    assert "\x1b" not in refused.value.message


def test_paging_finds_a_match_on_any_page(opened: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    vault, ids = opened
    monkeypatch.setattr(choose, "PAGE", 1)
    assert choose_client(vault, "samantha reyes") == ids["samantha"]
    assert len(list(every_client(vault))) == 7


def test_the_table_of_an_empty_vault_says_so_on_stderr(new_vault: Vault) -> None:
    new_vault.close()
    result = run("clients", "--vault", str(new_vault.layout.root))
    assert result.exit_code == 0
    assert result.stdout == "" and "no clients" in result.stderr
