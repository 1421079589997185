"""Scans of signed paper forms, kept encrypted inside the vault.

A file is judged by its first bytes, not its name: only a PDF, PNG or JPEG is kept,
so nothing that could run or that a viewer would interpret differently slips in under
a harmless name. It leaves the vault only through an explicit export (audited there).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from vault.consent.models import ATTACHMENT_OWNERS, MAX_ATTACHMENT_BYTES, Attachment
from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.storage.store import Store

MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
MAX_FILENAME = 200
OWNER_TABLES = {"consent": "consents", "release": "releases"}
OWNER_LABELS = {"consent": "consent record", "release": "release"}
COLUMNS = "id, owner_kind, owner_id, filename, media_type, size, sha256, added_at"
_MB = 1024 * 1024


def media_type(data: bytes) -> tuple[str, str]:
    """(media type, usual extension) of a PDF, PNG or JPEG, judged by its content."""
    for magic, kind, extension in MAGIC:
        if data.startswith(magic):
            return kind, extension
    raise InvalidRecord(
        "Only a PDF, PNG or JPEG file can be attached, and this file is none of those.", "file"
    )


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".removesuffix(".0")


def base_name(filename: str, extension: str) -> str:
    """The file's own name without any folder, control or direction characters."""
    name = re.split(r"[\\/]", filename)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    name = " ".join(name.split()).strip(". ")
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_FILENAME - len(ext) - 1] + dot + ext) if dot else name[:MAX_FILENAME]
    return name or f"scan{extension}"


def _attachment(row: Any) -> Attachment:
    return Attachment(*row)


class Attachments:
    def __init__(self, store: Store) -> None:
        self._store = store

    def attach(self, owner_kind: str, owner_id: int, filename: str, data: bytes) -> Attachment:
        """Refuse anything but a PDF, PNG or JPEG (by content) and anything over the size limit."""
        kind = v.choice(owner_kind, ATTACHMENT_OWNERS, "owner_kind", "What the file belongs to")
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if not isinstance(data, bytes) or not data:
            raise InvalidRecord("The file is empty; choose the scan itself.", "file")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise InvalidRecord(
                f"The file is {_megabytes(len(data))} MB; the limit is "
                f"{_megabytes(MAX_ATTACHMENT_BYTES)} MB.",
                "file",
            )
        media, extension = media_type(data)
        name = v.storable(base_name(str(filename), extension), "filename", "The file's name")
        digest = hashlib.sha256(data).hexdigest()
        with self._store.writing("the attached file") as conn:
            table = OWNER_TABLES[kind]
            if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (owner_id,)).fetchone() is None:
                raise RecordNotFound(f"That {OWNER_LABELS[kind]} no longer exists.")
            cur = conn.execute(
                "INSERT INTO attachments (owner_kind, owner_id, filename, media_type, size,"
                " sha256, data, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (kind, owner_id, name, media, len(data), digest, data, self._store.now_iso()),
            )
            attachment_id = int(cur.lastrowid or 0)
            append(
                conn,
                self._store.utc_iso(),
                "attach_file",
                f"{kind}:{owner_id}",
                f"attachment:{attachment_id}",
            )
            row = conn.execute(
                f"SELECT {COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
        return _attachment(row)

    def for_owner(self, owner_kind: str, owner_id: int) -> list[Attachment]:
        """The files attached to one consent or release, oldest first."""
        with self._store.reading() as conn:
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM attachments WHERE owner_kind = ? AND owner_id = ?"
                " ORDER BY id",
                (owner_kind, owner_id),
            ).fetchall()
        return [_attachment(row) for row in rows]

    def read(self, attachment_id: int) -> tuple[Attachment, bytes]:
        """The file's bytes, for an explicit export (audited by the caller)."""
        with self._store.reading() as conn:
            row = conn.execute(
                f"SELECT {COLUMNS}, data FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound("That attached file no longer exists.")
        return _attachment(row[:-1]), bytes(row[-1])
