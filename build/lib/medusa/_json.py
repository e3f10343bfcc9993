"""JSON in and out without binary floats: numbers with a fraction decode to Decimal, and
Decimals encode as exact JSON numbers."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

__all__ = ["dumps", "loads"]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-finite JSON number {name} refused")


def loads(data: bytes | str) -> Any:
    """Decode JSON; ``1234.5`` becomes ``Decimal("1234.5")``, integers stay ``int``."""
    return json.loads(data, parse_float=Decimal, parse_constant=_reject_constant)


def dumps(value: Any) -> str:
    """Encode JSON; a Decimal becomes a plain JSON number (``Decimal("1234.50")`` → ``1234.50``).

    Floats are refused: build request bodies from Decimal, int or str.
    """
    parts: list[str] = []
    _encode(value, parts)
    return "".join(parts)


def _encode(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool | str | int):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, date):  # datetime too
        out.append(json.dumps(value.isoformat()))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot encode non-finite Decimal {value!r}")
        out.append(format(value, "f"))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("cannot encode a non-finite float")
        raise TypeError(f"float {value!r} refused in a request body: use Decimal, int or str")
    elif isinstance(value, Mapping):
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be str, got {type(key).__name__}")
            if i:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")
