"""A negotiation turn's reads and writes in two round trips to Postgres.

A turn reads the negotiation (with the rules' version and, for a retried message, the answer
already given) in one statement, and writes both messages and the new state in one more — a
single statement, so it commits atomically on its own (durably: the deal is on disk before the
reply leaves). The write only applies if no other turn was stored since the read
(``turns`` is the row's version); when one was, the caller plays the turn again holding the row
lock (:func:`locked`), so concurrent messages on one negotiation still queue up, each played on
the state the previous one left.

The rules are read only when their version changed (a database trigger bumps it on every change
of ``assistant.rule``, whoever makes it), so staff changes take effect on the next turn in every
replica while a turn normally reads no rule at all.

Plain SQL on the driver's connection: the ORM's unit of work cost more CPU than the turn itself.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from sqlalchemy.ext.asyncio import AsyncConnection

import db

from .models import SCHEMA
from .rule_store import row_to_rule
from .rules import Rule

__all__ = [
    "Loaded",
    "Replay",
    "StaleConnection",
    "StoredNegotiation",
    "connection",
    "forget_rules",
    "load",
    "rules",
    "save",
]


@dataclass(slots=True)
class StoredNegotiation:
    """The negotiation's columns a turn reads (same names as :class:`NegotiationRow`; a plain
    holder, cheaper than an ORM instance)."""

    id: uuid.UUID
    product_id: str
    product_handle: str
    variant_id: str
    region_id: str
    currency_code: str
    lang: str
    list_price: Decimal
    status: str
    outcome: str | None
    counters: list[str]
    best_offer: Decimal | None
    last_offer: Decimal | None
    deal_price: Decimal | None
    expires_at: datetime | None
    promo_code: str | None
    promotion_id: str | None
    promotion_amount: Decimal | None
    promotion_retry_at: datetime | None
    turns: int
    created_at: datetime
    updated_at: datetime


_COLUMNS = tuple(f.name for f in fields(StoredNegotiation))


_LOAD = f"""
SELECT {", ".join("n." + c for c in _COLUMNS)},
       (SELECT version FROM {SCHEMA}.rule_version) AS rules_version,
       asked.seq AS replay_seq, answer.text AS replay_text, answer.action AS replay_action,
       answer.reason AS replay_reason, answer.price AS replay_price
  FROM {SCHEMA}.negotiation n
  LEFT JOIN {SCHEMA}.message asked ON asked.negotiation_id = n.id AND asked.client_key = %(client_key)s
  LEFT JOIN {SCHEMA}.message answer ON answer.negotiation_id = n.id AND answer.seq = asked.seq + 1
 WHERE n.id = %(id)s
"""
_LOAD_LOCKED = _LOAD + " FOR UPDATE OF n"

# The state written by a turn (promotion_* columns belong to assistant.deals and are not touched).
_SAVE = f"""
WITH n AS (
    UPDATE {SCHEMA}.negotiation
       SET lang = %(lang)s, list_price = %(list_price)s, status = %(status)s, outcome = %(outcome)s,
           counters = %(counters)s, best_offer = %(best_offer)s, last_offer = %(last_offer)s,
           deal_price = %(deal_price)s, expires_at = %(expires_at)s, promo_code = %(promo_code)s,
           turns = %(turns)s, updated_at = %(updated_at)s
     WHERE id = %(id)s AND turns = %(read_turns)s
 RETURNING id
)
INSERT INTO {SCHEMA}.message
       (negotiation_id, seq, role, text, intent, offer, action, reason, price, client_key, created_at)
SELECT n.id, m.seq, m.role, m.text, m.intent, m.offer, m.action, m.reason, m.price, m.client_key,
       %(created_at)s
  FROM n, (VALUES
       (%(shopper_seq)s::integer, 'shopper', %(shopper_text)s::text, %(intent)s::varchar,
        %(offer)s::numeric, NULL::varchar, NULL::varchar, NULL::numeric, %(client_key)s::varchar),
       (%(assistant_seq)s::integer, 'assistant', %(assistant_text)s::text, NULL, NULL,
        %(action)s::varchar, %(reason)s::varchar, %(price)s::numeric, NULL)
       ) AS m (seq, role, text, intent, offer, action, reason, price, client_key)
RETURNING seq
"""

_RULES = f"""
SELECT level, target, enabled, floor_percent, floor_amounts, mode, max_rounds, deal_validity_hours,
       final_offer_at_floor
  FROM {SCHEMA}.rule
