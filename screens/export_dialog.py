"""Writing a PDF out of the vault: the client's own copy, an export under a release,
the accounting of disclosures, or a form to print. Protected by a generated password
unless the clinician turns that off (with a warning); the password is shown once,
large, and the dialog stays until a key is pressed. Nothing of it is kept: on lock the
dialog is simply dropped. Returns True if a file was written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import platformdirs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Static

from screens.base import VaultAccess
from screens.confirm import ConfirmScreen
from screens.form_fields import field, tick
from vault.errors import VaultError

if TYPE_CHECKING:
    from vault.exports.exports import ExportResult

KINDS = {  # kind: (title, what is written, file name part)
    "access": ("The client's own copy",
               "Their record without psychotherapy notes. Noted in the audit trail, not in "
               "the accounting of disclosures.", "own-copy"),
    "release": ("Export under a release",
                "Only what the release covers, for its dates; the disclosure is logged.",
                "release"),
    "accounting": ("Accounting of disclosures",
                   "The disclosures of the last six years that must be accounted for.",
                   "accounting"),
    "consent_form": ("Consent form to print", "Filled in for a signature on paper.",
                     "consent-form"),
    "release_form": ("Release form to print", "Filled in for a signature on paper.",
                     "release-form"),
    "safety_plan": ("Safety plan to print", "The latest version, on one page, for the client. "
                    "Noted in the audit trail, not in the accounting of disclosures.",
                    "safety-plan"),
    # Issue 9: screens/disguise_dialogs.py names the file after the pseudonym, not the client.
    "disguised": ("Disguised case for supervision", "Only the notes you chose, disguised as "
                  "you reviewed them. Noted in the audit trail; not a disclosure, since "
                  "nothing in it identifies the client.", "for-supervision"),
    "referral_letter": ("Referral letter to print", "Only what you wrote in it. Mark it sent "
                        "(s) once it has gone: that writes the disclosure entry.", "referral"),
}  # fmt: skip
UNPROTECTED = (
    "Without a password anyone who gets hold of the file can read it. Send it only by "
    "a route you trust."
)
GIVE_SEPARATELY = (
    "Give this to the recipient by another route (phone, in person), not with the file."
)
SHOWN_ONCE = "It is shown only now and is not kept. Enter closes."
REPLACE = "A file of that name is already there. Replace it?"


def default_folder() -> Path:
    """The user's Documents folder, or their home folder if there is none."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def file_name(kind: str, initials: str, target_id: int, today: date) -> str:
    """Initials, never the full name: a file name is seen outside the PDF's encryption
    (folder listings, recent-file lists, mail attachments, backup logs)."""
    letters = "".join(ch for ch in initials if ch.isalnum()) or "client"
    part = KINDS[kind][2]
    number = f"-{target_id}" if kind in ("release", "release_form", "referral_letter") else ""
    return f"{letters}-{part}{number}-{today.isoformat()}.pdf"


