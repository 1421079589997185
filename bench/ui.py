"""TUI timings: what the clinician sees, on the 100k-note vault.

    python -m bench.run --keep /tmp/qr-bench/vault     # build a vault once (minutes)
    python -m bench.ui --vault /tmp/qr-bench/vault     # then time the screens (~1 min)
    python -m bench.ui                                 # or build a vault here first
    python -m bench.ui --launch-only                   # (a) alone, on a tiny vault (~20 s)

Figures (targets from DESIGN.md):
(a) launch to unlock prompt painted (≤ 250 ms p50): a fresh Python process on a
    real pseudo-terminal (120×40), from the spawn to the first time the passphrase
    field's placeholder appears in the bytes the app writes to the terminal. Timed
    for `run_app` (the UI alone) and for the `quietroom` command, which loads its
    command-line layer (typer, the core) first. Python's own start and the import
    of screens.app are reported apart for context. In the same run, alternating
    with ours, a minimal Textual app that paints one password Input (the floor any
    Textual app pays) is launched the same way; our p50 is printed as a ratio to its
    p50 (target ≤ 1.2×).
(b) after Argon2id, to the client list painted (≤ 100 ms): in-process, with
    App.run_test (headless). From the moment Argon2id returns inside the unlock
    worker to the first frame in which the client list's table has rows.
(c) open the 1,000-note client, painted (≤ 100 ms): from `app.open_client` (what
    Enter on the list calls) to the first frame with the client's timeline rows.
(e) the client list with its paperwork marks (consent missing, re-consent due, a release
    ending), reloaded and painted (≤ 100 ms): from `reload()` (what clearing the filter
    or coming back from a record runs) to the next frame. Before the runs, clients that
    have no consent yet get one through the services (most signed, some over a year
    ago) and a third of them a release, a few ending within the warning days, so the
    marks have something to find; (b) paints these marks too.
(d) search results painted after the last keystroke (≤ 100 ms): in the search
    screen, the last letter of a word is pressed once the search for the rest has
    finished; from that keystroke to the first frame showing the word's results.
    Then the same word typed into an empty box at 150 ms a key, as a person does:
    the first letters' searches are slow (one letter matches most notes) and the
    screen runs one search at a time, so this shows what typing ahead costs.

"Painted" in (b)-(d) is the frame Textual computes (the compositor update handed
to `App._display`, seen through `post_display_hook`); a headless driver skips
only turning that frame into escape codes and writing it, a millisecond or two.
The benchmark prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.run import PASSPHRASE, ROOT, build, pct, say, verdict

PROMPT_MARKER = b"then Enter"  # in the passphrase field's placeholder: "Passphrase, then Enter"
SIZE = (120, 40)
COMMON, RARE = "anxiety", "harmonica"


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    # As installed: bytecode cached (pip compiles it; the warm-up launch writes the rest).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["TERM"] = "xterm-256color"
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


# -- (a) launch, in a pseudo-terminal ------------------------------------------------


def run_app_argv(vault_dir: Path) -> list[str]:
    code = f"from pathlib import Path; from screens.app import run_app; run_app(Path({str(vault_dir)!r}))"
    return [sys.executable, "-c", code]


# The floor: Textual itself painting one password field, nothing of Quietroom's loaded.
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Input

class Minimal(App):
    def compose(self):
        yield Input(password=True, placeholder="Passphrase, then Enter")

Minimal().run()
"""


def minimal_argv() -> list[str]:
    return [sys.executable, "-c", MINIMAL_APP]


def command_argv(vault_dir: Path) -> list[str]:
    """`quietroom --vault DIR`, as the installed script runs it (its entry point)."""
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="quietroom")
    module, function = script.value.split(":")
    code = f"import sys; from {module} import {function}; sys.argv[0] = 'quietroom'; {function}()"
    return [sys.executable, "-c", code, "--vault", str(vault_dir)]