"""


@dataclass(frozen=True)
class Replay:
    """The answer already stored for a retried message (same client key)."""

    text: str
    action: str
    reason: str
    price: Decimal | None


@dataclass(frozen=True)
class Loaded:
    row: StoredNegotiation
    rules_version: int | None  # None only if the version row was deleted by hand
    replay: Replay | None


class StaleConnection(Exception):
    """The pooled connection was gone when the turn's first statement used it (Postgres restarted):
    nothing was written, the turn can be played again on a new connection."""


@asynccontextmanager
async def connection() -> AsyncIterator[psycopg.AsyncConnection]:
    """A pooled autocommit connection (see :func:`db.async_autocommit_engine`). One found broken
    means Postgres dropped its connections (a restart, a failover): the whole pool is replaced."""
    engine = db.async_autocommit_engine()
    async with engine.connect() as conn:
        try:
            yield await _driver(conn)
        except StaleConnection:
            await conn.invalidate()
            await engine.dispose(close=False)  # the other pooled ones are gone too
            raise


async def _driver(conn: AsyncConnection) -> psycopg.AsyncConnection:
    raw = await conn.get_raw_connection()
    return raw.driver_connection  # type: ignore[return-value]


async def load(
    conn: psycopg.AsyncConnection, negotiation_id: uuid.UUID, client_key: str | None, *, lock: bool = False
) -> Loaded | None:
    """The negotiation, the rules' version and the stored answer to `client_key` (None: no such
    negotiation). `lock`: hold the row until the caller's transaction ends."""
    try:
        async with conn.cursor(row_factory=dict_row) as cur:
            await cur.execute(
                _LOAD_LOCKED if lock else _LOAD, {"id": negotiation_id, "client_key": client_key}
            )
            record = await cur.fetchone()
    except psycopg.OperationalError as exc:
        if conn.broken:
            raise StaleConnection(str(exc)) from exc
        raise
    if record is None:
        return None
    replay = None
    if record["replay_seq"] is not None:
        replay = Replay(
            record["replay_text"], record["replay_action"], record["replay_reason"], record["replay_price"]
        )
    values = {c: record[c] for c in _COLUMNS}
    values["counters"] = list(values["counters"] or ())
    return Loaded(row=StoredNegotiation(**values), rules_version=record["rules_version"], replay=replay)


async def save(
    conn: psycopg.AsyncConnection,
    row: StoredNegotiation,
    *,
    read_turns: int,
    shopper: dict[str, Any],
    assistant: dict[str, Any],
    created_at: datetime,
) -> bool:
    """Store the turn (both messages and the row's new state) in one statement. False when another
    turn was stored since `read_turns` was read: nothing was written."""
    params = {
        "id": row.id,
        "read_turns": read_turns,
        "lang": row.lang,
        "list_price": row.list_price,
        "status": row.status,
        "outcome": row.outcome,
        "counters": Jsonb(list(row.counters)),
        "best_offer": row.best_offer,
        "last_offer": row.last_offer,
        "deal_price": row.deal_price,
        "expires_at": row.expires_at,
        "promo_code": row.promo_code,
        "turns": row.turns,
        "updated_at": row.updated_at,
        "created_at": created_at,
        "shopper_seq": shopper["seq"],
        "shopper_text": shopper["text"],
        "intent": shopper["intent"],
        "offer": shopper["offer"],
        "client_key": shopper["client_key"],
        "assistant_seq": assistant["seq"],
        "assistant_text": assistant["text"],
        "action": assistant["action"],
        "reason": assistant["reason"],
        "price": assistant["price"],
    }
    async with conn.cursor() as cur:
        await cur.execute(_SAVE, params)
        return len(await cur.fetchall()) == 2


# --- the rules, cached per process and version -------------------------------------------

_rules: tuple[int, tuple[Rule, ...]] | None = None


async def rules(conn: psycopg.AsyncConnection, version: int | None) -> tuple[Rule, ...]:
    """Every rule, as of `version` or later (read again only when the version moved)."""
    global _rules
    cached = _rules
    if cached is not None and cached[0] == version:
        return cached[1]
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(_RULES)
        records = await cur.fetchall()
    loaded = tuple(row_to_rule(SimpleNamespace(**r)) for r in records)  # type: ignore[arg-type]
    # Read after `version` was: a change in between leaves the cache newer than its key, and the
    # next turn (which sees the bumped version) reads again. No version row: never cache.
    _rules = (version, loaded) if version is not None else None
    return loaded


def forget_rules() -> None:
    """Drop the cached rules (tests that rewrite the rule table)."""
    global _rules
    _rules = None
