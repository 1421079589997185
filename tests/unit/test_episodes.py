"""Episodes of care: a discharge closes one, re-opening starts the next and keeps the
old one, notes belong to episodes by date, and a termination note starts prefilled."""

# ruff: noqa: F401, F811
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import FakeClock
from tests.export_practice import clock, ids, vault
from vault.errors import InvalidRecord
from vault.lifecycle.episodes import Episode, episode_of
from vault.records.clients import ClientInput
from vault.records.notes import SessionInput
from vault.vault import Vault


def test_a_new_client_has_one_open_episode_from_their_intake(vault: Vault) -> None:
    client = vault.clients.add(ClientInput("Ida", "Marsh", "1990-01-01", intake_date="2026-02-03"))
    [episode] = vault.ending.episodes.history(client.id)
    assert (episode.number, episode.opened_on, episode.closed_on) == (1, date(2026, 2, 3), None)


def test_discharge_closes_the_episode_with_its_reason_and_referral(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Goals met", "Dr Lee, Riverside Clinic", "2026-11-01")
    [episode] = vault.ending.episodes.history(ids["ana"])
    assert episode.closed_on == date(2026, 11, 1)
    assert (episode.discharge_reason, episode.referral) == ("Goals met", "Dr Lee, Riverside Clinic")
    # The fixture's sessions: three attended (one with a draft note), one no-show.
    assert (episode.sessions, episode.missed) == (3, 1)


def test_reopening_starts_a_new_episode_and_keeps_the_old_one(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Moved away", None, "2026-06-01")
    new = vault.ending.episodes.reopen(ids["ana"], "2026-11-10", "Back in town")
    assert (new.number, new.opened_on, new.opened_reason, new.is_open) == (
        2, date(2026, 11, 10), "Back in town", True,
    )  # fmt: skip
    old, current = vault.ending.episodes.history(ids["ana"])
    assert (old.closed_on, old.discharge_reason) == (date(2026, 6, 1), "Moved away")
    client = vault.clients.get(ids["ana"], audit=False)
    assert (client.status, client.discharge_date, client.discharge_reason) == ("active", None, None)
    assert client.intake_date == date(2024, 5, 1)  # the first intake is kept
    actions = [e.action for e in vault.audit.recent()]
    assert "reopen_client" in actions


def test_a_second_discharge_closes_the_second_episode_only(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Moved away", None, "2026-06-01")
    vault.ending.episodes.reopen(ids["ana"], "2026-11-10")
    vault.clients.discharge(ids["ana"], "Goals met", "GP", "2026-11-20")
    old, second = vault.ending.episodes.history(ids["ana"])
    assert (old.closed_on, old.discharge_reason) == (date(2026, 6, 1), "Moved away")
    assert (second.closed_on, second.discharge_reason, second.referral) == (
        date(2026, 11, 20), "Goals met", "GP",
    )  # fmt: skip


def test_a_discharge_before_the_new_episode_began_is_refused(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Moved away", None, "2026-06-01")
    vault.ending.episodes.reopen(ids["ana"], "2026-11-10")
    with pytest.raises(InvalidRecord, match=r"before this episode of care began \(2026-11-10\)"):
        vault.clients.discharge(ids["ana"], "Goals met", None, "2026-11-01")
    assert vault.clients.get(ids["ana"], audit=False).status == "active"


def test_reopening_refuses_an_open_client_a_future_day_and_a_day_before_discharge(
    vault: Vault, ids: dict[str, int]
) -> None:
    episodes = vault.ending.episodes
    with pytest.raises(InvalidRecord, match="Only a discharged client can be re-opened"):
        episodes.reopen(ids["ana"])
    vault.clients.discharge(ids["ana"], "Moved away", None, "2026-06-01")
    with pytest.raises(InvalidRecord, match="cannot start in the future"):
        episodes.reopen(ids["ana"], "2026-11-21")
    with pytest.raises(InvalidRecord, match=r"before the last discharge \(2026-06-01\)"):
        episodes.reopen(ids["ana"], "2026-05-31")
    with pytest.raises(InvalidRecord, match="YYYY-MM-DD"):
        episodes.reopen(ids["ana"], "10/11/2026")
    assert len(episodes.history(ids["ana"])) == 1


def test_a_note_belongs_to_the_latest_episode_begun_by_its_date() -> None:
    first = Episode(1, date(2025, 1, 1), date(2025, 6, 1), None, None, None)
    second = Episode(2, date(2026, 1, 1), None, None, None, None)
    assert episode_of(date(2024, 12, 1), [first, second]) == 1  # before intake: the first
    assert episode_of(date(2025, 6, 20), [first, second]) == 1  # written after discharge
    assert episode_of(date(2026, 1, 1), [first, second]) == 2


def test_notes_are_counted_in_their_episode(vault: Vault, ids: dict[str, int]) -> None:
    vault.clients.discharge(ids["ana"], "Moved away", None, "2026-06-01")
    vault.ending.episodes.reopen(ids["ana"], "2026-11-10")
    note = vault.notes.start(ids["ana"], session=SessionInput("2026-11-12"))
    by_note = vault.ending.episodes.note_episodes(ids["ana"])
    assert by_note[note.id] == 2 and by_note[ids["signed"]] == 1
    old, current = vault.ending.episodes.history(ids["ana"])
    assert (current.sessions, current.notes) == (1, 1)


def test_the_termination_note_starts_with_what_the_vault_knows(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Goals met", "Dr Lee, Riverside Clinic", "2026-11-18")
    vault.ending.follow_ups.schedule(ids["ana"], "2026-12-18", "4-week check-in")
    note = vault.notes.get(vault.ending.episodes.start_termination_note(ids["ana"]))
    assert (note.kind, note.note_date, note.is_signed) == ("termination", date(2026, 11, 18), False)
    assert "Why therapy is ending:\nGoals met" in note.body
    assert "Episode 1, 2024-05-01 to 2026-11-18; 3 sessions attended, 1 missed" in note.body
    assert "Referral made:\nDr Lee, Riverside Clinic" in note.body
    assert "Follow-up arranged:\n2026-12-18: 4-week check-in" in note.body
    assert "How the client sees the ending:\n" in note.body
    assert "Risk at the end of therapy:\n" in note.body
    assert vault.ending.episodes.start_termination_note(ids["ana"]) == note.id  # not twice
    vault.notes.sign(note.id)  # signed like any note
    assert vault.notes.get(note.id).is_signed


def test_the_migration_backfills_an_episode_for_every_client(
    vault: Vault, ids: dict[str, int]
) -> None:
    vault.clients.discharge(ids["ana"], "Goals met", None, "2026-11-01")
    with vault.store.writing("a vault from before migration 007") as conn:
        conn.execute("DELETE FROM episodes")
        from vault.lifecycle.episodes import backfill_episodes

        backfill_episodes(conn)
    [ana] = vault.ending.episodes.history(ids["ana"])
    [leo] = vault.ending.episodes.history(ids["leo"])
    assert (ana.opened_on, ana.closed_on, ana.discharge_reason) == (
        date(2024, 5, 1), date(2026, 11, 1), "Goals met",
    )  # fmt: skip
    assert leo.is_open  # no intake date: from the day the record was made


def test_an_imported_client_without_an_intake_date_begins_at_their_first_session(
    vault: Vault,
) -> None:
    from vault.importer import import_practice, parse_practice, validate_practice

    practice = """{"clients": [{"first_name": "Ola", "last_name": "Berg",
        "date_of_birth": "1990-01-01", "sessions": [{"date": "2024-03-05", "notes": []}]}]}"""
    import_practice(vault, validate_practice(parse_practice(practice, "test")))
    client = next(iter(vault.clients.page("Berg")))
    [episode] = vault.ending.episodes.history(client.id)
    assert (episode.opened_on, episode.sessions) == (date(2024, 3, 5), 1)
