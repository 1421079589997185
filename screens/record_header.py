"""The top of a client's record: who they are, and the state of their paperwork at a
glance (a current consent and the limits it named, re-consent due, a release about
to expire). Everything from the vault goes through screens/safe.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from screens import safe
from vault.consent.models import CLAUSE_LABELS, Consent, ConsentMarker, Release
from vault.lifecycle.follow_ups import FollowUp
from vault.records.models import Client, initials

STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged"}
WARNING = "bold black on yellow"
# Short names, so the header can say which consent at a glance; the view has the title.
KIND_SHORT = {
    "informed_consent": "Informed consent", "telehealth": "Telehealth consent",
    "minor_consent": "Consent for a minor",
}  # fmt: skip


def consent_name(consent: Consent) -> str:
    return f"{KIND_SHORT.get(consent.template_kind, consent.template_title)} v{consent.version}"


def client_header(client: Client, today: date, *, privacy: bool) -> Text:
    """The essentials a clinician checks before anything else, as safe Text."""
    header = Text()
    header.append_text(safe.line(client.initials if privacy else client.display_name, "bold"))
    if client.pronouns:
        header.append(" · ").append_text(safe.line(client.pronouns))
    header.append(f" · {client.age(today)} years")
    if client.is_minor(today):
        header.append("  ").append(" MINOR ", style="bold reverse")
    status = STATUS_LABELS.get(client.status, client.status)
    header.append(f" · {status}", style="bold" if client.status == "discharged" else "")
    if client.intake_date:
        header.append(f" · intake {client.intake_date.isoformat()}", style="dim")
    for guardian in client.guardians:
        header.append("\nGuardian: ")
        name = initials(*guardian.name.split()) if privacy else guardian.name
        header.append_text(safe.line(name))
        if guardian.relationship:
            header.append(" (").append_text(safe.line(guardian.relationship)).append(")")
        if guardian.can_access_records:
            header.append(" — can access records")
        else:
            header.append(" — no access to records", style="bold")
        contact = [part for part in (guardian.phone, guardian.email) if part]
        if contact and not privacy:
            header.append(" · ").append_text(safe.line(" · ".join(contact)))
    if client.status == "discharged":
        header.append(f"\nDischarged {client.discharge_date or ''}: ", style="bold")
        if privacy:
            header.append_text(safe.HIDDEN)
        else:
            header.append_text(safe.line(client.discharge_reason))
            if client.referral:
                header.append(" · referred to ").append_text(safe.line(client.referral))
    header.append("\n")
    if privacy:
        header.append("Contact details hidden (privacy mode)", style="dim italic")
    else:
        contact = [part for part in (client.phone, client.email) if part]
        header.append("Contact: ", style="dim").append_text(safe.line(" · ".join(contact) or "—"))
        if client.emergency_name:
            header.append("   Emergency: ", style="dim")
            header.append_text(safe.line(client.emergency_name))
            if client.emergency_relationship:
                header.append(" (").append_text(safe.line(client.emergency_relationship))
                header.append(")")
            if client.emergency_phone:
                header.append(" ").append_text(safe.line(client.emergency_phone))
    return header


def recipient_name(name: str, *, privacy: bool) -> str:
    """A recipient (a person or an organisation) as shown: initials in privacy mode."""
    return initials(*name.split()) if privacy else name


def paperwork_lines(
    consents: Sequence[Consent], marker: ConsentMarker, releases: Sequence[Release], today: date,
    *, privacy: bool,
) -> Text:  # fmt: skip
    """One line each (cut short on a narrow screen, see screens.tcss): the consent (or
    MISSING), re-consent due, releases about to expire.
    The limits of confidentiality are shown in privacy mode too: they say nothing about
    who the client is, and they are what the clinician must keep in mind."""
    text = Text()
    current = next((c for c in consents if c.status == "current"), None)
    if current is None:
        text.append("Consent: ").append(" MISSING ", style=WARNING)
        revoked = next((c for c in consents if c.status == "revoked"), None)
        if revoked is not None and revoked.revoked_on is not None:
            text.append(f" — the last one was revoked on {revoked.revoked_on.isoformat()}")
    else:
        text.append("Consent: ").append("current", style="bold")
        text.append(" — ").append_text(safe.line(consent_name(current)))
        text.append(f", signed {current.signed_on.isoformat()}")
        limits = [CLAUSE_LABELS.get(clause, clause) for clause in current.clauses]
        text.append("\nLimits named: ", style="bold").append(", ".join(limits) or "none")
    for reason in marker.reconsent_reasons:
        text.append("\n").append("Re-consent due:", style=WARNING).append(" ")
        text.append_text(safe.line(reason))
    for release in releases:
        if release.expiring_soon:
            text.append("\nRelease to ").append_text(
                safe.line(recipient_name(release.recipient_name, privacy=privacy))
            )
            text.append_text(safe.line(f" {expiry_phrase(release, today)}", "bold"))
    return text


def expiry_phrase(release: Release, today: date) -> str:
    """'expires 2026-12-01 (in 11 days)', 'expires 2026-11-20 (today)', 'expired 2025-12-31'."""
    if release.expires_on is None:
        if not release.expiry_event:
            return "no expiry date or event is given"
        return f"ends on an event: {release.expiry_event}"
    days = (release.expires_on - today).days
    if days < 0:
        return f"expired {release.expires_on.isoformat()}"
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    return f"expires {release.expires_on.isoformat()} ({when})"


def follow_up_lines(due: Sequence[FollowUp], today: date) -> Text:
    """One line per follow-up contact that is due (issue 9), starting on a new line."""
    text = Text()
    for follow_up in due:
        days = (today - follow_up.due_on).days
        when = "today" if days == 0 else f"since {follow_up.due_on.isoformat()}"
        text.append("\n").append("Follow-up due:", style=WARNING).append(f" {when} · ")
        text.append_text(safe.line(follow_up.purpose))
    return text
