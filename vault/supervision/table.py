"""Building a case's replacement table from what the record knows and what the notes say.

Deterministic for a given seed (the tests pass one); in real use the seed is random, so
the offset and the pseudonyms cannot be guessed from the output.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from vault.records.display import fold_for_matching
from vault.supervision.dates import DateShift
from vault.supervision.disguise import (
    CLIENT,
    NAME,
    PERSON,
    PSEUDONYMS,
    SHIFT_DAYS,
    Disguise,
    Profile,
    Rule,
)
from vault.supervision.identifiers import WORD, Context, Found, lower_case_words, scan
from vault.supervision.words import MONTHS, is_acronym, is_ordinary

DATE_OF_BIRTH = "[date of birth]"


class _Table:
    def __init__(self, taken: set[str], real: list[str], rng: random.Random) -> None:
        self.rules: dict[str, Rule] = {}
        # Not a word of the notes, nor a name that starts like a real one (Dani for Daniel).
        starts = {fold_for_matching(name)[:3] for name in real}
        self._pool = [
            name for name in PSEUDONYMS
            if name.casefold() not in taken and fold_for_matching(name)[:3] not in starts
        ]  # fmt: skip
        rng.shuffle(self._pool)
        self._spare = 0

    def pseudonym(self) -> str:
        if self._pool:
            return self._pool.pop()
        self._spare += 1  # more people than names in the list
        return f"Person {self._spare}"

    def add(self, original: str, replacement: str, kind: str, *, any_case: bool = False) -> None:
        original = original.strip(" ,.;:")
        if len(original) < 2 or original.casefold() in self.rules:
            return
        self.rules[original.casefold()] = Rule(original, replacement, kind, any_case)
        folded = _ascii(original)
        if folded != original and folded.casefold() not in self.rules:  # Zoë typed as Zoe
            self.rules[folded.casefold()] = Rule(folded, replacement, kind, any_case)

    def name(self, original: str, replacement: str, kind: str) -> None:
        """A name matches in any case, unless it is also an ordinary word ("Park")."""
        self.add(original, replacement, kind, any_case=not is_ordinary(original))

    def replacement_of(self, original: str) -> str | None:
        rule = self.rules.get(original.casefold())
        return rule.replacement if rule else None


def build_disguise(
    profile: Profile, notes: Sequence[tuple[date, str]], seed: int | None = None
) -> Disguise:
    """The table for `notes` (each its date and text) of the client in `profile`."""
    # A seed only in tests; in use the offset and names come from the system's randomness.
    rng = random.Random(seed) if seed is not None else random.SystemRandom()  # noqa: S311
    shift = DateShift(rng.randint(*SHIFT_DAYS) * rng.choice((-1, 1)))
    texts = [text for _day, text in notes]
    taken = {word.casefold() for text in [*texts, *_profile_words(profile)]
             for word in WORD.findall(text)}  # fmt: skip
    real = [word for name in _profile_names(profile) for word in WORD.findall(name)]
    table = _Table(taken | {fold_for_matching(word) for word in taken}, real, rng)
    pseudonym = table.pseudonym()
    _from_profile(table, profile, pseudonym)

    seen = lower_case_words(texts)
    found: list[Found] = []
    for day, text in notes:
        found.extend(scan(text, Context(shift, day.year, seen)))
    # People first, so a name found once after "his wife," is a person everywhere.
    order = {PERSON: 0, NAME: 2}
    for item in sorted(found, key=lambda item: order.get(item.kind, 1)):
        _from_found(table, item)
    return Disguise(pseudonym, shift, tuple(table.rules.values()))


def _profile_names(profile: Profile) -> list[str]:
    names = [profile.first_name, profile.last_name, profile.preferred_name or ""]
    return names + [person.name for person in profile.others]


def _profile_words(profile: Profile) -> list[str]:
    return [*_profile_names(profile), profile.address or ""]


def _from_profile(table: _Table, profile: Profile, pseudonym: str) -> None:
    own = [profile.first_name, profile.preferred_name or "", profile.last_name]
    for given in (profile.first_name, profile.preferred_name):
        if given:
            table.name(f"{given} {profile.last_name}", pseudonym, CLIENT)
    for name in own:
        for part in _name_parts(name):
            table.name(part, pseudonym, CLIENT)
    if profile.date_of_birth is not None:
        for written in birth_date_forms(profile.date_of_birth):
            table.add(written, DATE_OF_BIRTH, "birth")
    _contact(table, profile.phone, profile.email)
    if profile.address:
        _address(table, profile.address)
    for person in profile.others:
        other = table.replacement_of(person.name) or table.pseudonym()
        table.name(person.name, other, PERSON)
        for part in _name_parts(person.name):
            table.name(part, other, PERSON)
        _contact(table, person.phone, person.email)


def _name_parts(name: str) -> list[str]:
    """ "Marchetti-Hale" and its parts; "Sung-min" whole (its parts are not names)."""
    parts: list[str] = []
    for word in name.split():
        parts.append(word)
        pieces = word.split("-")
        if len(pieces) > 1 and all(p[:1].isupper() for p in pieces):
            parts.extend(p for p in pieces if len(p) > 2)
    return parts


def _contact(table: _Table, phone: str | None, email: str | None) -> None:
    if phone:
        table.add(phone, "[phone]", "phone")
        table.add(re.sub(r"\D", "", phone), "[phone]", "phone")
    if email:
        table.add(email, "[email]", "email", any_case=True)


def _address(table: _Table, address: str) -> None:
    """Every line of the address; its last line without a number is the town."""
    table.add(" ".join(address.split()), "[address]", "address")
    parts = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    towns = [part for part in parts if not re.search(r"\d", part)]
    town = towns[-1] if towns else None
    for part in parts:
        if part == town and not re.fullmatch(r"[A-Z]{2}", part):
            table.add(part, "[town]", "town")
            continue
        table.add(part, "[address]", "address")
        street = re.sub(r"^(?:(?:Flat|Apt|Apartment|Unit|Room)\s+\w+\s+)?\d+\w?\s+", "", part)
        if street != part and len(street.split()) > 1:  # "Tanner's Row" without its number
            table.add(street, "[address]", "address")


def birth_date_forms(born: date) -> list[str]:
    """The ways a date of birth is written: 1993-06-02, 2 June 1993, June 2, 1993, 02/06/1993,
    06/02/1993, 2.6.1993..."""
    month = MONTHS[born.month - 1].capitalize()
    d, m, y = born.day, born.month, born.year
    forms = [born.isoformat(), f"{d} {month} {y}", f"{month} {d}, {y}", f"{month} {d} {y}",
             f"{d} {month[:3]} {y}", f"{month[:3]} {d}, {y}", f"{y}/{m:02d}/{d:02d}"]  # fmt: skip
    for sep in "/.-":
        for a, b in ((d, m), (m, d)):
            forms += [f"{a:02d}{sep}{b:02d}{sep}{y}", f"{a}{sep}{b}{sep}{y}",
                      f"{a:02d}{sep}{b:02d}{sep}{y % 100:02d}"]  # fmt: skip
    return list(dict.fromkeys(forms))


def _from_found(table: _Table, item: Found) -> None:
    if item.kind not in (PERSON, NAME):
        if item.replacement is not None:
            table.add(item.text, item.replacement, item.kind)
        if item.kind == "organisation" and item.replacement is not None:
            # "the Bridgeway assessment" after "Bridgeway Eating Disorders Service"
            for word in item.text.split()[:-1]:
                if not is_ordinary(word) and not is_acronym(word):
                    table.add(word, item.replacement, item.kind)
        return
    parts = [part for part in item.parts if len(part) > 1]
    if not parts:
        return
    known = [table.replacement_of(part) for part in parts]
    instead = next((r for r in known if r is not None), None)
    if instead is None:
        instead = table.pseudonym() if item.kind == PERSON else "[name]"
    whole = " ".join(parts)
    if whole == item.text:
        table.add(whole, instead, item.kind)
    for part in parts:
        table.add(part, instead, item.kind)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


__all__ = ["DATE_OF_BIRTH", "birth_date_forms", "build_disguise"]
