"""Writing the client's safety plan: six parts and an optional seventh (reasons to keep
going), each a few lines. A first plan starts with the jurisdiction's emergency and
crisis numbers in the professionals part; a later one starts from the previous
version's text. Every save is a new version; the earlier ones are listed with dates."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Label, Static, TextArea

from screens import safe
from screens.measures_base import MEASURE_DIALOG_CSS, MeasureDialog
from vault.errors import InvalidRecord, VaultError
from vault.risk.models import SafetyPlan
from vault.risk.safety_plan import REASONS, SECTIONS, crisis_contacts

PARTS = (*SECTIONS, (REASONS[0], REASONS[1] + " (optional)"))
KEYS = "One line per item · Tab next part · ctrl+s saves · Escape cancels"
FIRST = "First version. The professionals part starts with your jurisdiction's crisis numbers."


class SafetyPlanForm(MeasureDialog):
    FORM_NAME = "safety_plan"
    HEADING = "Safety plan"
    DEFAULT_CSS = (
        MEASURE_DIALOG_CSS % {"cls": "SafetyPlanForm"}
        + """
    SafetyPlanForm {
        .plan-part {
            height: auto;
            min-height: 2;
            max-height: 8;
            border: none;
            padding: 0 1;
            background: $boost;
        }
        .plan-label {
            text-style: bold;
            margin-top: 1;
        }
        #plan-hidden {
            height: 1fr;
            display: none;
        }
        .plan-label.-first {
            margin-top: 0;
        }
    }
    """
    )

    def __init__(self, client_id: int, event_id: int | None = None) -> None:
        super().__init__(client_id)
        self.event_id = event_id
        self.previous: SafetyPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="measure-dialog -tall"):
            yield Static("", id="measure-title", classes="measure-title")
            yield Static("", id="plan-versions", classes="measure-hint")
            yield Static("", id="measure-error", classes="measure-error")
            with VerticalScroll(id="plan-parts", classes="measure-scroll", can_focus=False):
                for index, (key, label) in enumerate(PARTS):
                    yield Label(label, classes="plan-label" + " -first" * (index == 0))
                    yield TextArea(id=key, classes="plan-part", soft_wrap=True,
                                   show_line_numbers=False, compact=True)  # fmt: skip
            yield Static(safe.HIDDEN, id="plan-hidden")
            yield Static(KEYS, classes="measure-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            self.prefill()
        except VaultError as error:
            self.show_error(error.message)
        self.start()
        self.query_one(f"#{PARTS[0][0]}", TextArea).focus(scroll_visible=False)
        parts = self.query_one("#plan-parts")
        self.call_after_refresh(parts.scroll_home, animate=False)

    def prefill(self) -> None:
        versions = self.vault.safety_plans.versions(self.client_id)
        self.previous = versions[0] if versions else None
        self.query_one("#plan-versions", Static).update(_versions_line(versions))
        if self.previous is None:
            starting = {"professionals": crisis_contacts(self.vault.rule_pack())}
        else:
            starting = self.previous.sections
        for key, _label in PARTS:
            self.query_one(f"#{key}", TextArea).load_text("\n".join(starting.get(key, [])))

    def show_privately(self, privacy: bool) -> None:
        # The plan names the people the client turns to: hidden like a note's text. The
        # parts are hidden, not emptied, so what was typed stays.
        self.query_one("#plan-parts").display = not privacy
        self.query_one("#plan-hidden").display = privacy

    def action_save(self) -> None:
        self.clear_error()
        sections = {key: self.query_one(f"#{key}", TextArea).text.splitlines() for key, _ in PARTS}
        try:
            plan = self.vault.safety_plans.save(self.client_id, sections, self.event_id)
        except InvalidRecord as error:
            self.show_error(_named(error))
            if error.field in dict(PARTS):
                self.query_one(f"#{error.field}", TextArea).focus()
            return
        except VaultError as error:
            self.show_error(error.message)
            return
        self.finish(plan)

    def values(self) -> dict[str, Any]:
        return {key: self.query_one(f"#{key}", TextArea).text for key, _ in PARTS}

    def fill(self, values: dict[str, Any]) -> None:
        for key, _label in PARTS:
            if isinstance(values.get(key), str):
                self.query_one(f"#{key}", TextArea).load_text(values[key])

    def rebuild(self) -> SafetyPlanForm:
        return SafetyPlanForm(self.client_id, self.event_id)


def _versions_line(versions: list[SafetyPlan]) -> Text:
    if not versions:
        return Text(FIRST)
    listed = ", ".join(f"version {p.version} ({p.created_at[:10]})" for p in versions[:6])
    more = f" and {len(versions) - 6} earlier" if len(versions) > 6 else ""
    return Text(f"Saving makes version {versions[0].version + 1}. Kept: {listed}{more}.")


def _named(error: InvalidRecord) -> str:
    """The core's sentence, with the part it is about named in the plan's own words."""
    label = dict(PARTS).get(error.field or "")
    if label and error.message.startswith("Each part"):
        return f"{label.split(' (')[0]}: {error.message}"
    return error.message
