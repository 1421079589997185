"""The replacement table of a disguised case, and the text it gives. Pure functions.

One table serves every chosen note, so a person, a place or a date is replaced the
same way wherever it appears: the client by one first-name pseudonym, each other person
by another, each date by the date moved by the case's offset. What the record knows
(the client's names, date of birth, phone, email and address; the names, phones and
emails of guardians and emergency contacts) is replaced whether or not the scan would
have found it; the scan (identifiers.py) adds what the notes themselves name.

The clinician reviews the table: a replacement can be switched off (the original is
kept) or added (a word or phrase, and what to put instead, applied everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from vault.errors import InvalidRecord
from vault.supervision.dates import DateShift

# First names used as pseudonyms: short, common, and mostly used for anyone.
PSEUDONYMS = (
    "Alex", "Sam", "Jo", "Robin", "Kit", "Jamie", "Charlie", "Morgan", "Casey", "Riley",
    "Jordan", "Taylor", "Avery", "Quinn", "Sasha", "Drew", "Frankie", "Billie", "Remy",
    "Jules", "Max", "Nico", "Pat", "Robbie", "Ali", "Dani", "Eden", "Reese", "Toni",
    "Blair", "Emery", "Harley", "Hayden", "Marley", "Shay", "Rory", "Ellis", "Finley",
    "Jesse", "Kai", "Lou", "Mel", "Noel", "Ray", "Sol", "Val", "Wren", "Arden", "Cam",
    "Darcy", "Elliot", "Fran", "Jude", "Laurie", "Micah", "Oakley", "Peyton", "Sidney",
)  # fmt: skip
SHIFT_DAYS = (60, 400)  # the offset's size, either way: far enough that no real date shows
CLIENT, PERSON, NAME, ADDED = "client", "person", "name", "added"
KIND_LABELS = {
    CLIENT: "client", PERSON: "person", NAME: "name", "birth": "date of birth",
    "date": "date", "age": "age", "phone": "phone", "email": "email", "link": "link",
    "address": "address", "town": "town", "place": "place", "organisation": "organisation",
    "employer": "employer", ADDED: "added by you",
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    """Someone the record names besides the client: a guardian, an emergency contact."""

    name: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Profile:
    first_name: str
    last_name: str
    preferred_name: str | None = None
    date_of_birth: date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    others: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Rule:
    original: str
    replacement: str
    kind: str
    any_case: bool = False  # the record's own names: "MARIA" and "maria" too
    on: bool = True  # off: the clinician keeps the original

    @property
    def key(self) -> str:
        return self.original.casefold()


@dataclass(frozen=True)
class Use:
    rule: Rule
    count: int
    where: tuple[int, ...]  # the keys of the texts it was found in, in order


@dataclass(frozen=True)
class Disguise:
    pseudonym: str
    shift: DateShift
    rules: tuple[Rule, ...] = field(default=())

    # -- applying ---------------------------------------------------------------------

    def apply(self, text: str) -> str:
        pattern = self._active_pattern
        if pattern is None:
            return text
        return pattern.sub(lambda match: _written(self._rule_for(match.group(0)), match), text)

    def move(self, day: date) -> date:
        return self.shift.shift(day)

    def uses(self, texts: Iterable[tuple[int, str]]) -> list[Use]:
        """Each rule found in the texts: how often, and in which; unused rules left out."""
        pattern = self._any_pattern
        counts: dict[str, int] = {}
        where: dict[str, list[int]] = {}
        if pattern is not None:
            for key, text in texts:
                for match in pattern.finditer(text):
                    rule = self._rule_for(match.group(0)).key
                    counts[rule] = counts.get(rule, 0) + 1
                    if key not in where.setdefault(rule, []):
                        where[rule].append(key)
        by_key = self._by_key
        return [Use(by_key[rule], counts[rule], tuple(where[rule])) for rule in counts]

    # -- the clinician's changes --------------------------------------------------------

    def toggled(self, original: str) -> Disguise:
        """The rule for `original` switched off (the original kept) or back on."""
        key = original.casefold()
        rules = tuple(replace(r, on=not r.on) if r.key == key else r for r in self.rules)
        return replace(self, rules=rules)

    def added(self, phrase: str, replacement: str) -> Disguise:
        """`phrase` replaced by `replacement` everywhere, in any case."""
        phrase = " ".join(phrase.split())
        if len(phrase) < 2:
            raise InvalidRecord("Type the word or phrase to replace (two letters or more).",
                                "phrase")  # fmt: skip
        instead = " ".join(replacement.split()) or "[removed]"
        rule = Rule(phrase, instead, ADDED, any_case=True)
        rules = tuple(r for r in self.rules if r.key != rule.key) + (rule,)
        return replace(self, rules=rules)

    # -- matching -----------------------------------------------------------------------

    # Kept on the object, not in a module cache: the patterns hold names from the notes,
    # and go when the case does (on lock, when the review closes).
    @cached_property
    def _by_key(self) -> dict[str, Rule]:
        """Keys are unique (the table and `added` see to it), and every match is a case
        variant of one rule's original, so the matched text finds its rule."""
        return {rule.key: rule for rule in self.rules}

    def _rule_for(self, matched: str) -> Rule:
        found = self._by_key.get(matched.casefold())
        if found is not None:
            return found
        # Case folding is not always symmetric (a Turkish dotted I): ask each rule.
        return next(r for r in self.rules if re.fullmatch(_alternative(r), matched))

    @cached_property
    def _active_pattern(self) -> re.Pattern[str] | None:
        return _pattern([rule for rule in self.rules if rule.on])

    @cached_property
    def _any_pattern(self) -> re.Pattern[str] | None:
        return _pattern(list(self.rules))


def _pattern(rules: list[Rule]) -> re.Pattern[str] | None:
    """One alternation, longest original first, word boundaries checked once outside it:
    thirty times faster than a boundary (and a group) in each alternative."""
    if not rules:
        return None
    ordered = sorted(rules, key=lambda rule: -len(rule.original))
    return re.compile(r"(?<!\w)(?:" + "|".join(_alternative(r) for r in ordered) + r")(?!\w)")


def _alternative(rule: Rule) -> str:
    escaped = re.escape(rule.original)
    if rule.any_case:
        return f"(?i:{escaped})"
    return f"{escaped}|{re.escape(rule.original.upper())}"


def _written(rule: Rule, match: re.Match[str]) -> str:
    """The replacement; a name written in capitals stays in capitals."""
    text = match.group(0)
    if rule.kind in (CLIENT, PERSON, ADDED) and len(text) > 1 and text.isupper():
        return rule.replacement.upper()
    return rule.replacement
