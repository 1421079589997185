"""The sample practice `quietroom demo` shows: its paperwork imports and stays right for years."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from vault import sample
from vault.consent.models import Release
from vault.importer import import_practice, parse_practice, validate_practice
from vault.vault import Vault

BUILT = date(2026, 11, 26)  # the day the sample's paperwork was last written
YEARS_AHEAD = 3


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """The sample imported once for this module, as `quietroom demo` does."""
    from tests.conftest import CHEAP, PASSPHRASE

    vault, _ = Vault.create(tmp_path_factory.mktemp("demo") / "vault", PASSPHRASE, CHEAP)
    import_practice(vault, validate_practice(parse_practice(sample.practice_text(), "sample")))
    yield vault
    vault.close()


def _all_releases(vault: Vault, as_of: date | None = None) -> dict[str, list[Release]]:
    """Every release in the sample, by client first name."""
    return {
        client.first_name: vault.releases.for_client(client.id, as_of)
        for client in vault.clients.page()
    }


def _flat(found: dict[str, list[Release]]) -> list[Release]:
    return [release for releases in found.values() for release in releases]


def test_the_sample_has_each_status_a_therapist_should_see_today(demo: Vault) -> None:
    statuses = [release.status for release in _flat(_all_releases(demo))]
    for status in ("valid", "expired", "revoked", "draft"):
        assert status in statuses, statuses
    assert "defective" not in statuses


def test_a_valid_dates_and_fees_only_release_to_an_insurer(demo: Vault) -> None:
    (insurer,) = _all_releases(demo)["Daniel"]
    assert insurer.scope == ("dates_and_fees_only",)
    assert insurer.status == "valid"
    assert insurer.recipient_role == "Health insurer"


@pytest.mark.parametrize("years", [0, 1, YEARS_AHEAD])
def test_the_valid_releases_stay_valid_for_years(demo: Vault, years: int) -> None:
    later = date.today() + timedelta(days=366 * years)
    found = _all_releases(demo, later)
    assert found["Daniel"][0].status == "valid"  # dates and fees, expires 2034
    assert found["Priya"][0].status == "valid"  # expires on an event not yet recorded
    statuses = {release.status for release in _flat(found)}
    assert {"valid", "expired", "revoked", "draft"} <= statuses


def test_the_ended_releases_say_how_they_ended(demo: Vault) -> None:
    found = _all_releases(demo)
    assert found["José"][0].status == "expired" and found["José"][0].expires_on
    assert {r.status for r in found["Hannah"]} == {"expired"}
    assert all(r.event_occurred_on == date(2025, 10, 16) for r in found["Hannah"])
    (revoked,) = found["Kwame"]
    assert revoked.status == "revoked" and revoked.revoked_on == date(2026, 5, 19)


def test_no_release_names_psychotherapy_notes(demo: Vault) -> None:
    assert not any(release.is_psychotherapy_notes for release in _flat(_all_releases(demo)))


def test_every_active_client_has_a_current_consent(demo: Vault) -> None:
    for client in demo.clients.page():
        consents = demo.consents.for_client(client.id)
        assert consents, client.first_name
        if client.status == "active":
            assert any(c.status == "current" for c in consents), client.first_name
            assert demo.consents.marker(client.id).has_current, client.first_name


def test_one_consent_is_superseded_by_a_newer_one(demo: Vault) -> None:
    daniel = next(c.id for c in demo.clients.page("Daniel"))
    statuses = sorted(c.status for c in demo.consents.for_client(daniel))
    assert statuses == ["current", "superseded"]


def test_the_minor_has_his_mothers_consent_and_his_own_assent(demo: Vault) -> None:
    toby = next(c for c in demo.clients.page("Lindgren"))
    (consent,) = demo.consents.for_client(toby.id)
    assert consent.template_kind == "minor_consent" and consent.status == "current"
    assert (consent.signer_kind, consent.signer_name) == ("guardian", "Karin Lindgren")
    assert consent.signer_authority and consent.minor_assent is True


def test_the_disclosure_log_has_an_accountable_entry_and_one_under_a_release(
    demo: Vault,
) -> None:
    kwame = next(c.id for c in demo.clients.page("Mensah"))
    (court,) = demo.disclosures.accounting(kwame)
    assert court.legal_basis == "court_order" and court.accountable
    daniel = next(c.id for c in demo.clients.page("Daniel"))
    under = demo.disclosures.for_client(daniel)
    assert under and all(d.release_id is not None and not d.accountable for d in under)
    assert demo.disclosures.accounting(daniel) == []
    assert demo.disclosures.verify() == 8


def test_the_sample_dates_are_in_the_past_when_it_was_built() -> None:
    practice = validate_practice(parse_practice(sample.practice_text(), "sample"), BUILT)
    assert sum(len(client.paperwork.releases) for client in practice.clients) == 7
