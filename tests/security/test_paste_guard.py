"""A hostile paste must not press keys (screens.paste_guard)."""

from __future__ import annotations

import os

import pytest

# Importing `screens` clears TEXTUAL* variables, pytest-textual-snapshot's among them
# (tests/ui/conftest.py does the same dance when the UI tests are collected).
_SNAPSHOT_DIR = os.environ.get("TEXTUAL_SNAPSHOT_TEMPDIR")
from screens import paste_guard  # noqa: E402
from screens.paste_guard import PASTE_END, PASTE_START, PasteFilter  # noqa: E402

if _SNAPSHOT_DIR is not None:
    os.environ["TEXTUAL_SNAPSHOT_TEMPDIR"] = _SNAPSHOT_DIR

from textual import events  # noqa: E402
from textual._xterm_parser import XTermParser  # noqa: E402

# As copied from a terminal mail reader: a title sequence ending in BEL (= ctrl+g,
# sign) and then a "y" (= yes in the confirmation).
HOSTILE_PASTE = PASTE_START + "note \x1b]2;x\x07y and more" + PASTE_END


def parse(data: list[str]) -> list[events.Event]:
    parser = XTermParser()
    return [event for chunk in data for event in parser.feed(chunk)]


def keys(parsed: list[events.Event]) -> list[str]:
    return [event.key for event in parsed if isinstance(event, events.Key)]


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the guard for one test; monkeypatch puts Textual back afterwards."""
    monkeypatch.setattr(XTermParser, "feed", XTermParser.feed)
    monkeypatch.setattr(XTermParser, "_paste_guard_installed", False, raising=False)
    paste_guard.install()


def test_without_the_guard_textual_turns_a_paste_into_key_presses() -> None:
    # Documents why the guard exists; if Textual fixes its parser, this starts failing.
    assert "ctrl+g" in keys(parse([HOSTILE_PASTE]))


def test_with_the_guard_a_paste_is_one_inert_paste_event(guarded: None) -> None:
    parsed = parse([HOSTILE_PASTE])
    assert keys(parsed) == []
    pastes = [event.text for event in parsed if isinstance(event, events.Paste)]
    assert pastes == ["note ␛]2;x\x07y and more"]


@pytest.mark.parametrize("cut", range(1, len(HOSTILE_PASTE)))
def test_a_paste_split_across_reads_is_still_one_paste(guarded: None, cut: int) -> None:
    parsed = parse([HOSTILE_PASTE[:cut], HOSTILE_PASTE[cut:]])
    assert keys(parsed) == []
    assert [e.text for e in parsed if isinstance(e, events.Paste)] == ["note ␛]2;x\x07y and more"]


def test_keys_outside_a_paste_are_untouched() -> None:
    paste_filter = PasteFilter()
    assert paste_filter("\x1b[A\x1bx\x07") == "\x1b[A\x1bx\x07"  # up, alt+x, ctrl+g
    assert paste_filter(PASTE_START + "\x1b" + PASTE_END + "\x1b[B") == (
        PASTE_START + "␛" + PASTE_END + "\x1b[B"
    )
    assert not paste_filter.in_paste


def test_a_paste_read_one_character_at_a_time_is_still_one_paste(guarded: None) -> None:
    parsed = parse(list(HOSTILE_PASTE))
    assert keys(parsed) == []
    assert [e.text for e in parsed if isinstance(e, events.Paste)] == ["note ␛]2;x\x07y and more"]
