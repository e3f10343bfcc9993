"""Rate limits of the assistant: per negotiation, per client address, and whose address counts."""

from __future__ import annotations

import pytest

from assistant.ratelimit import Limiter, RateLimited, Settings, client_address


async def test_each_negotiation_has_its_own_budget_and_refusals_count_nothing():
    limiter = Limiter(Settings(per_negotiation="2/minute", per_client="100/minute"))
    await limiter.check(client="a", negotiation="n1")
    await limiter.check(client="a", negotiation="n1")
    with pytest.raises(RateLimited) as refused:
        await limiter.check(client="a", negotiation="n1")
    assert refused.value.scope == "negotiation" and 1 <= refused.value.retry_after <= 60
    await limiter.check(client="a", negotiation="n2")  # another negotiation goes on
    # Refused requests did not use up the client's budget: 3 hits so far, not 4.
    stats = await limiter.strategy.get_window_stats(limiter.per_client, "assistant", "client", "a")
    assert stats.remaining == 97


async def test_one_address_cannot_flood_many_negotiations():
    limiter = Limiter(Settings(per_negotiation="100/minute", per_client="3/minute"))
    for n in range(3):
        await limiter.check(client="198.51.100.1", negotiation=f"n{n}")
    with pytest.raises(RateLimited) as refused:
        await limiter.check(client="198.51.100.1", negotiation="n9")
    assert refused.value.scope == "client"
    await limiter.check(client="198.51.100.2", negotiation="n9")


@pytest.mark.parametrize(
    ("peer", "header", "hops", "expected"),
    [
        ("10.0.0.5", None, 0, "10.0.0.5"),
        ("10.0.0.5", "1.2.3.4", 0, "10.0.0.5"),  # not configured to trust proxies: header ignored
        ("10.0.0.5", "1.2.3.4", 1, "1.2.3.4"),  # an ALB appended the address it saw
        ("10.0.0.5", "6.6.6.6, 1.2.3.4", 1, "1.2.3.4"),  # the client's own forged entry is ignored
        ("10.0.0.5", "6.6.6.6, 1.2.3.4, 10.0.0.9", 2, "1.2.3.4"),  # CDN + ALB
        ("10.0.0.5", "1.2.3.4", 3, "1.2.3.4"),  # fewer entries than hops: the first one
        ("10.0.0.5", " , ", 1, "10.0.0.5"),
        (None, None, 0, "unknown"),
    ],
)
def test_client_address(peer, header, hops, expected):
    assert client_address(peer, header, hops) == expected
