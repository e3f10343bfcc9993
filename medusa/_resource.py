"""Shared plumbing for resource classes (``client.store.product`` ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from .errors import InvalidResponseError, NotFoundError, ValidationError
from .models import Page

if TYPE_CHECKING:
    from .client import Medusa

M = TypeVar("M", bound=BaseModel)


class Resource:
    def __init__(self, client: Medusa) -> None:
        self._client = client


def path_id(value: str, what: str) -> str:
    """Quote an id for a URL path; an empty id would silently hit the list route instead."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{what} must be a non-empty string", type="invalid_data")
    return quote(value, safe="")


def join_fields(fields: str | Sequence[str] | None) -> str | None:
    if fields is None or isinstance(fields, str):
        return fields
    return ",".join(fields)


def check_paging(limit: int | None, offset: int | None) -> None:
    if limit is not None and limit < 0:
        raise ValidationError("limit must be >= 0", type="invalid_data")
    if offset is not None and offset < 0:
        raise ValidationError("offset must be >= 0", type="invalid_data")


def parse_model(model: type[M], data: Any, key: str) -> M:
    if not isinstance(data, dict) or key not in data:
        raise InvalidResponseError(f"expected an object with {key!r} from Medusa", body=data)
    try:
        return model.model_validate(data[key])
    except PydanticValidationError as exc:
        raise InvalidResponseError(f"unexpected {key!r} shape from Medusa: {exc}", body=data) from exc


def parse_page(model: type[M], data: Any, key: str) -> Page[M]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InvalidResponseError(f"expected a list {key!r} from Medusa", body=data)
    items = data[key]
    try:
        return Page[model].model_validate(  # type: ignore[valid-type]
            {
                "items": items,
                "count": data.get("count", len(items)),
                "offset": data.get("offset", 0),
                "limit": data.get("limit", len(items)),
            }
        )
    except PydanticValidationError as exc:
        raise InvalidResponseError(f"unexpected {key!r} shape from Medusa: {exc}", body=data) from exc


def check_handle(handle: str) -> None:
    if not handle or not handle.strip():
        raise ValidationError("handle must be a non-empty string", type="invalid_data")


def only_item(page: Page[M], what: str, handle: str) -> M:
    """The single item of a `handle=` lookup; NotFoundError when Medusa found none."""
    if not page.items:
        raise NotFoundError(f"{what} with handle {handle!r} was not found", status=404, type="not_found")
    return page.items[0]


def check_id(value: str, what: str) -> str:
    """An id sent in a query or body: refused when empty, returned unchanged."""
    path_id(value, what)
    return value
