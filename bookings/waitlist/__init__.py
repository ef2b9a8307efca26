"""Holds and the waiting list, in the core: the data (`models`), the pure rules of which
times suit whom and how long a time is kept (`matching`), the queries (`selectors`) and
the messages (`emails`). Every change of state is a service in `bookings.services`
(`holds`, `waitlist`, `offers`); the pages are in the rooms (patient, backoffice)."""
