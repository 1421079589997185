"""Audit entries in words a person reads: what happened, to what, and whose it was.

Entries store action codes and record ids only; the names shown beside them are
looked up when shown (`AuditQuery.client_names`), so the log itself never holds
one. The app shows full names (initials in privacy mode); `quietroom audit`
shows the client's id and initials, since its output is often saved or pasted
into a report, and `quietroom clients` maps an id back to the person.
"""

from __future__ import annotations

from datetime import datetime

from vault.records.display import clean_line

ACTION_LABELS = {
    "create_vault": "vault created",
    "unlock": "unlocked",
    "unlock_with_recovery_key": "unlocked with the recovery key",
    "open_client": "record opened",
    "create_client": "client added",
    "update_client": "client details changed",
    "discharge_client": "client discharged",
    "create_note": "note started",
    "sign_note": "note signed",
    "export": "exported",
    "disclosure": "disclosure logged",
    "passphrase_change": "passphrase changed",
    "backup": "backup made",
    "import": "imported",
    "delete_draft": "draft deleted",
    "rebuild_search_index": "search index rebuilt",
    "record_consent": "consent recorded",
    "revoke_consent": "consent revoked",
    "edit_consent_template": "consent template edited",
    "save_release": "release saved",
    "revoke_release": "release revoked",
    "release_event": "release's expiry event",
    "attach_file": "file attached",
    "export_attachment": "attachment exported",
    "access_copy": "client's own copy made",
    "print_form": "form printed",
    "export_refused": "export refused",
    "open_risk": "risk flag raised",
    "resolve_risk": "risk flag resolved",
    "record_instrument": "measure recorded",
    "save_safety_plan": "safety plan saved",
    "supervision_export": "disguised case written for supervision",
    "reopen_client": "re-opened as a new episode of care",
    "schedule_follow_up": "follow-up planned",
    "close_follow_up": "follow-up done or cancelled",
    "referral_letter": "referral letter written",
    "referral_sent": "referral letter sent",
}

SUBJECT_WORDS = {"safety_plan": "safety plan", "risk": "risk record"}


def action_label(action: str) -> str:
    """A readable name for an action; one added later without a label reads as its code."""
    return ACTION_LABELS.get(action) or clean_line(action).replace("_", " ")


def local_time(at: str) -> str:
    """The stored UTC instant as this computer's local date and time, to the minute."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return clean_line(at)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def describe(subject: str, client_id: int | None, names: dict[int, str]) -> str:
    """The subject as words: "note 12, client 3 (A.O.)"; `names` maps a client id to
    the name or initials to show (a client no longer in the vault has none)."""
    parts: list[str] = []
    kind, _, number = subject.partition(":")
    if subject and not (kind == "client" and number == str(client_id)):
        word = SUBJECT_WORDS.get(kind, kind)
        parts.append(clean_line(f"{word} {number}" if number else subject))
    if client_id is not None:
        name = names.get(client_id)
        parts.append(f"client {client_id}" + (f" ({clean_line(name)})" if name else ""))
    return ", ".join(parts) or "the vault"
