"""The core and the CLI work where fcntl, resource and termios do not exist (as on Windows).

Simulated here in a subprocess (no_posix_boot.py), so the fallbacks are chosen by
what can be imported, not by sys.platform, which still says "linux".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOT = Path(__file__).with_name("no_posix_boot.py")
CORE_AND_CLI_TESTS = [
    "tests/unit/test_vault_smoke.py",
    "tests/unit/test_vault_lifecycle.py",
    "tests/unit/test_backup_verify.py",
    "tests/unit/test_cli.py",
]
CHECK = """
import sys
from pathlib import Path
import filelock
from vault.storage.hardening import harden_process
from vault.storage.lockfile import VaultLock
from vault.errors import VaultInUse
from vault.platform import folder_lock
from vault.vault import Vault
from vault.verify import PRIVACY, verify_vault
from tests.conftest import CHEAP, PASSPHRASE

root = Path(sys.argv[-1]) / "Zoë Müller" / "vault"
vault, _ = Vault.create(root, PASSPHRASE, CHEAP)
assert isinstance(vault._lock._file_lock, filelock.SoftFileLock), vault._lock._file_lock
assert vault._lock._folder_fd is None  # folders cannot be opened here
try:
    VaultLock(root / "quietroom.lock").acquire()
except VaultInUse:
    pass
else:
    raise AssertionError("a second lock was granted")
vault.close()
taken = harden_process()
assert "RLIMIT_CORE" not in taken, taken
assert sorted(m for m in ("fcntl", "resource", "termios") if m in sys.modules) == []
privacy = next(c for c in verify_vault(root, PASSPHRASE).checks if c.name == PRIVACY)
assert privacy.ok, privacy
print("fell back:", ", ".join(taken) or "nothing to harden", "|", type(vault._lock).__name__)
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BOOT), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )


def test_the_core_and_cli_unit_tests_pass_without_posix_only_modules() -> None:
    done = _run("-q", "-p", "no:cacheprovider", "-W", "ignore::UserWarning", *CORE_AND_CLI_TESTS)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_a_vault_is_created_locked_and_verified_without_them(tmp_path: Path) -> None:
    done = _run("-c", CHECK, str(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("fell back:")


def test_no_module_imports_a_posix_only_module_at_the_top() -> None:
    """Windows has no fcntl, resource or termios: importing one at the top breaks the import."""
    posix_only = ("fcntl", "resource", "termios", "pwd", "grp")
    for folder in ("vault", "screens"):
        for path in (REPO / folder).rglob("*.py"):
            for line in path.read_text("utf-8").splitlines():
                if line.startswith(("import ", "from ")):
                    module = line.split()[1].split(".")[0]
                    assert module not in posix_only, f"{path.relative_to(REPO)}: {line}"
