"""``POST /api/assistant/ask``: a product question answered from the product knowledge index.

    {"question": "is it scratched?", "locale": "en", "product_handle": "lg-c3-oled-65"}
    → 200 {"answer": "...", "sources": [{"handle": "lg-c3-oled-65", "title": "LG 65\\" C3 OLED 4K TV"}]}

400 empty / 4,000+ character question or unknown locale (422 for a body that is not this JSON),
404 unknown product handle. `router` is mounted beside the negotiation API.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from medusa import MedusaError

from .qa import UnknownProduct, answer
from .search import BadQuery

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/assistant", tags=["assistant"])


class AskRequest(BaseModel):
    question: str = Field(description="the shopper's question (1 to 3,999 characters)")
    locale: str = Field(description='"en" or "fr" (also "en-CA" / "fr-CA")')
    product_handle: str | None = Field(default=None, description="the product asked about, if known")


class Source(BaseModel):
    handle: str
    title: str


class AskResponse(BaseModel):
    answer: str
    sources: list[Source]


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={400: {"description": "bad question or locale"}, 404: {"description": "unknown product"}},
)
async def ask(body: AskRequest) -> AskResponse:
    try:
        result = await answer(body.question, body.locale, body.product_handle)
    except BadQuery as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    except UnknownProduct as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    except MedusaError as exc:
        log.warning("ask: Medusa unavailable: %s", exc)
        raise HTTPException(status_code=503, detail="the product catalog is unavailable; try again") from None
    return AskResponse(answer=result.text, sources=[Source(**s) for s in result.sources])


def app():
    """The router as a FastAPI app of its own (``uvicorn 'assistant.knowledge.api:app' --factory``)."""
    from fastapi import FastAPI

    application = FastAPI(title="The Open Box — product Q&A")
    application.include_router(router)
    return application
