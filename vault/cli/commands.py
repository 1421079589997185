"""The `quietroom` command: the TUI by default, and the few things a script needs.

Every failure the core names (a VaultError) is printed as its one sentence on
stderr with exit status 1; usage mistakes exit 2 (typer's own). Anything else is
reported as one plain sentence too: never a traceback, never local variables,
which could hold a passphrase, a key or a note.

Secrets are read only by vault.prompts (terminal without echo, or one line per
prompt from stdin); never from argv or the environment. A reader that stops early
(`quietroom verify | head`) is not a problem: the command ends quietly with 141,
the status other command-line tools give when their output pipe closes.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from vault.cli import prompts
from vault.errors import NoVault, VaultError, VaultExists
from vault.keys import header as header_file
from vault.keys import kdf
from vault.keys.kdf import KdfParams
from vault.records.display import clean_line
from vault.records.models import KIND_LABELS, SearchHit
from vault.records.search import MARK_END, MARK_START, check_query_size
from vault.records.validation import printable
from vault.storage import staging
from vault.storage.db import refuse_foreign_file
from vault.storage.hardening import harden_process
from vault.storage.layout import ENV_VAULT, VaultLayout, default_vault_dir
from vault.storage.oserrors import os_error_sentence
from vault.vault import Vault

DEMO_PASSPHRASE = "demo only - not for real records"  # noqa: S105 (public on purpose)
DEMO_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)  # a demo, not a secret
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`
ASK_FOR_QUERY = "-"

app = typer.Typer(
    name="quietroom",
    help="Encrypted, keyboard-only client records for a solo psychotherapist. "
    "With no command, opens the vault in the terminal app.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

VaultDir = Annotated[
    Path | None,
    typer.Option(
        "--vault",
        help=f"The vault's folder. Default: ${ENV_VAULT} if set, else your user data folder.",
        metavar="DIR",
        show_default=False,
    ),
]

ClinicianName = Annotated[
    str | None,
    typer.Option(help="Your name as it should appear on signed notes.", metavar="NAME"),
]
PracticeName = Annotated[str | None, typer.Option(help="The practice's name.", metavar="NAME")]

F = TypeVar("F", bound=Callable[..., Any])


def _out() -> Console:
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False, emoji=False, markup=False, soft_wrap=True)


def _say(message: str) -> None:
    """A line of status for the person at the keyboard: stderr, so stdout stays for results."""
    typer.echo(message, err=True)


def friendly(command: F) -> F:
    """Errors as one sentence on stderr and exit 1; no traceback, no locals."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BrokenPipeError:
            _output_closed()
        except VaultError as exc:
            _say(clean_line(printable(exc.message)))
        except KeyboardInterrupt:
            _say("Stopped.")
        except OSError as exc:  # a path and the system's reason: never a record's text
            _say(os_error_sentence(exc))
        except Exception as exc:  # the message could quote a note: name the kind of failure only
            _say(
                f"Quietroom stopped because of an unexpected problem ({type(exc).__name__}); "
                "details are not shown because they could quote your records."
            )
        raise typer.Exit(1)

    return run  # type: ignore[return-value]


def _output_closed() -> NoReturn:
    """Whoever read our output has stopped (`| head`): end quietly, as other tools do."""
    _silence_stdout()
    raise typer.Exit(EXIT_CLOSED_PIPE)


def _silence_stdout() -> None:
    """Point stdout at nowhere, so the interpreter's last flush has nothing to complain about."""
    with contextlib.suppress(OSError, ValueError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)


def _root(ctx: typer.Context, vault: Path | None) -> Path:
    """`--vault` on the command, else on `quietroom` itself, else the default."""
    chosen = vault or (ctx.obj or {}).get("vault")
    return Path(chosen).expanduser() if chosen else default_vault_dir()


def installed_version() -> str:
    try:
        return metadata.version("quietroom")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(version unknown: not installed)"


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"quietroom {installed_version()}")
        raise typer.Exit()


