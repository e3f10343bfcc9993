"""Product knowledge index: the pgvector documents keep their retrieval text (what is embedded),
which the hybrid search's BM25 index and e5 re-ranking read.

Revision ID: knowledge_0002_retrieval
Revises: knowledge_0001_index
"""

from __future__ import annotations

from alembic import op

revision = "knowledge_0002_retrieval"
down_revision = "knowledge_0001_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the table exists only where the pgvector extension does (see knowledge_0001)
    op.execute(
        "ALTER TABLE IF EXISTS knowledge.documents ADD COLUMN IF NOT EXISTS retrieval text NOT NULL DEFAULT ''"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE IF EXISTS knowledge.documents DROP COLUMN IF EXISTS retrieval")
