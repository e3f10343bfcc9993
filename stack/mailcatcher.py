"""A local SMTP server that keeps every message it receives as a `.eml` file.

The stack starts it when `SMTP_HOST` is not set, so password-reset links and order confirmations
can be read in development (`python -m stack.mailcatcher --list`) and by the tests. Production
sets `SMTP_HOST` to a real relay instead.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import signal
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller


class KeepMessages:
    """aiosmtpd handler: one file per message, named so that sorting them gives arrival order."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.count += 1
        name = f"{time.time_ns()}-{self.count:06d}.eml"
        tmp = self.folder / f".{name}"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.folder / name)  # readers never see half a message
        return "250 Message accepted"


def messages(folder: Path) -> list[EmailMessage]:
    """Every caught message, oldest first."""
    found = []
    for path in sorted(folder.glob("*.eml")):
        with path.open("rb") as fh:
            found.append(email.message_from_binary_file(fh, policy=email.policy.default))
    return found  # type: ignore[return-value]


def serve(folder: Path, host: str, port: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(KeepMessages(folder), hostname=host, port=port)
    controller.start()
    print(f"[mail] SMTP on {host}:{port}, messages in {folder}", flush=True)
    stop = False

    def _stop(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stop:
            time.sleep(0.2)
    finally:
        controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m stack.mailcatcher")
    parser.add_argument("--dir", type=Path, default=Path(".data/mail"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--list", action="store_true", help="print the caught messages and exit")
    args = parser.parse_args()
    if args.list:
        for message in messages(args.dir):
            print(f"{message['Date']}  to {message['To']}  {message['Subject']}")
            body = message.get_body(preferencelist=("plain",))
            print(body.get_content() if body else "", "\n")
        return
    serve(args.dir, args.host, args.port)


if __name__ == "__main__":
    main()
