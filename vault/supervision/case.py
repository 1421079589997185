"""A disguised case: the notes chosen for supervision, and the table that disguises them.

Only signed notes (with their signed addenda) can be chosen: a draft is not yet part of
the record. Psychotherapy (process) notes can be chosen by name, since reflecting on
them is what supervision is for (HIPAA lets them be used in supervised training without
an authorization, 164.508(a)(2)(i)(B)); they are never included unless chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from vault.errors import VaultError
from vault.exports.reading import SignedNote, signed_notes
from vault.records.clients import ClientService
from vault.records.models import Client
from vault.storage.store import Store
from vault.supervision.disguise import Disguise, Person, Profile, Use
from vault.supervision.table import build_disguise


class NothingToDisguise(VaultError):
    title = "No notes to disguise"


@dataclass(frozen=True)
class CaseNote:
    id: int
    day: date
    kind: str
    body: str
    addenda: tuple[tuple[date, str], ...] = ()  # signed addenda: their date and text

    @property
    def is_process_note(self) -> bool:
        return self.kind == "psychotherapy"


@dataclass(frozen=True)
class Case:
    client_id: int
    notes: tuple[CaseNote, ...]
    disguise: Disguise

    @property
    def pseudonym(self) -> str:
        return self.disguise.pseudonym

    def texts(self) -> list[tuple[int, str]]:
        """Every text of the case with the id of the note it belongs to."""
        return [
            (note.id, text)
            for note in self.notes
            for text in (note.body, *(body for _day, body in note.addenda))
        ]

    def uses(self) -> list[Use]:
        return self.disguise.uses(self.texts())

    def with_disguise(self, disguise: Disguise) -> Case:
        return replace(self, disguise=disguise)


def profile_of(client: Client) -> Profile:
    others = [Person(g.name, g.phone, g.email) for g in client.guardians]
    if client.emergency_name:
        others.append(Person(client.emergency_name, client.emergency_phone))
    return Profile(
        client.first_name, client.last_name, client.preferred_name, client.date_of_birth,
        client.phone, client.email, client.address, tuple(others),
    )  # fmt: skip


class SupervisionService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._clients = ClientService(store)

    def signed_notes(self, client_id: int) -> list[CaseNote]:
        """Every signed note of the client, oldest first: what can be chosen."""
        both = signed_notes(self._store, client_id) + signed_notes(
            self._store, client_id, psychotherapy=True
        )
        return sorted((_case_note(signed) for signed in both), key=lambda n: (n.day, n.id))

    def case(
        self, client_id: int, note_ids: Sequence[int] | None = None, *, seed: int | None = None
    ) -> Case:
        """The chosen notes disguised; without `note_ids`, every signed note except
        psychotherapy notes. A random seed unless one is given (tests)."""
        client = self._clients.get(client_id, audit=False)
        available = self.signed_notes(client_id)
        if note_ids is None:
            chosen = [note for note in available if not note.is_process_note]
        else:
            by_id = {note.id: note for note in available}
            missing = [str(i) for i in note_ids if i not in by_id]
            if missing:
                raise NothingToDisguise(
                    f"Note {', '.join(missing)} is not a signed note of this client; "
                    "only signed notes can be disguised."
                )
            chosen = [by_id[i] for i in dict.fromkeys(note_ids)]
            chosen.sort(key=lambda n: (n.day, n.id))
        if not chosen:
            raise NothingToDisguise("This client has no signed note to disguise yet.")
        dated = [(note.day, text) for note in chosen for text in _texts(note)]
        disguise = build_disguise(profile_of(client), dated, seed)
        return Case(client_id, tuple(chosen), disguise)


def _texts(note: CaseNote) -> list[str]:
    return [note.body, *(body for _day, body in note.addenda)]


def _case_note(signed: SignedNote) -> CaseNote:
    note = signed.note
    addenda = tuple((a.note_date, a.body) for a in signed.addenda)
    return CaseNote(note.id, note.note_date, note.kind, note.body, addenda)
