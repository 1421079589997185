"""Jurisdiction rule packs: what the law of a place says for each risk flag, as
TOML files the clinician can read, copy and edit.

A pack is checked whole when it is read; the first problem is one sentence that
names the file, the line and the field. Packs are data, not advice: each one
names its sources and the date its text was last checked against them, and the
app shows it as not yet reviewed until the clinician has read it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from vault.errors import VaultError

FLAGS = (
    "danger_to_self", "threat_to_other", "child_abuse", "elder_abuse", "court_order",
    "guardian_request",
)  # fmt: skip
FLAG_LABELS = {
    "danger_to_self": "Danger to self",
    "threat_to_other": "Threat to an identifiable person",
    "child_abuse": "Child abuse or neglect",
    "elder_abuse": "Elder or dependent-adult abuse",
    "court_order": "Court order or subpoena",
    "guardian_request": "A parent or guardian asks for a minor's records",
}
DUTIES = ("mandatory", "permissive", "none", "unset")
DUTY_LABELS = {
    "mandatory": "Required by law",
    "permissive": "Permitted by law",
    "none": "No law found that permits it without consent",
    "unset": "Not filled in: check the law where you practise",
}
OPTIONS = (
    "safety_plan", "means_counselling", "more_sessions", "voluntary_admission",
    "emergency_evaluation", "warn_person", "notify_police", "mandated_report",
    "verify_court_order", "assert_privilege", "release_order_scope", "tell_client",
    "verify_requester", "give_summary", "deny_access",
)  # fmt: skip
OPTION_LABELS = {
    "safety_plan": "Write a safety plan with the client",
    "means_counselling": "Counsel on access to means (firearms, medicines)",
    "more_sessions": "See the client more often",
    "voluntary_admission": "Arrange a voluntary admission",
    "emergency_evaluation": "Arrange an emergency evaluation",
    "warn_person": "Warn the person at risk",
    "notify_police": "Notify the police",
    "mandated_report": "Make the mandated report",
    "verify_court_order": "Check whether it is a court order signed by a judge",
    "assert_privilege": "Assert privilege and wait for the court",
    "release_order_scope": "Release exactly what the order names, nothing more",
    "tell_client": "Tell the client",
    "verify_requester": "Check who is asking and their legal standing (custody orders)",
    "give_summary": "Give a summary rather than the notes",
    "deny_access": "Refuse access, recording the reason",
}

_PACK_KEYS = {"pack", "sources", "emergency", "minors", "flags", "retention"}
_RETENTION_KEYS = {
    "years_after_last_service", "years_after_majority", "age_of_majority", "source",
}  # fmt: skip
_HEAD_KEYS = {"id", "place", "version", "reviewed_on", "extends", "summary"}
_FLAG_KEYS = {
    "duty", "threshold", "legal_basis", "required", "offered", "agency", "agency_phone",
    "first_report", "report_within_hours", "report_within_working_days", "notes", "sources",
}  # fmt: skip
_ID = re.compile(r"^[A-Z][A-Z0-9-]{1,23}$")


class RulePackInvalid(VaultError):
    title = "Rule pack has a problem"


@dataclass(frozen=True)
class Source:
    key: str
    cite: str
    url: str = ""


@dataclass(frozen=True)
class FlagRule:
    flag: str
    duty: str
    threshold: str  # the law's own test, in plain words; empty only when duty is "unset"
    legal_basis: str
    required: tuple[str, ...]
    offered: tuple[str, ...]
    agency: str
    agency_phone: str
    first_report: str
    report_within_hours: int | None
    report_within_working_days: int | None
    notes: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    id: str
    place: str
    version: str
    reviewed_on: date  # when the pack's authors last checked it against its sources
    summary: str
    extends: str | None
    emergency_number: str
    crisis_lines: tuple[tuple[str, str], ...]
    age_of_majority: int
    own_consent_age: int | None
    parental_access: str
    flags: dict[str, FlagRule]
    sources: tuple[Source, ...]
    origin: str  # the file it came from, for messages
    sha256: str  # of the file's bytes: a risk note keeps it with its snapshot of the rule
    # The optional [retention] table (issue 9); None: the APA default applies.
    retention: RetentionRule | None = None


@dataclass(frozen=True)
class RetentionRule:
    """How long a client's records are kept where the pack applies."""

    years_after_last_service: int
    years_after_majority: int
    age_of_majority: int
    source: str  # the key of one of the pack's [[sources]]


