"""Instrument results (the item-9 rule opens a flag) and versioned safety plans."""

from __future__ import annotations

import pytest
import sqlcipher3

from tests.conftest import FakeClock
from vault.errors import InvalidRecord
from vault.risk.safety_plan import crisis_contacts
from vault.vault import Vault


@pytest.fixture
def clocked(practice: tuple[Vault, dict[str, int]]) -> tuple[Vault, dict[str, int]]:
    vault, ids = practice
    vault.store.clock = FakeClock()
    vault.settings.set("jurisdiction", "US-CA")
    return vault, ids


def test_phq9_item_9_above_zero_opens_a_danger_to_self_record_by_itself(
    clocked: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = clocked
    result, opened = vault.measures.record(ids["ana"], "phq9", "2026-11-19", [0] * 8 + [1])
    assert (result.total, result.band) == (1, "None or minimal")
    assert opened is not None
    event = vault.risk.get(opened)
    assert (event.flag, event.opened_by, event.instrument_id) == (
        "danger_to_self",
        "phq9",
        result.id,
    )
    assert event.pack_id == "US-CA"
    _, none = vault.measures.record(ids["ana"], "phq9", "2026-11-20", [3] * 8 + [0])
    assert none is None


def test_the_trend_is_oldest_first_per_instrument(clocked: tuple[Vault, dict[str, int]]) -> None:
    vault, ids = clocked
    vault.measures.record(ids["ana"], "gad7", "2026-11-01", [2] * 7)
    vault.measures.record(ids["ana"], "gad7", "2026-10-01", [3] * 7)
    vault.measures.record(ids["ana"], "phq9", "2026-10-15", [1] * 8 + [0])
    assert [
        (r.taken_on.isoformat(), r.total, r.band) for r in vault.measures.trend(ids["ana"], "gad7")
    ] == [
        ("2026-10-01", 21, "Severe"),
        ("2026-11-01", 14, "Moderate"),
    ]


def test_bad_results_are_refused_with_the_field_named(
    clocked: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = clocked
    with pytest.raises(InvalidRecord, match="cannot be in the future") as future:
        vault.measures.record(ids["ana"], "phq9", "2026-12-01", [0] * 9)
    assert future.value.field == "taken_on"
    with pytest.raises(InvalidRecord, match="The GAD-7 has 7 items; 9 were answered."):
        vault.measures.record(ids["ana"], "gad7", "2026-11-01", [0] * 9)
    with pytest.raises(InvalidRecord, match='"bdi" is not an instrument'):
        vault.measures.record(ids["ana"], "bdi", "2026-11-01", [0] * 21)


def test_a_cssrs_given_on_paper_is_recorded_as_yes_or_no_per_topic(
    clocked: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = clocked
    result = vault.measures.record_cssrs_paper(
        ids["ana"], "2026-11-20", {"wish_dead": True, "intent": False}, "past month"
    )
    assert result.answers == {
        "answers": {"wish_dead": True, "intent": False},
        "recency": "past month",
    }
    with pytest.raises(InvalidRecord, match='"item7" is not a C-SSRS screener topic'):
        vault.measures.record_cssrs_paper(ids["ana"], "2026-11-20", {"item7": True}, "")


def test_every_save_of_a_safety_plan_is_a_new_version_and_old_ones_are_kept(
    clocked: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = clocked
    first = vault.safety_plans.save(ids["ana"], {"warning_signs": ["Not sleeping", "  "]})
    second = vault.safety_plans.save(
        ids["ana"], {"warning_signs": ["Not sleeping"], "ask_for_help": ["Sister, Ruth"]}
    )
    assert (first.version, second.version) == (1, 2)
    assert first.sections == {"warning_signs": ["Not sleeping"]}
    assert vault.safety_plans.latest(ids["ana"]) == second
    assert [p.version for p in vault.safety_plans.versions(ids["ana"])] == [2, 1]
    with pytest.raises(sqlcipher3.IntegrityError):
        vault.store._connection().execute("UPDATE safety_plans SET sections = '{}'")


def test_an_empty_or_unknown_part_is_refused(clocked: tuple[Vault, dict[str, int]]) -> None:
    vault, ids = clocked
    with pytest.raises(InvalidRecord, match="The safety plan is empty"):
        vault.safety_plans.save(ids["ana"], {"warning_signs": [" "]})
    with pytest.raises(InvalidRecord, match='"weapons" is not a part of the safety plan'):
        vault.safety_plans.save(ids["ana"], {"weapons": ["x"]})


def test_the_professionals_part_starts_from_the_jurisdictions_numbers(
    clocked: tuple[Vault, dict[str, int]],
) -> None:
    vault, _ = clocked
    assert crisis_contacts(vault.rule_pack()) == [
        "Emergency: 911",
        "988 Suicide and Crisis Lifeline: 988",
    ]
