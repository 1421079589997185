"""Checking a vault from the key header down to every signed note, and naming what is wrong.

The checks run in order; one that cannot run because an earlier one failed is
reported as not run rather than guessed at. Nothing is written: no migration,
no audit entry, so verifying a damaged vault never makes it worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vault import header as header_file
from vault.audit import AuditLog
from vault.db import Connection, connect
from vault.errors import DatabaseDamaged, NoVault, VaultError
from vault.layout import VaultLayout
from vault.lockfile import VaultLock
from vault.notes import NoteService
from vault.platform import folder_access
from vault.store import Store

HEADER = "Key header"
UNLOCK = "Passphrase"
ENCRYPTION = "Encrypted pages (cipher_integrity_check)"
STRUCTURE = "Database structure (integrity_check)"
AUDIT = "Audit log chain"
SIGNATURES = "Signed notes"
PRIVACY = "Folder privacy"
UNREADABLE = "Could not be checked: part of the database is damaged (see above)."
ORDER = (HEADER, UNLOCK, ENCRYPTION, STRUCTURE, AUDIT, SIGNATURES)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool | None  # None: not run, because an earlier check failed
    detail: str = ""


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def add(self, name: str, ok: bool | None, detail: str = "") -> None:
        self.checks.append(Check(name, ok, detail))

    def skip_rest(self, reason: str) -> VerifyReport:
        done = {check.name for check in self.checks}
        for name in ORDER:
            if name not in done:
                self.add(name, None, reason)
        return self


def verify_vault(root: Path, passphrase: str) -> VerifyReport:
    layout = VaultLayout(Path(root))
    if not layout.exists():
        raise NoVault(f"There is no Quietroom vault in {layout.root}.")
    report = VerifyReport()
    try:
        header = header_file.read(layout.header)
    except VaultError as exc:
        report.add(HEADER, False, _header_advice(layout, exc.message))
        return report.skip_rest("Not run: the data key is wrapped in the header.")
    report.add(HEADER, True, "intact; its checksum matches and its parameters are safe.")
    try:
        dek = header_file.unwrap(header, passphrase)
    except VaultError as exc:
        report.add(UNLOCK, False, exc.message)
        return report.skip_rest("Not run without the right passphrase.")
    report.add(UNLOCK, True, "opens the data key.")
    _check_folder_privacy(report, layout)

    lock = VaultLock(layout.lock)
    lock.acquire()  # the TUI must not write while we read
    try:
        try:
            conn = connect(layout.database, dek)
        except VaultError as exc:
            report.add(ENCRYPTION, False, exc.message)
            return report.skip_rest("Not run: the database does not open.")
        try:
            _check_database(report, conn)
        finally:
            conn.close()
    finally:
        lock.release()
    return report


def _check_folder_privacy(report: VerifyReport, layout: VaultLayout) -> None:
    """Who else can read the folder (mode bits on POSIX, the access list on Windows)."""
    report.add(PRIVACY, *folder_access.check(layout.root))


def _header_advice(layout: VaultLayout, problem: str) -> str:
    backup = layout.header_backup.name
    try:
        header_file.read(layout.header_backup)
    except VaultError:
        return f"{problem} {backup} is missing or damaged too: use `quietroom recover`."
    return (
        f"{problem} {backup} is intact (it opens with the passphrase that was in use "
        "before the last change, if there was one)."
    )


def _check_database(report: VerifyReport, conn: Connection) -> None:
    try:
        failures = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
    except Exception:  # any failure here means the file cannot be trusted
        failures = ["the check itself could not run"]
    if failures:
        report.add(ENCRYPTION, False, _damaged_pages(failures))
    else:
        report.add(ENCRYPTION, True, "every page decrypts and its HMAC matches.")

    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except Exception:  # a page that cannot be read at all
        problems = ["part of the database cannot be read"]
    if problems == ["ok"]:
        report.add(STRUCTURE, True, "tables and indexes are consistent.")
    else:
        shown = "; ".join(problems[:3]) + ("; …" if len(problems) > 3 else "")
        report.add(
            STRUCTURE, False, f"The database is damaged ({shown}). Restore it from a backup."
        )

    store = Store(conn)
    try:
        entries = AuditLog(store).verify()
        report.add(AUDIT, True, f"{entries:,} entries, chain unbroken.")
    except DatabaseDamaged:
        report.add(AUDIT, False, UNREADABLE)
    except VaultError as exc:
        report.add(AUDIT, False, exc.message)

    try:
        bad = NoteService(store, signer=lambda: "").verify_signatures()
    except DatabaseDamaged:
        report.add(SIGNATURES, False, UNREADABLE)
        return
    except VaultError as exc:
        report.add(SIGNATURES, False, exc.message)
        return
    if bad:
        listed = ", ".join(str(note_id) for note_id in bad[:10]) + (", …" if len(bad) > 10 else "")
        report.add(
            SIGNATURES,
            False,
            f"{len(bad)} signed note(s) no longer match the SHA-256 stored when they were "
            f"signed (note ids {listed}): they were altered outside Quietroom.",
        )
    else:
        report.add(SIGNATURES, True, "every signed note matches its SHA-256.")


def _damaged_pages(failures: list[str]) -> str:
    first = failures[0]
    count = f"{len(failures)} problem(s)" if len(failures) > 1 else "1 problem"
    return (
        f"The database file is damaged: {count}, first: {first}. "
        "Restore it from a backup (quietroom backup makes verified copies)."
    )
