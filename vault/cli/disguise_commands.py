"""`quietroom export disguised CLIENT --out FILE`: a disguised case for supervision.

Only the automatic replacements are made here; the app is where they are reviewed (and
some kept or added) before anything is written. The password line is printed like every
export's (pdf_out.py), and what was replaced is summed up on stderr, never listed: the
originals are what the disguise hides.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vault.cli.commands import VaultDir
from vault.cli.pdf_commands import client_pdf
from vault.cli.pdf_out import NoPassword, OutFile, Written
from vault.cli.record_commands import ClientArg
from vault.errors import InvalidRecord
from vault.records.validation import parse_date
from vault.supervision.case import NothingToDisguise
from vault.vault import Vault

NoteDays = Annotated[
    str | None,
    typer.Option(
        "--notes",
        help="The days of the notes to include, as YYYY-MM-DD separated by commas. "
        "Default: every signed note.",
        metavar="DAYS",
        show_default=False,
        # Checked while the command line is read: a typo is a usage mistake (exit 2).
        callback=lambda value: _days(value) and value,
    ),
]
ProcessNotes = Annotated[
    bool,
    typer.Option(
        "--process-notes",
        help="Include psychotherapy (process) notes of those days; they are left out otherwise.",
    ),
]


def _days(value: str | None) -> list[date] | None:
    if value is None:
        return None
    days = []
    for part in (p.strip() for p in value.split(",")):
        try:
            days.append(parse_date(part, "notes", "A day"))
        except InvalidRecord:
            raise typer.BadParameter(
                "give the days of the notes as YYYY-MM-DD, separated by commas."
            ) from None
    return days


def export_disguised(
    ctx: typer.Context,
    client: ClientArg,
    out: OutFile,
    vault: VaultDir = None,
    notes: NoteDays = None,
    process_notes: ProcessNotes = False,
    no_password: NoPassword = False,
) -> None:
    """A client's notes disguised for supervision: names, dates, ages, places replaced."""
    from vault.exports.disguised import export_disguised as write_case

    days = _days(notes)

    def make(opened: Vault, client_id: int, target: Path, *, password: str | None) -> Written:
        chosen = [
            note.id
            for note in opened.supervision.signed_notes(client_id)
            if (days is None or note.day in days) and (process_notes or not note.is_process_note)
        ]
        if days is not None and not chosen:
            raise NothingToDisguise("None of this client's signed notes is dated on those days.")
        case = opened.supervision.case(client_id, chosen)
        replaced = sum(use.count for use in case.uses() if use.rule.on)
        typer.echo(
            f"Disguised as {case.pseudonym}: {len(case.notes)} notes, {replaced} replacements. "
            "Read it before it leaves: the app shows every replacement.",
            err=True,
        )
        return write_case(opened, case, target, password=password)

    client_pdf(ctx, vault, out, client, no_password, make)
