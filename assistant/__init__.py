"""The negotiation assistant: floor-guarded price negotiation in English and French.

The price decision is deterministic code — :mod:`assistant.rules` (which terms apply),
:mod:`assistant.engine` (accept / counter / final offer …), :mod:`assistant.parser` (what the
shopper said) — and language only narrates it (:mod:`assistant.replies`). The service functions
below are the I/O edge: ``await assistant.start(variant_id, region_id, "fr")`` then
``await assistant.negotiate(negotiation_id, "je vous en donne 75", "fr")``.
"""

from .deals import ensure_promotion
from .service import (
    AssistantError,
    Deal,
    InvalidMessage,
    Message,
    NegotiationDisabled,
    NegotiationNotFound,
    NegotiationView,
    New,
    Turn,
    VariantUnavailable,
    get,
    negotiate,
    start,
)

__all__ = [
    "AssistantError",
    "Deal",
    "InvalidMessage",
    "Message",
    "NegotiationDisabled",
    "NegotiationNotFound",
    "NegotiationView",
    "New",
    "Turn",
    "VariantUnavailable",
    "ensure_promotion",
    "get",
    "negotiate",
    "start",
]
