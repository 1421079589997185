"""Reading secrets, at the edge only: the core takes them as arguments.

On a terminal the passphrase is typed with no echo (getpass). When standard
input is not a terminal (a script, a test) each prompt reads one line from it,
without printing the prompt. Secrets never come from argv or the environment,
where other users' `ps` and shell history would see them.
"""

from __future__ import annotations

import getpass
import sys

from vault.errors import VaultError


class PromptFailed(VaultError):
    title = "Passphrase not read"


def read_secret(prompt: str, what: str) -> str:
    """One secret: no echo on a terminal, else one line of stdin. `what` names it in errors."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise _ended(what) from None
    line = stdin.readline() if stdin is not None else ""
    if not line:
        raise _ended(what)
    return line.removesuffix("\n").removesuffix("\r")


def _ended(what: str) -> PromptFailed:
    return PromptFailed(f"The input ended before the {what} was given, so nothing was done.")


def passphrase() -> str:
    return read_secret("Passphrase: ", "passphrase")


def new_passphrase() -> str:
    """The new passphrase, typed twice; a mismatch changes nothing."""
    first = read_secret("New passphrase: ", "new passphrase")
    if not first:
        raise PromptFailed("The passphrase cannot be empty, so nothing was changed.")
    if read_secret("Type the new passphrase again: ", "new passphrase's confirmation") != first:
        raise PromptFailed("The two passphrases you typed do not match, so nothing was changed.")
    return first


def for_init() -> str:
    return new_passphrase()


def for_passwd() -> tuple[str, str]:
    """Current, then new and its confirmation."""
    current = read_secret("Current passphrase: ", "current passphrase")
    return current, new_passphrase()


def for_recover() -> tuple[str, str]:
    """The recovery key, then the new passphrase and its confirmation."""
    key = read_secret("Recovery key: ", "recovery key")
    return key, new_passphrase()
