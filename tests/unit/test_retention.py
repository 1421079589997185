"""Retention dates: the later of years after the last service and years after majority,
from the practice's rule pack or the APA default, overridable later with a reason."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from vault.errors import InvalidRecord
from vault.lifecycle.retention import PracticeRule, add_years, compute, practice_rule
from vault.records.clients import ClientInput
from vault.records.notes import SessionInput
from vault.risk.registry import load_packs
from vault.risk.rules import RulePackInvalid, parse_pack
from vault.vault import Vault

APA = PracticeRule(7, 3, 18, "APA", "")


def test_an_adult_is_kept_seven_years_after_the_last_service() -> None:
    kept = compute(1, date(1980, 5, 1), date(2025, 3, 4), "session", APA)
    assert kept.keep_until == date(2032, 3, 4)
    assert kept.because == "last_service"
    assert "7 years after the last service (session, 2025-03-04)" in kept.reason_sentence


def test_a_young_minor_is_kept_three_years_after_majority_when_that_is_later() -> None:
    # Seen at 8, last in 2020: 18 in 2030, +3 = 2033, later than 2020 + 7 = 2027.
    kept = compute(1, date(2012, 7, 30), date(2020, 6, 1), "session", APA)
    assert kept.keep_until == date(2033, 7, 30)
    assert kept.because == "majority"
    assert "3 years after the client turns 18" in kept.reason_sentence


def test_an_older_minor_is_kept_seven_years_when_that_is_later() -> None:
    # Seen at 17 in 2025: 18 in 2026, +3 = 2029, earlier than 2025 + 7 = 2032.
    kept = compute(1, date(2008, 1, 10), date(2025, 2, 1), "session", APA)
    assert kept.keep_until == date(2032, 2, 1)
    assert kept.because == "last_service"


def test_leap_day_dates_move_to_the_first_of_march_never_a_day_short() -> None:
    assert add_years(date(2024, 2, 29), 7) == date(2031, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    # Born 29 February 2008: turns 18 on 1 March 2026 (no 29th), kept until 1 March 2029.
    kept = compute(1, date(2008, 2, 29), date(2019, 1, 1), "session", APA)
    assert kept.keep_until == date(2029, 3, 1)


def test_the_pack_age_of_majority_applies_under_the_apa_default() -> None:
    packs = load_packs().packs
    rule = practice_rule(dataclasses.replace(packs["US-CA"], age_of_majority=19))
    assert (rule.years_after_last_service, rule.years_after_majority) == (7, 3)
    assert rule.age_of_majority == 19
    assert rule.label.startswith("APA default")
    assert "Record Keeping Guidelines" in rule.source


PACK = """
[pack]
id = "XX-RT"
place = "Testland"
version = "1"
reviewed_on = 2026-11-01
extends = "GENERIC"

[[sources]]
key = "Records Act"
cite = "Testland Records Act, section 4"

[retention]
years_after_last_service = 10
years_after_majority = 5
age_of_majority = 19
source = "Records Act"
"""


def _generic():  # type: ignore[no-untyped-def]
    return load_packs().packs["GENERIC"]


def test_a_pack_retention_table_sets_the_rule_and_names_its_source() -> None:
    pack = parse_pack(PACK, "xx.toml", _generic())
    rule = practice_rule(pack)
    assert (rule.years_after_last_service, rule.years_after_majority, rule.age_of_majority) == (
        10, 5, 19,
    )  # fmt: skip
    assert rule.source == "Testland Records Act, section 4"
    assert rule.label.startswith("Testland")
    kept = compute(1, date(1990, 1, 1), date(2025, 1, 1), "session", rule)
    assert kept.keep_until == date(2035, 1, 1)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        ("years_after_last_service = 10", 17, "years_after_last_service is missing"),
        ("years_after_majority = 5", 18, "must be a whole number from 0 to 100"),
        ('source = "Records Act"', 20, 'names "Nowhere", which no [[sources]] entry'),
        ("age_of_majority = 19", 19, "age_of_majority must be a whole number from 14 to 21"),
    ],
)
def test_a_bad_retention_table_is_named_by_file_line_and_field(
    change: str, line: int, words: str
) -> None:
    replacement = {
        "years_after_last_service = 10": "",
        "years_after_majority = 5": "years_after_majority = -1",
        'source = "Records Act"': 'source = "Nowhere"',
        "age_of_majority = 19": "age_of_majority = 40",
    }[change]
    with pytest.raises(RulePackInvalid) as raised:
        parse_pack(PACK.replace(change, replacement), "xx.toml", _generic())
    assert words in raised.value.message
    assert raised.value.message.startswith("xx.toml, line ")
    assert raised.value.message.count(".") >= 1


def test_an_unknown_retention_field_is_refused() -> None:
    with pytest.raises(RulePackInvalid, match="retention.years is not a field a pack has"):
        parse_pack(PACK + "years = 3\n", "xx.toml", _generic())


def test_no_shipped_pack_claims_a_retention_figure_without_a_source() -> None:
    for pack in load_packs().packs.values():
        rule = practice_rule(pack)
        assert rule.source  # every pack shows where its rule comes from


def test_a_client_without_sessions_counts_from_the_intake_date(new_vault: Vault) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2024-05-06")
    )
    kept = new_vault.retention.for_client(client.id)
    assert (kept.last_service, kept.counted_from) == (date(2024, 5, 6), "intake")
    assert kept.keep_until == date(2031, 5, 6)


def test_the_latest_session_or_note_is_the_last_service(new_vault: Vault) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2020-05-06")
    )
    new_vault.notes.start(client.id, template="free", session=SessionInput("2023-03-03"))
    kept = new_vault.retention.for_client(client.id)
    assert (kept.last_service, kept.counted_from) == (date(2023, 3, 3), "session")


def test_an_override_keeps_longer_with_a_reason_and_is_audited(new_vault: Vault) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2024-05-06")
    )
    kept = new_vault.retention.override(client.id, "2040-01-01", "Insurer asks for ten years")
    assert kept.keep_until == date(2040, 1, 1)
    assert kept.rule_date == date(2031, 5, 6)
    assert "by your decision (Insurer asks for ten years)" in kept.reason_sentence
    assert new_vault.audit.recent(1)[0].action == "set_retention"


@pytest.mark.parametrize(
    ("day", "reason", "words"),
    [
        ("2030-01-01", "Shorter", "must be after 2031-05-06"),
        ("2031-05-06", "Same day", "must be after 2031-05-06"),
        ("2040-13-01", "Bad date", "real date written YYYY-MM-DD"),
        ("2040-01-01", "  ", "The reason is required"),
    ],
)
def test_an_override_that_is_earlier_or_unexplained_is_refused(
    new_vault: Vault, day: str, reason: str, words: str
) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2024-05-06")
    )
    with pytest.raises(InvalidRecord, match=words):
        new_vault.retention.override(client.id, day, reason)
    assert new_vault.retention.for_client(client.id).override_date is None


def test_a_discharge_after_the_last_session_counts_as_the_last_service(new_vault: Vault) -> None:
    client = new_vault.clients.add(
        ClientInput("Ines", "Roth", "1990-02-02", intake_date="2020-05-06")
    )
    new_vault.notes.start(client.id, template="free", session=SessionInput("2023-03-03"))
    new_vault.clients.discharge(client.id, "Ended by letter", None, "2023-09-01")
    kept = new_vault.retention.for_client(client.id)
    assert (kept.last_service, kept.counted_from) == (date(2023, 9, 1), "discharge")
