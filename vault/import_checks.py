"""The import's shape checks, shared by the practice, client and paperwork sections.

Each refusal names where in the file the problem is (`clients[3].releases[0].scope[2]`),
so the person can find it in their editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vault.errors import ImportRejected, InvalidRecord
from vault.records import validation as v


def _reject(path: str, message: str) -> ImportRejected:
    # A path can hold an unknown key as typed in the file, broken characters and all.
    return ImportRejected(v.printable(f"{path}: {message}" if path else message))


def _obj(value: object, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _reject(path, "must be an object ({ ... }).")
    for key in value:
        if key not in allowed:
            raise _reject(
                f"{path}.{key}" if path else str(key),
                f"unknown field; expected one of {', '.join(allowed)}.",
            )
    return value


def _list(value: object, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _reject(path, "must be a list ([ ... ]).")
    return value


def _flag(value: object, path: str, default: bool | None) -> bool | None:
    """true or false (or absent: `default`)."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _reject(path, "must be true or false.")
    return value


@dataclass
class _At:
    """Turns an InvalidRecord from the shared validators into a rejection at a path."""

    path: str
    renames: dict[str, str] = field(default_factory=dict)

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, InvalidRecord):
            name = self.renames.get(exc.field or "", exc.field)
            raise _reject(f"{self.path}.{name}" if name else self.path, exc.message) from None
