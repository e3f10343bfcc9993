"""A turn's two round trips against the real Postgres: cached rules follow staff changes at once,
and a pooled connection Postgres dropped is replaced without losing or doubling the turn."""

from __future__ import annotations

import uuid
from contextlib import AsyncExitStack

from negotiation_rows import messages_of
from sqlalchemy import text

import assistant
import db
from assistant.rule_store import delete_rule, set_rule
from assistant.rules import Level

HANDLE = "bose-quietcomfort-ultra-earbuds"


async def variant_of(medusa_client, region, handle):
    product = await medusa_client.store.product.retrieve_by_handle(handle, region_id=region.id)
    return product, next(v for v in product.variants if v.in_stock)


def rule_version() -> int:
    with db.session() as s:
        return s.execute(text("SELECT version FROM assistant.rule_version")).scalar_one()


async def test_a_rule_staff_change_applies_on_the_next_turn(medusa_client, regions):
    """The turns keep the rules in memory; a change made elsewhere (another replica, the CLI,
    plain SQL) is seen by the very next turn through the version the database bumps."""
    _, variant = await variant_of(medusa_client, regions["CAD"], HANDLE)
    first = await assistant.start(variant.id, regions["CAD"].id, "en", medusa=medusa_client)
    turn = await assistant.negotiate(first.negotiation_id, "$1", medusa=medusa_client)
    assert turn.action in ("counter", "final_offer")  # the rules are now cached in this process

    before = rule_version()
    try:
        with db.session() as s:
            set_rule(s, Level.variant, variant.sku, {"enabled": False}, by="turn-store-test")
        assert rule_version() > before
        turn = await assistant.negotiate(first.negotiation_id, "$2", medusa=medusa_client)
        assert turn.action == "reject" and "not open to negotiation" in turn.reply
    finally:
        with db.session() as s:
            delete_rule(s, Level.variant, variant.sku, by="turn-store-test")

    turn = await assistant.negotiate(first.negotiation_id, "$3", medusa=medusa_client)
    assert turn.action in ("counter", "final_offer")

    # A writer that bypasses rule_store (plain SQL) bumps the version too.
    with db.session() as s:
        s.execute(
            text(
                "INSERT INTO assistant.rule (level, target, enabled, updated_by) "
                "VALUES ('variant', :sku, false, 'turn-store-test')"
            ),
            {"sku": variant.sku},
        )
    try:
        turn = await assistant.negotiate(first.negotiation_id, "$4", medusa=medusa_client)
        assert turn.action == "reject"
    finally:
        with db.session() as s:
            s.execute(
                text("DELETE FROM assistant.rule WHERE level = 'variant' AND target = :sku"),
                {"sku": variant.sku},
            )
    turn = await assistant.negotiate(first.negotiation_id, "$5", medusa=medusa_client)
    assert turn.action in ("counter", "final_offer")
    assert [m.seq for m in messages_of(first.negotiation_id)] == list(range(11))


async def test_a_dropped_pooled_connection_is_replaced_and_the_turn_stored_once(medusa_client, regions):
    _, variant = await variant_of(medusa_client, regions["CAD"], HANDLE)
    first = await assistant.start(variant.id, regions["CAD"].id, "en", medusa=medusa_client)
    await assistant.negotiate(first.negotiation_id, "$1", medusa=medusa_client)
    # What a Postgres restart does to the pool: every connection it holds is gone.
    engine = db.async_autocommit_engine()
    async with AsyncExitStack() as held:
        count = max(engine.pool.checkedin(), 2)
        conns = [await held.enter_async_context(engine.connect()) for _ in range(count)]
        pids = [(await c.get_raw_connection()).driver_connection.info.backend_pid for c in conns]
    assert engine.pool.checkedin() == len(pids)
    with db.session() as s:
        for pid in pids:
            s.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    pool = engine.pool
    key = uuid.uuid4().hex
    turn = await assistant.negotiate(first.negotiation_id, "$2", client_key=key, medusa=medusa_client)
    assert turn.action in ("counter", "final_offer")
    assert engine.pool is not pool  # the turn met a dead connection and replaced the pool
    again = await assistant.negotiate(first.negotiation_id, "$2", client_key=key, medusa=medusa_client)
    assert again == turn
    assert [m.seq for m in messages_of(first.negotiation_id)] == list(range(5))
