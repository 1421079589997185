"""Clients: what a form may save, minor status, the filter-as-you-type list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock
from vault.errors import InvalidRecord, RecordNotFound
from vault.records.clients import ClientInput, GuardianInput
from vault.records.models import age_on
from vault.vault import Vault

TODAY = date(2026, 11, 20)  # FakeClock's default day


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    made, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FakeClock())
    yield made
    made.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """One vault for checks that must refuse before writing anything."""
    made, _ = Vault.create(tmp_path_factory.mktemp("shared") / "vault", PASSPHRASE, CHEAP,
                           clock=FakeClock())  # fmt: skip
    yield made
    made.close()


def _client(**changes: object) -> ClientInput:
    return replace(ClientInput("Ana", "Okafor", "1988-03-14"), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"first_name": ""}, "first_name", "First name is required"),
        ({"first_name": "   "}, "first_name", "First name is required"),
        ({"last_name": ""}, "last_name", "Last name is required"),
        ({"first_name": "x" * 101}, "first_name", "too long"),
        ({"date_of_birth": ""}, "date_of_birth", "required, as YYYY-MM-DD"),
        ({"date_of_birth": "14/03/1988"}, "date_of_birth", "YYYY-MM-DD"),
        ({"date_of_birth": "1988-02-30"}, "date_of_birth", "real date"),
        ({"date_of_birth": "2026-11-21"}, "date_of_birth", "future"),
        ({"date_of_birth": "1899-12-31"}, "date_of_birth", "after 1900"),
        ({"email": "ana.example.org"}, "email", "name@example.org"),
        ({"email": "ana@example"}, "email", "name@example.org"),
        ({"email": "a b@example.org"}, "email", "name@example.org"),
        ({"intake_date": "soon"}, "intake_date", "Intake date"),
        ({"status": "gone"}, "status", "active, inactive, discharged"),
        ({"status": "discharged", "discharge_date": "2026-01-01"}, "discharge_reason", "reason"),
        ({"status": "discharged", "discharge_reason": "Goals met"}, "discharge_date", "date"),
        ({"phone": "1" * 41}, "phone", "too long"),
        ({"address": 42}, "address", "must be text"),
        ({"guardians": [GuardianInput(" ")]}, "guardians", "Guardian's name"),
    ],
)
def test_each_field_is_checked_with_a_sentence_naming_it(
    shared: Vault, changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        shared.clients.add(_client(**changes))
    assert caught.value.field == field
    assert words in caught.value.message
    assert caught.value.message.endswith(".")
    assert shared.clients.count() == 0


def test_a_valid_client_is_saved_trimmed_with_guardians(vault: Vault) -> None:
    client = vault.clients.add(
        _client(
            first_name="  Ana ", preferred_name="", email=" ana@example.org ",
            intake_date="2025-01-06",
            guardians=[GuardianInput(" Mara Brandt ", "mother", can_access_records=False)],
        )
    )  # fmt: skip
    assert (client.first_name, client.preferred_name, client.email) == (
        "Ana",
        None,
        "ana@example.org",
    )
    assert client.intake_date == date(2025, 1, 6)
    assert client.status == "active"
    assert [(g.name, g.relationship, g.can_access_records) for g in client.guardians] == [
        ("Mara Brandt", "mother", False)
    ]
    assert client.display_name == "Ana Okafor" and client.initials == "A.O."


def test_born_today_is_allowed(vault: Vault) -> None:
    assert vault.clients.add(_client(date_of_birth=TODAY)).age(TODAY) == 0


def test_dates_may_be_given_as_date_or_datetime_objects(vault: Vault) -> None:
    client = vault.clients.add(
        _client(date_of_birth=datetime(1990, 5, 6, 14, 30), intake_date=date(2025, 1, 6))
    )
    assert (client.date_of_birth, client.intake_date) == (date(1990, 5, 6), date(2025, 1, 6))


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 11, 20), date(2026, 11, 19), 17),
        (date(2008, 11, 20), date(2026, 11, 20), 18),  # the 18th birthday itself
        (date(2008, 11, 20), date(2026, 11, 21), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 12, 31), date(2026, 1, 1), 17),
    ],
)
def test_age_turns_over_on_the_birthday(born: date, today: date, age: int) -> None:
    assert age_on(born, today) == age


def test_minor_status_follows_the_clock(vault: Vault) -> None:
    teen = vault.clients.add(_client(first_name="Leo", date_of_birth="2008-11-21"))
    adult = vault.clients.add(_client(first_name="Eve", date_of_birth="2008-11-20"))
    assert teen.is_minor(TODAY) and not adult.is_minor(TODAY)
    assert not teen.is_minor(date(2026, 11, 21))
    summaries = {s.first_name: s for s in vault.clients.page()}
    assert summaries["Leo"].is_minor(TODAY) and not summaries["Eve"].is_minor(TODAY)


def test_update_and_discharge(vault: Vault) -> None:
    client = vault.clients.add(_client())
    updated = vault.clients.update(client.id, _client(last_name="Okafor-Reyes", phone="555"))
    assert (updated.last_name, updated.phone) == ("Okafor-Reyes", "555")
    with pytest.raises(InvalidRecord, match="Discharge reason is required"):
        vault.clients.discharge(client.id, "  ", None)
    gone = vault.clients.discharge(client.id, "Goals met", "Dr. Lee")
    assert (gone.status, gone.discharge_date, gone.referral) == ("discharged", TODAY, "Dr. Lee")
    assert vault.clients.count(include_discharged=False) == 0
    assert vault.clients.count() == 1
    actions = [e.action for e in vault.audit.recent(10)]
    assert {"create_client", "update_client", "discharge_client"} <= set(actions)


def test_a_missing_client_is_not_found(vault: Vault) -> None:
    for call in (
        lambda: vault.clients.get(404),
        lambda: vault.clients.update(404, _client()),
        lambda: vault.clients.discharge(404, "Moved away", None),
    ):
        with pytest.raises(RecordNotFound, match="no longer exists"):
            call()


def test_opening_a_record_is_audited_by_id_only(vault: Vault) -> None:
    client = vault.clients.add(_client())
    vault.clients.get(client.id)
    entry = vault.audit.recent(1)[0]
    assert (entry.action, entry.subject) == ("open_client", f"client:{client.id}")


# -- the list -----------------------------------------------------------------------


NAMES = [
    ("Ana", "Okafor", None),
    ("Leo", "Brandt", "Lenny"),
    ("Élodie", "Ørsted", None),
    ("Sam", "O'Neil", "Sammy"),
    ("Percy", "100%_Real", None),
    ("Back", "Sla\\sh", None),
    ("Zoë", "Anand", None),
]


@pytest.fixture
def listed(vault: Vault) -> Vault:
    for first, last, preferred in NAMES:
        vault.clients.add(_client(first_name=first, last_name=last, preferred_name=preferred))
    return vault


def _found(vault: Vault, text: str) -> list[str]:
    return [s.last_name for s in vault.clients.page(text)]


def test_the_list_is_by_last_name_ignoring_case(listed: Vault) -> None:
    listed.clients.add(_client(first_name="Al", last_name="anderson"))
    everyone = _found(listed, "")
    assert len(everyone) == len(NAMES) + 1
    assert [name for name in everyone if name.isascii()] == [
        "100%_Real", "Anand", "anderson", "Brandt", "O'Neil", "Okafor", "Sla\\sh",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("oka", ["Okafor"]),
        ("OKAF", ["Okafor"]),
        ("len", ["Brandt"]),  # preferred name
        ("an", ["Anand", "Brandt", "Okafor"]),  # substring anywhere in any name
        ("ana oka", ["Okafor"]),  # every word must match
        ("o'n", ["O'Neil"]),
        ("%", ["100%_Real"]),  # % and _ are literal, not wildcards
        ("_", ["100%_Real"]),
        ("0%_r", ["100%_Real"]),
        ("\\", ["Sla\\sh"]),
        ("élo", ["Ørsted"]),
        ("ÉLODIE", ["Ørsted"]),  # case-insensitive beyond ASCII
        ("ørs", ["Ørsted"]),
        ("ZOË", ["Anand"]),
        ("zoe", ["Anand"]),  # accents folded: a keyboard without ë still finds Zoë
        ("elodie", ["Ørsted"]),
        ("nobody", []),
    ],
)
def test_filter_as_you_type(listed: Vault, typed: str, expected: list[str]) -> None:
    assert _found(listed, typed) == expected
    assert listed.clients.count(typed) == len(expected)


def test_paging_walks_the_whole_list_once(vault: Vault) -> None:
    for i in range(23):
        vault.clients.add(_client(first_name=f"C{i:02d}", last_name=f"Last{i:02d}"))
    assert vault.clients.count() == 23
    pages = [vault.clients.page(offset=offset, limit=10) for offset in (0, 10, 20, 30)]
    assert [len(p) for p in pages] == [10, 10, 3, 0]
    seen = [s.last_name for page in pages for s in page]
    assert seen == [f"Last{i:02d}" for i in range(23)]
    assert [s.last_name for s in vault.clients.page("Last1", offset=5, limit=3)] == [
        "Last15", "Last16", "Last17",
    ]  # fmt: skip
    assert vault.clients.count("Last1") == 10


def test_the_list_shows_the_last_session(vault: Vault) -> None:
    from vault.records.notes import SessionInput

    client = vault.clients.add(_client())
    assert vault.clients.page()[0].last_session is None
    vault.notes.start(client.id, session=SessionInput("2026-01-05"))
    vault.notes.start(client.id, session=SessionInput("2026-03-02"))
    assert vault.clients.page()[0].last_session == date(2026, 3, 2)


def test_a_discharge_date_can_be_set_and_is_checked(vault: Vault) -> None:
    client = vault.clients.add(_client(intake_date="2025-01-06"))
    with pytest.raises(InvalidRecord, match="cannot be in the future") as err:
        vault.clients.discharge(client.id, "Goals met", None, "2026-11-21")
    assert err.value.field == "discharge_date"
    with pytest.raises(InvalidRecord, match=r"before the intake date \(2025-01-06\)"):
        vault.clients.discharge(client.id, "Goals met", None, "2025-01-05")
    with pytest.raises(InvalidRecord, match="Discharge date must be a real date"):
        vault.clients.discharge(client.id, "Goals met", None, "2025-02-30")
    with pytest.raises(InvalidRecord, match="Discharge date is required"):
        vault.clients.discharge(client.id, "Goals met", None, " ")
    assert vault.clients.get(client.id).status == "active"
    gone = vault.clients.discharge(client.id, "Goals met", None, "2026-10-30")
    assert gone.discharge_date == date(2026, 10, 30)
