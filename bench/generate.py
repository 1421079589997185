"""A deterministic, fictional practice in the import JSON format, for benchmarks.

`generate(clients, notes, seed)` returns the dict `vault.importer.import_practice`
takes; `python -m bench.generate --clients 500 --notes 100000 --out FILE` writes it.

Shape of the data (defaults: 500 clients, 100,000 notes, seed 1):
- `notes` counts original notes; addenda (about 1 in 100 signed notes) come on top.
- Client 1 ("Harriet Longcase") has exactly 1,000 notes when notes >= 2,000, for
  the "open a client with 1,000 notes" figure; the rest are spread unevenly
  (log-normal weights, at most 900 each: many short treatments, a few long ones).
- Note text is ~600-1,200 characters drawn from a vocabulary of a few thousand
  words with Zipf-like frequencies, plus two planted words with a known
  spread: COMMON_WORD ("anxiety") in COMMON_SHARE of notes, RARE_WORD
  ("harmonica") in exactly RARE_NOTES notes (5). Neither is otherwise in the
  vocabulary, so searches for them have a known answer size.
- ~90% of notes signed, ~2% are psychotherapy (process) notes, which share their
  session with a progress note.

Speed: the text is assembled from a pool of Zipf sentences (drawn once per
run), so 100k notes take a few seconds rather than a minute of random.choices.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

COMMON_WORD = "anxiety"
COMMON_SHARE = 0.40
RARE_WORD = "harmonica"
RARE_NOTES = 5
BIG_CLIENT_NOTES = 1_000
BIG_CLIENT_NAME = ("Harriet", "Longcase")
SIGNED_SHARE = 0.90
PROCESS_SHARE = 0.02
ADDENDUM_SHARE = 0.01
TODAY = date(2025, 6, 30)  # fixed, so a seed always gives the same practice
SENTENCE_POOL = 40_000
VOCABULARY_SIZE = 4_000

# Top of the Zipf ranking: the words clinical prose actually leans on, most frequent
# first. Synthetic words fill the long tail up to VOCABULARY_SIZE.
COMMON_WORDS = """
the and to of a client in was with reported that for is on as her his their session
this about at they be had week feeling discussed not it by has from were an which or
mood sleep work family plan continue goals therapy progress stress support partner
noted coping skills during talked worry home felt more less some also described
explored today since last next time appeared presented affect calm tearful engaged
reports states identified practiced homework review behavioral cognitive thoughts
feelings relationship mother father sister brother children school job manager
conflict boundaries avoidance exposure breathing grounding mindfulness journaling
safety risk denied ideation intent protective factors strengths values motivation
ambivalence change trauma grief loss memory trigger panic attacks depression low
energy appetite concentration irritability shame guilt anger sadness loneliness
hopeful tired overwhelmed improved worsened stable consistent attendance punctual
medication prescriber referral consultation collateral assessment screening score
follow schedule weekly biweekly monthly treatment intervention response behavior
objective subjective data clinician observed rapport alliance validated reflected
reframed challenged modeled rehearsed assigned agreed reviewed summarized ended
began arrived late cancelled rescheduled telehealth office phone video call text
email message insurance fee payment balance authorization release records request
""".split()  # noqa: SIM905

SYLLABLES = """
ba be bi bo bu da de di do du fa fe fi fo ga ge gi go ka ke ki ko la le li lo lu ma me mi
mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi
vo za ze zo ther tion ment ness ing al ous ive ly er an en in on un ex pro con dis
""".split()  # noqa: SIM905

FIRST_NAMES = """
Ada Alan Alma Amir Ana Anna Ari Aya Bea Ben Bo Cai Cara Cleo Dan Dara Eli Ella Emil
Ena Eva Ezra Finn Gia Gus Hana Ian Ida Ines Iris Ivo Jai Jan Jo Juno Kai Kira Lea Leo
Lina Luca Luz Mae Mara Max Mia Mina Nia Nico Noa Ola Omar Otto Pia Rae Ravi Rosa Ruth
Sami Sara Sol Tara Teo Uma Vera Wren Yara Yuki Zane Zoe
""".split()  # noqa: SIM905
LAST_NAMES = """
Abara Bauer Castell Dimitrov Eklund Farouk Garrido Halvorsen Ibsen Jovanovic Kaur
Lindqvist Moreau Nakamura Okafor Petrov Quist Rahman Santos Tanaka Udall Varga Weiss
Xu Yilmaz Zamora Brandt Carvalho Dunn Esposito Fischer Grant Haddad Iqbal Jensen Kovacs
Lopez Mensah Novak Olsen Park Reyes Silva Torres Ueda Vidal Walsh Young Zhou
""".split()  # noqa: SIM905

# After the intake: mostly progress notes, some contact notes and risk assessments.
KINDS = ("progress",) * 92 + ("contact",) * 6 + ("risk",) * 2
TEMPLATES = ("soap", "dap", "birp", "free")
TEMPLATE_SECTIONS = {
    "soap": ("Subjective", "Objective", "Assessment", "Plan"),
    "dap": ("Data", "Assessment", "Plan"),
    "birp": ("Behavior", "Intervention", "Response", "Plan"),
    "free": (),
}
MODALITIES = ("in_person",) * 7 + ("telehealth",) * 2 + ("phone",)
ATTENDANCE = ("attended",) * 18 + ("late_cancel", "no_show")
DISCHARGE_REASONS = (
    "Treatment goals met.",
    "Client moved out of state.",
    "Client chose to end treatment.",
    "Referred to a higher level of care.",
)


def _vocabulary(rng: random.Random) -> list[str]:
    planted = {COMMON_WORD, RARE_WORD}
    words = [w for w in COMMON_WORDS if w not in planted]
    seen = set(words) | planted
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _sentence_pool(rng: random.Random, size: int) -> list[str]:
    words = _vocabulary(rng)
    # Zipf, s = 1: the word at rank r is drawn with weight 1/r.
    cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))
    total = cumulative[-1]
    pool = []
    for _ in range(size):
        length = rng.randint(6, 18)
        picks = [words[bisect.bisect(cumulative, rng.random() * total)] for _ in range(length)]
        pool.append(" ".join(picks).capitalize() + ".")
    return pool


def _note_text(rng: random.Random, pool: list[str], template: str, *, common: bool,
               rare: bool) -> str:  # fmt: skip
    target = rng.randint(600, 1_200)
    sentences: list[str] = []
    size = 0
    while size < target:
        sentence = rng.choice(pool)
        sentences.append(sentence)
        size += len(sentence) + 1
    for word, wanted in ((COMMON_WORD, common), (RARE_WORD, rare)):
        if wanted:
            for _ in range(rng.choice((1, 1, 1, 2, 3)) if word == COMMON_WORD else 1):
                at = rng.randrange(len(sentences))
                parts = sentences[at].split(" ")
                parts.insert(rng.randrange(1, len(parts) + 1), word)
                sentences[at] = " ".join(parts)
    sections = TEMPLATE_SECTIONS[template]
    if not sections:
        return " ".join(sentences)
    chunk = -(-len(sentences) // len(sections))
    return "\n\n".join(
        f"{name}:\n" + " ".join(sentences[i * chunk : (i + 1) * chunk])
        for i, name in enumerate(sections)
    )


def _spread(rng: random.Random, total: int, buckets: int, cap: int) -> list[int]:
    """Split `total` into `buckets` uneven parts of 1..cap each, summing exactly to `total`.

    Log-normal weights: many short treatments, a few long ones. Parts that would
    pass `cap` are pinned there and the rest re-shared (water-filling).
    """
    if buckets <= 0:
        return []
    if total <= buckets:
        return [1] * total + [0] * (buckets - total)
    cap = max(cap, -(-total // buckets))
    weights = [rng.lognormvariate(0.0, 1.1) for _ in range(buckets)]
    parts = [1] * buckets
    left = total - buckets
    free = set(range(buckets))
    while True:
        scale = left / sum(weights[i] for i in free)
        pinned = {i for i in free if 1 + weights[i] * scale >= cap}
        if not pinned:
            break
        for i in pinned:
            parts[i] = cap
            left -= cap - 1
        free -= pinned
    for i in free:
        parts[i] += int(weights[i] * scale)
    short = total - sum(parts)
    for i in itertools.islice(itertools.cycle(sorted(free, key=lambda i: -weights[i])), short):
        parts[i] += 1
    return parts


def _stamp(day: date, rng: random.Random) -> str:
    moment = datetime(day.year, day.month, day.day, 17, tzinfo=UTC)
    return (moment + timedelta(minutes=rng.randint(0, 600))).isoformat(timespec="seconds")


def generate(clients: int = 500, notes: int = 100_000, seed: int = 1) -> dict[str, Any]:
    """A practice dict in the import format: `clients` clients sharing `notes` notes."""
    rng = random.Random(seed)
    pool = _sentence_pool(rng, min(SENTENCE_POOL, max(2_000, notes // 2)))
    if clients >= 2 and notes >= 2 * BIG_CLIENT_NOTES:
        rest = _spread(rng, notes - BIG_CLIENT_NOTES, clients - 1, BIG_CLIENT_NOTES - 100)
        counts = [BIG_CLIENT_NOTES, *rest]
    else:
        counts = _spread(rng, notes, clients, BIG_CLIENT_NOTES)
    rare_at = set(rng.sample(range(notes), min(RARE_NOTES, notes)))
    note_index = 0
    out_clients = []
    for number, count in enumerate(counts):
        first, last = (
            BIG_CLIENT_NAME if number == 0 else (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        )
        born = date(rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28))
        # Weekly sessions ending some time before TODAY; a long treatment starts years back.
        process = min(sum(rng.random() < PROCESS_SHARE for _ in range(count)), count // 2)
        sessions_wanted = count - process
        end = TODAY - timedelta(days=rng.randint(0, 365) if number else 0)
        start = end - timedelta(weeks=max(sessions_wanted - 1, 0))
        status = (
            "active" if number == 0 else rng.choice(("active", "active", "inactive", "discharged"))
        )
        client: dict[str, Any] = {
            "first_name": first,
            "last_name": last,
            "date_of_birth": born.isoformat(),
            "status": status,
            "intake_date": start.isoformat(),
            "sessions": [],
        }
        if status == "discharged":
            client["discharge_date"] = end.isoformat()
            client["discharge_reason"] = rng.choice(DISCHARGE_REASONS)
        with_process = set(rng.sample(range(sessions_wanted), process)) if process else set()
        for s in range(sessions_wanted):
            day = start + timedelta(weeks=s)
            kinds = ["intake" if s == 0 else rng.choice(KINDS)]
            if s == sessions_wanted - 1 and status == "discharged" and s:
                kinds = ["termination"]
            if s in with_process:
                kinds.append("psychotherapy")
            session_notes = []
            for kind in kinds:
                template = "free" if kind in ("psychotherapy", "contact") else rng.choice(TEMPLATES)
                text = _note_text(
                    rng, pool, template,
                    common=rng.random() < COMMON_SHARE, rare=note_index in rare_at,
                )  # fmt: skip
                note_index += 1
                signed = rng.random() < SIGNED_SHARE
                note: dict[str, Any] = {
                    "kind": kind,
                    "template": template,
                    "text": text,
                    "signed": signed,
                    "signed_at": _stamp(day, rng) if signed else None,
                    "addenda": [],
                }
                if signed and rng.random() < ADDENDUM_SHARE:
                    # Addenda are always signed, on or after the note they amend.
                    later = day + timedelta(days=rng.randint(1, 14))
                    note["addenda"].append({
                        "text": "Addendum: " + " ".join(rng.choice(pool) for _ in range(2)),
                        "signed_at": _stamp(later, rng),
                    })  # fmt: skip
                session_notes.append(note)
            client["sessions"].append({
                "date": day.isoformat(),
                "duration_minutes": rng.choice((45, 50, 50, 50, 53, 60, 90)),
                "modality": rng.choice(MODALITIES),
                "attendance": rng.choice(ATTENDANCE),
                "fee": f"{rng.choice((120, 150, 150, 175, 200))}.00",
                "notes": session_notes,
            })  # fmt: skip
        out_clients.append(client)
    return {
        "practice": {
            "clinician_name": "Dr. Robin Bench",
            "credentials": "PhD",
            "practice_name": "Benchmark Counselling (fictional)",
            "jurisdiction": "Nowhere",
        },
        "clients": out_clients,
    }


def stats(data: dict[str, Any]) -> dict[str, int]:
    """Counts a benchmark reports next to its figures."""
    notes = addenda = common = rare = signed = process = text_bytes = 0
    for client in data["clients"]:
        for session in client["sessions"]:
            for note in session["notes"]:
                notes += 1
                signed += bool(note["signed"])
                process += note["kind"] == "psychotherapy"
                words = note["text"].split()
                common += COMMON_WORD in words
                rare += RARE_WORD in words
                text_bytes += len(note["text"].encode("utf-8"))
                for addendum in note["addenda"]:
                    addenda += 1
                    text_bytes += len(addendum["text"].encode("utf-8"))
    return {"clients": len(data["clients"]), "notes": notes, "addenda": addenda,
            "signed": signed, "process": process, "common_word_notes": common,
            "rare_word_notes": rare, "text_bytes": text_bytes}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.clients, args.notes, args.seed)
    args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    took = time.perf_counter() - started
    summary = ", ".join(f"{k} {v:,}" for k, v in stats(data).items())
    print(f"wrote {args.out} in {took:.1f} s: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
