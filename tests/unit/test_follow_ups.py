"""Follow-up contacts after discharge, on a fixed clock (2026-11-20): due from their
date until done or cancelled, shown per client for the list's mark."""

# ruff: noqa: F401, F811
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import FakeClock
from tests.export_practice import clock, ids, vault
from vault.errors import InvalidRecord, RecordNotFound
from vault.vault import Vault


def test_a_follow_up_is_due_from_its_day_until_it_is_done(
    vault: Vault, ids: dict[str, int], clock: FakeClock
) -> None:
    follow_ups = vault.ending.follow_ups
    planned = follow_ups.schedule(ids["ana"], "2026-11-27", "1-week check-in")
    assert follow_ups.due([ids["ana"], ids["leo"]]) == {}
    assert not planned.is_due(date(2026, 11, 26))
    clock.now += timedelta(days=7)  # 2026-11-27: its day
    assert follow_ups.due([ids["ana"], ids["leo"]]) == {ids["ana"]: 1}
    clock.now += timedelta(days=30)  # overdue and still not done: still due
    assert follow_ups.due([ids["ana"]]) == {ids["ana"]: 1}
    done = follow_ups.close(planned.id, "done", "Doing well; will call if needed.")
    assert (done.status, done.closed_on) == ("done", date(2026, 12, 27))
    assert follow_ups.due([ids["ana"]]) == {}


def test_a_cancelled_follow_up_is_no_longer_due(
    vault: Vault, ids: dict[str, int], clock: FakeClock
) -> None:
    follow_ups = vault.ending.follow_ups
    planned = follow_ups.schedule(ids["ana"], "2026-11-20", "Today's call")
    assert planned.is_due(date(2026, 11, 20))
    follow_ups.close(planned.id, "cancelled", None)
    assert follow_ups.due([ids["ana"]]) == {}
    assert follow_ups.for_client(ids["ana"])[0].status == "cancelled"


def test_planned_ones_are_listed_first_soonest_first(vault: Vault, ids: dict[str, int]) -> None:
    follow_ups = vault.ending.follow_ups
    later = follow_ups.schedule(ids["ana"], "2027-02-20", "3-month check-in")
    sooner = follow_ups.schedule(ids["ana"], "2026-12-18", "4-week check-in")
    closed = follow_ups.schedule(ids["ana"], "2026-11-20", "Today")
    follow_ups.close(closed.id, "done", "Spoke briefly")
    assert [f.id for f in follow_ups.for_client(ids["ana"])] == [sooner.id, later.id, closed.id]


def test_mistakes_are_refused_with_one_sentence_naming_the_field(
    vault: Vault, ids: dict[str, int]
) -> None:
    follow_ups = vault.ending.follow_ups
    with pytest.raises(InvalidRecord, match="today or later") as past:
        follow_ups.schedule(ids["ana"], "2026-11-19", "Too late")
    assert past.value.field == "due_on"
    with pytest.raises(InvalidRecord, match="YYYY-MM-DD"):
        follow_ups.schedule(ids["ana"], "next week", "Check-in")
    with pytest.raises(InvalidRecord) as blank:
        follow_ups.schedule(ids["ana"], "2026-12-01", "  ")
    assert blank.value.field == "purpose"
    with pytest.raises(RecordNotFound):
        follow_ups.schedule(9999, "2026-12-01", "Nobody")
    planned = follow_ups.schedule(ids["ana"], "2026-12-01", "Check-in")
    with pytest.raises(InvalidRecord) as no_outcome:
        follow_ups.close(planned.id, "done", "")
    assert no_outcome.value.field == "outcome"
    with pytest.raises(InvalidRecord, match="future"):
        follow_ups.close(planned.id, "done", "Fine", "2026-11-21")
    follow_ups.close(planned.id, "done", "Fine")
    with pytest.raises(InvalidRecord, match="already done"):
        follow_ups.close(planned.id, "cancelled", None)
    with pytest.raises(RecordNotFound):
        follow_ups.close(9999, "done", "Fine")
    assert len(follow_ups.for_client(ids["ana"])) == 1


def test_scheduling_and_closing_are_audited_without_the_purpose(
    vault: Vault, ids: dict[str, int]
) -> None:
    planned = vault.ending.follow_ups.schedule(ids["ana"], "2026-12-01", "Private words")
    vault.ending.follow_ups.close(planned.id, "done", "More private words")
    entries = vault.audit.recent(2)
    assert {e.action for e in entries} == {"schedule_follow_up", "close_follow_up"}
    assert not any("rivate" in e.detail + e.subject for e in entries)
