"""The core benchmark: build a 100k-note vault, then time what the clinician waits for.

    python -m bench.run                   # the full run (make bench), a few minutes
    python -m bench.run --notes 10000     # a quick look
    python -m bench.run --keep DIR        # keep the vault, then: python -m bench.ui --vault DIR

It prints figures next to DESIGN.md's targets and never asserts: a benchmark
reports, a test decides. The steps:

1. generate the practice (bench/generate.py) and write it as a JSON file;
2. create a vault with Argon2id calibrated once on this machine (or the floor,
   `--kdf floor`), then import the file with the real command, `quietroom import`,
   in its own process (passphrase on stdin), timed end to end;
3. export an UNKEYED copy (ATTACH ... KEY '' + sqlcipher_export): the same engine,
   schema and data without encryption, to price the encryption;
4. measure in a fresh child process (so the RSS is the app's, not the generator's):
   unlock, searches on both copies, timelines, the client list, saves and
   signatures (synchronous=FULL as shipped, then OFF: "before fsync"), memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSPHRASE = "bench: correct horse battery staple"  # fictional data, a fixed passphrase
COMMON, RARE = "anxiety", "harmonica"
WINDOW = 120  # rows the UI mounts at most: two pages of screens.paged_table.PAGE_SIZE
WRITER = ("Bench", "Writer")  # the client the write figures add notes to
# The text autosaved and signed: note-sized, and free of the searched words, so
# repeated runs on a kept vault leave the search figures alone.
WRITE_TEXT = (
    "Subjective:\nClient reported a steadier week at work and better sleep on most nights. "
    "Described one difficult conversation with a sibling and how the breathing exercise "
    "helped. Objective:\nArrived on time, engaged, affect bright, speech normal in rate. "
    "Assessment:\nProgress toward goals one and two; coping skills are being used between "
    "sessions. Plan:\nContinue weekly sessions, review the thought record, practise the "
    "grounding exercise daily, and revisit boundaries with family next time. "
) * 2
ROOT = Path(__file__).resolve().parents[1]
# `quietroom ...` as the installed script runs it (vault.cli.main), from any checkout.
QUIETROOM = "import sys; from vault.cli.commands import main; sys.argv[0] = 'quietroom'; main()"


# -- helpers ------------------------------------------------------------------------


def repeat(action: Callable[[], object], runs: int, budget: float) -> list[float]:
    """Milliseconds for up to `runs` calls, stopping early (after 5) past `budget` seconds."""
    times: list[float] = []
    started = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000)
        if len(times) >= 5 and time.perf_counter() - started > budget:
            break
    return times


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank), q in 0..100."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def rss_kib() -> dict[str, int]:
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def python_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def open_plain(path: Path) -> Any:
    """The unkeyed copy, opened with the vault's own pragmas minus the key."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON",
                   "foreign_keys = ON", "temp_store = MEMORY", "busy_timeout = 2000"):  # fmt: skip
        conn.execute(f"PRAGMA {pragma}")
    return conn


# -- child: measure an existing vault ---------------------------------------------


