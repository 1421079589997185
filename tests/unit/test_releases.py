"""Releases of information in the vault: saving, signing, revoking, ending, markers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from vault.consent.models import ReleaseInput
from vault.consent.releases import insert_release, validated_release
from vault.errors import InvalidRecord, RecordNotFound
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]


def signed(today: date, **changes: Any) -> ReleaseInput:
    data = ReleaseInput(
        recipient_name="Northwind Health Plan",
        recipient_org="Northwind",
        scope=["dates_and_fees_only"],
        purpose="Insurance claims",
        expires_on=today + timedelta(days=365),
        signed_by="Ana Okafor",
        signed_on=today,
        signature_method="paper",
    )
    return replace(data, **changes)


def test_a_signed_complete_release_is_valid_and_keeps_dates_and_fees_only(
    practice: Practice,
) -> None:
    vault, ids = practice
    today = vault.store.today()
    release = vault.releases.save(ids["ana"], signed(today))
    assert release.status == "valid" and release.defects == ()
    assert release.scope == ("dates_and_fees_only",)
    assert release.covered_items == {"dates_of_service", "durations", "fees_payments"}
    assert vault.releases.get(release.id).scope == ("dates_and_fees_only",)
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject) == ("save_release", f"release:{release.id}")


def test_a_blank_discloser_is_the_practice(practice: Practice) -> None:
    vault, ids = practice
    vault.settings.set("practice_name", "Quiet Harbour Therapy")
    release = vault.releases.save(ids["ana"], signed(vault.store.today()))
    assert release.discloser == "Quiet Harbour Therapy"
    vault.settings.set("practice_name", "")
    vault.settings.set_signer("Dana Reyes", "LCSW")
    assert vault.releases.save(ids["ana"], signed(vault.store.today())).discloser == "Dana Reyes"


def test_a_draft_can_be_saved_half_filled_and_edited_until_signed(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    draft = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee"))
    assert draft.status == "draft"
    assert "It does not say what the information will be used for." in draft.defects
    done = vault.releases.save(ids["ana"], signed(today), release_id=draft.id)
    assert (done.id, done.status) == (draft.id, "valid")
    with pytest.raises(InvalidRecord, match="A signed release cannot be changed; revoke it"):
        vault.releases.save(ids["ana"], signed(today, purpose="Other"), release_id=draft.id)
    assert vault.releases.get(draft.id).purpose == "Insurance claims"


def test_a_release_of_another_client_cannot_be_overwritten(practice: Practice) -> None:
    vault, ids = practice
    draft = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee"))
    with pytest.raises(RecordNotFound):
        vault.releases.save(ids["leo"], ReleaseInput(recipient_name="X"), release_id=draft.id)
    with pytest.raises(RecordNotFound):
        vault.releases.save(9999, ReleaseInput(recipient_name="X"))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"scope": ["everything"]}, "scope", "is not a kind of information"),
        ({"scope": ["dates_and_fees_only", "diagnosis"]}, "scope", "cannot be combined"),
        ({"scope": "diagnosis"}, "scope", "Choose what information"),
        ({"signed_on": "2026-02-30"}, "signed_on", "real date"),
        ({"expires_on": "soon"}, "expires_on", "real date"),
        ({"date_from": "01/02/2026"}, "date_from", "real date"),
        ({"signature_method": "fax"}, "signature_method", "How it was signed must be one of"),
        ({"purpose": "x" * 501}, "purpose", "too long"),
        ({"recipient_name": "Dr \ud800"}, "recipient_name", "broken character"),
        ({"statement_redisclosure": "yes"}, "statement_redisclosure", "yes or no"),
    ],
)
def test_bad_fields_are_named(
    practice: Practice, changes: dict[str, Any], field: str, words: str
) -> None:
    vault, ids = practice
    with pytest.raises(InvalidRecord, match=words) as caught:
        vault.releases.save(ids["ana"], signed(vault.store.today(), **changes))
    assert caught.value.field == field
    assert vault.releases.for_client(ids["ana"]) == []


def test_a_signing_date_in_the_future_is_refused(practice: Practice) -> None:
    vault, ids = practice
    tomorrow = vault.store.today() + timedelta(days=1)
    with pytest.raises(InvalidRecord, match="cannot be in the future") as caught:
        vault.releases.save(ids["ana"], signed(vault.store.today(), signed_on=tomorrow))
    assert caught.value.field == "signed_on"


def test_scope_items_are_stored_once_in_a_fixed_order(practice: Practice) -> None:
    vault, ids = practice
    data = signed(vault.store.today(), scope=["progress_notes", "diagnosis", "diagnosis"])
    assert vault.releases.save(ids["ana"], data).scope == ("diagnosis", "progress_notes")


def test_revocation(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    release = vault.releases.save(
        ids["ana"], signed(today - timedelta(days=10), signed_on=today - timedelta(days=10))
    )
    with pytest.raises(InvalidRecord, match="cannot be in the future"):
        vault.releases.revoke(release.id, today + timedelta(days=1))
    with pytest.raises(InvalidRecord, match="before the release was signed"):
        vault.releases.revoke(release.id, today - timedelta(days=11))
    revoked = vault.releases.revoke(release.id, today - timedelta(days=2), "Letter received")
    assert revoked.status == "revoked" and revoked.revoked_on == today - timedelta(days=2)
    assert revoked.revocation_note == "Letter received"
    assert vault.releases.get(release.id, as_of=today - timedelta(days=3)).status == "valid"
    with pytest.raises(InvalidRecord, match="already revoked"):
        vault.releases.revoke(release.id, today)
    assert vault.audit.recent(1)[0].action == "revoke_release"


def test_a_draft_cannot_be_revoked(practice: Practice) -> None:
    vault, ids = practice
    draft = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee"))
    with pytest.raises(InvalidRecord, match="Only a signed release can be revoked"):
        vault.releases.revoke(draft.id, vault.store.today())
    with pytest.raises(RecordNotFound):
        vault.releases.revoke(9999, vault.store.today())


def test_an_expiry_event_ends_the_release(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    dated = vault.releases.save(ids["ana"], signed(today))
    with pytest.raises(InvalidRecord, match="no expiry event"):
        vault.releases.record_event(dated.id, today)
    data = signed(today, expires_on=None, expiry_event="End of the court case")
    release = vault.releases.save(ids["ana"], data)
    assert release.status == "valid"
    with pytest.raises(InvalidRecord, match="cannot be in the future"):
        vault.releases.record_event(release.id, today + timedelta(days=1))
    ended = vault.releases.record_event(release.id, today)
    assert (ended.status, ended.event_occurred_on) == ("expired", today)
    with pytest.raises(InvalidRecord, match="already recorded"):
        vault.releases.record_event(release.id, today)
    assert vault.audit.recent(1)[0].action == "release_event"


def test_for_client_lists_newest_first_with_status_and_attachment_count(
    practice: Practice,
) -> None:
    vault, ids = practice
    today = vault.store.today()
    first = vault.releases.save(ids["ana"], signed(today))
    second = vault.releases.save(ids["ana"], ReleaseInput(recipient_name="Dr Lee"))
    vault.attachments.attach("release", first.id, "scan.pdf", b"%PDF-1.4\n...")
    listed = vault.releases.for_client(ids["ana"])
    assert [(r.id, r.status) for r in listed] == [(second.id, "draft"), (first.id, "valid")]
    assert [r.attachments for r in listed] == [0, 1]
    assert vault.releases.for_client(ids["leo"]) == []
    later = vault.releases.for_client(ids["ana"], as_of=today + timedelta(days=400))
    assert later[1].status == "expired"


def test_a_guardian_signing_for_a_minor_needs_their_authority(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    data = signed(today, signed_by="Mara Brandt")
    assert vault.releases.save(ids["leo"], data).status == "defective"
    ok = vault.releases.save(ids["leo"], replace(data, signer_authority="Mother"))
    assert ok.status == "valid"


def test_markers_show_clients_with_a_release_about_to_expire(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    vault.releases.save(ids["ana"], signed(today, expires_on=today + timedelta(days=30)))
    vault.releases.save(
        ids["leo"], signed(today, signed_by="Mara Brandt", signer_authority="Mother")
    )
    assert vault.releases.markers([ids["ana"], ids["leo"]]) == {ids["ana"]: "expiring"}
    vault.settings.set("release_warning_days", "10")
    assert vault.releases.markers([ids["ana"], ids["leo"]]) == {}
    assert vault.releases.markers([]) == {}


def test_insert_release_for_the_importer_keeps_a_revocation(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    values = validated_release(signed(today - timedelta(days=5),
                                      signed_on=today - timedelta(days=5)),
                               today, revoked_on=today - timedelta(days=1))  # fmt: skip
    with vault.store.writing("the import") as conn:
        release_id = insert_release(conn, ids["ana"], values, vault.store.now_iso())
    release = vault.releases.get(release_id)
    assert (release.status, release.revoked_on) == ("revoked", today - timedelta(days=1))
    with pytest.raises(InvalidRecord, match="Only a signed release") as caught:
        validated_release(ReleaseInput(recipient_name="X"), today, revoked_on=today)
    assert caught.value.field == "revoked_on"


def test_covers_is_reachable_from_the_service(practice: Practice) -> None:
    vault, ids = practice
    release = vault.releases.save(ids["ana"], signed(vault.store.today()))
    assert vault.releases.covers(release, ["fees_payments"]) is None
    assert vault.releases.covers(release, ["diagnosis"]) == "This release does not cover diagnosis."


def test_the_importer_can_keep_an_expiry_event_that_happened(practice: Practice) -> None:
    vault, ids = practice
    today = vault.store.today()
    data = signed(today, expires_on=None, expiry_event="End of the court case")
    values = validated_release(data, today, event_occurred_on=today)
    with vault.store.writing("the import") as conn:
        release_id = insert_release(conn, ids["ana"], values, vault.store.now_iso())
    assert vault.releases.get(release_id).status == "expired"
    with pytest.raises(InvalidRecord, match="no expiry event"):
        validated_release(signed(today), today, event_occurred_on=today)
    with pytest.raises(InvalidRecord, match="cannot be in the future"):
        validated_release(data, today, event_occurred_on=today + timedelta(days=1))


def test_a_hostile_scope_name_is_not_echoed_with_its_control_characters(
    practice: Practice,
) -> None:
    vault, ids = practice
    data = signed(vault.store.today(), scope=["evil\x1b[31m\u202ename"])
    with pytest.raises(InvalidRecord) as caught:
        vault.releases.save(ids["ana"], data)
    assert "\x1b" not in caught.value.message and "\u202e" not in caught.value.message
