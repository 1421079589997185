"""A process holding an open vault leaves no core dump and cannot be read by ptrace."""

from __future__ import annotations

import ctypes
import ctypes.util
import resource
import sys

import pytest

from vault.vault import Vault

PR_GET_DUMPABLE = 3


def test_an_open_vault_switches_core_dumps_off(new_vault: Vault) -> None:
    assert new_vault.is_open
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_an_open_vault_makes_the_process_undumpable(new_vault: Vault) -> None:
    assert new_vault.is_open
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    assert libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
