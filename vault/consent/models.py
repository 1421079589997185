"""The paperwork of confidentiality: consent, releases of information, disclosures.

Plain records and the fixed vocabularies the services, forms, importer, exports
and CLI share. Names here are stored in the vault and used by `--json` output
and the import format, so they are a contract: add, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# -- consent ----------------------------------------------------------------------

TEMPLATE_KINDS = ("informed_consent", "telehealth", "minor_consent")
TEMPLATE_KIND_LABELS = {
    "informed_consent": "Informed consent for psychotherapy",
    "telehealth": "Consent to telehealth",
    "minor_consent": "Consent for a minor (guardian's consent, minor's assent)",
}

# The clause library of the limits of confidentiality (a consent names the ones it
# holds, so the record and the risk prompt can say what the client was told).
CLAUSES = (
    "self_harm", "threat_to_other", "abuse_neglect", "court_order", "minor_guardian_access",
    "written_authorization", "supervision_consultation", "ending_or_referral",
)  # fmt: skip
CLAUSE_LABELS = {
    "self_harm": "Danger to self",
    "threat_to_other": "Threat to an identifiable person",
    "abuse_neglect": "Abuse or neglect of a child, elder or dependent adult",
    "court_order": "Court orders and subpoenas",
    "minor_guardian_access": "Parents' and guardians' access (minors)",
    "written_authorization": "Release only with written authorization",
    "supervision_consultation": "Supervision and consultation, details disguised",
    "ending_or_referral": "Ending therapy or referral",
}

SIGNER_KINDS = ("client", "guardian")
SIGNATURE_METHODS = ("paper", "typed_in_person", "verbal")
SIGNATURE_METHOD_LABELS = {
    "paper": "Signed paper form on file",
    "typed_in_person": "Typed attestation, in person",
    "verbal": "Verbal, documented",
}
CONSENT_STATUSES = ("current", "superseded", "revoked")


@dataclass(frozen=True)
class TemplateVersion:
    """One version of a consent template; `sha256` is of `body` (UTF-8)."""

    id: int
    template_id: int
    kind: str
    title: str
    version: int
    body: str
    clauses: tuple[str, ...]
    material: bool  # this version changed what the client agrees to
    change_note: str
    sha256: str
    created_at: str
    in_use: bool  # pinned by a consent record, so an edit makes a new version


@dataclass
class ConsentInput:
    """What the consent form or an import supplies; strings are checked by the service."""

    template_version_id: int
    discussed_on: str | date
    discussed_by: str
    signer_kind: str = "client"  # or "guardian"
    signer_name: str = ""
    signer_authority: str | None = None  # required for a guardian: what gives them authority
    signature_method: str = "paper"
    signed_on: str | date | None = None  # None for a verbal consent: discussed_on is used
    copy_given: bool = False
    minor_assent: bool | None = None  # minor_consent only: did the minor assent
    note: str | None = None


@dataclass(frozen=True)
class Consent:
    id: int
    client_id: int
    template_version_id: int
    template_kind: str
    template_title: str
    version: int
    sha256: str
    clauses: tuple[str, ...]
    discussed_on: date
    discussed_by: str
    signer_kind: str
    signer_name: str
    signer_authority: str | None
    signature_method: str
    signed_on: date
    copy_given: bool
    minor_assent: bool | None
    note: str | None
    revoked_on: date | None
    revocation_method: str | None
    status: str  # computed: current, superseded or revoked
    attachments: int = 0


@dataclass(frozen=True)
class ConsentMarker:
    """What the client list and record header show about consent, computed for today."""

    client_id: int
    has_current: bool
    reconsent_reasons: tuple[str, ...] = ()  # one plain sentence each; empty when none due

    @property
    def reconsent_due(self) -> bool:
        return bool(self.reconsent_reasons)


# -- releases of information ------------------------------------------------------

SCOPE_ITEMS = (
    "dates_of_service", "durations", "fees_payments", "attendance", "diagnosis",
    "treatment_plan", "treatment_summary", "progress_notes", "assessments",
    "psychotherapy_notes",
)  # fmt: skip
SCOPE_LABELS = {
    "dates_of_service": "Dates of service",
    "durations": "Session durations",
    "fees_payments": "Fees and payments",
    "attendance": "Attendance",
    "diagnosis": "Diagnosis",
    "treatment_plan": "Treatment plan",
    "treatment_summary": "Treatment summary",
    "progress_notes": "Progress notes",
    "assessments": "Assessments (PHQ-9, GAD-7)",
    "psychotherapy_notes": "Psychotherapy notes (only on a release of their own)",
}
# Presets fill the checklist; `dates_and_fees_only` is also a scope name of its own
# in `--json` output and the import format (seed 001: an insurer sees dates and fees).
PRESETS = {
    "dates_and_fees_only": ("dates_of_service", "durations", "fees_payments"),
    "treatment_summary": ("dates_of_service", "attendance", "treatment_summary"),
    "diagnosis": ("diagnosis",),
    "progress_notes": ("dates_of_service", "attendance", "progress_notes"),
    "assessments": ("assessments",),
    "psychotherapy_notes": ("psychotherapy_notes",),
}
PRESET_LABELS = {
    "dates_and_fees_only": "Dates and fees only",
    "treatment_summary": "Treatment summary",
    "diagnosis": "Diagnosis",
    "progress_notes": "Progress notes",
    "assessments": "Assessments",
    "psychotherapy_notes": "Psychotherapy notes",
}
RELEASE_STATUSES = ("draft", "valid", "expired", "revoked", "defective")


@dataclass
class ReleaseInput:
    """Every element of 45 CFR 164.508(c); a release is a draft until `signed_on` is set."""

    recipient_name: str
    recipient_org: str | None = None
    recipient_role: str | None = None
    recipient_address: str | None = None
    discloser: str = ""  # empty: the practice (settings) is used
    scope: list[str] = field(default_factory=list)  # SCOPE_ITEMS and/or "dates_and_fees_only"
    scope_detail: str | None = None  # free text, "specific and meaningful"
    date_from: str | date | None = None
    date_to: str | date | None = None
    purpose: str = ""
    expires_on: str | date | None = None
    expiry_event: str | None = None  # an expiry event instead of (or as well as) a date
    signed_by: str | None = None
    signer_authority: str | None = None  # a representative's authority, when not the client
    signed_on: str | date | None = None
    signature_method: str | None = None  # SIGNATURE_METHODS
    statement_revocation: bool = True  # right to revoke in writing, and how
    statement_conditioning: bool = True  # treatment not conditioned on signing
    statement_redisclosure: bool = True  # recipient may redisclose; no longer protected
    copy_given: bool = False


@dataclass(frozen=True)
class Release:
    id: int
    client_id: int
    recipient_name: str
    recipient_org: str | None
    recipient_role: str | None
    recipient_address: str | None
    discloser: str
    scope: tuple[str, ...]  # stored items; "dates_and_fees_only" stays a name of its own
    scope_detail: str | None
    date_from: date | None
    date_to: date | None
    purpose: str
    expires_on: date | None
    expiry_event: str | None
    event_occurred_on: date | None
    signed_by: str | None
    signer_authority: str | None
    signed_on: date | None
    signature_method: str | None
    statement_revocation: bool
    statement_conditioning: bool
    statement_redisclosure: bool
    copy_given: bool
    revoked_on: date | None  # the day the written revocation was received
    revocation_note: str | None
    created_at: str
    status: str  # computed for `as_of`: draft, valid, expired, revoked or defective
    defects: tuple[str, ...]  # computed: one plain sentence per missing element
    expiring_soon: bool  # computed: valid, and expires within the settings' warning days
    attachments: int = 0

    @property
    def is_psychotherapy_notes(self) -> bool:
        return "psychotherapy_notes" in self.scope

    @property
    def covered_items(self) -> frozenset[str]:
        """The scope with presets expanded to their items."""
        items: set[str] = set()
        for name in self.scope:
            items.update(PRESETS[name] if name == "dates_and_fees_only" else (name,))
        return frozenset(items)


# -- disclosures ------------------------------------------------------------------

LEGAL_BASES = (
    "authorization", "serious_threat", "mandated_report", "court_order", "guardian_access",
    "emergency", "treatment", "payment", "operations", "to_client", "required_by_law",
)  # fmt: skip
LEGAL_BASIS_LABELS = {
    "authorization": "The client's written authorization (a release)",
    "serious_threat": "A serious threat to health or safety",
    "mandated_report": "A mandated report (abuse or neglect)",
    "court_order": "A court order",
    "guardian_access": "A parent's or guardian's access to a minor's record",
    "emergency": "An emergency",
    "treatment": "Treatment",
    "payment": "Payment",
    "operations": "Health care operations",
    "to_client": "To the client",
    "required_by_law": "Otherwise required by law",
}
# 45 CFR 164.528(a)(1): these never appear in the accounting of disclosures.
EXEMPT_BASES = frozenset(
    {"authorization", "treatment", "payment", "operations", "to_client", "guardian_access"}
)
DISCLOSURE_METHODS = ("printed", "exported_file", "phone", "in_person", "mail", "fax", "email")
DISCLOSURE_SOURCES = ("export", "manual", "risk")
ACCOUNTING_YEARS = 6


@dataclass
class DisclosureInput:
    client_id: int
    disclosed_at: str  # local ISO date or date-time
    recipient: str
    description: str
    purpose: str
    legal_basis: str
    method: str
    recipient_address: str | None = None
    release_id: int | None = None  # required when legal_basis is "authorization"
    client_told: bool | None = None  # None: not yet decided
    client_told_note: str | None = None  # when and how, or why not
    person_spoken_to: str | None = None
    reference: str | None = None  # a report or case number
    source: str = "manual"


@dataclass(frozen=True)
class Disclosure:
    id: int
    client_id: int
    disclosed_at: str
    recipient: str
    recipient_address: str | None
    description: str
    purpose: str
    legal_basis: str
    release_id: int | None
    method: str
    client_told: bool | None
    client_told_note: str | None
    person_spoken_to: str | None
    reference: str | None
    source: str
    accountable: bool
    recorded_at: str
    recorded_by: str
    prev_hash: str
    hash: str


# -- attachments ------------------------------------------------------------------

ATTACHMENT_OWNERS = ("consent", "release")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    id: int
    owner_kind: str
    owner_id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: str
