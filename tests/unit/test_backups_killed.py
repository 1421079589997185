"""A backup into a folder of dated backups, killed while copying or while removing an old
one: no old backup is lost to a failed new one, and the next run tidies up."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from vault.backups import backup_into, list_backups
from vault.vault import Vault

ROOT = Path(__file__).resolve().parents[2]
# Runs one backup_into in its own process and SIGKILLs itself at the chosen moment.
SCRIPT = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from datetime import datetime, timedelta
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from tests.conftest import FakeClock
    from vault.backups import backup_into
    from vault.vault import Vault

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    vault = Vault.open(Path({vault!r}), {passphrase!r}, clock=FakeClock(
        datetime(2026, 11, 20, 10, 0).astimezone() + timedelta(days=5)))
    if {moment!r} == "copying":
        backup_into(vault, Path({folder!r}), lambda done, total: die(), keep=1)
    else:
        shutil.rmtree = die
        backup_into(vault, Path({folder!r}), keep=1)
    """
)


def kill_during(moment: str, vault_dir: Path, folder: Path) -> None:
    code = SCRIPT.format(
        root=str(ROOT), vault=str(vault_dir), passphrase=PASSPHRASE, folder=str(folder),
        moment=moment,
    )  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr


def setup(vault_dir: Path, folder: Path) -> list[str]:
    clock = FakeClock()
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=clock)
    add_practice(vault)
    folder.mkdir()
    for _ in range(2):
        backup_into(vault, folder)
        clock.now += timedelta(days=1)
    vault.close()
    return [b.name for b in list_backups(folder)]


def test_killed_while_copying_removes_nothing_old(vault_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    before = setup(vault_dir, folder)
    kill_during("copying", vault_dir, folder)
    assert [b.name for b in list_backups(folder)] == before
    assert any(p.name.startswith(".quietroom-backup-") for p in folder.iterdir())
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        result = backup_into(vault, folder, keep=3)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # the leftover went
    assert len(result.kept) == 3


def test_killed_while_removing_leaves_no_half_backup(vault_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    before = setup(vault_dir, folder)
    kill_during("removing", vault_dir, folder)
    names = [b.name for b in list_backups(folder)]
    assert len(names) == 2 and names[1] == before[0]  # the new one, and the newest old one
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert len(hidden) == 1 and ".quietroom-prune-" in hidden[0]  # renamed out of sight first
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        backup_into(vault, folder, keep=3)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