def launch_once(argv: list[str], marker: bytes = PROMPT_MARKER, timeout: float = 20.0) -> float:
    """Milliseconds from spawning `argv` to `marker` in its terminal output."""
    env = child_env()
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the app
        try:
            os.chdir(ROOT)
            cols, rows = SIZE
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = b""
    found: float | None = None
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child went away
                break
            if not chunk:
                break
            seen = seen[-len(marker) :] + chunk
            if marker in seen:
                found = time.perf_counter()
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if found is None:
        raise RuntimeError(f"the unlock prompt never appeared within {timeout:.0f} s")
    return (found - started) * 1000


def process_ms(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), check=True)
    return (time.perf_counter() - started) * 1000


# -- (b)-(d) in-process, with Pilot ------------------------------------------------------


def timed_app_class() -> type:
    """QuietroomApp that notes each frame, and fires a waiter when its condition holds."""
    import screens.app
    from screens.app import QuietroomApp

    class TimedApp(QuietroomApp):
        # A relative CSS_PATH is read beside the module that defines the class.
        CSS_PATH = str(Path(screens.app.__file__).with_name(str(QuietroomApp.CSS_PATH)))

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.frames = 0
            self._condition: Callable[[], bool] | None = None
            self._painted: asyncio.Future[float] | None = None
            self.unlocked_at: float | None = None

        def post_display_hook(self) -> None:
            self.frames += 1
            if self._condition is not None and self._painted is not None:
                try:
                    holds = self._condition()
                except Exception:  # a widget not mounted yet
                    holds = False
                if holds and not self._painted.done():
                    self._painted.set_result(time.perf_counter())
                    self._condition = None

        def paint_when(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
            """A future holding the time of the first frame painted once `condition` holds."""
            self._painted = asyncio.get_running_loop().create_future()
            self._condition = condition
            return self._painted

        def vault_unlocked(self, vault: Any) -> None:
            self.unlocked_at = time.perf_counter()
            super().vault_unlocked(vault)

    return TimedApp


def argon2_clock() -> list[float]:
    """Patch vault.header.unwrap to note when Argon2id (and the AES unwrap) returns."""
    from vault.keys import header

    finished: list[float] = []
    original = header.unwrap

    def unwrap(*args: Any, **kwargs: Any) -> bytes:
        key = original(*args, **kwargs)
        finished.append(time.perf_counter())
        return key

    header.unwrap = unwrap
    return finished


def search_clock() -> list[float]:
    """Patch SearchScreen to note when each search starts, and to keep the query whose
    answer it shows in `bench_shown_query`."""
    from screens.search import SearchScreen

    started: list[float] = []
    search_now, state_changed = SearchScreen._search_now, SearchScreen.on_worker_state_changed

    def patched_search_now(self: Any) -> None:
        started.append(time.perf_counter())
        search_now(self)

    def patched_state_changed(self: Any, event: Any) -> None:
        state_changed(self, event)
        run = event.worker.result if event.worker.is_finished else None
        if run is not None and self._hits is getattr(run, "hits", None):
            self.bench_shown_query = run.query

    SearchScreen._search_now = patched_search_now  # type: ignore[method-assign]
    SearchScreen.on_worker_state_changed = patched_state_changed  # type: ignore[method-assign]
    return started


async def wait(future: asyncio.Future[float], pilot: Any, timeout: float = 60.0) -> float:
    deadline = time.perf_counter() + timeout
    while not future.done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the expected frame was never painted")
        await asyncio.sleep(0.001)
    return future.result()


async def unlock(app: Any, pilot: Any, argon_done: list[float]) -> dict[str, float]:
    """Type the passphrase; time Argon2id's end -> the client list painted with rows."""
    from textual.widgets import Input

    from screens.client_list import ClientListScreen

    def list_painted() -> bool:
        screen = app.screen
        return isinstance(screen, ClientListScreen) and screen.table.row_count > 0

    await pilot.pause()
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    painted = app.paint_when(list_painted)
    before = len(argon_done)
    entered = time.perf_counter()
    await pilot.press("enter")
    done = await wait(painted, pilot)
    argon_end = argon_done[before]
    return {
        "enter_to_painted_ms": (done - entered) * 1000,
        "argon2_ms": (argon_end - entered) * 1000,  # includes the worker start and header read
        "after_argon2_to_painted_ms": (done - argon_end) * 1000,
        "after_argon2_to_worker_done_ms": ((app.unlocked_at or argon_end) - argon_end) * 1000,
    }


async def settle(screen: Any, pilot: Any) -> None:
    """Until no search runs or waits to run, and what they posted has been handled."""
    while True:
        await screen.app.workers.wait_for_complete()
        await pilot.pause()
        if screen._in_flight is None and not screen._queued:
            return


KEY_GAP = 0.150  # seconds between keys when a whole word is typed


async def type_until_results(
    app: Any, pilot: Any, screen: Any, keys: str, starts: list[float]
) -> tuple[float, float, float]:
    """Press `keys` KEY_GAP apart into the search box; returns the times of the last
    keystroke, of the first frame showing results for the box's final text, and of the
    last search started before that frame (from `starts`)."""
    from textual.widgets import OptionList

    word = screen.query_text + keys
    screen.bench_shown_query = None
    painted = app.paint_when(
        lambda: screen.bench_shown_query == word and screen.query_one(OptionList).option_count > 0
    )
    first = time.perf_counter()
    last = first
    for i, key in enumerate(keys):
        await asyncio.sleep(max(0.0, first + i * KEY_GAP - time.perf_counter()))
        last = time.perf_counter()
        await pilot.press(key)
    done = await wait(painted, pilot)
    started = max((t for t in starts if t <= done), default=last)
    await settle(screen, pilot)
    return last, done, started


def add_paperwork(vault: Any) -> None:
    """Consents and releases for the clients that have none, the same on every run."""
    import random

    from vault.consent.models import ConsentInput, ReleaseInput

    rng = random.Random(7)
    today = vault.store.today()
    version = vault.consent_templates.latest_of("informed_consent")
    with vault.store.reading() as conn:
        bare = [row[0] for row in conn.execute(
            "SELECT id FROM clients WHERE id NOT IN (SELECT client_id FROM consents) ORDER BY id"
        )]  # fmt: skip
    if not bare:
        return
    say(f"adding consents and releases to {len(bare)} clients ...")
    for client_id in bare:
        if rng.random() < 0.85:  # the rest show "no consent"
            day = (today - timedelta(days=rng.randint(10, 500))).isoformat()
            vault.consents.record(client_id, ConsentInput(
                template_version_id=version.id, discussed_on=day, discussed_by="Dr. Robin Bench",
                signer_name="The client", signed_on=day,
            ))  # fmt: skip
        if rng.random() < 0.33:
            ends = today + timedelta(days=rng.choice((12, 25, 200, 400)))
            vault.releases.save(client_id, ReleaseInput(
                recipient_name="Bench Mutual Insurance", recipient_role="insurer",
                scope=["dates_and_fees_only"], purpose="Reimbursement", expires_on=ends,
                signed_by="The client", signed_on=today - timedelta(days=30),
                signature_method="paper",
            ))  # fmt: skip


async def tui_figures(vault_dir: Path, runs: int) -> dict[str, list[float]]:
    from textual.widgets import Input

    from screens.client_record import ClientRecordScreen
    from screens.search import SearchScreen
    from vault.vault import Vault

    # The biggest client, found the way the bench found it (not through the UI).
    vault = Vault.open(vault_dir, PASSPHRASE)
    with vault.store.reading() as conn:
        big_client = conn.execute(
            "SELECT client_id FROM notes WHERE amends_note_id IS NULL GROUP BY client_id"
            " ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    add_paperwork(vault)
    vault.close()

    argon_done = argon2_clock()
    search_starts = search_clock()
    app_class = timed_app_class()
    out: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        out.setdefault(name, []).append(value)

    for run in range(runs):
        app = app_class(vault_dir)
        try:
            async with app.run_test(size=SIZE) as pilot:
                for name, value in (await unlock(app, pilot, argon_done)).items():
                    add(f"unlock_{name}", value)

                # (c) open the biggest client, three times per app (first one colder).
                for attempt in range(3):
                    painted = app.paint_when(
                        lambda app=app: (
                            isinstance(app.screen, ClientRecordScreen)
                            and app.screen.timeline.row_count > 0
                        )
                    )
                    t0 = time.perf_counter()
                    app.open_client(big_client)
                    took = (await wait(painted, pilot) - t0) * 1000
                    add("open_client_ms", took)
                    if attempt == 0:
                        add("open_client_first_ms", took)
                    await pilot.pause()
                    app.pop_screen()
                    await pilot.pause()

                # (e) the client list with its marks, reloaded.
                from screens.client_list import ClientListScreen

                listing = app.screen_stack[-1]
                assert isinstance(listing, ClientListScreen)
                marks_for = listing._marks_for
                for _ in range(5):
                    for name, marked in (("client_list_marks_ms", True),
                                         ("client_list_unmarked_ms", False)):  # fmt: skip
                        # Without the marks, for comparison on the same (busy) machine.
                        listing._marks_for = marks_for if marked else lambda ids: {}
                        painted = app.paint_when(lambda: True)
                        t0 = time.perf_counter()
                        listing.reload()
                        add(name, (await wait(painted, pilot) - t0) * 1000)
                        await pilot.pause()
                    t0 = time.perf_counter()
                    marks_for([c.id for c in listing.table._items])
                    add("client_list_marks_query_ms", (time.perf_counter() - t0) * 1000)
                listing._marks_for = marks_for

                # (d) search, in the search screen.
                app.action_search()
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, SearchScreen)
                box = screen.query_one("#search-query", Input)
                for word in (COMMON, RARE):
                    # The last letter, once the search for the rest has finished.
                    box.value = word[:-1]
                    box.cursor_position = len(box.value)
                    await settle(screen, pilot)
                    t0, done, started = await type_until_results(
                        app, pilot, screen, word[-1], search_starts
                    )
                    add(f"search_{word}_after_last_key_ms", (done - t0) * 1000)
                    add(f"search_{word}_after_start_ms", (done - started) * 1000)
                    # The whole word into an empty box, at 150 ms a key.
                    box.value = ""
                    await settle(screen, pilot)
                    t0, done, _ = await type_until_results(app, pilot, screen, word, search_starts)
                    add(f"search_{word}_typed_ms", (done - t0) * 1000)
                app.pop_screen()
                await pilot.pause()
        finally:
            app._close_vault()
        say(f"  ui run {run + 1}/{runs} done")
    return out


# -- report ------------------------------------------------------------------------------


def line(figure: str, values: list[float], target: str, limit: float | None) -> list[str]:
    p50, p95 = pct(values, 50), pct(values, 95)
    return [figure, f"p50 {p50:.1f} ms · p95 {p95:.1f} ms (N={len(values)})", target,
            verdict(p50, limit)]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Quietroom TUI timings (prints, never asserts).")
    parser.add_argument("--vault", type=Path, help="a vault from `python -m bench.run --keep DIR`")
    parser.add_argument("--notes", type=int, default=100_000, help="notes, when building a vault")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--launches", type=int, default=10, help="launch runs for (a)")
    parser.add_argument("--runs", type=int, default=10, help="app runs for (b)-(d)")
    parser.add_argument("--launch-only", action="store_true",
                        help="only (a), on a tiny vault made here (no 100k build)")  # fmt: skip
    args = parser.parse_args(argv)

    work: Path | None = None
    vault_dir = args.vault
    if vault_dir is None:
        work = Path(tempfile.mkdtemp(prefix="quietroom-bench-ui-"))
        vault_dir = work / "vault"
        if args.launch_only:
            tiny_vault(vault_dir)
        else:
            build(vault_dir, work, args.clients, args.notes, 1, "calibrate")
            (work / "unkeyed.db").unlink(missing_ok=True)
    tui: dict[str, list[float]] = {}
    try:
        say("(a) launch to unlock prompt, in a pseudo-terminal ...")
        python_ms = [process_ms("pass") for _ in range(5)]
        import_ms = [process_ms("import screens.app") for _ in range(5)]
        launch_once(run_app_argv(vault_dir))  # warm the OS file cache once
        launch_once(minimal_argv())
        launches, commands, minimal = launch_figures(vault_dir, args.launches)
        if not args.launch_only:
            say("(b)-(d) in-process with Pilot ...")
            tui = asyncio.run(tui_figures(vault_dir, args.runs))
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

    floor = pct(minimal, 50)
    rows = [
        line("(a) launch to unlock prompt painted: run_app (pty, 120×40)", launches,
             "≤ 250 ms p50", 250),
        line("    the same through `quietroom --vault DIR`", commands, "≤ 250 ms p50", 250),
        line("    a minimal Textual app painting one password Input", minimal, "—", None),
        ["    ratio run_app / minimal · quietroom / minimal (p50)",
         f"{pct(launches, 50) / floor:.2f}× · {pct(commands, 50) / floor:.2f}×", "≤ 1.2×",
         verdict(pct(commands, 50) / floor, 1.2)],
        line("    python -c pass (interpreter start, for context)", python_ms, "—", None),
        line("    python -c 'import screens.app' (start + imports)", import_ms, "—", None),
    ]  # fmt: skip
    if tui:
        rows += tui_rows(tui)
    print()
    print(f"Quietroom TUI benchmark — {os.cpu_count()} CPUs, terminal {SIZE[0]}×{SIZE[1]}, "
          f"vault {vault_dir}")  # fmt: skip
    print()
    header = ["figure", "measured", "target", "status"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return 0


def launch_figures(vault_dir: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Ours and the minimal app, interleaved, so load on the machine hits all three alike."""
    launches: list[float] = []
    commands: list[float] = []
    minimal: list[float] = []
    for _ in range(runs):
        minimal.append(launch_once(minimal_argv()))
        launches.append(launch_once(run_app_argv(vault_dir)))
        commands.append(launch_once(command_argv(vault_dir)))
    return launches, commands, minimal


def tiny_vault(vault_dir: Path) -> None:
    """A vault with cheap key settings: launch stops at the prompt, so size does not matter."""
    from vault.keys.kdf import KdfParams
    from vault.vault import Vault

    vault, _recovery = Vault.create(vault_dir, PASSPHRASE, KdfParams(1, 8 * 1024, 1))
    vault.close()


def tui_rows(tui: dict[str, list[float]]) -> list[list[str]]:
    rows = [
        line("(b) after Argon2id → client list painted",
             tui["unlock_after_argon2_to_painted_ms"], "≤ 100 ms", 100),
        line("    of which: Argon2id end → unlock worker done (open_with_key)",
             tui["unlock_after_argon2_to_worker_done_ms"], "—", None),
        line("    Enter → Argon2id done (worker start, header, Argon2id)",
             tui["unlock_argon2_ms"], "≈ 500 ms (calibrated)", None),
        line("(c) open the 1,000-note client → painted", tui["open_client_ms"], "≤ 100 ms", 100),
        line("    first open in each app run", tui["open_client_first_ms"], "≤ 100 ms", 100),
        line("(e) client list with paperwork marks: reload → painted",
             tui["client_list_marks_ms"], "≤ 100 ms", 100),
        line("    the same without the marks (for comparison)",
             tui["client_list_unmarked_ms"], "—", None),
        line("    of which: the marks of the 120 rows mounted (2 queries)",
             tui["client_list_marks_query_ms"], "—", None),
    ]  # fmt: skip
    for word in (COMMON, RARE):
        rows += [
            line(f"(d) search '{word}': last keystroke → results painted",
                 tui[f"search_{word}_after_last_key_ms"], "≤ 100 ms", 100),
            line("    of which: search started → results painted",
                 tui[f"search_{word}_after_start_ms"], "—", None),
            line(f"    '{word}' typed at {KEY_GAP * 1000:.0f} ms a key: last keystroke → painted",
                 tui[f"search_{word}_typed_ms"], "≤ 100 ms", 100),
        ]  # fmt: skip
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
