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