def _existing_vault(root: Path, *, header: bool = True) -> VaultLayout:
    """Before any secret is asked for: the vault is there, its database is a file we
    can read, and (unless `header` is False) its key header is readable. Otherwise
    the person would type a passphrase only to be told the vault is missing."""
    layout = VaultLayout(root)
    if not layout.exists():
        raise NoVault(
            f"There is no Quietroom vault in {root}. Create one with `quietroom init`, "
            "or give the vault's folder with --vault."
        )
    refuse_foreign_file(layout.database)  # missing, empty, truncated or not a file
    if header:
        header_file.read(layout.header)  # missing or damaged: says how to mend it
    return layout


def _name_leftovers(root: Path, purpose: str, what: str) -> None:
    """Remove what a killed init or backup left beside `root`, and say so."""
    found = staging.clean_leftovers(root, purpose)
    for folder in found.removed:
        _say(
            f"Removed {clean_line(str(folder))}, an unfinished {what} from a run that was stopped."
        )
    for folder in found.kept:
        _say(
            f"{clean_line(str(folder))} looks like an unfinished {what} but holds other files, "
            "so it was left alone; look inside, then remove it yourself."
        )


def _hints(opened: Vault) -> list[str]:
    """Words a guesser would try first: the owner's name and the practice's."""
    return [opened.settings.get("clinician_name"), opened.settings.get("practice_name")]


def _opened(opened: Vault) -> Vault:
    """Say what opening mended on the way in (a repaired database salt, a spare header)."""
    _warn(opened.notices)
    return opened


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        _say(f"Note: {warning}")


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    vault: VaultDir = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print Quietroom's version and stop.", callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:  # fmt: skip
    """Encrypted, keyboard-only client records. With no command, opens the vault."""
    harden_process()
    ctx.obj = {"vault": vault}
    if ctx.invoked_subcommand is None:
        open_vault(ctx, vault)


@app.command("open")
@friendly
def open_vault(ctx: typer.Context, vault: VaultDir = None) -> None:
    """Open the vault in the terminal app (the default when no command is given)."""
    root = _root(ctx, vault)
    if root.exists() and not root.is_dir():
        _say(f"{clean_line(str(root))} is a file, not a vault's folder; give one with --vault.")
        raise typer.Exit(1)
    if not VaultLayout(root).exists():
        _say(
            f"There is no vault in {clean_line(str(root))} yet. Create one with `quietroom init`, "
            "or try Quietroom on a fictional practice with `quietroom demo`."
        )
        raise typer.Exit(1)
    from screens.app import run_app  # the UI loads only when it is about to be shown

    run_app(root)


@app.command()
@friendly
def demo() -> None:
    """Try Quietroom on a fictional practice, in a temporary vault deleted afterwards."""
    from vault import sample
    from vault.cli.demo import demo_folder
    from vault.importer import import_practice, parse_practice, validate_practice

    practice = validate_practice(parse_practice(sample.practice_text(), "The sample practice"))
    # demo_folder removes what killed demos left, and its own folder even on SIGHUP/SIGTERM.
    with demo_folder() as folder:
        root = folder / "vault"
        created, _recovery = Vault.create(root, DEMO_PASSPHRASE, DEMO_KDF)
        with created:
            import_practice(created, practice)
            sample.add_endings(created)  # issue 9: an episode history and a follow-up due
        from screens.app import run_app

        run_app(root, demo_passphrase=DEMO_PASSPHRASE)


