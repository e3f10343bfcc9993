"""The shopper-events endpoint accepts only fresh events signed with the shared secret."""

from __future__ import annotations

import json
import time

from starlette.testclient import TestClient

from catalog.events import secret, sign
from shop.events import PATH, api


def post(client: TestClient, body: dict, *, key: str | None = None, at: float | None = None):
    raw = json.dumps(body).encode()
    timestamp = str(int(at if at is not None else time.time()))
    headers = {"x-tob-timestamp": timestamp, "x-tob-signature": sign(key or secret(), timestamp, raw)}
    return client.post(PATH, content=raw, headers={**headers, "content-type": "application/json"})


def test_unsigned_forged_and_stale_events_are_refused():
    client = TestClient(api())
    assert client.post(PATH, json={"event": "auth.password_reset", "data": {}}).status_code == 401
    assert post(client, {"event": "x", "data": {}}, key="not the secret").status_code == 401
    assert post(client, {"event": "x", "data": {}}, at=time.time() - 3600).status_code == 401


def test_other_events_and_staff_resets_send_nothing():
    client = TestClient(api())
    answer = post(client, {"event": "order.placed", "data": {"id": "order_1"}})
    assert answer.status_code == 202 and answer.json()["accepted"] is False
    staff = post(
        client,
        {"event": "auth.password_reset", "data": {"actor_type": "user", "entity_id": "a@b.c", "token": "t"}},
    )
    assert staff.status_code == 202 and staff.json() == {"accepted": False}
