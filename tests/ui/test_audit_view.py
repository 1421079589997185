"""The audit view: reached from the client list and from a client's disclosures view,
filtered by keyboard, paged without mounting the log, names hidden in privacy mode,
hostile text shown as text."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from screens.app import QuietroomApp
from screens.audit_view import AuditViewScreen
from screens.client_list import ClientListScreen
from screens.client_record import ClientRecordScreen
from screens.paged_table import PAGE_SIZE
from tests.ui.conftest import SIZE, unlock
from vault.records.clients import ClientInput

HOSTILE = "[bold red]boom[/] \x1b]52;c;AAAA\x07 \u202eevil"


@pytest.fixture
async def pilot(make_app: Callable[..., QuietroomApp]) -> AsyncIterator[Pilot[Any]]:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        yield pilot


def cells(screen: AuditViewScreen) -> list[list[str]]:
    table = screen.table
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def count_line(screen: AuditViewScreen) -> str:
    return str(screen.query_one("#audit-count", Static).render())


async def open_view(pilot: Pilot[Any]) -> AuditViewScreen:
    assert isinstance(pilot.app.screen, ClientListScreen)
    await pilot.press("ctrl+t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AuditViewScreen)
    return screen


async def type_into(pilot: Pilot[Any], screen: AuditViewScreen, field: str, text: str) -> None:
    box = screen.field(field)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_ctrl_t_opens_the_log_newest_first_and_escape_returns(pilot: Pilot[Any]) -> None:
    screen = await open_view(pilot)
    rows = cells(screen)
    assert rows[0][1] == "unlocked" and rows[-1][1] == "vault created"
    assert "note signed" in [row[1] for row in rows]
    assert "newest first" in count_line(screen)
    assert screen.field("client").has_focus
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientListScreen)


async def test_filters_apply_on_enter_and_combine(
    pilot: Pilot[Any], practice_ids: dict[str, int]
) -> None:
    screen = await open_view(pilot)
    await type_into(pilot, screen, "client", "okafor")
    assert rows_about(screen, practice_ids["ana"])
    await type_into(pilot, screen, "action", "sign_note")
    rows = cells(screen)
    assert len(rows) == 2 and {row[1] for row in rows} == {"note signed"}
    assert all("Ana Okafor" in row[2] for row in rows)
    await type_into(pilot, screen, "client", str(practice_ids["leo"]))
    assert cells(screen) == []
    assert count_line(screen) == "No audit entries match these filters."


def rows_about(screen: AuditViewScreen, client_id: int) -> bool:
    rows = cells(screen)
    return bool(rows) and all(f"client {client_id}" in row[2] for row in rows)


@pytest.mark.parametrize(
    ("field", "typed", "sentence"),
    [
        ("from_date", "2026-02-30", "The 'from' date must be a real date written YYYY-MM-DD"),
        ("to_date", "yesterday", "The 'to' date must be a real date written YYYY-MM-DD"),
        ("text", "ab", "Type at least 3 characters"),
        ("action", "peek", "There is no audit action called 'peek'"),
        ("client", "Nobody", "No client's name matches the client filter."),
    ],
)
async def test_a_bad_filter_is_one_sentence_and_keeps_what_was_typed(
    pilot: Pilot[Any], field: str, typed: str, sentence: str
) -> None:
    screen = await open_view(pilot)
    before = cells(screen)
    await type_into(pilot, screen, field, typed)
    error = str(screen.query_one("#audit-error", Static).render())
    assert error.startswith(sentence) and screen.query_one("#audit-error").has_class("-shown")
    assert screen.field(field).value == typed and screen.field(field).has_class("-invalid")
    assert screen.field(field).has_focus
    assert cells(screen) == before  # the last good result stays
    screen.field(field).value = ""
    await pilot.press("enter")
    await pilot.pause()
    assert not screen.query_one("#audit-error").has_class("-shown")


async def test_from_a_record_the_disclosures_view_opens_it_for_that_client(
    pilot: Pilot[Any], practice_ids: dict[str, int]
) -> None:
    pilot.app.open_client(practice_ids["leo"])
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientRecordScreen)
    await pilot.press("l")  # not a key of the notes view
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClientRecordScreen)
    await pilot.press("4", "l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AuditViewScreen)
    assert screen.field("client").value == str(practice_ids["leo"])
    assert rows_about(screen, practice_ids["leo"])
    assert {row[1] for row in cells(screen)} == {"client added", "record opened"}
    assert screen.table.has_focus


async def test_privacy_mode_shows_initials(pilot: Pilot[Any], practice_ids: dict[str, int]) -> None:
    screen = await open_view(pilot)
    await type_into(pilot, screen, "client", str(practice_ids["ana"]))
    assert "Ana Okafor" in cells(screen)[0][2]
    await pilot.press("ctrl+o")
    await pilot.pause()
    shown = " ".join(" ".join(row) for row in cells(screen))
    assert "Okafor" not in shown and "(A.O.)" in shown
    assert screen.field("client").password and screen.field("text").password
    assert "Okafor" not in str(screen.query_one("#audit-count", Static).render())


async def test_hostile_detail_is_plain_text(pilot: Pilot[Any]) -> None:
    pilot.app.vault.audit.record("backup", "", HOSTILE)
    screen = await open_view(pilot)
    detail = cells(screen)[0][3]
    assert "[bold red]boom[/]" in detail and "\x1b" not in detail and "\u202e" not in detail
    rendered = screen.table.get_row_at(0)[3]
    assert not rendered.spans  # never read as markup


async def test_a_long_log_is_paged_with_few_rows_mounted(pilot: Pilot[Any]) -> None:
    vault = pilot.app.vault
    for number in range(3 * PAGE_SIZE):
        vault.clients.add(ClientInput(f"Zed{number}", "Quill", "1990-01-01"))
    screen = await open_view(pilot)
    await type_into(pilot, screen, "action", "create_client")
    assert screen.table.row_count == 2 * PAGE_SIZE
    assert "more below" in count_line(screen)
    screen.table.focus()
    for _ in range(4):
        await pilot.press("pagedown")
    await pilot.press("ctrl+end")
    await pilot.pause()
    assert screen.table.row_count <= 2 * PAGE_SIZE
    await pilot.press("ctrl+end")
    await pilot.pause()
    last = cells(screen)[-1]
    assert "client 1" in last[2]  # Ana, the first client added
    assert count_line(screen).endswith(f"of {3 * PAGE_SIZE + 2:,}, newest first")
    await pilot.press("ctrl+home")
    await pilot.pause()
    assert "Quill" in cells(screen)[0][2]


async def test_the_view_comes_back_after_a_lock(
    pilot: Pilot[Any], practice_ids: dict[str, int]
) -> None:
    pilot.app.open_client(practice_ids["ana"])
    await pilot.pause()
    await pilot.press("4", "l")
    await pilot.pause()
    await pilot.press("ctrl+l")
    await pilot.pause()
    await unlock(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AuditViewScreen)
    assert screen.query_one("#audit-client", Input).value == str(practice_ids["ana"])
