"""The paperwork sections of an imported client: `consents`, `releases`, `disclosures`.

Read and checked with the rest of the file, before the vault is opened: shapes,
names from the shared vocabularies, dates that are real and in order. What needs
the vault (which template versions exist) and the services' own rules are
applied when the client is written, inside the import's one transaction, so a
refusal there still names its path and leaves the vault as it was.

A disclosure made under a release names it by its place in the same client's
`releases` list (`"release": 0` is the first), since the file has no ids yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from vault.consent.consents import insert_consent, validated_consent, validated_revocation
from vault.consent.disclosures import append_disclosure
from vault.consent.models import (
    DISCLOSURE_METHODS,
    LEGAL_BASES,
    SCOPE_ITEMS,
    SIGNATURE_METHODS,
    SIGNER_KINDS,
    TEMPLATE_KINDS,
    ConsentInput,
    DisclosureInput,
    ReleaseInput,
)
from vault.consent.release_input import validated_release
from vault.consent.releases import insert_release
from vault.consent.templates import find_version
from vault.import_checks import _At, _flag, _list, _obj, _reject
from vault.records import validation as v
from vault.storage.db import Connection

CONSENT_KEYS = (
    "template", "version", "discussed_on", "discussed_by", "signer", "method", "signed_on",
    "copy_given", "minor_assent", "note", "revoked_on", "revocation_method",
)  # fmt: skip
SIGNER_KEYS = ("kind", "name", "authority")
RELEASE_KEYS = (
    "recipient", "discloser", "scope", "scope_detail", "date_from", "date_to", "purpose",
    "expires_on", "expiry_event", "event_occurred_on", "signed_by", "signer_authority",
    "signed_on", "method", "statements", "copy_given", "revoked_on", "revocation_note",
)  # fmt: skip
RECIPIENT_KEYS = ("name", "org", "role", "address")
STATEMENT_KEYS = ("revocation", "conditioning", "redisclosure")
DISCLOSURE_KEYS = (
    "disclosed_at", "recipient", "recipient_address", "description", "purpose", "legal_basis",
    "method", "release", "client_told", "client_told_note", "person_spoken_to", "reference",
)  # fmt: skip
SCOPE_NAMES = (*SCOPE_ITEMS, "dates_and_fees_only")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")

# Where a service's field name is found in the file, for its refusals.
CONSENT_PATHS = {
    "template_version_id": "version", "signer_kind": "signer.kind", "signer_name": "signer.name",
    "signer_authority": "signer.authority", "signature_method": "method",
}  # fmt: skip
RELEASE_PATHS = {
    "recipient_name": "recipient.name", "recipient_org": "recipient.org",
    "recipient_role": "recipient.role", "recipient_address": "recipient.address",
    "signature_method": "method", "statement_revocation": "statements.revocation",
    "statement_conditioning": "statements.conditioning",
    "statement_redisclosure": "statements.redisclosure",
}  # fmt: skip
DISCLOSURE_PATHS = {"release_id": "release"}


@dataclass
class ValidConsent:
    path: str
    template_kind: str
    version: int
    data: ConsentInput  # template_version_id is 0 until the version is looked up
    discussed_by_given: bool
    revoked_on: date | None = None
    revocation_method: str | None = None


@dataclass
class ValidRelease:
    path: str
    data: ReleaseInput
    event_occurred_on: date | None = None
    revoked_on: date | None = None
    revocation_note: str | None = None


@dataclass
class ValidDisclosure:
    path: str
    data: DisclosureInput  # client_id and release_id are filled in when written
    release_index: int | None = None


@dataclass
class Paperwork:
    consents: list[ValidConsent] = field(default_factory=list)
    releases: list[ValidRelease] = field(default_factory=list)
    disclosures: list[ValidDisclosure] = field(default_factory=list)


@dataclass(frozen=True)
class _Person:
    """What the checks need to know about the client the paperwork belongs to."""

    full_name: str
    born: date
    today: date


def _day(value: object, path: str, person: _Person, *, after: date | None = None,
         after_what: str = "") -> date | None:  # fmt: skip
    """An optional date: real, not in the future, not before birth (or `after`)."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise _reject(path, "must be a date written YYYY-MM-DD.")
    with _At(path):
        day = v.parse_date(value, "", "The date")
    if day > person.today:
        raise _reject(path, "cannot be in the future.")
    if day < person.born:
        raise _reject(path, f"cannot be before the client's birth ({person.born.isoformat()}).")
    if after is not None and day < after:
        raise _reject(path, f"cannot be before {after_what} ({after.isoformat()}).")
    return day


