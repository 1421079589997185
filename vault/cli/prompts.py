"""Reading secrets, at the edge only: the core takes them as arguments.

On a terminal the passphrase is typed with no echo (getpass). When standard
input is not a terminal (a script, a test) each prompt reads one line from it,
without printing the prompt. Secrets never come from argv or the environment,
where other users' `ps` and shell history would see them. A new passphrase must
be strong enough (vault/keys/strength.py); that rule lives here, at the edge.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Sequence

from vault.errors import VaultError
from vault.keys import strength

MAX_TRIES = 3


class PromptFailed(VaultError):
    title = "Passphrase not read"


def read_secret(prompt: str, what: str) -> str:
    """One secret: no echo on a terminal, else one line of stdin. `what` names it in errors."""
    if interactive():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise _ended(what) from None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise _ended(what)
    return line.removesuffix("\n").removesuffix("\r")


def _ended(what: str) -> PromptFailed:
    return PromptFailed(f"The input ended before the {what} was given, so nothing was done.")


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _tell(message: str) -> None:
    """A line for the person at the terminal, on stderr so stdout stays for results."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def passphrase() -> str:
    return read_secret("Passphrase: ", "passphrase")


def current_passphrase() -> str:
    return read_secret("Current passphrase: ", "current passphrase")


def recovery_key() -> str:
    return read_secret("Recovery key: ", "recovery key")


class _TryAgain(PromptFailed):
    """A choice a person at a terminal may make again; `again` is what they are told."""

    def __init__(self, message: str, again: str) -> None:
        super().__init__(message)
        self.again = again


def new_passphrase(hints: Sequence[str] = ()) -> str:
    """A new passphrase strong enough to keep, typed twice; a refusal changes nothing.

    On a terminal a weak passphrase or a mismatched confirmation asks again (up to
    MAX_TRIES times) and Enter alone offers a generated passphrase. From a script
    the first problem ends the command with its sentence. `hints` are words the
    vault's owner gave (their name, the practice's), which make a guess easier."""
    tries = MAX_TRIES if interactive() else 1
    for attempt in range(1, tries + 1):
        try:
            return _choose(hints)
        except _TryAgain as refused:
            if attempt == tries:
                raise PromptFailed(refused.message) from None
            _tell(refused.again)
    raise AssertionError("unreachable")  # pragma: no cover


def _choose(hints: Sequence[str]) -> str:
    offer = interactive()  # a suggestion is shown only to a person, never into a script's log
    prompt = "New passphrase (press Enter alone for a suggested one): "
    first = read_secret(prompt if offer else "New passphrase: ", "new passphrase")
    if not first:
        if not offer:
            raise PromptFailed("The passphrase cannot be empty, so nothing was changed.")
        return _take_suggestion()
    problem = strength.weakness(first, hints)
    if problem:
        raise _TryAgain(problem, problem.replace(", so it was not used", "") + " Try again.")
    if read_secret("Type the new passphrase again: ", "new passphrase's confirmation") != first:
        raise _TryAgain(
            "The two passphrases you typed do not match, so nothing was changed.",
            "The two passphrases you typed do not match. Try again.",
        )
    return first


def _take_suggestion() -> str:
    suggestion = strength.suggested_passphrase()
    _tell(
        "\nA passphrase made for you:\n\n"
        f"    {suggestion}\n\n"
        "Learn it by heart; until you do, keep it on paper apart from this laptop.\n"
        "Type it once to use it, or press Enter to choose your own."
    )
    typed = read_secret("Suggested passphrase: ", "suggested passphrase")
    if typed == suggestion:
        return suggestion
    if not typed:
        raise _TryAgain(
            "No passphrase was chosen, so nothing was changed.", "Choose your own, then."
        )
    refused = "That is not the suggested passphrase, so it was not used."
    raise _TryAgain(refused, refused.replace(", so it was not used", "") + " Try again.")


def acknowledge_recovery_key() -> None:
    """On a terminal, wait until the key is written down: the vault is put in place only
    then, so a window closed before it leaves no vault whose key nobody saw."""
    if not interactive():
        return
    try:
        input("Press Enter once the recovery key is on paper. ")
    except EOFError:
        raise PromptFailed(
            "The input ended before the recovery key was confirmed, so no vault was made."
        ) from None
