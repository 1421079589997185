"""PHQ-9 and GAD-7: exact items, published bands, and the item-9 rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vault.risk.instruments import ANSWERS, ATTRIBUTION, GAD7, PHQ9, AnswersInvalid, score


def _answers_summing_to(total: int, count: int) -> list[int]:
    answers = []
    for _ in range(count):
        answers.append(min(3, total))
        total -= answers[-1]
    return answers


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "None or minimal"), (4, "None or minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
     (14, "Moderate"), (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"),
     (27, "Severe")],
)  # fmt: skip
def test_phq9_bands_follow_the_published_cut_points(total: int, band: str) -> None:
    # Item 9 is the first filled only when the total needs all nine items.
    result = score("phq9", _answers_summing_to(total, 9))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
     (15, "Severe"), (21, "Severe")],
)  # fmt: skip
def test_gad7_bands_follow_the_published_cut_points(total: int, band: str) -> None:
    result = score("gad7", _answers_summing_to(total, 7))
    assert (result.total, result.band) == (total, band)


def test_any_answer_above_not_at_all_on_phq9_item_9_opens_the_danger_to_self_flag() -> None:
    assert score("phq9", [0] * 8 + [1]).opens_danger_to_self  # total 1, band "None or minimal"
    assert not score("phq9", [3] * 8 + [0]).opens_danger_to_self  # total 24, item 9 "Not at all"
    assert not score("gad7", [3] * 7).opens_danger_to_self


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_the_phq9_total_is_the_sum_of_its_items(answers: list[int]) -> None:
    result = score("phq9", answers)
    assert result.total == sum(answers)
    assert result.opens_danger_to_self == (answers[8] > 0)


@pytest.mark.parametrize(
    ("answers", "message"),
    [([0] * 8, "The PHQ-9 has 9 items; 8 were answered."), ([0] * 8 + [4], "Item 9 must be"),
     ([0] * 8 + [True], "Item 9 must be")],
)  # fmt: skip
def test_answers_that_do_not_fit_are_refused_in_one_sentence(
    answers: list[int], message: str
) -> None:
    with pytest.raises(AnswersInvalid, match=message.replace("(", r"\(")):
        score("phq9", answers)


def test_the_wording_is_the_published_wording() -> None:
    assert ANSWERS == ("Not at all", "Several days", "More than half the days", "Nearly every day")
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert GAD7.items[1] == "Not being able to stop or control worrying"
    assert GAD7.items[6] == "Feeling afraid as if something awful might happen"
    assert "No permission required to reproduce" in ATTRIBUTION
