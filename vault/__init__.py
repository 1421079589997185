"""Quietroom's core: keys, encrypted storage, records and the command line.

Nothing in this package imports textual: the UI depends on the core, never the
other way round (tests/unit/test_layering.py checks it).
"""

__version__ = "0.1.0"
