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

from vault.consent.attachments import Attachments
from vault.consent.consents import ConsentService
from vault.consent.disclosures import DisclosureLog
from vault.consent.releases import ReleaseService
from vault.consent.templates import ConsentTemplates
from vault.errors import (
    NoVault,
    StorageFailure,
    VaultError,
    VaultExists,
    WrongPassphrase,
    WrongRecoveryKey,
)
from vault.keys import header as header_file
from vault.keys.header import DB_SALT_BYTES, DEK_BYTES
from vault.keys.kdf import KdfParams, calibrate
from vault.keys.recovery_key import format_recovery_key, parse_recovery_key
from vault.lifecycle.ending import EndingTherapy
from vault.lifecycle.keeping import RecordKeeping
from vault.records import audit_head
from vault.records.audit import AuditLog, append
from vault.records.audit_query import AuditQuery
from vault.records.clients import ClientService
from vault.records.form_drafts import FormDrafts
from vault.records.notes import NoteService
from vault.records.search import SearchService
from vault.records.settings import Settings
from vault.risk.events import RiskService
from vault.risk.measures import Measures
from vault.risk.registry import PackSet, load_packs, pack_for
from vault.risk.reviews import rules_folder
from vault.risk.rules import Pack
from vault.risk.safety_plan import SafetyPlans
from vault.storage import staging
from vault.storage.db import Connection, connect, database_salt, refuse_foreign_file, repair_salt
from vault.storage.fsutil import make_private
from vault.storage.hardening import harden_process
from vault.storage.layout import VaultLayout, refuse_unusable_surroundings
from vault.storage.lockfile import VaultLock
from vault.storage.migrations import apply_migrations
from vault.storage.store import Store, local_now
from vault.supervision.case import SupervisionService

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
        self.audit = AuditLog(self.store, self.save_audit_head)
        self.audit_query = AuditQuery(self.store)
        self.consent_templates = ConsentTemplates(self.store)
        self.consents = ConsentService(self.store)
        self.releases = ReleaseService(self.store)
        self.disclosures = DisclosureLog(self.store)
        self.attachments = Attachments(self.store)
        self.form_drafts = FormDrafts(self.store)
        self.risk = RiskService(self.store, self.settings, self.consents, self.disclosures)
        self.measures = Measures(self.store, self.rule_pack)
        self.safety_plans = SafetyPlans(self.store)
        self.supervision = SupervisionService(self.store)
        self.ending = EndingTherapy(self.store)  # issue 9 part D: episodes, follow-ups, letters
        self.retention = RecordKeeping(self.store, self.settings, self.rule_pack)
        self._packs: PackSet | None = None

    def rule_packs(self, *, reload: bool = False) -> PackSet:
        """The shipped packs and the clinician's own, read once per session (or on `reload`)."""
        if self._packs is None or reload:
            self._packs = load_packs(rules_folder())
        return self._packs

    def rule_pack(self) -> Pack:
        """The pack of the practice's jurisdiction setting (GENERIC when none matches)."""
        return pack_for(self.settings.get("jurisdiction"), self.rule_packs())

    # -- ways in ------------------------------------------------------------------

    @classmethod
    def create_staged(cls, root: Path, passphrase: str, params: KdfParams | None = None,
                      clock: Clock = local_now) -> StagedVault:  # fmt: skip
        """A new vault built in a hidden folder beside `root`; `commit()` puts it in place.

        Show `.recovery_key` before committing: a run killed in between leaves no vault
        at `root`, only a leftover that the next `create_staged` removes."""
        harden_process()
        root = Path(root)
        # The folder is renamed into place, and a rename replaces a link, not what it names.
        layout = VaultLayout(root.resolve() if root.is_symlink() else root)
        cls.check_new_location(layout.root)
        if not passphrase:
            raise WrongPassphrase("The passphrase cannot be empty.")
        staging.clean_leftovers(layout.root, "init")
        folder = staging.make_staging_dir(layout.root, "init", "the new vault")
        built = VaultLayout(folder)
        lock: VaultLock | None = None
        conn: Connection | None = None
        try:
            lock = _locked(built)
            dek = os.urandom(DEK_BYTES)
            db_salt = os.urandom(DB_SALT_BYTES)
            wrapped = header_file.wrap(dek, passphrase, params or calibrate(), db_salt=db_salt)
            conn = connect(built.database, dek, create=True, salt=db_salt)
            make_private(built.database)
            vault = cls(built, dek, conn, lock, clock)
            apply_migrations(conn, create=True)
            header_file.write(built.header, wrapped)
            vault.audit.record("create_vault")
            vault._tighten_modes()
        except BaseException:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            staging.discard(folder)  # the recovery key was never shown: nothing worth keeping
            raise
        return StagedVault(vault, layout)

    @staticmethod
    def check_new_location(root: Path) -> None:
        """Refuse an existing vault, a file or a folder holding other files, before
        anyone is asked for a passphrase."""
        _refuse_existing(Path(root))

    @classmethod
    def create(cls, root: Path, passphrase: str, params: KdfParams | None = None,
               clock: Clock = local_now) -> tuple[Vault, str]:  # fmt: skip
        """A new, empty vault put in place at once; returns it open and its recovery key.

        For tests and the demo, where nobody has to write the key down first."""
        staged = cls.create_staged(root, passphrase, params, clock)
        staged.commit()
        return staged.reopen(), staged.recovery_key

    @classmethod
    def open(cls, root: Path, passphrase: str, clock: Clock = local_now) -> Vault:
        layout = _existing(root)
        header = header_file.read(layout.header)  # damage or hostile params: refused before Argon2
        dek = header_file.unwrap(header, passphrase)
        vault = cls.open_with_key(layout, dek, "unlock", clock, salt=header.db_salt)
        vault._mend_spare_header()
        return vault

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

    def change_passphrase(
        self, current: str, new: str, params: KdfParams | None = None
    ) -> list[str]:
        """Re-wrap the data key: the database itself is not touched, so size does not matter."""
        header = header_file.read(self.layout.header)
        if header_file.unwrap(header, current) != self._dek:
            raise WrongPassphrase("That passphrase does not open this vault.")
        return self.set_passphrase(new, params or header.params)

    def current_kdf_params(self) -> KdfParams:
        """The Argon2id settings of the header in use, to re-wrap without recalibrating."""
        return header_file.read(self.layout.header).params

    def set_passphrase(self, new: str, params: KdfParams | None = None) -> list[str]:
        """Write a fresh header for the open vault's key (after recovery, or a change).

        Raises only if the change did not happen. Once the new header is in place the
        change stands, so what fails after it (the audit entry, file modes) comes back
        as warning sentences instead of an error that would say it failed."""
        if not new:
            raise WrongPassphrase("The passphrase cannot be empty.")
        warnings = header_file.write(
            self.layout.header,
            header_file.wrap(self._dek, new, params or calibrate(), db_salt=self.database_salt()),
        )
        try:
            self.audit.record("passphrase_change")
        except VaultError:
            warnings.append(
                "The change could not be added to the audit log (the vault's disk may be "
                "full or read-only); the new passphrase is in effect all the same."
            )
        try:
            self._tighten_modes()
        except OSError:
            warnings.append(
                "Could not make the key header readable by you alone; check the vault "
                "folder's permissions."
            )
        return warnings

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
        self.save_audit_head()
        self.store.close()
        self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record_event(self, action: str, subject: str = "", detail: str = "") -> None:
        with self.store.writing("the audit entry") as conn:
            append(conn, self.store.utc_iso(), action, subject, detail)
        self.save_audit_head()

    def save_audit_head(self) -> None:
        """Copy the chain's last entry to audit.head (see vault/records/audit_head.py).

        Best effort: a disk that refuses it leaves the file behind the chain, which
        `verify` accepts, and must never stop a save, a lock or a quit."""
        with contextlib.suppress(VaultError, OSError):
            with self.store.reading() as conn:
                head = audit_head.last_entry(conn)
            if head is not None:
                audit_head.write(self.layout.root, self._dek, head)

    def _mend_spare_header(self) -> None:
        """A passphrase change stopped between its two writes leaves a `.bak` that no
        longer matches; the live header has just opened the vault, so copy it back."""
        with contextlib.suppress(VaultError):  # a read-only disk must not stop the unlock
            header_file.mend_spare(self.layout.header)

    def _tighten_modes(self) -> None:
        for path in (self.layout.database, self.layout.header, self.layout.header_backup,
                     self.layout.lock, *self.layout.sidecars()):  # fmt: skip
            make_private(path)


