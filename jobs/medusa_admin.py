"""An Admin API client for jobs: Medusa from env, logged in as the staff user from env.

The staff token is kept in the process and reused by the next job (the scheduler runs for days):
a login is scrypt in Medusa, 0.2–1.7 s of a 2–3 s stock sync on this machine under load, where
checking a kept token costs one `GET /admin/users/me`. A token is used again only while it has
more than TOKEN_MARGIN_SECONDS left and Medusa still accepts it; otherwise the job logs in anew.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from medusa import AuthenticationError, Medusa

DEFAULT_ADMIN_EMAIL = "admin@theopenbox.test"
DEFAULT_ADMIN_PASSWORD = "supersecret"
# Batch workflows on hundreds of rows take seconds; the storefront's 10 s read timeout is too short.
JOBS_MEDUSA_TIMEOUT = 120.0
# A kept token must outlive the job it is lent to (Medusa's tokens last a day by default).
TOKEN_MARGIN_SECONDS = 30 * 60

# (Medusa URL, email, password digest) → the staff token of the last login with them
_tokens: dict[tuple[str, str, str], str] = {}


def token_expiry(token: str) -> float | None:
    """The `exp` claim (Unix seconds) of a JWT, read without checking it (Medusa does that)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        exp = claims.get("exp")
    except (IndexError, ValueError, AttributeError):
        return None
    return float(exp) if isinstance(exp, int | float) else None


async def _staff_token(medusa: Medusa, base_url: str, email: str, password: str) -> str:
    key = (base_url, email, hashlib.sha256(password.encode()).hexdigest())
    kept = _tokens.get(key)
    if kept and (token_expiry(kept) or 0) > time.time() + TOKEN_MARGIN_SECONDS:
        try:
            await medusa.with_admin_token(kept).admin.user.me()
            return kept
        except AuthenticationError:  # revoked, or Medusa's secret changed: log in again
            _tokens.pop(key, None)
    token = await medusa.admin.auth.login(email, password)
    _tokens[key] = token
    return token


@asynccontextmanager
async def admin_medusa(env: dict[str, str] | None = None) -> AsyncIterator[Medusa]:
    """``MEDUSA_BACKEND_URL`` + ``MEDUSA_ADMIN_EMAIL`` / ``MEDUSA_ADMIN_PASSWORD`` → a client with an
    admin token. Raises medusa.AuthenticationError on a bad login."""
    env = dict(os.environ) if env is None else env
    timeout = float(env.get("JOBS_MEDUSA_TIMEOUT_SECONDS") or JOBS_MEDUSA_TIMEOUT)
    async with Medusa.from_env(env, timeout=timeout) as medusa:
        email = (env.get("MEDUSA_ADMIN_EMAIL") or "").strip() or DEFAULT_ADMIN_EMAIL
        password = (env.get("MEDUSA_ADMIN_PASSWORD") or "").strip() or DEFAULT_ADMIN_PASSWORD
        base_url = (env.get("MEDUSA_BACKEND_URL") or "").strip()
        yield medusa.with_admin_token(await _staff_token(medusa, base_url, email, password))