@app.command()
@friendly
def init(
    ctx: typer.Context,
    vault: VaultDir = None,
    clinician: ClinicianName = None,
    practice: PracticeName = None,
) -> None:
    """Create a new vault: choose a passphrase, then write down the recovery key shown once."""
    root = _root(ctx, vault)
    if VaultLayout(root).exists():
        raise VaultExists(
            f"There is already a vault in {root}; Quietroom will not overwrite it. "
            "Choose another folder with --vault."
        )
    Vault.check_new_location(root)
    _name_leftovers(root, "init", "vault")
    passphrase = prompts.new_passphrase([clinician or "", practice or ""])
    with _status("Calibrating Argon2id for this computer (about a second)…"):
        params = kdf.calibrate()
    staged = Vault.create_staged(root, passphrase, params)
    try:
        if clinician:
            staged.settings.set("clinician_name", clinician)
        if practice:
            staged.settings.set("practice_name", practice)
        typer.echo(
            "Your recovery key (shown this once):\n\n"
            f"    {staged.recovery_key}\n\n"
            "Write it on paper now and keep the paper apart from this laptop. It opens the vault\n"
            "without your passphrase, in Quietroom (`quietroom recover`) and in any SQLCipher 4\n"
            "tool, so guard it as you guard the records. It will not be shown again."
        )
        prompts.acknowledge_recovery_key()
        # Only now does the vault appear at `root`: killed before this line, no vault
        # is left whose recovery key nobody saw.
        staged.commit()
    except BaseException:
        staged.discard()
        raise
    typer.echo(f"\nVault created in {root}.")


@app.command()
@friendly
def passwd(ctx: typer.Context, vault: VaultDir = None) -> None:
    """Change the passphrase (the data key is re-wrapped; the records are not rewritten)."""
    root = _root(ctx, vault)
    _existing_vault(root)
    with _opened(
        Vault.open(root, prompts.current_passphrase())
    ) as opened:  # proved before the new one
        new = prompts.new_passphrase(_hints(opened))
        started = time.perf_counter()
        warnings = opened.set_passphrase(new, opened.current_kdf_params())
        seconds = time.perf_counter() - started
    typer.echo(f"Passphrase changed in {seconds:.1f} s. Use the new one from now on.")
    _warn(warnings)


@app.command()
@friendly
def recover(ctx: typer.Context, vault: VaultDir = None) -> None:
    """Open the vault with the recovery key and set a new passphrase (works without the header)."""
    root = _root(ctx, vault)
    _existing_vault(root, header=False)  # a lost or damaged header is what recovery is for
    with _opened(Vault.recover(root, prompts.recovery_key())) as opened:
        new = prompts.new_passphrase(_hints(opened))
        with _status("Calibrating Argon2id for this computer (about a second)…"):
            params = kdf.calibrate()
        warnings = opened.set_passphrase(new, params)
    typer.echo(
        f"The vault in {root} opens with the new passphrase. "
        "The recovery key is unchanged: keep the paper."
    )
    _warn(warnings)


@app.command()
@friendly
def settings(
    ctx: typer.Context,
    vault: VaultDir = None,
    clinician: ClinicianName = None,
    credentials: Annotated[
        str | None,
        typer.Option(help="Shown after your name on signatures, e.g. 'LCSW'.", metavar="TEXT"),
    ] = None,
    practice: PracticeName = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(help="Where you practise (its law decides the limits of confidentiality).",
                     metavar="TEXT"),
    ] = None,
    auto_lock: Annotated[
        int | None,
        typer.Option("--auto-lock", help="Lock after this many idle minutes (1-240).",
                     metavar="MINUTES"),
    ] = None,
    # Backups and the records custodian (issue 9, part B)
    backup_folder: Annotated[
        Path | None,
        typer.Option(help="Where `quietroom backup` puts dated backups.", metavar="FOLDER"),
    ] = None,
    backup_keep: Annotated[
        int | None,
        typer.Option(help="How many dated backups to keep (1-100).", metavar="N"),
    ] = None,
    backup_reminder_days: Annotated[
        int | None,
        typer.Option(help="Remind after this many days without a backup (1-365).",
                     metavar="DAYS"),
    ] = None,
    custodian: Annotated[
        str | None,
        typer.Option(help="Who looks after the records if you cannot (custodian letter).",
                     metavar="NAME"),
    ] = None,
    custodian_contact: Annotated[
        str | None,
        typer.Option(help="How to reach the custodian.", metavar="TEXT"),
    ] = None,
) -> None:  # fmt: skip
    """Show the practice settings, or change the ones given as options."""
    root = _root(ctx, vault)
    changes = {
        "clinician_name": clinician, "credentials": credentials, "practice_name": practice,
        "jurisdiction": jurisdiction,
        "auto_lock_minutes": None if auto_lock is None else str(auto_lock),
        "backup_folder": _text(backup_folder and backup_folder.expanduser().absolute()),
        "backup_keep": _text(backup_keep), "backup_reminder_days": _text(backup_reminder_days),
        "custodian_name": custodian, "custodian_contact": custodian_contact,
    }  # fmt: skip
    _existing_vault(root)
    with _opened(Vault.open(root, prompts.passphrase())) as opened:
        for key, value in changes.items():
            if value is not None:
                opened.settings.set(key, value)
        for key in changes:
            typer.echo(f"{key.replace('_', ' ')}: {clean_line(opened.settings.get(key)) or '-'}")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@app.command()
