"""One small error hierarchy. Every message is a sentence a therapist can act on.

The CLI prints `message` and exits 1; the TUI shows it in a notification or on
the unlock screen. No error carries a passphrase, a key or note text.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every error the core raises on purpose."""

    title = "Vault error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoVault(VaultError):
    title = "No vault here"


class WrongPassphrase(VaultError):
    title = "Wrong passphrase"


class WrongRecoveryKey(VaultError):
    title = "Wrong recovery key"


class HeaderDamaged(VaultError):
    title = "Key header damaged"


class DatabaseDamaged(VaultError):
    title = "Database damaged"


class NotAVault(VaultError):
    title = "Not a Quietroom vault"


class HostileParameters(VaultError):
    title = "Unsafe key parameters"


class VaultInUse(VaultError):
    title = "Vault already open"


class VaultExists(VaultError):
    title = "Vault already exists"


class DiskFull(VaultError):
    title = "Disk full"


class StorageFailure(VaultError):
    title = "Could not write to the vault"


class CannotOpen(StorageFailure):
    """The vault's files are there but cannot be used as they are: a folder we may not
    write in, a read-only file, a link or a FIFO in a file's place, a failing disk.
    Nothing is damaged, so the advice is never "restore a backup"."""

    title = "Could not open the vault"


class RecordNotFound(VaultError):
    title = "Not found"


class SignedNoteReadOnly(VaultError):
    title = "Signed note"


class InvalidRecord(VaultError):
    """Input that fails validation; `field` names the field at fault."""

    title = "Check this field"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class SearchSyntax(VaultError):
    title = "Search"


class ImportRejected(VaultError):
    title = "Import refused"


class AuditChainBroken(VaultError):
    title = "Audit log tampered"


class VaultLocked(VaultError):
    title = "Vault locked"


class DisclosureChainBroken(VaultError):
    title = "Disclosure log tampered with"


class ReleaseNotValid(VaultError):
    """An export or form was asked of a release that is not valid today; the message says why."""

    title = "Release not valid"