class _Checker:
    """Walks a parsed pack, raising the first problem with its line in `text`."""

    def __init__(self, origin: str, text: str) -> None:
        self.origin = origin
        self.lines = text.splitlines()

    def fail(self, path: str, problem: str) -> RulePackInvalid:
        return RulePackInvalid(f"{self.origin}, line {self.line_of(path)}: {path} {problem}")

    def line_of(self, path: str) -> int:
        """The line of `path` (a.b.c): the key under its table, else the table, else 1."""
        parts = path.split(".")
        for cut in range(len(parts) - 1, -1, -1):
            table, key = parts[:cut], parts[cut]
            start = self._table_line(table)
            if start is None:
                continue
            found = self._key_line(key, start)
            if found is not None:
                return found + 1
            header = self._table_line(parts[: cut + 1])
            return (header if header is not None else max(start, 0)) + 1
        return 1

    def _table_line(self, table: list[str]) -> int | None:
        """The header's index; -1 for the top level (no header)."""
        if not table:
            return -1
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(".".join(table)) + r"\s*\]\]?\s*(#.*)?$")
        return next((i for i, line in enumerate(self.lines) if header.match(line)), None)

    def _key_line(self, key: str, start: int) -> int | None:
        pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for i in range(start + 1, len(self.lines)):
            if self.lines[i].lstrip().startswith("["):
                return None
            if pattern.match(self.lines[i]):
                return i
        return None

    def table(self, raw: object, path: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(path, "must be a table of keys.")
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise self.fail(
                f"{path}.{unknown[0]}" if path else unknown[0], "is not a field a pack has."
            )
        return raw

    def text(self, raw: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be text in quotes.")
        if required and not value.strip():
            raise self.fail(f"{path}.{key}", "is missing; it must be filled in.")
        return value.strip()

    def whole(self, raw: dict[str, Any], key: str, path: str, low: int, high: int) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"{path}.{key}", f"must be a whole number from {low} to {high}.")
        return value

    def names(
        self, raw: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]
    ) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{path}.{key}", "must be a list of names in quotes.")
        for name in value:
            if name not in allowed:
                raise self.fail(
                    f"{path}.{key}", f'names "{name}", which is not one of: {", ".join(allowed)}.'
                )
        return tuple(value)


