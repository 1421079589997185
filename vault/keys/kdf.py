"""Argon2id: turning a passphrase into a key-encryption key.

Parameters come from a header on disk, which an attacker may have written, so
they are bounded *before* Argon2 runs: a hostile header must not hang or
exhaust the machine.
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from vault.errors import HostileParameters

KEY_BYTES = 32
SALT_BYTES = 16

# The floor for a real vault (init never goes below it) ...
MIN_TIME_COST = 3
MIN_MEMORY_KIB = 64 * 1024
# ... and the ceiling for any header we are asked to trust.
MAX_TIME_COST = 20
MAX_PARALLELISM = 16
ABSOLUTE_MAX_MEMORY_KIB = 2 * 1024 * 1024

CALIBRATION_TARGET_SECONDS = 0.5
CALIBRATION_MAX_MEMORY_KIB = 256 * 1024


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return {
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on another keyboard layout still opens."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def total_ram_kib() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 1024
    except (ValueError, OSError, AttributeError):
        return 8 * 1024 * 1024  # assume 8 GiB where the OS will not say


def max_memory_kib() -> int:
    return min(ABSOLUTE_MAX_MEMORY_KIB, total_ram_kib() // 2)


def checked_params(raw: object) -> KdfParams:
    """Validate parameters read from a header; refuse anything unsafe to run."""
    if not isinstance(raw, dict):
        raise HostileParameters("The key header's Argon2id parameters are missing.")
    values: dict[str, int] = {}
    for name in ("time_cost", "memory_kib", "parallelism"):
        value = raw.get(name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise HostileParameters(f"The key header's Argon2id {name} is not a whole number.")
        values[name] = value
    params = KdfParams(**values)
    if not 1 <= params.time_cost <= MAX_TIME_COST:
        raise HostileParameters(
            f"The key header asks for {params.time_cost} Argon2id passes; "
            f"Quietroom refuses more than {MAX_TIME_COST}."
        )
    if not 1 <= params.parallelism <= MAX_PARALLELISM:
        raise HostileParameters(
            f"The key header asks for {params.parallelism} Argon2id lanes; "
            f"Quietroom accepts 1 to {MAX_PARALLELISM}."
        )
    limit = max_memory_kib()
    if not 8 * params.parallelism <= params.memory_kib <= limit:
        raise HostileParameters(
            f"The key header asks for {params.memory_kib // 1024} MiB of memory for Argon2id; "
            f"this machine allows at most {limit // 1024} MiB."
        )
    return params


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _seconds_for(params: KdfParams) -> float:
    start = time.perf_counter()
    derive_key("calibration", b"\0" * SALT_BYTES, params)
    return time.perf_counter() - start


def calibrate(target_seconds: float = CALIBRATION_TARGET_SECONDS) -> KdfParams:
    """Pick parameters that take about `target_seconds` here, never below the floor.

    Memory grows first (it is what makes guessing on GPUs expensive), then passes.
    """
    parallelism = max(1, min(4, os.cpu_count() or 1))
    memory = MIN_MEMORY_KIB
    params = KdfParams(MIN_TIME_COST, memory, parallelism)
    elapsed = _seconds_for(params)
    while elapsed < target_seconds / 2 and memory * 2 <= min(
        CALIBRATION_MAX_MEMORY_KIB, max_memory_kib()
    ):
        memory *= 2
        params = KdfParams(MIN_TIME_COST, memory, parallelism)
        elapsed = _seconds_for(params)
    per_pass = elapsed / MIN_TIME_COST
    passes = round(target_seconds / per_pass) if per_pass > 0 else MIN_TIME_COST
    time_cost = max(MIN_TIME_COST, min(MAX_TIME_COST, passes))
    return KdfParams(time_cost, memory, parallelism)
