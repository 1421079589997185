"""Consent records: field checks, pinning, computed status, revocation, re-consent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock, add_practice
from vault.consent.models import ConsentInput, ConsentMarker
from vault.errors import InvalidRecord, RecordNotFound
from vault.records.clients import ClientInput, GuardianInput
from vault.vault import Vault

TODAY = date(2026, 11, 20)  # FakeClock's day


@pytest.fixture
def vault(vault_dir: Path) -> Iterator[Vault]:
    made, _ = Vault.create(vault_dir, PASSPHRASE, CHEAP, clock=FakeClock())
    yield made
    made.close()


@pytest.fixture
def ids(vault: Vault) -> dict[str, int]:
    return add_practice(vault)


def _version(vault: Vault, kind: str = "informed_consent") -> int:
    return vault.consent_templates.latest_of(kind).id


def _adult(vault: Vault, **changes: Any) -> ConsentInput:
    values: dict[str, Any] = {
        "template_version_id": _version(vault),
        "discussed_on": "2026-03-02",
        "discussed_by": "Dr Reyes",
        "signer_name": "Ana Okafor",
        "signed_on": "2026-03-02",
    }
    return ConsentInput(**{**values, **changes})


def _teen(vault: Vault, born: str = "2008-11-20") -> int:
    return vault.clients.add(
        ClientInput("Zoë", "Kowalczyk", born,
                    guardians=[GuardianInput("Inês Kowalczyk", "mother", True)])
    ).id  # fmt: skip


def _for_minor(vault: Vault, **changes: Any) -> ConsentInput:
    values: dict[str, Any] = {
        "template_version_id": _version(vault, "minor_consent"),
        "discussed_on": "2026-01-10",
        "discussed_by": "Dr Reyes",
        "signer_kind": "guardian",
        "signer_name": "Inês Kowalczyk",
        "signer_authority": "Mother, sole custody",
        "signed_on": "2026-01-10",
        "minor_assent": True,
    }
    return ConsentInput(**{**values, **changes})


# -- recording --------------------------------------------------------------------


def test_a_consent_pins_the_version_and_its_hash(vault: Vault, ids: dict[str, int]) -> None:
    template = vault.consent_templates.latest_of("informed_consent")
    consent = vault.consents.record(ids["ana"], _adult(vault, copy_given=True))
    assert (consent.template_version_id, consent.sha256) == (template.id, template.sha256)
    assert consent.clauses == template.clauses
    assert (consent.status, consent.copy_given, consent.attachments) == ("current", True, 0)
    assert consent.signed_on == date(2026, 3, 2)
    assert vault.consent_templates.get(template.id).in_use
    entry = vault.audit.recent(1)[0]
    assert (entry.action, entry.subject) == ("record_consent", f"client:{ids['ana']}")


def test_a_guardian_signs_for_a_minor_who_assents(vault: Vault) -> None:
    zoe = _teen(vault)
    consent = vault.consents.record(zoe, _for_minor(vault))
    assert consent.template_kind == "minor_consent"
    assert (consent.signer_kind, consent.signer_authority) == ("guardian", "Mother, sole custody")
    assert consent.minor_assent is True


def test_a_verbal_consent_without_a_signing_date_uses_the_day_discussed(
    vault: Vault, ids: dict[str, int]
) -> None:
    consent = vault.consents.record(
        ids["ana"], _adult(vault, signature_method="verbal", signed_on=None)
    )
    assert consent.signed_on == consent.discussed_on == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("changes", "field", "sentence"),
    [
        ({"template_version_id": 9999}, "template_version_id",
         "That version of the consent form no longer exists; choose the form again."),
        ({"discussed_on": "2026-02-30"}, "discussed_on",
         "Date discussed must be a real date written YYYY-MM-DD, like 1985-04-23."),
        ({"discussed_on": ""}, "discussed_on", "Date discussed is required, as YYYY-MM-DD."),
        ({"discussed_on": "2026-11-21", "signed_on": "2026-11-21"}, "discussed_on",
         "Date discussed cannot be in the future."),
        ({"discussed_on": "1988-03-13", "signed_on": "1988-03-13"}, "discussed_on",
         "Date discussed is before the client's date of birth; check the year."),
        ({"discussed_by": "  "}, "discussed_by", "Discussed by is required."),
        ({"signer_kind": "friend"}, "signer_kind", "Who signed must be one of: client, guardian."),
        ({"signer_name": ""}, "signer_name", "Signer's name is required."),
        ({"signer_kind": "guardian", "signer_authority": " "}, "signer_authority",
         "Say what gives the guardian authority to consent (for example: mother, custody "
         "order of 2024-03-01)."),
        ({"signature_method": "fax"}, "signature_method",
         "How it was signed must be one of: paper, typed_in_person, verbal."),
        ({"signed_on": None}, "signed_on",
         "Date signed is required, as YYYY-MM-DD (only a verbal consent may omit it)."),
        ({"signed_on": "2026-03-01"}, "signed_on",
         "Date signed cannot be before the date the consent was discussed."),
        ({"signed_on": "2026-11-21"}, "signed_on", "Date signed cannot be in the future."),
        ({"minor_assent": True}, "minor_assent",
         "A minor's assent belongs only on the consent for a minor; leave it blank here."),
        ({"note": "x" * 2001}, "note", "Note is too long (at most 2000 characters)."),
    ],
)  # fmt: skip
def test_each_bad_field_is_refused_by_name_and_nothing_is_stored(
    vault: Vault, ids: dict[str, int], changes: dict[str, Any], field: str, sentence: str
) -> None:
    with pytest.raises(InvalidRecord) as refused:
        vault.consents.record(ids["ana"], _adult(vault, **changes))
    assert (str(refused.value), refused.value.field) == (sentence, field)
    assert vault.consents.for_client(ids["ana"]) == []


def test_a_consent_for_a_missing_client_is_refused(vault: Vault) -> None:
    with pytest.raises(RecordNotFound, match="That client no longer exists."):
        vault.consents.record(4242, _adult(vault))


# -- status and revocation --------------------------------------------------------


def test_a_later_consent_of_the_same_kind_supersedes_the_earlier(
    vault: Vault, ids: dict[str, int]
) -> None:
    first = vault.consents.record(ids["ana"], _adult(vault))
    tele = vault.consents.record(
        ids["ana"], _adult(vault, template_version_id=_version(vault, "telehealth"))
    )
    second = vault.consents.record(
        ids["ana"], _adult(vault, discussed_on="2026-09-01", signed_on="2026-09-01")
    )
    listed = vault.consents.for_client(ids["ana"])
    assert [c.id for c in listed] == [second.id, tele.id, first.id]  # newest first
    assert {c.id: c.status for c in listed} == {
        second.id: "current", tele.id: "current", first.id: "superseded",
    }  # fmt: skip
    assert vault.consents.get(first.id).status == "superseded"


def test_same_day_consents_are_ordered_by_id(vault: Vault, ids: dict[str, int]) -> None:
    first = vault.consents.record(ids["ana"], _adult(vault))
    second = vault.consents.record(ids["ana"], _adult(vault))
    assert vault.consents.get(first.id).status == "superseded"
    assert vault.consents.get(second.id).status == "current"


def test_revoking_the_newest_brings_back_the_earlier(vault: Vault, ids: dict[str, int]) -> None:
    first = vault.consents.record(ids["ana"], _adult(vault))
    second = vault.consents.record(
        ids["ana"], _adult(vault, discussed_on="2026-09-01", signed_on="2026-09-01")
    )
    revoked = vault.consents.revoke(second.id, "2026-10-01", "Letter received")
    assert (revoked.status, revoked.revoked_on) == ("revoked", date(2026, 10, 1))
    assert revoked.revocation_method == "Letter received"
    assert vault.consents.get(first.id).status == "current"
    entry = vault.audit.recent(1)[0]
    assert (entry.action, entry.subject) == ("revoke_consent", f"client:{ids['ana']}")


@pytest.mark.parametrize(
    ("on", "method", "field", "sentence"),
    [
        ("2026-11-21", "Letter", "revoked_on", "Date revoked cannot be in the future."),
        ("2026-03-01", "Letter", "revoked_on",
         "Date revoked cannot be before the consent was signed (2026-03-02)."),
        ("someday", "Letter", "revoked_on",
         "Date revoked must be a real date written YYYY-MM-DD, like 1985-04-23."),
        ("2026-10-01", " ", "revocation_method", "How it was revoked is required."),
    ],
)  # fmt: skip
def test_a_bad_revocation_is_refused_and_the_consent_stays_current(
    vault: Vault, ids: dict[str, int], on: str, method: str, field: str, sentence: str
) -> None:
    consent = vault.consents.record(ids["ana"], _adult(vault))
    with pytest.raises(InvalidRecord) as refused:
        vault.consents.revoke(consent.id, on, method)
    assert (str(refused.value), refused.value.field) == (sentence, field)
    assert vault.consents.get(consent.id).status == "current"


def test_a_revoked_consent_cannot_be_revoked_again(vault: Vault, ids: dict[str, int]) -> None:
    consent = vault.consents.record(ids["ana"], _adult(vault))
    vault.consents.revoke(consent.id, "2026-10-01", "Phone call, noted")
    with pytest.raises(InvalidRecord, match="already revoked on 2026-10-01"):
        vault.consents.revoke(consent.id, "2026-11-01", "Letter")
    assert vault.consents.get(consent.id).revoked_on == date(2026, 10, 1)


def test_attachments_are_counted(vault: Vault, ids: dict[str, int]) -> None:
    consent = vault.consents.record(ids["ana"], _adult(vault))
    with vault.store.writing("the test") as conn:
        conn.execute(
            "INSERT INTO attachments (owner_kind, owner_id, filename, media_type, size, sha256,"
            " data, added_at) VALUES ('consent', ?, 'scan.pdf', 'application/pdf', 1, '', x'00',"
            " '2026-11-20')",
            (consent.id,),
        )
    assert vault.consents.get(consent.id).attachments == 1
    assert vault.consents.for_client(ids["ana"])[0].attachments == 1


def test_a_missing_consent_is_not_found(vault: Vault) -> None:
    with pytest.raises(RecordNotFound, match="That consent record no longer exists."):
        vault.consents.get(77)


# -- re-consent markers -----------------------------------------------------------


def test_no_consent_shows_as_missing_without_reasons(vault: Vault, ids: dict[str, int]) -> None:
    marker = vault.consents.marker(ids["ana"])
    assert (marker.has_current, marker.reconsent_reasons) == (False, ())


def test_telehealth_alone_does_not_cover_therapy(vault: Vault, ids: dict[str, int]) -> None:
    vault.consents.record(
        ids["ana"], _adult(vault, template_version_id=_version(vault, "telehealth"))
    )
    assert not vault.consents.marker(ids["ana"]).has_current


def test_a_fresh_consent_is_current_and_due_nothing(vault: Vault, ids: dict[str, int]) -> None:
    vault.consents.record(ids["ana"], _adult(vault))
    marker = vault.consents.marker(ids["ana"])
    assert marker.has_current and not marker.reconsent_due


def test_a_revoked_consent_leaves_the_client_without_one(vault: Vault, ids: dict[str, int]) -> None:
    consent = vault.consents.record(ids["ana"], _adult(vault))
    vault.consents.revoke(consent.id, "2026-10-01", "Letter")
    assert vault.consents.marker(ids["ana"]) == ConsentMarker(ids["ana"], False, ())


def test_a_material_new_version_asks_for_consent_again(vault: Vault, ids: dict[str, int]) -> None:
    template = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(ids["ana"], _adult(vault))
    vault.consent_templates.edit(
        template.template_id, template.body + "\n\nFees rose.", material=True
    )
    assert vault.consents.marker(ids["ana"]).reconsent_reasons == (
        "The informed consent changed (version 2); ask again.",
    )


def test_a_non_material_new_version_does_not(vault: Vault, ids: dict[str, int]) -> None:
    template = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(ids["ana"], _adult(vault))
    vault.consent_templates.edit(
        template.template_id, template.body + "\n\nTypo fixed.", material=False
    )
    assert vault.consents.marker(ids["ana"]).reconsent_reasons == ()


def test_signing_the_new_version_clears_the_reason(vault: Vault, ids: dict[str, int]) -> None:
    template = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(ids["ana"], _adult(vault))
    newer = vault.consent_templates.edit(
        template.template_id, template.body + "\n\nNew.", material=True
    )
    vault.consents.record(
        ids["ana"],
        _adult(
            vault, template_version_id=newer.id, discussed_on="2026-11-20", signed_on="2026-11-20"
        ),
    )
    assert not vault.consents.marker(ids["ana"]).reconsent_due


def test_a_minor_who_reaches_the_age_is_asked_on_the_birthday(vault: Vault) -> None:
    zoe = _teen(vault, born="2008-11-20")  # 18 on 2026-11-20
    vault.consents.record(zoe, _for_minor(vault))
    assert vault.consents.marker(zoe, date(2026, 11, 19)).reconsent_reasons == ()
    assert vault.consents.marker(zoe, date(2026, 11, 20)).reconsent_reasons == (
        "The client has turned 18 since the consent was signed; ask for their own consent.",
    )


def test_the_age_comes_from_the_settings(vault: Vault) -> None:
    zoe = _teen(vault, born="2008-11-20")
    vault.consents.record(zoe, _for_minor(vault))
    vault.settings.set("reconsent_age", "19")
    assert vault.consents.marker(zoe, date(2026, 11, 20)).reconsent_reasons == ()


def test_an_adult_own_consent_after_the_birthday_clears_it(vault: Vault) -> None:
    zoe = _teen(vault, born="2008-11-20")
    vault.consents.record(zoe, _for_minor(vault))
    vault.consents.record(
        zoe,
        _adult(
            vault, signer_name="Zoë Kowalczyk", discussed_on="2026-11-20", signed_on="2026-11-20"
        ),
    )
    marker = vault.consents.marker(zoe, date(2026, 11, 20))
    assert marker.has_current and marker.reconsent_reasons == ()


def test_the_review_interval_falls_due_on_the_day(vault: Vault, ids: dict[str, int]) -> None:
    vault.consents.record(
        ids["ana"], _adult(vault, discussed_on="2025-11-20", signed_on="2025-11-20")
    )
    assert vault.consents.marker(ids["ana"], date(2026, 11, 19)).reconsent_reasons == ()
    assert vault.consents.marker(ids["ana"], date(2026, 11, 20)).reconsent_reasons == (
        "It has been 12 months since the consent was signed; review it with the client.",
    )
    vault.settings.set("reconsent_review_months", "6")
    assert vault.consents.marker(ids["ana"], date(2026, 5, 19)).reconsent_reasons == ()
    assert vault.consents.marker(ids["ana"], date(2026, 5, 20)).reconsent_due


def test_markers_for_a_page_equal_one_marker_each(vault: Vault, ids: dict[str, int]) -> None:
    zoe = _teen(vault, born="2008-11-20")
    vault.consents.record(zoe, _for_minor(vault))
    old = vault.clients.add(ClientInput("Omar", "Haddad", "1970-05-05")).id
    vault.consents.record(
        old,
        _adult(vault, signer_name="Omar Haddad", discussed_on="2025-01-10", signed_on="2025-01-10"),
    )
    gone = vault.clients.add(ClientInput("Li", "Wei", "1990-02-02")).id
    revoked = vault.consents.record(gone, _adult(vault, signer_name="Li Wei"))
    vault.consents.revoke(revoked.id, "2026-04-01", "Letter")
    vault.consents.record(ids["ana"], _adult(vault))
    template = vault.consent_templates.latest_of("informed_consent")
    vault.consent_templates.edit(template.template_id, template.body + "\n\nX.", material=True)
    page = [ids["ana"], ids["leo"], zoe, old, gone, 4242]
    together = vault.consents.markers(page)
    assert list(together) == page
    assert together == {cid: vault.consents.marker(cid) for cid in page}
    assert together[ids["leo"]].has_current is False
    assert together[zoe].reconsent_due and together[old].reconsent_due
    assert len(together[old].reconsent_reasons) == 2
    assert together[gone] == replace(together[ids["leo"]], client_id=gone)
