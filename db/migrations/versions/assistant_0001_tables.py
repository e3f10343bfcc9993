"""assistant: negotiation rules (+ audit), negotiations and their messages.

Revision ID: assistant_0001_tables
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "assistant_0001_tables"
down_revision = "0001_base"
branch_labels = ("assistant",)
depends_on = None

SCHEMA = "assistant"


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "rule",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("target", sa.String(255), nullable=False, server_default=""),
        sa.Column("enabled", sa.Boolean, nullable=True),
        sa.Column("floor_percent", sa.Numeric(7, 4), nullable=True),
        sa.Column("floor_amounts", postgresql.JSONB, nullable=True),
        sa.Column("mode", sa.String(16), nullable=True),
        sa.Column("max_rounds", sa.Integer, nullable=True),
        sa.Column("deal_validity_hours", sa.Integer, nullable=True),
        sa.Column("final_offer_at_floor", sa.Boolean, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("updated_by", sa.String(255), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.UniqueConstraint("level", "target", name="rule_level_target_key"),
        sa.CheckConstraint("level IN ('store', 'category', 'product', 'variant')", name="rule_level_check"),
        sa.CheckConstraint("(level = 'store') = (target = '')", name="rule_target_check"),
        sa.CheckConstraint(
            "mode IS NULL OR mode IN ('conversion', 'balanced', 'margin')", name="rule_mode_check"
        ),
        sa.CheckConstraint(
            "floor_percent IS NULL OR (floor_percent > 0 AND floor_percent <= 100)",
            name="rule_floor_percent_check",
        ),
        sa.CheckConstraint(
            "floor_percent IS NULL OR floor_amounts IS NULL", name="rule_one_floor_kind_check"
        ),
        sa.CheckConstraint("max_rounds IS NULL OR max_rounds BETWEEN 1 AND 12", name="rule_rounds_check"),
        sa.CheckConstraint(
            "deal_validity_hours IS NULL OR deal_validity_hours BETWEEN 1 AND 336",
            name="rule_validity_check",
        ),
        schema=SCHEMA,
    )
    op.create_table(
        "rule_change",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("target", sa.String(255), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("after", postgresql.JSONB, nullable=True),
        sa.Column("changed_by", sa.String(255), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        schema=SCHEMA,
    )
    op.create_table(
        "negotiation",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("product_id", sa.String(64), nullable=False),
        sa.Column("product_handle", sa.String(255), nullable=False),
        sa.Column("variant_id", sa.String(64), nullable=False, index=True),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("currency_code", sa.String(3), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("list_price", sa.Numeric(14, 4), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("counters", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("best_offer", sa.Numeric(14, 4), nullable=True),
        sa.Column("last_offer", sa.Numeric(14, 4), nullable=True),
        sa.Column("deal_price", sa.Numeric(14, 4), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("promo_code", sa.String(64), nullable=True, unique=True),
        sa.Column("promotion_id", sa.String(64), nullable=True),
        sa.Column("turns", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.CheckConstraint(
            "status IN ('open', 'agreed', 'closed', 'expired')", name="negotiation_status_check"
        ),
        # One deal per negotiation, and an agreed negotiation always has its price and expiry.
        sa.CheckConstraint(
            "(status = 'agreed') <= (deal_price IS NOT NULL AND expires_at IS NOT NULL)",
            name="negotiation_deal_check",
        ),
        schema=SCHEMA,
    )
    op.create_table(
        "message",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "negotiation_id",
            sa.Uuid,
            sa.ForeignKey(f"{SCHEMA}.negotiation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("intent", sa.String(16), nullable=True),
        sa.Column("offer", sa.Numeric(14, 4), nullable=True),
        sa.Column("action", sa.String(16), nullable=True),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("price", sa.Numeric(14, 4), nullable=True),
        # The client's id for a shopper message: a retried request returns the stored reply.
        sa.Column("client_key", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.UniqueConstraint("negotiation_id", "seq", name="message_negotiation_seq_key"),
        sa.UniqueConstraint("negotiation_id", "client_key", name="message_client_key_key"),
        sa.CheckConstraint("role IN ('shopper', 'assistant')", name="message_role_check"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
