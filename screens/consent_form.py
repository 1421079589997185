"""Recording a client's consent: which template version was discussed, when and by
whom, who signed and how. The chosen version's limits of confidentiality are shown,
so the clinician sees what the client was told. Returns the new consent's id."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from screens.form_fields import RecordForm, choice, field, options_of, row, tick
from vault.consent.models import (
    CLAUSE_LABELS,
    SIGNATURE_METHOD_LABELS,
    SIGNATURE_METHODS,
    TEMPLATE_KIND_LABELS,
    ConsentInput,
    TemplateVersion,
)
from vault.errors import InvalidRecord

CLIENT_SIGNS = "client"
SOMEONE_ELSE = "other_guardian"
NO_LIMITS = "This version names no limits of confidentiality."


class ConsentForm(RecordForm):
    FORM_NAME = "consent"
    HEADING = "Record a consent"
    FIELD_ALIASES = {"signer_kind": "signer"}

    def __init__(self, client_id: int) -> None:
        super().__init__(client_id)
        self._versions: dict[int, TemplateVersion] = {}
        self._guardians: dict[str, tuple[str, str | None]] = {}  # option value: name, relation
        self._minor = False

    def rebuild(self) -> ConsentForm:
        return ConsentForm(self.client_id)

    def fields(self) -> ComposeResult:
        yield from choice("template_version_id", "Consent form *", [], blank=True)
        yield Static("", id="clauses", classes="form-note")
        yield from row(field("discussed_on", "Discussed on *", "YYYY-MM-DD"),
                       field("discussed_by", "Discussed by *", "your name"))  # fmt: skip
        yield from row(choice("signer", "Signed by *", [], blank=True),
                       field("signer_name", "Signer's name *"))  # fmt: skip
        yield from field("signer_authority", "Their authority to sign for the client *",
                         "parent, legal guardian by court order, …")  # fmt: skip
        methods = [(SIGNATURE_METHOD_LABELS[m], m) for m in SIGNATURE_METHODS]
        yield from row(choice("signature_method", "How it was signed *", methods),
                       field("signed_on", "Signed on", "YYYY-MM-DD (verbal: optional)"))  # fmt: skip
        yield from tick("copy_given", "A copy was given to the signer")
        yield from tick("minor_assent", "The minor assented")
        yield from field("note", "Note", "optional")

    def defaults(self) -> None:
        vault, today = self.vault, self.qr_app.today()
        client = vault.clients.get(self.client_id, audit=False)
        self._minor = client.is_minor(today)
        versions = vault.consent_templates.latest()
        if self._minor:  # a minor's consent is the one asked for first
            versions.sort(key=lambda v: v.kind != "minor_consent")
        self._versions = {v.id: v for v in versions}
        template = self.query_one("#template_version_id", Select)
        template.set_options(options_of(
            (f"{TEMPLATE_KIND_LABELS.get(v.kind, v.title)} (version {v.version})", v.id)
            for v in versions
        ))  # fmt: skip
        if versions:
            template.value = versions[0].id
        options = [("The client", CLIENT_SIGNS)]
        for guardian in client.guardians:
            key = f"guardian_{guardian.id}"
            self._guardians[key] = (guardian.name, guardian.relationship)
            relation = f" ({guardian.relationship})" if guardian.relationship else ""
            options.append((f"Guardian: {guardian.name}{relation}", key))
        options.append(("Another guardian or representative (type the name)", SOMEONE_ELSE))
        signer = self.query_one("#signer", Select)
        signer.set_options(options_of(options))
        signer.value = next(iter(self._guardians), CLIENT_SIGNS) if self._minor else CLIENT_SIGNS
        self._apply_signer()
        self.set_text("discussed_on", today.isoformat())
        self.set_text("signed_on", today.isoformat())
        if vault.settings.has_signer:
            self.set_text("discussed_by", vault.settings.signer)
        self._show_template()

    # -- what depends on the choices ------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "template_version_id":
            self._show_template()
        elif event.select.id == "signer":
            self._apply_signer()

    def after_fill(self) -> None:
        self._show_template()

    def _show_template(self) -> None:
        version = self._versions.get(self.picked("template_version_id") or 0)
        is_minor_form = version is not None and version.kind == "minor_consent"
        self.query_one("#minor_assent-box").display = is_minor_form
        if version is None:
            text = ""
        elif version.clauses:
            limits = "; ".join(CLAUSE_LABELS.get(c, c) for c in version.clauses)
            text = f"Limits this consent names: {limits}."
        else:
            text = NO_LIMITS
        self.query_one("#clauses", Static).update(Text(text))

    def _apply_signer(self) -> None:
        signer = self.picked("signer") or CLIENT_SIGNS
        name_box = self.query_one("#signer_name", Input)
        if signer == CLIENT_SIGNS:
            name_box.value = self._client_name
        elif signer in self._guardians:
            name_box.value = self._guardians[signer][0]
        elif name_box.value == self._client_name or name_box.value in {
            name for name, _ in self._guardians.values()
        }:
            name_box.value = ""  # someone else: their name is typed
        self.query_one("#signer_authority-box").display = signer != CLIENT_SIGNS

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        version_id = self.picked("template_version_id")
        if version_id is None:
            raise InvalidRecord("Choose the consent form that was discussed.",
                                "template_version_id")  # fmt: skip
        version = self._versions.get(version_id)
        signer = self.picked("signer") or CLIENT_SIGNS
        data = ConsentInput(
            template_version_id=version_id,
            discussed_on=self.text("discussed_on") or "",
            discussed_by=self.text("discussed_by") or "",
            signer_kind="client" if signer == CLIENT_SIGNS else "guardian",
            signer_name=self.text("signer_name") or "",
            signer_authority=None if signer == CLIENT_SIGNS else self.text("signer_authority"),
            signature_method=self.picked("signature_method") or "",
            signed_on=self.text("signed_on"),
            copy_given=self.ticked("copy_given"),
            minor_assent=(
                self.ticked("minor_assent")
                if version is not None and version.kind == "minor_consent"
                else None
            ),
            note=self.text("note"),
        )
        consent = self.vault.consents.record(self.client_id, data)
        self.finish(consent.id)
