"""Argon2id: passphrase normalisation, bounds on header parameters, calibration."""

from __future__ import annotations

import pytest

from tests.conftest import CHEAP
from vault.errors import HostileParameters
from vault.keys import kdf
from vault.keys.kdf import KdfParams, checked_params, derive_key, normalise_passphrase
from vault.keys.kdf import calibrate as real_calibrate  # bound before conftest makes it cheap

SALT = b"\x01" * kdf.SALT_BYTES
GIB_KIB = 1024 * 1024


@pytest.fixture
def ram_16_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "total_ram_kib", lambda: 16 * GIB_KIB)


def test_composed_and_decomposed_passphrases_are_the_same_secret() -> None:
    composed, decomposed = "caf\u00e9 na\u00efve", "cafe\u0301 nai\u0308ve"
    assert composed != decomposed
    assert normalise_passphrase(composed) == normalise_passphrase(decomposed)
    assert derive_key(composed, SALT, CHEAP) == derive_key(decomposed, SALT, CHEAP)


def test_derived_key_depends_on_passphrase_salt_and_parameters() -> None:
    base = derive_key("one", SALT, CHEAP)
    assert len(base) == kdf.KEY_BYTES
    assert derive_key("one", SALT, CHEAP) == base
    assert derive_key("two", SALT, CHEAP) != base
    assert derive_key("one", b"\x02" * kdf.SALT_BYTES, CHEAP) != base
    assert derive_key("one", SALT, KdfParams(2, CHEAP.memory_kib, 1)) != base


def test_reasonable_parameters_are_accepted(ram_16_gib: None) -> None:
    raw = {"time_cost": 3, "memory_kib": 64 * 1024, "parallelism": 4}
    assert checked_params(raw) == KdfParams(3, 64 * 1024, 4)
    assert checked_params(CHEAP.as_dict()) == CHEAP


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (None, "missing"),
        ([3, 65536, 1], "missing"),
        ({"memory_kib": 65536, "parallelism": 1}, "time_cost"),
        ({"time_cost": "3", "memory_kib": 65536, "parallelism": 1}, "time_cost"),
        ({"time_cost": 3.0, "memory_kib": 65536, "parallelism": 1}, "time_cost"),
        ({"time_cost": True, "memory_kib": 65536, "parallelism": 1}, "time_cost"),
        ({"time_cost": 3, "memory_kib": None, "parallelism": 1}, "memory_kib"),
        ({"time_cost": 3, "memory_kib": 65536, "parallelism": False}, "parallelism"),
        ({"time_cost": 0, "memory_kib": 65536, "parallelism": 1}, "passes"),
        ({"time_cost": -1, "memory_kib": 65536, "parallelism": 1}, "passes"),
        ({"time_cost": 21, "memory_kib": 65536, "parallelism": 1}, "passes"),
        ({"time_cost": 10**6, "memory_kib": 65536, "parallelism": 1}, "passes"),
        ({"time_cost": 3, "memory_kib": 65536, "parallelism": 0}, "lanes"),
        ({"time_cost": 3, "memory_kib": 65536, "parallelism": 17}, "lanes"),
        ({"time_cost": 3, "memory_kib": 65536, "parallelism": 1000}, "lanes"),
        ({"time_cost": 3, "memory_kib": 2**40, "parallelism": 1}, "memory"),
        ({"time_cost": 3, "memory_kib": 2 * GIB_KIB + 1, "parallelism": 1}, "memory"),
        ({"time_cost": 3, "memory_kib": 7, "parallelism": 1}, "memory"),
        ({"time_cost": 3, "memory_kib": 63, "parallelism": 8}, "memory"),
        ({"time_cost": 3, "memory_kib": -65536, "parallelism": 1}, "memory"),
    ],
)
def test_unsafe_parameters_are_refused_with_a_sentence(
    ram_16_gib: None, raw: object, named: str
) -> None:
    with pytest.raises(HostileParameters) as caught:
        checked_params(raw)
    assert named in caught.value.message
    assert caught.value.message.endswith(".")


def test_memory_ceiling_is_half_the_ram_on_a_small_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "total_ram_kib", lambda: 512 * 1024)  # a 512 MiB machine
    assert kdf.max_memory_kib() == 256 * 1024
    checked_params({"time_cost": 3, "memory_kib": 256 * 1024, "parallelism": 1})
    with pytest.raises(HostileParameters, match="at most 256 MiB"):
        checked_params({"time_cost": 3, "memory_kib": 256 * 1024 + 1, "parallelism": 1})


def test_memory_ceiling_never_exceeds_two_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "total_ram_kib", lambda: 1024 * GIB_KIB)
    assert kdf.max_memory_kib() == 2 * GIB_KIB


def test_the_real_machine_reports_some_ram() -> None:
    assert kdf.total_ram_kib() > 0


def _fake_timing(monkeypatch: pytest.MonkeyPatch, seconds_per_pass_per_gib: float) -> None:
    def seconds_for(params: KdfParams) -> float:
        return params.time_cost * params.memory_kib / GIB_KIB * seconds_per_pass_per_gib

    monkeypatch.setattr(kdf, "_seconds_for", seconds_for)


def test_calibration_on_a_fast_machine_grows_memory_then_passes_within_bounds(
    monkeypatch: pytest.MonkeyPatch, ram_16_gib: None
) -> None:
    _fake_timing(monkeypatch, seconds_per_pass_per_gib=0.01)
    params = real_calibrate()
    assert params.memory_kib == kdf.CALIBRATION_MAX_MEMORY_KIB
    assert params.time_cost == kdf.MAX_TIME_COST
    assert checked_params(params.as_dict()) == params


def test_calibration_on_a_slow_machine_never_goes_below_the_floor(
    monkeypatch: pytest.MonkeyPatch, ram_16_gib: None
) -> None:
    _fake_timing(monkeypatch, seconds_per_pass_per_gib=100.0)
    params = real_calibrate()
    assert params.time_cost == kdf.MIN_TIME_COST
    assert params.memory_kib == kdf.MIN_MEMORY_KIB
    assert 1 <= params.parallelism <= 4


def test_calibration_aims_at_about_half_a_second(
    monkeypatch: pytest.MonkeyPatch, ram_16_gib: None
) -> None:
    _fake_timing(monkeypatch, seconds_per_pass_per_gib=1.0)
    params = real_calibrate()
    estimated = params.time_cost * params.memory_kib / GIB_KIB
    assert params.time_cost >= kdf.MIN_TIME_COST and params.memory_kib >= kdf.MIN_MEMORY_KIB
    assert 0.3 <= estimated <= 0.8


def test_calibration_result_opens_on_the_machine_that_made_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever this machine's RAM, calibrated parameters pass this machine's own bounds."""
    _fake_timing(monkeypatch, seconds_per_pass_per_gib=0.01)
    params = real_calibrate()
    assert checked_params(params.as_dict()) == params
