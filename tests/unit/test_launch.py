"""The `quietroom` entry point: only-open-the-app goes straight to the app, without the
command-line layer; everything else goes to vault.cli."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from vault.cli import launch
from vault.storage.layout import ENV_VAULT
from vault.vault import Vault

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "args",
    [["--vault", "/v"], ["--vault=/v"], ["open", "--vault", "/v"], ["open", "--vault=/v"],
     ["--vault", "/v", "open"]],
)  # fmt: skip
def test_only_opening_the_app_is_recognised(args: list[str]) -> None:
    assert launch.app_only_vault(args) == Path("/v")


def test_no_arguments_means_the_default_vault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAULT, "/from/env")
    assert launch.app_only_vault([]) == Path("/from/env")
    assert launch.app_only_vault(["open"]) == Path("/from/env")


@pytest.mark.parametrize(
    "args",
    [["init"], ["--vault", "/v", "verify"], ["-h"], ["open", "-h"], ["--vault"], ["--vault="],
     ["open", "--vault", "/v", "open"], ["search", "x"], ["--version"]],
)  # fmt: skip
def test_anything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert launch.app_only_vault(args) is None


@pytest.fixture
def closed_practice(vault_dir: Path) -> Path:
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    return vault_dir


def fake_run(monkeypatch: pytest.MonkeyPatch, run: Any) -> list[str]:
    """A stand-in for screens.app (unit tests never load textual), and for vault.cli."""
    module = types.ModuleType("screens.app")
    module.run_app = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", module)
    called: list[str] = []
    monkeypatch.setattr("vault.cli.commands.main", lambda: called.append("cli"))
    return called


def test_an_existing_vault_opens_the_app_directly(
    closed_practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Path] = []
    called = fake_run(monkeypatch, lambda root, **kw: shown.append(root))
    monkeypatch.setattr(sys, "argv", ["quietroom", "--vault", str(closed_practice)])
    launch.main()
    assert shown == [closed_practice] and called == []


def test_a_missing_vault_goes_to_the_command_line(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called = fake_run(monkeypatch, lambda root, **kw: pytest.fail("the app ran"))
    monkeypatch.setattr(sys, "argv", ["quietroom", "--vault", str(vault_dir)])
    launch.main()
    assert called == ["cli"]  # which says how to make one


def test_an_unexpected_failure_is_one_plain_sentence(
    closed_practice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(root: Path, **kw: Any) -> None:
        raise ValueError("note text that must not leak")

    fake_run(monkeypatch, crash)
    monkeypatch.setattr(sys, "argv", ["quietroom", "--vault", str(closed_practice)])
    with pytest.raises(SystemExit) as stop:
        launch.main()
    assert stop.value.code == 1
    printed = capsys.readouterr()
    assert "must not leak" not in printed.out + printed.err
    assert "unexpected problem (ValueError)" in printed.err


def test_opening_the_app_loads_neither_typer_nor_the_crypto_stack(closed_practice: Path) -> None:
    code = (
        "import sys, types; from vault.cli import launch; "
        "sys.modules['screens.app'] = app = types.ModuleType('screens.app'); "
        "app.run_app = lambda root: None; "
        f"sys.argv = ['quietroom', '--vault', {str(closed_practice)!r}]; launch.main(); "
        "print(sorted(m for m in ('typer', 'vault.cli.commands', 'vault.vault', 'cryptography', "
        "'sqlcipher3', 'argon2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
