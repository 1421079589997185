"""The audit chain's head, kept outside the database in `audit.head`.

The chain alone cannot show that its newest entries were cut off: what is left
is still a sound chain. So the last entry's id and hash are also written to a
small file beside the database, authenticated with an HMAC under a subkey of the
data key (the key itself is never stored), and `verify` compares the two.

When it is written: after every `AuditLog.record`, after the unlock entry, and
when the vault closes (lock, quit, the end of every command). Entries that other
services append inside their own transactions are covered by the next of these.
Writing after every commit would cost an fsync per keystroke-driven autosave;
this way a crash can only leave the file *behind* the chain, which `verify`
accepts. What it refuses is a chain shorter than the head, or a different hash
at the head's id: entries were removed.

The file holds two numbers and a hash: nothing about any client.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from vault.errors import VaultError
from vault.storage.db import Connection
from vault.storage.fsutil import write_private_atomic
from vault.storage.layout import VaultLayout, open_for_reading

VERSION = 1
MAX_BYTES = 4096


@dataclass(frozen=True)
class Head:
    entry_id: int
    hash: str


class HeadForged(VaultError):
    title = "Audit head altered"


def head_key(dek: bytes) -> bytes:
    """A subkey for this one purpose, so the HMAC never uses the data key directly."""
    return hmac.new(dek, b"quietroom audit head v1", hashlib.sha256).digest()


def _mac(dek: bytes, head: Head) -> str:
    material = f"{VERSION}\x1f{head.entry_id}\x1f{head.hash}".encode("ascii")
    return hmac.new(head_key(dek), material, hashlib.sha256).hexdigest()


def last_entry(conn: Connection) -> Head | None:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else None


def write(folder: Path, dek: bytes, head: Head) -> None:
    body = {"version": VERSION, "id": head.entry_id, "hash": head.hash, "mac": _mac(dek, head)}
    data = (json.dumps(body, sort_keys=True) + "\n").encode("ascii")
    write_private_atomic(VaultLayout(folder).audit_head, data, "the audit log's head")


def read(folder: Path, dek: bytes) -> Head | None:
    """The head recorded beside the database; None when there is no file (an older vault).

    Raises HeadForged when the file is not one this vault's key wrote."""
    path = VaultLayout(folder).audit_head
    forged = HeadForged(
        f"{path.name} was altered or copied from another vault: its seal does not match "
        "this vault's key."
    )
    try:
        fd = open_for_reading(path, "the audit log's head")
    except FileNotFoundError:
        return None
    with open(fd, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    try:
        body = json.loads(data.decode("ascii")) if len(data) <= MAX_BYTES else {}
        head = Head(int(body["id"]), str(body["hash"]))
        mac = str(body["mac"])
        version = body["version"]
    except (ValueError, TypeError, KeyError, OverflowError):
        raise forged from None
    if version != VERSION or not hmac.compare_digest(mac, _mac(dek, head)):
        raise forged
    return head


def removed_entries(conn: Connection, head: Head) -> str | None:
    """One sentence when the chain no longer reaches the recorded head; None when it does."""
    last = last_entry(conn)
    last_id = last.entry_id if last else 0
    if last_id < head.entry_id:
        missing = head.entry_id - last_id
        noun = "entry was" if missing == 1 else "entries were"
        return (
            f"The log ends at entry {last_id:,}, but it reached entry {head.entry_id:,} "
            f"before: its newest {missing:,} {noun} removed."
        )
    row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (head.entry_id,)).fetchone()
    if row is None or row[0] != head.hash:
        return (
            f"Entry {head.entry_id:,} is not the one written there before: entries were "
            "removed and others put in their place."
        )
    return None
