"""Practice settings: a small key/value table inside the vault."""

from __future__ import annotations

from vault.errors import InvalidRecord
from vault.records import validation as v
from vault.storage.store import Store

DEFAULTS = {
    "clinician_name": "",
    "credentials": "",
    "practice_name": "",
    "jurisdiction": "",
    "auto_lock_minutes": "5",
    # Consent and releases (issue 7): when re-consent is asked for, and how early a
    # release about to expire is marked.
    "reconsent_review_months": "12",
    "reconsent_age": "18",
    "release_warning_days": "30",
    # Backups and the records custodian (issue 9, part B): where dated backups go, how
    # many are kept, when the client list reminds; who looks after the records if the
    # clinician cannot.
    "backup_folder": "",
    "backup_keep": "7",
    "backup_reminder_days": "7",
    "custodian_name": "",
    "custodian_contact": "",
}

# Whole-number settings: (smallest, largest, sentence naming the setting).
NUMBERS = {
    "auto_lock_minutes": (1, 240, "Auto-lock must be a whole number of minutes from 1 to 240."),
    "reconsent_review_months": (
        1,
        60,
        "The consent review interval must be a whole number of months from 1 to 60.",
    ),
    "reconsent_age": (
        10,
        21,
        "The age for a minor's own consent must be a whole number from 10 to 21.",
    ),
    "release_warning_days": (
        0,
        365,
        "The release expiry warning must be a whole number of days from 0 to 365.",
    ),
    # Backups (issue 9, part B)
    "backup_keep": (1, 100, "The number of backups kept must be a whole number from 1 to 100."),
    "backup_reminder_days": (
        1,
        365,
        "The backup reminder must be a whole number of days from 1 to 365.",
    ),
}


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str) -> str:
        if key not in DEFAULTS:
            raise KeyError(key)
        with self._store.reading() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else DEFAULTS[key]

    def set(self, key: str, value: str) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        value = value.strip()
        # isascii: "²".isdigit() is True but int("²") fails; "５" would be stored as typed.
        if key in NUMBERS:
            low, high, sentence = NUMBERS[key]
            if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
                raise InvalidRecord(sentence, key)
        with self._store.writing("the setting") as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def has_signer(self) -> bool:
        """False until the clinician's name is set: signatures would read "the clinician"."""
        return bool(self.get("clinician_name"))

    def set_signer(self, name: str, credentials: str = "") -> str:
        """Save the name (required) and credentials signatures carry; return how they read."""
        name = v.required_text(name, "clinician_name", "Your name")
        credentials = v.optional_text(credentials, "credentials", "Credentials", 60) or ""
        with self._store.writing("your name") as conn:  # both or neither
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [("clinician_name", name), ("credentials", credentials)],
            )
        return signature_name(name, credentials)

    @property
    def auto_lock_minutes(self) -> int:
        return int(self.get("auto_lock_minutes"))

    def number(self, key: str) -> int:
        """A whole-number setting (NUMBERS), its default if the stored value is unusable."""
        value = self.get(key)
        return int(value) if value.isascii() and value.isdigit() else int(DEFAULTS[key])

    @property
    def signer(self) -> str:
        return signature_name(self.get("clinician_name"), self.get("credentials"))


def signature_name(name: str, credentials: str) -> str:
    """How a signature reads: "Name, credentials", whether signed in the app or imported."""
    if not name:
        return "the clinician"
    return f"{name}, {credentials}" if credentials else name
