"""A pack's rules on minors, as the prompt and the signed note say them: the threshold
step of a parent's or guardian's request for a minor's records shows them beside the
rule, and the note keeps them."""

from __future__ import annotations

from typing import Any


def minors_rule_lines(snapshot: dict[str, Any]) -> list[str]:
    """The pack's rules on minors as sentences; [] for a record opened before they were kept."""
    minors = snapshot.get("minors")
    if not minors:
        return []
    lines = [f"Adulthood here begins at {minors['age_of_majority']}."]
    if minors.get("own_consent_age"):
        lines.append(
            f"From {minors['own_consent_age']}, a minor may consent to outpatient therapy "
            "on their own; what they share then may be theirs to release, not their parents'."
        )
    else:
        lines.append("The pack names no age at which a minor may consent to therapy alone.")
    lines.append(
        f"Parents' and guardians' access: {minors['parental_access']}"
        if minors.get("parental_access")
        else "Parents' and guardians' access: the pack says nothing more; check your law."
    )
    return lines
