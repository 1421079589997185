"""Helper for test_killed_midway.py, run as a separate process (not a test module).

`init DIR`: runs `quietroom init --vault DIR` (passphrases on stdin) and kills itself
with SIGKILL right after printing the recovery key.
`backup VAULT DEST`: opens VAULT (passphrase on stdin) and backs it up to DEST,
killing itself with SIGKILL as soon as the first pages are copied.
No clean-up code runs after SIGKILL: what is left is what a real kill leaves.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import typer  # noqa: E402

from vault.keys import kdf  # noqa: E402
from vault.keys.kdf import KdfParams  # noqa: E402

CHEAP = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def init(root: str) -> None:
    from vault.cli import commands as cli

    kdf.calibrate = lambda *_a, **_k: CHEAP  # type: ignore[assignment]
    real_echo = typer.echo

    def echo(message: object = None, *args: object, **kwargs: object) -> None:
        real_echo(message, *args, **kwargs)  # type: ignore[arg-type]
        if "recovery key" in str(message).lower():
            die()

    typer.echo = echo  # type: ignore[assignment]
    sys.argv = ["quietroom", "init", "--vault", root]
    cli.main()


def backup(root: str, dest: str) -> None:
    from vault.backup import backup as make_backup
    from vault.vault import Vault

    with Vault.open(Path(root), sys.stdin.readline().rstrip("\n")) as vault:
        make_backup(vault, Path(dest), lambda done, total: die())


if __name__ == "__main__":
    if sys.argv[1] == "init":
        init(sys.argv[2])
    else:
        backup(sys.argv[2], sys.argv[3])
