"""The `quietroom` command: exit codes, one-sentence errors, secrets only from stdin."""

from __future__ import annotations

import json
import re
import sys
import tempfile
import types
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from tests.conftest import CHEAP, PASSPHRASE
from vault.cli import commands as cli
from vault.cli.commands import app, hit_line
from vault.storage.layout import VaultLayout
from vault.vault import Vault

NEW = "a brand new passphrase"
RECOVERY_KEY = re.compile(r"(?:[0-9A-F]{8} ){7}[0-9A-F]{8}")
HOSTILE = "Client wrote: \x1b]52;c;aGVsbG8=\x07 then \x1b[2J and [link=http://x]y[/link] zebra"

runner = CliRunner()


def run(*args: str, stdin: str = "") -> Any:
    return runner.invoke(app, list(args), input=stdin)


def lines(*secrets: str) -> str:
    return "".join(f"{secret}\n" for secret in secrets)


@pytest.fixture
def closed_practice(practice: tuple[Vault, dict[str, int]]) -> Path:
    """The tiny practice from conftest, closed so a command can open it."""
    vault, _ = practice
    vault.close()
    return vault.layout.root


def install_app(monkeypatch: pytest.MonkeyPatch, run_app: Any) -> None:
    """A stand-in for screens.app, so these core tests never load textual (or clear
    the TEXTUAL* variables the snapshot plugin needs)."""
    module = types.ModuleType("screens.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", module)


def assert_one_sentence_error(result: Any) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- help -------------------------------------------------------------------------


def test_every_command_and_option_has_help() -> None:
    group = typer.main.get_command(app)
    assert group.help
    commands = group.commands  # type: ignore[attr-defined]
    assert set(commands) == {
        "open", "demo", "init", "passwd", "recover", "settings", "verify", "backup", "import",
        "search", "rules", "clients", "releases", "accounting", "export", "form", "audit",
        "backups", "restore", "retention", "compact",
    }  # fmt: skip
    nested = [sub for cmd in commands.values() for sub in getattr(cmd, "commands", {}).values()]
    for command in [group, *commands.values(), *nested]:
        assert command.help and command.help.strip(), command.name
        for param in command.params:
            if param.name == "help":
                continue
            assert getattr(param, "help", None), f"{command.name} {param.name}"


@pytest.mark.parametrize(
    "command", [[], ["open"], ["demo"], ["init"], ["passwd"], ["recover"], ["verify"],
                ["backup"], ["import"], ["search"]],
)  # fmt: skip
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_short_and_long_help(command: list[str], flag: str) -> None:
    result = run(*command, flag)
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


# -- exit codes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["bogus"], ["search"], ["restore"], ["import"], ["init", "--nope"],
             ["search", "x", "--limit", "0"]],
)  # fmt: skip
def test_usage_mistakes_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_open_without_a_vault_says_how_to_make_one(vault_dir: Path) -> None:
    result = run("open", "--vault", str(vault_dir))
    assert result.exit_code == 1
    assert "quietroom init" in result.stderr and "quietroom demo" in result.stderr


def test_no_command_means_open(vault_dir: Path) -> None:
    result = run("--vault", str(vault_dir))
    assert result.exit_code == 1
    assert "quietroom init" in result.stderr


