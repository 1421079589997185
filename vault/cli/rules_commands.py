"""`quietroom rules list | show ID | check FILE | review ID`: the jurisdiction rule packs.

A contract like the other commands: scripts depend on these names. None of them
opens the vault: packs and review marks hold no client data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vault.errors import VaultError
from vault.risk.registry import PackSet, check_file, load_packs
from vault.risk.reviews import mark_reviewed, read_reviews, review_state, rules_folder
from vault.risk.rules import DUTY_LABELS, FLAG_LABELS, OPTION_LABELS, Pack

NOT_ADVICE = (
    "A rule pack is a starting point, not legal advice: check each rule against the law "
    "where you practise, using the sources listed."
)

rules_app = typer.Typer(
    help="Jurisdiction rule packs: what the law of a place asks for each risk flag.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class UnknownPack(VaultError):
    title = "No such rule pack"


def _packs() -> PackSet:
    packs = load_packs(rules_folder())
    for problem in packs.problems:
        typer.echo(f"Skipped: {problem}", err=True)
    return packs


def _pack(pack_id: str) -> Pack:
    packs = _packs()
    pack = packs.get(pack_id) or packs.get(pack_id.upper())
    if pack is None:
        raise UnknownPack(
            f'There is no rule pack "{pack_id}". `quietroom rules list` shows the packs there are.'
        )
    return pack


def _guarded(run: Callable[[], None]) -> None:
    """Run with the app's error handling (one sentence, exit 1), imported late: commands.py
    registers this module."""
    from vault.cli.commands import friendly

    friendly(run)()


@rules_app.command("list")
def list_packs(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """List the packs: id, place, version and whether you have reviewed it."""

    def run() -> None:
        packs = _packs()
        reviews = read_reviews(rules_folder())
        rows = sorted(packs.packs.values(), key=lambda p: (p.id != "GENERIC", p.id))
        if as_json:
            typer.echo(json.dumps([
                {"id": p.id, "place": p.place, "version": p.version,
                 "reviewed": review_state(p, reviews).startswith("reviewed"),
                 "review": review_state(p, reviews), "file": p.origin}
                for p in rows
            ], ensure_ascii=False, indent=2))  # fmt: skip
            return
        width = max(len(p.id) for p in rows)
        for pack in rows:
            typer.echo(
                f"{pack.id:<{width}}  {pack.place} (version {pack.version}): "
                f"{review_state(pack, reviews)}"
            )
        typer.echo(f"Your own packs go in {rules_folder()}", err=True)

    _guarded(run)


@rules_app.command("show")
def show(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="A pack's id, like US-CA.")],
) -> None:
    """Print one pack in full, with its sources."""

    def run() -> None:
        pack = _pack(pack_id)
        typer.echo("\n".join(describe(pack, review_state(pack, read_reviews(rules_folder())))))

    _guarded(run)


@rules_app.command("check")
def check(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The pack file to check.")],
) -> None:
    """Validate a pack file; the first problem is named by file, line and field."""

    def run() -> None:
        pack = check_file(path, rules_folder())
        typer.echo(f"{path}: pack {pack.id} ({pack.place}, version {pack.version}) is valid.")

    _guarded(run)


@rules_app.command("review")
def review(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="A pack's id, like US-CA.")],
) -> None:
    """Mark a pack as reviewed by you (after reading it with `rules show`)."""

    def run() -> None:
        pack = _pack(pack_id)
        mark_reviewed(rules_folder(), pack, date.today())
        typer.echo(f"Marked {pack.id} version {pack.version} as reviewed by you today.")

    _guarded(run)


def describe(pack: Pack, review: str) -> list[str]:
    lines = [f"{pack.id}: {pack.place}", f"Version {pack.version}, checked against its sources "
             f"on {pack.reviewed_on.isoformat()}; {review}.", NOT_ADVICE]  # fmt: skip
    if pack.summary:
        lines.append(pack.summary)
    if pack.extends:
        lines.append(f"Extends {pack.extends}: rules not given here come from it.")
    lines.append(f"Emergency number: {pack.emergency_number or 'not filled in'}")
    lines += [f"Crisis line: {name}, {phone}" for name, phone in pack.crisis_lines]
    minors = f"Minors: adult at {pack.age_of_majority}"
    if pack.own_consent_age:
        minors += f"; consent to their own care from {pack.own_consent_age}"
    lines.append(minors + (f". {pack.parental_access}" if pack.parental_access else "."))
    for rule in pack.flags.values():
        lines += ["", f"{FLAG_LABELS[rule.flag]}: {DUTY_LABELS[rule.duty]}"]
        for label, value in (("Threshold", rule.threshold), ("Legal basis", rule.legal_basis),
                             ("Report to", rule.agency), ("Phone", rule.agency_phone),
                             ("First report", rule.first_report), ("Notes", rule.notes)):  # fmt: skip
            if value:
                lines.append(f"  {label}: {value}")
        if rule.report_within_hours:
            lines.append(f"  Written report due within {rule.report_within_hours} hours.")
        if rule.report_within_working_days:
            lines.append(
                f"  Written report due within {rule.report_within_working_days} working days."
            )
        for option in rule.offered:
            mark = "required" if option in rule.required else "option"
            lines.append(f"  [{mark}] {OPTION_LABELS[option]}")
        if rule.sources:
            lines.append(f"  Sources: {', '.join(rule.sources)}")
    lines += ["", "Sources:"] + [f"  {s.key}: {s.cite}" + (f" <{s.url}>" if s.url else "")
                                 for s in pack.sources]  # fmt: skip
    return lines
