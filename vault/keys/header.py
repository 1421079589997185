"""The key header: a small JSON file beside the database that wraps the data key.

Two layers of protection, for two different failures:
- a SHA-256 checksum over the content, so accidental damage (a flipped bit, a
  truncated write) reads as "header damaged", never as "wrong passphrase";
- AES-256-GCM with the header's parameters as associated data, so the wrapped
  key opens only with the right passphrase and any deliberate edit is caught.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vault.errors import HeaderDamaged, StorageFailure, VaultError, WrongPassphrase
from vault.keys.kdf import SALT_BYTES, KdfParams, checked_params, derive_key
from vault.storage.fsutil import write_private_atomic
from vault.storage.layout import open_for_reading

FORMAT = "quietroom-vault-header"
VERSION = 1
NONCE_BYTES = 12
DEK_BYTES = 32
DB_SALT_BYTES = 16
# A real header is under 1 KiB; anything far larger is not ours, and reading a
# huge (or endless) file whole would hang the unlock screen.
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Header:
    params: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    key_id: str
    # The database's SQLCipher salt (its file's first 16 bytes), kept here so that a
    # flipped bit there is repaired instead of losing every page. Older headers
    # lack it; they still open, taking the salt from the file.
    db_salt: bytes | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "kdf": {"algorithm": "argon2id", **self.params.as_dict(), "salt": _b64(self.salt)},
            "wrap": {
                "algorithm": "aes-256-gcm",
                "nonce": _b64(self.nonce),
                "wrapped_key": _b64(self.wrapped_key),
            },
            "key_id": self.key_id,
        }
        if self.db_salt is not None:  # so a header without it reads back byte for byte
            body["database"] = {"salt": _b64(self.db_salt)}
        return body

    def associated_data(self) -> bytes:
        body = self.body()
        del body["wrap"]
        return _canonical(body)

    def to_bytes(self) -> bytes:
        body = self.body()
        body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")


def key_id(dek: bytes) -> str:
    """A short public fingerprint of the data key: tells a recovery key for
    another vault apart from a damaged database, and reveals nothing usable."""
    return hashlib.sha256(b"quietroom key id\0" + dek).hexdigest()[:16]


def wrap(dek: bytes, passphrase: str, params: KdfParams, db_salt: bytes | None = None) -> Header:
    """`db_salt` is recorded in the checksummed body and in the associated data."""
    # Never write a header that `parse` would refuse as hostile on this machine:
    # the vault would then open only with the recovery key.
    checked_params(params.as_dict())
    if db_salt is not None and len(db_salt) != DB_SALT_BYTES:
        raise ValueError("a database salt is 16 bytes")
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    draft = Header(params, salt, nonce, b"", key_id(dek), db_salt)
    kek = derive_key(passphrase, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, dek, draft.associated_data())
    return Header(params, salt, nonce, wrapped, draft.key_id, db_salt)


def unwrap(header: Header, passphrase: str) -> bytes:
    kek = derive_key(passphrase, header.salt, header.params)
    try:
        return AESGCM(kek).decrypt(header.nonce, header.wrapped_key, header.associated_data())
    except InvalidTag:
        raise WrongPassphrase("That passphrase does not open this vault.") from None


def parse(data: bytes) -> Header:
    """Read a header, refusing damage (checksum) and hostile parameters (bounds)."""
    damaged = HeaderDamaged(
        "The vault's key header is damaged. Restore it from the .bak beside it, "
        "or open the vault with your recovery key (quietroom recover)."
    )
    try:
        doc = json.loads(data.decode("utf-8"))
        checksum = doc.pop("checksum")
        if not isinstance(checksum, str):
            raise damaged
        if hashlib.sha256(_canonical(doc)).hexdigest() != checksum:
            raise damaged
        if doc.get("format") != FORMAT:
            raise damaged
        if doc.get("version") != VERSION:
            raise HeaderDamaged(
                f"This vault's key header is format version {doc.get('version')!r}, "
                "which this version of Quietroom does not know. Update Quietroom."
            )
        kdf, wrapping = doc["kdf"], doc["wrap"]
        if kdf.get("algorithm") != "argon2id" or wrapping.get("algorithm") != "aes-256-gcm":
            raise damaged
        salt = _unb64(kdf["salt"])
        nonce = _unb64(wrapping["nonce"])
        wrapped = _unb64(wrapping["wrapped_key"])
        ident = doc["key_id"]
        db_salt = _unb64(doc["database"]["salt"]) if "database" in doc else None
    except (
        ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, binascii.Error,
        RecursionError,  # deeply nested JSON: a crafted file, not a traceback
    ):  # fmt: skip
        raise damaged from None
    if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES or len(wrapped) != DEK_BYTES + 16:
        raise damaged
    if not isinstance(ident, str):
        raise damaged
    if db_salt is not None and len(db_salt) != DB_SALT_BYTES:
        raise damaged
    params = checked_params({k: kdf.get(k) for k in ("time_cost", "memory_kib", "parallelism")})
    return Header(params, salt, nonce, wrapped, ident, db_salt)


def read(path: Path) -> Header:
    try:
        # Never follows a link and never blocks: a FIFO here used to hang for good.
        fd = open_for_reading(path, "the vault's key header")
    except FileNotFoundError:
        raise HeaderDamaged(
            "The vault's key header is missing. Restore it from the .bak beside it, "
            "or open the vault with your recovery key (quietroom recover)."
        ) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_HEADER_BYTES + 1)
    except OSError as exc:  # an unreadable sector, a disk that went away
        raise StorageFailure(
            f"Could not read the vault's key header ({exc.strerror or exc}). Check that "
            f"{path.name} is a file you can read."
        ) from None
    if len(data) > MAX_HEADER_BYTES:
        data = b""  # far too big to be a header: parse() names it damaged
    return parse(data)


def spare_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write(path: Path, header: Header) -> list[str]:
    """Write the header and its `.bak` spare; return warnings for steps after the change stood.

    The `.bak` is a spare against later damage (a bad sector, an accidental edit),
    not a history: after a passphrase change it must not keep opening with the old
    passphrase, or changing a passphrase that leaked would protect nothing.

    The spare is written first and the live header last, so the rename of the live
    header is the one moment the change happens. A kill before it leaves the live
    header as it was (it opens with the old passphrase, as the unfinished command
    never said otherwise) and a spare that `mend_spare` puts right at the next open;
    no file ever keeps opening with a passphrase after it was reported changed.
    """
    data = header.to_bytes()
    spare = spare_path(path)
    try:
        write_private_atomic(spare, data, "the header's spare copy (.bak)")
        write_private_atomic(path, data, "the key header")
    except VaultError:
        if _content(path) == data:  # renamed into place; only the folder's fsync failed
            return ["The new key header is in place, but the disk did not confirm the write."]
        with contextlib.suppress(VaultError):  # the spare goes back to matching the live one
            mend_spare(path)
        raise
    return []


def mend_spare(path: Path) -> bool:
    """Make the `.bak` a copy of the live header again, if it is not; True if it was rewritten.

    Call only once the live header has opened the vault: a change stopped between the
    two writes leaves a spare that no longer matches it."""
    current = _content(path)
    if current is None or _content(spare_path(path)) == current:
        return False
    write_private_atomic(spare_path(path), current, "the header's spare copy (.bak)")
    return True


def _content(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_HEADER_BYTES + 1)
    except OSError:
        return None


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)
