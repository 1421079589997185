"""The invented practice that `quietroom demo` shows, shipped inside the package.

`sample_data/build_practice.py` writes `practice.json` here, and
`sample_data/README.md` says who is in it. It is read with importlib.resources so
that an installed Quietroom (pip, pipx, a wheel) finds it without the source tree.
"""

from __future__ import annotations

from importlib import resources

from vault.errors import VaultError
from vault.sample.endings import add_endings

__all__ = ["add_endings", "practice_text"]

PRACTICE_FILE = "practice.json"


def practice_text() -> str:
    """The sample practice's JSON text."""
    try:
        return resources.files(__name__).joinpath(PRACTICE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise VaultError(
            "The sample practice is missing from this installation of Quietroom; "
            "reinstall it (for example `pipx reinstall quietroom`)."
        ) from None
