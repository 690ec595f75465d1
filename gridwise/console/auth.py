"""Console logins: users and passwords (or PBKDF2 hashes) from settings."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from gridwise.settings import Settings

ITERATIONS = 200_000


def hash_password(password: str, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """`pbkdf2_sha256$ITERATIONS$SALT$HEX`, for GRIDWISE_CONSOLE_USERS."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${digest.hex()}"


def check_password(settings: Settings, login: str, password: str) -> bool:
    """True when `login` is a configured user and `password` matches (constant time)."""
    stored = settings.console_users.get(login)
    if stored is None:
        hmac.compare_digest(password, "x" * len(password))   # same work for unknown users
        return False
    if stored.startswith("pbkdf2_sha256$"):
        try:
            _, iterations, salt, _ = stored.split("$", 3)
            return hmac.compare_digest(hash_password(password, salt, int(iterations)), stored)
        except ValueError:
            return False
    return hmac.compare_digest(password.encode(), stored.encode())
