"""assistant: deals' promotions are created after the turn (an outbox) and follow list-price changes.

`promotion_amount` is the amount off the promotion currently gives in Medusa (0 while deactivated
because the list price fell to or below the agreed price); `promotion_attempts` /
`promotion_retry_at` / `promotion_error` pace the retries of a promotion Medusa has not created yet.

Revision ID: assistant_0002_promotion_outbox
Revises: assistant_0001_tables
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assistant_0002_promotion_outbox"
down_revision = "assistant_0001_tables"
branch_labels = None
depends_on = None

SCHEMA = "assistant"


def upgrade() -> None:
    op.add_column(
        "negotiation", sa.Column("promotion_amount", sa.Numeric(14, 4), nullable=True), schema=SCHEMA
    )
    op.add_column(
        "negotiation",
        sa.Column("promotion_attempts", sa.Integer, nullable=False, server_default="0"),
        schema=SCHEMA,
    )
    op.add_column(
        "negotiation",
        sa.Column("promotion_retry_at", sa.DateTime(timezone=True), nullable=True),
        schema=SCHEMA,
    )
    op.add_column("negotiation", sa.Column("promotion_error", sa.Text, nullable=True), schema=SCHEMA)
    # Promotions created before this revision give list − agreed (the list when they were created).
    op.execute(
        f"UPDATE {SCHEMA}.negotiation SET promotion_amount = list_price - deal_price "
        "WHERE promotion_id IS NOT NULL"
    )
    # The outbox sweep and the price-change repricing read the live deals only.
    op.create_index(
        "negotiation_live_deal_idx",
        "negotiation",
        ["product_id", "region_id"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'agreed' AND promo_code IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("negotiation_live_deal_idx", table_name="negotiation", schema=SCHEMA)
    for column in ("promotion_error", "promotion_retry_at", "promotion_attempts", "promotion_amount"):
        op.drop_column("negotiation", column, schema=SCHEMA)
