"""Disguised cases for supervision and consultation (issue 9)."""
