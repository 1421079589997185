"""Jurisdiction rule packs: every shipped pack loads, and a broken file is named
by file, line and field in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from vault.risk.registry import check_file, load_packs, shipped_texts
from vault.risk.rules import FLAGS, RulePackInvalid, parse_pack

SHIPPED = {
    "GENERIC", "US-HIPAA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA",
    "UK-ENG", "CA-ON", "AU-NSW", "MY",
}  # fmt: skip


def test_every_shipped_pack_loads_with_every_flag_and_its_sources() -> None:
    packs = load_packs()
    assert packs.problems == []
    assert set(packs.packs) == SHIPPED
    for pack in packs.packs.values():
        assert set(pack.flags) == set(FLAGS)
        keys = {source.key for source in pack.sources}
        for rule in pack.flags.values():
            assert set(rule.sources) <= keys
            if rule.duty != "unset":
                assert rule.threshold and rule.sources, (pack.id, rule.flag)


def test_the_generic_pack_presets_nothing() -> None:
    generic = load_packs().packs["GENERIC"]
    assert {rule.duty for rule in generic.flags.values()} == {"unset"}
    assert all(not rule.threshold and not rule.required for rule in generic.flags.values())


def test_a_state_pack_takes_the_federal_rule_where_it_is_silent_and_its_own_where_it_speaks() -> (
    None
):
    packs = load_packs().packs
    california = packs["US-CA"]
    assert california.flags["court_order"] == packs["US-HIPAA"].flags["court_order"]
    threat = california.flags["threat_to_other"]
    assert threat.duty == "mandatory"
    assert set(threat.required) == {"warn_person", "notify_police"}
    assert "reasonably be identified" in threat.threshold
    child = california.flags["child_abuse"]
    assert child.report_within_hours == 36
    assert california.emergency_number == "911"
    assert california.own_consent_age == 12


def test_the_deadlines_in_the_brief_are_in_the_packs() -> None:
    packs = load_packs().packs
    assert packs["US-NY"].flags["child_abuse"].report_within_hours == 48
    assert packs["US-CA"].flags["elder_abuse"].report_within_working_days == 2
    assert packs["US-IL"].flags["elder_abuse"].report_within_hours == 24
    assert packs["US-FL"].flags["threat_to_other"].required == ("notify_police",)


GOOD = """
[pack]
id = "XX-TEST"
place = "Testland"
version = "1"
reviewed_on = 2026-01-01
extends = "US-HIPAA"

[[sources]]
key = "Act 1"
cite = "The Test Act, section 1"

[flags.threat_to_other]
duty = "mandatory"
threshold = "A serious threat against someone who can be identified."
required = ["warn_person"]
sources = ["Act 1"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clinicians_pack_is_checked_and_extends_a_shipped_one(tmp_path: Path) -> None:
    pack = check_file(_write(tmp_path, GOOD))
    assert pack.id == "XX-TEST"
    assert pack.flags["threat_to_other"].required == ("warn_person",)
    assert pack.flags["child_abuse"].duty == "permissive"  # from US-HIPAA


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('duty = "mandatory"', 'duty = "maybe"'), "line 14: flags.threat_to_other.duty must be one of"),
        (('required = ["warn_person"]', 'required = ["call_mum"]'), 'line 16: flags.threat_to_other.required names "call_mum"'),
        (('sources = ["Act 1"]', 'sources = ["Act 2"]'), 'line 17: flags.threat_to_other.sources names "Act 2"'),
        (('threshold = "A serious threat against someone who can be identified."', ""), "line 13: flags.threat_to_other.threshold is missing"),
        (('reviewed_on = 2026-01-01', 'reviewed_on = "last week"'), "line 6: pack.reviewed_on must be a date"),
        (('id = "XX-TEST"', 'id = "xx test"'), "line 3: pack.id must be capital letters"),
        (('version = "1"', 'version = "1"\ncolour = "red"'), "line 6: pack.colour is not a field a pack has"),
        (('duty = "mandatory"', 'duty = "mandatory'), "line 14, column 18: this is not valid TOML"),
    ],
)  # fmt: skip
def test_a_broken_pack_is_named_by_file_line_and_field(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RulePackInvalid) as caught:
        check_file(path)
    assert caught.value.message.startswith(f"{path}, ")
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_a_pack_extending_one_we_do_not_have_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('extends = "US-HIPAA"', 'extends = "US-ZZ"'))
    with pytest.raises(RulePackInvalid, match='extends "US-ZZ", which is not a pack we have'):
        check_file(path)


def test_a_pack_without_a_base_must_fill_every_flag(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('extends = "US-HIPAA"\n', ""))
    with pytest.raises(RulePackInvalid, match=r"flags\.danger_to_self is missing"):
        check_file(path)


def test_a_broken_file_in_the_clinicians_folder_leaves_the_other_packs_usable(
    tmp_path: Path,
) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("[pack\n", encoding="utf-8")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    packs = load_packs(tmp_path)
    assert "XX-TEST" in packs.packs and "US-CA" in packs.packs
    assert len(packs.problems) == 2
    assert any("bad.toml, line 1" in problem for problem in packs.problems)
    assert any("binary.toml: is not UTF-8 text." in problem for problem in packs.problems)


def test_the_clinicians_copy_of_a_shipped_pack_replaces_it(tmp_path: Path) -> None:
    mine = shipped_texts()["US-CA.toml"].replace('version = "2026.1"', 'version = "mine-2"')
    (tmp_path / "US-CA.toml").write_text(mine, encoding="utf-8")
    assert load_packs(tmp_path).packs["US-CA"].version == "mine-2"


def test_the_pack_keeps_a_hash_of_its_text_for_the_risk_note_snapshot() -> None:
    text = shipped_texts()["UK-ENG.toml"]
    first = parse_pack(text, "a")
    assert first.sha256 == parse_pack(text, "b").sha256
    assert parse_pack(text + "\n# edited\n", "a").sha256 != first.sha256
