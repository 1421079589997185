"""The Risk view of a client's record: the risk records (open ones first, with their
flag, status and deadlines), the PHQ-9 and GAD-7 trends as small charts, the latest
C-SSRS paper result, and the safety plan's latest version. Keys start a PHQ-9, a
GAD-7, a C-SSRS paper result, the safety plan, or a new risk flag.

A widget, not a screen: `RiskView(client_id)`, then `load()` whenever what it shows
may have changed. It is mounted inside the client record."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from screens import safe
from screens.base import VaultAccess
from screens.cssrs_form import CssrsPaperForm
from screens.instrument_form import InstrumentForm, InstrumentSaved, go_to_risk_record
from screens.safety_plan_form import SafetyPlanForm
from screens.trend_chart import trend_chart
from vault.errors import VaultError
from vault.risk.deadlines import time_left
from vault.risk.events import flag_label
from vault.risk.measures import CSSRS_ITEMS
from vault.risk.models import InstrumentResult, RiskDeadline, RiskEvent, SafetyPlan

if TYPE_CHECKING:
    pass

NO_RECORDS = "No risk records. Press f to raise a risk flag."
NO_PLAN = "No safety plan yet. Press s to write one."
NOTHING_TO_PRINT = "There is no safety plan to print yet. Press s to write one."
HINT = "p PHQ-9 · g GAD-7 · c C-SSRS on paper · s safety plan · f flag · Enter open"
STATUS_STYLES = {"open": "bold red", "signed, open": "bold dark_orange", "resolved": "dim"}


class RiskView(VaultAccess, Vertical):
    DEFAULT_CSS = """
    RiskView {
        height: 1fr;
        #risk-scroll {
            height: 1fr;
        }
        #risk-table {
            height: auto;
            max-height: 8;
        }
        .risk-heading {
            text-style: bold;
            margin-top: 1;
        }
        #risk-hint {
            color: $text-muted;
            height: auto;
        }
    }
    """
    BINDINGS = [
        Binding("p", "instrument('phq9')", "PHQ-9", id="risk_view.phq9"),
        Binding("g", "instrument('gad7')", "GAD-7", id="risk_view.gad7"),
        Binding("s", "safety_plan", "Safety plan", id="risk_view.safety_plan"),
        Binding("c", "cssrs", "C-SSRS on paper", id="risk_view.cssrs", show=False),
        Binding("f", "raise_flag", "Raise a flag", id="risk_view.raise_flag", show=False),
        Binding("o", "print_plan", "Print the plan", id="risk_view.print_plan", show=False),
    ]

    def __init__(self, client_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client_id = client_id
        self.events: list[RiskEvent] = []
        self.plan: SafetyPlan | None = None
        self.trends: dict[str, list[InstrumentResult]] = {}
        self.loaded = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="risk-scroll", can_focus=False):
            yield Static("Risk records", classes="risk-heading")
            yield DataTable(cursor_type="row", id="risk-table")
            yield Static("", id="risk-empty")
            yield Static("Measures", classes="risk-heading")
            yield Static("", id="risk-trend-phq9")
            yield Static("", id="risk-trend-gad7")
            yield Static("", id="risk-cssrs")
            yield Static("Safety plan", classes="risk-heading")
            yield Static("", id="risk-plan")
        yield Static(HINT, id="risk-hint", markup=False)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#risk-table", DataTable)

    def on_mount(self) -> None:
        self.table.add_columns("Opened", "Flag", "Status", "Deadline")
        self.watch(self.app, "privacy", lambda _privacy: self._draw_plan(), init=False)

    def on_resize(self, _event: events.Resize) -> None:
        if self.loaded:
            self._draw_trends()

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        """Read everything the view shows from the vault and draw it."""
        try:
            vault = self.vault
            self.events = vault.risk.for_client(self.client_id)
            deadlines = vault.risk.open_deadlines(self.client_id)
            self.trends = {
                name: vault.measures.trend(self.client_id, name)
                for name in ("phq9", "gad7", "cssrs_paper")
            }
            self.plan = vault.safety_plans.latest(self.client_id)
            now = vault.store.clock()
        except VaultError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            return
        self.loaded = True
        self._draw_records(deadlines, now)
        self._draw_trends()
        self._draw_plan()

    def refresh_record(self) -> None:
        """A form rebuilt after an unlock saved: show what changed."""
        self.load()

    def _draw_records(self, deadlines: list[RiskDeadline], now: datetime) -> None:
        soonest: dict[int, RiskDeadline] = {}
        for deadline in deadlines:  # soonest first
            soonest.setdefault(deadline.event_id, deadline)
        # Open records first, each group newest first (for_client gives newest first).
        ordered = sorted(self.events, key=lambda e: not e.is_open)
        table = self.table
        key = self._selected_id()
        with self.app.batch_update():
            table.clear()
            for event in ordered:
                table.add_row(
                    Text(event.opened_at[:10]),
                    Text(flag_label(event.flag) + (" · PHQ-9" * (event.opened_by == "phq9"))),
                    _status(event),
                    _deadline_text(soonest.get(event.id), now),
                    key=str(event.id),
                )  # fmt: skip
        self.table.display = bool(ordered)
        self.query_one("#risk-empty", Static).update(Text(NO_RECORDS if not ordered else ""))
        self.query_one("#risk-empty", Static).display = not ordered
        if key is not None:
            with contextlib.suppress(Exception):  # gone since: stay on the first row
                table.move_cursor(row=table.get_row_index(str(key)), animate=False)

    def _selected_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(value) if value is not None else None

    def _draw_trends(self) -> None:
        width = max(40, self.size.width - 2)
        for name in ("phq9", "gad7"):
            chart = trend_chart(name, self.trends.get(name, []), width)
            self.query_one(f"#risk-trend-{name}", Static).update(chart)
        self.query_one("#risk-cssrs", Static).update(_cssrs_line(self.trends.get("cssrs_paper")))

    def _draw_plan(self) -> None:
        if not self.loaded:
            return
        plan = self.plan
        if plan is None:
            self.query_one("#risk-plan", Static).update(Text(NO_PLAN))
            return
        text = Text(f"Version {plan.version}, saved {plan.created_at[:10]}")
        filled = sum(1 for lines in plan.sections.values() if lines)
        text.append(f" · {filled} of 7 parts written", style="dim")
        linked = next((e for e in self.events if e.id == plan.event_id), None)
        if linked is not None:
            text.append(f" · made for the {flag_label(linked.flag).lower()} record of "
                        f"{linked.opened_at[:10]}", style="dim")  # fmt: skip
        text.append(" · o prints it", style="dim")
        self.query_one("#risk-plan", Static).update(text)

    # -- keys -----------------------------------------------------------------------------

    def action_instrument(self, instrument: str) -> None:
        self.app.push_screen(InstrumentForm(self.client_id, instrument), self._after_instrument)

    def _after_instrument(self, saved: InstrumentSaved | None) -> None:
        if saved is None:
            return
        self.load()
        result = saved.result
        self.notify(f"{result.total} ({result.band}) saved for {result.taken_on.isoformat()}.",
                    title=_instrument_name(result.instrument), markup=False)  # fmt: skip

    def action_cssrs(self) -> None:
        self.app.push_screen(CssrsPaperForm(self.client_id), self._after_saved)

    def action_safety_plan(self) -> None:
        event_id = self._selected_id()
        selected = next((e for e in self.events if e.id == event_id and e.is_open), None)
        form = SafetyPlanForm(self.client_id, selected.id if selected else None)
        self.app.push_screen(form, self._after_saved)

    def _after_saved(self, saved: object) -> None:
        if saved is not None:
            self.load()

    def action_print_plan(self) -> None:
        if self.plan is None:
            self.notify(NOTHING_TO_PRINT, title="Safety plan", markup=False)
            return
        from screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog("safety_plan", self.client_id))

    def action_raise_flag(self) -> None:
        try:
            from screens.risk.flag_picker import raise_flag
        except ImportError:
            self.notify("Raising a flag is not available in this version.", markup=False)
            return
        raise_flag(self.screen, self.client_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # Enter on a record: the table's own key, so it arrives as a message
        self.action_open_record()

    def action_open_record(self) -> None:
        event_id = self._selected_id()
        if event_id is None:
            return
        if not go_to_risk_record(self.app, event_id):
            self.notify("The risk prompt is not available in this version.", markup=False)


def _status(event: RiskEvent) -> Text:
    if not event.is_open:
        return Text("resolved", style=STATUS_STYLES["resolved"])
    label = "signed, open" if event.is_signed else "open"
    return Text(label, style=STATUS_STYLES[label])


def _deadline_text(deadline: RiskDeadline | None, now: datetime) -> Text:
    if deadline is None:
        return Text("—", style="dim")
    left = time_left(deadline.due_at, now)
    style = "bold red" if left.startswith(("overdue", "due now")) else "bold"
    return Text.assemble((left, style), f" · due {deadline.due_at.strftime('%m-%d %H:%M')}")


def _cssrs_line(results: list[InstrumentResult] | None) -> Text:
    label = "C-SSRS  "
    if not results:
        return Text.assemble((label, "bold"), ("no paper result recorded", "dim"))
    latest = results[-1]
    answers = latest.answers if isinstance(latest.answers, dict) else {}
    topics = answers.get("answers", {}) if isinstance(answers.get("answers"), dict) else {}
    yes = [name for key, name in CSSRS_ITEMS if topics.get(key)]
    text = Text.assemble((label, "bold"), f"on paper, {latest.taken_on.isoformat()}: ")
    if yes:
        text.append(f"yes to {len(yes)} of {len(CSSRS_ITEMS)} ({', '.join(yes).lower()})",
                    style="bold red")  # fmt: skip
    else:
        text.append(f"no to all {len(CSSRS_ITEMS)} topics")
    recency = answers.get("recency")
    if isinstance(recency, str) and recency:
        text.append(" · ").append_text(safe.line(recency.lower()))
    return text


def _instrument_name(instrument: str) -> str:
    return {"phq9": "PHQ-9", "gad7": "GAD-7"}.get(instrument, instrument)
