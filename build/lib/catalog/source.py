"""The one Medusa client the storefront process shares (connection pooling, one config)."""

from __future__ import annotations

from medusa import Medusa

_client: Medusa | None = None


def medusa() -> Medusa:
    global _client
    if _client is None:
        _client = Medusa.from_env()
    return _client


def reset() -> None:
    """Forget the client (tests that change the environment)."""
    global _client
    _client = None
