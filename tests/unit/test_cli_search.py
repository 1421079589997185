"""`quietroom search`: the query can stay out of argv, and its size is bounded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from vault.cli.commands import app
from vault.records.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS, SearchTooLong, check_query_size
from vault.vault import Vault

runner = CliRunner()


def run(*args: str, stdin: str = "") -> Any:
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def closed_practice(practice: tuple[Vault, dict[str, int]]) -> Path:
    vault, _ = practice
    vault.close()
    return vault.layout.root


def test_a_dash_asks_for_the_query_after_the_passphrase(closed_practice: Path) -> None:
    result = run("search", "-", "--vault", str(closed_practice), stdin=f"{PASSPHRASE}\nworry\n")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert line.split("\t")[1] == "Ana Okafor" and "worry at work" in line


def test_a_dash_with_no_query_line_is_a_sentence(closed_practice: Path) -> None:
    result = run("search", "-", "--vault", str(closed_practice), stdin=f"{PASSPHRASE}\n")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "The input ended before the search text was given, so nothing was done."
    )


def test_the_help_says_how_to_keep_a_name_out_of_the_shell_history() -> None:
    command = typer.main.get_command(app).commands["search"]  # type: ignore[attr-defined]
    (query,) = [param for param in command.params if param.name == "query"]
    assert "Give -" in (query.help or "") and "history" in (query.help or "")


def test_a_word_repeated_thousands_of_times_is_refused_at_once(closed_practice: Path) -> None:
    # Refused before the passphrase is even read: stdin is empty here.
    result = run("search", "sleep " * 5000, "--vault", str(closed_practice))
    assert result.exit_code == 1
    assert f"at most {MAX_QUERY_CHARS} characters" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_too_many_words_typed_after_a_dash_are_refused(closed_practice: Path) -> None:
    words = " ".join(["sleep"] * (MAX_QUERY_WORDS + 1))
    result = run("search", "-", "--vault", str(closed_practice), stdin=f"{PASSPHRASE}\n{words}\n")
    assert result.exit_code == 1
    assert f"at most {MAX_QUERY_WORDS} words" in result.stderr


def test_the_service_holds_the_bound_for_the_search_box_too(
    practice: tuple[Vault, dict[str, int]],
) -> None:
    vault, _ = practice
    with pytest.raises(SearchTooLong, match="words"):
        vault.search.search("anxiety " * 5000)
    with pytest.raises(SearchTooLong, match="words"):
        vault.search.search(" ".join(["sleep"] * (MAX_QUERY_WORDS + 1)))
    with pytest.raises(SearchTooLong, match="characters"):
        vault.search.search("x" * (MAX_QUERY_CHARS + 1))
    assert vault.search.search(" ".join(["sleep"] * MAX_QUERY_WORDS))  # at the bound: fine


def test_operators_are_not_counted_as_words() -> None:
    check_query_size(" OR ".join(["sleep"] * MAX_QUERY_WORDS))
    check_query_size("  " + "x" * MAX_QUERY_CHARS + "  ")  # the spaces around are not the query
