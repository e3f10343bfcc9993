"""Requests, retries, timeouts and error mapping — the only module that touches httpx calls.

Retry rule: a request is retried only when it is idempotent (GET/HEAD, or flagged
``idempotent=True``), on connection errors, timeouts, and HTTP 429/502/503/504, at most
``max_retries`` times, with exponential backoff plus jitter. A ``Retry-After`` answer is honoured
when it is at most ``max_retry_after`` seconds; a longer one ends the retries at once (a page
cannot wait that long). POSTs are never retried unless flagged.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import anyio
import httpx

from . import _json
from .errors import (
    InvalidResponseError,
    MedusaError,
    MedusaUnavailableError,
    error_from_response,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_TIMEOUT",
    "HttpClient",
    "QueryParams",
    "RetryPolicy",
    "SleepFn",
    "encode_query",
]

log = logging.getLogger("medusa")

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
"""connect 3 s; read, write and pool 10 s."""

DEFAULT_LIMITS = httpx.Limits(max_connections=50, max_keepalive_connections=20, keepalive_expiry=30)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD"})

SleepFn: TypeAlias = Callable[[float], Awaitable[Any]]
QueryValue: TypeAlias = str | int | bool | Sequence[str] | None
QueryParams: TypeAlias = Mapping[str, QueryValue]


@dataclass(frozen=True)
class RetryPolicy:
    """How idempotent requests are retried. ``max_retries=0`` disables retries."""

    max_retries: int = 2
    base_delay: float = 0.2
    max_delay: float = 2.0
    max_retry_after: float = 5.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.base_delay < 0 or self.max_delay < 0 or self.max_retry_after < 0:
            raise ValueError("retry delays must be >= 0")

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay before retry number ``attempt + 1``: ``base * 2**attempt`` capped at
        ``max_delay``, minus up to 25 % jitter."""
        delay = min(self.max_delay, self.base_delay * (2**attempt))
        return delay * (1.0 - 0.25 * rand())


def encode_query(params: QueryParams | None) -> list[tuple[str, str]]:
    """Flatten params for Medusa's ``qs`` parser: lists become ``key[]=a&key[]=b``, booleans
    ``true``/``false``; ``None`` values are dropped."""
    out: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, str | int):
            out.append((key, str(value)))
        else:
            array_key = key if key.endswith("[]") else f"{key}[]"
            out.extend((array_key, str(v)) for v in value)
    return out


def parse_retry_after(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` / ``Retry-After`` (seconds or HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, int(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HttpClient:
    """Sends one logical request (with its retries) and decodes the answer.

    Several ``HttpClient`` views can share one ``httpx.AsyncClient`` (its connection pool) with
    different timeouts or retry policies; only the owner closes the pool.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        sleep: SleepFn | None = None,
        rand: Callable[[], float] = random.random,
        owns_client: bool = True,
    ) -> None:
        self.client = client
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.sleep: SleepFn = sleep or anyio.sleep
        self.rand = rand
        self.owns_client = owns_client

    def derive(self, *, timeout: httpx.Timeout | None = None, retry: RetryPolicy | None = None) -> HttpClient:
        """A view on the same pool with other settings (does not own the pool)."""
        return HttpClient(
            self.client,
            timeout=timeout or self.timeout,
            retry=retry or self.retry,
            sleep=self.sleep,
            rand=self.rand,
            owns_client=False,
        )

    async def aclose(self) -> None:
        if self.owns_client:
            await self.client.aclose()

    @property
    def is_closed(self) -> bool:
        return self.client.is_closed

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        request_timeout: httpx.Timeout | None = None,
        expect_json: bool = True,
    ) -> Any:
        """Send the request, retrying when allowed; return the decoded JSON (``None`` if empty).

        Raises a :class:`~medusa.errors.MedusaError` subclass on any failure.
        """
        method = method.upper()
        retryable = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        max_attempts = 1 + (self.retry.max_retries if retryable else 0)
        query = encode_query(params)
        req_headers = dict(headers or {})
        content: bytes | None = None
        if json is not None:
            content = _json.dumps(json).encode("utf-8")
            req_headers["content-type"] = "application/json"

        attempt = 0
        while True:
            request = self.client.build_request(
                method,
                path,
                params=query,
                content=content,
                headers=req_headers,
                timeout=request_timeout or self.timeout,
            )
            url = _safe_url(request.url)
            last_attempt = attempt + 1 >= max_attempts
            try:
                response = await self.client.send(request)
            except httpx.UnsupportedProtocol as exc:
                raise MedusaError(f"bad Medusa URL {url}: {exc}") from exc
            except httpx.TimeoutException as exc:
                if not last_attempt:
                    await self._pause(attempt, None, method, url, type(exc).__name__)
                    attempt += 1
                    continue
                raise MedusaUnavailableError(
                    f"Medusa did not answer in time ({_timeout_kind(exc)}{_tries(attempt)})",
                    method=method,
                    url=url,
                ) from exc
            except httpx.TransportError as exc:  # refused, DNS, reset, protocol, proxy
                if not last_attempt:
                    await self._pause(attempt, None, method, url, type(exc).__name__)
                    attempt += 1
                    continue
                raise MedusaUnavailableError(
                    f"cannot reach Medusa: {type(exc).__name__}: {exc or 'connection failed'}"
                    f"{_tries(attempt)}",
                    method=method,
                    url=url,
                ) from exc

            status = response.status_code
            if status in RETRY_STATUSES and not last_attempt:
                retry_after = parse_retry_after(response.headers)
                if retry_after is None or retry_after <= self.retry.max_retry_after:
                    await self._pause(attempt, retry_after, method, url, f"HTTP {status}")
                    attempt += 1
                    continue
            if not expect_json and 200 <= status < 300:
                return None  # e.g. the reset-password route answers 201 "Created" in plain text
            return self._decode(response, method, url)

    async def _pause(self, attempt: int, retry_after: float | None, method: str, url: str, why: str) -> None:
        delay = retry_after if retry_after is not None else self.retry.backoff(attempt, self.rand)
        log.debug("medusa %s %s: %s, retry %d in %.2fs", method, url, why, attempt + 1, delay)
        await self.sleep(delay)

    def _decode(self, response: httpx.Response, method: str, url: str) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            if status == 204 or not response.content:
                return None
            try:
                return _json.loads(response.content)
            except ValueError as exc:
                raise InvalidResponseError(
                    f"Medusa answered {status} with a body that is not JSON ({method} {url})",
                    body=response.text[:500],
                ) from exc
        body: Any
        try:
            body = _json.loads(response.content) if response.content else None
        except ValueError:
            body = response.text
        retry_after = parse_retry_after(response.headers)
        raise error_from_response(status, body, method=method, url=url, retry_after=retry_after)


def _tries(attempt: int) -> str:
    return f", {attempt + 1} attempts" if attempt else ""


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connect timeout",
        httpx.ReadTimeout: "read timeout",
        httpx.WriteTimeout: "write timeout",
        httpx.PoolTimeout: "no free connection in the pool",
    }.get(type(exc), "timeout")


def _safe_url(url: httpx.URL) -> str:
    """The URL without its query (queries can be long; none of ours carry secrets, but keep
    messages short)."""
    return str(url.copy_with(query=None))
