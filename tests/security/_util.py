"""Helpers for the adversarial tests: file snapshots and re-sealed headers."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

LOCK_NAME = "quietroom.lock"
REPO = Path(__file__).resolve().parents[2]
_SECOND_OPENER = """
import sys
from pathlib import Path
from vault.errors import VaultError
from vault.vault import Vault
try:
    Vault.open(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n")).close()
except VaultError as exc:
    print(type(exc).__name__, exc.message, sep="|")
else:
    print("opened|")
"""


def open_in_another_process(root: Path, passphrase: str) -> tuple[str, str]:
    """Try to open the vault from a second Python process: ("opened", "") or the
    error's class name and sentence."""
    done = subprocess.run(
        [sys.executable, "-c", _SECOND_OPENER, str(root)],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    assert done.stderr == ""
    kind, message = done.stdout.strip().split("|", 1)
    return kind, message


def snapshot(root: Path, *, skip_lock: bool = True) -> dict[str, str]:
    """SHA-256 of every file under `root`, by relative path (the lock file aside)."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not (skip_lock and path.name == LOCK_NAME)
    }


def canonical(value: object) -> bytes:
    """The checksum's input, written independently of vault/keys/header.py on purpose."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def reseal(doc: dict[str, Any]) -> bytes:
    """A header document with a valid checksum, as an attacker (or a bug) would write it."""
    body = {key: value for key, value in doc.items() if key != "checksum"}
    body["checksum"] = hashlib.sha256(canonical(body)).hexdigest()
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")


def load_header(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_bytes())
    return doc


def flip_bit(path: Path, offset: int, bit: int = 0) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 1 << bit
    path.write_bytes(bytes(data))
