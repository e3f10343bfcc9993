"""The assistant's HTTP API (FastAPI): start a negotiation, send a message, read the transcript.

Mounted in the Reflex backend (tob_app/tob_app.py) and runnable alone with OpenAPI docs at /docs:
``uvicorn assistant.api:app``. Prices are decimal strings in major units ("129.00"). What it
returns is :class:`assistant.service.Turn` / ``NegotiationView`` — never a floor or a rule.
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from catalog import events as catalog_events
from medusa import MedusaError, MedusaUnavailableError

from . import deals, narrator, ratelimit, service
from .knowledge.api import router as knowledge_router
from .parser import MAX_TEXT_LENGTH

__all__ = ["app", "create_app", "router"]

log = logging.getLogger("assistant.api")

PREFIX = "/api/assistant"

Price = Annotated[str, Field(description="Decimal string in major units, e.g. '129.00'", examples=["129.00"])]
Status = Literal["open", "agreed", "closed"]


# --- request and response models -----------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class StartRequest(_Strict):
    variant_id: str = Field(min_length=1, max_length=64, examples=["variant_01J..."])
    region_id: str = Field(min_length=1, max_length=64, examples=["reg_01J..."])
    locale: Literal["en", "fr"] = "en"


class MessageRequest(_Strict):
    # "4,000+ characters" is refused: at most 3,999.
    text: str = Field(min_length=1, max_length=MAX_TEXT_LENGTH - 1, examples=["would you take 80?"])


class MessageOut(BaseModel):
    role: Literal["assistant", "shopper"]
    text: str
    created_at: datetime | None = None


class Offer(BaseModel):
    price: Price
    final: bool = Field(False, description="True when the assistant will go no lower")


class DealOut(BaseModel):
    price: Price
    currency_code: str
    promo_code: str | None = Field(
        description=(
            "Single-use Medusa promotion code. Null in the reply that agrees the deal (the promotion"
            " is created right after it): read the negotiation (GET) to get it."
        )
    )
    expires_at: datetime


class NegotiationCreated(BaseModel):
    id: str
    status: Status
    list_price: Price
    currency_code: str
    messages: list[MessageOut]


class Reply(BaseModel):
    reply: str
    status: Status
    offer: Offer | None
    deal: DealOut | None


class Negotiation(BaseModel):
    id: str
    status: Status
    expired: bool = Field(description="An agreed deal whose validity ran out (status is then 'closed')")
    variant_id: str
    region_id: str
    locale: Literal["en", "fr"]
    list_price: Price
    currency_code: str
    offer: Offer | None
    deal: DealOut | None
    messages: list[MessageOut]


class Problem(BaseModel):
    detail: str


# --- helpers -----------------------------------------------------------------------------


def _price(amount: Decimal) -> str:
    return format(amount, "f")


def _status(status: str) -> Status:
    return "closed" if status not in ("open", "agreed") else status  # type: ignore[return-value]


def _deal(deal: service.Deal | None) -> DealOut | None:
    if deal is None:
        return None
    return DealOut(
        price=_price(deal.price),
        currency_code=deal.currency_code,
        promo_code=deal.promo_code,
        expires_at=deal.expires_at,
    )


def client_of(request: Request) -> str:
    hops = ratelimit.settings().trusted_proxy_hops
    peer = request.client.host if request.client else None
    return ratelimit.client_address(peer, request.headers.get("x-forwarded-for"), hops)


class ApiError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers


def _translate(exc: Exception) -> ApiError:
    if isinstance(exc, ratelimit.RateLimited):
        return ApiError(
            429,
            f"Too many messages; try again in {exc.retry_after} s.",
            {"Retry-After": str(exc.retry_after)},
        )
    if isinstance(exc, service.NegotiationNotFound):
        return ApiError(404, "No negotiation with this id.")
    if isinstance(exc, service.VariantUnavailable):
        return ApiError(404, f"Variant unavailable: {exc}.")
    if isinstance(exc, service.NegotiationDisabled):
        return ApiError(409, "The price of this item is fixed; it cannot be negotiated.")
    if isinstance(exc, service.InvalidMessage):
        return ApiError(422, f"Invalid message: {exc}.")
    if isinstance(exc, MedusaUnavailableError):
        return ApiError(503, "The store is temporarily unavailable; try again shortly.", {"Retry-After": "5"})
    if isinstance(exc, MedusaError):
        log.exception("assistant API: Medusa error")
        return ApiError(502, "The store could not answer; try again shortly.")
    raise exc


_ERRORS = {
    404: {"model": Problem, "description": "Unknown negotiation or variant"},
    422: {"model": Problem, "description": "Invalid request body"},
    429: {"model": Problem, "description": "Rate limited (see Retry-After)"},
    503: {"model": Problem, "description": "Medusa unavailable"},
}


# --- routes ------------------------------------------------------------------------------

router = APIRouter(prefix=PREFIX, tags=["assistant"])

NegotiationId = Annotated[str, Path(description="The negotiation's id (UUID)", max_length=64)]


@router.post(
    "/negotiations",
    status_code=201,
    response_model=NegotiationCreated,
    responses={**_ERRORS, 409: {"model": Problem, "description": "Negotiation disabled for this item"}},
)
async def create_negotiation(body: StartRequest, request: Request) -> NegotiationCreated:
    """Open a negotiation for one variant in a region; the first message states the list price."""
    try:
        await ratelimit.check(client=client_of(request))
        turn = await service.start(body.variant_id, body.region_id, body.locale)
    except Exception as exc:
        raise _translate(exc) from exc
    return NegotiationCreated(
        id=turn.negotiation_id,
        status=_status(turn.status),
        list_price=_price(turn.list_price),
        currency_code=turn.currency_code,
        messages=[MessageOut(role="assistant", text=turn.reply)],
    )


@router.post("/negotiations/{negotiation_id}/messages", response_model=Reply, responses=_ERRORS)
async def post_message(negotiation_id: NegotiationId, body: MessageRequest, request: Request) -> Reply:
    """One shopper message → the assistant's reply, its standing offer, and the deal once agreed."""
    try:
        await ratelimit.check(client=client_of(request), negotiation=negotiation_id)
        turn = await service.negotiate(negotiation_id, body.text)
    except Exception as exc:
        raise _translate(exc) from exc
    reply = turn.reply
    if turn.context is not None and narrator.configured():
        reply = await narrator.narrated_reply(turn.context)
    return Reply(
        reply=reply,
        status=_status(turn.status),
        offer=Offer(price=_price(turn.offer_price), final=turn.final)
        if turn.offer_price is not None
        else None,
        deal=_deal(turn.deal),
    )