def _any_day(value: object, path: str) -> date | None:
    """A date that may lie ahead (an expiry, the end of a date range)."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise _reject(path, "must be a date written YYYY-MM-DD.")
    with _At(path):
        return v.parse_date(value, "", "The date")


def _text(value: object, path: str, *, required: bool = False,
          limit: int = v.MAX_FIELD) -> str | None:  # fmt: skip
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _reject(path, "is required, as text.")
        return None
    if not isinstance(value, str):
        raise _reject(path, "must be text.")
    with _At(path):
        v.storable(value, "", "The text")
    if len(value.strip()) > limit:
        raise _reject(path, f"is too long (at most {limit:,} characters).")
    return value.strip()


def _needed(value: object, path: str, limit: int = v.MAX_FIELD) -> str:
    text = _text(value, path, required=True, limit=limit)
    assert text is not None
    return text


def _choice(value: object, allowed: tuple[str, ...], path: str) -> str:
    if value not in allowed:
        raise _reject(path, f"must be one of: {', '.join(allowed)}.")
    assert isinstance(value, str)
    return value


# -- consents -----------------------------------------------------------------------


def consent(raw: object, path: str, person: _Person) -> ValidConsent:
    data = _obj(raw, path, CONSENT_KEYS)
    kind = _choice(data.get("template"), TEMPLATE_KINDS, f"{path}.template")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _reject(f"{path}.version", "is required: the template's version number (1 or more).")
    discussed_on = _day(data.get("discussed_on"), f"{path}.discussed_on", person)
    if discussed_on is None:
        raise _reject(f"{path}.discussed_on", "is required, as YYYY-MM-DD.")
    discussed_by = _text(data.get("discussed_by"), f"{path}.discussed_by")
    signer = _obj(data.get("signer") or {}, f"{path}.signer", SIGNER_KEYS)
    signer_kind = _choice(signer.get("kind", "client"), SIGNER_KINDS, f"{path}.signer.kind")
    signer_name = _text(signer.get("name"), f"{path}.signer.name", limit=v.MAX_NAME)
    authority = _text(signer.get("authority"), f"{path}.signer.authority")
    if signer_kind == "guardian" and not signer_name:
        raise _reject(f"{path}.signer.name", "is required when a guardian signs.")
    if signer_kind == "guardian" and not authority:
        raise _reject(
            f"{path}.signer.authority",
            "is required when a guardian signs: what gives them authority (e.g. parent).",
        )
    method = _choice(data.get("method", "paper"), SIGNATURE_METHODS, f"{path}.method")
    signed_on = _day(data.get("signed_on"), f"{path}.signed_on", person, after=discussed_on,
                     after_what="the day it was discussed")  # fmt: skip
    if signed_on is None and method != "verbal":
        raise _reject(f"{path}.signed_on", "is required unless the consent was verbal.")
    assent = _flag(data.get("minor_assent"), f"{path}.minor_assent", None)
    if assent is not None and kind != "minor_consent":
        raise _reject(f"{path}.minor_assent", "belongs only on a minor_consent.")
    revoked_on = _day(data.get("revoked_on"), f"{path}.revoked_on", person,
                      after=signed_on or discussed_on, after_what="the signature")  # fmt: skip
    revocation = _text(data.get("revocation_method"), f"{path}.revocation_method")
    if revoked_on is not None and not revocation:
        raise _reject(f"{path}.revocation_method", "is required for a revoked consent: how "
                      "the client revoked it (in writing, by phone ...).")  # fmt: skip
    if revoked_on is None and revocation:
        raise _reject(f"{path}.revocation_method", "is given but there is no revoked_on date.")
    return ValidConsent(
        path,
        kind,
        version,
        ConsentInput(
            template_version_id=0,
            discussed_on=discussed_on,
            discussed_by=discussed_by or "",
            signer_kind=signer_kind,
            signer_name=signer_name or (person.full_name if signer_kind == "client" else ""),
            signer_authority=authority,
            signature_method=method,
            signed_on=signed_on,
            copy_given=bool(_flag(data.get("copy_given"), f"{path}.copy_given", False)),
            minor_assent=assent,
            note=_text(data.get("note"), f"{path}.note"),
        ),
        discussed_by_given=bool(discussed_by),
        revoked_on=revoked_on,
        revocation_method=revocation,
    )


# -- releases -----------------------------------------------------------------------


def _scope(value: object, path: str) -> list[str]:
    names = _list(value, path)
    for i, name in enumerate(names):
        _choice(name, SCOPE_NAMES, f"{path}[{i}]")
    if len(set(names)) != len(names):
        raise _reject(path, "names an item twice.")
    return list(names)


def release(raw: object, path: str, person: _Person) -> ValidRelease:
    data = _obj(raw, path, RELEASE_KEYS)
    if "recipient" not in data:
        raise _reject(f"{path}.recipient", "is required: at least the recipient's name.")
    recipient = _obj(data["recipient"], f"{path}.recipient", RECIPIENT_KEYS)
    statements = _obj(data.get("statements") or {}, f"{path}.statements", STATEMENT_KEYS)
    date_from = _any_day(data.get("date_from"), f"{path}.date_from")
    date_to = _any_day(data.get("date_to"), f"{path}.date_to")
    if date_from and date_to and date_to < date_from:
        raise _reject(f"{path}.date_to", f"cannot be before date_from ({date_from.isoformat()}).")
    expiry_event = _text(data.get("expiry_event"), f"{path}.expiry_event")
    signed_on = _day(data.get("signed_on"), f"{path}.signed_on", person)
    occurred = _day(data.get("event_occurred_on"), f"{path}.event_occurred_on", person,
                    after=signed_on, after_what="the signature")  # fmt: skip
    if occurred is not None and not expiry_event:
        raise _reject(f"{path}.event_occurred_on", "is given but there is no expiry_event.")
    method = data.get("method")
    if method is not None:
        _choice(method, SIGNATURE_METHODS, f"{path}.method")
    revoked_on = _day(data.get("revoked_on"), f"{path}.revoked_on", person, after=signed_on,
                      after_what="the signature")  # fmt: skip
    if revoked_on is not None and signed_on is None:
        raise _reject(f"{path}.revoked_on", "only a signed release can be revoked.")
    if occurred is not None and signed_on is None:
        raise _reject(f"{path}.event_occurred_on", "only a signed release can expire.")
    return ValidRelease(
        path,
        ReleaseInput(
            recipient_name=_needed(recipient.get("name"), f"{path}.recipient.name", v.MAX_NAME),
            recipient_org=_text(recipient.get("org"), f"{path}.recipient.org"),
            recipient_role=_text(recipient.get("role"), f"{path}.recipient.role"),
            recipient_address=_text(recipient.get("address"), f"{path}.recipient.address"),
            discloser=_text(data.get("discloser"), f"{path}.discloser") or "",
            scope=_scope(data.get("scope"), f"{path}.scope"),
            scope_detail=_text(data.get("scope_detail"), f"{path}.scope_detail"),
            date_from=date_from,
            date_to=date_to,
            purpose=_text(data.get("purpose"), f"{path}.purpose") or "",
            expires_on=_any_day(data.get("expires_on"), f"{path}.expires_on"),
            expiry_event=expiry_event,
            signed_by=_text(data.get("signed_by"), f"{path}.signed_by", limit=v.MAX_NAME),
            signer_authority=_text(data.get("signer_authority"), f"{path}.signer_authority"),
            signed_on=signed_on,
            signature_method=method,
            statement_revocation=bool(
                _flag(statements.get("revocation"), f"{path}.statements.revocation", True)
            ),
            statement_conditioning=bool(
                _flag(statements.get("conditioning"), f"{path}.statements.conditioning", True)
            ),
            statement_redisclosure=bool(
                _flag(statements.get("redisclosure"), f"{path}.statements.redisclosure", True)
            ),
            copy_given=bool(_flag(data.get("copy_given"), f"{path}.copy_given", False)),
        ),
        event_occurred_on=occurred,
        revoked_on=revoked_on,
        revocation_note=_text(data.get("revocation_note"), f"{path}.revocation_note"),
    )


# -- disclosures --------------------------------------------------------------------


def _moment(value: object, path: str, person: _Person) -> str:
    """When something was disclosed: YYYY-MM-DD, or with a time (YYYY-MM-DDTHH:MM[:SS])."""
    if not isinstance(value, str) or not _MOMENT.fullmatch(value.strip()):
        raise _reject(path, "is required, as YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    text = value.strip()
    try:
        day = datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise _reject(path, "must be a real date (and time).") from None
    if day > person.today:
        raise _reject(path, "cannot be in the future.")
    if day < person.born:
        raise _reject(path, f"cannot be before the client's birth ({person.born.isoformat()}).")
    return text


def disclosure(raw: object, path: str, person: _Person, releases: list[ValidRelease]
               ) -> ValidDisclosure:  # fmt: skip
    data = _obj(raw, path, DISCLOSURE_KEYS)
    legal_basis = _choice(data.get("legal_basis"), LEGAL_BASES, f"{path}.legal_basis")
    index = data.get("release")
    if index is not None:
        if isinstance(index, bool) or not isinstance(index, int):
            raise _reject(f"{path}.release", "must be the release's place in this client's "
                          "releases list, counting from 0.")  # fmt: skip
        if not 0 <= index < len(releases):
            raise _reject(f"{path}.release", f"there is no releases[{index}] for this client.")
    if legal_basis == "authorization" and index is None:
        raise _reject(f"{path}.release", "is required when the legal basis is authorization: "
                      "the release it was made under (0 for the first).")  # fmt: skip
    told = _flag(data.get("client_told"), f"{path}.client_told", None)
    return ValidDisclosure(
        path,
        DisclosureInput(
            client_id=0,
            disclosed_at=_moment(data.get("disclosed_at"), f"{path}.disclosed_at", person),
            recipient=_needed(data.get("recipient"), f"{path}.recipient"),
            recipient_address=_text(data.get("recipient_address"), f"{path}.recipient_address"),
            description=_needed(data.get("description"), f"{path}.description"),
            purpose=_needed(data.get("purpose"), f"{path}.purpose"),
            legal_basis=legal_basis,
            method=_choice(data.get("method"), DISCLOSURE_METHODS, f"{path}.method"),
            client_told=told,
            client_told_note=_text(data.get("client_told_note"), f"{path}.client_told_note"),
            person_spoken_to=_text(data.get("person_spoken_to"), f"{path}.person_spoken_to"),
            reference=_text(data.get("reference"), f"{path}.reference"),
            source="manual",
        ),
        release_index=index,
    )


def paperwork(data: dict[str, Any], path: str, values: dict[str, Any], today: date) -> Paperwork:
    """The three sections of one client, checked; `values` are the client's checked fields."""
    person = _Person(
        f"{values['first_name']} {values['last_name']}",
        date.fromisoformat(values["date_of_birth"]),
        today,
    )
    consents = [
        consent(item, f"{path}.consents[{i}]", person)
        for i, item in enumerate(_list(data.get("consents"), f"{path}.consents"))
    ]
    releases = [
        release(item, f"{path}.releases[{i}]", person)
        for i, item in enumerate(_list(data.get("releases"), f"{path}.releases"))
    ]
    disclosures = [
        disclosure(item, f"{path}.disclosures[{i}]", person, releases)
        for i, item in enumerate(_list(data.get("disclosures"), f"{path}.disclosures"))
    ]
    return Paperwork(consents, releases, disclosures)