def measure(vault_dir: Path, plain: Path | None, runs: int, budget: float) -> dict[str, Any]:
    from bench.generate import BIG_CLIENT_NAME
    from vault.keys import header as header_file
    from vault.records.clients import ClientInput
    from vault.records.notes import SessionInput
    from vault.records.search import SearchService
    from vault.storage.layout import VaultLayout
    from vault.storage.store import Store
    from vault.vault import Vault

    out: dict[str, Any] = {}
    layout = VaultLayout(vault_dir)

    # Unlock, in its three parts. The last unlock stays open for everything below.
    header_ms, argon_ms, open_ms = [], [], []
    unlocks = max(3, min(5, runs))
    for i in range(unlocks):
        t0 = time.perf_counter()
        header = header_file.read(layout.header)
        t1 = time.perf_counter()
        dek = header_file.unwrap(header, PASSPHRASE)
        t2 = time.perf_counter()
        vault = Vault.open_with_key(layout, dek, "unlock")
        t3 = time.perf_counter()
        header_ms.append((t1 - t0) * 1000)
        argon_ms.append((t2 - t1) * 1000)
        open_ms.append((t3 - t2) * 1000)
        if i < unlocks - 1:
            vault.close()
    out["kdf"] = header.params.as_dict()
    out["unlock_header_ms"], out["unlock_argon2_ms"] = header_ms, argon_ms
    out["unlock_open_ms"] = open_ms
    with vault.store.reading() as conn:
        out["memory_security"] = conn.execute("PRAGMA cipher_memory_security").fetchone()[0]
        counts = conn.execute(
            "SELECT n.client_id, count(*) AS k FROM notes n JOIN clients c ON c.id = n.client_id"
            " WHERE n.amends_note_id IS NULL AND (c.first_name, c.last_name) IS NOT (?, ?)"
            " GROUP BY n.client_id ORDER BY k, n.client_id",
            WRITER,
        ).fetchall()
        big_client, big_n = (
            conn.execute(
                "SELECT c.id, (SELECT count(*) FROM notes n WHERE n.client_id = c.id"
                " AND n.amends_note_id IS NULL) FROM clients c WHERE c.first_name = ?"
                " AND c.last_name = ? ORDER BY c.id LIMIT 1",
                BIG_CLIENT_NAME,
            ).fetchone()
            or counts[-1]
        )
    typical_client, typical_n = counts[len(counts) // 2]
    out["typical_client_notes"], out["big_client_notes"] = typical_n, big_n

    # What the app does right after Argon2: the client list's first window.
    t0 = time.perf_counter()
    vault.clients.count()
    vault.clients.page(limit=WINDOW)
    out["first_list_ms"] = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    vault.search.search(COMMON)
    out["first_search_ms"] = (time.perf_counter() - t0) * 1000
    for _ in range(3):
        vault.search.search(COMMON)
        vault.search.search(RARE)
        vault.search.search(COMMON, newest_first=True)
    out["rss_after_searches_kib"] = rss_kib()

    # Searches, interleaved run by run with the unkeyed copy so drift hits both alike.
    plain_search = SearchService(Store(open_plain(plain))) if plain else None
    for name, word, newest in (("ranked_common", COMMON, False), ("ranked_rare", RARE, False),
                               ("newest_common", COMMON, True), ("newest_rare", RARE, True)):  # fmt: skip
        hits = [h.note_id for h in vault.search.search(word, newest_first=newest)]
        out[f"hits_{name}"] = len(hits)
        enc: list[float] = []
        unk: list[float] = []
        started = time.perf_counter()
        for i in range(runs):
            t0 = time.perf_counter()
            vault.search.search(word, newest_first=newest)
            enc.append((time.perf_counter() - t0) * 1000)
            if plain_search is not None:
                t0 = time.perf_counter()
                plain_search.search(word, newest_first=newest)
                unk.append((time.perf_counter() - t0) * 1000)
            if i >= 4 and time.perf_counter() - started > budget:
                break
        out[f"search_{name}_ms"] = enc
        if plain_search is not None:
            out[f"plain_search_{name}_ms"] = unk
            plain_hits = [h.note_id for h in plain_search.search(word, newest_first=newest)]
            out[f"plain_differs_{name}"] = plain_hits != hits

    out["timeline_typical_ms"] = repeat(
        lambda: vault.notes.timeline(typical_client, limit=50), runs, budget
    )
    out["timeline_big_ms"] = repeat(
        lambda: vault.notes.timeline(big_client, limit=50), runs, budget
    )

    def open_big_client() -> None:  # what opening a record costs in the core, audit included
        vault.clients.get(big_client)
        vault.notes.count_for_client(big_client)
        vault.notes.timeline(big_client, limit=WINDOW)

    out["open_big_client_ms"] = repeat(open_big_client, runs, budget)
    out["client_list_ms"] = repeat(
        lambda: (vault.clients.count(), vault.clients.page(limit=WINDOW)), runs, budget
    )

    # Writes, on a client of their own. Bodies the size of a real note, a little
    # different each autosave (an unchanged body is a no-op by design).
    writer = vault.clients.add(ClientInput(*WRITER, "1980-01-01"))
    for mode in ("FULL", "OFF"):
        with vault.store.reading() as conn:
            conn.execute(f"PRAGMA synchronous = {mode}")
        note = vault.notes.start(writer.id, session=SessionInput("2025-06-30"))
        counter = iter(range(10**9))
        out[f"save_draft_{mode}_ms"] = repeat(
            lambda note=note, counter=counter: vault.notes.save_draft(
                note.id, f"{WRITE_TEXT} {next(counter)}"
            ),
            max(runs, 200),
            budget,
        )
        drafts = []
        for i in range(max(runs, 100)):
            draft = vault.notes.start(writer.id, session=SessionInput("2025-06-30"))
            vault.notes.save_draft(draft.id, f"{WRITE_TEXT} {i}")
            drafts.append(draft.id)
        pending = iter(drafts)
        out[f"sign_{mode}_ms"] = repeat(
            lambda pending=pending: vault.notes.sign(next(pending)), len(drafts), budget
        )
    with vault.store.reading() as conn:
        conn.execute("PRAGMA synchronous = FULL")
    out["rss_end_kib"] = rss_kib()
    vault.close()
    return out


# -- parent: build, then report ---------------------------------------------------


def build(root: Path, work: Path, clients: int, notes: int, seed: int, kdf: str) -> dict[str, Any]:
    """The vault in `root`; the JSON file and the unkeyed copy in `work` (deleted after)."""
    from bench.generate import generate, stats
    from vault.keys.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, KdfParams, calibrate
    from vault.vault import Vault

    info: dict[str, Any] = {}
    say(f"generating {clients} clients, {notes:,} notes (seed {seed}) ...")
    t0 = time.perf_counter()
    data = generate(clients, notes, seed)
    info["generate_s"] = time.perf_counter() - t0
    info["data"] = stats(data)
    source = work / "practice.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    info["json_bytes"] = source.stat().st_size
    del data

    if kdf == "calibrate":
        say("calibrating Argon2id (once) ...")
        params = calibrate()
    else:
        params = KdfParams(MIN_TIME_COST, MIN_MEMORY_KIB, max(1, min(4, os.cpu_count() or 1)))
    vault, _recovery = Vault.create(root, PASSPHRASE, params)
    vault.close()

    say(f"importing with `quietroom import` (Argon2id t={params.time_cost}, "
        f"m={params.memory_kib // 1024} MiB, p={params.parallelism}) ...")  # fmt: skip
    command = [sys.executable, "-c", QUIETROOM, "--vault", str(root), "import", str(source)]
    t0 = time.perf_counter()
    done = subprocess.run(command, input=PASSPHRASE + "\n", capture_output=True, text=True,
                          cwd=ROOT, env=python_env())  # fmt: skip
    info["import_s"] = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"quietroom import failed ({done.returncode}): {done.stderr.strip()}")
    info["import_said"] = done.stdout.strip()
    source.unlink()

    say("exporting an unkeyed copy for comparison ...")
    plain = work / "unkeyed.db"
    vault = Vault.open(root, PASSPHRASE)
    with vault.store.reading() as conn:
        conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    vault.close()  # checkpoints and removes the WAL: the size below is the whole vault
    info["vault_bytes"] = sum(p.stat().st_size for p in root.iterdir() if p.is_file())
    info["db_bytes"] = (root / "quietroom.db").stat().st_size
    info["plain_bytes"] = plain.stat().st_size
    info["plain"] = str(plain)
    return info


