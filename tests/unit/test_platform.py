"""Each platform piece picks what this Python can do, and skips quietly what it cannot."""

from __future__ import annotations

import ctypes
import errno
import os
import shlex
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import filelock
import pytest

from tests.conftest import CHEAP, PASSPHRASE
from vault.errors import VaultInUse
from vault.platform import (
    core_dumps,
    folder_access,
    folder_lock,
    linux_dumpable,
    windows_acl,
    windows_errors,
)
from vault.storage import fsutil, lockfile
from vault.storage.hardening import harden_process
from vault.storage.lockfile import VaultLock
from vault.vault import Vault
from vault.verify import PRIVACY, verify_vault

# -- hardening ----------------------------------------------------------------------


def test_core_dumps_are_switched_off_where_resource_limits_exist() -> None:
    import resource

    assert core_dumps.switch_off()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def test_without_resource_limits_core_dumps_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource now raises ImportError
    assert core_dumps.resource_module() is None
    assert not core_dumps.switch_off()


def test_prctl_is_used_where_the_c_library_has_it() -> None:
    assert linux_dumpable.prctl_function() is not None
    assert linux_dumpable.switch_off()


def test_without_prctl_nothing_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linux_dumpable.ctypes, "CDLL", lambda *_a, **_k: SimpleNamespace())
    assert linux_dumpable.prctl_function() is None
    assert not linux_dumpable.switch_off()


def test_without_a_c_library_to_load_nothing_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    def windows_like(*_args: object, **_kwargs: object) -> None:
        raise TypeError("cannot load None")

    monkeypatch.setattr(linux_dumpable.ctypes, "CDLL", windows_like)
    assert not linux_dumpable.switch_off()


class FakeKernel32:
    def __init__(self, *, wer: bool = True) -> None:
        self.calls: list[tuple[str, tuple[int, ...]]] = []
        if wer:
            self.WerSetFlags = self._record("WerSetFlags", 0)

    def _record(self, name: str, result: int) -> Any:
        def call(*args: int) -> int:
            self.calls.append((name, args))
            return result

        return call

    @property
    def GetErrorMode(self) -> Any:  # noqa: N802 - the Windows name
        return self._record("GetErrorMode", 0x8000)

    @property
    def SetErrorMode(self) -> Any:  # noqa: N802 - the Windows name
        return self._record("SetErrorMode", 0)


def test_on_windows_error_dialogs_and_heap_in_reports_are_switched_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kernel32 = FakeKernel32()
    runtime = SimpleNamespace(calls=[])
    runtime._set_abort_behavior = lambda *args: runtime.calls.append(args)
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(windows_errors, "_c_runtime", lambda: runtime)

    assert windows_errors.switch_off() == ["SetErrorMode", "WerSetFlags", "_set_abort_behavior"]
    assert ("SetErrorMode", (0x8000 | 0x1 | 0x2,)) in kernel32.calls  # earlier bits are kept
    assert ("WerSetFlags", (windows_errors.WER_FAULT_REPORTING_FLAG_NOHEAP,)) in kernel32.calls
    assert runtime.calls == [(0, windows_errors.CALL_REPORTFAULT)]


def test_a_missing_windows_api_is_skipped_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        ctypes, "windll", SimpleNamespace(kernel32=FakeKernel32(wer=False)), raising=False
    )
    monkeypatch.setattr(windows_errors, "_c_runtime", lambda: None)
    assert windows_errors.switch_off() == ["SetErrorMode"]


def test_a_windows_call_that_fails_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kernel32 = FakeKernel32()

    def refused(*_args: int) -> int:
        raise OSError(5, "Access is denied")

    kernel32.WerSetFlags = refused
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(windows_errors, "_c_runtime", lambda: None)
    assert windows_errors.switch_off() == ["SetErrorMode"]


def test_outside_windows_no_windows_step_is_taken() -> None:
    assert windows_errors.windows_dlls() is None
    assert windows_errors.switch_off() == []


def test_hardening_on_linux_takes_both_steps() -> None:
    assert harden_process() == ["RLIMIT_CORE", "PR_SET_DUMPABLE"]


def test_hardening_with_nothing_available_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resource", None)
    monkeypatch.setattr(linux_dumpable, "prctl_function", lambda: None)
    assert harden_process() == []


# -- the one-process lock -----------------------------------------------------------


