"""A fresh database for each run: SQLite in the run's folder, or PostgreSQL when
DATABASE_URL names one (dropped and created again, so its name must say "bench")."""

import os
from pathlib import Path

import dj_database_url
import psycopg2
from psycopg2 import sql


def fresh_database_url(workdir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("The benchmark runs on SQLite (no DATABASE_URL) or on PostgreSQL.")
    if "bench" not in config["NAME"]:
        raise SystemExit(
            f"The benchmark drops and recreates the database it is given, so it only takes "
            f"one with 'bench' in its name (DATABASE_URL names {config['NAME']!r})."
        )
    _recreate(config)
    return url


def _recreate(config: dict) -> None:
    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True
    name = sql.Identifier(config["NAME"])
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    finally:
        connection.close()
