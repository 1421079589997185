"""Printable PDFs and exports that obey releases (issue 7)."""