def measure_in_child(root: Path, plain: Path, runs: int, budget: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.run", "--measure", str(root), "--plain", str(plain),
               "--runs", str(runs), "--budget", str(budget)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=python_env(), stdout=subprocess.PIPE, check=True)
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.0f} {unit}"


def row(figure: str, values: list[float] | float, target: str, limit: float | None,
        *, stat: str = "p50", unit: str = "ms") -> list[str]:  # fmt: skip
    """figure, measured, target, status; `stat` (p50 or p95) is the one held to `limit`."""
    if isinstance(values, list):
        p50, p95 = pct(values, 50), pct(values, 95)
        value = p95 if stat == "p95" else p50
        text = f"p50 {fmt(p50, unit)} · p95 {fmt(p95, unit)} (N={len(values)})"
    else:
        value, text = values, fmt(values, unit)
    return [figure, text, target, verdict(value, limit)]


def verdict(value: float, limit: float | None) -> str:
    """info (no target), PASS, or MISS with the factor over the target."""
    if limit is None:
        return "info"
    factor = value / limit
    return "PASS" if factor <= 1 else f"MISS ×{factor:.2f}" if factor < 2 else f"MISS ×{factor:.1f}"


def report(info: dict[str, Any], m: dict[str, Any]) -> None:
    d, kdf, mb = info["data"], m["kdf"], 1024 * 1024
    big, typical = m["big_client_notes"], m["typical_client_notes"]
    at_100k = d["notes"] >= 100_000
    rows = [
        row(f"unlock: Argon2id + unwrap (t={kdf['time_cost']}, m={kdf['memory_kib'] // 1024} MiB,"
            f" p={kdf['parallelism']})", m["unlock_argon2_ms"], "≈ 500 ms (calibrated)", None),
        row("unlock: header read", m["unlock_header_ms"], "—", None),
        row("unlock: the rest (Vault.open_with_key: lock, connect, migrations, audit)",
            m["unlock_open_ms"], "part of ≤ 100 ms", 100),
        row(f"client list: count + first {WINDOW} rows", m["client_list_ms"],
            "part of ≤ 100 ms", 100),
        row(f"search '{COMMON}': top 50 ranked + snippets", m["search_ranked_common_ms"],
            "≤ 50 ms p50", 50),
        row(f"search '{RARE}': ranked + snippets ({m['hits_ranked_rare']} hits)",
            m["search_ranked_rare_ms"], "≤ 5 ms p50", 5),
        row(f"search '{COMMON}': 50 newest first", m["search_newest_common_ms"],
            "≤ 50 ms p50", 50),
        row(f"search '{RARE}': newest first", m["search_newest_rare_ms"], "≤ 5 ms p50", 5),
    ]  # fmt: skip
    for name, label in (("ranked_common", f"'{COMMON}' ranked"), ("ranked_rare", f"'{RARE}' ranked"),
                        ("newest_common", f"'{COMMON}' newest"), ("newest_rare", f"'{RARE}' newest")):  # fmt: skip
        plain = m.get(f"plain_search_{name}_ms")
        if plain:
            rows.append(row(f"unkeyed copy: search {label}", plain, "—", None))
            rows.append(row(f"encrypted / unkeyed: search {label}",
                            pct(m[f"search_{name}_ms"], 50) / pct(plain, 50), "≤ 1.10×", 1.1,
                            unit="x"))  # fmt: skip
    rows += [
        row(f"timeline: last 50 notes, typical client ({typical} notes)",
            m["timeline_typical_ms"], "part of ≤ 100 ms", 100),
        row(f"timeline: last 50 notes, big client ({big} notes)", m["timeline_big_ms"],
            "part of ≤ 100 ms", 100),
        row(f"open the big client in the core: get (audited) + count + {WINDOW} rows",
            m["open_big_client_ms"], "part of ≤ 100 ms", 100),
        row("save draft, synchronous=FULL (as shipped: includes fsync)", m["save_draft_FULL_ms"],
            "info", None, stat="p95"),
        row("save draft, synchronous=OFF (before fsync)", m["save_draft_OFF_ms"], "≤ 5 ms p95",
            5, stat="p95"),
        row("sign, synchronous=FULL (as shipped: includes fsync)", m["sign_FULL_ms"], "info",
            None, stat="p95"),
        row("sign, synchronous=OFF (before fsync)", m["sign_OFF_ms"], "≤ 5 ms p95", 5,
            stat="p95"),
        row(f"`quietroom import` of {d['notes']:,} notes (+{d['addenda']:,} addenda, "
            f"{d['clients']} clients), end to end", info["import_s"],
            "≤ 15 s" if at_100k else "≤ 15 s at 100k", 15 if at_100k else None, unit="s"),
        row("RSS, vault open after a few searches", m["rss_after_searches_kib"]["VmRSS"] / 1024,
            "≤ 150 MB", 150, unit="MB"),
        row("RSS at the end (after the writes)", m["rss_end_kib"]["VmRSS"] / 1024, "≤ 150 MB",
            150, unit="MB"),
        row("peak RSS (VmHWM: includes Argon2id's memory)", m["rss_end_kib"]["VmHWM"] / 1024,
            "info", None, unit="MB"),
        row(f"vault size vs raw note text ({info['db_bytes'] / mb:.1f} MB for "
            f"{d['text_bytes'] / mb:.1f} MB)", info["db_bytes"] / d["text_bytes"], "info",
            None, unit="x"),
    ]  # fmt: skip
    print()
    print(f"Quietroom core benchmark — {platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {sqlite_versions()}")  # fmt: skip
    print(f"data: {d['clients']} clients, {d['notes']:,} notes ({d['signed']:,} signed, "
          f"{d['process']:,} process notes), {d['addenda']:,} addenda; '{COMMON}' in "
          f"{d['common_word_notes']:,} notes, '{RARE}' in {d['rare_word_notes']}; "
          f"cipher_memory_security = {m['memory_security']}")  # fmt: skip
    print()
    header = ["figure", "measured", "target", "status"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    print()
    print(f"import said: {info['import_said']}")
    print(f"unkeyed copy: {info['plain_bytes'] / mb:.1f} MB; whole vault directory "
          f"{info['vault_bytes'] / mb:.1f} MB")  # fmt: skip
    print(f"first search after unlock ('{COMMON}', cold page cache): {m['first_search_ms']:.0f} ms;"
          f" first client list window: {m['first_list_ms']:.1f} ms")  # fmt: skip
    for name in ("ranked_common", "ranked_rare", "newest_common", "newest_rare"):
        if m.get(f"plain_differs_{name}"):
            print(f"note: the unkeyed copy returned different hits for {name}")


def sqlite_versions() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    sqlite = conn.execute("SELECT sqlite_version()").fetchone()[0]
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    return f"SQLite {sqlite}, SQLCipher {cipher}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Quietroom core benchmark (prints, never asserts)."
    )
    parser.add_argument("--notes", type=int, default=100_000, help="notes in the vault")
    parser.add_argument("--clients", type=int, default=500, help="clients in the vault")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30, help="repetitions per figure")
    parser.add_argument(
        "--budget",
        type=float,
        default=20.0,
        help="seconds per figure before stopping early (at least 5 runs)",
    )
    parser.add_argument(
        "--kdf",
        choices=("calibrate", "floor"),
        default="calibrate",
        help="Argon2id: calibrated here once (default) or the floor t=3, 64 MiB",
    )
    parser.add_argument("--keep", type=Path, help="build the vault in DIR and keep it (bench.ui)")
    # Internal: the measuring child process.
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plain", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)  # fmt: skip

    if args.measure:
        print(json.dumps(measure(args.measure, args.plain, args.runs, args.budget)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="quietroom-bench-"))
    root = args.keep.resolve() if args.keep else work / "vault"
    if root.exists() and any(root.iterdir()):
        parser.error(f"{root} is not empty; --keep wants a new directory")
    try:
        info = build(root, work, args.clients, args.notes, args.seed, args.kdf)
        say("measuring (fresh process) ...")
        report(info, measure_in_child(root, Path(info["plain"]), args.runs, args.budget))
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the JSON and the unkeyed copy
    if args.keep:
        print(f"\nvault kept in {root} (passphrase: {PASSPHRASE!r}); "
              f"time the screens on it: python -m bench.ui --vault {root}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
