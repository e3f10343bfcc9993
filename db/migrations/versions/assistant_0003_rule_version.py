"""assistant: a version number for the negotiation rules, bumped by the database on every change.

Each replica keeps the resolved rules in memory and reads this one number in the same query that
loads a negotiation, so a rule staff change takes effect on the next turn everywhere without
reading the rules on every turn. A statement trigger bumps it, whoever writes the table (the CLI,
the admin page, a seed, plain SQL), including TRUNCATE.

Revision ID: assistant_0003_rule_version
Revises: assistant_0002_promotion_outbox
"""

from __future__ import annotations

from alembic import op

revision = "assistant_0003_rule_version"
down_revision = "assistant_0002_promotion_outbox"
branch_labels = None
depends_on = None

SCHEMA = "assistant"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TABLE {SCHEMA}.rule_version (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            version bigint NOT NULL
        )
        """
    )
    op.execute(f"INSERT INTO {SCHEMA}.rule_version (singleton, version) VALUES (true, 1)")
    op.execute(
        f"""
        CREATE FUNCTION {SCHEMA}.bump_rule_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {SCHEMA}.rule_version SET version = version + 1;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER rule_version_bump
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {SCHEMA}.rule
        FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.bump_rule_version()
        """
    )


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS rule_version_bump ON {SCHEMA}.rule")
    op.execute(f"DROP FUNCTION IF EXISTS {SCHEMA}.bump_rule_version()")
    op.execute(f"DROP TABLE IF EXISTS {SCHEMA}.rule_version")
