"""The disguise itself: every identifier planted in a note is replaced, consistently."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from vault.errors import InvalidRecord
from vault.supervision.disguise import Disguise, Person, Profile
from vault.supervision.table import DATE_OF_BIRTH, birth_date_forms, build_disguise

PROFILE = Profile(
    first_name="Maria",
    last_name="Castellano",
    preferred_name="Mimi",
    date_of_birth=date(1991, 4, 17),
    phone="07700 900555",
    email="maria.c@example.com",
    address="Flat 2, 14 Wren Street, Dunmore, DN4 7QT",
    others=(
        Person("Lucia Castellano", "07700 900556", "lucia@example.org"),
        Person("Tomasz Brody", "555-0199"),
    ),
)
NOTE_DAY = date(2025, 3, 12)
NOTE = (
    "Maria's week was hard. MARIA said her mother Lucia phoned twice; mimi is what her "
    "friends call her. Castellano family dinner on 12 March 2025 and again on March 19. "
    "Her boss, Greta, shouted at her. She works at Fernside Logistics and her son is at "
    "Hollybrook School. She grew up in Kilbride. Next review 2025-04-02, first seen "
    "02/01/2025. A 34-year-old; her daughter, aged 7. Born 17 April 1991. Call her on "
    "07700 900555 or +44 7700 900123, email maria.c@example.com or m.c@example.net. "
    "Lives at 14 Wren Street in Dunmore, DN4 7QT. Tomasz came too. Dr Helen Ashdown "
    "saw her at Greyfield Surgery."
)
PLANTED = (
    "Maria", "MARIA", "Lucia", "mimi", "Castellano", "12 March 2025", "March 19", "Greta",
    "Fernside", "Hollybrook", "Kilbride", "2025-04-02", "02/01/2025", "34-year-old", "aged 7",
    "17 April 1991", "07700 900555", "+44 7700 900123", "maria.c@example.com",
    "m.c@example.net", "Wren Street", "Dunmore", "DN4 7QT", "Tomasz", "Helen", "Ashdown",
    "Greyfield",
)  # fmt: skip


def disguise(*texts: str, seed: int = 3) -> Disguise:
    return build_disguise(PROFILE, [(NOTE_DAY, text) for text in texts], seed)


def test_every_planted_identifier_is_replaced() -> None:
    out = disguise(NOTE).apply(NOTE)
    for planted in PLANTED:
        assert planted not in out, (planted, out)
    assert "works at [company]" in out or "works at [employer]" in out
    assert "at [school]" in out
    assert "[phone]" in out and "[email]" in out and "[address]" in out
    assert "in [place]" in out  # Kilbride: a place the record does not know
    assert "in [town]" in out  # Dunmore: the client's own town


def test_the_client_is_one_first_name_everywhere_in_any_case() -> None:
    made = disguise(NOTE)
    out = made.apply(NOTE)
    name = made.pseudonym
    assert out.startswith(f"{name}'s week was hard. {name.upper()} said")
    assert f"{name} is what her friends call her" in out  # the preferred name, lower case
    assert f"{name} family dinner" in out  # the last name too


def test_other_people_get_other_names_the_same_in_every_note() -> None:
    second = "Lucia and Greta met. Greta was kind."
    made = disguise(NOTE, second)
    first_out, second_out = made.apply(NOTE), made.apply(second)
    lucia = re.search(r"her mother (\w+) phoned", first_out)
    greta = re.search(r"Her boss, (\w+), shouted", first_out)
    assert lucia and greta
    assert len({made.pseudonym, lucia.group(1), greta.group(1)}) == 3
    assert second_out == f"{lucia.group(1)} and {greta.group(1)} met. {greta.group(1)} was kind."


def test_dates_move_by_one_offset_and_keep_their_form_and_intervals() -> None:
    made = disguise(NOTE)
    out = made.apply(NOTE)
    offset = timedelta(days=made.shift.days)
    assert abs(made.shift.days) >= 60
    first = date(2025, 3, 12) + offset
    assert f"{first.day} {first.strftime('%B')} {first.year}" in out
    second = date(2025, 3, 19) + offset
    assert f"{second.strftime('%B')} {second.day}." in out  # no year, as written
    review = date(2025, 4, 2) + offset
    assert review.isoformat() in out
    assert made.move(NOTE_DAY) == NOTE_DAY + offset


def test_a_date_of_birth_never_shows_in_any_form() -> None:
    forms = birth_date_forms(PROFILE.date_of_birth or date.min)
    text = " and ".join(forms)
    out = disguise(text).apply(text)
    for written in forms:
        assert written not in out
    assert out.count(DATE_OF_BIRTH) == len(forms)


@pytest.mark.parametrize(
    ("written", "band"),
    [("a 34-year-old teacher", "a 30-something teacher"), ("aged 34", "in their 30s"),
     ("she is 16 years old", "she is teenage"), ("children aged 12 and 9", "children under 13"),
     ("a first episode at age 19", "a first episode in their teens")],
)  # fmt: skip
def test_ages_become_bands(written: str, band: str) -> None:
    assert disguise(written).apply(written) == band


def test_a_name_at_the_start_of_a_sentence_is_found_through_its_other_uses() -> None:
    text = "Her partner, Abena, came. Abena said little."
    out = disguise(text).apply(text)
    assert "Abena" not in out


def test_ordinary_capitalised_words_are_left_alone() -> None:
    text = (
        "Plan: CBT for panic. Christmas in England was hard; she spoke English and Spanish "
        "on Sunday. PHQ-9 = 12, GAD-7 = 9. Short Health Anxiety Inventory = 19. I noticed it."
    )
    made = disguise(text)
    out = made.apply(text)
    for kept in ("CBT", "Christmas", "English", "Spanish", "Sunday", "PHQ-9", "GAD-7",
                 "Short Health Anxiety Inventory", "I noticed"):  # fmt: skip
        assert kept in out
    assert "in [place]" in out  # England, after "in"


def test_the_same_seed_gives_the_same_table_and_another_seed_another() -> None:
    assert disguise(NOTE, seed=5) == disguise(NOTE, seed=5)
    others = {disguise(NOTE, seed=seed).shift.days for seed in range(6)}
    assert len(others) > 1


def test_no_pseudonym_is_a_word_of_the_notes_or_sounds_like_a_real_name() -> None:
    for seed in range(20):
        made = disguise("Daniel talked about Alex and Sam.", seed=seed)
        assert made.pseudonym not in ("Alex", "Sam", "Maria")
        assert not made.pseudonym.startswith(("Dan", "Mar", "Mim", "Cas"))


def test_switching_a_replacement_off_keeps_the_original_and_on_again_replaces() -> None:
    made = disguise(NOTE)
    kept = made.toggled("Kilbride")
    assert "grew up in Kilbride" in kept.apply(NOTE)
    assert "Kilbride" not in kept.toggled("Kilbride").apply(NOTE)


def test_an_added_replacement_applies_everywhere_in_any_case() -> None:
    text = "The Blue Heron choir sang. She loves the blue heron choir."
    made = disguise(text).added("blue heron choir", "a choir")
    assert made.apply(text) == "The a choir sang. She loves the a choir."
    assert disguise(text).added("Heron", "").apply("Heron") == "[removed]"


def test_an_added_replacement_needs_two_letters() -> None:
    with pytest.raises(InvalidRecord, match="two letters or more"):
        disguise(NOTE).added(" x ", "y")


def test_uses_say_how_often_and_where() -> None:
    made = disguise("Greta came.", "Nothing here.", "Her boss, Greta, and Greta again.")
    uses = {use.rule.original: use for use in made.uses(
        [(1, "Greta came."), (2, "Nothing here."), (3, "Her boss, Greta, and Greta again.")]
    )}  # fmt: skip
    assert uses["Greta"].count == 3
    assert uses["Greta"].where == (1, 3)


def test_names_written_without_accents_are_found_too() -> None:
    profile = Profile("Zoë", "Ibáñez")
    made = build_disguise(profile, [(NOTE_DAY, "Zoe and ZOË; Ibanez.")], 1)
    out = made.apply("Zoe and ZOË; Ibanez.")
    assert "Zo" not in out and "Ib" not in out


def test_a_name_after_a_relation_gets_a_first_name_not_a_placeholder() -> None:
    text = "Maria's sister Zindzi visited; my friend Oyelaran called."
    made = disguise(text)
    out = made.apply(text)
    assert "Zindzi" not in out and "Oyelaran" not in out
    assert "[name]" not in out
    assert re.fullmatch(r"\w+'s sister \w+ visited; my friend \w+ called\.", out)


def test_an_unknown_capitalised_word_mid_sentence_becomes_a_placeholder() -> None:
    text = "She went to see Qwertzuiop again."
    assert disguise(text).apply(text) == "She went to see [name] again."
