"""Why a change was refused. Each message is written for the person who asked, and tests
import these classes to assert the exact outcome."""

from bookings.availability import Problem


class BookingError(Exception):
    """A rule stopped the change."""


class SlotUnavailable(BookingError):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.value)


class NotBookable(BookingError):
    pass


class TooLateToChange(BookingError):
    def __init__(self):
        super().__init__(
            "It is too close to the session to change it online. Please call the clinic."
        )


class TimeOffOverlapsBookings(BookingError):
    """Time off over existing bookings needs a second, explicit confirmation."""

    def __init__(self, bookings: list):
        self.bookings = bookings
        super().__init__(
            f"This time off overlaps {len(bookings)} booking(s). They will stay booked for "
            "reception to move; confirm to add the time off anyway."
        )


class CourseSessionUnavailable(BookingError):
    """One session of a course cannot be booked, so none of it is."""

    def __init__(self, number: int, problem: Problem):
        self.number = number
        self.problem = problem
        super().__init__(
            f"Session {number}: {problem.value} Nothing has been booked: choose another "
            "time for that session and confirm again."
        )


class ScoresRefused(BookingError):
    """Scores that cannot be kept, with a message for whoever gave them."""


class OfferClosed(BookingError):
    """A waiting-list offer that can no longer be answered as asked (already booked,
    turned down, or gone to the next person)."""


class OfferNotMade(BookingError):
    """Nobody was offered the time: the person has an offer open, or is no longer
    waiting. Nothing was changed."""
