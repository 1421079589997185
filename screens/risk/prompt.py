"""The guided limits-of-confidentiality prompt: one step a screen, keyboard only,
saved as it is typed, signed at the end as one risk-assessment note.

Answers autosave `AUTOSAVE_IDLE` seconds after typing stops, and whenever the step
changes, the screen is left, or the vault locks. An answer the vault cannot take (a
date written wrongly) keeps its text on screen with one sentence beside it; a lock
keeps it in memory and puts it back after unlocking, on the same step.

Keys: ctrl+n/PgDn next step, PgUp previous, ctrl+t the list of steps, ctrl+s save
now, ctrl+g sign (screens/risk/signing.py), Escape back (saved).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import MountError, Widget
from textual.widgets import Footer, Header, Input, OptionList, Static, TextArea

from screens import safe
from screens.base import VaultScreen
from screens.risk.acting import ActingPanel
from screens.risk.fields import ChoiceBar, FieldBox, set_value, value_of
from screens.risk.review import ReviewPanel
from screens.risk.signing import PromptSigning
from screens.risk.step_list import StepJump, list_text, strip_text
from screens.risk.step_views import (
    preset_text,
    review_state_of,
    show_not_an_order,
    step_answers,
    step_content,
)
from vault.errors import VaultError
from vault.risk.models import RiskEvent
from vault.risk.rules import FLAG_LABELS
from vault.risk.steps import STEP_COUNT, STEPS

PROMPT_CSS = Path(__file__).with_name("prompt.tcss")
PREFETCH_AFTER = 0.05  # seconds: after the step shown has been painted
WIDE = 100  # columns from which the list of steps sits beside the step
GAP_STEP = re.compile(r"^Step (\d+) ")
Typed = dict[int, dict[str, str]]  # step -> widget id -> what was in it
ACTING = 9


def load_prompt_styles(app: App[object]) -> None:
    """prompt.tcss, added once to the app's styles. Not a CSS_PATH: the first screen
    with a CSS_PATH makes Textual re-parse and re-apply every stylesheet (~0.1 s on the
    first flag raised). Only the new rules are parsed here (as QuietroomApp does with
    screens.tcss)."""
    source = (str(PROMPT_CSS), "")
    if not app.stylesheet.has_source(*source):
        app.stylesheet.add_source(PROMPT_CSS.read_text(encoding="utf-8"), read_from=source)


class RiskPromptScreen(PromptSigning, VaultScreen):
    AUTO_FOCUS = None
    AUTOSAVE_IDLE = 1.0  # seconds; tests shorten it

    # At 80 columns the footer has room for these and the app's keys, no more: "Save" is
    # left to help (every answer is saved as it is typed), and the names are short.
    BINDINGS = [
        Binding("pageup", "previous_step", "Prev", id="risk.previous", priority=True),
        Binding(
            "ctrl+n,pagedown", "next_step", "Next", id="risk.next", priority=True, key_display="^n"
        ),
        Binding("ctrl+t", "steps", "Steps", id="risk.steps", priority=True),
        Binding("ctrl+s", "save_now", "Save", id="risk.save", priority=True, show=False),
        Binding("ctrl+g", "sign", "Sign", id="risk.sign", priority=True),
        Binding("escape", "leave", "Back", id="risk.back"),
    ]

    def __init__(self, event_id: int, *, step: int | None = None, typed: Typed | None = None):
        super().__init__()
        self.event_id = event_id
        self.step = step or 0  # 0 until loaded: the record's own step
        self._typed = typed or {}
        self._event: RiskEvent | None = None
        self._done: set[int] = set()
        self._dirty = False
        self._timer: Timer | None = None
        self._review = ""
        self._shown: dict[int, str] = {}  # each input's value as drawn, by id()
        self._views: dict[int, Widget] = {}
        self._building: dict[int, asyncio.Future[Widget]] = {}

    # -- layout --------------------------------------------------------------------------

    @property
    def event(self) -> RiskEvent:
        assert self._event is not None, "loaded in compose"
        return self._event

    def compose(self) -> ComposeResult:
        load_prompt_styles(self.app)
        yield Header()
        try:
            self._event = self.vault.risk.get(self.event_id)
        except VaultError as error:
            yield Static(error.message, id="risk-missing", markup=False)
            yield Footer(compact=True, show_command_palette=False)
            return
        self._review = review_state_of(self.event)
        if self.event.is_signed:
            self.step = STEP_COUNT
        self.step = min(max(self.step or self.event.step, 1), STEP_COUNT)
        with Horizontal(id="risk-title-bar"):
            yield Static(self._title(), id="risk-title")
            yield Static("", id="risk-status")
        yield Static("", id="step-strip")
        with Horizontal(id="risk-main"):
            yield Static("", id="step-list")
            with Vertical(id="step-area"):
                # The first step is part of the screen's first frame, not mounted after it.
                yield self._new_view(self.step)
        yield Static(safe.HIDDEN, id="risk-hidden")
        yield Footer(compact=True, show_command_palette=False)

    def _title(self) -> Text:
        client = self.vault.clients.get(self.event.client_id, audit=False)
        title = safe.line(client.initials if self.privacy else client.display_name, "bold")
        title.append(f" · {FLAG_LABELS.get(self.event.flag, self.event.flag)}")
        pack = self.event.rule["pack"]
        title.append_text(safe.line(f" · rules {pack['id']} {pack['version']}", "dim"))
        return title

    async def on_mount(self) -> None:
        if self._event is None:
            return
        self.watch(self.app, "privacy", self._show_privately, init=False)
        self._show_privately(self.privacy)
        self._drawn(self.step, self.query_one(".step-view"))
        await self._show_step(self.step)

    def on_resize(self, event: events.Resize) -> None:
        # Narrow: the list of steps becomes one line of numbers, which names the step too.
        self.set_class(event.size.width < WIDE, "-narrow")

    def _show_privately(self, privacy: bool) -> None:
        self.query_one("#risk-title", Static).update(self._title())
        self.query_one("#risk-main").display = not privacy
        self.query_one("#risk-hidden").display = privacy

    # -- drawing a step ------------------------------------------------------------------

    def _marks(self) -> None:
        gaps = {int(m.group(1)) for g in self.vault.risk.missing(self.event)
                if (m := GAP_STEP.match(g))}  # fmt: skip
        # Step 12 is done when signed; the others once visited with nothing required left.
        self._done = {s.number for s in STEPS[:-1]
                      if s.key in self.event.answers and s.number not in gaps}  # fmt: skip
        if self.event.is_signed:
            self._done = {s.number for s in STEPS}
        self.query_one("#step-list", Static).update(list_text(self._done, self.step))
        self.query_one("#step-strip", Static).update(strip_text(self._done, self.step))

    @property
    def _view(self) -> Widget:
        return self._views[self.step]

    async def _show_step(self, number: int, *, focus: str | None = None) -> None:
        """Show step `number`: built the first time, kept (hidden) after, so going back
        and forth costs nothing and what was typed stays as typed."""
        view = await self._built(number)
        if number == STEP_COUNT:
            await self._refresh_review(view)
        if number == ACTING:
            view.query_one(ActingPanel).prefill(self.event.answers.get("minimum", {}))
        for callout in view.query("#not-an-order").results(Static):
            show_not_an_order(callout, self.event)
        for other in self._views.values():
            other.display = other is view
        self.step = number
        self._marks()
        self._focus_first(view, focus)
        if number < STEP_COUNT:
            # The next step is drawn once this one is on screen: PgDn then only swaps.
            self.set_timer(PREFETCH_AFTER, partial(self._prefetch, number + 1))

    async def _prefetch(self, number: int) -> None:
        if not self.is_attached or self._event is None:
            return
        # The screen may be leaving (Escape, a lock) while the step is drawn ahead.
        with contextlib.suppress(NoMatches, MountError):
            await self._built(number)

    async def _built(self, number: int) -> Widget:
        if number in self._views:
            return self._views[number]
        building = self._building.get(number)
        if building is None:
            building = self._building[number] = asyncio.ensure_future(self._build(number))
        view = await building
        self._building.pop(number, None)
        return view

    async def _build(self, number: int) -> Widget:
        view = self._new_view(number)
        view.display = False
        await self.query_one("#step-area", Vertical).mount(view)
        return self._drawn(number, view)

    def _new_view(self, number: int) -> Widget:
        step = STEPS[number - 1]
        heading = Text(f"Step {step.number} of {STEP_COUNT}: {step.title}", "bold")
        return VerticalScroll(
            Static(heading, classes="step-title"), Static(step.intro, classes="step-intro"),
            *step_content(step, self.vault, self.event, self._review), classes="step-view",
        )  # fmt: skip

    def _drawn(self, number: int, view: Widget) -> Widget:
        """A step's view, mounted: kept, and what was typed before a lock put back."""
        if self.event.is_signed and number != STEP_COUNT:
            for widget in view.query(".answer, Button, Select"):
                widget.disabled = True
        # Inputs announce their first value as a change once mounted: only a value that
        # differs from what the step was drawn with is typing (and starts an autosave).
        self._shown.update({id(w): v for w, v in self._inputs(view)})
        self._views[number] = view
        typed = self._typed.pop(number, None)
        if typed:
            self._put_back(view, typed)
        return view

    async def _rebuild(self, number: int) -> None:
        """Draw a step again (a disclosure recorded, the record signed)."""
        old = self._views.pop(number, None)
        if old is not None:
            await old.remove()
        await self._show_step(number)

    async def _refresh_review(self, view: Widget) -> None:
        event = self.event
        if event.is_signed and event.note_id is not None:
            preview = self.vault.notes.get(event.note_id).body
        else:
            preview = self.vault.risk.preview(event.id)
        await view.query_one(ReviewPanel).show(event, self.vault.risk.missing(event), preview)

    def _put_back(self, view: Widget, typed: dict[str, str]) -> None:
        for widget_id, value in typed.items():
            found = view.query(f"#{widget_id}")
            if found:
                set_value(found.first(), value)

    @staticmethod
    def _inputs(view: Widget) -> list[tuple[Widget, str]]:
        return [(w, value_of(w)) for w in view.query("Input, TextArea, ChoiceBar") if w.id]

    def _focus_first(self, view: Widget, target: str | None) -> None:
        if target and view.query(f"#{target}"):
            chosen = view.query_one(f"#{target}")
        else:
            candidates = [w for w in view.query("ChoiceBar, Input, TextArea, OptionList, Button")
                          if w.focusable]  # fmt: skip
            chosen = candidates[0] if candidates else view
        chosen.focus()
        self.call_after_refresh(chosen.scroll_visible, animate=False)

    # -- answers and saving ----------------------------------------------------------------

    def _typed_now(self) -> Typed:
        """Everything in every step drawn, by step and id (kept in memory over a lock)."""
        return {
            number: {str(w.id): value for w, value in self._inputs(view)}
            for number, view in self._views.items()
        }

    def save(self, go_to: int | None = None) -> bool:
        """Save the step now; True when everything typed is in the vault."""
        self._stop_timer()
        if self.event.is_signed:
            return True
        if not self._dirty and go_to is None:
            return True
        values = step_answers(self._view, self.vault.store.clock(), self._shown)
        try:
            self._event = self.vault.risk.save_step(self.event_id, self.step, values,
                                                    go_to=go_to)  # fmt: skip
        except VaultError as error:
            self._status(f"Not saved: {error.message}", error=True)
            return False
        unsaved = any(box.has_error for box in self._view.query(FieldBox))
        self._dirty = False
        if unsaved:
            self._status("Saved, except the answer marked below.", error=True)
        else:
            self._status(f"Saved {self.vault.store.clock():%H:%M}")
        return not unsaved

    def _status(self, message: str, *, error: bool = False) -> None:
        # By its id, not a query: a query walks every step drawn so far, on every keystroke.
        with contextlib.suppress(NoMatches):
            status = self.get_child_by_id("risk-title-bar").get_child_by_id("risk-status", Static)
            status.update(Text(message))
            status.set_class(error, "-error")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _changed(self, widget: Widget) -> None:
        if "answer" not in widget.classes:
            return
        if id(widget) in self._shown and self._shown.pop(id(widget)) == value_of(widget):
            return
        self._dirty = True
        self._status("Editing…")
        self._stop_timer()
        self._timer = self.set_timer(self.AUTOSAVE_IDLE, self._autosave)
        if isinstance(widget, ChoiceBar) and widget.id == "f-danger_now":
            for act in self.query("#act-now"):
                act.display = widget.value == "yes"

    def _autosave(self) -> None:
        self._timer = None
        if self.save():
            self._marks()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)

    def on_choice_bar_changed(self, event: ChoiceBar.Changed) -> None:
        self._changed(event.bar)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()  # Enter moves on, as in the other forms

    # -- moving between steps -----------------------------------------------------------

    async def go_to(self, number: int, focus: str | None = None) -> None:
        if self._event is None or not 1 <= number <= STEP_COUNT:
            return
        if number == self.step and focus is None:
            return
        self.save(go_to=number)  # an answer it refused stays behind, saved or not
        await self._show_step(number, focus=focus)

    async def action_next_step(self) -> None:
        await self.go_to(self.step + 1)

    async def action_previous_step(self) -> None:
        await self.go_to(self.step - 1)

    def action_steps(self) -> None:
        if self._event is None:
            return

        async def chosen(number: int | None) -> None:
            if number:
                await self.go_to(number)

        self.app.push_screen(StepJump(self._done, self.step), chosen)

    def action_save_now(self) -> None:
        self._dirty = True
        self.save()
        self._marks()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "presets" and event.option.id:
            what = self._view.query_one("#f-what", TextArea)
            line = preset_text(event.option.id)
            what.text = f"{what.text.rstrip()}\n{line}".strip() if what.text.strip() else line
            what.focus()
        elif event.option_list.id == "gaps" and event.option.id:
            number, target = self._view.query_one(ReviewPanel).target(event.option.id)
            await self.go_to(number, focus=target)

    async def on_acting_panel_changed(self, _message: ActingPanel.Changed) -> None:
        self._event = self.vault.risk.get(self.event_id)
        await self._rebuild(ACTING)

    # -- leaving, locking ------------------------------------------------------------------

    def action_leave(self) -> None:
        if self._event is not None:
            self.save()
        self.dismiss()

    def before_lock(self) -> None:
        if self._event is None:
            return
        self.save()

    def has_unsaved_input(self) -> bool:
        """An answer the vault refused (a date written wrongly) is only on screen."""
        return any(box.has_error for view in self._views.values() for box in view.query(FieldBox))

    def reopen(self) -> Callable[[], Screen[None]] | None:
        event_id, step, typed = self.event_id, self.step, {**self._typed, **self._typed_now()}
        return lambda: RiskPromptScreen(event_id, step=step, typed=typed)

    def on_unmount(self) -> None:
        if self._event is not None and self._dirty and self.qr_app.vault is not None:
            with contextlib.suppress(Exception):
                self.save()
