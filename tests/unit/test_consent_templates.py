"""Consent templates: shipped texts, hashes, versions, and the edit rules."""

from __future__ import annotations

import hashlib

import pytest
import sqlcipher3

from tests.conftest import add_practice
from vault.consent.clauses import clause_paragraph
from vault.consent.models import CLAUSES, TEMPLATE_KINDS, ConsentInput
from vault.consent.templates import PLACEHOLDERS, fill, find_version, template_digest
from vault.errors import InvalidRecord
from vault.vault import Vault


def _pin(vault: Vault, version_id: int) -> None:
    client = add_practice(vault)["ana"]
    vault.consents.record(
        client,
        ConsentInput(version_id, "2025-01-06", "Dr Reyes", signer_name="Ana Okafor",
                     signed_on="2025-01-06"),
    )  # fmt: skip


def test_digest_is_sha256_of_the_utf8_text() -> None:
    body = "Zoë and Inês agree."
    assert template_digest(body) == hashlib.sha256(body.encode("utf-8")).hexdigest()
    assert template_digest(body) != template_digest(body + " ")


def test_each_kind_ships_as_version_one_with_its_hash(new_vault: Vault) -> None:
    latest = new_vault.consent_templates.latest()
    assert [t.kind for t in latest] == list(TEMPLATE_KINDS)
    for template in latest:
        assert template.version == 1
        assert template.sha256 == template_digest(template.body)
        assert not template.in_use
        assert template.body.startswith("# ")


def test_informed_consent_holds_one_paragraph_per_clause(new_vault: Vault) -> None:
    informed = new_vault.consent_templates.latest_of("informed_consent")
    assert informed.clauses == CLAUSES
    for clause in CLAUSES:
        assert informed.body.count(clause_paragraph(clause)) == 1
    minor = new_vault.consent_templates.latest_of("minor_consent")
    assert "minor_guardian_access" in minor.clauses
    assert "assent" in minor.body.lower()
    telehealth = new_vault.consent_templates.latest_of("telehealth")
    for topic in ("Privacy", "Where you are", "If the connection fails", "Emergencies",
                  "Recording"):  # fmt: skip
        assert f"# {topic}" in telehealth.body


def test_shipped_texts_use_only_known_placeholders() -> None:
    filled = fill(
        "{practice_name} {clinician_name} {client_name} {jurisdiction} {other}",
        {"practice_name": "Quiet Rooms", "clinician_name": "Dr Reyes", "client_name": "Zoë"},
    )
    assert filled == "Quiet Rooms Dr Reyes Zoë ____________ {other}"
    assert set(PLACEHOLDERS) == {"practice_name", "clinician_name", "client_name", "jurisdiction"}


def test_an_unused_version_is_edited_in_place(new_vault: Vault) -> None:
    templates = new_vault.consent_templates
    first = templates.latest_of("telehealth")
    edited = templates.edit(first.template_id, first.body + "\n\nSessions are 50 minutes.",
                            material=True, change_note="length")  # fmt: skip
    assert (edited.id, edited.version) == (first.id, 1)
    assert edited.sha256 == template_digest(edited.body) != first.sha256
    assert [v.id for v in templates.versions(first.template_id)] == [first.id]
    entry = new_vault.audit.recent(1)[0]
    assert (entry.action, entry.subject) == (
        "edit_consent_template",
        f"template:{first.template_id}",
    )


def test_a_pinned_version_is_kept_and_an_edit_makes_a_new_one(new_vault: Vault) -> None:
    templates = new_vault.consent_templates
    first = templates.latest_of("informed_consent")
    _pin(new_vault, first.id)
    assert templates.get(first.id).in_use
    second = templates.edit(first.template_id, first.body + "\n\nA new paragraph.",
                            material=False, change_note="typo")  # fmt: skip
    assert second.id != first.id and second.version == 2
    assert (second.material, second.change_note) == (False, "typo")
    assert templates.get(first.id).body == first.body
    assert templates.get(first.id).sha256 == first.sha256
    assert [v.version for v in templates.versions(first.template_id)] == [2, 1]
    assert templates.latest_of("informed_consent").id == second.id


def test_the_database_refuses_to_change_a_pinned_version(new_vault: Vault) -> None:
    first = new_vault.consent_templates.latest_of("informed_consent")
    _pin(new_vault, first.id)
    with (
        pytest.raises(sqlcipher3.IntegrityError, match="read-only"),
        new_vault.store.writing("the test") as conn,
    ):
        conn.execute(
            "UPDATE consent_template_versions SET body = 'changed' WHERE id = ?", (first.id,)
        )
    assert new_vault.consent_templates.get(first.id).body == first.body


def test_an_unchanged_body_saves_nothing(new_vault: Vault) -> None:
    first = new_vault.consent_templates.latest_of("informed_consent")
    _pin(new_vault, first.id)
    same = new_vault.consent_templates.edit(first.template_id, first.body, material=True)
    assert same.id == first.id
    assert len(new_vault.consent_templates.versions(first.template_id)) == 1


def test_clauses_follow_the_body(new_vault: Vault) -> None:
    first = new_vault.consent_templates.latest_of("informed_consent")
    without = first.body.replace(clause_paragraph("court_order") + "\n\n", "")
    edited = new_vault.consent_templates.edit(first.template_id, without, material=True)
    assert "court_order" not in edited.clauses
    assert len(edited.clauses) == len(CLAUSES) - 1


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        ("   \n ", "The template text is empty; write the form's text."),
        ("x" * 50_001, "The template text is too long (at most 50,000 characters)."),
        ("Hello {client}.", "The template uses {client}, which no form fills in; use one of "
         "{practice_name}, {clinician_name}, {client_name}, {jurisdiction}, or remove the "
         "braces."),
        ("Broken \ud800 text", "The template text contains a broken character"),
    ],
)  # fmt: skip
def test_a_bad_body_is_refused_with_one_sentence(
    new_vault: Vault, body: str, sentence: str
) -> None:
    first = new_vault.consent_templates.latest_of("telehealth")
    with pytest.raises(InvalidRecord) as refused:
        new_vault.consent_templates.edit(first.template_id, body, material=True)
    assert str(refused.value).startswith(sentence)
    assert refused.value.field == "body"
    assert new_vault.consent_templates.get(first.id).body == first.body


def test_the_importer_finds_a_version_by_kind_and_number(new_vault: Vault) -> None:
    first = new_vault.consent_templates.latest_of("telehealth")
    with new_vault.store.reading() as conn:
        assert find_version(conn, "telehealth") == first.id
        assert find_version(conn, "telehealth", 1) == first.id
        assert find_version(conn, "telehealth", 2) is None
        assert find_version(conn, "letter") is None


def test_a_filled_value_cannot_start_a_heading() -> None:
    filled = fill(
        "Client: {client_name}.", {"client_name": "Ana\n\n# Fake heading\r\n{jurisdiction}"}
    )
    assert filled == "Client: Ana # Fake heading {jurisdiction}."
    assert "\n" not in filled
