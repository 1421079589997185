"""The Releases view of a client's record: each release of information with its
status computed for today, and (Enter) every element of a signed one."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from screens import safe
from screens.record_header import expiry_phrase, recipient_name
from screens.record_view import RecordView
from vault.consent.models import PRESET_LABELS, SCOPE_LABELS, SIGNATURE_METHOD_LABELS, Release

STATUS_STYLES = {
    "valid": "bold green", "draft": "italic", "expired": "dim", "revoked": "bold red",
    "defective": "bold black on yellow",
}  # fmt: skip
RECIPIENT_WIDTH, STATUS_WIDTH, EXPIRY_WIDTH = 32, 34, 22
EMPTY = "No release of information on file. Press r to write one."
HINT = "Enter details · v the expiry event happened · e export · p print the form"


def scope_text(release: Release) -> str:
    names = [SCOPE_LABELS.get(name) or PRESET_LABELS.get(name, name) for name in release.scope]
    return ", ".join(names) or "—"


def date_range(release: Release) -> str:
    if release.date_from is None and release.date_to is None:
        return "all dates"
    start = release.date_from.isoformat() if release.date_from else "…"
    end = release.date_to.isoformat() if release.date_to else "…"
    return f"{start} – {end}"


def status_text(release: Release, today: date, *, short: bool = False) -> Text:
    """'valid · expires 2026-12-01 (in 11 days)' ('valid · ends in 11 days' when `short`),
    'defective · <the first missing element>', 'revoked 2026-06-01', ..."""
    text = Text(release.status, style=STATUS_STYLES.get(release.status, ""))
    if release.defects and release.status in ("defective", "draft"):
        text.append(" · ").append_text(safe.line(release.defects[0]))
    elif release.status == "valid" and release.expiring_soon and release.expires_on:
        days = (release.expires_on - today).days
        if short:
            text.append(f" · ends in {days} day{'' if days == 1 else 's'}", style="bold")
        else:
            text.append(f" · {expiry_phrase(release, today)}", style="bold")
    elif release.status == "revoked" and release.revoked_on is not None:
        text.append(f" {release.revoked_on.isoformat()}")
    return text


class ReleasesView(RecordView):
    title = "Releases"

    def __init__(self, client_id: int, **kwargs: Any) -> None:
        super().__init__(client_id, **kwargs)
        self.releases: list[Release] = []
        self.details_shown = False

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="release-table")
        yield Static("", id="release-empty")
        with VerticalScroll(id="release-detail"):
            yield Static("", id="release-detail-text")
        yield Static(HINT, classes="view-hint")

    def on_mount(self) -> None:
        # Status second: on a narrow screen the columns after it are scrolled to.
        self.table.add_columns("Recipient", "Status", "Expires", "Scope", "Dates covered")

    @property
    def today(self) -> date:
        return self.record.qr_app.today()

    @property
    def selected(self) -> Release | None:
        key = self.selected_key
        return next((r for r in self.releases if r.id == key), None)

    def fill(self) -> None:
        self.releases = self.vault.releases.for_client(self.client_id, as_of=self.today)
        table = self.table
        with self.app.batch_update():
            table.clear()
            for release in self.releases:
                table.add_row(*self._cells(release), key=str(release.id))
        empty = self.query_one("#release-empty", Static)
        empty.update(Text(EMPTY, style="bold") if not self.releases else "")
        empty.display = not self.releases
        self.show_detail()

    def _cells(self, release: Release) -> list[Text]:
        status = status_text(release, self.today, short=True)
        status.truncate(STATUS_WIDTH, overflow="ellipsis")  # Enter shows every defect in full
        who = Text().append_text(safe.line(recipient_name(release.recipient_name,
                                                          privacy=self.privacy)))  # fmt: skip
        extra = [part for part in (release.recipient_org, release.recipient_role) if part]
        if self.privacy and release.recipient_org:
            extra = [part for part in (release.recipient_role,) if part]
        if extra:
            who.append(" (").append_text(safe.line(", ".join(extra))).append(")")
        who.truncate(RECIPIENT_WIDTH, overflow="ellipsis")
        if release.expires_on is not None:
            expires = Text(release.expires_on.isoformat())
        elif not release.expiry_event:
            expires = Text("—")
        else:
            expires = safe.line(f"on: {release.expiry_event}")
            expires.truncate(EXPIRY_WIDTH, overflow="ellipsis")
        return [
            who,
            status,
            expires,
            safe.line(scope_text(release)),
            Text(date_range(release)),
        ]

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def toggle_detail(self) -> None:
        """On a short screen the details take the table's place until Enter again."""
        self.details_shown = not self.details_shown
        self.set_class(self.details_shown, "-details")
        self.show_detail()
        if self.table.display:
            self.table.focus()
        else:  # the details alone: arrows scroll them
            self.query_one("#release-detail", VerticalScroll).focus()

    def show_detail(self) -> None:
        panel = self.query_one("#release-detail", VerticalScroll)
        release = self.selected
        panel.display = self.details_shown and release is not None
        if panel.display and release is not None:
            text = release_detail(release, self.today, privacy=self.privacy)
            self.query_one("#release-detail-text", Static).update(text)


