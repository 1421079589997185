"""Informed consent for psychotherapy, with the full clause library."""

from __future__ import annotations

from vault.consent.clauses import clause_paragraph
from vault.consent.models import CLAUSES

_OPENING = """\
# Informed consent for psychotherapy

This form explains how therapy with {clinician_name} at {practice_name} works, so that \
you can decide whether to begin. Please read it at your own pace and ask about anything \
that is unclear. We will go through it together before you sign.

# What therapy involves

Therapy is a conversation with a purpose. Together we look at what brought you here, \
agree on what you would like to change, and review from time to time whether it is \
helping. Talking about painful things can feel worse for a while before it feels \
better; that is common, and you are welcome to tell me when it happens. There is no \
promise of a particular result, and you may stop at any time.

# Sessions, fees and cancellations

Sessions usually last about fifty minutes. The fee for a session, and how it is paid, \
is agreed before we start. If you cannot come, please let me know at least a day \
ahead; a session cancelled later than that, or missed, may be charged. If the fee \
becomes hard to manage, please say so and we will look at the options.

# Your records

I keep brief notes of each session: the date, what we worked on and how you are doing. \
They are kept in an encrypted file on my own computer, which opens only with a \
passphrase I alone know, and they are not stored with any online service. You may ask \
to see or have a copy of your record. Records are kept for as long as the law of \
{jurisdiction} requires and then destroyed securely.

# The limits of confidentiality

What you say in therapy stays between us. There are a small number of situations in \
which the law requires or allows me to share information without your permission. In \
each of them I share only what is needed, and where it is safe to do so I will tell \
you first."""

_CLOSING = """\
# Questions and your choices

You may ask questions about this form, my training or the way I work at any time. \
Agreeing now does not commit you to anything beyond what is written here, and you may \
withdraw your consent to therapy whenever you wish. When something described here \
changes in a way that matters, I will ask you to read and agree to the new version."""

INFORMED_CONSENT = "\n\n".join(
    [_OPENING, *(clause_paragraph(clause) for clause in CLAUSES), _CLOSING]
)