@friendly
def verify(
    ctx: typer.Context,
    vault: VaultDir = None,
    rebuild_index: Annotated[
        bool,
        typer.Option(
            "--rebuild-index",
            help="First rebuild the search index from the notes (the repair verify names "
            "when the index is stale); the notes themselves are not changed.",
        ),
    ] = False,
) -> None:
    """Check the key header and its spare, every page, the search index, the audit chain
    and signed notes."""
    from vault.verify import rebuild_search_index, verify_vault

    root = _root(ctx, vault)
    _existing_vault(root, header=False)  # a damaged header is one of verify's findings
    passphrase = prompts.passphrase()
    if rebuild_index:
        with _status("Rebuilding the search index…"):
            rebuild_search_index(root, passphrase)
        _say("The search index was rebuilt from the notes.")
    report = verify_vault(root, passphrase)
    for check in report.checks:
        mark = {True: "OK  ", False: "FAIL", None: "--  "}[check.ok]
        typer.echo(f"{mark}  {check.name}: {clean_line(check.detail)}")
    if report.ok:
        typer.echo("The vault is sound.")
        return
    _say("The vault failed verification; see the lines marked FAIL.")
    raise typer.Exit(1)


@app.command("import")
@friendly
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The practice data, as JSON (format in the README).",
            metavar="FILE",
            show_default=False,
        ),
    ],
    vault: VaultDir = None,
) -> None:
    """Import clients, sessions and notes from a JSON file: all of it, or nothing."""
    from vault.importer import import_practice, read_practice_file, validate_practice

    root = _root(ctx, vault)
    _existing_vault(root)
    practice = validate_practice(read_practice_file(file))  # refuse a bad file before Argon2
    passphrase = prompts.passphrase()
    with _opened(Vault.open(root, passphrase)) as opened, _progress("Importing") as step:
        summary = import_practice(opened, practice, step)
    if summary.skipped:  # names on stderr, for the person; stdout keeps the counts
        names = "; ".join(clean_line(name) for name in summary.skipped)
        _say(f"Already in the vault, so not imported again: {names}.")
    if summary.skipped and not summary.clients:
        typer.echo(
            f"Nothing imported: all {len(summary.skipped):,} clients in the file are already in "
            "the vault (same names and date of birth)."
        )
        return
    skipped = (
        f" Skipped {len(summary.skipped):,} clients already in the vault (same names and date "
        "of birth), with their sessions and notes."
        if summary.skipped
        else ""
    )
    paperwork = (
        f" With them: {summary.consents:,} consents, {summary.releases:,} releases and "
        f"{summary.disclosures:,} disclosure log entries."
        if summary.consents or summary.releases or summary.disclosures
        else ""
    )
    typer.echo(
        f"Imported {summary.clients:,} clients, {summary.sessions:,} sessions and "
        f"{summary.notes:,} notes ({summary.signed:,} signed, {summary.addenda:,} addenda)."
        + paperwork
        + skipped
    )


