"""Turning vault text into widget content that can neither control the terminal
nor be read as Rich markup. Every piece of user data shown goes through here."""

from __future__ import annotations

from rich.text import Text

from vault.records.display import clean_line, clean_text
from vault.records.search import MARK_END, MARK_START

HIGHLIGHT = "bold reverse"


def plain(text: str | None, style: str = "") -> Text:
    """Multi-line vault text as a Text: never parsed as markup, controls made inert."""
    return Text(clean_text(text or ""), style=style, no_wrap=False)


def line(text: str | None, style: str = "") -> Text:
    """A one-line cell (a name, a referral)."""
    return Text(clean_line(text or ""), style=style, no_wrap=True, overflow="ellipsis")


def snippet(raw: str) -> Text:
    """A search snippet with the matched words highlighted."""
    result = Text(no_wrap=True, overflow="ellipsis")
    for index, piece in enumerate(raw.split(MARK_START)):
        matched, _, rest = piece.partition(MARK_END) if index else ("", "", piece)
        if matched:
            result.append(clean_line(matched), HIGHLIGHT)
        result.append(clean_line(rest))
    return result


HIDDEN = Text("••• hidden (privacy mode) •••", style="dim italic")
