"""Quietroom's Textual UI. It calls vault services and never touches SQL.

Importing this package clears TEXTUAL* environment variables *before* textual is
imported anywhere below: they can open a devtools connection, a log file or a
screenshot path, each a way for note text to leave the process.
"""

import os

for _name in [name for name in os.environ if name.startswith("TEXTUAL")]:
    del os.environ[_name]
