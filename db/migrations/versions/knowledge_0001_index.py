"""Product knowledge index: its state per backend, and the pgvector documents table.

The documents table needs the pgvector extension. The embedded Postgres ships it; a server
without it still migrates (Chroma, the default store, does not need it) and the pgvector store
then says what is missing.

Revision ID: knowledge_0001_index
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "knowledge_0001_index"
down_revision = "0001_base"
branch_labels = ("knowledge",)
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS knowledge")
    op.create_table(
        "index_state",
        sa.Column("backend", sa.Text, primary_key=True),
        sa.Column("embedder", sa.Text, nullable=False),
        sa.Column("documents", postgresql.JSONB, nullable=False, server_default="{}"),
        sa.Column("last_counts", postgresql.JSONB, nullable=False, server_default="{}"),
        sa.Column("last_refresh", sa.DateTime(timezone=True), nullable=True),
        schema="knowledge",
    )
    available = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'"))
        .scalar()
    )
    if not available:
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.execute(
        """
        CREATE TABLE knowledge.documents (
            id text PRIMARY KEY,
            product_id text NOT NULL,
            handle text NOT NULL,
            lang text NOT NULL,
            title text NOT NULL,
            text text NOT NULL,
            content_hash text NOT NULL,
            embedding vector(384) NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX documents_lang ON knowledge.documents (lang)")
    op.execute(
        "CREATE INDEX documents_embedding ON knowledge.documents USING hnsw (embedding vector_cosine_ops)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS knowledge.documents")
    op.drop_table("index_state", schema="knowledge")
    op.execute("DROP SCHEMA IF EXISTS knowledge")
