"""Reflex configuration. Every setting comes from the environment (see .env.example)."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin
from reflex.plugins.tailwind_v4 import TailwindV4Plugin

from tob_app.compile_hints import CompileHints
from tob_app.light_only import LightOnly
from tob_app.route_templates import RouteTemplates
from tob_app.socket_warmup import SocketWarmupTask

config = rx.Config(
    app_name="tob_app",
    frontend_port=int(os.environ.get("TOB_PORT", "3000")),
    backend_port=int(os.environ.get("TOB_BACKEND_PORT", "8000")),
    deploy_url=os.environ.get("TOB_PUBLIC_URL", "http://localhost:3000"),
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Plain elements styled with Tailwind: Radix Themes' render-blocking stylesheet
    # costs ~700 KB (ARCHITECTURE.md, "First paint").
    plugins=[
        TailwindV4Plugin(
            config={
                # Also scan our Python: the server-rendered islands (tob_app/components/
                # listing_html.py) use classes that appear in no compiled JSX.
                "content": [
                    "./app/**/*.{js,ts,jsx,tsx}",
                    "./utils/**/*.{js,ts,jsx,tsx}",
                    "../tob_app/**/*.py",
                ],
            }
        ),
        # Product, category and collection pages get a prerendered page too (tob_app/route_templates.py).
        RouteTemplates(),
        # One colour scheme, set in <head> without reading localStorage (tob_app/light_only.py).
        LightOnly(),
        # Reflex's websocket warm-up in a task of its own, not in module evaluation's (tob_app/socket_warmup.py).
        SocketWarmupTask(),
        # V8 compiles the boot scripts eagerly, off the main thread (tob_app/compile_hints.py).
        CompileHints(),
    ],
    disable_plugins=[SitemapPlugin],
    # Scripts and styles compressed once at build time; browsers that accept Brotli (every
    # current one) get files ~15 % smaller than gzip's.
    frontend_compression_formats=["brotli", "gzip"],
    default_color_mode="light",
)
