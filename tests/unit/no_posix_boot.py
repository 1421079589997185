"""Run pytest as if on Windows: fcntl, resource and termios cannot be imported.

Used by test_no_posix_modules.py in a subprocess (not a test module itself). A
meta-path finder refuses the modules before any of them is loaded, so every
platform piece has to fall back on what is importable here. os also loses
O_DIRECTORY, as on Windows, where folders cannot be opened. (os.fchmod stays:
filelock's POSIX marker lock, used here but never on Windows, needs it; its
absence is unit-tested in test_platform.py.)
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

POSIX_ONLY = {"fcntl", "resource", "termios"}
POSIX_ONLY_OS = ("O_DIRECTORY",)


class RefusePosixOnly(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname in POSIX_ONLY:
            raise ImportError(f"No module named {fullname!r} (simulated)", name=fullname)
        return None


def refuse_posix_only() -> None:
    loaded = POSIX_ONLY & set(sys.modules)
    if loaded:
        raise SystemExit(f"already imported before the simulation started: {sorted(loaded)}")
    sys.meta_path.insert(0, RefusePosixOnly())
    for name in POSIX_ONLY_OS:
        delattr(os, name)


if __name__ == "__main__":
    refuse_posix_only()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, for `tests`
    if sys.argv[1] == "-c":
        exec(compile(sys.argv[2], "<check>", "exec"))  # noqa: S102 - the test's own script
    else:
        import pytest

        sys.exit(pytest.main(sys.argv[1:]))
