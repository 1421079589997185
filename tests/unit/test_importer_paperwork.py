"""Importing consents, releases and disclosures: each refusal names its path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from vault.errors import ImportRejected
from vault.importer import import_practice, validate_practice
from vault.vault import Vault

TODAY = date(2026, 11, 20)


def paperwork_practice() -> dict[str, Any]:
    """Two clients: an adult with every kind of paperwork, and a minor with a guardian."""
    return {
        "practice": {"clinician_name": "Dr. Ruth Amsel", "practice_name": "Harbour Street"},
        "clients": [
            {
                "first_name": "Ana", "last_name": "Okafor", "date_of_birth": "1988-03-14",
                "intake_date": "2025-01-06",
                "sessions": [{"date": "2025-01-06", "fee": "150.00"}],
                "consents": [
                    {"template": "informed_consent", "version": 1,
                     "discussed_on": "2025-01-06", "discussed_by": "Dr. Ruth Amsel",
                     "method": "paper", "signed_on": "2025-01-06", "copy_given": True},
                    {"template": "telehealth", "version": 1, "discussed_on": "2025-02-01",
                     "method": "verbal", "revoked_on": "2025-06-01",
                     "revocation_method": "Told me by phone, confirmed in writing"},
                ],
                "releases": [
                    {"recipient": {"name": "Claims team", "org": "Northwind Health Insurance",
                                   "role": "insurer", "address": "1 Harbour Way"},
                     "scope": ["dates_and_fees_only"], "date_from": "2025-01-01",
                     "date_to": "2030-12-31", "purpose": "Reimbursement of session fees",
                     "expires_on": "2031-12-31", "signed_by": "Ana Okafor",
                     "signed_on": "2025-01-06", "method": "paper"},
                    {"recipient": {"name": "Dr. Lee"}, "scope": ["treatment_summary"],
                     "purpose": "Coordination of care", "expiry_event": "End of the referral",
                     "event_occurred_on": "2025-09-01", "signed_by": "Ana Okafor",
                     "signed_on": "2025-02-01"},
                    {"recipient": {"name": "Ana's employer"}, "scope": ["attendance"],
                     "purpose": "Proof of attendance", "expires_on": "2030-01-01",
                     "signed_by": "Ana Okafor", "signed_on": "2025-03-01",
                     "revoked_on": "2025-04-01", "revocation_note": "Letter received"},
                    {"recipient": {"name": "Draft recipient"}, "scope": ["progress_notes"],
                     "statements": {"redisclosure": False}},
                ],
                "disclosures": [
                    {"disclosed_at": "2025-03-01", "recipient": "Northwind Health Insurance",
                     "description": "Dates and fees for January", "purpose": "Reimbursement",
                     "legal_basis": "authorization", "method": "mail", "release": 0,
                     "client_told": True},
                    {"disclosed_at": "2025-05-02T14:30", "recipient": "County adult services",
                     "description": "Report of suspected neglect", "purpose": "Mandated report",
                     "legal_basis": "mandated_report", "method": "phone",
                     "person_spoken_to": "Duty officer", "reference": "CAS-1234",
                     "client_told": False, "client_told_note": "Would raise the risk"},
                ],
            },
            {
                "first_name": "Leo", "last_name": "Brandt", "date_of_birth": "2012-07-30",
                "guardians": [{"name": "Mara Brandt", "relationship": "mother"}],
                "consents": [
                    {"template": "minor_consent", "version": 1, "discussed_on": "2025-03-03",
                     "signer": {"kind": "guardian", "name": "Mara Brandt",
                                "authority": "Mother, with parental responsibility"},
                     "signed_on": "2025-03-03", "minor_assent": True},
                ],
            },
        ],
    }  # fmt: skip


def test_the_whole_example_is_valid() -> None:
    practice = validate_practice(paperwork_practice(), TODAY)
    ana, leo = practice.clients
    assert [c.template_kind for c in ana.paperwork.consents] == ["informed_consent", "telehealth"]
    assert len(ana.paperwork.releases) == 4 and len(ana.paperwork.disclosures) == 2
    assert ana.paperwork.releases[0].data.scope == ["dates_and_fees_only"]
    assert ana.paperwork.releases[3].data.statement_redisclosure is False
    assert ana.paperwork.disclosures[0].release_index == 0
    assert leo.paperwork.consents[0].data.signer_kind == "guardian"
    assert leo.paperwork.consents[0].data.minor_assent is True


def test_a_client_signer_defaults_to_the_client() -> None:
    ana = validate_practice(paperwork_practice(), TODAY).clients[0]
    assert ana.paperwork.consents[0].data.signer_name == "Ana Okafor"
    assert ana.paperwork.consents[0].data.signer_kind == "client"


Change = Callable[[dict[str, Any]], None]
ANA = "clients[0]"


def _set(path: list[Any], value: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc["clients"]
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


DELETE = object()

REFUSALS: list[tuple[Change, str, str]] = [
    # consents
    (_set([0, "consents"], {}), f"{ANA}.consents", "must be a list"),
    (_set([0, "consents", 0, "signature"], "x"), f"{ANA}.consents[0].signature", "unknown field"),
    (_set([0, "consents", 0, "template"], "general"), f"{ANA}.consents[0].template", "one of"),
    (_set([0, "consents", 0, "version"], DELETE), f"{ANA}.consents[0].version", "required"),
    (_set([0, "consents", 0, "version"], "1"), f"{ANA}.consents[0].version", "version number"),
    (_set([0, "consents", 0, "discussed_on"], DELETE), f"{ANA}.consents[0].discussed_on",
     "required"),
    (_set([0, "consents", 0, "discussed_on"], "2025-02-30"), f"{ANA}.consents[0].discussed_on",
     "real date"),
    (_set([0, "consents", 0, "discussed_on"], "2027-01-01"), f"{ANA}.consents[0].discussed_on",
     "future"),
    (_set([0, "consents", 0, "discussed_on"], "1980-01-01"), f"{ANA}.consents[0].discussed_on",
     "birth"),
    (_set([0, "consents", 0, "signed_on"], "2025-01-05"), f"{ANA}.consents[0].signed_on",
     "before the day it was discussed"),
    (_set([0, "consents", 0, "signed_on"], DELETE), f"{ANA}.consents[0].signed_on",
     "unless the consent was verbal"),
    (_set([0, "consents", 0, "method"], "email"), f"{ANA}.consents[0].method", "one of"),
    (_set([0, "consents", 0, "copy_given"], "yes"), f"{ANA}.consents[0].copy_given",
     "true or false"),
    (_set([0, "consents", 0, "minor_assent"], True), f"{ANA}.consents[0].minor_assent",
     "minor_consent"),
    (_set([0, "consents", 0, "signer"], {"kind": "parent"}), f"{ANA}.consents[0].signer.kind",
     "one of"),
    (_set([0, "consents", 0, "signer"], {"who": "me"}), f"{ANA}.consents[0].signer.who",
     "unknown field"),
    (_set([1, "consents", 0, "signer", "authority"], DELETE),
     "clients[1].consents[0].signer.authority", "guardian"),
    (_set([1, "consents", 0, "signer", "name"], " "), "clients[1].consents[0].signer.name",
     "guardian"),
    (_set([0, "consents", 1, "revocation_method"], DELETE),
     f"{ANA}.consents[1].revocation_method", "how"),
    (_set([0, "consents", 0, "revocation_method"], "letter"),
     f"{ANA}.consents[0].revocation_method", "no revoked_on"),
    (_set([0, "consents", 1, "revoked_on"], "2025-01-01"), f"{ANA}.consents[1].revoked_on",
     "before the signature"),
    # releases
    (_set([0, "releases"], "all"), f"{ANA}.releases", "must be a list"),
    (_set([0, "releases", 0, "recipient"], DELETE), f"{ANA}.releases[0].recipient", "required"),
    (_set([0, "releases", 0, "recipient"], "Insurer"), f"{ANA}.releases[0].recipient",
     "must be an object"),
    (_set([0, "releases", 0, "recipient", "name"], ""), f"{ANA}.releases[0].recipient.name",
     "required"),
    (_set([0, "releases", 0, "recipient", "phone"], "1"), f"{ANA}.releases[0].recipient.phone",
     "unknown field"),
    (_set([0, "releases", 0, "scope"], ["everything"]), f"{ANA}.releases[0].scope[0]", "one of"),
    (_set([0, "releases", 0, "scope"], ["diagnosis", "diagnosis"]), f"{ANA}.releases[0].scope",
     "twice"),
    (_set([0, "releases", 0, "scope"], "diagnosis"), f"{ANA}.releases[0].scope", "must be a list"),
    (_set([0, "releases", 0, "date_to"], "2024-12-31"), f"{ANA}.releases[0].date_to",
     "before date_from"),
    (_set([0, "releases", 0, "expires_on"], "31/12/2031"), f"{ANA}.releases[0].expires_on",
     "YYYY-MM-DD"),
    (_set([0, "releases", 0, "signed_on"], "2027-01-01"), f"{ANA}.releases[0].signed_on",
     "future"),
    (_set([0, "releases", 0, "method"], "telepathy"), f"{ANA}.releases[0].method", "one of"),
    (_set([0, "releases", 0, "statements"], {"revocation": "yes"}),
     f"{ANA}.releases[0].statements.revocation", "true or false"),
    (_set([0, "releases", 0, "statements"], {"rights": True}),
     f"{ANA}.releases[0].statements.rights", "unknown field"),
    (_set([0, "releases", 0, "status"], "valid"), f"{ANA}.releases[0].status", "unknown field"),
    (_set([0, "releases", 1, "expiry_event"], DELETE), f"{ANA}.releases[1].event_occurred_on",
     "no expiry_event"),
    (_set([0, "releases", 2, "revoked_on"], "2025-02-01"), f"{ANA}.releases[2].revoked_on",
     "before the signature"),
    (_set([0, "releases", 3, "revoked_on"], "2025-02-01"), f"{ANA}.releases[3].revoked_on",
     "only a signed release"),
    (_set([0, "releases", 0, "purpose"], 12), f"{ANA}.releases[0].purpose", "must be text"),
    (_set([0, "releases", 0, "purpose"], "x" * 5000), f"{ANA}.releases[0].purpose", "too long"),
    (_set([0, "releases", 0, "purpose"], "bad \ud800"), f"{ANA}.releases[0].purpose", "broken"),
    # disclosures
    (_set([0, "disclosures", 0, "release"], 9), f"{ANA}.disclosures[0].release",
     "no releases[9]"),
    (_set([0, "disclosures", 0, "release"], "0"), f"{ANA}.disclosures[0].release", "counting"),
    (_set([0, "disclosures", 0, "release"], DELETE), f"{ANA}.disclosures[0].release",
     "required when the legal basis is authorization"),
    (_set([0, "disclosures", 0, "legal_basis"], "curiosity"),
     f"{ANA}.disclosures[0].legal_basis", "one of"),
    (_set([0, "disclosures", 0, "method"], "pigeon"), f"{ANA}.disclosures[0].method", "one of"),
    (_set([0, "disclosures", 0, "disclosed_at"], "2027-01-01"),
     f"{ANA}.disclosures[0].disclosed_at", "future"),
    (_set([0, "disclosures", 0, "disclosed_at"], "March 2025"),
     f"{ANA}.disclosures[0].disclosed_at", "YYYY-MM-DD"),
    (_set([0, "disclosures", 0, "disclosed_at"], "2025-02-30T10:00"),
     f"{ANA}.disclosures[0].disclosed_at", "real date"),
    (_set([0, "disclosures", 1, "description"], DELETE), f"{ANA}.disclosures[1].description",
     "required"),
    (_set([0, "disclosures", 1, "recipient"], "  "), f"{ANA}.disclosures[1].recipient",
     "required"),
    (_set([0, "disclosures", 1, "purpose"], None), f"{ANA}.disclosures[1].purpose", "required"),
    (_set([0, "disclosures", 1, "client_told"], "no"), f"{ANA}.disclosures[1].client_told",
     "true or false"),
    (_set([0, "disclosures", 1, "accountable"], True), f"{ANA}.disclosures[1].accountable",
     "unknown field"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "path", "says"), REFUSALS)
def test_each_refusal_names_its_path(change: Change, path: str, says: str) -> None:
    doc = copy.deepcopy(paperwork_practice())
    change(doc)
    with pytest.raises(ImportRejected) as refused:
        validate_practice(doc, TODAY)
    message = refused.value.message
    assert message.startswith(f"{path}: "), message
    assert says in message, message


def test_empty_sections_are_fine() -> None:
    doc = paperwork_practice()
    doc["clients"][0].update(consents=[], releases=None, disclosures=[])
    doc["clients"][1].pop("consents")
    practice = validate_practice(doc, TODAY)
    assert practice.clients[0].paperwork.releases == []


# -- writing (through the consent, release and disclosure services) -------------------


def _by_name(vault: Vault) -> dict[str, int]:
    return {c.first_name: c.id for c in vault.clients.page()}


def test_each_section_is_written_and_read_back_by_the_services(new_vault: Vault) -> None:
    summary = import_practice(new_vault, paperwork_practice())
    assert (summary.consents, summary.releases, summary.disclosures) == (3, 4, 2)
    ids = _by_name(new_vault)

    informed, telehealth = sorted(new_vault.consents.for_client(ids["Ana"]), key=lambda c: c.id)
    assert (informed.template_kind, informed.version, informed.status) == (
        "informed_consent", 1, "current",
    )  # fmt: skip
    assert informed.signer_name == "Ana Okafor" and informed.copy_given
    assert informed.discussed_by == "Dr. Ruth Amsel"
    assert telehealth.status == "revoked" and telehealth.revoked_on == date(2025, 6, 1)
    assert telehealth.signature_method == "verbal"
    assert telehealth.discussed_by == "Dr. Ruth Amsel"  # the practice's clinician by default
    (minor,) = new_vault.consents.for_client(ids["Leo"])
    assert (minor.signer_kind, minor.signer_name, minor.minor_assent) == (
        "guardian", "Mara Brandt", True,
    )  # fmt: skip
    assert minor.signer_authority == "Mother, with parental responsibility"

    releases = sorted(new_vault.releases.for_client(ids["Ana"]), key=lambda r: r.id)
    assert [r.status for r in releases] == ["valid", "expired", "revoked", "draft"]
    assert releases[0].scope == ("dates_and_fees_only",)
    assert releases[0].recipient_org == "Northwind Health Insurance"
    assert releases[1].event_occurred_on == date(2025, 9, 1)
    assert releases[2].revoked_on == date(2025, 4, 1)
    assert releases[2].revocation_note == "Letter received"
    assert releases[3].statement_redisclosure is False

    log = sorted(new_vault.disclosures.for_client(ids["Ana"]), key=lambda d: d.id)
    assert [(d.legal_basis, d.accountable) for d in log] == [
        ("authorization", False), ("mandated_report", True),
    ]  # fmt: skip
    assert log[0].release_id == releases[0].id
    assert log[1].reference == "CAS-1234" and log[1].client_told is False
    assert log[1].disclosed_at.startswith("2025-05-02T14:30")
    assert [d.id for d in new_vault.disclosures.accounting(ids["Ana"])] == [log[1].id]
    assert new_vault.disclosures.verify() == 2


def test_a_second_import_adds_no_paperwork_twice(new_vault: Vault) -> None:
    import_practice(new_vault, paperwork_practice())
    again = import_practice(new_vault, paperwork_practice())
    assert again.clients == 0 and (again.consents, again.releases, again.disclosures) == (0, 0, 0)
    with new_vault.store.reading() as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("consents", "releases", "disclosures")
        ]
    assert counts == [3, 4, 2]


def _count_everything(vault: Vault) -> list[int]:
    with vault.store.reading() as conn:
        return [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clients", "sessions", "consents", "releases", "disclosures")
        ]


def test_a_template_version_the_vault_lacks_is_refused_and_nothing_is_written(
    new_vault: Vault,
) -> None:
    doc = paperwork_practice()
    doc["clients"][1]["consents"][0]["version"] = 9
    before = _count_everything(new_vault)
    with pytest.raises(ImportRejected) as refused:
        import_practice(new_vault, doc)
    assert refused.value.message.startswith("clients[1].consents[0].version: ")
    assert "no version 9 of the minor_consent form" in refused.value.message
    assert _count_everything(new_vault) == before


def test_a_consent_with_no_one_to_have_discussed_it_is_refused(new_vault: Vault) -> None:
    doc = paperwork_practice()
    del doc["practice"]["clinician_name"]
    del doc["clients"][0]["consents"][0]["discussed_by"]
    with pytest.raises(ImportRejected) as refused:
        import_practice(new_vault, doc)
    assert refused.value.message.startswith("clients[0].consents[0].discussed_by: ")
    assert _count_everything(new_vault) == [0, 0, 0, 0, 0]


def test_the_import_audit_entry_counts_the_paperwork(new_vault: Vault) -> None:
    import_practice(new_vault, paperwork_practice())
    with new_vault.store.reading() as conn:
        detail = conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
    assert "consents=3 releases=4 disclosures=2" in detail
