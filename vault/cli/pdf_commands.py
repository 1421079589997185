"""Opening the vault for a command that writes one PDF: what can be refused is refused
before the passphrase is asked for, then the document is written with write_pdf (the
password line on stdout). Shared by `export` and `form` (export_commands.py) and
`export disguised` (disguise_commands.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from vault.cli import prompts
from vault.cli.choose import choose_client
from vault.cli.commands import _existing_vault, _opened, _root
from vault.cli.pdf_out import Written, check_target, write_pdf
from vault.vault import Vault


def client_pdf(ctx: typer.Context, vault: Path | None, out: Path, client: str,
                no_password: bool, make: Callable[..., Written]) -> None:  # fmt: skip
    """Open the vault, find CLIENT, and write `make(vault, client_id, target, password=)`."""
    root, target = prepare(ctx, vault, out)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        client_id = choose_client(opened, client)
        write_pdf(lambda password: make(opened, client_id, target, password=password), no_password)


def vault_pdf(ctx: typer.Context, vault: Path | None, out: Path, no_password: bool,
               make: Callable[..., Written], *given: object) -> None:  # fmt: skip
    """Open the vault and write `make(vault, *given, target, password=)` (no client to
    choose; `given` is what the command line named, such as a release id)."""
    root, target = prepare(ctx, vault, out)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        write_pdf(lambda password: make(opened, *given, target, password=password), no_password)


def prepare(ctx: typer.Context, vault: Path | None, out: Path) -> tuple[Path, Path]:
    """Everything that can be refused before the passphrase is asked for."""
    root = _root(ctx, vault)
    target = check_target(out)
    _existing_vault(root)
    return root, target
