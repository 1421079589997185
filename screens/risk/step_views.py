"""What each step shows besides its questions: the emergency number (1), the consent on
file (2), the rule in the pack's own words (4), the basis the pack suggests (5), the
options with the required ones marked (6), suggestions for the minimum necessary (8).
Steps 9 and 12 have modules of their own (acting.py, review.py).

Vault text (answers, consent lines) goes through screens/safe.py; pack text is the
clinician's own file, so it is cleaned the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens import safe
from screens.risk.acting import ActingPanel
from screens.risk.fields import ChoiceBar, FieldBox, checked, set_value, value_of
from screens.risk.review import ReviewPanel
from vault.consent.models import PRESET_LABELS, PRESETS, SCOPE_LABELS
from vault.errors import InvalidRecord
from vault.records.models import Client
from vault.risk.minors import minors_rule_lines
from vault.risk.models import RiskEvent
from vault.risk.reviews import read_reviews, rules_folder
from vault.risk.rules import DUTY_LABELS, OPTION_LABELS
from vault.risk.steps import Step, step_fields

if TYPE_CHECKING:
    from vault.vault import Vault

NO_CONSENT = "No consent on file covers this."
STARTING_POINT = (
    "These rules are a starting point, not legal advice: check them against the law where "
    "you practise before you rely on them."
)
CHOSEN = (("yes", "Chosen"), ("no", "Not chosen"))
# Said when the facts step records something other than an order signed by a judge: the
# demand that frightens most (a lawyer's subpoena at 9 pm) rarely obliges anything tonight.
NOT_AN_ORDER = {
    "subpoena": (
        "You recorded a subpoena, not an order signed by a judge. In many places a subpoena "
        "alone does not let you send records without the client's authorization or a "
        "court's order: read the rule above for what it needs here. Nothing has to leave "
        "tonight: take the time to verify it, tell the client and get advice."
    ),
    "other": (
        "You recorded a letter or request, not an order signed by a judge: it obliges you to "
        "nothing by itself. Nothing has to leave tonight."
    ),
}
REASON_NEEDED = "This step is required by the rule: say why it was not taken."


@dataclass
class StepData:
    """What a step needs from the vault, read once when the step is drawn."""

    event: RiskEvent
    review_state: str = ""
    told: list[str] = field(default_factory=list)
    on_file: Text | None = None  # what the record already says that bears on the facts
    defaults: dict[str, str] = field(default_factory=dict)  # answers the record can give


def show_not_an_order(callout: Static, event: RiskEvent) -> None:
    """Drawn with the step, then again each time it is shown: the step is drawn ahead,
    before the facts it depends on are answered."""
    words = NOT_AN_ORDER.get(answers_of(event, "facts").get("document", ""), "")
    callout.update(Text(words, "bold"))
    callout.display = bool(words)


def answers_of(event: RiskEvent, step_key: str) -> dict[str, Any]:
    answers: dict[str, Any] = event.answers.get(step_key, {})
    return answers


def rule_of(event: RiskEvent) -> dict[str, Any]:
    rule: dict[str, Any] = event.rule["rule"]
    return rule


def emergency_line(event: RiskEvent) -> Text:
    number = event.rule.get("emergency_number") or ""
    text = Text("Emergency services: ", "bold")
    text.append_text(safe.line(number or "your local emergency number", "bold"))
    for name, phone in event.rule.get("crisis_lines", []):
        text.append("  ·  ")
        text.append_text(safe.line(f"{name}: {phone}"))
    return text


def act_now(event: RiskEvent) -> Text:
    number = event.rule.get("emergency_number") or "your local emergency number"
    text = Text("Act first. ", "bold")
    text.append_text(
        safe.line(
            f"Call {number} now, or have someone call while you stay with the person. "
            "Stay on the line and follow what they tell you. Then write down the time of "
            "the call below (type now). Everything else here can wait until later."
        )
    )
    return text


def step_widgets(step: Step, data: StepData) -> list[Widget]:
    """The step's own content, then its questions, answered as saved so far."""
    event = data.event
    answers = event.answers.get(step.key, {})
    widgets: list[Widget] = []
    if step.key == "danger":
        widgets.append(Static(emergency_line(event), id="emergency-line"))
    if step.key == "told":
        lines = data.told or [NO_CONSENT]
        widgets += [Static(safe.plain(line), classes="told-line") for line in lines]
    if step.key == "threshold":
        widgets.append(rule_panel(event, data.review_state))
        if event.flag == "court_order":
            callout = Static("", id="not-an-order", classes="act-now")
            show_not_an_order(callout, event)
            widgets.append(callout)
    if step.key == "basis" and rule_of(event).get("legal_basis"):
        suggestion = Text("The rule says: ", "bold")
        suggestion.append_text(safe.plain(rule_of(event)["legal_basis"]))
        widgets.append(Static(suggestion, classes="rule-box"))
    if data.on_file is not None:
        widgets.append(Static(data.on_file, classes="rule-box", id="on-file"))
    for item in step_fields(step, event.flag):
        value = answers.get(item.key, "") or data.defaults.get(item.key, "")
        widgets.append(FieldBox(item, str(value)))
        if step.key == "danger" and item.key == "danger_now":
            act = Static(act_now(event), id="act-now", classes="act-now")
            act.display = answers.get("danger_now") == "yes"
            widgets.append(act)
    if step.key == "options":
        widgets += option_rows(event)
    if step.key == "minimum":
        widgets.append(Label("Suggestions (Enter adds one to what will be disclosed):"))
        widgets.append(
            OptionList(*(Option(preset_text(name), id=name) for name in PRESETS), id="presets")
        )
    return widgets


