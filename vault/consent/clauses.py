"""The clause library of the limits of confidentiality, in words a client reads.

A clause paragraph in a template body starts with the clause's label and a colon
("Danger to self: ..."), which is how a version's `clauses` follow its body: the
clauses a version holds are exactly the paragraphs that start that way. Removing
the paragraph removes the clause; rewording its label removes it too (the label is
what a client and the record both see, so it is the one thing that must match).
"""

from __future__ import annotations

import re

from vault.consent.models import CLAUSE_LABELS, CLAUSES

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n")

CLAUSE_TEXTS = {
    "self_harm": (
        "If I come to believe that you are at serious risk of ending your life or badly "
        "hurting yourself, I may need to act to keep you safe. That could mean contacting "
        "a family member, your doctor or emergency services. Where I can, I will talk it "
        "through with you first."
    ),
    "threat_to_other": (
        "If you tell me you intend to seriously harm a particular person, the law may "
        "require or allow me to warn that person or the police, or to take other steps to "
        "protect them. I would share only what is needed to prevent the harm."
    ),
    "abuse_neglect": (
        "If I learn that a child, an older person or an adult who depends on others for "
        "care is being abused or neglected, I am required to report it to the authorities "
        "named in the law of {jurisdiction}. A report gives only what they need to act."
    ),
    "court_order": (
        "A court can order me to hand over records or to give evidence. If a subpoena or a "
        "court order arrives, I will tell you when I am allowed to, share only what the "
        "order covers, and ask for it to be limited where I can. If you bring a legal claim "
        "that puts your mental health in question, your records may be used in it."
    ),
    "minor_guardian_access": (
        "When a client is under the age the law treats as an adult, parents or legal "
        "guardians usually have a right to know about the therapy. My practice is to give "
        "them a short summary of how things are going rather than the details of what is "
        "said, unless safety requires more."
    ),
    "written_authorization": (
        "Apart from the situations described here, I share information about you only "
        "when you have given me your permission in writing. That permission names who "
        "receives what and for how long, and you can withdraw it in writing at any time."
    ),
    "supervision_consultation": (
        "Like many therapists, I sometimes discuss my work with a supervisor or a "
        "colleague to make sure I am giving you good care. When I do, I leave out your name "
        "and change any detail that could identify you. Those I consult are bound by "
        "confidentiality too."
    ),
    "ending_or_referral": (
        "When therapy ends, your records are kept safely for the time the law requires and "
        "then destroyed. If I refer you to another professional, I send them information "
        "only with your written permission, and only what they need."
    ),
}


def clause_lead(clause: str) -> str:
    """The words a clause paragraph starts with."""
    return f"{CLAUSE_LABELS[clause]}:"


def clause_paragraph(clause: str) -> str:
    return f"{clause_lead(clause)} {CLAUSE_TEXTS[clause]}"


def clauses_in(body: str) -> tuple[str, ...]:
    """The clauses whose paragraph the body holds, in the library's order."""
    starts = [paragraph.strip() for paragraph in _PARAGRAPH_BREAK.split(body)]
    return tuple(
        clause
        for clause in CLAUSES
        if any(start.startswith(clause_lead(clause)) for start in starts)
    )
