"""`python -m stack run`: the whole local stack with the demo catalog; Ctrl-C stops it cleanly."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from .services import Stack, log


def run(with_web: bool = True) -> int:
    stack = Stack()
    # Ctrl-C (or SIGTERM) unwinds through the finally below, stopping services in reverse order.
    # SIGINT is set explicitly: a shell starting us in the background would have it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    started = time.monotonic()
    try:
        stack.start_postgres()
        stack.start_mail()
        stack.start_medusa()
        if with_web:
            stack.start_web()
        log(f"all services up in {time.monotonic() - started:.1f}s")
        if with_web:
            log(f"storefront: {stack.settings.web_url}  (Ctrl-C to stop)")
        log(f"Medusa: {stack.settings.medusa_base_url}  staff login: {stack.settings.admin_email}")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        log("Ctrl-C: stopping")
    finally:
        stack.stop()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m stack")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="Postgres, Medusa (with demo data) and the storefront")
    sub.add_parser("services", help="Postgres and Medusa only (for `reflex run` in dev mode)")
    args = parser.parse_args()
    return run(with_web=args.command == "run")


if __name__ == "__main__":
    sys.exit(main())