def test_the_lock_uses_the_kernel_where_flock_exists(tmp_path: Path) -> None:
    lock = VaultLock(tmp_path / "quietroom.lock")
    lock.acquire()
    try:
        assert isinstance(lock._file_lock, filelock.UnixFileLock)
        assert lock._folder_fd is not None  # the second guard is held too
    finally:
        lock.release()
    assert not lock.held and lock._folder_fd is None


def test_without_any_kernel_lock_a_marker_lock_still_refuses_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lockfile, "native_locks_available", lambda: False)
    monkeypatch.setattr(folder_lock, "can_lock_folders", lambda: False)
    first = VaultLock(tmp_path / "quietroom.lock")
    first.acquire()
    assert isinstance(first._file_lock, filelock.SoftFileLock)
    assert first._folder_fd is None
    with pytest.raises(VaultInUse):
        VaultLock(tmp_path / "quietroom.lock").acquire()
    first.release()
    VaultLock(tmp_path / "quietroom.lock").acquire()


def test_native_locks_are_found_by_what_can_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    assert lockfile.native_locks_available()
    monkeypatch.setattr(filelock, "unix_has_fcntl", False)
    assert not lockfile.native_locks_available()  # no fcntl and no msvcrt here
    monkeypatch.setattr(
        lockfile.importlib.util, "find_spec", lambda name: object() if name == "msvcrt" else None
    )
    assert lockfile.native_locks_available()


def test_folders_are_locked_only_where_they_can_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert folder_lock.can_lock_folders()
    monkeypatch.delattr(os, "O_DIRECTORY")  # as on Windows
    assert not folder_lock.can_lock_folders()
    assert folder_lock.hold(tmp_path) is None


def test_a_folder_held_twice_is_busy(tmp_path: Path) -> None:
    fd = folder_lock.hold(tmp_path)
    try:
        with pytest.raises(folder_lock.FolderBusy):
            folder_lock.hold(tmp_path)
    finally:
        folder_lock.let_go(fd)
    folder_lock.let_go(folder_lock.hold(tmp_path))


def test_a_file_system_without_flock_on_folders_falls_back_to_the_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(_fd: int, *, blocking: bool) -> bool:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(folder_lock.filelock, "lock_descriptor", unsupported)
    assert folder_lock.hold(tmp_path) is None


# -- private files ------------------------------------------------------------------


def test_without_folder_descriptors_a_rename_is_not_synced_by_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.delattr(os, "O_DIRECTORY")
    monkeypatch.setattr(fsutil.os, "open", lambda *args, **kw: opened.append(args))
    fsutil.fsync_dir(tmp_path)
    assert opened == []


def test_without_fchmod_private_files_are_made_private_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "Zoë's header.json"
    fsutil.write_private_atomic(target, b"{}", "the key header")
    assert target.read_bytes() == b"{}"
    assert target.stat().st_mode & 0o777 == 0o600


