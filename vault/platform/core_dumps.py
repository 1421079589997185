"""No core dumps where POSIX resource limits exist (Linux, macOS)."""

from __future__ import annotations

import contextlib
import importlib
from types import ModuleType


def resource_module() -> ModuleType | None:
    try:
        return importlib.import_module("resource")
    except ImportError:  # Windows has no resource limits
        return None


def switch_off() -> bool:
    """Set RLIMIT_CORE to 0; True if this system has the limit and accepted it."""
    resource = resource_module()
    if resource is None or not hasattr(resource, "RLIMIT_CORE"):
        return False
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        return True
    return False
