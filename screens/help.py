"""Keys for the screen underneath and for the whole app, read from their Binding
objects so the list cannot drift from what the keys actually do. A key whose action
is switched off where help was opened (Lock and Search while locked, Back with
nothing to go back to) is left out: help lists only what works there."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

MOVING_AROUND = [
    ("Tab / Shift+Tab", "Next / previous field or list"),
    ("↑ ↓ PgUp PgDn", "Move in a list"),
    ("Ctrl+Home / Ctrl+End", "First / last row of a list"),
    ("Enter", "Open what is selected"),
    ("Ctrl+P", "Command palette"),
]
WHILE_LOCKED = [
    ("Enter", "Unlock with the passphrase"),
    ("Ctrl+P", "Command palette"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", id="help.close_question", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Read before this screen is pushed: what works is what worked a moment ago
        # (with help on top, "Back" would always seem possible).
        below = self.app.screen
        own = binding_rows(below._bindings, below)
        self._groups = [
            *([("On this screen", own)] if own else []),
            ("Everywhere", binding_rows(self.app._bindings, self.app)),
            ("Moving around", WHILE_LOCKED if _is_locked(self.app) else MOVING_AROUND),
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-body"):
                for title, rows in self._groups:
                    yield from _group(title, rows)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()


def binding_rows(bindings: BindingsMap, node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) per description, keys that do the same thing joined:
    "^b / ? / f1". Only what works now (the action's check_action allows it).

    Only bindings with an id: every Quietroom binding has one, while Textual's own
    (Tab, copy, the palette) have none and are summed up under "Moving around"."""
    grouped: dict[str, list[str]] = {}
    for _key, binding in bindings:
        if binding.id is None or binding.system or not binding.description:
            continue
        if not _works_now(node, binding.action):
            continue
        keys = grouped.setdefault(binding.description, [])
        display = node.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(" / ".join(keys), description) for description, keys in grouped.items()]


def _works_now(node: DOMNode, action: str) -> bool:
    namespace, name, parameters = parse(action)
    target = node.app if namespace == "app" else node.screen if namespace == "screen" else node
    return target.check_action(name, parameters) is not False


def _is_locked(app: object) -> bool:
    return getattr(app, "vault", None) is None


def _group(title: str, rows: Iterable[tuple[str, str]]) -> Iterable[Static]:
    lines = Text()
    for keys, description in rows:
        lines.append(f"{keys:<22}", style="bold").append(f"{description}\n")
    lines.rstrip()
    yield Static(title, classes="help-heading", markup=False)
    yield Static(lines, classes="help-group")
