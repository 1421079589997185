"""Records clean-up: the clients whose retention period has ended and who are not
active, and destroying their records one at a time. Those under a legal hold are
listed too, marked held (destroying one is refused with the hold's reason), so the
list answers "why is this one still here?".

Destroying asks the clinician to type the client's number: a yes/no would be one key
away from a mistake nobody can undo. Compacting (VACUUM) shrinks the file afterwards;
it is a key of its own, since on a large vault it takes a while."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from screens import safe
from screens.base import VaultScreen
from vault.errors import VaultError
from vault.lifecycle.destruction import DueClient
from vault.records.models import initials

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
STATUS = {"inactive": "Inactive", "discharged": "Discharged"}
KEYS = "d destroy the selected client's records · c compact the file · Escape back"
EMPTY = "No client is past their retention date. Nothing to clean up."
HELD = "Held: past the date, but under a legal hold; lift it first (6 on the record)."


class TypedConfirmScreen(ModalScreen[bool]):
    """Go on only when `expected` is typed exactly; Escape or a wrong entry cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="typed_confirm.cancel")]

    def __init__(self, title: str, question: str, expected: str, yes_label: str) -> None:
        super().__init__()
        self._title, self._question = title, question
        self._expected, self._yes_label = expected, yes_label

    def compose(self) -> ComposeResult:
        with Vertical(id="typed-dialog"):
            yield Static(self._title, id="typed-title", markup=False)
            yield Static(self._question, id="typed-question", markup=False)
            yield Input(placeholder="number", id="typed-input", compact=True)
            yield Static("", id="typed-error", markup=False)
            with Horizontal(id="typed-buttons"):
                yield Button(self._yes_label, id="yes", variant="error")
                yield Button("Cancel (Escape)", id="no")

    def on_mount(self) -> None:
        self.query_one("#typed-input", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self._try()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self._try()
        else:
            self.dismiss(False)

    def _try(self) -> None:
        typed = self.query_one("#typed-input", Input).value.strip()
        if typed == self._expected:
            self.dismiss(True)
            return
        self.query_one("#typed-error", Static).update(
            f"That is not {self._expected}; type the number exactly, or press Escape."
        )

    def action_cancel(self) -> None:
        self.dismiss(False)


def client_label(due: DueClient, privacy: bool) -> str:
    if privacy:
        return initials(due.preferred_name or due.first_name, due.last_name)
    return f"{due.first_name} {due.last_name}"


class CleanupScreen(VaultScreen):
    BINDINGS = [
        Binding("d", "destroy", "Destroy", id="cleanup.destroy"),
        Binding("c", "compact", "Compact", id="cleanup.compact"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DueClient] = []
        self._busy: Worker[str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="cleanup-rule")
        yield DataTable(id="cleanup-table", cursor_type="row", zebra_stripes=True)
        yield Static(KEYS, id="cleanup-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#cleanup-table", DataTable)

    def on_mount(self) -> None:
        self.title = "Records clean-up"
        self.table.add_columns("No.", "Client", "Status", "Last service", "Keep until", "Rule")
        self.watch(self.app, "privacy", lambda _privacy: self.reload(), init=False)
        self.reload()
        self.table.focus()

    def reload(self) -> None:
        try:
            keeping = self.vault.retention
            rule = keeping.rule()
            self._rows = keeping.destruction.due(self.qr_app.today(), include_held=True)
        except VaultError as error:
            self.show_error(error)
            return
        line = Text("Rule: ", style="bold").append(rule.label, style="")
        line.append("\nSource: ", style="bold").append_text(safe.line(rule.source))
        if not self._rows:
            line.append(f"\n\n{EMPTY}")
        elif any(due.hold for due in self._rows):
            line.append(f"\n{HELD}", style="dim")
        self.query_one("#cleanup-rule", Static).update(line)
        table = self.table
        table.clear()
        for due in self._rows:
            kept = due.retention
            rule_cell = "your decision" if kept.override_date else (
                "majority" if kept.because == "majority" else "last service"
            )  # fmt: skip
            status = Text(STATUS.get(due.status, due.status))
            if due.hold is not None:
                status = Text("Held", style="bold black on yellow")
            table.add_row(
                Text(str(due.client_id)),
                safe.line(client_label(due, self.privacy)),
                status,
                Text(f"{kept.last_service.isoformat()} ({kept.counted_from})"),
                Text(kept.keep_until.isoformat()),
                Text(rule_cell),
                key=str(due.client_id),
            )

    @property
    def selected(self) -> DueClient | None:
        if not self._rows or not self.table.row_count:
            return None
        return self._rows[self.table.cursor_row]

    def action_destroy(self) -> None:
        due = self.selected
        if due is None:
            self.notify("There is nothing to destroy.", markup=False)
            return
        number = str(due.client_id)
        if due.hold is not None:
            try:  # the service's own refusal: one sentence naming the hold
                reason = self.vault.retention.destruction.refusal(due.client_id)
            except VaultError as error:
                self.show_error(error)
                return
            self.notify(reason or "", title="Records kept", severity="warning", markup=False)
            return
        who = client_label(due, self.privacy)
        question = (
            f"Destroy every record of client {number} ({who}): notes, sessions, consents, "
            "releases, disclosures, scans, risk records? Only a stub stays in the audit log "
            f"(the number and how many records). This cannot be undone.\n\nType {number} to "
            "destroy."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._destroy(due.client_id)

        self.app.push_screen(
            TypedConfirmScreen("Destroy records", question, number, "Destroy"), answered
        )

    def _destroy(self, client_id: int) -> None:
        destruction = self.vault.retention.destruction

        def destroy() -> str:
            done = destruction.destroy(client_id)
            return (
                f"The records of client {client_id} were destroyed "
                f"({sum(done.counts.values())} records). Press c to compact the file."
            )

        self.notify(f"Destroying the records of client {client_id}…", markup=False)
        self._busy = self._run_job(destroy)

    def action_compact(self) -> None:
        destruction = self.vault.retention.destruction

        def compact() -> str:
            before, after = destruction.compact()
            return f"Compacted: {before // 1024:,} KB before, {after // 1024:,} KB after."

        self.notify("Compacting the vault…", markup=False)
        self._busy = self._run_job(compact)

    # On a 100,000-note vault a destruction takes about 2 s and compacting 4 s
    # (bench/README.md): off the UI thread, with the keys off until it is done.
    @work(thread=True, exclusive=True, group="cleanup", exit_on_error=False)
    def _run_job(self, job: Callable[[], str]) -> str:
        return job()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "cleanup" or event.state not in FINISHED:
            return
        self._busy = None
        self.refresh_bindings()
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, str):
            self.notify(event.worker.result, markup=False)
        elif isinstance(event.worker.error, VaultError):
            self.show_error(event.worker.error)
        elif event.worker.error is not None:
            raise event.worker.error
        if self.qr_app.vault is not None:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in ("destroy", "compact") and self._busy is not None)

    def reopen(self) -> Callable[[], Screen[None]] | None:
        return CleanupScreen
