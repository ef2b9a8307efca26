"""The patient's pages for holds and the waiting list: holding a chosen time (`flow`),
answering an offer (`flow`), and joining, changing or leaving the list (`manage`)."""