@app.command()
@friendly
def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="Words to find in note text (FTS5 syntax also works). Give - to type them "
            "after the passphrase instead (unseen on a terminal; in a script, the line after "
            "the passphrase), so a client's name stays out of your shell history and the "
            "process list.",
            metavar="QUERY",
            show_default=False,
        ),
    ],
    vault: VaultDir = None,
    newest: Annotated[
        bool, typer.Option("--newest", help="Newest notes first instead of best matches first.")
    ] = False,
    limit: Annotated[
        int, typer.Option(help="At most this many notes.", min=1, max=10_000, metavar="N")
    ] = 20,
) -> None:
    """Search note text; prints date, client, kind and a snippet. Plain tab-separated when piped."""
    root = _root(ctx, vault)
    if query != ASK_FOR_QUERY:
        check_query_size(query)  # refuse before Argon2 makes the user wait
    _existing_vault(root)
    passphrase = prompts.passphrase()
    if query == ASK_FOR_QUERY:
        query = prompts.read_secret("Search for: ", "search text")
    check_query_size(query)
    with _opened(Vault.open(root, passphrase)) as opened:
        hits = opened.search.search(query, newest_first=newest, limit=limit)
    if not sys.stdout.isatty():
        for hit in hits:
            typer.echo("\t".join(plain_fields(hit)))
        return
    console = _out()
    if not hits:
        console.print(Text("No notes match."))
    for hit in hits:
        console.print(hit_line(hit))


def plain_fields(hit: SearchHit) -> list[str]:
    """One hit for scripts: no styling, controls made inert, no tabs inside fields."""
    snippet = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return [
        hit.note_date.isoformat(),
        clean_line(hit.client_name),
        KIND_LABELS.get(hit.kind, hit.kind),
        clean_line(snippet),
    ]


def hit_line(hit: SearchHit) -> Text:
    """One hit for a person: matched words in bold. Vault text is never read as markup."""
    line = Text()
    line.append(hit.note_date.isoformat(), style="cyan")
    line.append("  ")
    line.append(clean_line(hit.client_name), style="bold")
    line.append("  ")
    line.append(KIND_LABELS.get(hit.kind, hit.kind), style="dim")
    line.append("\n    ")
    for part, matched in _marked_parts(clean_line(hit.snippet)):
        line.append(part, style="bold" if matched else "")
    return line


def _marked_parts(snippet: str) -> list[tuple[str, bool]]:
    """The snippet cut into (text, matched) pieces at the search's private-use marks."""
    head, *rest = snippet.split(MARK_START)
    parts = [(head, False)]
    for piece in rest:
        matched, closed, after = piece.partition(MARK_END)
        parts += [(matched, True), (after, False)] if closed else [(piece, False)]
    return parts


@contextmanager
def _status(message: str) -> Iterator[None]:
    console = _err()
    if console.is_terminal:
        with console.status(message):
            yield
    else:
        _say(message)
        yield


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on stderr, driven by (done, total) callbacks."""
    console = _err()
    if not console.is_terminal:
        yield lambda done, total: None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


def main() -> None:
    harden_process()
    try:
        try:
            app()
        finally:
            if sys.stdout is not None:  # here a closed pipe can still be caught, not at exit
                sys.stdout.flush()
    except BrokenPipeError:  # in typer's own output (help, usage), outside any command
        _silence_stdout()
        raise SystemExit(EXIT_CLOSED_PIPE) from None


def _register_paperwork_commands() -> None:
    """`clients`, `releases`, `accounting`, `export` and `form` live in their own modules."""
    from vault.cli import (
        audit_commands,
        backup_commands,
        export_commands,
        record_commands,
        retention_commands,
    )

    backup_commands.register(app)  # backup, backups, restore (issue 9, part B)
    record_commands.register(app)
    export_commands.register(app)
    audit_commands.register(app)  # issue 9: the audit log
    retention_commands.register(app)  # issue 9: retention, compact


_register_paperwork_commands()

# Registered last: the rules commands use `friendly` from this module.
from vault.cli.rules_commands import rules_app  # noqa: E402

app.add_typer(rules_app, name="rules")
