"""`quietroom audit`: the audit log, filtered, newest first, a page at a time.

The `--json` keys (id, at, action, subject, client_id, detail) are a contract for
scripts: codes and ids as stored, `at` in UTC as stored, and no names. The table
is for a person: local time, the action in words, and what it concerned by
client id and initials (see vault/records/audit_labels.py for why not names).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from vault.cli import prompts
from vault.cli.choose import choose_client
from vault.cli.commands import VaultDir, _existing_vault, _opened, _root, friendly
from vault.errors import InvalidRecord
from vault.records.audit import ACTIONS
from vault.records.audit_labels import action_label, describe, local_time
from vault.records.audit_query import PAGE_SIZE, AuditPage, FoundEntry, filter_from_text
from vault.records.display import clean_line
from vault.records.models import initials
from vault.vault import Vault

ACTION_HELP = "Only this action (repeat for several): " + ", ".join(ACTIONS) + "."


def register(app: typer.Typer) -> None:
    app.command("audit")(friendly(audit))


def audit(
    ctx: typer.Context,
    vault: VaultDir = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help='Only entries about this client: their id, or "First Last" in quotes.',
            metavar="CLIENT",
            show_default=False,
        ),
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option("--action", help=ACTION_HELP, metavar="ACTION", show_default=False),
    ] = None,
    from_date: Annotated[
        str, typer.Option("--from", help="From this local date (YYYY-MM-DD).", metavar="DATE")
    ] = "",
    to_date: Annotated[
        str,
        typer.Option("--to", help="Up to this local date, included (YYYY-MM-DD).", metavar="DATE"),
    ] = "",  # fmt: skip
    text: Annotated[
        str,
        typer.Option(
            "--text",
            help="Only entries whose action, subject or detail holds this "
            "text (3 characters or more).",
            metavar="TEXT",
        ),
    ] = "",  # fmt: skip
    limit: Annotated[
        int, typer.Option("--limit", help="Entries per page (1 to 1000).", min=1, max=1000)
    ] = PAGE_SIZE,
    page: Annotated[
        int | None,
        typer.Option("--page", help="Which page: 1 is the newest.", min=1, show_default=False),
    ] = None,
    before: Annotated[
        int | None,
        typer.Option(
            "--before",
            help="Only entries older than this entry id (the next page's start is printed "
            "at the end of each page).",
            metavar="ID",
            min=1,
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of objects for scripts.")
    ] = False,
) -> None:
    """The audit log, newest first: filter by client, action, dates and text."""
    if page is not None and before is not None:
        raise InvalidRecord(
            "Give --page or --before, not both: --before already says where to start."
        )
    # Dates, actions and text are checked before the passphrase is asked for.
    filter_from_text(None, action or (), from_date, to_date, text)
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        client_id = _client_id(opened, client)
        wanted = filter_from_text(client_id, action or (), from_date, to_date, text)
        if page is not None:
            found = opened.audit_query.nth_page(wanted, page, limit)
        else:
            found = opened.audit_query.page(wanted, before, limit)
        names = {
            cid: initials(preferred or first, last)
            for cid, (first, last, preferred) in opened.audit_query.client_names(
                {e.client_id for e in found.entries if e.client_id is not None}
            ).items()
        }
    if as_json:
        typer.echo(json.dumps([entry_json(e) for e in found.entries], ensure_ascii=True, indent=2))
        return
    _print_table(found, names)


def _client_id(opened: Vault, client: str | None) -> int | None:
    """An id is taken as given, so a client whose records were destroyed can still be traced."""
    if client is None:
        return None
    wanted = client.strip()
    return int(wanted) if wanted.isdecimal() else choose_client(opened, wanted)


def entry_json(found: FoundEntry) -> dict[str, Any]:
    entry = found.entry
    return {
        "id": entry.id,
        "at": entry.at,
        "action": entry.action,
        "subject": entry.subject,
        "client_id": found.client_id,
        "detail": entry.detail,
    }


def _print_table(found: AuditPage, names: dict[int, str]) -> None:
    if not found.entries:
        typer.echo("No audit entries match.", err=True)
        return
    typer.echo(f"{'id':>8}  {'time (local)':<16}  {'action':<30}  {'what':<28}  detail")
    for item in found.entries:
        entry = item.entry
        what = describe(entry.subject, item.client_id, names)
        typer.echo(
            f"{entry.id:>8}  {local_time(entry.at):<16}  {action_label(entry.action):<30}  "
            f"{what:<28}  {clean_line(entry.detail)}".rstrip()
        )
    if found.next_before is not None:
        typer.echo(f"Older entries: add --before {found.next_before}.", err=True)
