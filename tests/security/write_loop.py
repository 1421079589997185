"""Helper for test_crash.py, run as a separate process (not a test module).

Opens the vault given as argv[1] with the passphrase read from stdin, then writes
and signs notes forever, printing each note's id once its transaction has
committed. The test kills it with SIGKILL at an arbitrary moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from vault.records.clients import ClientInput  # noqa: E402
from vault.vault import Vault  # noqa: E402


def main() -> None:
    passphrase = sys.stdin.readline().rstrip("\n")
    vault = Vault.open(Path(sys.argv[1]), passphrase)
    client = vault.clients.add(ClientInput("Crash", "Test", "1980-01-01"))
    count = 0
    while True:
        count += 1
        note = vault.notes.start(client.id, template="free")
        vault.notes.save_draft(note.id, f"note number {count} " + "text " * (50 + count % 400))
        if count % 3 == 0:
            vault.notes.sign(note.id)
        print(note.id, count, flush=True)


if __name__ == "__main__":
    main()
