"""PHQ-9 and GAD-7: public-domain screeners, their items word for word, scored
with the published severity bands.

Both were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke
and colleagues; no permission is required to reproduce, translate, display or
distribute them. The wording below must stay exact: do not edit it for style.
"""

from __future__ import annotations

from dataclasses import dataclass

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)
STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]  # (lowest total, label), highest first

    @property
    def max_total(self) -> int:
        return 3 * len(self.items)

    def band(self, total: int) -> str:
        return next(label for lowest, label in self.bands if total >= lowest)


PHQ9 = Instrument(
    id="phq9",
    name="PHQ-9",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        (20, "Severe"),
        (15, "Moderately severe"),
        (10, "Moderate"),
        (5, "Mild"),
        (0, "None or minimal"),
    ),  # fmt: skip
)
PHQ9_DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
DIFFICULTY_ANSWERS = (
    "Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult",
)  # fmt: skip

GAD7 = Instrument(
    id="gad7",
    name="GAD-7",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=((15, "Severe"), (10, "Moderate"), (5, "Mild"), (0, "Minimal")),
)
INSTRUMENTS = {PHQ9.id: PHQ9, GAD7.id: GAD7}


class AnswersInvalid(ValueError):
    """Raised with one sentence when answers do not fit the instrument."""


@dataclass(frozen=True)
class Score:
    instrument: str
    answers: tuple[int, ...]
    total: int
    band: str

    @property
    def opens_danger_to_self(self) -> bool:
        """PHQ-9 item 9 answered above "Not at all": a suicide-risk evaluation is needed,
        whatever the total."""
        return self.instrument == PHQ9.id and self.answers[8] > 0


def score(instrument_id: str, answers: list[int] | tuple[int, ...]) -> Score:
    instrument = INSTRUMENTS[instrument_id]
    if len(answers) != len(instrument.items):
        raise AnswersInvalid(
            f"The {instrument.name} has {len(instrument.items)} items; {len(answers)} were answered."
        )
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 3:
            raise AnswersInvalid(f"Item {number} must be answered 0, 1, 2 or 3.")
    total = sum(answers)
    return Score(instrument.id, tuple(answers), total, instrument.band(total))
