"""An Admin API client for jobs: Medusa from env, logged in as the staff user from env."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from medusa import Medusa

DEFAULT_ADMIN_EMAIL = "admin@theopenbox.test"
DEFAULT_ADMIN_PASSWORD = "supersecret"
# Batch workflows on hundreds of rows take seconds; the storefront's 10 s read timeout is too short.
JOBS_MEDUSA_TIMEOUT = 120.0


@asynccontextmanager
async def admin_medusa(env: dict[str, str] | None = None) -> AsyncIterator[Medusa]:
    """``MEDUSA_BACKEND_URL`` + ``MEDUSA_ADMIN_EMAIL`` / ``MEDUSA_ADMIN_PASSWORD`` → a client with an
    admin token. Raises medusa.AuthenticationError on a bad login."""
    env = dict(os.environ) if env is None else env
    timeout = float(env.get("JOBS_MEDUSA_TIMEOUT_SECONDS") or JOBS_MEDUSA_TIMEOUT)
    async with Medusa.from_env(env, timeout=timeout) as medusa:
        email = (env.get("MEDUSA_ADMIN_EMAIL") or "").strip() or DEFAULT_ADMIN_EMAIL
        password = (env.get("MEDUSA_ADMIN_PASSWORD") or "").strip() or DEFAULT_ADMIN_PASSWORD
        token = await medusa.admin.auth.login(email, password)
        yield medusa.with_admin_token(token)
