"""kill -9 in the middle of writing: every note reported as saved is there afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import sqlcipher3

from tests.conftest import CHEAP, PASSPHRASE
from vault.vault import Vault

HELPER = Path(__file__).with_name("write_loop.py")


def test_notes_reported_saved_survive_sigkill(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)  # a cheap header for the child
    vault.close()
    child = subprocess.Popen(
        [sys.executable, str(HELPER), str(vault_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    watchdog = threading.Timer(120, child.kill)  # a hung child must not hang the suite
    watchdog.start()
    child.stdin.write(PASSPHRASE + "\n")
    child.stdin.flush()
    reported: list[tuple[int, int]] = []
    try:
        for line in child.stdout:
            note_id, count = line.split()
            reported.append((int(note_id), int(count)))
            if len(reported) >= 25:
                break
        else:
            raise AssertionError(f"the writer stopped early: {child.stderr.read()}")  # type: ignore[union-attr]
        os.kill(child.pid, signal.SIGKILL)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert (vault_dir / "quietroom.db-wal").exists()  # the crash left the log to replay

    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        last_id, last_count = reported[-1]
        last = reopened.notes.get(last_id)
        assert last.body.startswith(f"note number {last_count} ")
        for note_id, count in reported:
            note = reopened.notes.get(note_id)
            assert note.body.startswith(f"note number {count} ")
            if count % 3 == 0:
                assert note.is_signed
        assert reopened.notes.verify_signatures() == []
        assert reopened.audit.verify() > len(reported)
        conn = reopened.store._conn
        assert conn is not None
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")
        key = reopened.raw_key()

    raw = sqlcipher3.connect(str(vault_dir / "quietroom.db"))
    try:
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        raw.close()
