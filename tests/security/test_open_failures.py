"""Opening a vault names each failure as what it is: "damaged" only for real damage.

The tests run as root here, and root ignores permission bits, so a chmod alone
cannot refuse anything. `_as_the_owner` makes `os.access` answer from the mode
bits as the file's owner would see them; the chmod itself is real.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.security._util import snapshot
from vault import vault as vault_module
from vault.errors import CannotOpen, DatabaseDamaged, DiskFull, StorageFailure, VaultError
from vault.storage import db as db_module
from vault.vault import Vault

REPO = Path(__file__).resolve().parents[2]
LINK_REFUSED = "symbolic link"


def _as_the_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    def access(path: object, mode: int, **_kwargs: object) -> bool:
        bits = os.stat(path).st_mode  # type: ignore[arg-type]
        wanted = {os.R_OK: stat.S_IRUSR, os.W_OK: stat.S_IWUSR, os.X_OK: stat.S_IXUSR}
        return all(bits & bit for flag, bit in wanted.items() if mode & flag)

    monkeypatch.setattr(os, "access", access)


def _refused(root: Path, error: type[VaultError] = CannotOpen) -> str:
    before = snapshot(root)
    with pytest.raises(error) as caught:
        Vault.open(root, PASSPHRASE)
    assert type(caught.value) is error
    assert snapshot(root) == before, "a refused open changed a file"
    message = caught.value.message
    assert "restore" not in message.lower() and "is damaged" not in message
    return message


# -- permissions ---------------------------------------------------------------------


def test_a_folder_the_user_cannot_write_in_is_named(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_the_owner(monkeypatch)
    root.chmod(0o500)
    try:
        message = _refused(root)
    finally:
        root.chmod(0o700)
    assert str(root) in message and "write permission on that folder" in message
    monkeypatch.undo()
    Vault.open(root, PASSPHRASE).close()


def test_a_read_only_database_file_is_named(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_the_owner(monkeypatch)
    (root / "quietroom.db").chmod(0o400)
    message = _refused(root)
    assert "quietroom.db is read-only for you" in message and "chmod u+rw" in message


def test_a_database_file_the_user_cannot_read_is_named(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_the_owner(monkeypatch)
    (root / "quietroom.db").chmod(0o000)
    try:
        message = _refused(root)
    finally:
        (root / "quietroom.db").chmod(0o600)
    assert "permission to read" in message and "quietroom.db" in message


def test_a_read_only_disk_is_named(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_statvfs = os.statvfs

    class ReadOnly:
        def __init__(self, real: os.statvfs_result) -> None:
            self._real = real
            self.f_flag = real.f_flag | os.ST_RDONLY

        def __getattr__(self, name: str) -> object:
            return getattr(self._real, name)

    monkeypatch.setattr(os, "access", lambda path, mode, **_: not mode & os.W_OK)
    monkeypatch.setattr(os, "statvfs", lambda path: ReadOnly(real_statvfs(path)))
    message = _refused(root)
    assert "is read-only" in message and "disk you can write to" in message


# -- links and working files ---------------------------------------------------------------


def test_a_wal_that_is_a_symlink_is_refused_and_never_followed(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (root / "quietroom.db-wal").symlink_to(elsewhere)
    message = _refused(root)
    assert LINK_REFUSED in message and "quietroom.db-wal" in message
    assert not elsewhere.exists()


@pytest.mark.parametrize("name", ["quietroom.db", "quietroom.header.json"])
def test_a_vault_file_that_is_a_symlink_is_refused(root: Path, tmp_path: Path, name: str) -> None:
    real = tmp_path / "moved"
    (root / name).rename(real)
    (root / name).symlink_to(real)
    message = _refused(root)
    assert LINK_REFUSED in message and name in message


@pytest.mark.parametrize("name", ["quietroom.db-wal", "quietroom.db-shm"])
def test_a_folder_in_place_of_a_working_file_is_named(root: Path, name: str) -> None:
    (root / name).mkdir()
    message = _refused(root)
    assert f"{name} is a folder, not a file" in message


def test_a_working_file_sqlite_cannot_create_is_not_called_damage(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the checks made up front, SQLite's own error code still names it truly."""
    for module in (db_module, vault_module):
        monkeypatch.setattr(module, "refuse_unusable_surroundings", lambda database: None)
    (root / "quietroom.db-wal").mkdir()  # SQLITE_CANTOPEN, as in a folder it may not write in
    message = _refused(root)
    assert "could not create the vault's working files" in message and str(root) in message


# -- a full disk -----------------------------------------------------------------------------

