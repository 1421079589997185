"""Fixtures for the adversarial tests: a practice vault that each test may damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.vault import Vault


@pytest.fixture(scope="module")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One closed practice vault per module; each test damages its own copy."""
    root = tmp_path_factory.mktemp("template") / "vault"
    vault, _ = Vault.create(root, PASSPHRASE, CHEAP)
    add_practice(vault)
    vault.close()
    return root


@pytest.fixture
def root(template_vault: Path, vault_dir: Path) -> Path:
    shutil.copytree(template_vault, vault_dir)
    return vault_dir
