"""Reading a negotiation's stored messages, shared by the assistant's integration tests."""

from __future__ import annotations

import uuid

from sqlmodel import select

import db
from assistant.models import MessageRow


def messages_of(negotiation_id: str) -> list[MessageRow]:
    with db.session() as s:
        return list(
            s.exec(
                select(MessageRow)
                .where(MessageRow.negotiation_id == uuid.UUID(negotiation_id))
                .order_by(MessageRow.seq)
            ).all()
        )
