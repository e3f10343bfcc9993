"""The staff package's table (Postgres schema ``staff``): signed-in staff sessions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

SCHEMA = "staff"


class StaffSession(SQLModel, table=True):
    """One signed-in staff browser. The browser holds a random id; only its SHA-256 is stored, with
    the Medusa admin token, which never leaves the server."""

    __tablename__ = "staff_session"
    __table_args__ = {"schema": SCHEMA}

    id_hash: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(max_length=64, index=True)
    email: str = Field(max_length=255)
    medusa_token: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    last_seen_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)
