"""The :class:`Medusa` client object."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Mapping
from typing import Any, Literal

import httpx

from ._http import (
    DEFAULT_LIMITS,
    DEFAULT_TIMEOUT,
    HttpClient,
    QueryParams,
    RetryPolicy,
    SleepFn,
)
from .admin import Admin
from .errors import AuthenticationError
from .store import Store

__all__ = ["DEFAULT_BASE_URL", "Medusa"]

DEFAULT_BASE_URL = "http://localhost:9000"
USER_AGENT = "tob-medusa-python/0.1"

Auth = Literal["store", "admin", "none"]


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


def _make_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    seconds = float(timeout)
    if seconds <= 0:
        raise ValueError("timeout must be > 0 seconds")
    return httpx.Timeout(seconds, connect=min(DEFAULT_TIMEOUT.connect or seconds, seconds))


class Medusa:
    """Async client for Medusa v2's Store and Admin APIs.

    >>> async with Medusa("http://localhost:9000", publishable_key="pk_...") as medusa:
    ...     page = await medusa.store.product.list(region_id="reg_...", locale="fr-CA")

    One instance holds one connection pool; create it once per process and share it (it is
    safe for concurrent use). Method names follow Medusa's JS SDK
    (``sdk.store.product.list`` → ``medusa.store.product.list``).

    Args:
        base_url: Medusa's URL (no ``/store`` suffix).
        publishable_key: sent as ``x-publishable-api-key`` on every Store API call.
        admin_token: JWT for the Admin API (``Authorization: Bearer``); see
            :meth:`with_admin_token` and ``admin.auth.login``.
        timeout: seconds (read/write/pool; connect is min(3 s, that)) or an ``httpx.Timeout``.
            Default: connect 3 s, read 10 s.
        max_retries: retries for idempotent requests (default 2).
        retry_base_delay / retry_max_delay: exponential backoff base and cap (0.2 s / 2 s).
        max_retry_after: longest ``Retry-After`` honoured before giving up (5 s).
        transport: an ``httpx.AsyncBaseTransport`` (tests pass ``httpx.MockTransport``).
        sleep: async sleep used between retries (tests pass a recorder that does not sleep).
        limits: connection-pool limits.
        default_headers: extra headers on every request.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        publishable_key: str | None = None,
        admin_token: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 2,
        retry_base_delay: float = 0.2,
        retry_max_delay: float = 2.0,
        max_retry_after: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: SleepFn | None = None,
        limits: httpx.Limits = DEFAULT_LIMITS,
        default_headers: Mapping[str, str] | None = None,
        _rand: Callable[[], float] = random.random,
        _http: HttpClient | None = None,
    ) -> None:
        base_url = base_url.strip().rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, got {base_url!r}")
        self.base_url = base_url
        self.publishable_key = publishable_key or None
        self.admin_token = admin_token or None
        if _http is None:
            headers = {"accept": "application/json", "user-agent": USER_AGENT}
            headers.update(default_headers or {})
            pool = httpx.AsyncClient(
                base_url=base_url,
                headers=headers,
                transport=transport,
                limits=limits,
                timeout=_make_timeout(timeout),
                follow_redirects=False,
            )
            _http = HttpClient(
                pool,
                timeout=_make_timeout(timeout),
                retry=RetryPolicy(
                    max_retries=max_retries,
                    base_delay=retry_base_delay,
                    max_delay=retry_max_delay,
                    max_retry_after=max_retry_after,
                ),
                sleep=sleep,
                rand=_rand,
            )
        self._http = _http
        self.store = Store(self)
        self.admin = Admin(self)

    # --- construction ----------------------------------------------------------------------

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: Any) -> Medusa:
        """Build from ``MEDUSA_BACKEND_URL`` (default http://localhost:9000),
        ``MEDUSA_PUBLISHABLE_KEY`` and ``MEDUSA_TIMEOUT_SECONDS``; ``kwargs`` win over env."""
        env = os.environ if env is None else env
        kwargs.setdefault("publishable_key", env.get("MEDUSA_PUBLISHABLE_KEY") or None)
        raw_timeout = (env.get("MEDUSA_TIMEOUT_SECONDS") or "").strip()
        if raw_timeout and "timeout" not in kwargs:
            try:
                kwargs["timeout"] = float(raw_timeout)
            except ValueError:
                raise ValueError(
                    f"MEDUSA_TIMEOUT_SECONDS must be a number of seconds, got {raw_timeout!r}"
                ) from None
        base_url = (env.get("MEDUSA_BACKEND_URL") or "").strip() or DEFAULT_BASE_URL
        return cls(kwargs.pop("base_url", base_url), **kwargs)

    def with_options(
        self,
        *,
        publishable_key: str | None = NOT_GIVEN,
        admin_token: str | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
    ) -> Medusa:
        """A copy with other settings that shares this client's connection pool.

        Closing the copy does not close the pool; close the original.
        """
        retry = self._http.retry
        if max_retries is not NOT_GIVEN:
            retry = RetryPolicy(
                max_retries=max_retries,
                base_delay=retry.base_delay,
                max_delay=retry.max_delay,
                max_retry_after=retry.max_retry_after,
            )
        http = self._http.derive(
            timeout=None if timeout is NOT_GIVEN else _make_timeout(timeout), retry=retry
        )
        return Medusa(
            self.base_url,
            publishable_key=(self.publishable_key if publishable_key is NOT_GIVEN else publishable_key),
            admin_token=self.admin_token if admin_token is NOT_GIVEN else admin_token,
            _http=http,
        )

    def with_admin_token(self, token: str) -> Medusa:
        """A copy authenticated for the Admin API (shares the connection pool)."""
        if not token:
            raise ValueError("token must be a non-empty string")
        return self.with_options(admin_token=token)

    # --- lifecycle -------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the connection pool (no-op on copies made by :meth:`with_options`)."""
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    async def __aenter__(self) -> Medusa:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"Medusa(base_url={self.base_url!r}, publishable_key="
            f"{'set' if self.publishable_key else None}, admin_token="
            f"{'set' if self.admin_token else None})"
        )

    # --- plumbing used by resources --------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        auth: Auth,
        params: QueryParams | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        bearer: str | None = None,
        expect_json: bool = True,
    ) -> Any:
        """``bearer``: a customer's token (or a registration or reset token) for this call."""
        headers: dict[str, str] = {}
        if auth == "store" and self.publishable_key:
            headers["x-publishable-api-key"] = self.publishable_key
        if auth != "admin" and bearer:
            headers["authorization"] = f"Bearer {bearer}"
        elif auth == "admin":
            if not self.admin_token:
                raise AuthenticationError(
                    "no admin token: create the client with admin_token=..., or use "
                    "medusa.with_admin_token(await medusa.admin.auth.login(email, password))",
                    type="unauthorized",
                )
            headers["authorization"] = f"Bearer {self.admin_token}"
        return await self._http.request(
            method,
            path,
            params=params,
            json=json,
            headers=headers,
            idempotent=idempotent,
            expect_json=expect_json,
        )
