"""The vault: one directory holding the encrypted database and its key header.

`Vault.create`, `Vault.open` and `Vault.recover` are the only ways in; each takes
the passphrase or recovery key as an argument (only the edges prompt). A failed
open changes no byte of any file: nothing is written until the key is proven.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from vault import header as header_file
from vault.audit import AuditLog, append
from vault.clients import ClientService
from vault.db import Connection, connect, database_salt, refuse_foreign_file, repair_salt
from vault.errors import NoVault, VaultError, VaultExists, WrongPassphrase, WrongRecoveryKey
from vault.fsutil import ensure_private_dir, make_private
from vault.hardening import harden_process
from vault.header import DB_SALT_BYTES, DEK_BYTES
from vault.kdf import KdfParams, calibrate
from vault.layout import VaultLayout, refuse_unusable_surroundings
from vault.lockfile import VaultLock
from vault.migrations import apply_migrations
from vault.notes import NoteService
from vault.recovery_key import format_recovery_key, parse_recovery_key
from vault.search import SearchService
from vault.settings import Settings
from vault.store import Store, local_now

Clock = Callable[[], datetime]


class Vault:
    def __init__(self, layout: VaultLayout, dek: bytes, conn: Connection, lock: VaultLock,
                 clock: Clock = local_now) -> None:  # fmt: skip
        self.layout = layout
        self._dek = dek
        self._lock = lock
        # Sentences about something Quietroom repaired while opening, for the edges to show.
        self.notices: list[str] = []
        self.store = Store(conn, clock)
        self.settings = Settings(self.store)
        self.clients = ClientService(self.store)
        self.notes = NoteService(self.store, lambda: self.settings.signer)
        self.search = SearchService(self.store)
        self.audit = AuditLog(self.store)

    # -- ways in ------------------------------------------------------------------

    @classmethod
    def create(cls, root: Path, passphrase: str, params: KdfParams | None = None,
               clock: Clock = local_now) -> tuple[Vault, str]:  # fmt: skip
        """A new, empty vault; returns it and the recovery key to show once."""
        harden_process()
        layout = VaultLayout(Path(root))
        if layout.exists():
            raise VaultExists(
                f"There is already a vault in {layout.root}; Quietroom will not overwrite it."
            )
        if not passphrase:
            raise WrongPassphrase("The passphrase cannot be empty.")
        ensure_private_dir(layout.root)
        lock = _locked(layout)
        conn: Connection | None = None
        try:
            dek = os.urandom(DEK_BYTES)
            db_salt = os.urandom(DB_SALT_BYTES)
            wrapped = header_file.wrap(dek, passphrase, params or calibrate(), db_salt=db_salt)
            conn = connect(layout.database, dek, create=True, salt=db_salt)
            make_private(layout.database)
            vault = cls(layout, dek, conn, lock, clock)
            apply_migrations(conn, create=True)
            header_file.write(layout.header, wrapped)
            vault.audit.record("create_vault")
            vault._tighten_modes()
        except BaseException:
            if conn is not None:
                conn.close()
            # Nothing was there before (checked above) and the recovery key was never
            # shown, so a half-made vault is useless; left behind, it would block the
            # next `init` ("already a vault") and fail `open` ("header missing").
            for path in (layout.header, layout.header_backup, layout.database,
                         *layout.sidecars()):  # fmt: skip
                with contextlib.suppress(OSError):
                    path.unlink()
            lock.release()
            raise
        return vault, format_recovery_key(dek)

    @classmethod
    def open(cls, root: Path, passphrase: str, clock: Clock = local_now) -> Vault:
        layout = _existing(root)
        header = header_file.read(layout.header)  # damage or hostile params: refused before Argon2
        dek = header_file.unwrap(header, passphrase)
        return cls.open_with_key(layout, dek, "unlock", clock, salt=header.db_salt)

    @classmethod
    def recover(cls, root: Path, recovery_key: str, clock: Clock = local_now) -> Vault:
        """Open with the recovery key alone; works even when the header is lost."""
        layout = _existing(root)
        dek = parse_recovery_key(recovery_key)
        try:
            header: header_file.Header | None = header_file.read(layout.header)
        except Exception:  # a lost or damaged header is exactly what recovery is for
            header = None
        known = header.key_id if header is not None else None
        if known is not None and known != header_file.key_id(dek):
            raise WrongRecoveryKey(
                "That recovery key does not match this vault. Check each group of digits; "
                "if they are right, the key belongs to a different vault."
            )
        # With no header to check the key against, a wrong key and a damaged first
        # page look the same to SQLCipher; a mistyped key is far more likely.
        undecryptable = None if known is not None else WrongRecoveryKey(
            "That recovery key does not open this vault's database. Check each group of "
            "digits; if they are right, the database is damaged: restore it from a backup."
        )  # fmt: skip
        # With the header lost, the salt comes from the database file itself.
        salt = header.db_salt if header is not None else None
        return cls.open_with_key(
            layout, dek, "unlock_with_recovery_key", clock, undecryptable=undecryptable, salt=salt
        )

    @classmethod
    def open_with_key(
        cls, layout: VaultLayout, dek: bytes, action: str, clock: Clock = local_now,
        *, undecryptable: VaultError | None = None, salt: bytes | None = None,
    ) -> Vault:  # fmt: skip
        """The part of unlocking after Argon2: lock, connect, migrate, audit.

        `salt` is the database salt the key header recorded (None: the file's own)."""
        harden_process()
        lock = _locked(layout)
        conn: Connection | None = None
        try:
            conn = connect(layout.database, dek, salt=salt, undecryptable=undecryptable)
            repaired = repair_salt(conn, layout.database)  # the key has proved the file ours
            vault = cls(layout, dek, conn, lock, clock)
            apply_migrations(conn)
            vault.audit.record(action, "", "repaired the database salt" if repaired else "")
            if repaired:
                vault.notices.append(repaired)
        except BaseException:
            # Close before unlocking: a half-opened connection must not outlive the lock.
            if conn is not None:
                conn.close()
            lock.release()
            raise
        return vault

    # -- keys ---------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str, params: KdfParams | None = None) -> None:
        """Re-wrap the data key: the database itself is not touched, so size does not matter."""
        header = header_file.read(self.layout.header)
        if header_file.unwrap(header, current) != self._dek:
            raise WrongPassphrase("That passphrase does not open this vault.")
        self.set_passphrase(new, params or header.params)

    def current_kdf_params(self) -> KdfParams:
        """The Argon2id settings of the header in use, to re-wrap without recalibrating."""
        return header_file.read(self.layout.header).params

    def set_passphrase(self, new: str, params: KdfParams | None = None) -> None:
        """Write a fresh header for the open vault's key (after recovery, or a change)."""
        if not new:
            raise WrongPassphrase("The passphrase cannot be empty.")
        header_file.write(
            self.layout.header,
            header_file.wrap(self._dek, new, params or calibrate(), db_salt=self.database_salt()),
        )
        self.audit.record("passphrase_change")
        self._tighten_modes()

    @property
    def recovery_key(self) -> str:
        return format_recovery_key(self._dek)

    def raw_key(self) -> bytes:
        """The data key, for a backup's own connection. Never logged or shown."""
        return self._dek

    def database_salt(self) -> bytes:
        """The database's SQLCipher salt, which a key header records beside the key."""
        with self.store.reading() as conn:
            return database_salt(conn)

    # -- lifetime -----------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    def close(self) -> None:
        self.store.close()
        self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record_event(self, action: str, subject: str = "", detail: str = "") -> None:
        with self.store.writing("the audit entry") as conn:
            append(conn, self.store.utc_iso(), action, subject, detail)

    def _tighten_modes(self) -> None:
        for path in (self.layout.database, self.layout.header, self.layout.header_backup,
                     self.layout.lock, *self.layout.sidecars()):  # fmt: skip
            make_private(path)


def _existing(root: Path) -> VaultLayout:
    """The vault's layout, once its database is known to be a usable file: checked
    before Argon2 and the lock, so a folder we may not write in, a read-only file,
    a link or a FIFO is named at once and never blamed on damage."""
    layout = VaultLayout(Path(root))
    if not os.path.lexists(layout.database) and not os.path.lexists(layout.header):
        raise NoVault(
            f"There is no Quietroom vault in {layout.root}. Create one with `quietroom init`."
        )
    refuse_foreign_file(layout.database)
    refuse_unusable_surroundings(layout.database)
    return layout


def _locked(layout: VaultLayout) -> VaultLock:
    lock = VaultLock(layout.lock)
    lock.acquire()
    return lock
