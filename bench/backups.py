"""Dated backups with pruning, a restore, and the client list's backup reminder, timed.

    python -m bench.backups                  # builds a 100k-note vault first (a few minutes)
    python -m bench.backups --notes 10000    # a quick look
    python -m bench.backups --vault DIR      # a vault kept by `python -m bench.run --keep DIR`

It times, in this process: `backup_into` (copy page by page, the check of the copy,
then removing the oldest beyond `--keep`, here 3, so every run after the third prunes
one), listing the folder, a restore into a new folder (checked before and after), and
the reminder (`backup_reminder`, which reads the audit log) with 100,000 extra audit
entries and no backup among them (its worst case: the whole log is read). It prints
figures and never asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.run import PASSPHRASE, build, row

KEEP = 3
AUDIT_ENTRIES = 100_000


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def add_audit_entries(root: Path, count: int) -> None:
    """Entries that are not backups, appended the way the app appends them."""
    from vault.records.audit import append
    from vault.vault import Vault

    with Vault.open(root, PASSPHRASE) as vault, vault.store.writing("bench") as conn:
        at = vault.store.utc_iso()
        for n in range(count):
            append(conn, at, "open_client", f"client:{n % 500 + 1}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Backups, timed (prints, never asserts).")
    parser.add_argument("--vault", type=Path, help="a bench vault kept by bench.run --keep")
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="backups made (each prunes)")
    args = parser.parse_args(argv)

    from vault.backups import backup_into, backup_reminder, list_backups
    from vault.restore import restore
    from vault.vault import Vault

    work = Path(tempfile.mkdtemp(prefix="quietroom-bench-backups-"))
    try:
        if args.vault:
            source = args.vault.resolve()
            root = work / "vault"
            shutil.copytree(source, root)  # the kept vault is left as it was
        else:
            root = work / "vault"
            build(root, work, 500, args.notes, 1, "floor")
        folder = work / "backups"
        folder.mkdir()
        print(f"adding {AUDIT_ENTRIES:,} audit entries ...", file=sys.stderr)
        add_audit_entries(root, AUDIT_ENTRIES)
        with Vault.open(root, PASSPHRASE) as vault:
            reminder_ms = timed(lambda: backup_reminder(vault), 10)
            print(f"{args.runs} backups, keeping {KEEP} ...", file=sys.stderr)
            results = []
            backup_ms = timed(lambda: results.append(backup_into(vault, folder, keep=KEEP)),
                              args.runs)  # fmt: skip
            after_ms = timed(lambda: backup_reminder(vault), 10)
        listed_ms = timed(lambda: list_backups(folder), 10)
        newest = results[-1].made
        print("restoring the newest ...", file=sys.stderr)
        restore_ms = timed(lambda: restore(newest.destination, work / "restored", PASSPHRASE), 1)
        size = newest.size_bytes
        pruned = sum(len(r.removed) for r in results)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = [
        row(f"backup into the folder, {size / 2**20:.0f} MiB, verified, oldest pruned",
            backup_ms, "—", None),
        row("restore of that backup (copied, then checked as a vault)", restore_ms, "—", None),
        row(f"list the folder ({len(results[-1].kept)} kept)", listed_ms, "—", None),
        row(f"backup reminder, {AUDIT_ENTRIES:,}+ audit entries, never backed up",
            reminder_ms, "—", None),
        row("backup reminder, a backup in the log", after_ms, "—", None),
    ]  # fmt: skip
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload average {load:.1f} on {os.cpu_count()} CPUs; {pruned} old backups pruned")
    print(f"p50 (p95) of {args.runs} backups, 10 listings and reminders, 1 restore\n")
    print("| figure | measured | target | status |")
    print("| --- | --- | --- | --- |")
    for figure, measured, target, status in rows:
        print(f"| {figure} | {measured} | {target} | {status} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
