"""The command palette (ctrl+p): the app's own actions, and a client opened by name.

As in Posting and Harlequin, the palette offers what the keys do, so a command can
be found by its name. Names come from the vault, so a client hit is drawn as plain
text (never markup), as initials in privacy mode, and only while the vault is open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.screen import Screen

from screens import safe
from vault.errors import VaultError

if TYPE_CHECKING:
    from screens.app import QuietroomApp

CLIENT_HITS = 12


def app_commands(app: QuietroomApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """The app's own actions that make sense on `screen` (the one under the palette)."""
    from screens.client_list import ClientListScreen
    from screens.client_record import ClientRecordScreen

    if app.vault is not None:
        lists = [s for s in app.screen_stack if isinstance(s, ClientListScreen)]
        if lists:
            yield SystemCommand("New client", "Add a client", lists[0].action_new_client)
        if isinstance(screen, ClientRecordScreen):
            yield SystemCommand("New note", "Start a note for this client", screen.action_new_note)
        yield SystemCommand("Search notes", "Search every note", app.action_search)
        yield SystemCommand("Lock", "Close the vault until the passphrase is typed", app.lock)
    state = "off" if app.privacy else "on"
    yield SystemCommand(
        f"Privacy mode {state}", "Initials only, note text hidden", app.action_toggle_privacy
    )
    yield SystemCommand("Help", "The keys on this screen", app.action_help)


class ClientsProvider(Provider):
    """ "Open a client by name": the same filter as the client list."""

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    async def search(self, query: str) -> Hits:
        app = self.qr_app
        text = query.strip()
        if app.vault is None or not text:
            return
        clients = app.vault.clients
        try:
            found = await asyncio.to_thread(clients.page, text, limit=CLIENT_HITS)
        except VaultError:
            return  # the palette is no place for an error; the list will say it
        for rank, client in enumerate(found):
            name = client.initials if app.privacy else client.display_name
            yield Hit(
                score=1.0 - rank / (CLIENT_HITS * 2),
                match_display=safe.line(f"Open {name}"),
                command=partial(app.open_client, client.id),
                text=f"Open {name}",
                help="Open this client's record",
            )
