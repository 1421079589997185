"""The consent templates Quietroom ships, in its own words (version 1 of each).

Body format, and all the PDF layer interprets: paragraphs separated by a blank
line, and lines starting "# " as headings. Nothing else is markup.

Placeholders a filled form replaces (vault.consent.templates.fill):
    {practice_name}   the practice's name, from the settings
    {clinician_name}  the clinician's name, from the settings
    {client_name}     the client's name
    {jurisdiction}    where the practice works (state or country), from the settings
"""

from __future__ import annotations

from vault.consent.texts.informed_consent import INFORMED_CONSENT
from vault.consent.texts.minor_consent import MINOR_CONSENT
from vault.consent.texts.telehealth import TELEHEALTH

SHIPPED = {
    "informed_consent": INFORMED_CONSENT,
    "telehealth": TELEHEALTH,
    "minor_consent": MINOR_CONSENT,
}
