"""The sample practice's paperwork: consents, releases of information and disclosures.

Kept apart from the clinical stories in build_practice.py, which adds each entry to
the client with that first name. Everything is invented, like the rest of the file.

Releases meant to stay valid expire years ahead (2034) or on an event that has not
happened, so `quietroom demo` shows the same statuses for years: one valid release
to a GP (expires on an event), one valid "dates and fees only" release to an
insurer, one expired by date, two expired by their event, one revoked and one draft.
"""

from __future__ import annotations

CLINICIAN = "Miriam Oduya"


def informed(day: str, **more: object) -> dict:
    """The informed consent signed on paper at intake, a copy given."""
    return {
        "template": "informed_consent", "version": 1, "discussed_on": day,
        "discussed_by": CLINICIAN, "method": "paper", "signed_on": day, "copy_given": True,
        **more,
    }  # fmt: skip


def telehealth(day: str, method: str = "typed_in_person") -> dict:
    consent: dict = {
        "template": "telehealth", "version": 1, "discussed_on": day, "discussed_by": CLINICIAN,
        "method": method, "copy_given": method != "verbal",
    }  # fmt: skip
    if method != "verbal":
        consent["signed_on"] = day
    return consent


PAPERWORK: dict[str, dict] = {
    "Zoë": {"consents": [informed("2026-03-10"), telehealth("2026-06-16")]},
    "Daniel": {
        "consents": [
            informed("2024-11-12"),
            informed("2025-11-11", note="Annual review of consent; nothing changed for Daniel."),
        ],
        "releases": [
            {
                "recipient": {
                    "name": "Claims Office", "org": "Northwind Mutual Health",
                    "role": "Health insurer", "address": "14 Quarry Lane, Leeds",
                },
                "scope": ["dates_and_fees_only"],
                "date_from": "2024-11-01", "date_to": "2034-12-31",
                "purpose": "Reimbursement of Daniel's therapy fees under his health insurance.",
                "expires_on": "2034-12-31",
                "signed_by": "Daniel Okonkwo", "signed_on": "2024-11-12", "method": "paper",
                "copy_given": True,
            },
        ],
        "disclosures": [
            {
                "disclosed_at": "2025-04-02", "recipient": "Northwind Mutual Health",
                "recipient_address": "14 Quarry Lane, Leeds",
                "description": "Session dates, durations and fees, November 2024 to March 2025.",
                "purpose": "Reimbursement claim", "legal_basis": "authorization",
                "method": "mail", "release": 0, "client_told": True,
            },
            {
                "disclosed_at": "2025-10-01", "recipient": "Northwind Mutual Health",
                "recipient_address": "14 Quarry Lane, Leeds",
                "description": "Session dates, durations and fees, April to September 2025.",
                "purpose": "Reimbursement claim", "legal_basis": "authorization",
                "method": "mail", "release": 0, "client_told": True,
            },
        ],
    },
    "Priya": {
        "consents": [informed("2025-06-03"), telehealth("2025-11-25", "verbal")],
        "releases": [
            {
                "recipient": {
                    "name": "Dr Anil Mehta", "org": "Riverside Surgery", "role": "GP",
                    "address": "2 Mill Road, Riverside",
                },
                "scope": ["dates_of_service", "attendance", "treatment_summary"],
                "purpose": "Working with Priya's GP while her medication is reviewed.",
                "expiry_event": "When Priya's therapy at Cedar Lantern ends",
                "signed_by": "Priya Raman", "signed_on": "2025-06-03", "method": "paper",
                "copy_given": True,
            },
        ],
    },
    "José": {
        "consents": [informed("2025-02-06")],
        "releases": [
            {
                "recipient": {
                    "name": "Dr Helen Barraclough", "org": "Millbrook Health Centre",
                    "role": "GP",
                },
                "scope": ["dates_of_service", "attendance", "treatment_summary"],
                "date_from": "2025-02-01", "date_to": "2025-12-31",
                "purpose": "Keeping José's GP informed after his emergency department visits.",
                "expires_on": "2025-12-31",
                "signed_by": "José Ibarra", "signed_on": "2025-02-06", "method": "paper",
            },
        ],
        "disclosures": [
            {
                "disclosed_at": "2025-05-08", "recipient": "Dr Helen Barraclough",
                "description": "A short letter summarising treatment so far and attendance.",
                "purpose": "Coordination of care", "legal_basis": "authorization",
                "method": "mail", "release": 0, "client_told": True,
            },
        ],
    },
    "Hannah": {
        "consents": [informed("2024-11-05")],
        "releases": [
            {
                "recipient": {
                    "name": "Dr Farrah Quayle", "org": "Hollins Road Surgery", "role": "GP",
                },
                "scope": ["dates_of_service", "attendance", "treatment_summary"],
                "purpose": "Sharing care with Hannah's GP while her physical health is checked.",
                "expiry_event": "Thirty days after Hannah's therapy at Cedar Lantern ends",
                "event_occurred_on": "2025-10-16",
                "signed_by": "Hannah Kowalczyk", "signed_on": "2025-05-27", "method": "paper",
                "copy_given": True,
            },
            {
                "recipient": {
                    "name": "Intake team", "org": "Bridgeway Eating Disorders Service",
                    "role": "Specialist service",
                },
                "scope": ["dates_of_service", "attendance", "treatment_summary"],
                "purpose": "Handing over care to the Bridgeway day programme.",
                "expiry_event": "Thirty days after Hannah's therapy at Cedar Lantern ends",
                "event_occurred_on": "2025-10-16",
                "signed_by": "Hannah Kowalczyk", "signed_on": "2025-07-08", "method": "paper",
            },
        ],
        "disclosures": [
            {
                "disclosed_at": "2025-06-10T12:15", "recipient": "Dr Farrah Quayle",
                "description": "Spoke about the Bridgeway referral and weekly physical checks.",
                "purpose": "Coordination of care", "legal_basis": "authorization",
                "method": "phone", "release": 0, "person_spoken_to": "Dr Farrah Quayle",
                "client_told": True,
            },
            {
                "disclosed_at": "2025-09-16", "recipient": "Dr Farrah Quayle",
                "description": "Closing summary: dates attended and a summary of treatment.",
                "purpose": "Discharge", "legal_basis": "authorization", "method": "mail",
                "release": 0, "client_told": True,
            },
            {
                "disclosed_at": "2025-09-16",
                "recipient": "Bridgeway Eating Disorders Service",
                "description": "Closing summary: dates attended and a summary of treatment.",
                "purpose": "Handover of care", "legal_basis": "authorization", "method": "mail",
                "release": 1, "client_told": True,
            },
        ],
    },
    "Tobias": {
        "consents": [
            {
                "template": "minor_consent", "version": 1, "discussed_on": "2025-10-06",
                "discussed_by": CLINICIAN,
                "signer": {"kind": "guardian", "name": "Karin Lindgren",
                           "authority": "Mother, with parental responsibility"},
                "method": "paper", "signed_on": "2025-10-06", "copy_given": True,
                "minor_assent": True,
                "note": "Toby read the assent section himself and asked what his dad would see.",
            },
        ],
        "disclosures": [
            {
                "disclosed_at": "2025-11-17", "recipient": "Karin Lindgren",
                "description": "A spoken summary of how therapy is going; no details of sessions.",
                "purpose": "Review with Toby's mother", "legal_basis": "guardian_access",
                "method": "in_person", "client_told": True,
                "client_told_note": "Toby agreed beforehand what would be shared.",
            },
        ],
    },
    "Sung-min": {"consents": [informed("2026-01-15"), telehealth("2026-01-15")]},
    "Margaret": {"consents": [informed("2024-11-20"), telehealth("2024-11-20", "verbal")]},
    "Kwame": {
        "consents": [informed("2025-12-02")],
        "releases": [
            {
                "recipient": {
                    "name": "Occupational Health Adviser", "org": "Swiftline Deliveries",
                    "role": "Employer's occupational health",
                },
                "scope": ["dates_of_service", "attendance", "treatment_summary"],
                "date_from": "2025-12-01", "date_to": "2026-12-31",
                "purpose": "Planning Kwame's return to driving duties.",
                "expires_on": "2027-04-21",
                "signed_by": "Kwame Mensah", "signed_on": "2026-04-21", "method": "paper",
                "revoked_on": "2026-05-19",
                "revocation_note": "Kwame wrote to withdraw it; he will speak to them himself.",
            },
        ],
        "disclosures": [
            {
                "disclosed_at": "2026-08-12", "recipient": "Court office, Eastbridge County Court",
                "description": "Dates attended, December 2025 to July 2026, as the order "
                "specified; no notes.",
                "purpose": "Court order in Kwame's personal injury claim",
                "legal_basis": "court_order", "method": "mail", "reference": "Claim EB-26-0417",
                "client_told": True, "client_told_note": "Discussed with Kwame on 2026-08-11.",
            },
        ],
    },
    "Leila": {"consents": [informed("2026-02-18")]},
    "Rowan": {
        "consents": [informed("2025-08-13")],
        "releases": [
            {
                "recipient": {
                    "name": "Dr Sian Pritchard", "org": "Canal Street Medical Practice",
                    "role": "GP",
                },
                "scope": ["treatment_summary"],
                "purpose": "A summary for Rowan's medication review.",
                "expiry_event": "When the medication review is complete",
            },
        ],
    },
    "Inês": {"consents": [informed("2026-09-03")]},
}  # fmt: skip
