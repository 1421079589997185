"""Risk prompt timings on the 100k-note vault (issue 8).

    python -m bench.run --keep /tmp/qr-bench/vault        # build a vault once (minutes)
    python -m bench.risk_prompt --vault /tmp/qr-bench/vault   # (built there first if missing)
    python -m bench.risk_prompt                           # or build a vault here first

Figures (targets from issue 8):
(e) open the prompt (≤ 150 ms): in-process with App.run_test (headless, 120×40), on
    the client with the most notes. From the moment the flag is chosen (what the flag
    list's Enter does: `vault.risk.open` writes the record with its rule snapshot, then
    the screen is pushed) to the first frame showing step 1. Resuming a record that is
    already open (the screen alone) is reported apart.
(f) each step painted (≤ 100 ms): from the step change (what PgDn calls: the step is
    saved, then the next one drawn) to the first frame showing it, for steps 2-12 and
    back to 1, on a record filled as a clinician would fill it (a disclosure and a
    deadline recorded, so steps 9 and 12 read the disclosure log and render the note).

"Painted" is the frame Textual computes (see bench/ui.py). Prints, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import PASSPHRASE, build, pct, say, verdict
from bench.ui import SIZE, timed_app_class, wait

FILLED: dict[int, dict[str, Any]] = {
    1: {"danger_now": "no"},
    3: {"words_used": "If he comes home tonight I will hurt him.", "person": "Her brother"},
    4: {"judgement": "met", "reasons": "A named person, means and a time."},
    5: {"basis": "required"},
    6: {"warn_person": {"chosen": "yes", "reason": ""},
        "notify_police": {"chosen": "yes", "reason": ""}},
    8: {"what": "The threat, the brother's name and address.", "to_whom": "City police"},
    10: {"told": "yes", "how": "In session."},
    11: {"date": "2026-11-23", "plan": "Session on Monday."},
}  # fmt: skip


def fill(vault: Any, event_id: int) -> None:
    from vault.consent.models import DisclosureInput

    for step, values in FILLED.items():
        vault.risk.save_step(event_id, step, values)
    vault.risk.record_disclosure(event_id, DisclosureInput(
        client_id=0, disclosed_at="2026-01-05 10:00", recipient="City police",
        description="The threat.", purpose="To protect the person threatened",
        legal_basis="serious_threat", method="phone", person_spoken_to="Officer Reyes",
    ))  # fmt: skip
    vault.risk.start_deadline(event_id, "Call the police back", hours=24)


async def unlock(app: Any, pilot: Any) -> None:
    from textual.widgets import Input

    await pilot.pause()
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    from screens.app import WARM_UP_AFTER

    while app.vault is None:
        await asyncio.sleep(0.01)
    # A clinician's first flag comes after the list is read: let the warm-up run first.
    await asyncio.sleep(WARM_UP_AFTER + 0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def prompt_figures(vault_dir: Path, runs: int) -> dict[str, list[float]]:
    from screens.risk.prompt import RiskPromptScreen
    from vault.vault import Vault

    vault = Vault.open(vault_dir, PASSPHRASE)
    with vault.store.reading() as conn:
        big_client = conn.execute(
            "SELECT client_id FROM notes WHERE amends_note_id IS NULL GROUP BY client_id"
            " ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    vault.settings.set("jurisdiction", "US-CA")
    vault.close()

    app_class = timed_app_class()
    out: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        out.setdefault(name, []).append(value)

    def showing(app: Any, number: int) -> bool:
        screen = app.screen
        return (
            isinstance(screen, RiskPromptScreen)
            and screen.step == number
            and number in screen._views
            and screen._views[number].display
        )

    for run in range(runs):
        app = app_class(vault_dir)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await unlock(app, pilot)
                live = app.require_vault()
                # (e) open: the record written, the screen pushed, step 1 painted.
                painted = app.paint_when(lambda app=app: showing(app, 1))
                t0 = time.perf_counter()
                event = live.risk.open(big_client, "threat_to_other", live.rule_pack())
                app.push_screen(RiskPromptScreen(event.id))
                add("open_ms", (await wait(painted, pilot) - t0) * 1000)
                await pilot.pause()
                app.pop_screen()
                await pilot.pause()
                fill(live, event.id)
                # Resuming it: the screen alone.
                painted = app.paint_when(lambda app=app: showing(app, 1))
                t0 = time.perf_counter()
                app.push_screen(RiskPromptScreen(event.id, step=1))
                add("resume_ms", (await wait(painted, pilot) - t0) * 1000)
                await pilot.pause()
                screen = app.screen
                # (f) each step, as PgDn moves (and back to step 1 from 12).
                for number in [*range(2, 13), 1]:
                    painted = app.paint_when(lambda app=app, n=number: showing(app, n))
                    t0 = time.perf_counter()
                    move = asyncio.ensure_future(screen.go_to(number))
                    took = (await wait(painted, pilot) - t0) * 1000
                    await move
                    add("step_ms", took)
                    add(f"step_{number}_ms", took)
                    await pilot.pause()
                app.pop_screen()
                await pilot.pause()
        finally:
            app._close_vault()
        say(f"  risk prompt run {run + 1}/{runs} done")
    return out


def line(figure: str, values: list[float], target: str, limit: float | None) -> list[str]:
    p50, p95 = pct(values, 50), pct(values, 95)
    return [figure, f"p50 {p50:.1f} ms · p95 {p95:.1f} ms (N={len(values)})", target,
            verdict(p50, limit)]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Risk prompt timings (prints, never asserts).")
    parser.add_argument("--vault", type=Path, help="a vault from `python -m bench.run --keep DIR`")
    parser.add_argument("--notes", type=int, default=100_000, help="notes, when building a vault")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5, help="app runs")
    args = parser.parse_args(argv)
    # The clinician's review marks are read on every step 4: not the real ones here.
    os.environ["QUIETROOM_RULES"] = tempfile.mkdtemp(prefix="quietroom-bench-rules-")
    work: Path | None = None
    vault_dir = args.vault
    if vault_dir is not None and not vault_dir.exists():
        say(f"building the vault in {vault_dir} (kept) ...")
        scratch = Path(tempfile.mkdtemp(prefix="quietroom-bench-risk-"))
        build(vault_dir, scratch, args.clients, args.notes, 1, "calibrate")
        shutil.rmtree(scratch, ignore_errors=True)
    if vault_dir is None:
        work = Path(tempfile.mkdtemp(prefix="quietroom-bench-risk-"))
        vault_dir = work / "vault"
        build(vault_dir, work, args.clients, args.notes, 1, "calibrate")
        (work / "unkeyed.db").unlink(missing_ok=True)
    try:
        say("(e)-(f) the risk prompt, in-process with Pilot ...")
        figures = asyncio.run(prompt_figures(vault_dir, args.runs))
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(os.environ["QUIETROOM_RULES"], ignore_errors=True)
    rows = [
        line("(e) flag chosen → prompt painted (record written, step 1)", figures["open_ms"],
             "≤ 150 ms", 150),
        line("    resume an open record → step 1 painted", figures["resume_ms"], "—", None),
        line("(f) step change → step painted (all steps)", figures["step_ms"], "≤ 100 ms", 100),
    ]  # fmt: skip
    worst = max(range(1, 13), key=lambda n: pct(figures[f"step_{n}_ms"], 50))
    rows.append(line(f"    slowest step ({worst})", figures[f"step_{worst}_ms"], "≤ 100 ms", 100))
    print()
    print(f"Quietroom risk prompt benchmark — {os.cpu_count()} CPUs, terminal "
          f"{SIZE[0]}×{SIZE[1]}, vault {vault_dir}")  # fmt: skip
    print()
    header = ["figure", "measured", "target", "status"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
