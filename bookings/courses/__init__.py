"""Care over a course: planning a course of sessions, the patient's scores at every visit,
their progress, and the practitioner's private notes. Part of the core: the rooms call it."""
