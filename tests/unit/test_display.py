"""Vault text on a terminal: every control made visible and inert, markup left as text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from vault.records.display import clean_line, clean_text

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]"
)

# Text rich in the characters that matter, plus anything at all.
_DANGEROUS = st.sampled_from(
    [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\u200e", "\u200f", "[bold]", "[/]", "\x1b]52;c;", "\x1b[2J", "\x07", "a", " "]
)  # fmt: skip
_TEXT = st.one_of(st.text(), st.lists(_DANGEROUS, max_size=40).map("".join))


@given(_TEXT)
def test_clean_text_never_lets_a_control_through(text: str) -> None:
    cleaned = clean_text(text)
    assert not FORBIDDEN.search(cleaned), repr(cleaned)
    assert "\r" not in cleaned


@given(_TEXT)
def test_clean_line_is_one_line(text: str) -> None:
    cleaned = clean_line(text)
    assert not FORBIDDEN.search(cleaned)
    assert "\n" not in cleaned and "\t" not in cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean_text(text) == text


@given(_TEXT)
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)


def test_escape_sequences_become_visible() -> None:
    osc52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    assert clean_text(osc52) == "\u241b]52;c;ZWNobyBwd25lZA==\u2407"
    assert clean_text("\x1b[2Jgone") == "\u241b[2Jgone"
    assert clean_text("\x9b2J") == "\ufffd2J"  # the one-byte C1 CSI


def test_bidi_tricks_are_neutralised() -> None:
    assert clean_text("pay \u202eredro\u202c now") == "pay \ufffdredro\ufffd now"
    assert clean_text("\u2067abc\u2069") == "\ufffdabc\ufffd"


def test_newlines_and_tabs_are_kept_and_carriage_returns_normalised() -> None:
    assert clean_text("a\tb\nc") == "a\tb\nc"
    assert clean_text("one\r\ntwo\rthree") == "one\ntwo\nthree"
    assert clean_line("one\r\ntwo\tthree") == "one two three"


def test_markup_looking_text_is_left_alone() -> None:
    for text in ("[bold red]alarm[/]", "[link=https://x.example]x[/link]", ":smile:", "$x$"):
        assert clean_text(text) == text
        assert clean_line(text) == text
