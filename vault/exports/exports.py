"""Exports and printable forms: the public functions the command line and the export
dialog call.

Each builds its document, then writes the file and its record together: the file is
staged beside its target, and renamed into place inside the transaction that writes
its audit entry (and, for an export under a release, its disclosure entry). A file
that could not be recorded never appears; a record whose file failed is rolled back.

A PDF is protected by default: the caller passes `new_password()` and shows it once;
`password=None` writes an unprotected file, which the caller has warned about.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from vault.consent.disclosures import append_disclosure
from vault.consent.models import Consent, DisclosureInput, TemplateVersion
from vault.errors import ReleaseNotValid, VaultError
from vault.exports.access_copy import build_access_copy
from vault.exports.accounting import (
    Accounting,
    accounting_as_text,
    accounting_pdf_document,
    make_accounting,
)
from vault.exports.files import check_target, stage_export
from vault.exports.forms import build_consent_form, build_release_form
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name
from vault.exports.release_export import build_release_export, recipient_line
from vault.keys.strength import suggested_passphrase
from vault.records.audit import append
from vault.storage.db import Connection

if TYPE_CHECKING:
    from vault.vault import Vault

PASSWORD_WORDS = 5  # ~64 bits from the EFF list: far beyond guessing, short to read out


@dataclass(frozen=True)
class ExportResult:
    path: Path
    password: str | None  # the generated password, None for an unprotected file
    pages: int
    disclosure_id: int | None  # the disclosure entry written, if any


def new_password() -> str:
    """Several words drawn at random, to protect one PDF; given to its recipient apart."""
    return suggested_passphrase(PASSWORD_WORDS)


def _write(
    vault: Vault, doc: PdfDocument, target: Path, password: str | None, what: str,
    record: Callable[[Connection, str], int | None],
) -> ExportResult:  # fmt: skip
    """Render, stage, then record and rename in one transaction."""
    staged = stage_export(target, doc.render(password))
    renamed = False
    try:
        with vault.store.writing(what) as conn:
            disclosure_id = record(conn, vault.store.utc_iso())
            staged.commit()
            renamed = True
    except BaseException:
        if renamed:  # the record did not commit: the file must not stay without it
            with contextlib.suppress(OSError):
                staged.target.unlink()
        else:
            staged.discard()
        raise
    return ExportResult(staged.target, password, doc.pages, disclosure_id)


def _audit(action: str, subject: str, detail: str = "") -> Callable[[Connection, str], None]:
    def record(conn: Connection, at: str) -> None:
        append(conn, at, action, subject, detail)

    return record


def export_access_copy(
    vault: Vault, client_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """The client's own copy of their record (164.524): audited, not a disclosure."""
    target = check_target(out, vault.layout.root)
    client = vault.clients.get(client_id, audit=False)
    doc = build_access_copy(
        vault.store, client, vault.consents.for_client(client_id), _today(vault)
    )
    record = _audit("access_copy", f"client:{client_id}")
    return _write(vault, doc, target, password, "the record of the client's copy", record)