OPEN_IN_ANOTHER_PROCESS = """
import json, os, resource, signal, sys
from pathlib import Path
from vault.errors import VaultError
from vault.vault import Vault

if sys.argv[2] == "no-space-left":
    real = os.statvfs
    class Full:
        def __init__(self, path):
            self._real = real(path)
            self.f_bavail = 0
        def __getattr__(self, name):
            return getattr(self._real, name)
    os.statvfs = Full
if sys.argv[2] != "as-it-is":
    # No file may grow past 16 KiB: SQLite's first write on open (sizing the -shm
    # file) fails with a real SQLITE_IOERR, as it does on a disk with no space left.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, resource.RLIM_INFINITY))
try:
    Vault.open(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n")).close()
except VaultError as exc:
    print(json.dumps([type(exc).__name__, exc.message]))
else:
    print(json.dumps(["opened", ""]))
"""


def _open_elsewhere(root: Path, how: str, prefix: list[str] | None = None) -> tuple[str, str]:
    done = subprocess.run(
        [*(prefix or []), sys.executable, "-c", OPEN_IN_ANOTHER_PROCESS, str(root), how],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
    )
    kind, message = json.loads(done.stdout)
    return kind, message


def _without_root_powers() -> list[str]:
    """A command prefix under which permission bits apply, as for any user."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permission bits cannot be tested for real")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"]


def test_a_real_chmod_500_folder_is_named_not_called_damage(root: Path) -> None:
    prefix = _without_root_powers()
    (root / "quietroom.lock").touch()  # left by every earlier open: the lock is not what fails
    root.chmod(0o500)
    try:
        kind, message = _open_elsewhere(root, "as-it-is", prefix)
    finally:
        root.chmod(0o700)
    assert kind == CannotOpen.__name__
    assert str(root) in message and "write permission on that folder" in message


def test_a_real_read_only_database_is_named(root: Path) -> None:
    prefix = _without_root_powers()
    (root / "quietroom.db").chmod(0o400)
    kind, message = _open_elsewhere(root, "as-it-is", prefix)
    assert kind == CannotOpen.__name__
    assert "quietroom.db is read-only for you" in message


def _vault_files(root: Path) -> dict[str, str]:
    """The database and headers; SQLite may leave an empty -wal and a -shm behind."""
    return {name: digest for name, digest in snapshot(root).items() if "-" not in name}


def test_a_full_disk_when_opening_is_named_a_full_disk(root: Path) -> None:
    before = _vault_files(root)
    kind, message = _open_elsewhere(root, "no-space-left")
    assert kind == DiskFull.__name__
    assert "is full" in message and "Free some space" in message
    assert "restore" not in message.lower() and "nothing is damaged" in message
    assert _vault_files(root) == before
    Vault.open(root, PASSPHRASE).close()


def test_a_failing_write_when_opening_is_a_disk_error_not_damage(root: Path) -> None:
    kind, message = _open_elsewhere(root, "file-size-limit")
    assert kind == CannotOpen.__name__
    assert message.startswith("The disk reported an error") and "nothing is damaged" in message


def test_real_damage_is_still_called_damage(root: Path) -> None:
    data = bytearray((root / "quietroom.db").read_bytes())
    data[100] ^= 1
    (root / "quietroom.db").write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match="a page it needs to open at all"):
        Vault.open(root, PASSPHRASE)


# -- FIFOs, devices and folders: refused at once, never a hang --------------------------------


def _open_in_a_thread(root: Path, fifo: Path | None) -> BaseException | None:
    """The open, guarded so a regression fails the test instead of hanging the suite."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            Vault.open(root, PASSPHRASE).close()
            outcome.append(None)
        except BaseException as exc:  # handed to the test below
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive() and fifo is not None:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # give the blocked reader its EOF
        worker.join(60)
        pytest.fail(f"opening the vault blocked on the FIFO {fifo.name}")
    return outcome[0]


@pytest.mark.parametrize(
    "name", ["quietroom.header.json", "quietroom.db", "quietroom.db-wal", "quietroom.db-shm"]
)
def test_a_fifo_in_place_of_a_vault_file_is_refused_at_once(root: Path, name: str) -> None:
    path = root / name
    path.unlink(missing_ok=True)
    os.mkfifo(path, 0o600)
    refusal = _open_in_a_thread(root, path)
    assert isinstance(refusal, StorageFailure)
    assert f"({name}) is a pipe (FIFO), not a file" in refusal.message or (
        f"{name} is a pipe (FIFO), not a file" in refusal.message
    )


def test_a_device_in_place_of_the_header_is_refused(root: Path) -> None:
    header = root / "quietroom.header.json"
    header.unlink()
    try:
        os.mknod(header, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, OSError):
        pytest.skip("this machine does not allow creating a device node")
    refusal = _open_in_a_thread(root, None)
    assert isinstance(refusal, StorageFailure)
    assert "is a device, not a file" in refusal.message
