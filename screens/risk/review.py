"""Step 12, review and sign: what is still missing (each a key away from its question),
then the whole record as the note it will be signed as."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from screens import safe
from vault.risk.models import RiskEvent
from vault.risk.rules import OPTION_LABELS
from vault.risk.steps import STEPS, step_fields

GAP = re.compile(r"^Step (\d+) \([^)]*\): (.*)$")
READY = "Everything the record needs is answered. Press ctrl+g to sign it."
SIGNED = (
    "Signed. This record is now a note in the client's record and cannot be changed; "
    "add an addendum to the note there."
)


def gap_target(gap: str, flag: str) -> tuple[int, str | None]:
    """The step a gap sentence names, and the id of the answer it is about (if found)."""
    found = GAP.match(gap)
    if found is None:
        return 12, None
    number, rest = int(found.group(1)), found.group(2).rstrip(".")
    step = STEPS[number - 1]
    for option, label in OPTION_LABELS.items():
        if f"“{label}”" in rest:
            return number, f"r-{option}" if rest.startswith("why") else f"o-{option}"
    for item in step_fields(step, flag):
        if rest == item.label or rest.endswith(item.label.lower()):
            return number, f"f-{item.key}"
    if number == 1:
        return 1, "f-call_time"
    return number, None


class ReviewPanel(Vertical):
    def __init__(self, event: RiskEvent, gaps: list[str], preview: str) -> None:
        super().__init__(id="review")
        self.event = event
        self.gaps = gaps
        self.preview = preview

    async def show(self, event: RiskEvent, gaps: list[str], preview: str) -> None:
        """Brought up to date each time step 12 is shown: the record may have changed.
        Updated in place (a long note is costly to lay out twice)."""
        self.event, self.gaps = event, gaps
        state = self.query_one("#review-state", Static)
        listed = self.query_one("#gaps", OptionList)
        if event.is_signed or not gaps:
            state.update(SIGNED if event.is_signed else READY)
        else:
            state.update(f"Still needed before signing ({len(gaps)}): Enter goes to the question.")
        state.set_class(event.is_signed or not gaps, "ready")
        listed.clear_options()
        listed.add_options(Option(Text(gap), id=f"gap-{n}") for n, gap in enumerate(gaps))
        listed.display = bool(gaps) and not event.is_signed
        listed.highlighted = 0 if gaps else None
        if preview != self.preview:
            self.preview = preview
            self.query_one("#preview", Static).update(safe.plain(preview))

    def compose(self) -> ComposeResult:
        yield Static("", id="review-state")
        yield OptionList(id="gaps")
        yield Label("The note, as it will be signed:", classes="section")
        yield Static(safe.plain(self.preview), id="preview")

    def target(self, option_id: str) -> tuple[int, str | None]:
        return gap_target(self.gaps[int(option_id.removeprefix("gap-"))], self.event.flag)
