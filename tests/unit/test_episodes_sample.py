"""The sample practice's endings: Hannah's two episodes and her follow-up due, as
`quietroom demo` shows them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from vault import sample
from vault.importer import import_practice, parse_practice, validate_practice
from vault.vault import Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    from tests.conftest import CHEAP, PASSPHRASE

    vault, _ = Vault.create(tmp_path_factory.mktemp("demo") / "vault", PASSPHRASE, CHEAP)
    import_practice(vault, validate_practice(parse_practice(sample.practice_text(), "sample")))
    sample.add_endings(vault)
    yield vault
    vault.close()


def _hannah(vault: Vault) -> int:
    return next(c.id for c in vault.clients.page("Hannah"))


def test_hannah_has_two_episodes_the_second_ending_in_her_referral(demo: Vault) -> None:
    first, second = demo.ending.episodes.history(_hannah(demo))
    assert (first.opened_on, first.closed_on, first.sessions, first.notes) == (
        date(2023, 2, 14), date(2023, 3, 21), 1, 1,
    )  # fmt: skip
    assert (second.opened_on, second.closed_on) == (date(2024, 11, 5), date(2025, 9, 16))
    assert second.referral and second.referral.startswith("Bridgeway")
    assert second.sessions + second.missed == 15
    assert demo.clients.get(_hannah(demo), audit=False).status == "discharged"


def test_one_follow_up_is_done_and_one_is_due(demo: Vault) -> None:
    hannah = _hannah(demo)
    statuses = [f.status for f in demo.ending.follow_ups.for_client(hannah)]
    assert sorted(statuses) == ["done", "planned"]
    assert demo.ending.follow_ups.due([hannah], date(2026, 11, 26)) == {hannah: 1}


def test_the_sample_stays_sound(demo: Vault) -> None:
    demo.audit.verify()
    assert demo.notes.verify_signatures() == []
