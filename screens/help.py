"""Keys for the screen underneath and for the whole app, read from their Binding
objects so the list cannot drift from what the keys actually do."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

MOVING_AROUND = [
    ("Tab / Shift+Tab", "Next / previous field or list"),
    ("↑ ↓ PgUp PgDn", "Move in a list"),
    ("Ctrl+Home / Ctrl+End", "First / last row of a list"),
    ("Enter", "Open what is selected"),
    ("Ctrl+P", "Command palette"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", id="help.close_question", show=False),
    ]

    def compose(self) -> ComposeResult:
        below = self._screen_below()
        with Vertical(id="help-dialog"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-body"):
                if below is not None:
                    yield _group("On this screen", binding_rows(below._bindings, below))
                yield _group("Everywhere", binding_rows(self.app._bindings, self.app))
                yield _group("Moving around", MOVING_AROUND)
        yield Footer()

    def _screen_below(self) -> Screen[object] | None:
        stack = self.app.screen_stack
        position = stack.index(self) if self in stack else len(stack)
        return stack[position - 1] if position > 0 else None

    def action_close(self) -> None:
        self.dismiss()


def binding_rows(bindings: BindingsMap, node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) per action, keys that do the same thing joined: "? / f1".

    Only bindings with an id: every Quietroom binding has one, while Textual's own
    (Tab, copy, the palette) have none and are summed up under "Moving around"."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for _key, binding in bindings:
        if binding.id is None or binding.system or not binding.description:
            continue
        keys = grouped.setdefault((binding.action, binding.description), [])
        display = node.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for (_action, description), keys in grouped.items()]


def _group(title: str, rows: Iterable[tuple[str, str]]) -> Static:
    lines = Text()
    for keys, description in rows:
        lines.append(f"{keys:<22}", style="bold").append(f"{description}\n")
    lines.rstrip()
    static = Static(lines, classes="help-group")
    static.border_title = title
    return static
