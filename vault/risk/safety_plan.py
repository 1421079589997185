"""The safety plan, in six parts written in our own words, versioned per client:
every save is a new version, and old versions are kept as they were written."""

from __future__ import annotations

import json
from typing import Any

from vault.errors import InvalidRecord, RecordNotFound
from vault.records import validation as v
from vault.records.audit import append
from vault.risk.models import SafetyPlan
from vault.risk.rules import Pack
from vault.storage.store import Store

SECTIONS = (
    ("warning_signs", "Signs that things are getting harder"),
    ("on_my_own", "Things I can do on my own to get through a hard moment"),
    ("distraction", "People and places that take my mind off things"),
    ("ask_for_help", "People I can ask for help"),
    ("professionals", "Professionals and crisis lines I can call"),
    ("safer_surroundings", "Making my surroundings safer"),
)
REASONS = ("reasons", "What matters to me: my reasons to keep going")
MAX_LINES = 20
MAX_LINE = 300


def crisis_contacts(pack: Pack) -> list[str]:
    """The professionals part starts with the jurisdiction's emergency and crisis numbers."""
    lines = [f"Emergency: {pack.emergency_number}"] if pack.emergency_number else []
    return lines + [f"{name}: {phone}" for name, phone in pack.crisis_lines]


class SafetyPlans:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, client_id: int, sections: dict[str, list[str]],
             event_id: int | None = None) -> SafetyPlan:  # fmt: skip
        known = {key for key, _ in SECTIONS} | {REASONS[0]}
        cleaned: dict[str, list[str]] = {}
        for key, lines in sections.items():
            if key not in known:
                raise InvalidRecord(f'"{key}" is not a part of the safety plan.', key)
            kept = [v.storable(line.strip(), key, "A line") for line in lines if line.strip()]
            if len(kept) > MAX_LINES or any(len(line) > MAX_LINE for line in kept):
                raise InvalidRecord(
                    f"Each part holds up to {MAX_LINES} lines of {MAX_LINE} characters.", key
                )
            cleaned[key] = kept
        if not any(cleaned.values()):
            raise InvalidRecord(
                "The safety plan is empty; write at least one part.", "warning_signs"
            )
        with self._store.writing("the safety plan") as conn:
            if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
                raise RecordNotFound("That client no longer exists.")
            version = (
                1
                + conn.execute(
                    "SELECT coalesce(max(version), 0) FROM safety_plans WHERE client_id = ?",
                    (client_id,),
                ).fetchone()[0]
            )
            cur = conn.execute(
                "INSERT INTO safety_plans (client_id, version, sections, created_at, event_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (client_id, version, json.dumps(cleaned, ensure_ascii=False),
                 self._store.now_iso(), event_id),
            )  # fmt: skip
            plan_id = int(cur.lastrowid or 0)
            append(conn, self._store.utc_iso(), "save_safety_plan", f"client:{client_id}",
                   f"safety_plan:{plan_id}")  # fmt: skip
        return self._one("id = ?", (plan_id,))

    def latest(self, client_id: int) -> SafetyPlan | None:
        try:
            return self._one("client_id = ? ORDER BY version DESC LIMIT 1", (client_id,))
        except RecordNotFound:
            return None

    def versions(self, client_id: int) -> list[SafetyPlan]:
        with self._store.reading() as conn:
            rows = conn.execute(
                "SELECT id, client_id, version, sections, created_at, event_id FROM safety_plans"
                " WHERE client_id = ? ORDER BY version DESC",
                (client_id,),
            ).fetchall()
        return [_plan(row) for row in rows]

    def _one(self, where: str, params: tuple[Any, ...]) -> SafetyPlan:
        with self._store.reading() as conn:
            row = conn.execute(
                "SELECT id, client_id, version, sections, created_at, event_id FROM safety_plans"
                f" WHERE {where}",
                params,
            ).fetchone()
        if row is None:
            raise RecordNotFound("There is no safety plan.")
        return _plan(row)


def _plan(row: tuple[Any, ...]) -> SafetyPlan:
    pid, cid, version, sections, created_at, event_id = row
    return SafetyPlan(pid, cid, version, json.loads(sections), created_at, event_id)
