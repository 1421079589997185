"""The signed risk-assessment note: the whole record as plain text, with the rule
it relied on (pack, version, hash, threshold, sources) copied in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vault.consent.models import (
    CLAUSE_LABELS,
    LEGAL_BASIS_LABELS,
    SIGNATURE_METHOD_LABELS,
    Consent,
    Disclosure,
)
from vault.risk.minors import minors_rule_lines
from vault.risk.models import RiskDeadline, RiskEvent
from vault.risk.rules import DUTY_LABELS, FLAG_LABELS, OPTION_LABELS
from vault.risk.steps import STEPS, step_fields


def consent_lines(consents: Sequence[Consent]) -> list[str]:
    """What the client was told: each current consent, its version, date and the limits it
    named. Empty when none is on file (the record then says so plainly)."""
    lines = []
    for consent in consents:
        if consent.status != "current":
            continue
        signer = "the client" if consent.signer_kind == "client" else consent.signer_name
        limits = ", ".join(CLAUSE_LABELS[c] for c in consent.clauses if c in CLAUSE_LABELS)
        lines.append(
            f"{consent.template_title}, version {consent.version}, discussed "
            f"{consent.discussed_on.isoformat()}, signed {consent.signed_on.isoformat()} by "
            f"{signer} ({SIGNATURE_METHOD_LABELS.get(consent.signature_method, '')})."
            + (
                f" Limits it named: {limits}."
                if limits
                else " It named no limits of confidentiality."
            )
        )
    return lines


def render(
    event: RiskEvent,
    consent_lines: Sequence[str],
    disclosures: Sequence[Disclosure] = (),
    deadlines: Sequence[RiskDeadline] = (),
) -> str:
    rule = event.rule["rule"]
    pack = event.rule["pack"]
    out = [
        f"RISK ASSESSMENT: {FLAG_LABELS[event.flag]}",
        f"Opened {event.opened_at}"
        + (" by a PHQ-9 item 9 answer" if event.opened_by == "phq9" else ""),
        "",
    ]
    for step in STEPS:
        answers = event.answers.get(step.key, {})
        out.append(f"{step.number}. {step.title}")
        if step.key == "told":
            out += [f"   {line}" for line in consent_lines] or ["   No consent on file."]
        if step.key == "threshold":
            out.append(f"   Rule ({pack['id']} {pack['version']}): {DUTY_LABELS[rule['duty']]}.")
            out.append(f"   Threshold: {rule['threshold'] or 'not filled in by the pack'}")
            if event.flag == "guardian_request":
                out += [f"   Minors: {line}" for line in minors_rule_lines(event.rule)]
        if step.key == "options":
            out += _options(rule, answers)
        if step.key == "acting":
            out += [f"   Disclosed {d.disclosed_at} to {d.recipient}"
                    f"{f' (spoke to {d.person_spoken_to})' if d.person_spoken_to else ''}"
                    f"{f', reference {d.reference}' if d.reference else ''}: {d.description}. "
                    f"Basis: {LEGAL_BASIS_LABELS.get(d.legal_basis, d.legal_basis)}."
                    for d in disclosures]  # fmt: skip
            out += [f"   Deadline: {d.what}, due {d.due_at.astimezone().isoformat(timespec='minutes')}"
                    for d in deadlines]  # fmt: skip
            if not disclosures and not deadlines:
                out.append("   Nothing disclosed; no deadline started.")
        for item in step_fields(step, event.flag):
            value = answers.get(item.key)
            if value not in (None, ""):
                shown = dict(item.choices).get(str(value), str(value))
                out.append(f"   {item.label}: {shown}")
        out.append("")
    out.append(
        f"Rule relied on: pack {pack['id']} ({pack['place']}), version {pack['version']}, "
        f"checked {pack['reviewed_on']}, SHA-256 {pack['sha256']}."
    )
    for key, cite in event.rule.get("sources", {}).items():
        out.append(f"Source {key}: {cite}")
    return "\n".join(out)


def _options(rule: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    lines = []
    required = set(rule.get("required", []))
    for option in rule.get("offered", []):
        answer = answers.get(option, {})
        chosen = answer.get("chosen") if isinstance(answer, dict) else None
        reason = answer.get("reason", "") if isinstance(answer, dict) else ""
        mark = " (required)" if option in required else ""
        verdict = {"yes": "chosen", "no": "not chosen"}.get(str(chosen), "not answered")
        lines.append(
            f"   {OPTION_LABELS[option]}{mark}: {verdict}" + (f". {reason}" if reason else "")
        )
    return lines
