"""The small forms of the retention screen: keeping a client's records longer, placing
and lifting a legal hold, and recording an erasure request. Each keeps its draft in
the vault across a lock like the other record forms."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from screens.form_fields import RecordForm, choice, field
from vault.lifecycle.erasure import ErasureInput
from vault.lifecycle.holds import HOLD_KINDS, HOLD_LABELS


class RetentionForm(RecordForm):
    """The base of this module's forms (one style in screens.tcss)."""


class OverrideForm(RetentionForm):
    FORM_NAME = "retention_override"
    HEADING = "Keep the records longer"

    def rebuild(self) -> OverrideForm:
        return OverrideForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield Static("", id="rule-date", classes="form-note")
        yield from field("keep_until", "Keep until *", "YYYY-MM-DD", width="14")
        yield from field("reason", "Why *", "a longer period your insurer or the law asks for, …")

    def defaults(self) -> None:
        kept = self.vault.retention.for_client(self.client_id)
        self.query_one("#rule-date", Static).update(
            f"The rule gives {kept.rule_date.isoformat()}. Records can be kept longer than "
            "the rule, never shorter."
        )
        if kept.override_date is not None:
            self.set_text("keep_until", kept.override_date.isoformat())
            self.set_text("reason", kept.override_reason or "")

    def save(self) -> None:
        self.vault.retention.override(
            self.client_id, self.text("keep_until") or "", self.text("reason") or ""
        )
        self.finish(True)


class HoldForm(RetentionForm):
    FORM_NAME = "legal_hold"
    HEADING = "Place a legal hold"

    def rebuild(self) -> HoldForm:
        return HoldForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield Static(
            "While the hold stands, these records cannot be destroyed, whatever their date.",
            classes="form-note",
        )
        yield from choice("kind", "Why the records are held *",
                          [(HOLD_LABELS[kind], kind) for kind in HOLD_KINDS])  # fmt: skip
        yield from field("reason", "Details *", "case number, court, who complained, …")
        yield from field("placed_on", "Placed on *", "YYYY-MM-DD", width="14")

    def defaults(self) -> None:
        self.set_text("placed_on", self.qr_app.today().isoformat())

    def save(self) -> None:
        self.vault.retention.holds.place(
            self.client_id, self.picked("kind"), self.text("reason") or "",
            self.text("placed_on") or "",
        )  # fmt: skip
        self.finish(True)


class LiftHoldForm(RetentionForm):
    FORM_NAME = "lift_hold"
    HEADING = "Lift the legal hold"
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"lift_reason": "reason"}

    def __init__(self, hold_id: int, client_id: int) -> None:
        super().__init__(client_id, hold_id)

    def rebuild(self) -> LiftHoldForm:
        return LiftHoldForm(self.record_id, self.client_id)

    def fields(self) -> ComposeResult:
        yield Static("", id="hold", classes="form-note", markup=False)
        yield from field("lifted_on", "Lifted on *", "YYYY-MM-DD", width="14")
        yield from field("reason", "Why it is lifted *", "case closed, complaint withdrawn, …")

    def defaults(self) -> None:
        hold = self.vault.retention.holds.get(self.record_id)
        self.query_one("#hold", Static).update(f"Lifting {hold.sentence}.")
        self.set_text("lifted_on", self.qr_app.today().isoformat())

    def save(self) -> None:
        self.vault.retention.holds.lift(
            self.record_id, self.text("lifted_on") or "", self.text("reason") or ""
        )
        self.finish(True)


class ErasureForm(RetentionForm):
    """Records the request; the screen below answers it (refusal, or destruction after
    the typed confirmation). Returns the ErasureInput."""

    FORM_NAME = "erasure_request"
    HEADING = "Erasure request"

    def rebuild(self) -> ErasureForm:
        return ErasureForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield Static("", id="assessment", classes="form-note", markup=False)
        yield from field("received_on", "Received on *", "YYYY-MM-DD", width="14")
        yield from field("requested_by", "From whom *", "the client, their solicitor, …")
        yield from field("asked", "What they asked *", "erase all records, erase the notes, …")

    def defaults(self) -> None:
        self.set_text("received_on", self.qr_app.today().isoformat())
        reason = self.vault.retention.erasure.assess(self.client_id)
        self.query_one("#assessment", Static).update(
            f"It will be refused: {reason}"
            if reason
            else "The records need no longer be kept: saving asks you to confirm, then "
            "destroys them."
        )

    def save(self) -> None:
        data = ErasureInput(
            self.text("received_on") or "", self.text("requested_by") or "",
            self.text("asked") or "",
        )  # fmt: skip
        self.vault.retention.erasure.check(data)
        self.finish(data)
