"""A local stand-in for Google Sheets' CSV export, for the admin page's sheet imports.

The web app fetches ``{GOOGLE_SHEETS_BASE_URL}/spreadsheets/d/{id}/export?format=csv&gid={gid}``;
the test session points that base URL at this server (``tests/e2e/conftest.py``) before the web
app starts, and tests put sheets in it by id.
"""

from __future__ import annotations

import http.server
import os
import socket
import threading
from urllib.parse import urlsplit


def reserve_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler(http.server.BaseHTTPRequestHandler):
    sheets: dict[str, bytes] = {}

    def do_GET(self) -> None:
        for sheet_id, data in self.sheets.items():
            if self.path.startswith(f"/spreadsheets/d/{sheet_id}/export?format=csv"):
                self.send_response(200)
                self.send_header("content-type", "text/csv; charset=utf-8")
                self.end_headers()
                self.wfile.write(data)
                return
        self.send_response(200)  # Google answers a sign-in page for a sheet that is not shared
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>Sign in</html>")

    def log_message(self, *args) -> None:
        pass


class SheetsServer:
    def __init__(self) -> None:
        port = urlsplit(os.environ["GOOGLE_SHEETS_BASE_URL"]).port
        self.sheets = _Handler.sheets
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
