"""A bracketed paste arrives as text, never as key presses.

Textual's input parser (8.x) reads an ESC inside a bracketed paste as the start of
an escape sequence and, not recognising it, re-issues what follows as key presses:
pasting "\\x1b]2;x\\x07y" (a terminal title, as copied from a terminal mail reader)
presses ctrl+g (sign the note) and then y (yes). Before the parser sees the input,
every ESC inside a paste is replaced by U+241B (␛), the visible stand-in
vault.display uses, so the whole paste reaches the widget as one inert Paste event.

`install()` wraps XTermParser.feed once for the process; call it before the app runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

ESC = "\x1b"
INERT_ESC = "\u241b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def _partial_suffix(text: str, marker: str) -> int:
    """Length of the longest end of `text` that could be the start of `marker`."""
    for size in range(min(len(text), len(marker) - 1), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class PasteFilter:
    """Stateful across reads: a paste, or either marker, may be split between them."""

    def __init__(self) -> None:
        self.in_paste = False
        # Outside a paste, what may be the start of PASTE_START is passed on at once (it
        # may be the Escape key, which must not wait) and remembered here.
        self._maybe_start = ""
        # Inside a paste, what may be the start of PASTE_END is held back until the next read.
        self._held = ""

    def __call__(self, data: str) -> str:
        out: list[str] = []
        if self._maybe_start:
            seen, self._maybe_start = self._maybe_start + data, ""
            if seen.startswith(PASTE_START):
                rest = len(PASTE_START) - (len(seen) - len(data))
                out.append(data[:rest])
                data = data[rest:]
                self.in_paste = True
            elif PASTE_START.startswith(seen):  # still only part of the marker
                self._maybe_start = seen
                return data
        data, self._held = self._held + data, ""
        while data:
            if not self.in_paste:
                start = data.find(PASTE_START)
                if start < 0:
                    out.append(data)
                    self._maybe_start = data[len(data) - _partial_suffix(data, PASTE_START) :]
                    break
                out.append(data[: start + len(PASTE_START)])
                data = data[start + len(PASTE_START) :]
                self.in_paste = True
            else:
                end = data.find(PASTE_END)
                if end < 0:
                    keep = _partial_suffix(data, PASTE_END)
                    self._held = data[len(data) - keep :]
                    out.append(data[: len(data) - keep].replace(ESC, INERT_ESC))
                    break
                out.append(data[:end].replace(ESC, INERT_ESC) + PASTE_END)
                data = data[end + len(PASTE_END) :]
                self.in_paste = False
        return "".join(out)


def install() -> None:
    """Filter every XTermParser's input (idempotent)."""
    from textual._xterm_parser import XTermParser

    if getattr(XTermParser, "_paste_guard_installed", False):
        return
    original: Callable[[Any, str], Iterable[Any]] = XTermParser.feed

    def feed(self: Any, data: str) -> Iterable[Any]:
        if not data:  # end of input: nothing to filter
            return original(self, data)
        paste_filter = self.__dict__.setdefault("_paste_filter", PasteFilter())
        filtered = paste_filter(data)
        # All held back (part of a marker): feeding "" would tell the parser input ended.
        return original(self, filtered) if filtered else ()

    XTermParser.feed = feed  # type: ignore[method-assign]
    XTermParser._paste_guard_installed = True  # type: ignore[attr-defined]
