"""The recovery key is the data key itself, written for a human to copy onto paper."""

from __future__ import annotations

import re

from vault.errors import WrongRecoveryKey

GROUPS = 8


def format_recovery_key(dek: bytes) -> str:
    digits = dek.hex().upper()
    return " ".join(digits[i : i + 8] for i in range(0, len(digits), 8))


def parse_recovery_key(text: str) -> bytes:
    """Accept what a person types back: any spacing, dashes, either case."""
    digits = re.sub(r"[\s\-]", "", text)
    if not re.fullmatch(r"[0-9a-fA-F]{64}", digits):
        raise WrongRecoveryKey(
            "A recovery key is 64 hexadecimal digits (0-9, A-F), usually in 8 groups of 8."
        )
    return bytes.fromhex(digits)
