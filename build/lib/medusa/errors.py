"""Exceptions raised by the Medusa client.

Hierarchy::

    MedusaError                       base of everything this package raises
    ├── MedusaAPIError                Medusa answered with an error (or the request was rejected
    │   │                             locally because Medusa would reject it; then status is None)
    │   ├── ValidationError           400, or Medusa ``type: invalid_data``
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404 (also: retrieve_by_handle found nothing)
    │   ├── ConflictError             409
    │   ├── UnprocessableEntityError  422 (Medusa: duplicate_error, payment_authorization_error)
    │   ├── RateLimitError            429 (after retries)
    │   └── ServerError               500, 501 and other 5xx not listed below
    ├── MedusaUnavailableError        no usable answer: connection refused, DNS failure, timeouts,
    │                                 and 502/503/504 after retries. The storefront shows its
    │                                 outage message on this one.
    └── InvalidResponseError          Medusa answered 2xx with a body we cannot read

Medusa's error body is ``{"type": "not_found", "message": "...", "code": "..."}`` (``code`` is
optional). ``type`` is one of Medusa's ``MedusaError.Types`` (``invalid_data``, ``not_found``,
``unauthorized``, ``not_allowed``, ``conflict``, ``duplicate_error``, ...).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AuthenticationError",
    "ConflictError",
    "InvalidResponseError",
    "MedusaAPIError",
    "MedusaError",
    "MedusaUnavailableError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnprocessableEntityError",
    "ValidationError",
    "error_from_response",
]


class MedusaError(Exception):
    """Base class of every exception raised by this package."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MedusaAPIError(MedusaError):
    """Medusa answered with an error status.

    ``status`` is the HTTP status (``None`` when the client refused the request before sending
    it), ``type`` and ``code`` come from Medusa's error body, ``body`` is the decoded body (or the
    raw text when it was not JSON).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        type: str | None = None,
        body: Any = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.type = type
        self.body = body
        self.method = method
        self.url = url

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        prefix = f"{self.status} " if self.status is not None else ""
        kind = f"[{self.type}] " if self.type else ""
        return f"{prefix}{kind}{self.message}{where}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, "
            f"code={self.code!r}, message={self.message!r})"
        )


class ValidationError(MedusaAPIError):
    """400, or Medusa ``type: invalid_data``; also raised locally for requests Medusa rejects."""


class AuthenticationError(MedusaAPIError):
    """401: missing/invalid publishable key for admin routes, bad credentials, expired token."""


class PermissionDeniedError(MedusaAPIError):
    """403."""


class NotFoundError(MedusaAPIError):
    """404, or a look-up by handle that matched nothing."""


class ConflictError(MedusaAPIError):
    """409."""


class UnprocessableEntityError(MedusaAPIError):
    """422 (Medusa uses it for ``duplicate_error`` and ``payment_authorization_error``)."""


class RateLimitError(MedusaAPIError):
    """429 that persisted through the retries (or asked to wait too long)."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(MedusaAPIError):
    """5xx other than 502/503/504 (those are :class:`MedusaUnavailableError`)."""


class MedusaUnavailableError(MedusaError):
    """Medusa could not be reached or did not answer usefully in time.

    Raised for connection errors (refused, DNS, reset), timeouts, and 502/503/504 once the
    retries are spent. ``status`` is the last HTTP status when there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str | None = None,
        url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.method = method
        self.url = url
        self.retry_after = retry_after

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        return f"{self.message}{where}"


class InvalidResponseError(MedusaError):
    """A 2xx answer whose body is not the JSON we expect (proxy page, truncated body...)."""

    def __init__(self, message: str, *, body: Any = None) -> None:
        super().__init__(message)
        self.body = body


_BY_STATUS: dict[int, type[MedusaAPIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_BY_TYPE: dict[str, type[MedusaAPIError]] = {
    "invalid_data": ValidationError,
    "unauthorized": AuthenticationError,
    "forbidden": PermissionDeniedError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "duplicate_error": UnprocessableEntityError,
}

UNAVAILABLE_STATUSES = frozenset({502, 503, 504})


def error_from_response(
    status: int,
    body: Any,
    *,
    method: str | None = None,
    url: str | None = None,
    retry_after: float | None = None,
) -> MedusaError:
    """Map an HTTP error answer to the matching exception (not raised, returned)."""
    err_type: str | None = None
    code: str | None = None
    message: str | None = None
    if isinstance(body, dict):
        err_type = _str_or_none(body.get("type"))
        code = _str_or_none(body.get("code"))
        message = _str_or_none(body.get("message"))
    elif isinstance(body, str) and body.strip():
        message = body.strip()[:500]
    if not message:
        message = f"Medusa answered HTTP {status}"

    if status in UNAVAILABLE_STATUSES:
        return MedusaUnavailableError(
            f"Medusa is unavailable (HTTP {status}): {message}",
            status=status,
            method=method,
            url=url,
            retry_after=retry_after,
        )

    cls: type[MedusaAPIError]
    if status in _BY_STATUS:
        cls = _BY_STATUS[status]
    elif status >= 500:
        cls = ServerError
    elif err_type in _BY_TYPE:
        cls = _BY_TYPE[err_type]
    else:
        cls = MedusaAPIError
    kwargs: dict[str, Any] = dict(status=status, code=code, type=err_type, body=body, method=method, url=url)
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
