"""`quietroom export access|release` and `quietroom form consent|release`: PDFs that leave.

Each writes one PDF through vault.exports.exports (which decides what a release
covers, writes the disclosure entry and the audit entry) and prints its password
as `PDF password: <words>` (vault.cli.pdf_out). A release that is not valid today
is refused by the export itself with the sentence saying why (ReleaseNotValid,
exit 1). After the passphrase nothing more is read from stdin.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from vault.cli.commands import VaultDir, friendly
from vault.cli.disguise_commands import export_disguised
from vault.cli.pdf_commands import client_pdf, vault_pdf
from vault.cli.pdf_out import NoPassword, OutFile
from vault.cli.record_commands import ClientArg
from vault.consent.models import TEMPLATE_KINDS

ReleaseId = Annotated[
    int,
    typer.Argument(
        help="The release's id (see `quietroom releases CLIENT`).",
        metavar="ID",
        min=1,
        show_default=False,
    ),
]
TemplateKind = Annotated[
    str | None,
    typer.Option(
        "--template",
        help="Which consent form: " + ", ".join(TEMPLATE_KINDS) + ". Default: the client's "
        "current consent, else the one that fits their age.",
        metavar="KIND",
        show_default=False,
        callback=lambda value: _known_kind(value),
    ),
]


def _known_kind(value: str | None) -> str | None:
    """Checked while the command line is read, so a typo is a usage mistake (exit 2)."""
    if value is not None and value not in TEMPLATE_KINDS:
        raise typer.BadParameter(f"choose one of {', '.join(TEMPLATE_KINDS)}.")
    return value


def _group(name: str, help_text: str) -> typer.Typer:
    return typer.Typer(
        name=name,
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
    )


def register(app: typer.Typer) -> None:
    export = _group("export", "Write a protected PDF of records that leave the vault.")
    export.command("access")(friendly(export_access))
    export.command("release")(friendly(export_release))
    export.command("disguised")(friendly(export_disguised))  # issue 9: for supervision
    form = _group(
        "form",
        "Write a printable form (consent, release, custodian letter) to sign on paper, or a "
        "referral letter.",
    )
    form.command("consent")(friendly(form_consent))
    form.command("release")(friendly(form_release))
    form.command("custodian")(friendly(form_custodian))  # issue 9, part B
    form.command("referral")(friendly(form_referral))  # issue 9: the letter when therapy ends
    app.add_typer(export)
    app.add_typer(form)


def export_access(
    ctx: typer.Context,
    client: ClientArg,
    out: OutFile,
    vault: VaultDir = None,
    no_password: NoPassword = False,
) -> None:
    """The client's own copy of their record (without psychotherapy notes)."""
    from vault.exports import exports

    client_pdf(ctx, vault, out, client, no_password, exports.export_access_copy)


def export_release(
    ctx: typer.Context,
    release: ReleaseId,
    out: OutFile,
    vault: VaultDir = None,
    no_password: NoPassword = False,
) -> None:
    """What release ID covers, for its recipient; refused unless the release is valid today."""
    from vault.exports import exports

    vault_pdf(ctx, vault, out, no_password, exports.export_release, release)


def form_consent(
    ctx: typer.Context,
    client: ClientArg,
    out: OutFile,
    vault: VaultDir = None,
    template: TemplateKind = None,
    no_password: NoPassword = False,
) -> None:
    """A consent form filled in for the client, to print and sign."""
    from vault.exports import exports

    make = partial(exports.consent_form_pdf, template_kind=template)
    client_pdf(ctx, vault, out, client, no_password, make)


def form_release(
    ctx: typer.Context,
    release: ReleaseId,
    out: OutFile,
    vault: VaultDir = None,
    no_password: NoPassword = False,
) -> None:
    """Release ID as a printable form with every required element, to print and sign."""
    from vault.exports import exports

    vault_pdf(ctx, vault, out, no_password, exports.release_form_pdf, release)


def form_custodian(
    ctx: typer.Context, out: OutFile, vault: VaultDir = None, no_password: NoPassword = False
) -> None:
    """The records custodian letter: where the records are and what to do with them if you
    cannot practise (never the recovery key itself)."""
    from vault.exports.custodian_letter import custodian_letter_pdf

    vault_pdf(ctx, vault, out, no_password, custodian_letter_pdf)


def form_referral(
    ctx: typer.Context,
    client: ClientArg,
    out: OutFile,
    vault: VaultDir = None,
    no_password: NoPassword = False,
) -> None:
    """The newest referral letter written for the client (in the app), to print and send."""
    from vault.exports.referral_letter import latest_referral_letter_pdf

    client_pdf(ctx, vault, out, client, no_password, latest_referral_letter_pdf)
