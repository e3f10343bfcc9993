"""The negotiation assistant."""
