"""The performance benchmark: `python -m bench` (README, "Performance").

It builds a large clinic in a fresh database, serves it with gunicorn and production
settings beside a bare Django view, loads both on 127.0.0.1, times the same pages and the
availability engine in-process, and writes the results as a table and as JSON.
"""
