"""The twelve steps of the guided limits-of-confidentiality prompt, as data: what
each step asks, and (step 3) the questions of each flag. The screens draw them;
the risk record stores the answers under these keys, so keys are a contract.
"""

from __future__ import annotations

from dataclasses import dataclass

YES_NO = (("yes", "Yes"), ("no", "No"))


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text (several lines), line, choice, date, datetime
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    intro: str
    fields: tuple[Field, ...] = ()


FACTS: dict[str, tuple[Field, ...]] = {
    "danger_to_self": (
        Field("thoughts", "Thoughts of suicide or self-harm: how often, how recent", required=True),
        Field("plan", "Plan: is there one, how specific"),
        Field("method", "Method considered"),
        Field("means", "Access to means (firearms, medicines, other)", required=True),
        Field("intent", "Intent to act", required=True),
        Field("preparation", "Preparatory acts (notes, giving things away, rehearsal)"),
        Field("past_attempts", "Past attempts or self-harm"),
        Field("protective", "Protective factors (people, reasons for living, future plans)"),
        Field(
            "risk_level",
            "Your estimate of the risk",
            "choice",
            (("low", "Low"), ("moderate", "Moderate"), ("high", "High")),
            required=True,
        ),
        Field("clients_words", "The client's own words"),
    ),
    "threat_to_other": (
        Field("words_used", "The words used, as close to exact as you can", required=True),
        Field("person", "Who is at risk, and can they be identified", required=True),
        Field("means", "Means (weapons, access to the person)"),
        Field("plan", "Plan"),
        Field("timing", "Timing: when, how soon"),
        Field("history", "History of violence, substance use"),
        Field("clients_words", "The client's own words, anything else they said"),
    ),
    "child_abuse": (
        Field("child", "The child: first name or initials, age, where they are", required=True),
        Field("what", "What you learned: the nature and extent of the harm", required=True),
        Field(
            "how_known",
            "How you know: seen, told by the child, told by someone else",
            required=True,
        ),
        Field("suspected", "Who is suspected, and their relation to the child"),
        Field("caregivers", "Parents or caregivers"),
        Field("earlier", "Earlier injuries or concerns"),
        Field("clients_words", "The client's own words"),
    ),
    "elder_abuse": (
        Field(
            "adult",
            "The adult: age, disability, where they live (home or care facility)",
            required=True,
        ),
        Field(
            "kind",
            "What kind of harm: physical, sexual, financial, neglect, self-neglect",
            required=True,
        ),
        Field("suspected", "Who is suspected"),
        Field("capacity", "The adult's capacity to decide"),
        Field("wishes", "What the adult wants done"),
        Field("clients_words", "The client's own words"),
    ),
    "court_order": (
        Field(
            "document",
            "What arrived",
            "choice",
            (
                ("court_order", "An order signed by a judge"),
                ("subpoena", "A subpoena"),
                ("other", "Another demand (letter, request)"),
            ),
            required=True,
        ),  # fmt: skip
        Field("issued_by", "Issued by (court, lawyer, agency), and the case", required=True),
        Field("asks_for", "What it asks for: records, testimony, which dates", required=True),
        Field("due", "By when", "date"),
        Field(
            "client_authorised",
            "Has the client authorised release in writing",
            "choice",
            (("yes", "Yes"), ("no", "No"), ("asked", "Asked, no answer yet")),
        ),
        Field(
            "assurances",
            "Written assurances received (client notified, or a protective order)",
            "choice",
            YES_NO,
        ),
        Field("notes", "Anything else"),
    ),
    "guardian_request": (
        Field("requester", "Who is asking: name and relationship to the minor", required=True),
        Field(
            "standing",
            "Their legal standing: parent, guardian, custody order (seen?)",
            required=True,
        ),
        Field("minor_age", "The minor's age", "line", required=True),
        Field(
            "exception",
            "Does an exception apply",
            "choice",
            (
                ("none", "None"),
                ("own_consent", "The minor consented to care alone"),
                ("court", "A court directed the care"),
                ("agreed", "The parent agreed to confidentiality"),
            ),
            required=True,
        ),  # fmt: skip
        Field("endangerment", "Any concern that the requester has harmed or endangers the minor"),
        Field("minors_view", "What the minor wants"),
    ),
}

JUDGEMENTS = (("met", "Met"), ("not_met", "Not met"), ("unsure", "Unsure"))
BASES = (
    ("authorization", "The client's written authorization"),
    ("required", "Required by law"),
    ("permitted", "Permitted by law"),
    ("none", "None: nothing will be disclosed"),
)
TOLD = (("yes", "Told"), ("later", "Will tell later"), ("no", "Not told"))

STEPS: tuple[Step, ...] = (
    Step(1, "danger", "Immediate danger",
         "Is anyone in danger right now? If so, act first: call emergency services. The rest "
         "of this record can be completed afterwards.",
         (Field("danger_now", "Is anyone in danger right now", "choice", YES_NO, required=True),
          Field("call_time", "Time of the call", "datetime",
                hint="YYYY-MM-DD HH:MM; leave empty if there was no call"),
          Field("called", "Who you called, and what was agreed"))),
    Step(2, "told", "What the client was told",
         "The consent on file and the limits of confidentiality it named, as recorded.",
         (Field("recollection", "Anything else the client was told about these limits, and when"),)),
    Step(3, "facts", "The facts", "What you know, in plain words. Quote the client where you can."),
    Step(4, "threshold", "The threshold",
         "The rule's own test, and your judgement of whether it is met.",
         (Field("judgement", "Is the threshold met", "choice", JUDGEMENTS, required=True),
          Field("reasons", "Your reasons", required=True))),
    Step(5, "basis", "Legal basis", "On what basis anything would be disclosed.",
         (Field("basis", "Legal basis", "choice", BASES, required=True),
          Field("basis_note", "Details (which release, which law)"))),
    Step(6, "options", "Options",
         "Each option chosen or not, with a reason. Options the rule requires are marked."),
    Step(7, "consultation", "Consultation", "Who you consulted, when, and what they advised.",
         (Field("with_whom", "Consulted with (colleague, supervisor, insurer, lawyer)"),
          Field("when", "When", "datetime"),
          Field("advice", "What was advised, or why you did not consult"))),
    Step(8, "minimum", "The minimum necessary",
         "What will be disclosed, to whom: only what the purpose needs.",
         (Field("what", "What will be disclosed"), Field("to_whom", "To whom"))),
    Step(9, "acting", "Acting",
         "Each disclosure you made, recorded as it happened; each deadline started."),
    Step(10, "telling", "Telling the client", "Whether, when and how the client was told.",
         (Field("told", "The client", "choice", TOLD, required=True),
          Field("how", "When and how, or why not", required=True))),
    Step(11, "follow_up", "Follow-up", "When you will next see or check on the client, and the plan.",
         (Field("date", "Follow-up date", "date", required=True),
          Field("plan", "Plan", required=True))),
    Step(12, "review", "Review and sign",
         "The whole record as one risk-assessment note. Once signed it cannot be changed; "
         "add an addendum instead."),
)  # fmt: skip

STEP_COUNT = len(STEPS)


def step_fields(step: Step, flag: str) -> tuple[Field, ...]:
    return FACTS[flag] if step.key == "facts" else step.fields
