"""Consent for a minor: the guardian's consent, then the young person's assent."""

from __future__ import annotations

from vault.consent.clauses import clause_paragraph

_LIMITS = ("self_harm", "threat_to_other", "abuse_neglect", "court_order", "minor_guardian_access")

_GUARDIAN = """\
# Consent for a minor's therapy

This form is for the parent or legal guardian of {client_name}, who is under the age at \
which the law of {jurisdiction} lets a young person consent to therapy alone. It asks \
for your consent to therapy with {clinician_name} at {practice_name}, and explains what \
you will and will not be told.

# Your consent

By signing, you confirm that you have the legal authority to consent to treatment for \
{client_name}, and you agree to the therapy described here. If custody is shared or a \
court order says who decides about health care, please bring a copy: I follow what it \
says.

# What parents and guardians are told

Therapy works best when a young person can speak freely. I will keep you informed of \
attendance and give you a summary of how things are going and of any worries about \
safety. I will not usually pass on the details of what is said in sessions. You may \
ask to see the record where the law gives you that right, and I may first talk with \
you about what it is wise to share.

# The limits of confidentiality

There are some situations in which I must share information, whatever anyone's wishes. \
I will tell you about them as they arise whenever it is safe to do so."""

_ASSENT = """\
# For you, {client_name}

This part is for you. It says what therapy with me is, so you can decide whether you \
are willing to give it a go.

We meet to talk about things that matter to you. You do not have to talk about anything \
you are not ready for, and you can ask me questions at any time.

What you tell me stays private. Your parent or guardian will hear how things are going \
in general, but not what you say in our sessions. If I think you or someone else is in \
real danger, I will need to tell someone who can help. When that happens I will try to \
talk to you about it first.

If you agree to come to therapy (this is called giving your assent), tell me, and I \
will write down that you said yes. You can change your mind later, and you can always \
tell me if something is not working for you."""

MINOR_CONSENT = "\n\n".join([_GUARDIAN, *(clause_paragraph(clause) for clause in _LIMITS), _ASSENT])
