"""Stock alerts: stored for the admin page, raised once per condition, resolved when it ends.

For the admin page::

    from jobs.alerts import list_alerts, acknowledge, resolve
    with db.session() as session:
        rows = list_alerts(session, kind="low_stock", status="open")
        acknowledge(session, rows[0].id, by="staff@example.com")

Staff resolving an alert whose condition still holds does not bring it back: the condition stays
*active* (``active=True``) until the job sees it end, and only then can it alert again.
Low-stock thresholds per product live here too (``set_threshold``; ``python -m jobs threshold``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from .alert_models import Alert, StockThreshold
from .alert_rules import BACK_IN_STOCK, KINDS, OUT_OF_STOCK, Condition, back_in_stock
from .models import utcnow

OPEN, ACKNOWLEDGED, RESOLVED = "open", "acknowledged", "resolved"
STATUSES = (OPEN, ACKNOWLEDGED, RESOLVED)
SYSTEM = "system"  # resolved_by when the job saw the condition end


class AlertNotFound(LookupError):
    pass


@dataclass(frozen=True)
class AlertRow:
    id: int
    kind: str
    sku: str | None
    product_handle: str | None
    message: str
    status: str
    created_at: datetime
    updated_at: datetime
    acknowledged_by: str | None
    resolved_by: str | None
    subject: str = ""
    active: bool = False
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, alert: Alert) -> AlertRow:
        assert alert.id is not None
        return cls(
            id=alert.id,
            kind=alert.kind,
            sku=alert.sku,
            product_handle=alert.product_handle,
            message=alert.message,
            status=alert.status,
            created_at=alert.created_at,
            updated_at=alert.updated_at,
            acknowledged_by=alert.acknowledged_by,
            resolved_by=alert.resolved_by,
            subject=alert.subject,
            active=alert.active,
            acknowledged_at=alert.acknowledged_at,
            resolved_at=alert.resolved_at,
            details=dict(alert.details or {}),
        )


def list_alerts(
    session: Session, kind: str | None = None, status: str | None = None, limit: int = 200
) -> list[AlertRow]:
    """Newest first. ``kind`` one of jobs.alert_rules.KINDS, ``status`` one of STATUSES."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown alert kind {kind!r} (known: {', '.join(KINDS)})")
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown alert status {status!r} (known: {', '.join(STATUSES)})")
    query = select(Alert).order_by(col(Alert.created_at).desc(), col(Alert.id).desc()).limit(limit)
    if kind is not None:
        query = query.where(Alert.kind == kind)
    if status is not None:
        query = query.where(Alert.status == status)
    return [AlertRow.of(a) for a in session.exec(query).all()]


def _get(session: Session, alert_id: int) -> Alert:
    alert = session.get(Alert, alert_id, with_for_update=True)
    if alert is None:
        raise AlertNotFound(f"no alert {alert_id}")
    return alert


def _who(by: str) -> str:
    by = (by or "").strip()
    if not by:
        raise ValueError("say who does it (by=…)")
    return by[:255]


def acknowledge(session: Session, alert_id: int, by: str) -> AlertRow:
    """Staff saw it. A resolved alert stays resolved (acknowledging it again changes nothing)."""
    who = _who(by)
    alert = _get(session, alert_id)
    if alert.status == OPEN:
        now = utcnow()
        alert.status = ACKNOWLEDGED
        alert.acknowledged_by, alert.acknowledged_at, alert.updated_at = who, now, now
        session.add(alert)
        session.flush()
    return AlertRow.of(alert)


def resolve(session: Session, alert_id: int, by: str) -> AlertRow:
    """Staff closed it. Idempotent: resolving a resolved alert keeps the first resolver."""
    who = _who(by)
    alert = _get(session, alert_id)
    if alert.status != RESOLVED:
        now = utcnow()
        alert.status = RESOLVED
        alert.resolved_by, alert.resolved_at, alert.updated_at = who, now, now
        session.add(alert)
        session.flush()
    return AlertRow.of(alert)


# --- raising and clearing (the inventory sync) ---------------------------------------------------


