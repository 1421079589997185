"""The client's safety plan on one printable page: each part as a short list, an empty
part left with lines to write on by hand, and the emergency number at the foot.

It is the client's own document, handed to them: not a disclosure. Printing it is
noted in the audit trail ("print_form"). The plan's text is drawn as plain text by the
PDF layer (control and direction-override characters removed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vault.errors import RecordNotFound
from vault.exports.exports import ExportResult, _audit, _write
from vault.exports.files import check_target
from vault.exports.pdf import PdfDocument
from vault.exports.reading import practice_name
from vault.exports.sections import legal_name
from vault.records.models import Client
from vault.risk.models import SafetyPlan
from vault.risk.safety_plan import REASONS, SECTIONS

if TYPE_CHECKING:
    from vault.vault import Vault

TITLE = "My safety plan"
INTRO = (
    "When things get hard, work down this page, one step at a time, until you feel "
    "safer. Keep it where you can find it."
)
WRITE_HERE = "_" * 60
NO_PLAN = "There is no safety plan for this client yet; write one first."


def safety_plan_pdf(
    vault: Vault, client_id: int, out: Path, *, password: str | None
) -> ExportResult:
    """The latest version of the client's safety plan as a one-page PDF for them."""
    target = check_target(out, vault.layout.root)
    plan = vault.safety_plans.latest(client_id)
    if plan is None:
        raise RecordNotFound(NO_PLAN)
    client = vault.clients.get(client_id, audit=False)
    pack = vault.rule_pack()
    practice = practice_name(vault.store)
    clinician = vault.settings.get("clinician_name")
    doc = build_safety_plan(client, plan, practice=practice, clinician=clinician,
                            emergency=pack.emergency_number)  # fmt: skip
    if doc.pages > 1:  # a long plan: drop the writing lines of empty parts and try again
        doc = build_safety_plan(client, plan, practice=practice, clinician=clinician,
                                emergency=pack.emergency_number, compact=True)  # fmt: skip
    record = _audit("print_form", f"client:{client_id}", f"safety_plan:{plan.id}")
    return _write(vault, doc, target, password, "the record of the printed plan", record)


def build_safety_plan(
    client: Client, plan: SafetyPlan, *, practice: str, clinician: str, emergency: str,
    compact: bool = False,
) -> PdfDocument:  # fmt: skip
    doc = PdfDocument(TITLE, practice=practice, client=legal_name(client))
    doc.title(TITLE)
    made = f"Version {plan.version}, {plan.created_at[:10]}"
    if clinician:
        made += f", written with {clinician}"
    doc.paragraph(f"{INTRO}\n{made}.", size=9)
    parts = [*SECTIONS, REASONS]
    for number, (key, label) in enumerate(parts, start=1):
        lines = plan.sections.get(key, [])
        if key == REASONS[0] and not lines:
            continue  # the optional part is left out rather than left blank
        heading = label if key == REASONS[0] else f"{number}. {label}"
        doc.subheading(heading)
        if lines:
            doc.bullets(lines)
        elif not compact:
            doc.paragraph(f"{WRITE_HERE}\n{WRITE_HERE}")
        else:
            doc.gap()
    if emergency:
        doc.gap()
        doc.paragraph(f"If you are in danger right now, call {emergency}.", style="B", size=11)
    return doc