def release_detail(release: Release, today: date, *, privacy: bool) -> Text:
    """Every element of the release, one per line, and what is missing."""

    def hidden_or(value: str | None) -> Text:
        if privacy and value:
            return safe.HIDDEN.copy()
        return safe.line(value or "—")

    text = Text()

    def row(label: str, value: Text) -> None:
        if text:
            text.append("\n")
        text.append(f"{label:<14}", style="bold").append_text(value)

    who = safe.line(recipient_name(release.recipient_name, privacy=privacy))
    if release.recipient_role:
        who.append(" · ").append_text(safe.line(release.recipient_role))
    if release.recipient_org:
        who.append(" · ").append_text(hidden_or(release.recipient_org))
    row("Recipient", who)
    row("Address", hidden_or(release.recipient_address))
    row("Disclosed by", safe.line(release.discloser or "—"))
    scope = safe.line(scope_text(release))
    if release.scope_detail:
        scope.append(" · ").append_text(hidden_or(release.scope_detail))
    scope.append(f" · dates covered: {date_range(release)}")
    row("What", scope)
    row("Purpose", hidden_or(release.purpose))
    expiry = safe.line(expiry_phrase(release, today))
    if release.event_occurred_on is not None:
        expiry.append(f" · the event happened {release.event_occurred_on.isoformat()}")
    row("Expiry", expiry)
    if release.signed_on is None:
        row("Signed", Text("not yet (a draft)", style="italic"))
    else:
        signed = Text(release.signed_on.isoformat() + " by ")
        signed.append_text(hidden_or(release.signed_by))
        if release.signer_authority:
            signed.append(" (").append_text(safe.line(release.signer_authority)).append(")")
        method = SIGNATURE_METHOD_LABELS.get(release.signature_method or "", "")
        if method:
            signed.append(f" · {method}")
        signed.append(" · a copy given" if release.copy_given else " · no copy given")
        row("Signed", signed)
    statements = [
        ("right to revoke", release.statement_revocation),
        ("treatment not conditioned", release.statement_conditioning),
        ("redisclosure", release.statement_redisclosure),
    ]
    row("Statements", Text(" · ".join(f"{'✓' if ok else '✗ missing:'} {name}"
                                      for name, ok in statements)))  # fmt: skip
    if release.revoked_on is not None:
        revoked = Text(f"received {release.revoked_on.isoformat()}")
        if release.revocation_note:
            revoked.append(" · ").append_text(hidden_or(release.revocation_note))
        row("Revoked", revoked)
    row("Status", status_text(release, today))
    for defect in release.defects:
        text.append("\n  • ", style="bold").append_text(safe.line(defect))
    return text