class ExportDialog(VaultAccess, ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "write", "Write the file", id="export.write", priority=True),
        Binding("escape", "close", "Cancel", id="export.cancel"),
        # Once written, only a deliberate key closes it: the password is on screen.
        Binding("enter", "done", "Close, password noted", id="export.done", priority=True),
    ]

    def __init__(self, kind: str, target_id: int) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}")
        super().__init__()
        self.kind = kind
        self.target_id = target_id
        self.written: Path | None = None
        self._names = ("", "")

    def compose(self) -> ComposeResult:
        title, explained, _part = KINDS[self.kind]
        with Vertical(id="form-dialog", classes="record-form compact-form"):
            yield Static(title, id="form-title", markup=False)
            yield Static("", id="form-error")
            with VerticalScroll(id="form-fields", can_focus=False):
                yield Static(explained, classes="form-note", markup=False)
                yield from field("out", "Save as *")
                yield from tick("protect", "Protect with a password", True)
                yield Static(UNPROTECTED, id="unprotected", classes="warning-line", markup=False)
            with Vertical(id="export-done"):
                yield Static("", id="written")
                yield Static("", id="password")
                yield Static(GIVE_SEPARATELY, id="give-separately", markup=False)
                yield Static(SHOWN_ONCE, classes="hint", markup=False)
            yield Static("ctrl+s writes the file · Escape cancels", id="form-hint",
                         classes="hint", markup=False)  # fmt: skip
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-done").display = False
        self.query_one("#unprotected").display = False
        try:
            client_id = self._client_id()
            client = self.vault.clients.get(client_id, audit=False)
        except VaultError as error:
            self._show_error(error.message)
            return
        self._names = (client.display_name, client.initials)
        name = file_name(self.kind, client.initials, self.target_id, self.qr_app.today())
        self.query_one("#out", Input).value = str(default_folder() / name)
        self.watch(self.app, "privacy", lambda _privacy: self._show_title(), init=True)
        self.query_one("#out", Input).focus()

    def _client_id(self) -> int:
        if self.kind in ("release", "release_form"):
            return self.vault.releases.get(self.target_id).client_id
        if self.kind == "referral_letter":
            return self.vault.ending.referrals.get(self.target_id).client_id
        return self.target_id

    def _show_title(self) -> None:
        name = self._names[1] if self.qr_app.privacy else self._names[0]
        self.query_one("#form-title", Static).update(Text(f"{KINDS[self.kind][0]} — {name}"))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "protect":
            self.query_one("#unprotected").display = not event.value

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_write()

    # -- writing ------------------------------------------------------------------------

    def action_write(self) -> None:
        if self.written is not None:
            return
        self._show_error("")
        text = self.query_one("#out", Input).value.strip()
        if not text:
            self._show_error("Type where the file should be saved.", field_error=True)
            return
        out = Path(text).expanduser()
        if not out.suffix:
            out = out.with_suffix(".pdf")
        if out.exists():
            self.app.push_screen(ConfirmScreen("Replace?", REPLACE, "Replace"),
                                 lambda yes: self._write(out) if yes else None)  # fmt: skip
            return
        self._write(out)

    def _write(self, out: Path) -> None:
        from vault.exports import exports

        password = exports.new_password() if self.query_one("#protect", Checkbox).value else None
        try:
            result = self._export(exports, out, password)
        except VaultError as error:
            self._show_error(error.message)
            return
        self._show_done(result)

    def _export(self, exports: Any, out: Path, password: str | None) -> ExportResult:
        vault, target = self.vault, self.target_id
        functions = {
            "access": exports.export_access_copy, "release": exports.export_release,
            "accounting": exports.accounting_pdf, "consent_form": exports.consent_form_pdf,
            "release_form": exports.release_form_pdf,
        }  # fmt: skip
        if self.kind == "safety_plan":  # issue 8: the client's own plan, printed for them
            from vault.exports.safety_plan_pdf import safety_plan_pdf

            functions["safety_plan"] = safety_plan_pdf
        if self.kind == "referral_letter":  # issue 9: the letter written when therapy ends
            from vault.exports.referral_letter import referral_letter_pdf

            functions["referral_letter"] = referral_letter_pdf
        return cast("ExportResult", functions[self.kind](vault, target, out, password=password))

    def _show_done(self, result: ExportResult) -> None:
        self.written = result.path
        self.query_one("#form-fields").display = False
        self.query_one("#form-hint").display = False
        self.query_one("#export-done").display = True
        pages = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
        written = Text(f"Written: {result.path}{pages}.")
        self.query_one("#written", Static).update(written)
        password = self.query_one("#password", Static)
        if result.password:
            password.update(Text(result.password))
        else:
            password.display = False
            self.query_one("#give-separately").display = False
            self.query_one("#written", Static).update(
                Text(f"Written without a password: {result.path}{pages}.")
            )
        self.refresh_bindings()
        self.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            return self.written is not None
        return not (action in ("write", "close") and self.written is not None)

    def _show_error(self, message: str, *, field_error: bool = False) -> None:
        target = "#out-error" if field_error else "#form-error"
        for label in self.query("#out-error, #form-error").results(Static):
            label.update("")
            label.remove_class("-shown")
        if message:
            label = self.query_one(target, Static)
            label.update(Text(message))
            label.add_class("-shown")

    # -- closing ------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(False)

    def action_done(self) -> None:
        self.query_one("#password", Static).update("")  # gone from the screen's widgets too
        self.dismiss(True)
