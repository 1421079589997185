"""Checks shared by the UI forms, the importer and the services.

Each failure is an InvalidRecord naming the field and saying what to type.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from vault.errors import InvalidRecord

EARLIEST_BIRTH = date(1900, 1, 1)
MAX_NAME = 100
MAX_FIELD = 500

# Half of a UTF-16 pair with no other half: JSON's "\ud800" escape or a bad
# conversion produces one, and SQLite cannot store it (the write would crash).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to put in a message: lone surrogates become U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def storable(value: str, field: str, label: str) -> str:
    """Refuse text holding a character that cannot be stored."""
    if _LONE_SURROGATE.search(value):
        raise InvalidRecord(
            f"{label} contains a broken character (half of a UTF-16 pair, such as \\ud800) "
            "that cannot be stored; remove or retype it.",
            field,
        )
    return value


def parse_date(text: object, field: str, label: str) -> date:
    if isinstance(text, datetime):  # a datetime is a date too, but compares with neither
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str) or not text.strip():
        raise InvalidRecord(f"{label} is required, as YYYY-MM-DD.", field)
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidRecord(
            f"{label} must be a real date written YYYY-MM-DD, like 1985-04-23.", field
        ) from None


def optional_date(text: object, field: str, label: str) -> date | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return parse_date(text, field, label)


def birth_date(text: object, today: date) -> date:
    born = parse_date(text, "date_of_birth", "Date of birth")
    if born > today:
        raise InvalidRecord("Date of birth cannot be in the future.", "date_of_birth")
    if born < EARLIEST_BIRTH:
        raise InvalidRecord("Date of birth must be after 1900.", "date_of_birth")
    return born


def required_text(value: object, field: str, label: str, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord(f"{label} is required.", field)
    return bounded(value, field, label, limit)


def optional_text(value: object, field: str, label: str, limit: int = MAX_FIELD) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"{label} must be text.", field)
    return bounded(value, field, label, limit) or None


def bounded(value: str, field: str, label: str, limit: int) -> str:
    value = storable(value, field, label).strip()
    if len(value) > limit:
        raise InvalidRecord(f"{label} is too long (at most {limit} characters).", field)
    return value


def email(value: object) -> str | None:
    text = optional_text(value, "email", "Email")
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise InvalidRecord("Email must look like name@example.org.", "email")
    return text


def choice(value: object, allowed: tuple[str, ...], field: str, label: str) -> str:
    if value not in allowed:
        raise InvalidRecord(f"{label} must be one of: {', '.join(allowed)}.", field)
    assert isinstance(value, str)
    return value


def fee_cents(value: object) -> int | None:
    """Accept "150", "150.00" or 150.0; store whole cents so sums are exact."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidRecord("Fee must be an amount like 150.00.", "fee")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidRecord("Fee must be an amount like 150.00.", "fee") from None
    if not amount.is_finite():  # "NaN" parses, then every comparison with it raises
        raise InvalidRecord("Fee must be an amount like 150.00.", "fee")
    if amount < 0 or amount != amount.quantize(Decimal("0.01")) or amount > 100000:
        raise InvalidRecord("Fee must be an amount like 150.00, not negative.", "fee")
    return int(amount * 100)


def duration(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        minutes = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= 600:
        raise InvalidRecord("Duration must be whole minutes between 0 and 600.", "duration_minutes")
    return minutes