class StagedVault:
    """A new vault, complete and open, in a hidden folder until `commit()`."""

    def __init__(self, vault: Vault, target: VaultLayout) -> None:
        self._vault = vault
        self.target = target
        self.recovery_key = vault.recovery_key
        self.settings = vault.settings
        self._salt = vault.database_salt()  # read now: commit() closes the connection

    def commit(self) -> None:
        """Close the built vault and rename its folder to the target.

        Everything is closed first, the lock included: Windows refuses to rename a
        folder holding an open file, and a marker-file lock would travel with the
        folder and refuse the first unlock. Only another `init` of the same target,
        run in that instant, could mistake the folder for a leftover."""
        built = self._vault.layout.root
        self._vault.close()
        try:
            staging.move_into_place(built, self.target.root, "the new vault")
        except BaseException:
            staging.discard(built)
            raise

    def discard(self) -> None:
        self._vault.close()
        staging.discard(self._vault.layout.root)

    def reopen(self) -> Vault:
        """The committed vault, open again without an unlock entry in the audit log."""
        layout = self.target
        lock = _locked(layout)
        try:
            conn = connect(layout.database, self._vault.raw_key(), salt=self._salt)
        except BaseException:
            lock.release()
            raise
        return Vault(layout, self._vault.raw_key(), conn, lock, self._vault.store.clock)


def _refuse_existing(root: Path) -> None:
    layout = VaultLayout(root)
    if layout.exists():
        raise VaultExists(
            f"There is already a vault in {layout.root}; Quietroom will not overwrite it."
        )
    try:
        used = layout.root.is_dir() and any(layout.root.iterdir())
    except OSError as exc:
        raise StorageFailure(
            f"Could not look inside {layout.root}: {exc.strerror or exc}. "
            "Choose a folder you can read and write."
        ) from None
    if used:
        raise VaultExists(
            f"{layout.root} already holds other files. Give a new or empty folder for the vault."
        )
    if layout.root.exists() and not layout.root.is_dir():
        raise VaultExists(
            f"{layout.root} is a file, where Quietroom needs a folder; choose another place."
        )
    for parent in layout.root.parents:  # nearest existing ancestor: it must be a folder
        if parent.exists():
            if not parent.is_dir():
                raise VaultExists(
                    f"Part of {layout.root} is a file, where Quietroom needs a folder; "
                    "choose another place."
                )
            break


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
