"""The review rule and the chart's geometry on their own: no database."""

import pytest

from bookings.courses.progress import (
    HEIGHT,
    MAX_LABELS,
    TOP,
    PainChange,
    Review,
    build_chart,
    pain_change,
    review,
)


@pytest.mark.parametrize(
    ("first", "latest", "meaningful"),
    [
        (8, 6, True),  # 2 points
        (8, 7, False),  # 1 point, 12.5%
        (3, 2, True),  # 1 point is 33%
        (4, 3, False),  # 1 point is 25%
        (10, 7, True),  # exactly 30%
        (10, 8, True),  # 2 points, 20%
        (5, 5, False),
        (5, 7, False),  # worse
        (0, 0, False),  # nothing to improve is not an improvement
    ],
)
def test_a_meaningful_change_is_two_points_or_thirty_percent(first, latest, meaningful):
    assert PainChange(first, latest).meaningful is meaningful


def test_the_change_is_from_the_first_score_to_the_latest():
    assert pain_change([]) is None
    assert pain_change([7]) is None
    assert pain_change([7, 3, 6]) == PainChange(7, 6)


def test_review_waits_for_the_sessions_the_clinic_sets():
    assert review(sessions_done=3, pain_scores=[7, 7, 7], after=4) is Review.TOO_EARLY
    assert review(sessions_done=4, pain_scores=[7, 7, 7, 7], after=4) is Review.NO_CHANGE
    assert review(sessions_done=4, pain_scores=[7, 7, 6, 5], after=4) is Review.IMPROVED
    assert review(sessions_done=4, pain_scores=[7], after=4) is Review.NO_SCORES
    assert review(sessions_done=2, pain_scores=[7, 7], after=2) is Review.NO_CHANGE
    assert review(sessions_done=5, pain_scores=[6, 5], after=4) is Review.NO_CHANGE


def test_a_chart_with_no_visits_has_no_lines():
    chart = build_chart([], [("pain-now", "Pain now", [])])
    assert chart.lines == [] and chart.x_labels == []
    assert [v for _, v in chart.y_ticks] == [0, 2, 4, 6, 8, 10]


def test_a_chart_with_one_visit_has_one_dot_in_the_middle():
    chart = build_chart(["3 Nov"], [("pain-now", "Pain now", [6]), ("pain-worst", "Worst", [None])])
    [line] = chart.lines
    [dot] = line.dots
    assert dot.x == (chart.left + chart.right_edge) / 2
    assert dot.value == 6 and dot.label == "3 Nov"
    assert line.points == f"{dot.x:.1f},{dot.y:.1f}"


def test_a_chart_with_many_visits_spaces_them_and_thins_the_labels():
    labels = [f"{d} Nov" for d in range(1, 21)]
    scores = [10, 9, None, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0]
    chart = build_chart(labels, [("pain-now", "Pain now", scores)])
    [line] = chart.lines
    assert len(line.dots) == 19  # the missing score leaves no dot
    xs = [d.x for d in line.dots]
    assert xs == sorted(xs) and len(set(xs)) == 19
    assert line.dots[0].y == TOP  # 10 at the top
    assert line.dots[-1].y == chart.bottom_edge  # 0 at the bottom
    assert 0 < chart.bottom_edge < HEIGHT
    assert len(chart.x_labels) <= MAX_LABELS
    assert chart.x_labels[0][1] == "1 Nov"
