"""`quietroom clients`, `releases` and `accounting`: what scripts and checks read.

The names, `--json` keys and exit codes here are a contract (issue 7, "Command
line"): scripts depend on them. JSON is written with every non-ASCII character
escaped, so a name holding terminal controls or bidi overrides is inert when a
script prints it, and any JSON reader still gets the exact name back.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from vault.cli import prompts
from vault.cli.choose import choose_client, every_client
from vault.cli.commands import VaultDir, _existing_vault, _opened, _root, friendly
from vault.cli.pdf_out import NoPassword, check_target, write_pdf
from vault.consent.models import PRESET_LABELS, SCOPE_LABELS, Release
from vault.records.display import clean_line, clean_text
from vault.records.models import ClientSummary
from vault.vault import Vault

Json = Annotated[bool, typer.Option("--json", help="Print a JSON list of objects for scripts.")]
ClientArg = Annotated[
    str,
    typer.Argument(
        help='The client: their id (see `quietroom clients`), or "First Last" in quotes. '
        "An id keeps the name out of your shell history.",
        metavar="CLIENT",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.command("clients")(friendly(clients))
    app.command("releases")(friendly(releases))
    app.command("accounting")(friendly(accounting))


# -- clients ------------------------------------------------------------------------


def clients(ctx: typer.Context, vault: VaultDir = None, as_json: Json = False) -> None:
    """List every client: id, name, date of birth and status."""
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        rows = every_client(opened)
        if as_json:
            _json_lines(client_json(client) for client in rows)
            return
        any_client = False
        for client in rows:
            if not any_client:
                typer.echo(f"{'id':>6}  {'name':<36}  date of birth  status")
            any_client = True
            typer.echo(client_row(client))
        if not any_client:
            typer.echo("There are no clients in this vault yet.", err=True)


def client_json(client: ClientSummary) -> dict[str, Any]:
    return {
        "id": client.id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "status": client.status,
    }


def client_row(client: ClientSummary) -> str:
    name = clean_line(f"{client.first_name} {client.last_name}")
    return f"{client.id:>6}  {name:<36}  {client.date_of_birth.isoformat()}     {client.status}"


def _json_lines(objects: Any) -> None:
    """A JSON list written as it is read, one object a line: never all of it in memory."""
    first = True
    for item in objects:
        typer.echo(("[" if first else ",") + json.dumps(item, ensure_ascii=True))
        first = False
    typer.echo("[]" if first else "]")


# -- releases -----------------------------------------------------------------------


def releases(
    ctx: typer.Context, client: ClientArg, vault: VaultDir = None, as_json: Json = False
) -> None:
    """A client's releases of information: id, recipient, scope, expiry and status today."""
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        client_id = choose_client(opened, client)
        found = opened.releases.for_client(client_id)
        today = opened.store.today()
    if as_json:
        typer.echo(json.dumps([release_json(r) for r in found], ensure_ascii=True, indent=2))
        return
    if not found:
        typer.echo("This client has no releases of information.", err=True)
    for release in found:
        typer.echo(release_lines(release, today))


def recipient_text(release: Release) -> str:
    """The recipient as one line: name, then organisation when there is one."""
    parts = [release.recipient_name, release.recipient_org or ""]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def release_expires(release: Release) -> str | None:
    """`expires` in JSON: the expiry date when the release has one (ISO), else the
    expiry event as written, else None."""
    if release.expires_on is not None:
        return release.expires_on.isoformat()
    return release.expiry_event


def release_json(release: Release) -> dict[str, Any]:
    return {
        "id": release.id,
        "recipient": recipient_text(release),
        "scope": list(release.scope),
        "expires": release_expires(release),
        "status": release.status,
    }


def scope_text(release: Release) -> str:
    labels = {**SCOPE_LABELS, **PRESET_LABELS}
    return ", ".join(labels.get(name, name) for name in release.scope) or "nothing named"


def release_lines(release: Release, today: date) -> str:
    """A release for a person: what, to whom, and what its status means today."""
    lines = [
        f"Release {release.id}: {release.status.upper()}, to {clean_line(recipient_text(release))}",
        f"    scope: {scope_text(release)}",
        f"    {_when(release, today)}",
    ]
    if release.status in ("defective", "draft"):
        lines += [f"    missing: {clean_line(defect)}" for defect in release.defects]
    return "\n".join(lines)


def _when(release: Release, today: date) -> str:
    if release.status == "revoked" and release.revoked_on is not None:
        return f"revoked on {release.revoked_on.isoformat()}"
    event = clean_line(release.expiry_event or "")
    if release.status == "expired":
        if release.event_occurred_on is not None and (
            release.expires_on is None or release.event_occurred_on <= release.expires_on
        ):
            return f"expired on {release.event_occurred_on.isoformat()} ({event})"
        if release.expires_on is not None:
            return f"expired on {release.expires_on.isoformat()}"
    if release.expires_on is not None:
        days = (release.expires_on - today).days
        left = "expires today" if days == 0 else f"expires in {days:,} day{'s' * (days != 1)}"
        more = f", or sooner: {event}" if event else ""
        soon = "  (expiring soon)" if release.expiring_soon else ""
        return f"{left} ({release.expires_on.isoformat()}){more}{soon}"
    if event:
        return f"expires: {event}"
    return "no expiry given"


# -- accounting ---------------------------------------------------------------------


def accounting(
    ctx: typer.Context,
    client: ClientArg,
    vault: VaultDir = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write a PDF to this file instead of printing text.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    no_password: NoPassword = False,
) -> None:
    """The accounting of disclosures for a client (6 years): text, or a PDF with --out."""
    from vault.exports import exports  # fpdf2 loads only when a command needs it

    root = _root(ctx, vault)
    target = check_target(out) if out is not None else None
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        client_id = choose_client(opened, client)
        if target is None:
            typer.echo(clean_text(exports.accounting_text(opened, client_id)).rstrip("\n"))
            return
        write_pdf(
            lambda password: exports.accounting_pdf(opened, client_id, target, password=password),
            no_password,
        )
