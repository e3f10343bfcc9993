"""`python -m catalog rebuild [--if-empty]` / `python -m catalog refresh ID…`.

Reads Medusa (MEDUSA_BACKEND_URL, MEDUSA_PUBLISHABLE_KEY) and writes the read model in
DATABASE_URL. Safe to run any time: a rebuild is idempotent and atomic for readers.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from . import sync
from .source import medusa


async def _run(args: argparse.Namespace) -> str:
    client = medusa()
    try:
        if args.command == "rebuild":
            result = await (sync.rebuild_if_empty(client) if args.if_empty else sync.rebuild(client))
            if result is None:
                return "catalog read model: nothing to do (already filled, or another rebuild is running)"
        else:
            result = await sync.refresh_products(args.ids, client)
        return (
            f"catalog read model: {result.products} products, {result.rows_written} rows written, "
            f"{result.rows_deleted} deleted in {result.seconds:.1f}s"
        )
    finally:
        await client.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalog")
    sub = parser.add_subparsers(dest="command", required=True)
    rebuild = sub.add_parser("rebuild", help="rebuild the read model from Medusa's Store API")
    rebuild.add_argument("--if-empty", action="store_true", help="only when the read model has no rows")
    refresh = sub.add_parser("refresh", help="refresh some products by id")
    refresh.add_argument("ids", nargs="+")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    print(asyncio.run(_run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