def active_keys(session: Session, kinds: Collection[str]) -> set[tuple[str, str]]:
    rows = session.exec(
        select(Alert.kind, Alert.subject).where(col(Alert.kind).in_(list(kinds)), col(Alert.active))
    ).all()
    return {(k, s) for k, s in rows}


def new_conditions(session: Session, current: Iterable[Condition]) -> list[Condition]:
    """Those of ``current`` that have no active alert yet (they will be raised)."""
    current = list(current)
    active = active_keys(session, {c.kind for c in current})
    return [c for c in current if c.key not in active]


@dataclass
class Reconciled:
    raised: list[AlertRow] = field(default_factory=list)
    cleared: list[AlertRow] = field(default_factory=list)


def _insert(
    session: Session, condition: Condition, handle: str | None, run_id: int | None, active: bool
) -> Alert:
    alert = Alert(
        kind=condition.kind,
        subject=condition.subject,
        sku=condition.sku,
        product_handle=handle,
        message=condition.message,
        details=dict(condition.details),
        status=OPEN,
        active=active,
        run_id=run_id,
    )
    session.add(alert)
    return alert


def reconcile(
    session: Session,
    kinds: Collection[str],
    current: Iterable[Condition],
    *,
    run_id: int | None = None,
    handles: Mapping[str, str] | None = None,
    available: Mapping[str, int] | None = None,
    clear: bool = True,
) -> Reconciled:
    """Make the active alerts of ``kinds`` match ``current``: raise what is new, resolve what ended.

    An out-of-stock condition that ends while the SKU has units available (``available``) raises a
    back-in-stock alert. ``handles`` maps SKUs to product handles for the new alerts. With
    ``clear=False`` nothing is resolved (only ``current`` is raised where new)."""
    handles = handles or {}
    available = available or {}
    wanted = {c.key: c for c in current}
    rows = session.exec(
        select(Alert).where(col(Alert.kind).in_(list(kinds)), col(Alert.active)).with_for_update()
    ).all()
    active = {(a.kind, a.subject): a for a in rows}
    inserted: list[Alert] = []
    cleared: list[Alert] = []
    now = utcnow()
    for key, alert in active.items():
        if key in wanted or not clear:
            continue
        alert.active = False
        alert.updated_at = now
        if alert.status != RESOLVED:
            alert.status, alert.resolved_by, alert.resolved_at = RESOLVED, SYSTEM, now
        session.add(alert)
        cleared.append(alert)
        if alert.kind == OUT_OF_STOCK and alert.sku and available.get(alert.sku, 0) > 0:
            event = back_in_stock(alert.sku, available[alert.sku])
            inserted.append(
                _insert(session, event, alert.product_handle or handles.get(alert.sku), run_id, False)
            )
    for key, condition in wanted.items():
        if key not in active:
            handle = handles.get(condition.sku) if condition.sku else None
            inserted.append(_insert(session, condition, handle, run_id, condition.kind != BACK_IN_STOCK))
    session.flush()
    return Reconciled([AlertRow.of(a) for a in inserted], [AlertRow.of(a) for a in cleared])


# --- per-product low-stock thresholds -----------------------------------------------------------


def set_threshold(session: Session, product_handle: str, threshold: int | None, by: str = SYSTEM) -> None:
    """A product's own low-stock threshold; ``None`` removes it (the global one applies again)."""
    handle = (product_handle or "").strip()
    if not handle:
        raise ValueError("a product handle is needed")
    row = session.get(StockThreshold, handle)
    if threshold is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 0:
        raise ValueError(f"a threshold is a whole number of units, 0 or more (got {threshold!r})")
    row = row or StockThreshold(product_handle=handle, threshold=threshold)
    row.threshold, row.updated_at, row.updated_by = threshold, utcnow(), by[:255]
    session.add(row)
    session.flush()


def thresholds(session: Session) -> dict[str, int]:
    """product handle → its own low-stock threshold."""
    return {r.product_handle: r.threshold for r in session.exec(select(StockThreshold)).all()}
