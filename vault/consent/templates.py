"""Versioned consent templates in the product's own words, with the clause library
of the limits of confidentiality. A version pinned by a consent record is never
edited: an edit makes a new version, marked material or not.

A version's `clauses` follow its body: they are the clause paragraphs it holds
(vault.consent.clauses.clauses_in), recomputed on every edit.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from vault.consent.clauses import clauses_in
from vault.consent.models import TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, TemplateVersion
from vault.consent.texts import SHIPPED
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.storage.db import Connection
from vault.storage.store import Store

MAX_BODY = 50_000
PLACEHOLDERS = ("practice_name", "clinician_name", "client_name", "jurisdiction")
_PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")

_VERSION_COLUMNS = (
    "v.id, v.template_id, t.kind, t.title, v.version, v.body, v.clauses, v.material,"
    " v.change_note, v.sha256, v.created_at,"
    " EXISTS (SELECT 1 FROM consents c WHERE c.template_version_id = v.id)"
)
_FROM = " FROM consent_template_versions v JOIN consent_templates t ON t.id = v.template_id"


def template_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def fill(body: str, values: dict[str, str]) -> str:
    """The body with its placeholders replaced; a missing value leaves a blank line to
    write on. Plain replacement, never str.format: a body is the clinician's text. A
    value's line breaks become spaces, so a name can never start a heading or paragraph."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return " ".join((values.get(name) or "").split()) or "____________"

    return _PLACEHOLDER.sub(replace, body)


def validated_body(body: object) -> str:
    if not isinstance(body, str) or not body.strip():
        raise InvalidRecord("The template text is empty; write the form's text.", "body")
    body = v.storable(body, "body", "The template text").replace("\r\n", "\n").strip("\n")
    if len(body) > MAX_BODY:
        raise InvalidRecord(
            f"The template text is too long (at most {MAX_BODY:,} characters).", "body"
        )
    for match in _PLACEHOLDER.finditer(body):
        if match.group(1) not in PLACEHOLDERS:
            known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            raise InvalidRecord(
                f"The template uses {v.printable(match.group(0))}, which no form fills in; "
                f"use one of {known}, or remove the braces.",
                "body",
            )
    return body


def install_shipped(conn: Connection) -> None:
    """Insert the shipped templates (version 1 each) inside migration 003's transaction."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for kind in TEMPLATE_KINDS:
        body = SHIPPED[kind]
        template_id = conn.execute(
            "INSERT INTO consent_templates (kind, title, shipped, created_at) VALUES (?, ?, 1, ?)",
            (kind, TEMPLATE_KIND_LABELS[kind], now),
        ).lastrowid
        conn.execute(
            "INSERT INTO consent_template_versions"
            " (template_id, version, body, clauses, material, change_note, sha256, created_at)"
            " VALUES (?, 1, ?, ?, 1, '', ?, ?)",
            (template_id, body, json.dumps(clauses_in(body)), template_digest(body), now),
        )


def find_version(conn: Connection, kind: str, version: int | None = None) -> int | None:
    """The id of a kind's template version, the newest when `version` is None (for the
    importer, inside its own transaction); None when there is no such version."""
    row = conn.execute(
        "SELECT v.id" + _FROM + " WHERE t.kind = ? AND (? IS NULL OR v.version = ?)"
        " ORDER BY t.id, v.version DESC LIMIT 1",
        (kind, version, version),
    ).fetchone()
    return int(row[0]) if row else None


def version_from_row(row: tuple[Any, ...]) -> TemplateVersion:
    vid, tid, kind, title, version, body, clauses, material, note, sha, created, used = row
    return TemplateVersion(
        id=vid, template_id=tid, kind=kind, title=title, version=version, body=body,
        clauses=tuple(json.loads(clauses)), material=bool(material), change_note=note,
        sha256=sha, created_at=created, in_use=bool(used),
    )  # fmt: skip


class ConsentTemplates:
    def __init__(self, store: Store) -> None:
        self._store = store

    def _query(self, where: str, params: tuple[Any, ...]) -> list[TemplateVersion]:
        with self._store.reading() as conn:
            rows = conn.execute(f"SELECT {_VERSION_COLUMNS}{_FROM} {where}", params).fetchall()
        return [version_from_row(row) for row in rows]

    def latest(self) -> list[TemplateVersion]:
        """The newest version of each template, in TEMPLATE_KINDS order."""
        newest = self._query(
            "WHERE v.version = (SELECT max(w.version) FROM consent_template_versions w"
            " WHERE w.template_id = v.template_id) ORDER BY t.id",
            (),
        )
        order = {kind: index for index, kind in enumerate(TEMPLATE_KINDS)}
        return sorted(newest, key=lambda found: (order.get(found.kind, len(order)), found.id))

    def latest_of(self, kind: str) -> TemplateVersion:
        for found in self.latest():
            if found.kind == kind:
                return found
        raise RecordNotFound("There is no consent template of that kind.")

    def get(self, version_id: int) -> TemplateVersion:
        found = self._query("WHERE v.id = ?", (version_id,))
        if not found:
            raise RecordNotFound("That consent template version no longer exists.")
        return found[0]

    def versions(self, template_id: int) -> list[TemplateVersion]:
        """Every version of one template, newest first."""
        return self._query("WHERE v.template_id = ? ORDER BY v.version DESC", (template_id,))

    def edit(
        self, template_id: int, body: str, *, material: bool, change_note: str = ""
    ) -> TemplateVersion:
        """Save an edit: in place while the newest version is unused, else as a new version.

        An unchanged body saves nothing and returns the newest version as it is."""
        body = validated_body(body)
        note = v.optional_text(change_note, "change_note", "The note on what changed") or ""
        clauses = json.dumps(clauses_in(body))
        digest = template_digest(body)
        with self._store.writing("the consent template") as conn:
            row = conn.execute(
                "SELECT v.id, v.version, v.sha256,"
                " EXISTS (SELECT 1 FROM consents c WHERE c.template_version_id = v.id)"
                " FROM consent_template_versions v WHERE v.template_id = ?"
                " ORDER BY v.version DESC LIMIT 1",
                (template_id,),
            ).fetchone()
            if row is None:
                raise RecordNotFound("That consent template no longer exists.")
            newest_id, version, old_digest, pinned = row
            if old_digest == digest:
                return self.get(newest_id)
            now = self._store.now_iso()
            if pinned:
                newest_id = conn.execute(
                    "INSERT INTO consent_template_versions (template_id, version, body,"
                    " clauses, material, change_note, sha256, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (template_id, version + 1, body, clauses, int(material), note, digest, now),
                ).lastrowid
            else:
                conn.execute(
                    "UPDATE consent_template_versions SET body = ?, clauses = ?, material = ?,"
                    " change_note = ?, sha256 = ?, created_at = ? WHERE id = ?",
                    (body, clauses, int(material), note, digest, now, newest_id),
                )
            append(
                conn, self._store.utc_iso(), "edit_consent_template", f"template:{template_id}",
                f"version:{version + 1 if pinned else version}",
            )  # fmt: skip
        return self.get(newest_id)
