"""Finding what could identify someone in a note's text. Pure functions, no vault.

`scan` walks a text once per kind of identifier, most certain first; a stretch of text
claimed by one kind is not looked at again. What it finds, in that order:
- email addresses and links; phone numbers (seven digits or more);
- dates in any usual form (moved by the case's offset, see dates.py); ages
  ("34-year-old", "aged 34", "34 years old", "age 34"), which become bands;
- street addresses ("22 Tanner's Row") and postcodes (UK, and US ZIP after a state);
- runs of capitalised words: organisations by their last word (School, University,
  Surgery, Service, Ltd...), employers after "works at", people after a title ("Dr",
  "Ms") or a relation ("my sister", "her boss,"), places after "in", "at", "from",
  "near", "moved to"; and, in the middle of a sentence, any capitalised word that is not
  an ordinary word (words.py): a known first name or surname is a person, anything
  else an unknown name.
Names at the start of a sentence are found only through these cues or because the same
name was found elsewhere: the replacements apply to every occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vault.supervision.dates import PATTERNS, DateShift
from vault.supervision.words import (
    ORDINARY,
    bare,
    is_acronym,
    is_first_name,
    is_known_name,
    is_ordinary,
)

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"\b(?:https?://|www\.)\S+[\w/]")
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z_]\w{2,}")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?![\w-])")
PHONE_DIGITS = 7
AGE = re.compile(
    r"(?i)\b(?:(?P<n1>\d{1,3})[- ]years?[- ]old|(?P<n2>\d{1,3}) ?y\.?o\.?(?!\w)"
    r"|(?:at )?(?:aged|age) (?P<n3>\d{1,3}(?:(?:, | and |,? and )\d{1,3})*))\b"
)
STREET_WORDS = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Way|Row|Drive|Dr|Court|Ct|Place|Pl|Crescent"
    "|Terrace|Gardens|Yard|Hill|Grove|Walk|Square|Mews|Cottages|Boulevard|Blvd|Parade|Rise"
)
STREET = re.compile(
    rf"(?<![\w-])(?:(?:Flat|Apt|Apartment|Unit|Room)\s+\w+,?\s+)?\d+[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{STREET_WORDS})\b\.?"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|(?<=\b[A-Z]{2} )\d{5}(?:-\d{4})?\b")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TITLES = "dr dr. mr mr. mrs mrs. ms ms. miss mx prof prof. professor rev revd"
TITLES = frozenset(_TITLES.split())
RELATIONS = (
    "sister|brother|mother|father|mum|mom|dad|son|daughter|wife|husband|partner|boyfriend"
    "|girlfriend|fianc[eé]e?|friend|best friend|boss|manager|colleague|neighbour|neighbor"
    "|aunt|uncle|cousin|niece|nephew|grandmother|grandfather|grandson|granddaughter|nan"
    "|grandma|grandpa|stepmother|stepfather|stepson|stepdaughter|flatmate|housemate|roommate"
    "|ex|ex-partner|ex-husband|ex-wife|teacher|tutor|supervisor|therapist|doctor|child|baby"
)
RELATION_CUE = re.compile(
    rf"(?i:\b(?:my|his|her|their|your|our|the|a|[\w-]+['’]s)\s+(?:{RELATIONS})"
    r"(?:\s+of\s+[\w ]{1,25}?)?)"
    r",?\s+$"
)
EMPLOYER_CUE = re.compile(
    r"(?i:\b(?:works?|working|worked|job|employed|employment|placement|internship)\s+"
    r"(?:at|for|by|with)|\bemployer,?)\s+(?:the\s+)?$"
)
PLACE_CUE = re.compile(
    r"(?i:\b(?:in|at|from|near|outside|(?:moved|move|moving|travelled|went|drove|flew)\s+to))"
    r"\s+(?:the\s+)?$"
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“‘(]\s*|\s[-–—]\s+)$")

ORGANISATIONS = {  # the last word of a name -> what it becomes
    "school": "[school]", "academy": "[school]", "primary": "[school]", "high": "[school]",
    "grammar": "[school]", "nursery": "[school]", "kindergarten": "[school]",
    "college": "[college]", "university": "[university]", "polytechnic": "[university]",
    "surgery": "[health service]", "practice": "[health service]",
    "hospital": "[health service]", "clinic": "[health service]",
    "centre": "[health service]", "center": "[health service]",
    "service": "[service]", "services": "[service]", "trust": "[service]",
    "church": "[place of worship]", "mosque": "[place of worship]",
    "synagogue": "[place of worship]", "temple": "[place of worship]",
    "chapel": "[place of worship]", "ltd": "[company]", "limited": "[company]",
    "inc": "[company]", "llc": "[company]", "plc": "[company]", "group": "[company]",
    "deliveries": "[company]", "logistics": "[company]", "bank": "[company]",
    "café": "[place]", "cafe": "[place]", "restaurant": "[place]", "pub": "[place]",
    "hotel": "[place]", "gym": "[place]", "library": "[place]", "park": "[place]",
    "station": "[place]",
}  # fmt: skip
_STREET_END = frozenset(word.casefold() for word in STREET_WORDS.split("|")) - {"dr"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    kind: str  # email, link, phone, date, age, address, organisation, employer,
    #            person, name, place
    replacement: str | None = None  # decided here for dates, ages and organisations
    parts: tuple[str, ...] = ()  # a person's names, each to be replaced like the whole


@dataclass(frozen=True)
class Context:
    shift: DateShift
    year: int  # the note's year, for a date written without one ("12 March")
    lower_case_seen: frozenset[str] = frozenset()


def lower_case_words(texts: list[str]) -> frozenset[str]:
    """Words written in lower case somewhere: ordinary words, whatever their case here."""
    return frozenset(w.casefold() for text in texts for w in WORD.findall(text) if w.islower())


def scan(text: str, context: Context) -> list[Found]:
    claimed = [False] * len(text)
    found: list[Found] = []

    def take(start: int, end: int, kind: str, replacement: str | None = None,
             parts: tuple[str, ...] = ()) -> None:  # fmt: skip
        if start >= end or any(claimed[start:end]):
            return
        claimed[start:end] = [True] * (end - start)
        found.append(Found(start, end, text[start:end], kind, replacement, parts))

    for pattern, kind, label in ((EMAIL, "email", "[email]"), (LINK, "link", "[link]"),
                                 (HANDLE, "link", "[handle]")):  # fmt: skip
        for match in pattern.finditer(text):
            take(match.start(), match.end(), kind, label)
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            group = "v" if "v" in pattern.groupindex else 0
            moved = context.shift.moved(match, pattern, context.year)
            if moved is not None:
                take(match.start(group), match.end(group), "date", moved)
    for match in PHONE.finditer(text):
        if sum(ch.isdigit() for ch in match.group(0)) >= PHONE_DIGITS:
            take(match.start(), match.end(), "phone", "[phone]")
    for match in AGE.finditer(text):
        take(match.start(), match.end(), "age", age_band(match))
    for pattern in (STREET, POSTCODE):
        for match in pattern.finditer(text):
            take(match.start(), match.end(), "address", "[address]")
    for start, end, kind, replacement, parts in _names(text, context):
        take(start, end, kind, replacement, parts)
    return sorted(found, key=lambda item: item.start)


def age_band(match: re.Match[str]) -> str:
    """34-year-old -> 30-something; aged 34 -> in their 30s; aged 12 and 9 -> under 13."""
    numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
    oldest = max(numbers)
    if match.group("n3") is None:  # an adjective: "a 34-year-old teacher"
        if oldest < 13:
            return "young"
        return "teenage" if oldest < 20 else f"{oldest // 10 * 10}-something"
    if oldest < 13:
        return "under 13"
    return "in their teens" if oldest < 20 else f"in their {oldest // 10 * 10}s"


def _runs(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Runs of capitalised words ("Dr Farrah Quayle", "Café Lumière"), "of" allowed
    inside ("University of Leeds"); a possessive "'s" is left outside the run."""
    words = [m for m in WORD.finditer(text)]
    index = 0
    while index < len(words):
        if not words[index].group(0)[0].isupper():
            index += 1
            continue
        run = [words[index]]
        index += 1
        while index < len(words):
            gap = text[run[-1].end() : words[index].start()]
            word = words[index].group(0)
            joiner = word in ("of", "de", "da", "van", "von", "du", "la", "le")
            nxt = words[index + 1].group(0) if index + 1 < len(words) else ""
            if gap != " " or run[-1].group(0).endswith(("'s", "’s")):
                break
            if not (word[0].isupper() or (joiner and nxt[:1].isupper())):
                break
            run.append(words[index])
            index += 1
        end = run[-1].end()
        last = run[-1].group(0)
        if last.endswith(("'s", "’s")):
            end -= 2
        yield run[0].start(), end, [m.group(0) for m in run]


