"""Referral letters written when therapy ends: what the clinician chose to share with
the clinician or service the client is referred to, kept so the letter can be printed
again and marked sent. Marking it sent writes the disclosure entry.

Minimum necessary: a letter holds only the summary fields the clinician fills in and
the episode's dates; never a note, and never psychotherapy notes. It goes under a
release that covers a treatment summary when the client signed one, else under the
treatment exception with the client's agreement (both exempt from the accounting).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from vault.consent.disclosures import append_disclosure
from vault.consent.models import DISCLOSURE_METHODS, DisclosureInput
from vault.consent.releases import ReleaseService
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.records.settings import Settings
from vault.storage.store import Store

# (field, heading in the letter, label in the form); the reason is the one required.
SECTIONS = (
    ("reason", "Why I am referring", "Why you are referring *"),
    ("summary", "What our work covered", "What therapy covered"),
    ("current", "How things stand now", "How things stand now"),
    ("risk", "Risk", "Risk at the end of therapy"),
    ("recommendations", "What I suggest", "What you suggest"),
)
MAX_SECTION = 2000
PURPOSE = "Continuity of care: referral for further treatment"
NEEDS_AGREEMENT = (
    "Tick that the client agreed to this letter, or choose a release of theirs that "
    "covers a treatment summary."
)


@dataclass
class ReferralInput:
    recipient: str
    recipient_address: str | None = None
    release_id: int | None = None
    client_agreed: bool = False
    sections: dict[str, str] | None = None  # keyed by SECTIONS' field names


@dataclass(frozen=True)
class ReferralLetter:
    id: int
    client_id: int
    episode: int | None
    recipient: str
    recipient_address: str | None
    release_id: int | None
    sections: dict[str, str]
    written_on: date
    sent_on: date | None
    disclosure_id: int | None

    @property
    def legal_basis(self) -> str:
        return "authorization" if self.release_id is not None else "treatment"

    def shared(self) -> str:
        """What the letter shares, in words, for the disclosure log."""
        parts = [heading.lower() for name, heading, _label in SECTIONS if self.sections.get(name)]
        return "Referral letter: " + ", ".join(["dates of the episode of care", *parts]) + "."


COLUMNS = (
    "id, client_id, episode, recipient, recipient_address, release_id, content, written_on,"
    " sent_on, disclosure_id"
)


def _letter(row: tuple[Any, ...]) -> ReferralLetter:
    lid, cid, episode, recipient, address, release_id, content, written, sent, disclosure = row
    return ReferralLetter(lid, cid, episode, recipient, address, release_id, json.loads(content),
                          date.fromisoformat(written), date.fromisoformat(sent) if sent else None,
                          disclosure)  # fmt: skip


class ReferralLetters:
    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._releases = ReleaseService(store)

    def validated(self, client_id: int, data: ReferralInput) -> dict[str, Any]:
        values: dict[str, Any] = {
            "recipient": v.required_text(data.recipient, "recipient", "Who it is for", v.MAX_NAME),
            "recipient_address": v.optional_text(
                data.recipient_address, "recipient_address", "Their address"
            ),
        }
        given = data.sections or {}
        sections: dict[str, str] = {}
        for name, _heading, label in SECTIONS:
            text = v.optional_text(given.get(name), name, label.rstrip(" *"), MAX_SECTION)
            if text:
                sections[name] = text
        if "reason" not in sections:
            raise InvalidRecord("Say why you are referring; the letter starts there.", "reason")
        values["content"] = json.dumps(sections, ensure_ascii=False)
        if data.release_id is not None:
            release = self._releases.get(data.release_id, as_of=self._store.today())
            if release.client_id != client_id:
                raise InvalidRecord("Choose one of this client's releases.", "release_id")
            reason = self._releases.covers(release, ["treatment_summary"])
            if reason is not None:
                raise InvalidRecord(reason, "release_id")
        elif not data.client_agreed:
            raise InvalidRecord(NEEDS_AGREEMENT, "client_agreed")
        values["release_id"] = data.release_id
        return values

    def write(self, client_id: int, data: ReferralInput) -> ReferralLetter:
        """Keep a new letter (not yet printed or sent); its id for printing."""
        values = self.validated(client_id, data)
        with self._store.writing("the referral letter") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            episode = conn.execute(
                "SELECT max(number) FROM episodes WHERE client_id = ?", (client_id,)
            ).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO referral_letters (client_id, episode, recipient, recipient_address,"
                " release_id, content, written_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (client_id, episode, values["recipient"], values["recipient_address"],
                 values["release_id"], values["content"], self._store.today().isoformat()),
            )  # fmt: skip
            letter_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "referral_letter", f"client:{client_id}",
                   f"referral_letter:{letter_id}")  # fmt: skip
        return self.get(letter_id)

    def get(self, letter_id: int) -> ReferralLetter:
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {COLUMNS} FROM referral_letters WHERE id = ?", (letter_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound("That referral letter no longer exists.")
        return _letter(tuple(row))

    def for_client(self, client_id: int) -> list[ReferralLetter]:
        """Newest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM referral_letters WHERE client_id = ? ORDER BY id DESC",
                (client_id,),
            ).fetchall()
        return [_letter(tuple(row)) for row in rows]

    def mark_sent(self, letter_id: int, method: str = "mail",
                  sent_on: str | date | None = None) -> ReferralLetter:  # fmt: skip
        """The letter went out: its disclosure entry, written once."""
        letter = self.get(letter_id)
        if letter.sent_on is not None:
            raise InvalidRecord(
                f"This letter was already marked sent on {letter.sent_on.isoformat()}.", "sent_on"
            )
        how = v.choice(method, DISCLOSURE_METHODS, "method", "How it was sent")
        today = self._store.today()
        day = today if sent_on is None else v.parse_date(sent_on, "sent_on", "Sent on")
        if day > today:
            raise InvalidRecord("Sent on cannot be in the future.", "sent_on")
        if day < letter.written_on:
            raise InvalidRecord(
                f"Sent on cannot be before the letter was written ({letter.written_on}).",
                "sent_on",
            )
        entry = DisclosureInput(
            client_id=letter.client_id, disclosed_at=day.isoformat(), recipient=letter.recipient,
            recipient_address=letter.recipient_address, description=letter.shared(),
            purpose=PURPOSE, legal_basis=letter.legal_basis, method=how,
            release_id=letter.release_id, client_told=True,
            client_told_note="The client agreed to the referral letter." if
            letter.release_id is None else None, source="export",
        )  # fmt: skip
        at = self._store.utc_iso()
        with self._store.writing("the disclosure entry") as conn:
            disclosure_id = append_disclosure(conn, entry, at, self._settings.signer,
                                              now=self._store.clock())  # fmt: skip
            conn.execute(
                "UPDATE referral_letters SET sent_on = ?, disclosure_id = ? WHERE id = ?",
                (day.isoformat(), disclosure_id, letter_id),
            )
            append(conn, at, "referral_sent", f"client:{letter.client_id}",
                   f"referral_letter:{letter_id}:disclosure:{disclosure_id}")  # fmt: skip
        return self.get(letter_id)