def test_the_vault_comes_from_the_environment(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIETROOM_VAULT", str(vault_dir))
    result = run("open")
    assert str(vault_dir) in result.stderr


def test_open_runs_the_app(closed_practice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []
    install_app(monkeypatch, lambda root, **kw: shown.append((root, kw)))
    assert run("--vault", str(closed_practice)).exit_code == 0
    assert run("open", "--vault", str(closed_practice)).exit_code == 0
    assert shown == [(closed_practice, {}), (closed_practice, {})]


def test_an_unexpected_failure_is_one_plain_sentence(
    closed_practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(root: Path, **kw: Any) -> None:
        raise ValueError(f"note text that must not leak; key {PASSPHRASE}")

    install_app(monkeypatch, crash)
    result = run("open", "--vault", str(closed_practice))
    assert_one_sentence_error(result)
    assert "must not leak" not in result.output and PASSPHRASE not in result.output
    assert "ValueError" in result.stderr


# -- init ------------------------------------------------------------------------


def test_init_creates_a_vault_and_shows_the_recovery_key_once(vault_dir: Path) -> None:
    result = run("init", "--vault", str(vault_dir), "--clinician", "Dr. Ruth Amsel",
                 "--practice", "Quiet Practice", stdin=lines(PASSPHRASE, PASSPHRASE))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(RECOVERY_KEY.findall(result.stdout)) == 1
    assert "paper" in result.stdout and "SQLCipher" in result.stdout
    assert PASSPHRASE not in result.output
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.settings.get("clinician_name") == "Dr. Ruth Amsel"
        assert vault.settings.get("practice_name") == "Quiet Practice"
        assert vault.recovery_key == RECOVERY_KEY.search(result.stdout).group(0)


def test_init_uses_the_calibrated_parameters(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import CHEAP

    asked: list[bool] = []
    monkeypatch.setattr(cli.kdf, "calibrate", lambda: asked.append(True) or CHEAP)
    assert (
        run("init", "--vault", str(vault_dir), stdin=lines(PASSPHRASE, PASSPHRASE)).exit_code == 0
    )
    assert asked == [True]


def test_init_refuses_an_existing_vault(closed_practice: Path) -> None:
    result = run("init", "--vault", str(closed_practice), stdin=lines("x", "x"))
    assert_one_sentence_error(result)
    assert "already a vault" in result.stderr
    Vault.open(closed_practice, PASSPHRASE).close()  # untouched


def test_init_refuses_a_mismatched_confirmation(vault_dir: Path) -> None:
    result = run("init", "--vault", str(vault_dir), stdin=lines(PASSPHRASE, "something else"))
    assert_one_sentence_error(result)
    assert "do not match" in result.stderr
    assert not VaultLayout(vault_dir).exists()


def test_the_end_of_input_is_a_sentence(tmp_path: Path, closed_practice: Path) -> None:
    result = run("init", "--vault", str(tmp_path / "other"), stdin=lines(PASSPHRASE))
    assert_one_sentence_error(result)
    assert "confirmation" in result.stderr
    result = run("verify", "--vault", str(closed_practice), stdin="")
    assert_one_sentence_error(result)
    assert "input ended" in result.stderr


# -- passphrases ---------------------------------------------------------------


def test_a_wrong_passphrase_is_one_line_and_no_traceback(closed_practice: Path) -> None:
    result = run("search", "sleep", "--vault", str(closed_practice), stdin=lines("wrong one"))
    assert_one_sentence_error(result)
    assert "passphrase" in result.stderr
    assert "wrong one" not in result.output


def test_passwd_then_open_with_the_new_passphrase(closed_practice: Path) -> None:
    result = run("passwd", "--vault", str(closed_practice), stdin=lines(PASSPHRASE, NEW, NEW))
    assert result.exit_code == 0, result.output
    assert "changed" in result.stdout
    assert PASSPHRASE not in result.output and NEW not in result.output
    Vault.open(closed_practice, NEW).close()
    from vault.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        Vault.open(closed_practice, PASSPHRASE)


def test_passwd_with_a_wrong_current_passphrase_changes_nothing(closed_practice: Path) -> None:
    result = run("passwd", "--vault", str(closed_practice), stdin=lines("nope", NEW, NEW))
    assert_one_sentence_error(result)
    Vault.open(closed_practice, PASSPHRASE).close()


def test_recover_with_the_header_deleted(practice: tuple[Vault, dict[str, int]]) -> None:
    vault, ids = practice
    key = vault.recovery_key
    root = vault.layout.root
    vault.close()
    vault.layout.header.unlink()
    vault.layout.header_backup.unlink(missing_ok=True)

    result = run("recover", "--vault", str(root), stdin=lines(key, NEW, NEW))
    assert result.exit_code == 0, result.output
    assert key not in result.output and NEW not in result.output
    with Vault.open(root, NEW) as reopened:
        assert reopened.notes.get(ids["signed"]).is_signed


def test_recover_with_a_wrong_key(closed_practice: Path) -> None:
    result = run("recover", "--vault", str(closed_practice), stdin=lines("12345678", NEW, NEW))
    assert_one_sentence_error(result)
    Vault.open(closed_practice, PASSPHRASE).close()


# -- verify and backup ---------------------------------------------------------


def test_verify_a_sound_vault(closed_practice: Path) -> None:
    result = run("verify", "--vault", str(closed_practice), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("OK") == 11
    assert PASSPHRASE not in result.output


def test_backup_then_verify_the_copy(closed_practice: Path, tmp_path: Path) -> None:
    dest = tmp_path / "backup"
    result = run("backup", str(dest), "--vault", str(closed_practice), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output
    assert str(dest) in result.stdout and "verified" in result.stdout
    result = run("verify", "--vault", str(dest), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output


def test_backup_refuses_a_used_folder(closed_practice: Path, tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    result = run("backup", str(tmp_path / "used"), "--vault", str(closed_practice),
                 stdin=lines(PASSPHRASE))  # fmt: skip
    assert_one_sentence_error(result)


def test_verify_names_a_broken_audit_chain(practice: tuple[Vault, dict[str, int]]) -> None:
    import sqlcipher3

    vault, _ = practice
    dek, root = vault.raw_key(), vault.layout.root
    vault.close()
    conn = sqlcipher3.connect(str(vault.layout.database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET detail = 'rewritten' WHERE id = 3")
    conn.close()
    result = run("verify", "--vault", str(root), stdin=lines(PASSPHRASE))
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "broken at entry 3" in result.stdout


def test_verify_names_a_damaged_header(closed_practice: Path) -> None:
    header = VaultLayout(closed_practice).header
    header.write_bytes(header.read_bytes().replace(b"argon2id", b"argon2xx"))
    result = run("verify", "--vault", str(closed_practice), stdin=lines(PASSPHRASE))
    assert result.exit_code == 1
    assert "Key header" in result.stdout and "damaged" in result.stdout
    assert "Traceback" not in result.output


def test_verify_names_a_damaged_middle_page(practice: tuple[Vault, dict[str, int]]) -> None:
    vault, ids = practice
    for i in range(40):
        vault.notes.save_draft(vault.notes.start(ids["ana"], template="free").id, f"n{i} " * 500)
    vault.close()
    database = vault.layout.database
    data = bytearray(database.read_bytes())
    middle = len(data) // 4096 // 2
    data[4096 * middle + 100] ^= 0x10
    database.write_bytes(bytes(data))
    result = run("verify", "--vault", str(vault.layout.root), stdin=lines(PASSPHRASE))
    assert result.exit_code == 1
    fail_lines = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert any("cipher_integrity_check" in line and "damaged" in line for line in fail_lines)


# -- import ----------------------------------------------------------------------


def practice_json(text: str = "Slept badly; talked about the zebra at the zoo.") -> dict[str, Any]:
    return {
        "practice": {"clinician_name": "Dr. Ruth Amsel"},
        "clients": [
            {
                "first_name": "Ana", "last_name": "Okafor", "date_of_birth": "1988-03-14",
                "sessions": [
                    {"date": "2025-01-06", "fee": "150.00", "notes": [
                        {"text": text, "signed": True, "signed_at": "2025-01-06T18:00:00",
                         "addenda": [{"text": "Later detail.", "signed_at": "2025-01-07T09:00:00"}]},
                    ]},
                    {"date": "2025-01-13", "notes": [{"template": "dap", "text": "Data:\nDraft."}]},
                ],
            }
        ],
    }  # fmt: skip


def write_json(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def counts(root: Path) -> tuple[int, int]:
    with Vault.open(root, PASSPHRASE) as vault, vault.store.reading() as conn:
        return (
            conn.execute("SELECT count(*) FROM clients").fetchone()[0],
            conn.execute("SELECT count(*) FROM notes").fetchone()[0],
        )


def test_import_prints_the_counts(new_vault: Vault, tmp_path: Path) -> None:
    root = new_vault.layout.root
    new_vault.close()
    path = write_json(tmp_path, practice_json())
    result = run("import", str(path), "--vault", str(root), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output
    assert "1 clients, 2 sessions and 2 notes (1 signed, 1 addenda)" in result.stdout
    assert counts(root) == (1, 3)


def test_import_with_a_bad_field_names_it_and_imports_nothing(
    new_vault: Vault, tmp_path: Path
) -> None:
    root = new_vault.layout.root
    new_vault.close()
    data = practice_json()
    data["clients"][0]["sessions"][1]["notes"][0]["template"] = "memo"
    result = run("import", str(write_json(tmp_path, data)), "--vault", str(root),
                 stdin=lines(PASSPHRASE))  # fmt: skip
    assert_one_sentence_error(result)
    assert "clients[0].sessions[1].notes[0].template" in result.stderr
    assert counts(root) == (0, 0)


def test_import_refuses_an_unknown_key(new_vault: Vault, tmp_path: Path) -> None:
    root = new_vault.layout.root
    new_vault.close()
    data = practice_json()
    data["clients"][0]["diagnosis"] = "F41.1"
    result = run("import", str(write_json(tmp_path, data)), "--vault", str(root),
                 stdin=lines(PASSPHRASE))  # fmt: skip
    assert_one_sentence_error(result)
    assert "clients[0].diagnosis" in result.stderr
    assert counts(root) == (0, 0)


def test_import_names_the_line_of_invalid_json(new_vault: Vault, tmp_path: Path) -> None:
    root = new_vault.layout.root
    new_vault.close()
    path = tmp_path / "broken.json"
    path.write_text('{"clients": [\n  {"first_name": "Ana"\n  }\n  }\n', "utf-8")
    result = run("import", str(path), "--vault", str(root), stdin=lines(PASSPHRASE))
    assert_one_sentence_error(result)
    assert "line 4" in result.stderr


# -- search ----------------------------------------------------------------------


def imported_vault(new_vault: Vault, tmp_path: Path, text: str) -> Path:
    root = new_vault.layout.root
    new_vault.close()
    path = write_json(tmp_path, practice_json(text))
    assert run("import", str(path), "--vault", str(root), stdin=lines(PASSPHRASE)).exit_code == 0
    return root


def test_search_prints_plain_tab_separated_hits_for_scripts(closed_practice: Path) -> None:
    result = run("search", "worry", "--vault", str(closed_practice), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    day, client, kind, snippet = line.split("\t")
    assert (day, client, kind) == ("2025-01-06", "Ana Okafor", "Progress note")
    assert "worry at work" in snippet
    assert "\x1b" not in result.stdout and "\ue000" not in result.stdout
    assert PASSPHRASE not in result.output


def test_search_newest_first_and_limit(closed_practice: Path) -> None:
    result = run("search", "sleep", "--newest", "--limit", "1", "--vault", str(closed_practice),
                 stdin=lines(PASSPHRASE))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("2025-01-13")


def test_search_syntax_errors_are_sentences(closed_practice: Path) -> None:
    result = run("search", '"unclosed', "--vault", str(closed_practice), stdin=lines(PASSPHRASE))
    assert_one_sentence_error(result)


def test_hostile_note_text_is_inert_in_script_output(new_vault: Vault, tmp_path: Path) -> None:
    root = imported_vault(new_vault, tmp_path, HOSTILE)
    result = run("search", "zebra", "--vault", str(root), stdin=lines(PASSPHRASE))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[link=http://x]y[/link]" in result.stdout
    assert "␛" in result.stdout


def test_terminal_output_highlights_matches_and_never_obeys_the_note(
    new_vault: Vault, tmp_path: Path
) -> None:
    root = imported_vault(new_vault, tmp_path, HOSTILE)
    with Vault.open(root, PASSPHRASE) as vault:
        (hit,) = vault.search.search("zebra")
    line = hit_line(hit)
    assert "\x1b" not in line.plain and "\x07" not in line.plain
    bold = [line.plain[span.start : span.end] for span in line.spans if "bold" in str(span.style)]
    assert "zebra" in bold

    screen = StringIO()
    Console(file=screen, force_terminal=True, color_system="truecolor", width=200).print(line)
    shown = screen.getvalue()
    assert "\x1b]52" not in shown and "\x1b[2J" not in shown and "\x07" not in shown
    assert "[link=http://x]y[/link]" in shown
    assert "\x1b]8;" not in shown  # no hyperlink made from the note's fake markup


# -- demo ------------------------------------------------------------------------


def test_demo_builds_a_vault_shows_it_and_removes_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # never other demos' folders
    seen: dict[str, Any] = {}

    def fake_app(root: Path, *, demo_passphrase: str | None = None) -> None:
        seen["root"] = root
        seen["passphrase"] = demo_passphrase
        with Vault.open(root, demo_passphrase or "") as vault:
            seen["clients"] = vault.clients.count()

    install_app(monkeypatch, fake_app)
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert seen["passphrase"] == cli.DEMO_PASSPHRASE
    assert seen["clients"] > 0
    assert not seen["root"].exists() and not seen["root"].parent.exists()


def test_demo_removes_its_vault_even_when_the_app_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    roots: list[Path] = []

    def failing_app(root: Path, **kw: Any) -> None:
        roots.append(root)
        raise RuntimeError("the app broke")

    install_app(monkeypatch, failing_app)
    result = run("demo")
    assert_one_sentence_error(result)
    assert roots and not roots[0].parent.exists()


def test_settings_shows_and_changes_auto_lock_and_signer(vault_dir: Path) -> None:
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    changed = CliRunner().invoke(
        app,
        ["settings", "--vault", str(vault_dir), "--auto-lock", "12", "--clinician", "Dr A. Rivera"],
        input=f"{PASSPHRASE}\n",
    )
    assert changed.exit_code == 0, changed.output
    assert "auto lock minutes: 12" in changed.stdout
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.settings.auto_lock_minutes == 12
        assert vault.settings.signer == "Dr A. Rivera"

    refused = CliRunner().invoke(
        app, ["settings", "--vault", str(vault_dir), "--auto-lock", "0"], input=f"{PASSPHRASE}\n"
    )
    assert refused.exit_code == 1
    assert "Auto-lock must be a whole number of minutes from 1 to 240." in refused.stderr
