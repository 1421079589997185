"""Making vault text safe to show on a terminal.

Notes are untrusted: a client's emailed text pasted into a note can carry escape
sequences that a terminal would obey (OSC 52 writes the clipboard, OSC 2 sets the
window title, CSI 2J clears the screen) or bidi overrides that make text read
differently from what it is. Before any vault text reaches a screen, controls are
replaced by visible, inert stand-ins; newline and tab are kept.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls become the matching "control picture" (U+2400 + code), e.g. ESC -> ␛.
_C0 = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_C0[0x7F] = "\u2421"  # DEL -> ␡
# C1 controls and bidi embedding/override/isolate characters -> U+FFFD.
_REPLACED = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]")
_TABLE = str.maketrans(_C0)


def clean_text(text: str) -> str:
    """The text with every terminal control made visible and inert."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _REPLACED.sub("\ufffd", text.translate(_TABLE))


def clean_line(text: str) -> str:
    """Like `clean_text`, for one-line places (a name, a list cell): newlines become spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


def fold_for_matching(text: str) -> str:
    """Case and accents folded away, so typing "zoe" or "ines" finds Zoë and Inês on a
    keyboard without those letters. For matching only; names are stored as written."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
