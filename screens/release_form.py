"""A release of information (an authorization under 45 CFR 164.508): who receives what,
why, until when, and who signed. Without a signature it is kept as a draft, with what
is still missing listed; a signed one can no longer be changed. Returns the release id."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, SelectionList, Static

from screens.confirm import ConfirmScreen
from screens.form_fields import RecordForm, choice, field, row, tick
from vault.consent.models import (
    PRESET_LABELS,
    PRESETS,
    SCOPE_ITEMS,
    SCOPE_LABELS,
    SIGNATURE_METHOD_LABELS,
    SIGNATURE_METHODS,
    Release,
    ReleaseInput,
)
from vault.consent.release_status import release_defects
from vault.consent.releases import validated_release
from vault.errors import InvalidRecord, VaultError

DATES_AND_FEES = "dates_and_fees_only"
PSYCHOTHERAPY_NOTES = "psychotherapy_notes"
NOTES_ALONE = (
    "Psychotherapy notes can only be released on a release of their own: untick the "
    "other items, and write a second release for them."
)
DATES_AND_FEES_ALONE = (
    '"Dates and fees only" means nothing else: untick the other items, or untick it.'
)
DATES_AND_FEES_LABEL = "Dates and fees only (dates, durations, fees; nothing else)"
STATEMENTS = (
    ("statement_revocation", "It says the client may revoke it in writing, and how"),
    ("statement_conditioning", "It says treatment does not depend on signing it"),
    ("statement_redisclosure", "It says the recipient may pass it on, unprotected"),
)


class ReleaseForm(RecordForm):
    FORM_NAME = "release"
    HEADING = "Release of information"
    FIELD_ALIASES = {"statement": "statement_revocation"}

    def __init__(self, client_id: int, release_id: int | None = None) -> None:
        super().__init__(client_id, release_id or 0)
        self.release_id = release_id  # set once a first save has made the draft

    def rebuild(self) -> ReleaseForm:
        return ReleaseForm(self.client_id, self.release_id if self.record_id else None)

    def fields(self) -> ComposeResult:
        yield Static("", id="missing", classes="form-note")
        yield from row(field("recipient_name", "Recipient's name *"),
                       field("recipient_org", "Organisation"))  # fmt: skip
        yield from row(field("recipient_role", "Their role"),
                       field("recipient_address", "Address"))  # fmt: skip
        yield from field("purpose", "Purpose *", "at the client's request, insurance claim, …")
        presets = [(PRESET_LABELS[name], name) for name in PRESETS]
        yield from choice("preset", "Fill the checklist from a preset", presets,
                          blank=True, prompt="(none)")  # fmt: skip
        yield Static("What may be released *", classes="form-label")
        items = [(DATES_AND_FEES_LABEL, DATES_AND_FEES)]
        items += [(SCOPE_LABELS[item], item) for item in SCOPE_ITEMS]
        yield SelectionList[str](*items, id="scope", compact=True)
        yield Static("", id="scope-error", classes="field-error")
        yield from field("scope_detail", "Details of what", "e.g. the letter of 2026-03-02")
        yield from row(field("date_from", "Records from", "YYYY-MM-DD"),
                       field("date_to", "Records to", "YYYY-MM-DD"))  # fmt: skip
        yield from row(field("expires_on", "Expires on", "YYYY-MM-DD"),
                       field("expiry_event", "or when", "end of the court case"))  # fmt: skip
        yield from row(field("signed_by", "Signed by", "blank: not signed yet"),
                       field("signer_authority", "Authority (if not the client)"))  # fmt: skip
        methods = [(SIGNATURE_METHOD_LABELS[m], m) for m in SIGNATURE_METHODS]
        yield from row(field("signed_on", "Signed on", "blank: a draft"),
                       choice("signature_method", "How it was signed", methods,
                              blank=True, prompt="(not signed)"))  # fmt: skip
        for name, label in STATEMENTS:
            yield from tick(name, label, True)
        yield from tick("copy_given", "A copy was given to the client")

    def hint_text(self) -> str:
        return "ctrl+s saves (unsigned: a draft) · Tab moves · Escape cancels"

    def defaults(self) -> None:
        missing = self.query_one("#missing", Static)
        missing.display = False
        if self.release_id is None:
            return
        release = self.vault.releases.get(self.release_id)
        self.fill(_values_of(release))
        if release.status == "draft" and release.defects:
            missing.update(Text("Still missing: " + " ".join(release.defects)))
            missing.display = True
        if release.signed_on is not None:
            self.show_form_error(
                "A signed release cannot be changed; revoke it and write a new one."
            )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "preset" and isinstance(event.value, str):
            checklist = self.query_one("#scope", SelectionList)
            checklist.deselect_all()
            for item in (
                (DATES_AND_FEES,) if event.value == DATES_AND_FEES else PRESETS[event.value]
            ):
                checklist.select(item)

    # -- saving ---------------------------------------------------------------------------

    def release_input(self) -> ReleaseInput:
        scope = list(self.query_one("#scope", SelectionList).selected)
        if PSYCHOTHERAPY_NOTES in scope and len(scope) > 1:
            raise InvalidRecord(NOTES_ALONE, "scope")
        if DATES_AND_FEES in scope and len(scope) > 1:
            raise InvalidRecord(DATES_AND_FEES_ALONE, "scope")
        return ReleaseInput(
            recipient_name=self.text("recipient_name") or "",
            recipient_org=self.text("recipient_org"),
            recipient_role=self.text("recipient_role"),
            recipient_address=self.text("recipient_address"),
            scope=scope,
            scope_detail=self.text("scope_detail"),
            date_from=self.text("date_from"),
            date_to=self.text("date_to"),
            purpose=self.text("purpose") or "",
            expires_on=self.text("expires_on"),
            expiry_event=self.text("expiry_event"),
            signed_by=self.text("signed_by"),
            signer_authority=self.text("signer_authority"),
            signed_on=self.text("signed_on"),
            signature_method=self.picked("signature_method"),
            statement_revocation=self.ticked("statement_revocation"),
            statement_conditioning=self.ticked("statement_conditioning"),
            statement_redisclosure=self.ticked("statement_redisclosure"),
            copy_given=self.ticked("copy_given"),
        )

    def save(self) -> None:
        data = self.release_input()
        if data.signed_on is None:
            release = self._store(data)
            missing = " ".join(release.defects)
            self.notify(f"Saved as a draft. Still missing: {missing}" if missing
                        else "Saved as a draft: sign it to make it valid.",
                        title="Draft release", markup=False, timeout=12)  # fmt: skip
            self.finish(release.id)
            return
        # Signed, it can never change again: its defects are named before it is stored.
        values = validated_release(data, self.vault.store.today())  # bad dates refused first
        values["scope"] = tuple(data.scope)
        defects = release_defects(values, self._client_names())
        if not defects:
            self._sign(data)
            return
        question = "This release is missing: " + " ".join(defects) + " Sign it anyway?"

        def answer(sign: bool | None) -> None:
            if sign:
                self._sign(data)
            else:
                self.show_form_error("Not saved yet. " + " ".join(defects))

        self.app.push_screen(ConfirmScreen("Defective release", question, "Sign"), answer)

    def _client_names(self) -> list[str]:
        client = self.vault.clients.get(self.client_id, audit=False)
        names = [f"{client.first_name} {client.last_name}"]
        return names + ([client.display_name] if client.preferred_name else [])

    def _store(self, data: ReleaseInput) -> Release:
        release = self.vault.releases.save(self.client_id, data, self.release_id)
        self.release_id = release.id
        return release

    def _sign(self, data: ReleaseInput) -> None:
        try:
            release = self._store(data)
        except InvalidRecord as error:
            self.show_field_error(error.field, error.message)
            return
        except VaultError as error:
            self.show_form_error(error.message)
            return
        if release.status == "defective":
            self.notify("Signed, but defective: " + " ".join(release.defects),
                        title="Release", severity="warning", markup=False, timeout=12)  # fmt: skip
        self.finish(release.id)


def _values_of(release: Release) -> dict[str, object]:
    def day(value: object) -> str:
        return value.isoformat() if hasattr(value, "isoformat") else ""

    return {
        "recipient_name": release.recipient_name,
        "recipient_org": release.recipient_org or "",
        "recipient_role": release.recipient_role or "",
        "recipient_address": release.recipient_address or "",
        "purpose": release.purpose,
        "scope": list(release.scope),
        "scope_detail": release.scope_detail or "",
        "date_from": day(release.date_from),
        "date_to": day(release.date_to),
        "expires_on": day(release.expires_on),
        "expiry_event": release.expiry_event or "",
        "signed_by": release.signed_by or "",
        "signer_authority": release.signer_authority or "",
        "signed_on": day(release.signed_on),
        "signature_method": release.signature_method,
        "statement_revocation": release.statement_revocation,
        "statement_conditioning": release.statement_conditioning,
        "statement_redisclosure": release.statement_redisclosure,
        "copy_given": release.copy_given,
    }