def test_private_files_are_written_byte_for_byte_where_text_mode_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows os.open is in text mode unless O_BINARY is given; it would turn \n into \r\n."""
    seen: list[int] = []
    real_open = os.open

    def recording_open(path: Any, flags: int, mode: int = 0o777) -> int:
        seen.append(flags)
        return real_open(path, flags, mode)

    monkeypatch.setattr(
        fsutil, "BINARY", 0x8000
    )  # Windows' O_BINARY (O_LARGEFILE to Linux: harmless)
    monkeypatch.setattr(fsutil.os, "open", recording_open)
    fsutil.write_private_atomic(tmp_path / "header.json", b"{\n}\n", "the key header")
    assert seen and seen[0] & 0x8000
    assert (tmp_path / "header.json").read_bytes() == b"{\n}\n"


# -- who can open the vault folder --------------------------------------------------


@pytest.fixture
def private_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Zoë Müller" / "vault"
    fsutil.ensure_private_dir(folder)
    fsutil.write_private_atomic(folder / "quietroom.db", b"x", "the database")
    return folder


def test_a_private_folder_is_reported_private(private_folder: Path) -> None:
    ok, sentence = folder_access.posix(private_folder, os.geteuid())
    assert ok and sentence.startswith("only your account")


def test_a_folder_others_can_open_is_named_with_the_fix(private_folder: Path) -> None:
    private_folder.chmod(0o755)
    ok, sentence = folder_access.posix(private_folder, os.geteuid())
    assert not ok
    assert (
        "other accounts" in sentence and f"chmod 700 {shlex.quote(str(private_folder))}" in sentence
    )


def test_a_file_others_could_read_is_named(private_folder: Path) -> None:
    (private_folder / "quietroom.db").chmod(0o644)
    ok, sentence = folder_access.posix(private_folder, os.geteuid())
    assert not ok and "quietroom.db" in sentence and "chmod 600" in sentence


def test_a_folder_owned_by_another_account_is_named(private_folder: Path) -> None:
    ok, sentence = folder_access.posix(private_folder, os.geteuid() + 4242)
    assert not ok and "belongs to another account" in sentence


def test_root_checking_someone_elses_vault_is_not_told_it_belongs_to_another(
    private_folder: Path,
) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another account needs root")
    os.chown(private_folder, 4242, -1)
    assert folder_access.posix(private_folder, 0)[0]
    assert not folder_access.posix(private_folder, 4343)[0]


def test_a_folder_that_cannot_be_read_is_not_called_private_or_shared(tmp_path: Path) -> None:
    ok, sentence = folder_access.posix(tmp_path / "gone", os.geteuid())
    assert ok and sentence.startswith("not checked")


def test_on_windows_the_access_list_decides(
    private_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = "S-1-5-21-1-2-3-1001"
    monkeypatch.setattr(windows_acl, "available", lambda: True)
    monkeypatch.setattr(windows_acl, "current_user_sid", lambda: me)
    monkeypatch.setattr(
        windows_acl, "folder_sddl", lambda _f: f"O:{me}D:P(A;OICI;FA;;;{me})(A;OICI;FR;;;BU)"
    )
    ok, sentence = folder_access.check(private_folder)
    assert not ok and "Users" in sentence and "Properties > Security" in sentence

    def refused(_folder: Path) -> str:
        raise OSError(5, "Access is denied")

    monkeypatch.setattr(windows_acl, "folder_sddl", refused)
    ok, sentence = folder_access.check(private_folder)
    assert ok and sentence.startswith("not checked")


ME = "S-1-5-21-1004336348-1177238915-682003330-1001"
PROFILE = f"O:{ME}D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{ME})"


@pytest.mark.parametrize(
    ("sddl", "others"),
    [
        (PROFILE, []),
        (f"O:BAD:(A;OICIIO;GA;;;CO)(A;;FA;;;{ME})(A;;FA;;;SY)", []),
        (PROFILE + "(A;OICI;0x1200a9;;;BU)", ["Users"]),
        (PROFILE + "(A;;FX;;;WD)", []),  # traverse only: nothing can be read
        (PROFILE + "(D;;FA;;;WD)", []),  # a deny entry grants nothing
        (PROFILE + "(A;OICIID;CCLCRP;;;AU)", ["Authenticated Users"]),
        (PROFILE + "(A;;WD;;;S-1-5-21-9-9-9-1002)", ["S-1-5-21-9-9-9-1002"]),  # may grant itself
        ("O:S-1-5-21-9-9-9-1002D:P(A;;FA;;;SY)", ["S-1-5-21-9-9-9-1002"]),  # owner is someone else
        (f"O:{ME}D:NO_ACCESS_CONTROL", ["Everyone"]),
    ],
)
def test_windows_access_lists_are_read_by_sid(sddl: str, others: list[str]) -> None:
    assert windows_acl.other_readers(sddl, ME) == others


def test_a_descriptor_without_an_access_list_cannot_be_judged() -> None:
    with pytest.raises(ValueError):
        windows_acl.other_readers(f"O:{ME}", ME)


def test_windows_checks_are_not_chosen_on_linux() -> None:
    assert not windows_acl.available()


def test_verify_reports_a_vault_folder_others_can_open(vault_dir: Path) -> None:
    Vault.create(vault_dir, PASSPHRASE, CHEAP)[0].close()
    sound = verify_vault(vault_dir, PASSPHRASE)
    assert sound.ok and next(c for c in sound.checks if c.name == PRIVACY).ok

    vault_dir.chmod(0o755)
    report = verify_vault(vault_dir, PASSPHRASE)
    privacy = next(c for c in report.checks if c.name == PRIVACY)
    assert not report.ok and privacy.ok is False
    assert f"chmod 700 {shlex.quote(str(vault_dir))}" in privacy.detail
