"""Records clean-up on the 100k-note vault (issue 9): listing who is due, destroying one
client's records (every row, the audit stub, the disclosure tombstones, the search index
merged so no old segment keeps their words) and compacting the file afterwards.

`python -m bench.retention` builds its own vault (~1 min); `--vault DIR` reuses one kept
by `python -m bench.run --keep DIR` (it is changed: clients are discharged and destroyed).
Prints figures; never asserts. DESIGN.md sets no target for these: they are info.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.run import PASSPHRASE, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Records clean-up timings (prints only).")
    parser.add_argument("--vault", type=Path, help="a vault from `python -m bench.run --keep DIR`")
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--destroy", type=int, default=5, help="clients to destroy")
    args = parser.parse_args(argv)
    from bench.generate import TODAY
    from vault.vault import Vault

    work: Path | None = None
    vault_dir = args.vault
    if vault_dir is None:
        work = Path(tempfile.mkdtemp(prefix="quietroom-bench-retention-"))
        vault_dir = work / "vault"
        build(vault_dir, work, args.clients, args.notes, 1, "floor")
        (work / "unkeyed.db").unlink(missing_ok=True)
    later = datetime.combine(TODAY + timedelta(days=365 * 30), datetime.min.time()).astimezone()
    try:
        vault = Vault.open(vault_dir, PASSPHRASE, clock=lambda: later)
        clients = [c for c in vault.clients.page(limit=1000) if c.status != "discharged"]
        # The smaller clients: a typical clean-up, not the 1,000-note outlier.
        sizes = sorted((vault.notes.count_for_client(c.id), c.id) for c in clients)
        chosen = sizes[len(sizes) // 2 : len(sizes) // 2 + args.destroy]
        for _count, client_id in chosen:
            vault.clients.discharge(client_id, "Bench: therapy ended", None, TODAY)
        t0 = time.perf_counter()
        due = vault.retention.destruction.due()
        due_ms = (time.perf_counter() - t0) * 1000
        timings = []
        for count, client_id in chosen:
            t0 = time.perf_counter()
            vault.retention.destruction.destroy(client_id)
            timings.append(((time.perf_counter() - t0) * 1000, count))
        size_before = (vault_dir / "quietroom.db").stat().st_size
        t0 = time.perf_counter()
        vault.retention.destruction.compact()
        compact_s = time.perf_counter() - t0
        size_after = (vault_dir / "quietroom.db").stat().st_size
        vault.close()
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    median = statistics.median(ms for ms, _ in timings)
    notes = statistics.median(count for _, count in timings)
    print()
    print(f"Quietroom records clean-up benchmark — {os.cpu_count()} CPUs, {args.notes:,} notes")
    print()
    print("| figure | measured |\n| --- | --- |")
    print(f"| due list ({len(due)} of {args.clients} clients due) | {due_ms:.0f} ms |")
    print(f"| destroy one client (median of {len(timings)}, ~{notes:.0f} notes each) "
          f"| {median:.0f} ms (max {max(ms for ms, _ in timings):.0f} ms) |")  # fmt: skip
    print(f"| compact (VACUUM) | {compact_s:.1f} s, {size_before / 2**20:.0f} MiB → "
          f"{size_after / 2**20:.0f} MiB |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
