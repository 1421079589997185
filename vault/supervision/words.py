"""Which capitalised words are ordinary words, and which are known first names.

A capitalised word in the middle of a sentence is usually a name, a place or an
organisation. The exceptions are listed here (months, days, holidays, languages, the
headings of note templates, instrument names) or found in English word-frequency lists.
The lists are the ones zxcvbn ships for judging passphrases, already installed: the
30,000 most common words of English Wikipedia and of film and television subtitles, and
lists of common first names and surnames.
"""

from __future__ import annotations

import re
from functools import cache

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
MONTH_SHORT = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}
MONTH_SHORT["sept"] = 9

# Capitalised but never a person or a place in a note.
_ORDINARY_WORDS = """
    i i'm i'll i've i'd a an the and but or if so then when while after before because
    monday tuesday wednesday thursday friday saturday sunday weekend
    christmas easter boxing day eve new year years ramadan eid diwali hanukkah passover
    thanksgiving halloween lent advent bank holiday holidays
    english spanish french german italian portuguese polish welsh scottish irish british
    american canadian australian chinese japanese korean arabic hindi urdu punjabi bengali
    greek turkish russian dutch swedish norwegian danish african european asian
    god lord bible quran koran church mum mom dad mummy daddy nan nana grandma grandpa gran
    granny auntie uncle sir madam
    subjective objective assessment plan data behavior behaviour intervention response
    impression mental state note notes addendum correction late entry summary goal goals
    risk safety client clinician therapist session sessions year form tutor head teacher
    gp gps nhs cbt dbt act emdr ocd ptsd adhd asd phd msc ba bsc mp ok tv pc uk us usa eu
    phq gad pcl pdss gds shai cssrs c-ssrs core audit
    scale inventory questionnaire index checklist severity disorder disorders interview
    short health anxiety depression panic module test score scores
    maths math history science art music drama geography biology chemistry physics
    internet email emails zoom teams whatsapp facebook instagram tiktok youtube google
    twitter snapchat netflix spotify video phone text texts
    mr mrs ms miss mx dr prof professor sister brother father mother
"""
ORDINARY = frozenset(_ORDINARY_WORDS.split()) | frozenset(MONTHS) | frozenset(MONTH_SHORT)

COMMON_RANKS = 10_000  # how far down the frequency lists a word counts as ordinary


@cache
def _lists() -> dict[str, list[str]]:
    try:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS
    except ImportError:  # the disguise still works, on the listed words and the notes alone
        return {}
    return dict(FREQUENCY_LISTS)


@cache
def common_words() -> frozenset[str]:
    found = _lists()
    return frozenset(
        word
        for name in ("english_wikipedia", "us_tv_and_film")
        for word in found.get(name, [])[:COMMON_RANKS]
    )


@cache
def first_names() -> frozenset[str]:
    found = _lists()
    return frozenset(found.get("female_names", []) + found.get("male_names", []))


@cache
def surnames() -> frozenset[str]:
    return frozenset(_lists().get("surnames", []))


def bare(word: str) -> str:
    """The word without a possessive ending, lower case: "Maria's" -> "maria"."""
    return re.sub(r"['’]s$", "", word).casefold()


def is_ordinary(word: str, lower_case_seen: frozenset[str] = frozenset()) -> bool:
    """True for a word that is not a name: listed above, common in English, or written in
    lower case somewhere in the notes being disguised (so "Café" is a café)."""
    key = bare(word)
    if key in ORDINARY or key in lower_case_seen:
        return True
    return key in common_words() and key not in first_names()


def is_acronym(word: str) -> bool:
    """GAD-7, PHQ-9, CBT, GCSEs: capitals (and digits), no lower-case name among them."""
    head = re.split(r"[-'’]", word, maxsplit=1)[0]
    letters = [ch for ch in head if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    return upper >= 2 and upper >= len(letters) - 1


def is_known_name(word: str) -> bool:
    key = bare(word)
    return key in first_names() or key in surnames()


def is_first_name(word: str) -> bool:
    return bare(word) in first_names()
