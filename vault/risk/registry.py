"""Where rule packs come from: the packs shipped with Quietroom, and a folder of
the clinician's own (a pack there with a shipped pack's id replaces it).

A broken file of the clinician's does not hide the others: `load_packs` returns
the packs it could read and one sentence for each file it could not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from vault.risk.rules import Pack, RulePackInvalid, parse_pack

MAX_PACK_BYTES = 256 * 1024


@dataclass
class PackSet:
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, pack_id: str) -> Pack | None:
        return self.packs.get(pack_id)


def shipped_texts() -> dict[str, str]:
    folder = resources.files("vault.risk") / "packs"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }


def read_pack_file(path: Path) -> str:
    """A pack file's text, or RulePackInvalid with one sentence naming the file."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
    except OSError as error:
        raise RulePackInvalid(f"{path}: could not be read ({error.strerror or error}).") from None
    if len(data) > MAX_PACK_BYTES:
        raise RulePackInvalid(f"{path}: is larger than a rule pack can be (256 KB).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RulePackInvalid(f"{path}: is not UTF-8 text.") from None


def load_packs(user_folder: Path | None = None) -> PackSet:
    """Every pack, bases first so `extends` can be resolved; the user's override ours."""
    texts = {f"(shipped) {name}": text for name, text in sorted(shipped_texts().items())}
    result = PackSet()
    if user_folder is not None and user_folder.is_dir():
        for path in sorted(user_folder.glob("*.toml")):
            try:
                texts[str(path)] = read_pack_file(path)
            except RulePackInvalid as error:
                result.problems.append(error.message)
    # A clinician's pack replaces the shipped pack with its id, before anything extends it.
    own_ids = {_field(text, "id") for origin, text in texts.items() if not _is_shipped(origin)}
    pending = {
        origin: text
        for origin, text in texts.items()
        if not (_is_shipped(origin) and _field(text, "id") in own_ids)
    }
    # Resolve in rounds: a pack waits until the pack it extends has been read.
    while pending:
        progressed = False
        for origin, text in list(pending.items()):
            base_id = _field(text, "extends")
            if base_id and base_id not in result.packs:
                continue
            del pending[origin]
            progressed = True
            try:
                pack = parse_pack(text, origin, result.packs.get(base_id) if base_id else None)
            except RulePackInvalid as error:
                result.problems.append(error.message)
                continue
            result.packs[pack.id] = pack
        if not progressed:
            for origin, text in pending.items():
                result.problems.append(
                    f'{origin}: extends "{_field(text, "extends")}", which is not a pack that could be read.'
                )
            break
    return result


def check_file(path: Path, user_folder: Path | None = None) -> Pack:
    """Validate one file (for `quietroom rules check`), resolving `extends` against the rest."""
    text = read_pack_file(path)
    base_id = _field(text, "extends")
    base = None
    if base_id:
        base = load_packs(user_folder).get(base_id)
        if base is None:
            raise RulePackInvalid(f'{path}: extends "{base_id}", which is not a pack we have.')
    return parse_pack(text, str(path), base)


def _is_shipped(origin: str) -> bool:
    return origin.startswith("(shipped) ")


def _field(text: str, name: str) -> str | None:
    """A top-level field (`id`, `extends`) read loosely before parsing: parsing a pack
    needs its base first."""
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == name:
            return value.strip().strip('"').strip("'") or None
    return None


def pack_for(jurisdiction: str, packs: PackSet) -> Pack:
    """The pack the practice's jurisdiction setting names: by id ("US-CA"), or by the first
    part of a pack's place appearing in it ("England and Wales" → UK-ENG); else GENERIC."""
    wanted = jurisdiction.strip()
    by_id = packs.get(wanted.upper())
    if by_id is not None:
        return by_id
    words = {word.strip(",.").casefold() for word in wanted.split()}
    for pack in sorted(packs.packs.values(), key=lambda p: p.id):
        if pack.id != "GENERIC" and pack.place.split(",")[0].casefold() in words:
            return pack
    generic = packs.get("GENERIC")
    if generic is None:  # a clinician's broken copy of GENERIC: fall back to ours
        generic = parse_pack(shipped_texts()["GENERIC.toml"], "(shipped) GENERIC.toml")
    return generic