def parse_pack(text: str, origin: str, base: Pack | None = None) -> Pack:
    """Check and read one pack; `base` is the pack it `extends` (its flags fill the gaps)."""
    check = _Checker(origin, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        place = f"line {where.group(1)}, column {where.group(2)}" if where else "somewhere"
        raise RulePackInvalid(
            f"{origin}, {place}: this is not valid TOML (check quotes, brackets and '=' signs)."
        ) from None
    check.table(data, "", _PACK_KEYS)
    head = check.table(data.get("pack"), "pack", _HEAD_KEYS)
    pack_id = check.text(head, "id", "pack")
    if not _ID.match(pack_id):
        raise check.fail("pack.id", "must be capital letters, digits and dashes, like US-CA.")
    reviewed = head.get("reviewed_on")
    if not isinstance(reviewed, date):
        raise check.fail("pack.reviewed_on", "must be a date written YYYY-MM-DD, without quotes.")
    sources = _sources(check, data.get("sources", []))
    known = {s.key for s in sources} | ({s.key for s in base.sources} if base else set())
    emergency = check.table(data.get("emergency", {}), "emergency", {"number", "crisis_lines"})
    minors = check.table(
        data.get("minors", {}), "minors", {"age_of_majority", "own_consent_age", "parental_access"}
    )
    flags = dict(base.flags) if base else {}
    raw_flags = check.table(data.get("flags", {}), "flags", set(FLAGS))
    for flag, raw in raw_flags.items():
        flags[flag] = _flag(check, flag, raw, known)
    missing = [f for f in FLAGS if f not in flags]
    if missing:
        raise check.fail(
            f"flags.{missing[0]}", 'is missing; every flag needs a table (duty = "unset" at least).'
        )
    return Pack(
        id=pack_id,
        place=check.text(head, "place", "pack"),
        version=check.text(head, "version", "pack"),
        reviewed_on=reviewed,
        summary=check.text(head, "summary", "pack", required=False),
        extends=check.text(head, "extends", "pack", required=False) or None,
        emergency_number=check.text(emergency, "number", "emergency", required=False)
        or (base.emergency_number if base else ""),
        crisis_lines=_crisis_lines(check, emergency) or (base.crisis_lines if base else ()),
        age_of_majority=check.whole(minors, "age_of_majority", "minors", 14, 21)
        or (base.age_of_majority if base else 18),
        own_consent_age=check.whole(minors, "own_consent_age", "minors", 10, 21)
        or (base.own_consent_age if base else None),
        parental_access=check.text(minors, "parental_access", "minors", required=False)
        or (base.parental_access if base else ""),
        flags=flags,
        sources=(base.sources if base else ()) + sources,
        origin=origin,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        retention=_retention(check, data.get("retention"), known)
        or (base.retention if base else None),
    )


def _retention(check: _Checker, raw: object, known: set[str]) -> RetentionRule | None:
    if raw is None:
        return None
    table = check.table(raw, "retention", _RETENTION_KEYS)
    for key in ("years_after_last_service", "years_after_majority", "age_of_majority"):
        if key not in table:
            raise check.fail(f"retention.{key}", "is missing; it must be filled in.")
    source = check.text(table, "source", "retention")
    if source not in known:
        raise check.fail(
            "retention.source", f'names "{source}", which no [[sources]] entry has as its key.'
        )
    return RetentionRule(
        years_after_last_service=check.whole(table, "years_after_last_service", "retention", 1, 100)
        or 0,
        years_after_majority=check.whole(table, "years_after_majority", "retention", 0, 100) or 0,
        age_of_majority=check.whole(table, "age_of_majority", "retention", 14, 21) or 18,
        source=source,
    )


def _sources(check: _Checker, raw: object) -> tuple[Source, ...]:
    if not isinstance(raw, list):
        raise check.fail("sources", "must be a list of [[sources]] tables.")
    found = []
    for item in raw:
        table = check.table(item, "sources", {"key", "cite", "url"})
        found.append(Source(check.text(table, "key", "sources"), check.text(table, "cite", "sources"),
                            check.text(table, "url", "sources", required=False)))  # fmt: skip
    return tuple(found)


def _crisis_lines(check: _Checker, emergency: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    raw = emergency.get("crisis_lines", [])
    if not isinstance(raw, list):
        raise check.fail("emergency.crisis_lines", "must be a list of { name = ..., phone = ... }.")
    lines = []
    for item in raw:
        table = check.table(item, "emergency.crisis_lines", {"name", "phone"})
        lines.append((check.text(table, "name", "emergency.crisis_lines"),
                      check.text(table, "phone", "emergency.crisis_lines")))  # fmt: skip
    return tuple(lines)


def _source_keys(
    check: _Checker, table: dict[str, Any], path: str, known: set[str]
) -> tuple[str, ...]:
    value = table.get("sources", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise check.fail(f"{path}.sources", "must be a list of source keys in quotes.")
    for key in value:
        if key not in known:
            raise check.fail(
                f"{path}.sources", f'names "{key}", which no [[sources]] entry has as its key.'
            )
    return tuple(value)


def _flag(check: _Checker, flag: str, raw: object, known: set[str]) -> FlagRule:
    path = f"flags.{flag}"
    table = check.table(raw, path, _FLAG_KEYS)
    duty = check.text(table, "duty", path)
    if duty not in DUTIES:
        raise check.fail(f"{path}.duty", f"must be one of: {', '.join(DUTIES)}.")
    required = check.names(table, "required", path, OPTIONS)
    offered = check.names(table, "offered", path, OPTIONS)
    sources = _source_keys(check, table, path, known)
    if duty != "unset" and not sources:
        raise check.fail(f"{path}.sources", "is empty; say where the rule comes from.")
    hours = check.whole(table, "report_within_hours", path, 1, 720)
    days = check.whole(table, "report_within_working_days", path, 1, 60)
    if hours and days:
        raise check.fail(
            f"{path}.report_within_working_days",
            "cannot be given with report_within_hours; keep one.",
        )
    return FlagRule(
        flag=flag,
        duty=duty,
        threshold=check.text(table, "threshold", path, required=duty != "unset"),
        legal_basis=check.text(table, "legal_basis", path, required=False),
        required=required,
        offered=tuple(dict.fromkeys(required + offered)),
        agency=check.text(table, "agency", path, required=False),
        agency_phone=check.text(table, "agency_phone", path, required=False),
        first_report=check.text(table, "first_report", path, required=False),
        report_within_hours=hours,
        report_within_working_days=days,
        notes=check.text(table, "notes", path, required=False),
        sources=sources,
    )
