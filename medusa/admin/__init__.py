"""Admin API resources: ``medusa.admin.auth``, ``medusa.admin.api_key``, ``medusa.admin.order``,
``medusa.admin.promotion``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .api_key import ApiKeyResource
from .auth import AuthResource
from .order import OrderResource
from .promotion import PromotionResource

if TYPE_CHECKING:
    from ..client import Medusa

__all__ = ["Admin", "ApiKeyResource", "AuthResource", "OrderResource", "PromotionResource"]


class Admin:
    """Calls other than ``auth.login`` need an admin token (``Medusa(admin_token=...)`` or
    ``medusa.with_admin_token(token)``)."""

    def __init__(self, client: Medusa) -> None:
        self.auth = AuthResource(client)
        self.api_key = ApiKeyResource(client)
        self.order = OrderResource(client)
        self.promotion = PromotionResource(client)