# -- writing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """What writing a client's paperwork needs from the import under way."""

    conn: Connection
    today: date
    now: datetime  # local, for "not in the future" of a disclosure's time
    created_at: str  # local ISO time, as the import stamps its rows
    recorded_at: str  # UTC ISO time, as the audit log and the disclosure log stamp theirs
    clinician: str  # who discussed a consent when the file does not say
    recorded_by: str  # who recorded the imported disclosures: the practice's signer

    def write(self, client_id: int, work: Paperwork) -> None:
        """Insert one client's paperwork with the services' own checks, naming the path."""
        for item in work.consents:
            self._consent(client_id, item)
        release_ids = [self._release(client_id, item) for item in work.releases]
        for entry in work.disclosures:
            index = entry.release_index
            data = replace(
                entry.data,
                client_id=client_id,
                release_id=None if index is None else release_ids[index],
            )
            with _At(entry.path, DISCLOSURE_PATHS):
                append_disclosure(self.conn, data, self.recorded_at, self.recorded_by, self.now)

    def _consent(self, client_id: int, item: ValidConsent) -> None:
        version_id = find_version(self.conn, item.template_kind, item.version)
        if version_id is None:
            raise _reject(
                f"{item.path}.version",
                f"this vault has no version {item.version} of the {item.template_kind} form.",
            )
        data = replace(
            item.data,
            template_version_id=version_id,
            discussed_by=item.data.discussed_by or self.clinician,
        )
        with _At(item.path, CONSENT_PATHS):
            values = validated_consent(self.conn, client_id, data, self.today)
            if item.revoked_on is not None:
                values["revoked_on"], values["revocation_method"] = validated_revocation(
                    item.revoked_on,
                    item.revocation_method,
                    date.fromisoformat(values["signed_on"]),
                    self.today,
                )
        insert_consent(self.conn, client_id, values, self.created_at)

    def _release(self, client_id: int, item: ValidRelease) -> int:
        with _At(item.path, RELEASE_PATHS):
            values = validated_release(
                item.data, self.today, item.revoked_on, item.revocation_note,
                item.event_occurred_on,
            )  # fmt: skip
        return insert_release(self.conn, client_id, values, self.created_at)
