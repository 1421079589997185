"""The core never loads the UI: `vault` imports without textual (or rich) in sys.modules."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = [
    "vault", "vault.vault", "vault.clients", "vault.notes", "vault.search", "vault.audit",
    "vault.display", "vault.settings", "vault.header", "vault.kdf", "vault.db",
    "vault.migrations", "vault.validation", "vault.recovery_key", "vault.models",
]  # fmt: skip


def _loads(modules: list[str]) -> subprocess.CompletedProcess[str]:
    code = (
        f"import {', '.join(modules)}; import sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_the_core_does_not_import_textual_or_rich() -> None:
    done = _loads(CORE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_cli_does_not_import_textual() -> None:
    if importlib.util.find_spec("vault.cli") is None:
        pytest.skip("vault/cli.py is not written yet")
    done = _loads(["vault.cli"])
    if done.returncode != 0:
        pytest.skip(f"vault.cli does not import cleanly yet: {done.stderr.strip()[-200:]}")
    assert "textual" not in done.stdout


def test_no_core_module_names_textual() -> None:
    for path in (REPO / "vault").glob("*.py"):
        if path.name == "cli.py":  # may import the app lazily, inside the command that runs it
            continue
        source = path.read_text("utf-8")
        assert "import textual" not in source and "from textual" not in source, path.name
