"""The fonts exported PDFs embed (DejaVu Sans; see LICENSE beside them)."""
