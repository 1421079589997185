"""What every command that writes a PDF shares: `--out`, `--no-password`, the password line.

A PDF leaving the vault is protected by default with a password generated for it.
The password is the only thing such a command prints on stdout, as exactly
`PDF password: <words>`, so a script can take it and a person can read it once and
pass it on by another channel; everything else goes to stderr. It is printed only
after the file was written: a failed export shows no password for a file that
does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Protocol

import typer

from vault.errors import VaultError
from vault.records.display import clean_line

NoPassword = Annotated[
    bool,
    typer.Option(
        "--no-password",
        help="Write the PDF without a password. Anyone who gets the file can read it.",
    ),
]
OutFile = Annotated[
    Path,
    typer.Option(
        "--out",
        help="The PDF file to write (an existing file there is replaced).",
        metavar="FILE",
        show_default=False,
    ),
]
PASSWORD_LINE = "PDF password: {}"  # noqa: S105 (a format, not a secret)
UNPROTECTED_WARNING = (
    "Warning: this PDF will have no password. Anyone who gets the file, or sees it "
    "on a shared or synced folder, can read it."
)


class OutputRefused(VaultError):
    title = "Cannot write there"


class Written(Protocol):
    """What H3's export functions return (vault.exports.exports.ExportResult)."""

    @property
    def path(self) -> Path: ...

    @property
    def pages(self) -> int: ...


def check_target(out: Path) -> Path:
    """Refuse an unusable --out before the passphrase is asked for."""
    target = Path(out).expanduser()
    shown = clean_line(str(target))
    if target.is_dir():
        raise OutputRefused(f"{shown} is a folder; give a file name for the PDF inside it.")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise OutputRefused(
            f"The folder {clean_line(str(parent))} does not exist; create it first, "
            "or choose another place for the PDF."
        )
    return target


def write_pdf(produce: Callable[[str | None], Written], no_password: bool) -> None:
    """Make the password (or warn), write the PDF, then say where it is and print the password."""
    from vault.exports.exports import new_password

    if no_password:
        typer.echo(UNPROTECTED_WARNING, err=True)
        password = None
    else:
        password = new_password()
    result = produce(password)
    pages = f"{result.pages} page{'s' * (result.pages != 1)}"
    typer.echo(f"Wrote {clean_line(str(result.path))} ({pages}).", err=True)
    if password is not None:
        typer.echo(
            "Give this password to whoever should open the file by another channel than the "
            "file itself (phone, in person); it is not shown again.",
            err=True,
        )
        typer.echo(PASSWORD_LINE.format(password))
