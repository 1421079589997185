"""The risk record behind the guided prompt: snapshot, resumable steps, signing,
deadlines and markers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import FakeClock
from tests.risk_answers import answer_every_step as _complete
from vault.errors import InvalidRecord
from vault.risk.registry import load_packs, pack_for
from vault.vault import Vault

PACKS = load_packs()


@pytest.fixture
def signed_in(practice: tuple[Vault, dict[str, int]]) -> tuple[Vault, dict[str, int]]:
    vault, ids = practice
    vault.settings.set_signer("Dr Mara Lind", "PsyD")
    vault.store.clock = FakeClock()
    return vault, ids


def test_opening_a_flag_keeps_a_snapshot_of_the_rule_it_was_opened_under(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "threat_to_other", PACKS.packs["US-CA"])
    assert event.pack_id == "US-CA"
    assert event.rule["rule"]["duty"] == "mandatory"
    assert event.rule["rule"]["required"] == ["warn_person", "notify_police"]
    assert "Civ 43.92" in event.rule["sources"]
    assert event.rule["emergency_number"] == "911"
    assert event.step == 1 and event.is_open and not event.is_signed


def test_steps_are_saved_as_typed_and_the_record_resumes_at_its_step(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "danger_to_self", PACKS.packs["UK-ENG"])
    vault.risk.save_step(event.id, 3, {"thoughts": "Daily, since Monday"}, go_to=3)
    vault.risk.save_step(event.id, 3, {"means": "Stockpiled tablets"})
    again = vault.risk.get(event.id)
    assert again.step == 3
    assert again.answers["facts"] == {
        "thoughts": "Daily, since Monday",
        "means": "Stockpiled tablets",
    }


def test_signing_is_refused_until_every_required_answer_is_given_and_says_what_is_missing(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "danger_to_self", PACKS.packs["UK-ENG"])
    with pytest.raises(InvalidRecord, match=r"still needed before signing, starting with: Step 1"):
        vault.risk.sign(event.id)
    vault.risk.save_step(event.id, 1, {"danger_now": "yes"})
    gaps = vault.risk.missing(vault.risk.get(event.id))
    assert "Step 1 (Immediate danger): the time of the call." in gaps
    assert any(g.startswith("Step 6 (Options): chosen or not") for g in gaps)


def test_a_required_option_not_taken_needs_a_reason(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "threat_to_other", PACKS.packs["US-CA"])
    _complete(vault, event.id)
    vault.risk.save_step(event.id, 6, {"warn_person": {"chosen": "no"}})
    assert vault.risk.missing(vault.risk.get(event.id)) == [
        "Step 6 (Options): why the required “Warn the person at risk” was not taken."
    ]


def test_a_signed_record_is_a_signed_risk_note_and_can_no_longer_change(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "threat_to_other", PACKS.packs["US-CA"])
    _complete(vault, event.id)
    signed = vault.risk.sign(event.id)
    note = vault.notes.get(signed.note_id or 0)
    assert note.kind == "risk" and note.is_signed and note.signed_by == "Dr Mara Lind, PsyD"
    assert "Threshold: The client has told you of a serious threat" in note.body
    assert f"SHA-256 {PACKS.packs['US-CA'].sha256}" in note.body
    assert "Warn the person at risk (required): chosen" in note.body
    with pytest.raises(InvalidRecord, match="signed and cannot be changed"):
        vault.risk.save_step(event.id, 3, {"words_used": "changed later"})


def test_a_flag_stays_open_until_resolved_and_resolving_needs_a_signature(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "danger_to_self", PACKS.packs["UK-ENG"])
    assert vault.risk.markers([ids["ana"], ids["leo"]])[ids["ana"]].flags == ("danger_to_self",)
    with pytest.raises(InvalidRecord, match="Sign the risk record before"):
        vault.risk.resolve(event.id, "Safe; plan in place")
    _complete(vault, event.id)
    vault.risk.sign(event.id)
    vault.risk.resolve(event.id, "Safe; plan in place")
    assert vault.risk.markers([ids["ana"]]) == {}


def test_the_soonest_open_deadline_is_in_the_markers_until_done(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    clock = vault.store.clock
    event = vault.risk.open(ids["leo"], "child_abuse", PACKS.packs["US-CA"])
    later = vault.risk.start_deadline(event.id, "Follow-up call", hours=72)
    report = vault.risk.start_deadline(event.id, "Written report (SS 8572)", hours=36)
    assert report.due_at - clock() == timedelta(hours=36)
    marker = vault.risk.markers([ids["leo"]])[ids["leo"]]
    assert (
        marker.next_deadline is not None and marker.next_deadline.what == "Written report (SS 8572)"
    )
    vault.risk.complete_deadline(report.id, "Faxed to the county")
    assert [d.id for d in vault.risk.open_deadlines()] == [later.id]


def test_the_jurisdiction_setting_chooses_the_pack(signed_in: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = signed_in
    assert pack_for("England and Wales", PACKS).id == "UK-ENG"
    assert pack_for("us-ny", PACKS).id == "US-NY"
    assert pack_for("Narnia", PACKS).id == "GENERIC"
    vault.settings.set("jurisdiction", "California")
    assert vault.rule_pack().id == "US-CA"


def test_a_disclosure_made_while_acting_goes_to_the_disclosure_log_and_the_record(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    from vault.consent.models import DisclosureInput

    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "threat_to_other", PACKS.packs["US-CA"])
    disclosure_id = vault.risk.record_disclosure(
        event.id,
        DisclosureInput(
            client_id=0, disclosed_at="2026-11-20T09:40", recipient="Harbour Police",
            description="The threat and the person at risk", purpose="To protect the person",
            legal_basis="serious_threat", method="phone", person_spoken_to="Sgt Ode",
            reference="CAD-5521",
        ),
    )  # fmt: skip
    entry = vault.disclosures.for_client(ids["ana"])[0]
    assert (entry.id, entry.source, entry.accountable) == (disclosure_id, "risk", True)
    assert vault.risk.get(event.id).answers["acting"]["disclosures"] == [disclosure_id]
    assert [d.id for d in vault.disclosures.accounting(ids["ana"])] == [disclosure_id]


def test_the_signed_note_says_what_the_consent_on_file_told_the_client_or_that_none_did(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    from vault.consent.models import ConsentInput

    vault, ids = signed_in
    version = vault.consent_templates.latest_of("informed_consent")
    vault.consents.record(
        ids["ana"],
        ConsentInput(
            version.id,
            "2026-01-12",
            "Dr Mara Lind",
            signer_name="Ana Okafor",
            signed_on="2026-01-12",
        ),
    )
    assert (
        "Limits it named: Danger to self, Threat to an identifiable person"
        in vault.risk.told(ids["ana"])[0]
    )
    event = vault.risk.open(ids["ana"], "danger_to_self", PACKS.packs["UK-ENG"])
    _complete(vault, event.id)
    note = vault.notes.get(vault.risk.sign(event.id).note_id or 0)
    assert "version 1, discussed 2026-01-12" in note.body
    leo_event = vault.risk.open(ids["leo"], "child_abuse", PACKS.packs["UK-ENG"])
    assert "2. What the client was told\n   No consent on file." in vault.risk.preview(leo_event.id)


def test_a_guardian_request_keeps_the_pack_s_rules_on_minors_in_its_signed_note(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    vault, ids = signed_in
    event = vault.risk.open(ids["ana"], "guardian_request", PACKS.packs["US-CA"])
    minors = event.rule["minors"]
    assert (minors["age_of_majority"], minors["own_consent_age"]) == (18, 12)
    assert minors["parental_access"]  # from the federal pack it extends
    _complete(vault, event.id)
    note = vault.notes.get(vault.risk.sign(event.id).note_id or 0)
    assert "Minors: Adulthood here begins at 18." in note.body
    assert "Minors: From 12, a minor may consent to outpatient therapy on their own" in note.body


def test_a_record_opened_before_minors_were_kept_still_signs(
    signed_in: tuple[Vault, dict[str, int]],
) -> None:
    from vault.risk.minors import minors_rule_lines

    assert minors_rule_lines({"pack": {}, "rule": {}}) == []
