"""The README's promise, run as written: its Python lines open a real vault with the
recovery key alone and list the clients. No Quietroom code is imported by them."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import CHEAP, PASSPHRASE, add_practice
from vault.vault import Vault

README = Path(__file__).resolve().parents[2] / "README.md"


def recovery_lines() -> str:
    text = README.read_text("utf-8")
    section = text[text.index("## Recovery") :]
    section = section[: section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, "the Recovery section should hold exactly one Python block"
    return textwrap.dedent(blocks[0])


def test_the_readme_s_python_lines_list_the_clients(vault_dir: Path, tmp_path: Path) -> None:
    lines = recovery_lines()
    assert len([line for line in lines.splitlines() if line.strip()]) <= 6  # "about five"
    assert "import vault" not in lines and "quietroom" not in lines.split("connect")[0]
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, CHEAP)
    add_practice(vault)
    vault.close()
    script = tmp_path / "recover.py"
    script.write_text(lines, "utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=vault_dir,  # "run these lines from the vault's folder"
        input=recovery_key + "\n",  # as typed from the paper: groups separated by spaces
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Okafor Ana 1988-03-14", "Brandt Leo 2012-07-30"]
    assert recovery_key not in done.stdout + done.stderr
