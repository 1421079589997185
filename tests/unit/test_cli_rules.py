"""`quietroom rules list | show | check | review`: a contract scripts depend on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vault.cli.commands import app
from vault.risk.reviews import ENV_RULES

runner = CliRunner()


@pytest.fixture(autouse=True)
def own_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rules"
    monkeypatch.setenv(ENV_RULES, str(folder))
    return folder


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_list_names_every_pack_with_place_version_and_review_state() -> None:
    result = run("rules", "list", "--json")
    assert result.exit_code == 0
    packs = {entry["id"]: entry for entry in json.loads(result.stdout)}
    assert {"GENERIC", "US-HIPAA", "US-CA", "UK-ENG", "MY"} <= set(packs)
    assert packs["US-CA"]["place"] == "California, United States"
    assert packs["US-CA"]["version"]
    assert packs["US-CA"]["reviewed"] is False
    assert packs["US-CA"]["review"] == "not yet reviewed by you"


def test_reviewing_a_pack_is_remembered_until_the_pack_changes(own_rules_folder: Path) -> None:
    assert run("rules", "review", "us-ca").exit_code == 0
    listed = {e["id"]: e for e in json.loads(run("rules", "list", "--json").stdout)}
    assert listed["US-CA"]["reviewed"] is True
    assert listed["US-NY"]["reviewed"] is False
    # The clinician edits their own copy: it is theirs to review again.
    shown = run("rules", "show", "US-CA").stdout
    assert "reviewed by you on" in shown
    mine = (Path(__file__).parents[2] / "vault/risk/packs/US-CA.toml").read_text(encoding="utf-8")
    (own_rules_folder / "US-CA.toml").write_text(mine + "\n# my note\n", encoding="utf-8")
    listed = {e["id"]: e for e in json.loads(run("rules", "list", "--json").stdout)}
    assert listed["US-CA"]["reviewed"] is False
    assert listed["US-CA"]["review"].startswith("changed since you reviewed it on")


def test_show_prints_the_whole_pack_with_sources_and_says_it_is_not_advice() -> None:
    result = run("rules", "show", "US-CA")
    assert result.exit_code == 0
    text = result.stdout
    assert "not legal advice" in text
    assert "Threat to an identifiable person: Required by law" in text
    assert "[required] Warn the person at risk" in text
    assert "Written report due within 36 hours." in text
    assert "Civ 43.92: California Civil Code section 43.92" in text
    assert "Extends US-HIPAA" in text


def test_show_of_a_pack_that_does_not_exist_says_so_and_exits_1() -> None:
    result = run("rules", "show", "US-ZZ")
    assert result.exit_code == 1
    assert 'There is no rule pack "US-ZZ".' in result.stderr


def test_check_accepts_a_good_file_and_names_the_line_and_field_of_a_bad_one(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[pack]\nid = "XX-A"\nplace = "A"\nversion = "1"\nreviewed_on = 2026-01-01\n'
        'extends = "US-HIPAA"\n',
        encoding="utf-8",
    )
    result = run("rules", "check", str(good))
    assert result.exit_code == 0
    assert "pack XX-A (A, version 1) is valid." in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace('version = "1"', "version = 1"), encoding="utf-8")
    result = run("rules", "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}, line 4: pack.version must be text in quotes." in result.stderr


def test_a_broken_file_in_the_rules_folder_is_named_and_the_rest_still_listed(
    own_rules_folder: Path,
) -> None:
    own_rules_folder.mkdir()
    (own_rules_folder / "broken.toml").write_text("[pack\n", encoding="utf-8")
    result = run("rules", "list")
    assert result.exit_code == 0
    assert "US-CA" in result.stdout
    assert "broken.toml, line 1" in result.stderr
