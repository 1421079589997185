"""The core never loads the UI: `vault` imports without textual (or rich) in sys.modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VAULT = REPO / "vault"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# Every core module, found on disk so a new one cannot be forgotten here. The command
# line (vault/cli/) may use rich and opens the app lazily, so it is checked apart.
CORE = sorted(
    _module_name(path) for path in VAULT.rglob("*.py") if "cli" not in path.relative_to(VAULT).parts
)


def _loads(modules: list[str]) -> subprocess.CompletedProcess[str]:
    code = (
        f"import {', '.join(modules)}; import sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_the_core_does_not_import_textual_or_rich() -> None:
    assert "vault.storage.db" in CORE and "vault.records.notes" in CORE
    done = _loads(CORE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_cli_does_not_import_textual() -> None:
    done = _loads(["vault.cli.commands", "vault.cli.launch"])
    assert done.returncode == 0, done.stderr
    assert "textual" not in done.stdout


def test_no_core_module_names_textual() -> None:
    for path in VAULT.rglob("*.py"):
        if "cli" in path.relative_to(VAULT).parts:  # opens the app lazily, inside a command
            continue
        source = path.read_text("utf-8")
        assert "import textual" not in source and "from textual" not in source, path
