"""The Medusa backend (`medusa-backend/`): install, migrate, seed, start, and talk to it.

Called by the stack runner, in this order:

    ensure_installed(backend_dir)                       # npm ci, only when the lock changed
    env = base_env(database_url, redis_url, port)
    prepare(backend_dir, env, admin_email, admin_password)  # migrate, staff user, demo seed
    proc = start(backend_dir, env)                      # `medusa start` in its own session
    wait_ready(base_url, timeout=120, proc=proc)
    key = fetch_publishable_key(base_url, admin_email, admin_password)
    ...
    stop(proc)

`prepare` keeps fingerprints in the Medusa database (table `tob_stack.state`), so a later start
skips what is already done: migrations run again only when the lock file, `medusa-config.ts` or
custom modules/links change; the seed runs again only when the seed sources change (the seed is
idempotent, so a rerun only adds what is missing). A new or reset database has no fingerprints,
so everything runs. Recreating the database is enough to start over.

`start` runs `medusa start` from the project directory (TypeScript sources transpiled on the fly
by ts-node/SWC). Measured here: ready in ~8.2 s, the same as a `medusa build` + `medusa start`
of the build output, which costs a 15 s build on every source change; `medusa develop` (~9.8 s)
adds a file watcher and a second process, useful only while editing the backend (`mode="develop"`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

import httpx

from .processes import stop_process_group

PUBLISHABLE_KEY_TITLE = "TOB storefront"
DEFAULT_PORT = 9000
STATE_SCHEMA = "tob_stack"
INSTALL_STAMP = ".tob-install-stamp"  # inside node_modules: deleting node_modules drops it

# Environment variables passed through to Medusa when the caller's environment sets them.
PASSTHROUGH_VARS = (
    "STORE_CORS",
    "ADMIN_CORS",
    "AUTH_CORS",
    "JWT_SECRET",
    "COOKIE_SECRET",
    "MEDUSA_BACKEND_URL",
    "MEDUSA_WORKER_MODE",
    "DATABASE_SSL",
    "DATABASE_SSL_REJECT_UNAUTHORIZED",
    "S3_BUCKET",
    "S3_REGION",
    "S3_ENDPOINT",
    "S3_FILE_URL",
    "S3_PREFIX",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
)


class MedusaError(RuntimeError):
    """A Medusa step failed; the message says which and where its log is."""


def _log(message: str) -> None:
    print(f"[medusa] {message}", flush=True)


def _medusa_bin(backend_dir: Path) -> Path:
    return Path(backend_dir) / "node_modules" / ".bin" / "medusa"


def _logs_dir(backend_dir: Path) -> Path:
    path = Path(backend_dir) / ".medusa" / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _fingerprint(root: Path, paths: Iterable[str]) -> str:
    """sha256 over the given files and every file under the given folders (sorted)."""
    digest = hashlib.sha256()
    for rel in paths:
        path = root / rel
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(str(file.relative_to(root)).encode())
                digest.update(b"\0")
                digest.update(file.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


def _run(cmd: list[str], cwd: Path, env: dict, log_name: str) -> None:
    """Run a command with its output in `.medusa/logs/<log_name>.log` (never echoes `cmd`:
    it may hold a password)."""
    log_path = _logs_dir(cwd) / f"{log_name}.log"
    with open(log_path, "wb") as log:
        result = subprocess.run(
            cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    if result.returncode != 0:
        raise MedusaError(
            f"{log_name} failed with exit code {result.returncode}; log: {log_path}\n{_tail(log_path)}"
        )


def _port_in_use(port: int) -> bool:
    for host in ("127.0.0.1", "::1"):
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            continue
    return False


# ── install ───────────────────────────────────────────────────────────────────


def ensure_installed(backend_dir: Path | str) -> bool:
    """`npm ci` when node_modules is missing or package-lock.json changed since the last install.

    Uses the npm registry configured on the machine (`npm config get registry`) as it is.
    Returns True when it installed.
    """
    backend_dir = Path(backend_dir)
    npm = shutil.which("npm")
    node = shutil.which("node")
    if not npm or not node:
        raise MedusaError("Node.js and npm are needed for the Medusa backend (Node >= 20)")
    node_version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    lock = backend_dir / "package-lock.json"
    wanted = hashlib.sha256(lock.read_bytes() + node_version.split(".")[0].encode()).hexdigest()
    stamp = backend_dir / "node_modules" / INSTALL_STAMP
    if stamp.exists() and stamp.read_text().strip() == wanted and _medusa_bin(backend_dir).exists():
        return False
    _log(f"npm ci in {backend_dir} (node {node_version}) …")
    started = time.monotonic()
    env = {**os.environ, "NPM_CONFIG_UPDATE_NOTIFIER": "false", "NPM_CONFIG_FUND": "false"}
    _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], backend_dir, env, "npm-ci")
    stamp.write_text(wanted + "\n")
    _log(f"npm ci done in {time.monotonic() - started:.1f} s")
    return True


# ── environment ───────────────────────────────────────────────────────────────


def base_env(
    database_url: str,
    redis_url: str | None = None,
    port: int = DEFAULT_PORT,
    events_url: str | None = None,
    events_secret: str | None = None,
) -> dict:
    """The full process environment for Medusa commands: the caller's environment plus
    Medusa's variables (ready to pass as `env=` to subprocess).

    `events_url` / `events_secret`: where Medusa's subscribers post signed catalog change events
    (the storefront's `/api/catalog/events`); without them no event is sent."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "PORT": str(port),
            "NODE_ENV": os.environ.get("NODE_ENV", "development"),
            "MEDUSA_DISABLE_TELEMETRY": "true",
            # where the local file provider says uploaded files live (image URLs)
            "MEDUSA_BACKEND_URL": os.environ.get("MEDUSA_BACKEND_URL", f"http://localhost:{port}"),
            "NPM_CONFIG_UPDATE_NOTIFIER": "false",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)  # an inherited REDIS_URL must not switch modules silently
    for name in PASSTHROUGH_VARS:
        if os.environ.get(name):
            env[name] = os.environ[name]
    env.pop("TOB_EVENTS_URL", None)
    env.pop("TOB_EVENTS_SECRET", None)
    if events_url and events_secret:
        env["TOB_EVENTS_URL"] = events_url
        env["TOB_EVENTS_SECRET"] = events_secret
    return env


