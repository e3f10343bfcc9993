"""Stack settings from the environment, with local defaults (documented in .env.example)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=lambda: Path(_env("TOB_DATA_DIR", str(ROOT / ".data"))).resolve())
    pg_port: int = field(default_factory=lambda: int(_env("TOB_PG_PORT", "55432")))
    # Set to use an existing Postgres for the app's own tables; unset → embedded Postgres.
    database_url: str = field(default_factory=lambda: _env("DATABASE_URL"))
    medusa_database_url: str = field(default_factory=lambda: _env("MEDUSA_DATABASE_URL"))
    # Set to use a running Medusa; unset → medusa-backend/ started by the stack.
    medusa_url: str = field(default_factory=lambda: _env("MEDUSA_BACKEND_URL"))
    medusa_port: int = field(default_factory=lambda: int(_env("MEDUSA_PORT", "9000")))
    admin_email: str = field(default_factory=lambda: _env("MEDUSA_ADMIN_EMAIL", "admin@theopenbox.test"))
    admin_password: str = field(default_factory=lambda: _env("MEDUSA_ADMIN_PASSWORD", "supersecret"))
    publishable_key: str = field(default_factory=lambda: _env("MEDUSA_PUBLISHABLE_KEY"))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL"))
    web_port: int = field(default_factory=lambda: int(_env("TOB_PORT", "3000")))
    # Set to send mail through a real relay; unset → the local catcher (stack/mailcatcher.py).
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST"))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "1025")))

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    # Medusa's subscribers sign catalog change events with this; the storefront checks it.
    events_secret: str = field(default_factory=lambda: _env("TOB_EVENTS_SECRET", "tob-local-events-secret"))
    # Where Medusa posts them; unset → this stack's storefront.
    events_url_setting: str = field(default_factory=lambda: _env("TOB_EVENTS_URL"))

    @property
    def embedded_postgres(self) -> bool:
        return not self.database_url

    @property
    def local_medusa(self) -> bool:
        return not self.medusa_url

    @property
    def medusa_base_url(self) -> str:
        return self.medusa_url or f"http://localhost:{self.medusa_port}"

    @property
    def web_dir(self) -> Path:
        """Reflex's build folder. One per port: the build holds its websocket URL, so `make test`
        (port 3001) rebuilding beside a running `make run` (3000) must not rewrite its files."""
        return ROOT / (".web" if self.web_port == 3000 else f".web-{self.web_port}")

    @property
    def web_url(self) -> str:
        return f"http://localhost:{self.web_port}"

    @property
    def events_url(self) -> str:
        return self.events_url_setting or f"{self.web_url}/api/catalog/events"


def reflex_env(settings: Settings) -> dict[str, str]:
    """Reflex needs bun from our npm lock (it would download it otherwise) and no phoning home."""
    cache = ROOT / ".cache"
    registry = subprocess.run(
        ["npm", "config", "get", "registry"], capture_output=True, text=True, check=False
    ).stdout.strip()
    env = {
        "REFLEX_BUN_PATH": str(ROOT / "tools" / "bun" / "node_modules" / ".bin" / "bun"),
        "REFLEX_CHECK_LATEST_VERSION": "0",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_DIR": str(cache / "reflex"),
        "BUN_INSTALL_CACHE_DIR": str(cache / "bun-install"),
        "BUN_RUNTIME_TRANSPILER_CACHE_PATH": str(cache / "bun-transpiler"),
        "TOB_PORT": str(settings.web_port),
        "TOB_EVENTS_SECRET": settings.events_secret,
        "REFLEX_WEB_WORKDIR": str(settings.web_dir),
    }
    if registry:
        env["NPM_CONFIG_REGISTRY"] = registry
    return env
