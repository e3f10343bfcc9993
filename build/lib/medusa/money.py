"""Exact money amounts.

Medusa v2 stores and returns amounts in MAJOR units (``1234.5`` means $1,234.50), as JSON
numbers. The client decodes JSON with ``parse_float=Decimal``, so an amount never passes
through a binary float; :data:`ExactDecimal` refuses floats outright so one cannot sneak in
from our own code either. Formatting for display is Babel's job (``format_currency``), not
this module's.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator

__all__ = ["ExactDecimal", "Money", "to_decimal"]


def to_decimal(value: Any) -> Decimal:
    """Convert an int, a numeric string or a Decimal to a finite Decimal; refuse floats.

    >>> to_decimal("1234.5")
    Decimal('1234.5')
    """
    if isinstance(value, bool):
        raise TypeError("a bool is not an amount")
    if isinstance(value, float):
        raise TypeError(
            f"float {value!r} refused: amounts must be Decimal, int or str "
            "(decode JSON with parse_float=Decimal)"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    else:
        raise TypeError(f"cannot read an amount from {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"amount must be finite, got {value!r}")
    return result


ExactDecimal = Annotated[Decimal, BeforeValidator(to_decimal)]
"""A pydantic field type: Decimal from Decimal/int/str, never from float."""


class Money(BaseModel):
    """An amount in major units and its currency: ``Money(amount="1234.5", currency_code="cad")``.

    ``currency_code`` is kept lower-case as Medusa sends it; :attr:`currency` is the ISO 4217
    upper-case form that Babel expects.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    amount: ExactDecimal
    currency_code: str

    @field_validator("currency_code", mode="before")
    @classmethod
    def _lower_currency(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().lower()
            if len(value) != 3 or not value.isalpha():
                raise ValueError(f"not an ISO 4217 currency code: {value!r}")
        return value

    @property
    def currency(self) -> str:
        """ISO 4217 code, upper-case (``"CAD"``)."""
        return self.currency_code.upper()

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def _check_same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency_code != self.currency_code:
            raise ValueError(f"currency mismatch: {self.currency} vs {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check_same_currency(other)
        return Money(amount=self.amount + other.amount, currency_code=self.currency_code)

    def __sub__(self, other: Money) -> Money:
        self._check_same_currency(other)
        return Money(amount=self.amount - other.amount, currency_code=self.currency_code)

    def __lt__(self, other: Money) -> bool:
        self._check_same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._check_same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._check_same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._check_same_currency(other)
        return self.amount >= other.amount