# ── prepare: migrations, staff user, seed ─────────────────────────────────────

MIGRATION_INPUTS = (
    "package-lock.json",
    "medusa-config.ts",
    "src/modules",
    "src/links",
    "src/migration-scripts",
)
SEED_INPUTS = ("src/scripts/seed.ts", "src/scripts/seed-data.ts", "src/scripts/seed-images.ts")


def _connect(database_url: str):
    import psycopg  # the stack's Postgres driver (stack/postgres.py uses it too)

    return psycopg.connect(database_url, autocommit=True, connect_timeout=10)


def _state_get(database_url: str, key: str) -> str | None:
    with _connect(database_url) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {STATE_SCHEMA}")
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {STATE_SCHEMA}.state "
            "(key text PRIMARY KEY, value text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())"
        )
        row = conn.execute(f"SELECT value FROM {STATE_SCHEMA}.state WHERE key = %s", (key,)).fetchone()
        return row[0] if row else None


def _state_set(database_url: str, key: str, value: str) -> None:
    with _connect(database_url) as conn:
        conn.execute(
            f"INSERT INTO {STATE_SCHEMA}.state (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
            (key, value),
        )


def _user_exists(database_url: str, email: str) -> bool:
    with _connect(database_url) as conn:
        has_table = conn.execute("SELECT to_regclass('public.user') IS NOT NULL").fetchone()[0]
        if not has_table:
            return False
        row = conn.execute(
            'SELECT 1 FROM "user" WHERE lower(email) = lower(%s) AND deleted_at IS NULL', (email,)
        ).fetchone()
        return row is not None


def prepare(
    backend_dir: Path | str,
    env: dict,
    admin_email: str,
    admin_password: str,
    *,
    force_migrate: bool = False,
    force_seed: bool = False,
) -> dict[str, float]:
    """Migrate, create the staff user, seed the demo catalog — each only when needed.

    Prints one line per step with its duration; returns the durations (seconds) by step.
    """
    backend_dir = Path(backend_dir)
    database_url = env["DATABASE_URL"]
    medusa = str(_medusa_bin(backend_dir))
    timings: dict[str, float] = {}

    def step(name: str, done: bool, cmd: list[str] | None, log_name: str, skip_reason: str) -> bool:
        if done:
            _log(f"{name}: {skip_reason} (skipped)")
            return False
        started = time.monotonic()
        _run(cmd, backend_dir, env, log_name)
        timings[name] = time.monotonic() - started
        _log(f"{name}: done in {timings[name]:.1f} s")
        return True

    migrations = _fingerprint(backend_dir, MIGRATION_INPUTS)
    if step(
        "db:migrate",
        not force_migrate and _state_get(database_url, "migrations") == migrations,
        [medusa, "db:migrate"],
        "db-migrate",
        "schema up to date",
    ):
        _state_set(database_url, "migrations", migrations)

    step(
        "staff user",
        _user_exists(database_url, admin_email),
        [medusa, "user", "-e", admin_email, "-p", admin_password],
        "user",
        f"{admin_email} exists",
    )

    seed = _fingerprint(backend_dir, SEED_INPUTS)
    if step(
        "seed",
        not force_seed and _state_get(database_url, "seed") == seed,
        [medusa, "exec", "./src/scripts/seed.ts"],
        "seed",
        "demo catalog present",
    ):
        _state_set(database_url, "seed", seed)
    return timings


