"""Consent forms, releases of information and the disclosure log (issue 7)."""
