"""Note templates: the section headings a new note starts with."""

from __future__ import annotations

SECTIONS: dict[str, tuple[str, ...]] = {
    "soap": ("Subjective", "Objective", "Assessment", "Plan"),
    "dap": ("Data", "Assessment", "Plan"),
    "birp": ("Behavior", "Intervention", "Response", "Plan"),
    "free": (),
}


def template_body(template: str) -> str:
    """The text a fresh note of this template starts with."""
    sections = SECTIONS[template]
    return "\n\n".join(f"{name}:\n" for name in sections)


# The termination note (issue 9): headings in the product's own words, with the facts the
# vault knows written under theirs; the clinician writes the rest and signs as usual.
TERMINATION_HEADINGS = (
    "Why therapy is ending",
    "This episode of care",
    "Progress made",
    "What remains open",
    "Referral made",
    "Follow-up arranged",
    "How the client sees the ending",
    "Risk at the end of therapy",
)


def termination_body(facts: dict[str, str]) -> str:
    """A termination note's starting text: each heading, and under it what `facts` (keyed
    by heading) already says; the other headings are left for the clinician."""
    return "\n\n".join(
        f"{heading}:\n{facts[heading]}" if facts.get(heading) else f"{heading}:\n"
        for heading in TERMINATION_HEADINGS
    )
