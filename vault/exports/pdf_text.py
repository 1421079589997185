"""Vault text made fit to draw in a PDF, and the font that draws it.

Controls and bidi embeddings, overrides and isolates are removed (not shown as stand-ins
as on a terminal: a printed page has no use for them), line separators become newlines,
and a character the font has no glyph for becomes U+FFFD, so fpdf2 never has to log it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"  # drawn for a character the font has no glyph for

# C0 and C1 controls (newline kept; tab and CR handled first), bidi embeddings,
# overrides, isolates and marks, the BOM, interlinear annotation marks, lone surrogates.
_REMOVED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_RTL_CLASSES = frozenset({"R", "AL", "AN"})


def pdf_text(text: str) -> str:
    """Vault text as it may be drawn: controls and direction overrides removed, line
    separators made newlines, characters the font lacks shown as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _REMOVED.sub("", text)
    if text.isascii():
        return text
    covered = _coverage()
    return "".join(ch if ch == "\n" or ord(ch) in covered else REPLACEMENT for ch in text)


def pdf_line(text: str) -> str:
    """`pdf_text` for one-line places (a name in a header, a table cell)."""
    return " ".join(pdf_text(text).split("\n"))


def needs_shaping(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def starts_right_to_left(text: str) -> bool:
    """The first strong character decides a paragraph's direction (Unicode's rule P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def font_path(name: str) -> str:
    return str(resources.files("vault.exports.fonts").joinpath(name))


@functools.cache
def _coverage() -> frozenset[int]:
    """Code points both the regular and the bold font can draw."""
    from fontTools.ttLib import TTFont

    maps = [TTFont(font_path(name), lazy=True).getBestCmap() for name in FONT_FILES.values()]
    return frozenset(maps[0]).intersection(*maps[1:])
