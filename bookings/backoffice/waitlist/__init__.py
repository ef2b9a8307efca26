"""The waiting list in the back office: who waits, the offers made and their outcome, and
offering a time by hand."""
