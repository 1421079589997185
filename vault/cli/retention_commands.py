"""`quietroom retention` (who is past their retention date) and `quietroom compact`.

Client ids only, never names: the list is what a script or a records clean-up day
starts from, and ids keep names out of terminals' scroll-back.
"""

from __future__ import annotations

import typer

from vault.cli import prompts
from vault.cli.commands import VaultDir, _existing_vault, _opened, _root, friendly
from vault.cli.record_commands import Json, _json_lines
from vault.lifecycle.destruction import DueClient
from vault.records.display import clean_line
from vault.vault import Vault


def register(app: typer.Typer) -> None:
    app.command("retention")(friendly(retention))
    app.command("compact")(friendly(compact))


def due_json(due: DueClient) -> dict[str, object]:
    kept = due.retention
    return {
        "id": due.client_id,
        "status": due.status,
        "last_service": kept.last_service.isoformat(),
        "retention_date": kept.keep_until.isoformat(),
        "rule": kept.rule.label if kept.override_date is None else "your decision",
        "source": kept.rule.source,
        "hold": due.hold.sentence if due.hold else None,
    }


def retention(ctx: typer.Context, vault: VaultDir = None, as_json: Json = False) -> None:
    """List clients past their retention date: id, retention date, rule, and any legal hold."""
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        rows = opened.retention.destruction.due(include_held=True)
        rule = opened.retention.rule()
    if as_json:
        _json_lines(due_json(row) for row in rows)
        return
    typer.echo(f"Rule: {rule.label} ({clean_line(rule.source)}).", err=True)
    if not rows:
        typer.echo("No client is past their retention date.", err=True)
        return
    typer.echo(f"{'id':>6}  retention date  {'rule':<14}  hold")
    for row in rows:
        data = due_json(row)
        hold = clean_line(str(data["hold"])) if row.hold else "none: may be destroyed"
        typer.echo(
            f"{row.client_id:>6}  {data['retention_date']}      {str(data['rule'])[:14]:<14}  {hold}"
        )


def compact(ctx: typer.Context, vault: VaultDir = None) -> None:
    """Rebuild the database without its free pages (after destroying records), smaller."""
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        before, after = opened.retention.destruction.compact()
    typer.echo(f"Compacted: {before // 1024:,} KB before, {after // 1024:,} KB after.")
