"""The `quietroom` entry point: straight to the app when that is all that was asked.

`quietroom`, `quietroom open` and `--vault DIR` with either only open the app. For
those, loading the command-line layer first (typer, rich's progress bars, the crypto
and storage stack, every command's imports) would delay the unlock prompt by about
a third; the app loads the core itself while the passphrase is typed. Anything else,
including a vault that does not exist yet, goes to `vault.cli`, which says what to do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vault.errors import VaultError
from vault.records.display import clean_line


def app_only_vault(args: list[str]) -> Path | None:
    """The vault folder when `args` only open the app (None: the default folder's
    path is returned too); None when they ask for anything else."""
    rest = list(args)
    chosen: str | None = None
    if rest[:1] == ["open"]:
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] == "--vault":
        chosen, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--vault="):
        chosen, rest = rest[0].removeprefix("--vault="), rest[1:]
    if rest[:1] == ["open"] and chosen is not None and args[:1] != ["open"]:
        rest = rest[1:]
    if rest or chosen == "":
        return None
    from vault.storage.layout import default_vault_dir

    return Path(chosen).expanduser() if chosen is not None else default_vault_dir()


def main() -> None:
    root = app_only_vault(sys.argv[1:])
    if root is None or not _looks_like_a_vault(root):
        from vault.cli.commands import main as command_line

        command_line()
        return
    from vault.storage.hardening import harden_process

    harden_process()
    from screens.app import run_app  # the UI loads only when it is about to be shown

    try:
        run_app(root)
    except (SystemExit, KeyboardInterrupt) as stop:
        if isinstance(stop, SystemExit):
            raise
        _say("Stopped.")
    except VaultError as error:
        _say(clean_line(error.message))
    except Exception as error:  # as vault.cli.friendly: never a traceback, never locals
        _say(
            f"Quietroom stopped because of an unexpected problem ({type(error).__name__}); "
            "details are not shown because they could quote your records."
        )
    else:
        return
    raise SystemExit(1)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _looks_like_a_vault(root: Path) -> bool:
    from vault.storage.layout import VaultLayout

    try:
        return VaultLayout(root).exists()
    except (OSError, ValueError):
        return False