def _names(
    text: str, context: Context
) -> Iterator[tuple[int, int, str, str | None, tuple[str, ...]]]:
    seen = context.lower_case_seen
    for start, end, words in _runs(text):
        before = text[max(0, start - 60) : start]
        if words[0].casefold() in TITLES and len(words) > 1:  # "Dr Farrah Quayle"
            name_start = start + text[start:end].index(words[1])
            names = tuple(w for w in words[1:] if not is_ordinary(w, seen) or is_known_name(w))
            yield name_start, end, "person", None, _clean(names)
            continue
        words = [w for w in words if not is_acronym(w)]
        if not words:
            continue
        listed = all(bare(w) in ORDINARY for w in words)  # months, languages, headings
        last = bare(words[-1])
        if _organisation(words):  # "Larkhaven Academy", "Riverside Surgery"
            yield start, end, "organisation", _organisation(words), ()
        elif last in _STREET_END and len(words) > 1:
            yield start, end, "address", "[address]", ()
        elif listed:
            continue
        elif EMPLOYER_CUE.search(before):
            yield start, end, "employer", "[employer]", ()
        elif RELATION_CUE.search(before):
            yield start, end, "person", None, _clean(tuple(words))
        elif PLACE_CUE.search(before) and not all(is_known_name(w) for w in words):
            yield start, end, "place", "[place]", ()
        elif all(is_ordinary(w, seen) for w in words):
            continue
        elif SENTENCE_START.search(before):
            # Only a known first name starts a sentence as a name ("Theo's parents").
            names = tuple(w for w in words if not is_ordinary(w, seen) and is_first_name(w))
            if len(names) == len(words):
                yield start, end, "person", None, _clean(names)
        else:
            names = tuple(w for w in words if not is_ordinary(w, seen))
            kind = "person" if all(is_known_name(w) for w in names) else "name"
            yield start, end, kind, None, _clean(names)


def _organisation(words: list[str]) -> str | None:
    """What a name of two words or more ending in "School", "Surgery"... becomes."""
    if len(words) < 2:
        return None
    if words[0] == "University" and "of" in words:
        return "[university]"
    return ORGANISATIONS.get(bare(words[-1]))


def _clean(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(re.sub(r"['’]s$", "", name) for name in names)


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text)
