"""``/admin/promotions`` (coupon codes, automatic discounts, campaigns).

Medusa 2.21: a promotion has a ``code``, an ``application_method`` (``type`` fixed/percentage,
``target_type`` items/shipping_methods/order, ``value`` in major units, ``currency_code``,
``max_quantity``, ``target_rules``), cart ``rules`` (e.g. ``currency_code``), an optional usage
``limit`` (since 2.12), ``metadata``, and a ``campaign`` whose ``starts_at``/``ends_at`` bound
when it applies. A promotion past its limit is dropped from a cart silently (200, no discount):
check the cart's totals after applying a code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import Field, field_validator

from .._resource import Resource, check_paging, join_fields, parse_model, parse_page, path_id
from ..models import MedusaModel, Page
from ..money import ExactDecimal

__all__ = ["ApplicationMethod", "Campaign", "Promotion", "PromotionResource", "PromotionRule"]

DEFAULT_PROMOTION_FIELDS = (
    "*application_method,*application_method.target_rules,*rules,*campaign,+metadata,+limit"
)


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


class PromotionRule(MedusaModel):
    id: str | None = None
    attribute: str
    operator: str
    values: list[Any] = Field(default_factory=list)

    @field_validator("values", mode="before")
    @classmethod
    def _values(cls, value: Any) -> Any:
        # Medusa answers [{"value": "x"}, …]; requests send ["x", …].
        if isinstance(value, list):
            return [v.get("value") if isinstance(v, dict) else v for v in value]
        return _none_to_list(value)


class ApplicationMethod(MedusaModel):
    id: str | None = None
    type: str
    target_type: str
    allocation: str | None = None
    value: ExactDecimal | None = None
    currency_code: str | None = None
    max_quantity: int | None = None
    target_rules: list[PromotionRule] = Field(default_factory=list)

    _lists = field_validator("target_rules", mode="before")(_none_to_list)


class Campaign(MedusaModel):
    id: str
    name: str | None = None
    campaign_identifier: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class Promotion(MedusaModel):
    id: str
    code: str | None = None
    type: str | None = None
    status: str | None = None
    is_automatic: bool | None = None
    is_tax_inclusive: bool | None = None
    limit: int | None = None
    used: int | None = None
    application_method: ApplicationMethod | None = None
    rules: list[PromotionRule] = Field(default_factory=list)
    campaign: Campaign | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("rules", mode="before")(_none_to_list)

    @field_validator("metadata", mode="before")
    @classmethod
    def _metadata(cls, value: Any) -> Any:
        return {} if value is None else value


class PromotionResource(Resource):
    async def create(
        self, body: Mapping[str, Any], *, fields: str | Sequence[str] | None = None
    ) -> Promotion:
        """``POST /admin/promotions`` (never retried: a retry could create a second promotion;
        look the code up with :meth:`list` before trying again)."""
        data = await self._client._request(
            "POST",
            "/admin/promotions",
            auth="admin",
            params={"fields": join_fields(fields) or DEFAULT_PROMOTION_FIELDS},
            json=dict(body),
            idempotent=False,
        )
        return parse_model(Promotion, data, "promotion")

    async def list(
        self,
        *,
        code: str | Sequence[str] | None = None,
        campaign_id: str | Sequence[str] | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Page[Promotion]:
        """``GET /admin/promotions``; ``code`` is an exact match."""
        check_paging(limit, offset)
        data = await self._client._request(
            "GET",
            "/admin/promotions",
            auth="admin",
            params={
                "code": code if code is None or isinstance(code, str) else list(code),
                "campaign_id": campaign_id
                if campaign_id is None or isinstance(campaign_id, str)
                else list(campaign_id),
                "q": q,
                "limit": limit,
                "offset": offset,
                "fields": join_fields(fields) or DEFAULT_PROMOTION_FIELDS,
            },
        )
        return parse_page(Promotion, data, "promotions")

    async def retrieve(self, id: str, *, fields: str | Sequence[str] | None = None) -> Promotion:
        """``GET /admin/promotions/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/admin/promotions/{path_id(id, 'promotion id')}",
            auth="admin",
            params={"fields": join_fields(fields) or DEFAULT_PROMOTION_FIELDS},
        )
        return parse_model(Promotion, data, "promotion")

    async def update(
        self, id: str, body: Mapping[str, Any], *, fields: str | Sequence[str] | None = None
    ) -> Promotion:
        """``POST /admin/promotions/{id}`` (JS SDK ``update``), e.g. ``{"status": "inactive"}`` or
        ``{"application_method": {"value": 25}}``. Retried: it sets values, so twice is once."""
        data = await self._client._request(
            "POST",
            f"/admin/promotions/{path_id(id, 'promotion id')}",
            auth="admin",
            params={"fields": join_fields(fields) or DEFAULT_PROMOTION_FIELDS},
            json=dict(body),
            idempotent=True,
        )
        return parse_model(Promotion, data, "promotion")

    async def delete(self, id: str) -> None:
        """``DELETE /admin/promotions/{id}``."""
        await self._client._request(
            "DELETE", f"/admin/promotions/{path_id(id, 'promotion id')}", auth="admin", idempotent=True
        )
