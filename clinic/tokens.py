"""Secrets sent in links (manage links, sign-in links, calendar feeds).

The link carries the secret; the database keeps only its SHA-256 digest, so a copy of the
database, a backup or an admin screen opens nothing. A fast hash is enough here: each
secret is 256 random bits, which no one can guess or search, unlike a password. No key is
mixed in, so links keep working when the site's SECRET_KEY is rotated.
"""

import hashlib
import hmac
import secrets


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits, safe in a URL


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def matches(secret: str, stored_digest: str) -> bool:
    """Whether `secret` is the one whose digest was stored, in constant time."""
    return hmac.compare_digest(digest(secret), stored_digest)