# ── run ───────────────────────────────────────────────────────────────────────


def start(
    backend_dir: Path | str,
    env: dict,
    *,
    mode: str = "start",
    log_path: Path | str | None = None,
) -> subprocess.Popen:
    """Start Medusa in its own session (process group) and return at once.

    mode "start" (default) serves the sources as they are; "develop" adds a file watcher that
    restarts on backend changes. Output goes to `log_path` (default `.medusa/logs/medusa.log`).
    Stop it with `stop(proc)`.
    """
    if mode not in ("start", "develop"):
        raise ValueError("mode must be 'start' or 'develop'")
    backend_dir = Path(backend_dir)
    port = int(env.get("PORT", DEFAULT_PORT))
    if _port_in_use(port):
        raise MedusaError(f"port {port} is already in use (another Medusa still running?)")
    log_path = Path(log_path) if log_path else _logs_dir(backend_dir) / "medusa.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "ab")  # noqa: SIM115 - owned by the child for its lifetime
    try:
        proc = subprocess.Popen(
            [str(_medusa_bin(backend_dir)), mode],
            cwd=backend_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        log.close()
    proc.log_path = log_path  # type: ignore[attr-defined]
    _log(f"medusa {mode} started (pid {proc.pid}), log: {log_path}")
    return proc


def wait_ready(base_url: str, timeout: float = 120, proc: subprocess.Popen | None = None) -> float:
    """Poll `GET /health` until it answers 200; returns the seconds waited.

    Raises MedusaError when `proc` exits first, TimeoutError after `timeout` seconds.
    """
    started = time.monotonic()
    url = base_url.rstrip("/") + "/health"
    with httpx.Client(timeout=2.0) as client:
        while True:
            try:
                if client.get(url).status_code == 200:
                    waited = time.monotonic() - started
                    _log(f"ready at {base_url} after {waited:.1f} s")
                    return waited
            except httpx.HTTPError:
                pass
            if proc is not None and proc.poll() is not None:
                log_path = getattr(proc, "log_path", None)
                raise MedusaError(
                    f"medusa exited with code {proc.returncode} before it was ready"
                    + (f"; log: {log_path}\n{_tail(Path(log_path))}" if log_path else "")
                )
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"medusa not ready at {url} after {timeout:.0f} s")
            time.sleep(0.2)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM the process group (Medusa shuts down gracefully), SIGKILL it after `timeout`."""
    stop_process_group(proc, timeout)


# ── Admin API ─────────────────────────────────────────────────────────────────


def _request_with_retries(client: httpx.Client, method: str, url: str, attempts: int = 4, **kwargs):
    delay = 0.5
    for attempt in range(1, attempts + 1):
        try:
            response = client.request(method, url, **kwargs)
            if response.status_code < 500 or attempt == attempts:
                return response
        except httpx.TransportError:
            if attempt == attempts:
                raise
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


def admin_token(base_url: str, email: str, password: str, timeout: float = 10) -> str:
    """A staff JWT from `POST /auth/user/emailpass`."""
    with httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout) as client:
        response = _request_with_retries(
            client, "POST", "/auth/user/emailpass", json={"email": email, "password": password}
        )
        if response.status_code != 200:
            raise MedusaError(f"staff login failed ({response.status_code}): {response.text[:200]}")
        return response.json()["token"]


def fetch_publishable_key(
    base_url: str, admin_email: str, admin_password: str, title: str = PUBLISHABLE_KEY_TITLE
) -> str:
    """The token (`pk_…`) of the publishable API key titled `title`, via the Admin API."""
    token = admin_token(base_url, admin_email, admin_password)
    with httpx.Client(
        base_url=base_url.rstrip("/"), timeout=10, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        response = _request_with_retries(
            client,
            "GET",
            "/admin/api-keys",
            params={"type": "publishable", "limit": 100, "fields": "id,title,token,revoked_at"},
        )
        if response.status_code != 200:
            raise MedusaError(f"listing API keys failed ({response.status_code}): {response.text[:200]}")
        for key in response.json()["api_keys"]:
            if key["title"] == title and not key.get("revoked_at"):
                return key["token"]
    raise MedusaError(f'no publishable API key titled "{title}" (has the seed run?)')
