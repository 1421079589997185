"""Search: plain words, results while typing, ranking, snippets, and no crash on odd input."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.errors import SearchSyntax
from vault.records.notes import SessionInput
from vault.records.search import MARK_END, MARK_START, SearchTooLong, fts_query
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def _ids(vault: Vault, text: str, **options: object) -> list[int]:
    return [hit.note_id for hit in vault.search.search(text, **options)]  # type: ignore[arg-type]


def test_plain_words_find_the_notes_that_contain_them(practice: Practice) -> None:
    vault, ids = practice
    assert _ids(vault, "harmonica") == [ids["addendum"]]
    assert sorted(_ids(vault, "sleep")) == sorted([ids["signed"], ids["draft"]])
    assert _ids(vault, "anxiety") == [ids["draft"]]
    assert _ids(vault, "sleep anxiety") == [ids["draft"]]  # every word must be there
    assert _ids(vault, "ukulele") == []


def test_search_ignores_case_and_accents(practice: Practice) -> None:
    vault, ids = practice
    vault.notes.save_draft(ids["draft"], "Data:\nRésumé of the Café visit.")
    assert _ids(vault, "RESUME") == [ids["draft"]]
    assert _ids(vault, "cafe") == [ids["draft"]]


@pytest.mark.parametrize("typed", ["sle", "slee", "sleep"])
def test_results_appear_while_the_last_word_is_typed(practice: Practice, typed: str) -> None:
    vault, ids = practice
    assert {ids["signed"], ids["draft"]} <= set(_ids(vault, typed))


@pytest.mark.parametrize("typed", ["s", "sl"])
def test_one_or_two_letters_match_whole_words_only(practice: Practice, typed: str) -> None:
    """Below three letters a prefix would match nearly every note in a real practice."""
    vault, _ids_by_name = practice
    assert _ids(vault, typed) == []


def test_only_the_last_word_is_a_prefix(practice: Practice) -> None:
    vault, ids = practice
    assert _ids(vault, "slee anxiety") == []
    assert _ids(vault, "anxiety slee") == [ids["draft"]]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "...", "-", "!?"])
def test_nothing_to_find_is_an_empty_list(practice: Practice, text: str) -> None:
    vault, _ = practice
    assert vault.search.search(text) == []


@pytest.mark.parametrize(
    "query",
    ['"', 'sleep "diary', "NEAR(", "(", "sleep)", "AND", "OR sleep", "sleep NOT", "*", "^"],
)
def test_a_malformed_query_is_a_sentence_not_a_crash(practice: Practice, query: str) -> None:
    vault, _ = practice
    with pytest.raises(SearchSyntax) as caught:
        vault.search.search(query)
    assert caught.value.message.endswith(".")
    assert "fts5" not in caught.value.message.lower()


def test_an_unclosed_quote_is_named(practice: Practice) -> None:
    vault, _ = practice
    with pytest.raises(SearchSyntax, match="unclosed quote"):
        vault.search.search('"sleep')


@pytest.mark.parametrize(
    "query",
    ["full:x", "(full) AND x:y", "malformed:x", "sleep AND malformed:x", "not a database:"],
)
def test_words_in_a_query_are_never_read_as_storage_trouble(practice: Practice, query: str) -> None:
    """FTS5 quotes the query in its errors; "full" there is not a full disk."""
    vault, _ = practice
    with contextlib.suppress(SearchSyntax):
        vault.search.search(query)


def test_colons_people_type_are_plain_text(practice: Practice) -> None:
    vault, ids = practice
    assert set(_ids(vault, "Plan:")) == {ids["signed"]}
    assert _ids(vault, "Plan: sleep diary") == [ids["signed"]]
    vault.notes.save_draft(ids["draft"], "Data:\nNext session at 5:30 on Tuesday.")
    assert _ids(vault, "5:30") == [ids["draft"]]


def test_a_colon_inside_advanced_syntax_is_explained(practice: Practice) -> None:
    vault, _ = practice
    with pytest.raises(SearchSyntax, match="colon"):
        vault.search.search("sleep AND plan:diary")


def test_advanced_syntax_still_works(practice: Practice) -> None:
    vault, ids = practice
    assert _ids(vault, '"sleep diary"') == [ids["signed"]]
    assert set(_ids(vault, "harmonica OR anxiety")) == {ids["addendum"], ids["draft"]}
    assert _ids(vault, "sleep NOT anxiety") == [ids["signed"]]
    assert _ids(vault, "harm*") == [ids["addendum"]]


def test_snippets_mark_the_matched_words(practice: Practice) -> None:
    vault, ids = practice
    hit = vault.search.search("harmonica")[0]
    assert f"{MARK_START}harmonica{MARK_END}" in hit.snippet
    assert (hit.client_id, hit.client_name, hit.client_initials) == (
        ids["ana"],
        "Ana Okafor",
        "A.O.",
    )
    assert hit.is_signed and hit.kind == "progress"


@pytest.fixture
def ranked(vault_dir: Path) -> Iterator[tuple[Vault, dict[str, int]]]:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    ids = add_practice(vault)
    notes = {
        "many": ("2025-01-01", "grief grief grief grief about the loss; grief again"),
        "once": ("2025-06-01", "work was busy; some grief mentioned in passing among many other topics"),
        "newest": ("2025-09-01", "the weekend, the garden, and at the very end grief"),
    }  # fmt: skip
    for name, (day, text) in notes.items():
        note = vault.notes.start(ids["leo"], template="free", session=SessionInput(day))
        vault.notes.save_draft(note.id, text)
        ids[name] = note.id
    yield vault, ids
    vault.close()


def test_ranking_puts_the_most_relevant_note_first(ranked: Practice) -> None:
    vault, ids = ranked
    assert _ids(vault, "grief")[0] == ids["many"]


def test_newest_first_orders_by_date(ranked: Practice) -> None:
    vault, ids = ranked
    assert _ids(vault, "grief", newest_first=True) == [ids["newest"], ids["once"], ids["many"]]
    dates = [hit.note_date for hit in vault.search.search("s", newest_first=True)]
    assert dates == sorted(dates, reverse=True)


def test_limit_caps_the_hits(ranked: Practice) -> None:
    vault, ids = ranked
    assert len(vault.search.search("grief", limit=2)) == 2
    assert _ids(vault, "grief", limit=1) == [ids["many"]]
    assert _ids(vault, "grief", limit=1, newest_first=True) == [ids["newest"]]


def test_the_index_follows_drafts_as_they_change(practice: Practice) -> None:
    vault, ids = practice
    vault.notes.save_draft(ids["draft"], "Data:\nTalked about the lighthouse.")
    assert _ids(vault, "lighthouse") == [ids["draft"]]
    assert _ids(vault, "anxiety") == []
    vault.notes.discard_draft(ids["draft"])
    assert _ids(vault, "lighthouse") == []
    new = vault.notes.start(ids["leo"], template="free")
    vault.notes.save_draft(new.id, "lighthouse keeper")
    assert _ids(vault, "lighthouse") == [new.id]
    conn = vault.store._conn
    assert conn is not None
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")


def test_the_query_builder_quotes_plain_words() -> None:
    assert fts_query("  ") is None
    assert fts_query("sleep diary") == '"sleep" "diary"*'
    assert fts_query("o'neil") == '"o" "neil"*'
    assert fts_query("gp") == '"gp"'  # too short to be a useful prefix
    assert fts_query("sleep an") == '"sleep" "an"'
    assert fts_query("sleep OR diary") == "sleep OR diary"


_SYNTAX = st.sampled_from(
    list('"()*:^+-{},.NEARORANDT \\\x00é_') + ["NEAR(", " AND ", " OR ", "full", "malformed"]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.one_of(st.text(max_size=30), st.lists(_SYNTAX, max_size=12).map("".join)))
def test_any_text_is_either_results_or_a_search_sentence(practice: Practice, query: str) -> None:
    vault, _ = practice
    try:
        hits = vault.search.search(query)
    except (SearchSyntax, SearchTooLong) as exc:  # eleven words of "0:" are too many
        assert exc.message
    else:
        assert all(hit.snippet is not None for hit in hits)
