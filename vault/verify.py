"""Checking a vault from the key header down to every signed note, and naming what is wrong.

The checks run in order; one that cannot run because an earlier one failed is
reported as not run rather than guessed at. Nothing is written: no migration,
no audit entry, so verifying a damaged vault never makes it worse. (Repairing the
search index is a separate step, `rebuild_search_index`, that the user asks for.)

No detail ever quotes SQLite's own error text: it can quote a record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from vault.consent.disclosures import DisclosureLog
from vault.errors import (
    AuditChainBroken,
    DatabaseDamaged,
    DisclosureChainBroken,
    NoVault,
    VaultError,
    WrongPassphrase,
)
from vault.keys import header as header_file
from vault.platform import folder_access
from vault.records import audit_head
from vault.records.audit import AuditLog
from vault.records.notes import NoteService
from vault.storage.db import Connection, connect
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock
from vault.storage.migrations import require_vault_schema
from vault.storage.store import Store
from vault.vault import Vault

PAGE_NUMBER = re.compile(r"\bpage (\d+)")

HEADER = "Key header"
UNLOCK = "Passphrase"
SPARE = "Spare key header (.bak)"
ENCRYPTION = "Encrypted pages (cipher_integrity_check)"
STRUCTURE = "Database structure (integrity_check)"
SEARCH_INDEX = "Search index"
AUDIT = "Audit log chain"
AUDIT_HEAD = "Audit log head (audit.head)"
DISCLOSURES = "Disclosure log chain"
SIGNATURES = "Signed notes"
PRIVACY = "Folder privacy"
UNREADABLE = "Could not be checked: part of the database is damaged (see above)."
NOT_READ = "Could not be checked: reading this part of the database failed. Run verify again."
ORDER = (
    HEADER, UNLOCK, SPARE, ENCRYPTION, STRUCTURE, SEARCH_INDEX, AUDIT, DISCLOSURES, SIGNATURES,
    AUDIT_HEAD,
)  # fmt: skip
FTS_TABLE = "notes_fts"  # the full-text index, as named in vault/storage/migrations.py
# rank = 1: also compare the index with the notes it indexes (an external content table).
FTS_CHECK = f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
FTS_REBUILD = f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')"


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
        report.add(HEADER, False, _header_advice(layout, exc.message, passphrase))
        return report.skip_rest("Not run: the data key is wrapped in the header.")
    report.add(HEADER, True, "intact; its checksum matches and its parameters are safe.")
    try:
        dek = header_file.unwrap(header, passphrase)
    except VaultError as exc:
        report.add(UNLOCK, False, exc.message + _spare_hint(layout, passphrase))
        return report.skip_rest("Not run without the right passphrase.")
    report.add(UNLOCK, True, "opens the data key.")
    _check_spare(report, layout, header, passphrase)
    _check_folder_privacy(report, layout)

    lock = VaultLock(layout.lock)
    lock.acquire()  # the TUI must not write while we read
    try:
        try:
            # The recorded salt: a flipped byte in the file's salt is not damage (opening repairs it).
            conn = connect(layout.database, dek, salt=header.db_salt)
            require_vault_schema(conn)  # an unfinished database is named, not checked as empty
        except VaultError as exc:
            report.add(ENCRYPTION, False, exc.message)
            return report.skip_rest("Not run: the database does not open.")
        try:
            _check_database(report, conn)
            _check_audit_head(report, conn, layout, dek)
        finally:
            conn.close()
    finally:
        lock.release()
    return report


def _check_folder_privacy(report: VerifyReport, layout: VaultLayout) -> None:
    """Who else can read the folder (mode bits on POSIX, the access list on Windows)."""
    report.add(PRIVACY, *folder_access.check(layout.root))


def _header_advice(layout: VaultLayout, problem: str, passphrase: str) -> str:
    spare = layout.header_backup.name
    try:
        header_file.unwrap(header_file.read(layout.header_backup), passphrase)
    except WrongPassphrase:
        return (
            f"{problem} {spare} is intact but does not open with this passphrase: "
            "use `quietroom recover` with your recovery key."
        )
    except VaultError:
        return f"{problem} {spare} is missing or damaged too: use `quietroom recover`."
    return (
        f"{problem} {spare} is intact and opens with this passphrase: copy it over "
        f"{layout.header.name} in {layout.root}."
    )


def _spare_hint(layout: VaultLayout, passphrase: str) -> str:
    """A change killed after writing the spare leaves the new passphrase only there."""
    try:
        header_file.unwrap(header_file.read(layout.header_backup), passphrase)
    except VaultError:
        return ""
    return (
        f" It does open {layout.header_backup.name}: a passphrase change to it was stopped "
        "halfway, so the vault still takes the passphrase it had before. Change it again "
        "with `quietroom passwd`."
    )


def _check_spare(
    report: VerifyReport, layout: VaultLayout, header: header_file.Header, passphrase: str
) -> None:
    """The .bak must wrap the same key under the same passphrase as the live header."""
    spare, live = layout.header_backup.name, layout.header.name
    repair = (
        f"The live header is sound: open the vault once (Quietroom then rewrites the spare), "
        f"or copy {live} over {spare} in {layout.root}."
    )
    if _bytes(layout.header_backup) == _bytes(layout.header):
        report.add(SPARE, True, "an exact copy of the key header.")
        return
    try:
        copy = header_file.read(layout.header_backup)
    except VaultError:
        report.add(SPARE, False, f"{spare} is missing or damaged. {repair}")
        return
    if copy.key_id != header.key_id:
        report.add(SPARE, False, f"{spare} wraps a different data key than {live}. {repair}")
        return
    try:
        header_file.unwrap(copy, passphrase)
    except WrongPassphrase:
        report.add(
            SPARE,
            False,
            f"{spare} opens with another passphrase than {live} (a passphrase change was "
            f"stopped halfway). {repair}",
        )
        return
    report.add(SPARE, True, "wraps the same key under the same passphrase.")


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def rebuild_search_index(root: Path, passphrase: str) -> None:
    """Rebuild the full-text index from the notes: the repair for a stale index."""
    with Vault.open(root, passphrase) as opened:
        with opened.store.writing("rebuilding the search index") as conn:
            conn.execute(FTS_REBUILD)
        opened.audit.record("rebuild_search_index")


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
        problems = ["unreadable"]
    if problems == ["ok"]:
        report.add(STRUCTURE, True, "tables and indexes are consistent.")
    else:
        # Counted, not quoted: SQLite's wording names tables and could grow to quote rows.
        report.add(
            STRUCTURE,
            False,
            f"The database is damaged ({len(problems)} problem(s) found). "
            "Restore it from a backup.",
        )

    try:
        conn.execute(FTS_CHECK)
        report.add(SEARCH_INDEX, True, "matches every note.")
    except Exception:  # stale, or an older copy of an index page put back
        report.add(
            SEARCH_INDEX,
            False,
            "The search index does not match the notes (it is stale or part of it was "
            "replaced by an older copy), so search may miss or wrongly find notes. The notes "
            "themselves are not affected: run `quietroom verify --rebuild-index`.",
        )

    store = Store(conn)
    try:
        entries = AuditLog(store).verify()
        noun = "entry" if entries == 1 else "entries"
        report.add(AUDIT, True, f"{entries:,} {noun}, chain unbroken.")
    except AuditChainBroken as exc:
        report.add(AUDIT, False, exc.message)
    except Exception as exc:  # its message could hold SQLite's words, which can quote a record
        report.add(AUDIT, False, _unread(exc))

    _check_disclosures(report, conn, store)

    try:
        bad = NoteService(store, signer=lambda: "").verify_signatures()
    except Exception as exc:  # its message could hold SQLite's words, which can quote a note
        report.add(SIGNATURES, False, _unread(exc))
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


def _check_audit_head(
    report: VerifyReport, conn: Connection, layout: VaultLayout, dek: bytes
) -> None:
    """The chain must still reach the last entry recorded outside the database."""
    chain = next((check for check in report.checks if check.name == AUDIT), None)
    if chain is None or not chain.ok:
        report.add(AUDIT_HEAD, None, "Not run: the chain itself is broken (see above).")
        return
    try:
        head = audit_head.read(layout.root, dek)
    except VaultError as exc:
        report.add(AUDIT_HEAD, False, exc.message)
        return
    if head is None:
        report.add(
            AUDIT_HEAD,
            True,
            "not recorded yet (a vault from before it was kept, or a copy made without it); "
            "Quietroom writes it the next time the vault is opened.",
        )
        return
    try:
        removed = audit_head.removed_entries(conn, head)
    except Exception as exc:  # its message could hold SQLite's words, which can quote a record
        report.add(AUDIT_HEAD, False, _unread(exc))
        return
    if removed:
        report.add(AUDIT_HEAD, False, removed)
    else:
        report.add(AUDIT_HEAD, True, f"the log still reaches entry {head.entry_id:,}.")


def _check_disclosures(report: VerifyReport, conn: Connection, store: Store) -> None:
    try:
        # A vault not opened since the disclosure log was added has none yet (verify
        # never migrates), which is not a fault.
        present = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'disclosures'"
        ).fetchone()[0]
        entries = DisclosureLog(store).verify() if present else 0
    except DisclosureChainBroken as exc:
        report.add(DISCLOSURES, False, exc.message)
        return
    except Exception as exc:  # its message could hold SQLite's words, which can quote a record
        report.add(DISCLOSURES, False, _unread(exc))
        return
    noun = "entry" if entries == 1 else "entries"
    report.add(DISCLOSURES, True, f"{entries:,} {noun}, chain unbroken.")


def _unread(exc: Exception) -> str:
    return UNREADABLE if isinstance(exc, DatabaseDamaged) else NOT_READ


def _damaged_pages(failures: list[str]) -> str:
    count = f"{len(failures)} problem(s)" if len(failures) > 1 else "1 problem"
    pages = sorted({int(n) for text in failures for n in PAGE_NUMBER.findall(str(text))})
    where = f", first at page {pages[0]}" if pages else ""
    return (
        f"The database file is damaged: {count}{where}. "
        "Restore it from a backup (quietroom backup makes verified copies)."
    )