def export_release(
    vault: Vault, release_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """What release `release_id` covers, for its recipient; refused unless it is valid
    today. Writes the disclosure entry and the audit entry with the file."""
    target = check_target(out, vault.layout.root)
    today = _today(vault)
    release = vault.releases.get(release_id, as_of=today)
    reason = vault.releases.covers(
        release, release.covered_items, (release.date_from, release.date_to)
    )
    if reason is not None:
        # The refusal is what the user must hear; an audit entry the disk cannot take
        # must not turn it into a different error.
        with contextlib.suppress(VaultError):
            vault.audit.record("export_refused", f"release:{release_id}", release.status)
        raise ReleaseNotValid(reason)
    client = vault.clients.get(release.client_id, audit=False)
    built = build_release_export(vault.store, client, release, today)
    recorded_by = vault.settings.signer

    def record(conn: Connection, at: str) -> int:
        entry = DisclosureInput(
            client_id=client.id,
            disclosed_at=vault.store.now_iso(),
            recipient=recipient_line(release),
            recipient_address=release.recipient_address,
            description=built.description,
            purpose=release.purpose,
            legal_basis="authorization",
            method="exported_file",
            release_id=release.id,
            source="export",
        )
        disclosure_id = append_disclosure(conn, entry, at, recorded_by, now=vault.store.clock())
        append(conn, at, "export", f"release:{release.id}", f"disclosure:{disclosure_id}")
        return disclosure_id

    return _write(vault, built.document, target, password, "the record of the export", record)


def _accounting(vault: Vault, client_id: int) -> Accounting:
    today = _today(vault)
    client = vault.clients.get(client_id, audit=False)
    entries = vault.disclosures.accounting(client_id, today)
    return make_accounting(client, practice_name(vault.store), entries, today)


def accounting_pdf(
    vault: Vault, client_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """The accounting of disclosures (164.528) as a PDF for the client."""
    target = check_target(out, vault.layout.root)
    doc = accounting_pdf_document(_accounting(vault, client_id))
    record = _audit("print_form", f"client:{client_id}", "accounting")
    return _write(vault, doc, target, password, "the record of the accounting", record)


def accounting_text(vault: Vault, client_id: int) -> str:
    """The accounting as plain text for a terminal (vault text already made inert)."""
    text = accounting_as_text(_accounting(vault, client_id))
    vault.audit.record("print_form", f"client:{client_id}", "accounting")
    return text


def consent_form_pdf(
    vault: Vault, client_id: int, out: Path, *, password: str | None,
    template_kind: str | None = None,
) -> ExportResult:  # fmt: skip
    """A consent form filled for the client, to sign on paper.

    Without `template_kind`: the client's latest current consent, drawn from the version
    it pinned (a copy of what they agreed to); with none, the newest informed consent
    (consent for a minor when the client is under the age set in the settings). With
    `template_kind`: the newest version of that template, to sign afresh."""
    target = check_target(out, vault.layout.root)
    today = _today(vault)
    client = vault.clients.get(client_id, audit=False)
    minor = client.age(today) < vault.settings.number("reconsent_age")
    consent: Consent | None = None
    version: TemplateVersion
    if template_kind is None:
        current = [c for c in vault.consents.for_client(client_id) if c.status == "current"]
        # The consent to therapy itself comes before a telehealth consent signed later.
        therapy = [c for c in current if c.template_kind != "telehealth"]
        consent = (therapy or current)[0] if current else None
    if consent is not None:
        version = vault.consent_templates.get(consent.template_version_id)
        minor = minor or consent.template_kind == "minor_consent"
    else:
        kind = template_kind or ("minor_consent" if minor else "informed_consent")
        version = vault.consent_templates.latest_of(kind)
        minor = kind == "minor_consent"
    settings = vault.settings
    doc = build_consent_form(
        client, version, consent, practice=practice_name(vault.store),
        clinician=settings.get("clinician_name"), jurisdiction=settings.get("jurisdiction"),
        minor=minor,
    )  # fmt: skip
    detail = f"consent_form:template_version:{version.id}"
    record = _audit("print_form", f"client:{client_id}", detail)
    return _write(vault, doc, target, password, "the record of the printed form", record)


def release_form_pdf(
    vault: Vault, release_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """A release of information to sign (or a copy of a signed one). Not a disclosure."""
    target = check_target(out, vault.layout.root)
    release = vault.releases.get(release_id, as_of=_today(vault))
    client = vault.clients.get(release.client_id, audit=False)
    doc = build_release_form(client, release, practice=practice_name(vault.store))
    record = _audit("print_form", f"release:{release_id}", "release_form")
    return _write(vault, doc, target, password, "the record of the printed form", record)


def _today(vault: Vault) -> date:
    return vault.store.today()
