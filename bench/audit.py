"""Audit log filters over a million entries (issue 9: every filter ≤ 50 ms).

    python -m bench.audit                       # build a 1,000,000-entry vault in a temp folder
    python -m bench.audit --entries 100000      # a quick look
    python -m bench.audit --vault DIR           # reuse (or build, if missing) a vault in DIR

The generator writes the entries straight into the encrypted database in one
transaction, with correct chain hashes and client ids, the text index rebuilt
once at the end: a fast path for the benchmark only (the app appends one entry
at a time through vault/records/audit.py). The entries look like five years of a
500-client practice: record openings most of all, notes started and signed,
unlocks, exports, disclosures, backups.

Each filter is timed through the service the app and `quietroom audit` use
(`AuditQuery.page`, 100 entries), in a vault opened as the app opens it, and
reported as p50/p95 against 50 ms. Prints, never asserts.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.run import PASSPHRASE, pct, repeat, say, verdict

TARGET_MS = 50.0
CLIENTS = 500
YEARS = 5
RARE_DETAIL = "disclosure:987654"  # written exactly once
START = datetime(2021, 1, 4, 8, 0, tzinfo=UTC)
# action, weight, subject kind ("" for vault-wide entries)
MIX = (
    ("open_client", 40, "client"), ("create_note", 14, "note"), ("sign_note", 13, "note"),
    ("unlock", 10, ""), ("update_client", 5, "client"), ("disclosure", 3, "client"),
    ("print_form", 3, "client"), ("save_release", 3, "release"), ("record_consent", 2, "client"),
    ("export", 2, "release"), ("record_instrument", 2, "client"), ("backup", 1, ""),
    ("delete_draft", 1, "note"), ("create_client", 1, "client"),
)  # fmt: skip


def generate(vault_dir: Path, entries: int, seed: int) -> float:
    """A vault holding `entries` audit entries; returns the seconds the bulk insert took."""
    from vault.keys.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, KdfParams
    from vault.records.audit import entry_hash
    from vault.storage.layout import VaultLayout
    from vault.vault import Vault

    floor = KdfParams(time_cost=MIN_TIME_COST, memory_kib=MIN_MEMORY_KIB, parallelism=1)
    vault, _ = Vault.create(vault_dir, PASSPHRASE, floor)
    dek = vault.raw_key()
    vault.close()
    import sqlcipher3

    conn = sqlcipher3.connect(str(VaultLayout(vault_dir).database), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    rng = random.Random(seed)
    actions = [a for a, w, _ in MIX for _ in range(w)]
    kinds = {a: k for a, _, k in MIX}
    step = YEARS * 365 * 86400 / entries
    started = time.perf_counter()
    conn.execute("BEGIN")
    last_id, prev = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC").fetchone()
    conn.execute("DROP TRIGGER audit_fts_insert")  # one rebuild at the end instead
    rows = []
    rare_at = entries // 3
    for n in range(entries):
        entry_id = last_id + 1 + n
        at = (START + timedelta(seconds=n * step)).isoformat(timespec="seconds")
        action = rng.choice(actions)
        client = rng.randrange(1, CLIENTS + 1)
        kind = kinds[action]
        subject = f"{kind}:{rng.randrange(1, 200_000) if kind != 'client' else client}"
        subject = subject if kind else ""
        detail = ""
        if action == "disclosure":
            detail = f"disclosure:{rng.randrange(1, 50_000)}"
        elif action == "backup":
            detail = f"pages={rng.randrange(1000, 90_000)}"
        elif action == "print_form":
            detail = rng.choice(("accounting", "release_form", f"safety_plan:{n % 900}"))
        if n == rare_at:
            action, detail = "disclosure", RARE_DETAIL
        client_id = client if kind else None
        digest = entry_hash(prev, entry_id, at, action, subject, detail)
        rows.append((entry_id, at, action, subject, detail, prev, digest, client_id))
        prev = digest
        if len(rows) == 50_000:
            _insert(conn, rows)
            rows = []
    _insert(conn, rows)
    conn.execute("INSERT INTO audit_fts (audit_fts) VALUES ('rebuild')")
    from vault.records.audit_schema import AUDIT_FILTER_SCHEMA

    trigger = AUDIT_FILTER_SCHEMA.split(";\n\n")[-1]
    conn.execute(trigger)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def _insert(conn: Any, rows: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO audit_log (id, at, action, subject, detail, prev_hash, hash, client_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def cases(total: int) -> list[tuple[str, Any, int | None]]:
    from vault.records.audit_query import AuditFilter

    month = date(2023, 6, 1)
    return [
        ("no filter, first page", AuditFilter(), None),
        ("no filter, deep page (before id 1,000)", AuditFilter(), 1000),
        ("client", AuditFilter(client_id=250), None),
        ("client, deep page (before id 50,000)", AuditFilter(client_id=250), 50_000),
        ("one action (sign_note)", AuditFilter(actions=("sign_note",)), None),
        ("rare action (backup)", AuditFilter(actions=("backup",)), None),
        ("three actions", AuditFilter(actions=("export", "disclosure", "print_form")), None),
        ("one month", AuditFilter(from_date=month, to_date=date(2023, 6, 30)), None),
        ("one day, deep in the past", AuditFilter(from_date=month, to_date=month), None),
        ("text, common (note)", AuditFilter(text="note"), None),
        ("text, rare (one entry)", AuditFilter(text=RARE_DETAIL), None),
        ("text, none match", AuditFilter(text="zzqx"), None),
        ("client + action + month", AuditFilter(client_id=250, actions=("sign_note",),
                                                from_date=month, to_date=date(2023, 6, 30)),
         None),
        ("client + text", AuditFilter(client_id=250, text="note"), None),
        ("action + text", AuditFilter(actions=("print_form",), text="safety_plan"), None),
        ("rare action + common text", AuditFilter(actions=("backup",), text="pages"), None),
        ("worst: large action, common text, no overlap",
         AuditFilter(actions=("open_client",), text="note:"), None),
        ("month + text", AuditFilter(from_date=month, to_date=date(2023, 6, 30), text="note"),
         None),
    ]  # fmt: skip


def measure(vault_dir: Path, runs: int) -> list[tuple[str, float, float, int]]:
    from vault.vault import Vault

    figures = []
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        total = vault.audit.recent(1)[0].id
        for name, wanted, before in cases(total):
            found = vault.audit_query.page(wanted, before)
            times = repeat(lambda w=wanted, b=before: vault.audit_query.page(w, b), runs, 5.0)
            figures.append((name, pct(times, 50), pct(times, 95), len(found.entries)))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--vault", type=Path, help="build (if missing) and keep the vault here")
    args = parser.parse_args(argv)
    work = None if args.vault else Path(tempfile.mkdtemp(prefix="qr-audit-bench-"))
    vault_dir = args.vault or (work / "vault")  # type: ignore[operator]
    try:
        if not (vault_dir / "quietroom.db").exists():
            say(f"writing {args.entries:,} audit entries ...")
            seconds = generate(vault_dir, args.entries, args.seed)
            say(f"  {args.entries:,} entries in {seconds:.1f} s (bulk path, text index rebuilt)")
        size = (vault_dir / "quietroom.db").stat().st_size / (1024 * 1024)
        say(f"database: {size:,.0f} MiB")
        print(
            f"{'filter (100 entries a page)':<42} {'p50 ms':>8} {'p95 ms':>8} {'found':>6}  ≤ 50 ms"
        )
        for name, p50, p95, found in measure(vault_dir, args.runs):
            print(f"{name:<42} {p50:>8.2f} {p95:>8.2f} {found:>6}  {verdict(p95, TARGET_MS)}")
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
