"""New passphrases must be hard to guess; a strong one is offered; a terminal may try again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from vault.cli import prompts
from vault.cli.commands import app
from vault.cli.prompts import PromptFailed
from vault.keys import strength
from vault.storage.layout import VaultLayout
from vault.vault import Vault

WEAK = ("password1", "qwertyuiop", "aaaaaaaaaaaa", "therapy2024", "p")
NEW = "lantern orchard wobbly pumice"


def run(*args: str, stdin: str = "") -> Any:
    return CliRunner().invoke(app, list(args), input=stdin)


def lines(*answers: str) -> str:
    return "".join(f"{answer}\n" for answer in answers)


@pytest.fixture
def closed(practice: tuple[Vault, dict[str, int]]) -> tuple[Path, str]:
    vault, _ = practice
    key = vault.recovery_key
    vault.close()
    return vault.layout.root, key


# -- the rule ---------------------------------------------------------------------


@pytest.mark.parametrize("weak", WEAK)
def test_weak_passphrases_get_a_sentence_saying_why(weak: str) -> None:
    problem = strength.weakness(weak)
    assert problem is not None
    assert problem.startswith("That passphrase is too easy to guess")
    assert "\n" not in problem


def test_the_owner_s_own_name_makes_a_weak_passphrase() -> None:
    assert strength.weakness("ruthamsel2") is None  # a stranger's name would pass ...
    assert strength.weakness("ruthamsel2", ["Dr. Ruth Amsel"]) is not None  # not the owner's


@pytest.mark.parametrize(
    "strong", [PASSPHRASE, NEW, "the long and winding road that leads to your door " * 3]
)
def test_strong_passphrases_pass(strong: str) -> None:
    assert strength.weakness(strong) is None


def test_the_suggested_passphrase_is_six_words_from_the_eff_list() -> None:
    words = set(strength._eff_words())
    assert len(words) == strength.EFF_LIST_SIZE
    first, second = strength.suggested_passphrase(), strength.suggested_passphrase()
    assert first != second
    assert len(first.split()) == 6 and set(first.split()) <= words
    assert strength.weakness(first) is None


# -- from a script: the first problem ends the command, changing nothing -------------


def test_init_refuses_a_weak_passphrase_with_one_sentence(vault_dir: Path) -> None:
    result = run("init", "--vault", str(vault_dir), stdin=lines("password1", "password1"))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "too easy to guess" in result.stderr
    assert not VaultLayout(vault_dir).exists()
    assert list(vault_dir.parent.iterdir()) == []


def test_passwd_refuses_a_weak_new_passphrase(closed: tuple[Path, str]) -> None:
    root, _ = closed
    result = run("passwd", "--vault", str(root), stdin=lines(PASSPHRASE, "qwertyuiop"))
    assert result.exit_code == 1 and "too easy to guess" in result.stderr
    Vault.open(root, PASSPHRASE).close()


def test_recover_refuses_a_weak_new_passphrase(closed: tuple[Path, str]) -> None:
    root, key = closed
    result = run("recover", "--vault", str(root), stdin=lines(key, "therapy2024"))
    assert result.exit_code == 1 and "too easy to guess" in result.stderr
    Vault.open(root, PASSPHRASE).close()


def test_passwd_accepts_a_strong_one(closed: tuple[Path, str]) -> None:
    root, _ = closed
    result = run("passwd", "--vault", str(root), stdin=lines(PASSPHRASE, NEW, NEW))
    assert result.exit_code == 0, result.output
    Vault.open(root, NEW).close()


# -- at a terminal: ask again, offer a passphrase -----------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[str], list[str]]]:
    """Typed answers are popped from the first list; what the person is told lands in the
    second."""
    answers: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts.getpass, "getpass", lambda prompt="": answers.pop(0))
    monkeypatch.setattr(prompts, "_tell", told.append)
    yield answers, told


def test_a_mismatch_asks_again_at_a_terminal(terminal: tuple[list[str], list[str]]) -> None:
    answers, told = terminal
    answers += [NEW, "lantern orchard wobbly pumic", NEW, NEW]
    assert prompts.new_passphrase() == NEW
    assert told == ["The two passphrases you typed do not match. Try again."]


def test_a_weak_passphrase_asks_again_at_a_terminal(terminal: tuple[list[str], list[str]]) -> None:
    answers, told = terminal
    answers += ["password1", NEW, NEW]
    assert prompts.new_passphrase() == NEW
    assert len(told) == 1 and "too easy to guess" in told[0] and "Try again" in told[0]


def test_three_mismatches_end_with_the_sentence(terminal: tuple[list[str], list[str]]) -> None:
    answers, _ = terminal
    answers += [NEW, "a", NEW, "b", NEW, "c"]
    with pytest.raises(PromptFailed, match="do not match, so nothing was changed"):
        prompts.new_passphrase()
    assert answers == []


def test_enter_alone_offers_a_generated_passphrase(
    terminal: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers, told = terminal
    monkeypatch.setattr(strength, "suggested_passphrase", lambda: "tidy oxygen banjo")
    answers += ["", "tidy oxygen banjo"]
    assert prompts.new_passphrase() == "tidy oxygen banjo"
    assert "tidy oxygen banjo" in told[0]


def test_a_script_gets_no_offer_and_no_second_try(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    with pytest.raises(PromptFailed, match="cannot be empty"):
        prompts.new_passphrase()
    assert capsys.readouterr().err == ""  # no suggestion printed into a script's output
