"""A hand-made Reflex websocket client: Engine.IO 4 / Socket.IO 5 frames over a plain websocket
(what Reflex's own `state.js` speaks), so a test can send any event a browser could — including
events no button of the page would send."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import simple_websocket

NAMESPACE = "/_event"


class ReflexSocket:
    def __init__(self, web_url: str, *, token: str | None = None, cookie: str = "") -> None:
        parts = urlsplit(web_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.token = token or str(uuid.uuid4())
        url = f"{scheme}://{parts.netloc}/_event/?EIO=4&transport=websocket&token={self.token}"
        headers = {"Origin": web_url}
        if cookie:
            headers["Cookie"] = cookie
        self.ws = simple_websocket.Client.connect(url, headers=headers)
        opening = self.ws.receive(timeout=30)  # a busy 2-core machine can be slow to answer
        assert opening and opening.startswith("0"), opening
        self.ws.send(f"40{NAMESPACE},")
        self.updates: list[dict[str, Any]] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            frame = self.ws.receive(timeout=30)
            if frame and frame.startswith(f"40{NAMESPACE},"):
                return
            self._handle(frame)
        raise AssertionError("the socket.io namespace did not connect")

    def _handle(self, frame: str | None) -> None:
        if frame is None:
            return
        if frame == "2":  # engine.io ping → pong
            self.ws.send("3")
            return
        prefix = f"42{NAMESPACE},"
        if frame.startswith(prefix):
            name, *args = json.loads(frame[len(prefix) :])
            if name == "event" and args:
                self.updates.append(args[0])

    def emit(self, name: str, payload: dict[str, Any] | None = None, path: str = "/en/admin") -> None:
        event = {"name": name, "payload": payload or {}, "router_data": {"pathname": path, "query": {}}}
        self.ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))

    def collect(self, seconds: float) -> list[dict[str, Any]]:
        """Every update the server sent within ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self._handle(self.ws.receive(timeout=left))
            except simple_websocket.ConnectionClosed:
                break
        found, self.updates = self.updates, []
        return found

    def close(self) -> None:
        self.ws.close()
