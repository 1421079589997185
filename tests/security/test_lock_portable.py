"""The one-process lock on every platform: no link followed, no way round it by deleting it."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import open_in_another_process
from vault.errors import StorageFailure, VaultInUse
from vault.storage import lockfile
from vault.storage.lockfile import VaultLock
from vault.vault import Vault

REPO = Path(__file__).resolve().parents[2]
LOCK = "quietroom.lock"
HOLDER = """
import sys
from pathlib import Path
from vault.vault import Vault
vault = Vault.open(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n"))
print("open", flush=True)
sys.stdin.readline()  # held until the test says so, or kills us
vault.close()
"""


@pytest.fixture
def closed_vault(tmp_path: Path) -> Path:
    """A vault in a folder whose name has a space and a non-ASCII letter, as a home folder may."""
    root = tmp_path / "Zoë Müller" / "vault"
    Vault.create(root, PASSPHRASE, CHEAP)[0].close()
    return root


@pytest.fixture
def holder(closed_vault: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the vault open, until the test ends or kills it."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(closed_vault)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert child.stdin is not None and child.stdout is not None
    watchdog = threading.Timer(120, child.kill)  # a hung child must not hang the suite
    watchdog.start()
    try:
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.flush()
        started = child.stdout.readline().strip()
        assert started == "open", child.stderr.read()  # type: ignore[union-attr]
        yield child
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def test_deleting_the_lock_file_does_not_let_a_second_process_in(
    closed_vault: Path, holder: subprocess.Popen[str]
) -> None:
    (closed_vault / LOCK).unlink()
    kind, message = open_in_another_process(closed_vault, PASSPHRASE)
    assert kind == "VaultInUse", message
    assert message.startswith("This vault is already open")
    with pytest.raises(VaultInUse, match="already open"):
        Vault.open(closed_vault, PASSPHRASE)


def test_deleting_the_lock_file_in_this_process_is_no_way_in_either(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE):
        (closed_vault / LOCK).unlink()
        assert open_in_another_process(closed_vault, PASSPHRASE)[0] == "VaultInUse"
    assert open_in_another_process(closed_vault, PASSPHRASE) == ("opened", "")


def test_a_killed_holder_releases_the_vault(
    closed_vault: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(VaultInUse):
        Vault.open(closed_vault, PASSPHRASE)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        assert vault.clients.count() == 0


def test_a_holder_that_closes_lets_the_next_one_in(
    closed_vault: Path, holder: subprocess.Popen[str]
) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == 0
    Vault.open(closed_vault, PASSPHRASE).close()


def test_a_link_planted_at_the_lock_file_is_refused_not_followed(
    closed_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.txt"
    (closed_vault / LOCK).unlink()
    (closed_vault / LOCK).symlink_to(target)
    with pytest.raises(StorageFailure) as caught:
        Vault.open(closed_vault, PASSPHRASE)
    assert "will not follow it" in caught.value.message
    assert "Remove it" in caught.value.message
    assert not target.exists()
    (closed_vault / LOCK).unlink()
    Vault.open(closed_vault, PASSPHRASE).close()


def test_a_link_to_an_existing_file_leaves_that_file_alone(
    closed_vault: Path, tmp_path: Path
) -> None:
    target = tmp_path / "someone else's file"
    target.write_bytes(b"untouched")
    target.chmod(0o644)
    (closed_vault / LOCK).unlink()
    (closed_vault / LOCK).symlink_to(target)
    with pytest.raises(StorageFailure, match="will not follow it"):
        Vault.open(closed_vault, PASSPHRASE)
    assert target.read_bytes() == b"untouched"
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_something_other_than_a_file_at_the_lock_is_a_sentence(
    closed_vault: Path, kind: str
) -> None:
    lock = closed_vault / LOCK
    lock.unlink()
    if kind == "folder":
        lock.mkdir()
    else:
        os.mkfifo(lock)
    with pytest.raises(StorageFailure, match="something other than a plain file"):
        Vault.open(closed_vault, PASSPHRASE)


def test_a_lock_file_swapped_while_locking_is_refused(tmp_path: Path) -> None:
    """What the check after locking sees when another file was renamed into the lock's place."""
    lock = VaultLock(tmp_path / LOCK)
    other = tmp_path / "other"
    other.write_bytes(b"")
    (tmp_path / LOCK).write_bytes(b"")
    fd = os.open(other, os.O_RDONLY)
    try:
        with pytest.raises(StorageFailure, match="changed while Quietroom was opening"):
            lock._still_ours(fd)
    finally:
        os.close(fd)


def test_a_lock_taken_in_one_thread_is_released_in_another(closed_vault: Path) -> None:
    """The app may close the vault from a worker thread; the lock must really be let go."""
    vault = Vault.open(closed_vault, PASSPHRASE)
    closer = threading.Thread(target=vault.close)
    closer.start()
    closer.join(timeout=30)
    assert open_in_another_process(closed_vault, PASSPHRASE) == ("opened", "")


def test_the_lock_file_is_private(closed_vault: Path) -> None:
    lock = closed_vault / LOCK
    lock.chmod(0o644)
    with Vault.open(closed_vault, PASSPHRASE):
        assert lock.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP])
def test_a_disk_that_cannot_lock_files_is_named(
    closed_vault: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Some network shares refuse flock; that is said, not blamed on write permission."""

    class NoLocks:
        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def acquire(self, *_args: object, **_kwargs: object) -> None:
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(lockfile.filelock, "FileLock", NoLocks)
    with pytest.raises(StorageFailure) as caught:
        Vault.open(closed_vault, PASSPHRASE)
    assert "cannot lock files" in caught.value.message
    assert "own disk" in caught.value.message
