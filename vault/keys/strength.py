"""How hard a new passphrase is to guess, and a strong one to suggest.

Used at the edges only (init, passwd, recover): the core takes any non-empty
passphrase, so old vaults and tests keep working. zxcvbn is the estimator
password managers use; it knows common passwords, names, keyboard runs and dates.
A score under 3 means an attacker with the header could find it in days or less,
even with Argon2 slowing every guess.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from importlib import resources

from vault.errors import VaultError

MIN_SCORE = 3
CHECKED_LENGTH = 72  # zxcvbn refuses longer input; more characters only add strength
SUGGESTED_WORDS = 6  # from 7,776 words: about 77 bits, beyond any guessing
EFF_LIST_SIZE = 7776
# Words an attacker would try first against this vault in particular.
OBVIOUS = ("quietroom", "quiet", "room", "therapy", "therapist", "psychotherapy", "client",
           "clients", "notes", "records", "vault", "passphrase", "password")  # fmt: skip


def weakness(passphrase: str, hints: Sequence[str] = ()) -> str | None:
    """A sentence saying why `passphrase` is too easy to guess, or None if it is strong."""
    from zxcvbn import zxcvbn  # its dictionaries load only when a passphrase is chosen

    words = [*OBVIOUS, *(word for hint in hints for word in _runs(hint))]
    result = zxcvbn(passphrase[:CHECKED_LENGTH], user_inputs=words)
    if int(result["score"]) >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    reasons = [feedback.get("warning") or "", *(feedback.get("suggestions") or [])[:1]]
    why = " ".join(reason.strip() for reason in reasons if reason and reason.strip())
    guessed_in = result["crack_times_display"]["offline_slow_hashing_1e4_per_second"]
    return (
        f"That passphrase is too easy to guess (someone who copied the vault could find it "
        f"in {guessed_in}), so it was not used. {why or 'Make it longer.'} "
        "Several unrelated words make a strong one."
    )


def _runs(hint: str) -> list[str]:
    """'Dr. Ruth Amsel' -> dr, ruth, amsel, drruth, ruthamsel, drruthamsel: run together,
    a name is still the first thing a guesser tries."""
    tokens = re.findall(r"\w+", hint.lower())
    return [
        "".join(tokens[start:end])
        for start in range(len(tokens))
        for end in range(start + 1, min(len(tokens), start + 4) + 1)
    ]


def suggested_passphrase(words: int = SUGGESTED_WORDS) -> str:
    """Words drawn with `secrets` from the EFF's large list (shipped by xkcdpass)."""
    return " ".join(secrets.choice(_eff_words()) for _ in range(words))


def _eff_words() -> list[str]:
    try:
        text = (resources.files("xkcdpass") / "static" / "eff-long").read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        text = ""
    words = sorted({line.strip() for line in text.splitlines() if line.strip()})
    if len(words) < EFF_LIST_SIZE:  # a stand-in list would make weaker suggestions
        raise VaultError(
            "The word list for suggested passphrases is missing; reinstall Quietroom, "
            "or choose a passphrase of several unrelated words yourself."
        )
    return words