def preset_text(name: str) -> str:
    return f"{PRESET_LABELS[name]}: {', '.join(SCOPE_LABELS[i] for i in PRESETS[name])}"


def rule_panel(event: RiskEvent, review_state: str) -> Vertical:
    rule, pack = rule_of(event), event.rule["pack"]
    head = Text(f"The rule ({pack['id']}, {pack['place']}): ", "bold")
    head.append(DUTY_LABELS.get(rule["duty"], rule["duty"]))
    threshold = rule.get("threshold") or (
        "The pack leaves this empty: state the rule you rely on in your reasons."
    )
    parts: list[Widget] = [Static(head), Static(safe.plain(threshold), id="threshold-text")]
    if event.flag == "guardian_request":
        minors = Text("Minors in this pack: ", "bold")
        minors.append_text(safe.plain(" ".join(minors_rule_lines(event.rule))))
        parts.append(Static(minors, id="minors-rule"))
    if rule.get("notes"):
        parts.append(Static(safe.plain(rule["notes"]), classes="rule-notes"))
    sources = event.rule.get("sources", {})
    if sources:
        cited = Text("Sources: ", "bold")
        cited.append_text(safe.plain("; ".join(sources.values())))
        parts.append(Static(cited, classes="rule-sources"))
    caution = Text(STARTING_POINT + " ")
    caution.append_text(
        safe.plain(
            f"This pack (version {pack['version']}) was last checked against its sources on "
            f"{pack['reviewed_on']}, and is {review_state}."
        )
    )
    parts.append(Static(caution, id="starting-point"))
    return Vertical(*parts, classes="rule-box")


class OptionRow(Vertical):
    """One option of the rule: chosen or not, and why."""

    def __init__(self, option: str, required: bool, answer: dict[str, Any]) -> None:
        super().__init__(classes="option-row")
        self.option = option
        self.required = required
        self._answer = answer

    def compose(self) -> ComposeResult:
        label = Text()
        if self.required:
            label.append("[required]", "bold reverse")
            label.append(" ")
        label.append(OPTION_LABELS.get(self.option, self.option), "bold" if self.required else "")
        yield Label(label, classes="option-label")
        with Horizontal(classes="option-line"):
            yield ChoiceBar(CHOSEN, str(self._answer.get("chosen", "")), id=f"o-{self.option}",
                            classes="answer")  # fmt: skip
            yield Input(
                str(self._answer.get("reason", "")), placeholder="Reason",
                id=f"r-{self.option}", classes="answer", compact=True,
            )  # fmt: skip
        yield Static("", classes="field-error")

    def value(self) -> dict[str, str]:
        chosen = self.query_one(ChoiceBar).value
        reason = self.query_one(Input).value.strip()
        return {"chosen": chosen, "reason": reason}

    def check(self) -> None:
        """The reason a required option not taken needs, said beside it."""
        answer = self.value()
        missing = self.required and answer["chosen"] == "no" and not answer["reason"]
        error = self.query_one(".field-error", Static)
        error.update(REASON_NEEDED if missing else "")
        error.set_class(missing, "-shown")


