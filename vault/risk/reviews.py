"""Which packs the clinician has read and marked reviewed, and where their own packs live.

Marks are kept beside the clinician's packs, not in the vault: they hold no client
data, and `quietroom rules list` can answer without unlocking. A mark names the
pack's SHA-256, so a changed pack (a new release, an edit) is unreviewed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import platformdirs

from vault.risk.rules import Pack
from vault.storage.fsutil import ensure_private_dir, write_private_atomic

ENV_RULES = "QUIETROOM_RULES"
MARKS_FILE = "reviews.json"


def rules_folder() -> Path:
    chosen = os.environ.get(ENV_RULES)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir("quietroom", appauthor=False)) / "rules"


@dataclass(frozen=True)
class Review:
    pack_id: str
    sha256: str
    on: date


def read_reviews(folder: Path) -> dict[str, Review]:
    try:
        raw = json.loads((folder / MARKS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: every pack shows as not reviewed, the safe side
    reviews = {}
    if isinstance(raw, dict):
        for pack_id, mark in raw.items():
            try:
                reviews[pack_id] = Review(
                    pack_id, str(mark["sha256"]), date.fromisoformat(mark["on"])
                )
            except (KeyError, TypeError, ValueError):
                continue
    return reviews


def review_state(pack: Pack, reviews: dict[str, Review]) -> str:
    mark = reviews.get(pack.id)
    if mark is None:
        return "not yet reviewed by you"
    if mark.sha256 != pack.sha256:
        return f"changed since you reviewed it on {mark.on.isoformat()}"
    return f"reviewed by you on {mark.on.isoformat()}"


def is_reviewed(pack: Pack, reviews: dict[str, Review]) -> bool:
    mark = reviews.get(pack.id)
    return mark is not None and mark.sha256 == pack.sha256


def mark_reviewed(folder: Path, pack: Pack, on: date) -> None:
    reviews = read_reviews(folder)
    reviews[pack.id] = Review(pack.id, pack.sha256, on)
    ensure_private_dir(folder)
    data = {r.pack_id: {"sha256": r.sha256, "on": r.on.isoformat()} for r in reviews.values()}
    write_private_atomic(
        folder / MARKS_FILE, json.dumps(data, indent=2).encode("utf-8"), "your review marks"
    )
