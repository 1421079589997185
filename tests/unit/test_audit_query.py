"""Finding audit entries: by client (whatever the subject names), action, local dates, text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock
from vault.consent.models import ReleaseInput
from vault.errors import InvalidRecord
from vault.records.audit_query import AuditFilter
from vault.records.clients import ClientInput
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def _all(vault: Vault, wanted: AuditFilter, limit: int = 1000) -> list:
    return vault.audit_query.page(wanted, limit=limit).entries


def test_a_client_filter_finds_entries_about_their_notes_and_releases_too(
    practice: Practice,
) -> None:
    vault, ids = practice
    release = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee")).id
    vault.notes.discard_draft(ids["draft"])
    found = _all(vault, AuditFilter(client_id=ids["ana"]))
    subjects = {f.entry.subject for f in found}
    assert f"client:{ids['ana']}" in subjects
    assert f"note:{ids['signed']}" in subjects  # signed: the subject is the note
    assert f"note:{ids['draft']}" in subjects  # deleted since, still hers
    assert f"release:{release}" in subjects
    assert all(f.client_id == ids["ana"] for f in found)
    assert f"client:{ids['leo']}" not in subjects
    assert [f.id for f in found] == sorted((f.id for f in found), reverse=True)


def test_one_or_several_actions(practice: Practice) -> None:
    vault, _ = practice
    signed = _all(vault, AuditFilter(actions=("sign_note",)))
    assert len(signed) == 2 and {f.entry.action for f in signed} == {"sign_note"}
    mixed = _all(vault, AuditFilter(actions=("sign_note", "create_client", "sign_note")))
    assert [f.entry.action for f in mixed].count("create_client") == 2
    assert len(mixed) == 4
    assert [f.id for f in mixed] == sorted((f.id for f in mixed), reverse=True)
    assert _all(vault, AuditFilter(actions=("backup",))) == []


def test_local_dates_include_both_ends(vault_dir: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 1, 23, 30).astimezone())
    vault, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=clock)
    try:
        days = []
        for offset in range(5):  # late evenings, when UTC may already be the next day
            clock.now = datetime(2026, 3, 2 + offset, 23, 30).astimezone()
            vault.audit.record("backup", "", f"day {offset}")
            days.append(clock.now.date())
        found = _all(vault, AuditFilter(from_date=days[1], to_date=days[3]))
        assert [f.entry.detail for f in found] == ["day 3", "day 2", "day 1"]
        assert [f.entry.detail for f in _all(vault, AuditFilter(from_date=days[4]))] == ["day 4"]
        only = AuditFilter(to_date=days[0], actions=("backup",))
        assert [f.entry.detail for f in _all(vault, only)] == ["day 0"]
        later = AuditFilter(from_date=days[4] + timedelta(days=1))
        assert _all(vault, later) == []
        assert _all(vault, AuditFilter(to_date=date(2020, 1, 1))) == []
    finally:
        vault.close()


def test_text_is_found_in_detail_subject_and_action(practice: Practice) -> None:
    vault, ids = practice
    vault.audit.record("backup", "", "pages=4242")
    assert [f.entry.detail for f in _all(vault, AuditFilter(text="4242"))] == ["pages=4242"]
    assert {f.entry.action for f in _all(vault, AuditFilter(text="sign_"))} == {"sign_note"}
    by_subject = _all(vault, AuditFilter(text=f"note:{ids['signed']}"))
    assert by_subject and all(f.entry.subject == f"note:{ids['signed']}" for f in by_subject)
    assert _all(vault, AuditFilter(text="PAGES=4242")), "capitals do not count"


def test_text_is_taken_literally_never_as_search_syntax(practice: Practice) -> None:
    vault, _ = practice
    vault.audit.record("backup", "", 'odd "quote" OR NEAR(x*')
    for text in ('"quote" OR', "NEAR(x*", 'x" OR "y', "AND OR NOT"):
        found = _all(vault, AuditFilter(text=text))
        assert all(text.lower() in f.entry.detail.lower() for f in found)
    assert len(_all(vault, AuditFilter(text='"quote" OR'))) == 1


def test_text_needs_three_characters_and_dates_an_order(practice: Practice) -> None:
    vault, _ = practice
    with pytest.raises(InvalidRecord) as caught:
        vault.audit_query.page(AuditFilter(text="ab"))
    assert caught.value.field == "text" and "at least 3" in caught.value.message
    with pytest.raises(InvalidRecord) as caught:
        vault.audit_query.page(AuditFilter(from_date=date(2026, 2, 2), to_date=date(2026, 2, 1)))
    assert caught.value.field == "to_date"


def test_filters_combine(practice: Practice) -> None:
    vault, ids = practice
    wanted = AuditFilter(client_id=ids["ana"], actions=("sign_note",), text="note")
    found = _all(vault, wanted)
    assert len(found) == 2
    assert all(f.client_id == ids["ana"] and f.entry.action == "sign_note" for f in found)
    assert _all(vault, AuditFilter(client_id=ids["leo"], actions=("sign_note",))) == []
    both = AuditFilter(client_id=ids["leo"], actions=("create_client", "open_client"))
    assert {f.entry.action for f in _all(vault, both)} == {"create_client"}


def test_pages_follow_each_other_without_gaps_or_repeats(new_vault: Vault) -> None:
    for number in range(23):
        new_vault.clients.add(ClientInput(f"Zed{number}", "Quill", "1990-01-01"))
    everything = [f.id for f in _all(new_vault, AuditFilter())]
    seen: list[int] = []
    before = None
    while True:
        page = new_vault.audit_query.page(AuditFilter(), before=before, limit=5)
        seen += [f.id for f in page.entries]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == everything
    third = new_vault.audit_query.nth_page(AuditFilter(), 3, limit=5)
    assert [f.id for f in third.entries] == everything[10:15]
    assert new_vault.audit_query.nth_page(AuditFilter(), 99, limit=5).entries == []


def test_vault_wide_entries_belong_to_no_client(practice: Practice) -> None:
    vault, _ = practice
    vault.audit.record("backup", "", "pages=3")
    newest = _all(vault, AuditFilter(), limit=1)[0]
    assert (newest.entry.action, newest.client_id) == ("backup", None)


def test_a_long_text_is_found_whole_not_as_pieces(practice: Practice) -> None:
    vault, _ = practice
    vault.audit.record("backup", "", "abc-xyz-123")
    vault.audit.record("backup", "", "abc-xq c-xyz")  # every trigram of abc-xyz, apart
    vault.audit.record("backup", "", "ABC-XYZ in capitals")
    found = [f.entry.detail for f in _all(vault, AuditFilter(text="abc-xyz"))]
    assert found == ["ABC-XYZ in capitals", "abc-xyz-123"]
    assert _all(vault, AuditFilter(text="abc-xyz-1234")) == []
    assert [f.entry.detail for f in _all(vault, AuditFilter(text="Ã©tÃ©"))] == []
