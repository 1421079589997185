"""Which client a command means: an id, or "First Last" as the person would type it.

A name must match a client's first and last name exactly, but capitals and accents
do not count (the client list's filter folds them the same way), so "ines carvalho"
finds Inês Carvalho. Two clients with that name are never guessed between: the
command stops and names their ids, so the person can give the one they mean.
"""

from __future__ import annotations

from collections.abc import Iterator

from vault.errors import RecordNotFound, VaultError
from vault.records.display import clean_line, fold_for_matching
from vault.records.models import ClientSummary
from vault.vault import Vault

PAGE = 500


class ClientNotChosen(VaultError):
    title = "Which client?"


def every_client(vault: Vault, text: str = "") -> Iterator[ClientSummary]:
    """The client list page by page, so a large practice is never held in memory twice."""
    offset = 0
    while True:
        page = vault.clients.page(text, offset=offset, limit=PAGE)
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def _folded_name(text: str) -> str:
    return " ".join(fold_for_matching(text).split())


def choose_client(vault: Vault, wanted: str) -> int:
    """The id of the client `wanted` names (an id, or "First Last"); else one sentence."""
    wanted = wanted.strip()
    if not wanted:
        raise ClientNotChosen("Give the client's id or their first and last name.")
    if wanted.isdecimal():
        return _by_id(vault, int(wanted))
    target = _folded_name(wanted)
    matches = [
        client.id
        for client in every_client(vault, wanted)
        if _folded_name(f"{client.first_name} {client.last_name}") == target
    ]
    shown = clean_line(wanted)
    if not matches:
        raise ClientNotChosen(
            f'No client is named "{shown}"; `quietroom clients` lists every client with their id.'
        )
    if len(matches) > 1:
        ids = sorted(matches)
        listed = ", ".join(str(number) for number in ids[:-1])
        raise ClientNotChosen(
            f'{len(ids)} clients are named "{shown}" (ids {listed} and {ids[-1]}); '
            "give the id of the one you mean."
        )
    return matches[0]


def _by_id(vault: Vault, client_id: int) -> int:
    try:
        vault.clients.get(client_id, audit=False)
    except RecordNotFound:
        raise ClientNotChosen(
            f"There is no client with id {client_id}; "
            "`quietroom clients` lists every client with their id."
        ) from None
    return client_id
