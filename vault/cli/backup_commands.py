"""`quietroom backup`, `backups` and `restore`: copies people keep, and getting one back.

`backup DEST` is the original contract (a new or empty folder, one verified copy) and
behaves exactly as before. `backup --into FOLDER`, or `backup` alone with the
`backup_folder` setting, writes a dated backup into a folder of them and removes this
vault's oldest beyond `backup_keep` (vault/backups.py), saying what it kept and removed.
Passphrases come from the terminal or stdin only (vault.cli.prompts).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from vault.backups import DatedBackup, RotationResult
from vault.cli import prompts
from vault.cli.commands import (
    VaultDir,
    _existing_vault,
    _name_leftovers,
    _opened,
    _progress,
    _root,
    _say,
    _warn,
    friendly,
)
from vault.records.display import clean_line
from vault.storage.layout import default_vault_dir
from vault.vault import Vault

Into = Annotated[
    Path | None,
    typer.Option(
        "--into",
        help="A folder of dated backups (default: the backup_folder setting); this vault's "
        "oldest beyond backup_keep are removed once the new one is verified.",
        metavar="FOLDER",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.command("backup")(friendly(backup))
    app.command("backups")(friendly(backups))
    app.command("restore")(friendly(restore))


def backup(
    ctx: typer.Context,
    dest: Annotated[
        Path | None,
        typer.Argument(
            help="A new (or empty) folder for one copy. Leave it out to use a folder of dated "
            "backups (--into, or the backup_folder setting).",
            metavar="DEST",
            show_default=False,
        ),
    ] = None,
    into: Into = None,
    vault: VaultDir = None,
) -> None:
    """Write an encrypted, verified copy of the vault (database and key header)."""
    if dest is not None and into is not None:
        _say("Give either DEST (one copy) or --into FOLDER (dated backups), not both.")
        raise typer.Exit(2)  # a usage mistake, as typer's own are
    root = _root(ctx, vault)
    _existing_vault(root)
    if dest is not None:
        _single_backup(root, dest)
        return
    from vault.backups import backup_folder, backup_into, check_folder, clean_leftovers

    if into is not None:
        check_folder(root, into)  # refused before the passphrase
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        folder = backup_folder(opened, into)
        for leftover in clean_leftovers(folder):
            _say(f"Removed {clean_line(str(leftover))}, left by a backup that was stopped.")
        with _progress("Copying") as step:
            result = backup_into(opened, folder, step)
    _report_rotation(result)


def _single_backup(root: Path, dest: Path) -> None:
    from vault.backup import backup as make_backup
    from vault.backup import check_destination

    check_destination(root, dest)  # a used folder is refused before the passphrase
    _name_leftovers(Path(dest).expanduser().absolute(), "backup", "backup")
    passphrase = prompts.passphrase()
    with _opened(Vault.open(root, passphrase)) as opened, _progress("Copying") as step:
        result = make_backup(opened, dest, step)
    typer.echo(
        f"Backup written to {result.destination} ({result.size_bytes / 2**20:.1f} MiB) and "
        f"verified: every page checked, {result.rows:,} rows in {result.tables} tables match.\n"
        "It opens with the same passphrase and the same recovery key."
    )
    _warn(result.warnings)


def _report_rotation(result: RotationResult) -> None:
    made = result.made
    typer.echo(
        f"Backup written to {clean_line(str(made.destination))} "
        f"({made.size_bytes / 2**20:.1f} MiB) and verified: every page checked, "
        f"{made.rows:,} rows in {made.tables} tables match.\n"
        "It opens with the same passphrase and the same recovery key."
    )
    typer.echo(f"Kept {_count(result.kept)}: {_names(result.kept)}.")
    if result.removed:
        typer.echo(f"Removed {_count(result.removed, 'older ')}: {_names(result.removed)}.")
    for alone in result.left_alone:
        _say(f"Left alone {clean_line(alone.backup.name)}: {alone.reason}.")
    _warn(made.warnings)


def _count(items: list[DatedBackup], kind: str = "") -> str:
    return f"{len(items)} {kind}backup{'s' * (len(items) != 1)}"


def _names(items: list[DatedBackup]) -> str:
    return ", ".join(clean_line(item.name) for item in items)


def backups(
    ctx: typer.Context,
    into: Into = None,
    vault: VaultDir = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of objects for scripts.")
    ] = False,
) -> None:
    """List the dated backups in the backup folder, newest first, with dates and sizes."""
    from vault.backups import backup_folder, check_folder, list_backups

    root = _root(ctx, vault)
    if into is not None:  # the folder is named: nothing secret to read, no passphrase
        folder = check_folder(root, into)
    else:
        _existing_vault(root)
        with _opened(Vault.open(root, prompts.passphrase())) as opened:
            folder = backup_folder(opened)
    found = list_backups(folder)
    if as_json:
        rows = [
            {"name": item.name, "path": str(item.path), "made_at": item.made_at.isoformat(),
             "size_bytes": item.size_bytes}
            for item in found
        ]  # fmt: skip
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=True))
        return
    if not found:
        typer.echo(f"No dated backups in {clean_line(str(folder))} yet.")
        return
    typer.echo(f"{'made (local time)':<18}  {'size':>10}  name")
    for item in found:
        made = item.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        typer.echo(f"{made:<18}  {item.size_bytes / 2**20:>6.1f} MiB  {clean_line(item.name)}")


def restore(
    ctx: typer.Context,
    backup_dir: Annotated[
        Path,
        typer.Argument(
            help="The backup's folder (one vault: a dated backup, or a backup DEST).",
            metavar="BACKUP",
            show_default=False,
        ),
    ],
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="A new or empty folder to restore into (default: --vault, else the usual "
            "vault folder). An existing vault is never replaced.",
            metavar="NEW_FOLDER",
            show_default=False,
        ),
    ] = None,
    vault: VaultDir = None,
) -> None:
    """Copy a backup into a new folder as a vault of its own, and verify it."""
    from vault.restore import check_restore
    from vault.restore import restore as restore_backup

    target = to if to is not None else _root(ctx, vault)
    _source, target = check_restore(backup_dir, target)  # refused before the passphrase
    passphrase = prompts.read_secret("Passphrase of the backup: ", "passphrase")
    with _progress("Restoring") as step:
        result = restore_backup(backup_dir, target, passphrase, step)
    where = result.destination
    command = (
        "quietroom open"
        if where == default_vault_dir().absolute()
        else f"quietroom --vault {where} open"
    )
    typer.echo(
        f"Restored into {clean_line(str(where))} ({result.size_bytes / 2**20:.1f} MiB) and "
        "verified. It opens with the passphrase the backup had.\n"
        f"Open it with: {clean_line(command)}"
    )
