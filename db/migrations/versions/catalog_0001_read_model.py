"""Catalog read model: one row per product × region, with EN/FR full-text vectors.

Accent folding: `unaccent` runs before the language stemmer in two custom text search
configurations (`catalog.fr_unaccent`, `catalog.en_unaccent`), so "cafetiere" finds "Cafetière".
Compound-word tokens (`lave-vaisselle` as one token) are dropped, only their parts are indexed,
so "lave-vaisselle" and "lave vaisselle" match each other.

Revision ID: catalog_0001_read_model
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "catalog_0001_read_model"
down_revision = "0001_base"
branch_labels = ("catalog",)
depends_on = None

WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
COMPOUND_TOKENS = "asciihword, hword"
CONFIGS = {"fr_unaccent": ("french", "french_stem"), "en_unaccent": ("english", "english_stem")}


def _vector(config: str, title: str, body: str) -> str:
    return (
        f"setweight(to_tsvector('catalog.{config}'::regconfig, coalesce({title}, '')), 'A') || "
        f"setweight(to_tsvector('catalog.{config}'::regconfig, coalesce({body}, '')), 'B')"
    )


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS catalog")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # The unaccent dictionary lives in whatever schema the extension was installed in.
    unaccent_schema = (
        op.get_bind()
        .execute(
            sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        )
        .scalar_one()
    )
    for name, (template, stemmer) in CONFIGS.items():
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION catalog.{name} (COPY = {template})")
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION catalog.{name} "
            f"ALTER MAPPING FOR {WORD_TOKENS} WITH {unaccent_schema}.unaccent, {stemmer}"
        )
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION catalog.{name} DROP MAPPING FOR {COMPOUND_TOKENS}")

    text_array = postgresql.ARRAY(sa.Text())
    op.create_table(
        "product_listing",
        sa.Column("region_id", sa.Text(), nullable=False),
        sa.Column("product_id", sa.Text(), nullable=False),
        sa.Column("handle", sa.Text(), nullable=False),
        sa.Column("currency_code", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("original_price", sa.Numeric(), nullable=True),
        sa.Column("price_varies", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("category_ids", text_array, nullable=False, server_default="{}"),
        sa.Column("category_handles", text_array, nullable=False, server_default="{}"),
        sa.Column("collection_id", sa.Text(), nullable=True),
        sa.Column("collection_handle", sa.Text(), nullable=True),
        sa.Column("conditions", text_array, nullable=False, server_default="{}"),
        sa.Column("condition_labels_en", text_array, nullable=False, server_default="{}"),
        sa.Column("condition_labels_fr", text_array, nullable=False, server_default="{}"),
        # per grade, aligned with `conditions`: its lowest price and whether a unit is in stock
        sa.Column("condition_prices", postgresql.ARRAY(sa.Numeric()), nullable=False, server_default="{}"),
        sa.Column("condition_in_stock", postgresql.ARRAY(sa.Boolean()), nullable=False, server_default="{}"),
        sa.Column("in_stock", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=False),
        sa.Column("sort_en", sa.Text(), nullable=False),
        sa.Column("sort_fr", sa.Text(), nullable=False),
        sa.Column("thumbnail", sa.Text(), nullable=False, server_default=""),
        sa.Column("body_en", sa.Text(), nullable=False, server_default=""),
        sa.Column("body_fr", sa.Text(), nullable=False, server_default=""),
        sa.Column(
            "search_en",
            postgresql.TSVECTOR(),
            sa.Computed(_vector("en_unaccent", "title_en", "body_en"), persisted=True),
        ),
        sa.Column(
            "search_fr",
            postgresql.TSVECTOR(),
            sa.Computed(_vector("fr_unaccent", "title_fr", "body_fr"), persisted=True),
        ),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("region_id", "product_id"),
        schema="catalog",
    )
    table = "catalog.product_listing"
    op.execute(f"CREATE INDEX product_listing_search_en ON {table} USING gin (search_en)")
    op.execute(f"CREATE INDEX product_listing_search_fr ON {table} USING gin (search_fr)")
    op.execute(f"CREATE INDEX product_listing_categories ON {table} USING gin (category_ids)")
    op.execute(f"CREATE INDEX product_listing_conditions ON {table} USING gin (conditions)")
    # Sort indexes carry the filter columns (INCLUDE), so a filtered page, a deep OFFSET and the
    # facet counts are index-only scans of narrow tuples, not reads of the wide rows (bench/).
    narrow = "price, in_stock, collection_id, conditions, category_ids, condition_prices, condition_in_stock"
    op.execute(
        f"CREATE INDEX product_listing_price ON {table} (region_id, price, product_id) "
        "INCLUDE (in_stock, collection_id, conditions, category_ids, condition_prices, condition_in_stock, "
        "condition_labels_en, condition_labels_fr)"
    )
    op.execute(
        f"CREATE INDEX product_listing_price_desc ON {table} (region_id, price DESC NULLS LAST, product_id DESC) "
        "INCLUDE (in_stock, collection_id, conditions, category_ids, condition_prices, condition_in_stock)"
    )
    op.execute(
        f"CREATE INDEX product_listing_newest ON {table} (region_id, created_at DESC NULLS LAST, product_id) "
        f"INCLUDE ({narrow})"
    )
    op.execute(
        f"CREATE INDEX product_listing_title_en ON {table} (region_id, sort_en, product_id) INCLUDE ({narrow})"
    )
    op.execute(
        f"CREATE INDEX product_listing_title_fr ON {table} (region_id, sort_fr, product_id) INCLUDE ({narrow})"
    )
    op.execute(f"CREATE INDEX product_listing_collection ON {table} (region_id, collection_id)")
    op.execute(f"CREATE INDEX product_listing_product ON {table} (product_id)")

    # When each full rebuild ran: the safety-net refresh and the stack's "rebuild when empty".
    op.create_table(
        "sync_run",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("rows_written", sa.Integer(), nullable=False),
        sa.Column("rows_deleted", sa.Integer(), nullable=False),
        schema="catalog",
    )


def downgrade() -> None:
    op.drop_table("sync_run", schema="catalog")
    op.drop_table("product_listing", schema="catalog")
    for name in CONFIGS:
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS catalog.{name}")
    op.execute("DROP SCHEMA IF EXISTS catalog")