@router.get("/negotiations/{negotiation_id}", response_model=Negotiation, responses=_ERRORS)
async def get_negotiation(negotiation_id: NegotiationId) -> Negotiation:
    """Status and transcript (to reload a conversation). An agreed deal's promotion is created
    after the turn that agreed it; if it is still pending, it is created before this answers, so
    the deal's `promo_code` here is one Medusa accepts (null only while Medusa is unreachable, or
    when there is nothing to discount)."""
    try:
        view = await service.get(negotiation_id)
        if view.status == "agreed" and view.deal is not None and view.deal.promo_code is None:
            try:
                if await deals.ensure_promotion(view.negotiation_id):
                    view = await service.get(negotiation_id)
            except MedusaError:
                log.warning("promotion for negotiation %s still pending", view.negotiation_id)
    except Exception as exc:
        raise _translate(exc) from exc
    return Negotiation(
        id=view.negotiation_id,
        status=_status(view.status),
        expired=view.status == "expired",
        variant_id=view.variant_id,
        region_id=view.region_id,
        locale="fr" if view.lang == "fr" else "en",
        list_price=_price(view.list_price),
        currency_code=view.currency_code,
        offer=Offer(price=_price(view.offer_price)) if view.offer_price is not None else None,
        deal=_deal(view.deal),
        messages=[
            MessageOut(
                role="shopper" if m.role == "shopper" else "assistant", text=m.text, created_at=m.created_at
            )
            for m in view.messages
        ],
    )


# --- the app -----------------------------------------------------------------------------


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        problems.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg"))} for e in exc.errors()]
    return JSONResponse(
        {"detail": "Invalid request: " + "; ".join(problems), "errors": errors}, status_code=422
    )


def create_app() -> FastAPI:
    """The assistant API as an app of its own (the Reflex backend mounts it as an api_transformer)."""
    api = FastAPI(
        title="The Open Box — assistant API",
        version="1",
        description="Price negotiation with a floor-guarded assistant, in English and French.",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
        openapi_url=f"{PREFIX}/openapi.json",
    )
    # Medusa's price changes (signed catalog events, same process) reprice the deals' promotions.
    catalog_events.on_change(deals.on_catalog_change)
    api.add_exception_handler(ApiError, _api_error)
    api.add_exception_handler(RequestValidationError, _invalid)
    api.include_router(router)
    # Product questions (POST /api/assistant/ask) live in assistant.knowledge.
    api.include_router(knowledge_router)
    return api


app = create_app()
