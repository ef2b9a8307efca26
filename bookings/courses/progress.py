"""Whether a course is helping, and the geometry of the progress chart: pure Python.

Pain is scored 0 (none) to 10 (worst imaginable). A change is clinically meaningful when
the latest score is at least 2 points, or at least 30%, below the first one (the usual
threshold for a 0-10 pain scale). After the number of attended sessions the clinic sets,
a course whose pain has not come down that much is flagged for review.
"""

import enum
from dataclasses import dataclass

SCALE_MAX = 10
MEANINGFUL_POINTS = 2
MEANINGFUL_PERCENT = 30


class Review(enum.Enum):
    TOO_EARLY = "too early to judge"
    NO_SCORES = "not enough pain scores to judge"
    IMPROVED = "meaningful improvement"
    NO_CHANGE = "review: no meaningful change yet"


@dataclass(frozen=True)
class PainChange:
    first: int
    latest: int

    @property
    def drop(self) -> int:
        return self.first - self.latest

    @property
    def meaningful(self) -> bool:
        # In whole numbers, so 30% of a score is never a rounding question.
        return self.drop > 0 and (
            self.drop >= MEANINGFUL_POINTS or 100 * self.drop >= MEANINGFUL_PERCENT * self.first
        )


def pain_change(scores: list[int]) -> PainChange | None:
    """From the first score to the latest; None with fewer than two."""
    if len(scores) < 2:
        return None
    return PainChange(scores[0], scores[-1])


def review(*, sessions_done: int, pain_scores: list[int], after: int) -> Review:
    """The review state of a course after `sessions_done` attended sessions, with its pain
    scores in session order."""
    if sessions_done < after:
        return Review.TOO_EARLY
    change = pain_change(pain_scores)
    if change is None:
        return Review.NO_SCORES
    return Review.IMPROVED if change.meaningful else Review.NO_CHANGE


# The chart: a fixed viewBox that CSS scales to the page's width.
WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 14, 40
PAD = 24  # room inside the plot so the first and last dots and dates are not cut off
MAX_LABELS = 6


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: int
    label: str


@dataclass(frozen=True)
class Line:
    key: str  # a CSS class suffix: the colour and dash of the line
    name: str
    dots: list[Dot]

    @property
    def points(self) -> str:
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in self.dots)


@dataclass(frozen=True)
class Chart:
    lines: list[Line]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM
    tick_x: int = LEFT - 8  # where the 0-10 numbers end, left of the plot
    label_y: int = HEIGHT - BOTTOM + 22  # the baseline of the visit dates


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT - 2 * PAD
    if count == 1:
        return LEFT + PAD + inner / 2
    return round(LEFT + PAD + inner * index / (count - 1), 1)


def _y(value: int) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (SCALE_MAX - value) / SCALE_MAX, 1)


def build_chart(labels: list[str], series: list[tuple[str, str, list[int | None]]]) -> Chart:
    """A chart of 0-10 scores, one column per visit (`labels`), one line per series of
    (key, name, values); a missing value leaves no dot and the line joins its neighbours."""
    count = len(labels)
    lines = []
    for key, name, values in series:
        dots = [
            Dot(_x(i, count), _y(v), v, labels[i]) for i, v in enumerate(values) if v is not None
        ]
        if dots:
            lines.append(Line(key, name, dots))
    every = max(1, -(-count // MAX_LABELS))  # ceiling: at most MAX_LABELS labels
    x_labels = [(_x(i, count), labels[i]) for i in range(0, count, every)]
    y_ticks = [(_y(v), v) for v in range(0, SCALE_MAX + 1, 2)]
    return Chart(lines=lines, x_labels=x_labels, y_ticks=y_ticks)