def option_rows(event: RiskEvent) -> list[Widget]:
    rule = rule_of(event)
    saved = event.answers.get("options", {})
    required = set(rule.get("required", []))
    rows: list[Widget] = [
        OptionRow(option, option in required, saved.get(option) or {})
        for option in rule.get("offered", [])
    ]
    if not rows:
        rows.append(Static("The rule offers no options for this flag.", classes="hint"))
    return rows


def review_state_of(event: RiskEvent) -> str:
    """'not yet reviewed by you' unless the clinician marked this very pack reviewed."""
    pack = event.rule["pack"]
    mark = read_reviews(rules_folder()).get(pack["id"])
    if mark is None:
        return "not yet reviewed by you"
    if mark.sha256 != pack["sha256"]:
        return f"changed since you reviewed it on {mark.on.isoformat()}"
    return f"reviewed by you on {mark.on.isoformat()}"


def step_content(step: Step, vault: Vault, event: RiskEvent, review: str) -> list[Widget]:
    """Everything step `step` shows below its title, read from the vault now."""
    data = StepData(event, review)
    if step.key == "told":
        data.told = vault.risk.told(event.client_id)
    if step.key == "facts" and event.flag == "guardian_request":
        guardians_on_file(
            data, vault.clients.get(event.client_id, audit=False), vault.store.today()
        )
    widgets = step_widgets(step, data)
    if step.key == "acting":
        ids = set(event.answers.get("acting", {}).get("disclosures", []))
        made = [d for d in vault.disclosures.for_client(event.client_id) if d.id in ids]
        started = vault.risk.deadlines_of(event.id)
        widgets.append(ActingPanel(event, made[::-1], started, vault.store.clock()))
    if step.key == "review":
        widgets.append(ReviewPanel(event, [], ""))  # filled each time it is shown
    return widgets


def guardians_on_file(data: StepData, client: Client, today: date) -> None:
    """A parent's request is judged against what the record says: the minor's age, and
    which guardians it gives access to the records. A worried clinician should not have
    to leave the prompt to look them up."""
    age = client.age(today)
    data.defaults["minor_age"] = str(age)
    text = Text("On file: ", "bold")
    text.append(f"{age} years old. ")
    if not client.guardians:
        text.append("No parent or guardian is recorded.")
    for guardian in client.guardians:
        text.append("\n")
        text.append_text(safe.line(guardian.name, "bold"))
        if guardian.relationship:
            text.append(" (").append_text(safe.line(guardian.relationship)).append(")")
        if guardian.can_access_records:
            text.append(" — recorded as able to see the records")
        else:
            text.append(" — recorded as NOT able to see the records", "bold")
    data.on_file = text


def step_answers(view: Widget, now: datetime, drawn: dict[int, str]) -> dict[str, object]:
    """The answers on a step that the vault can take; each one it cannot gets its sentence
    beside it. A date typed as "today" is written back as the date (and noted in `drawn`,
    so writing it back is not taken for typing)."""
    values: dict[str, object] = {}
    for box in view.query(FieldBox):
        if "answer" not in box.answer.classes:
            continue
        raw = value_of(box.answer)
        try:
            value = checked(box.item, raw, now)
        except InvalidRecord as error:
            box.show_error(error.message)
            continue
        box.show_error(None)
        if value != raw and box.item.kind in ("date", "datetime"):
            drawn[id(box.answer)] = value
            set_value(box.answer, value)
        values[box.item.key] = value
    for row in view.query(OptionRow):
        row.check()
        answer = row.value()
        if answer["chosen"] or answer["reason"]:
            values[row.option] = answer
    return values
