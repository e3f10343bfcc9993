"""Start and stop the local services in order: Postgres → Medusa → the jobs scheduler → the Reflex web app.

Each service is skipped when its env var points at an existing one (DATABASE_URL,
MEDUSA_BACKEND_URL…). Used by `python -m stack run` and by the test session.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from . import medusa as medusa_backend
from .postgres import EmbeddedPostgres
from .postgres import stop as stop_postgres
from .processes import stop_process_group
from .settings import ROOT, Settings, reflex_env

MEDUSA_DIR = ROOT / "medusa-backend"


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


@dataclass
class Stack:
    settings: Settings = field(default_factory=Settings)
    _running: list[tuple[str, Callable[[], None]]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- Postgres -------------------------------------------------------------------------
    def start_postgres(self) -> None:
        s = self.settings
        if not s.embedded_postgres:
            log("Postgres: using DATABASE_URL")
            self.env["DATABASE_URL"] = s.database_url
            self.env["MEDUSA_DATABASE_URL"] = s.medusa_database_url or _sibling_db(s.database_url, "medusa")
            self._migrate()
            return
        started = time.monotonic()
        pg = EmbeddedPostgres(s.data_dir / "postgres", port=s.pg_port)
        if pg.is_ready():
            log(f"Postgres: already running on {pg.host}:{pg.port}, reusing it")
        else:
            proc = pg.start()
            self._running.append(("postgres", lambda: stop_postgres(proc)))
            log(f"Postgres: ready on {pg.host}:{pg.port} in {time.monotonic() - started:.1f}s")
        pg.ensure_database("medusa")
        pg.ensure_database("tob", extensions=("vector",))
        self.env["DATABASE_URL"] = pg.url("tob")
        self.env["MEDUSA_DATABASE_URL"] = s.medusa_database_url or pg.url("medusa")
        self._migrate()

    def _migrate(self) -> None:
        from db.migrate import upgrade

        started = time.monotonic()
        upgrade(self.env["DATABASE_URL"])
        log(f"Postgres: app schema up to date in {time.monotonic() - started:.1f}s")
        if self.settings.local_medusa:  # our demo catalog: its negotiation rules (never overwrites)
            from assistant.seed import seed_rules

            if inserted := seed_rules(url=self.env["DATABASE_URL"]):
                log(f"Postgres: {inserted} demo negotiation rule(s) added")

    # --- Mail -----------------------------------------------------------------------------
    def start_mail(self) -> None:
        """The local SMTP catcher, unless SMTP_HOST points at a real relay."""
        s = self.settings
        if s.smtp_host:
            log(f"Mail: sending through {s.smtp_host}:{s.smtp_port}")
            return
        self.env["SMTP_HOST"], self.env["SMTP_PORT"] = "127.0.0.1", str(s.smtp_port)
        if _port_open("127.0.0.1", s.smtp_port):
            log(f"Mail: a catcher is already listening on {s.smtp_port}, reusing it")
            return
        proc = subprocess.Popen(
            [sys.executable, "-m", "stack.mailcatcher", "--dir", str(s.mail_dir), "--port", str(s.smtp_port)],
            cwd=ROOT,
            start_new_session=True,
        )
        self._running.append(("mail", lambda: stop_process_group(proc)))
        deadline = time.monotonic() + 20
        while not _port_open("127.0.0.1", s.smtp_port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the mail catcher did not start on port {s.smtp_port}")
            time.sleep(0.1)
        log(f"Mail: catching on 127.0.0.1:{s.smtp_port}, messages in {s.mail_dir}")

    # --- Medusa ---------------------------------------------------------------------------
    def start_medusa(self) -> None:
        s = self.settings
        if not s.local_medusa:
            log(f"Medusa: using MEDUSA_BACKEND_URL={s.medusa_url}")
        elif _healthy(s.medusa_base_url):
            log(f"Medusa: already running at {s.medusa_base_url}, reusing it")
        else:
            started = time.monotonic()
            medusa_backend.ensure_installed(MEDUSA_DIR)
            env = medusa_backend.base_env(
                self.env["MEDUSA_DATABASE_URL"], redis_url=s.redis_url or None, port=s.medusa_port
            )
            medusa_backend.prepare(MEDUSA_DIR, env, s.admin_email, s.admin_password)
            # Change events only from the running server (the seed's events would find no storefront).
            env = medusa_backend.base_env(
                self.env["MEDUSA_DATABASE_URL"],
                redis_url=s.redis_url or None,
                port=s.medusa_port,
                events_url=s.events_url,
                events_secret=s.events_secret,
            )
            proc = medusa_backend.start(MEDUSA_DIR, env)
            self._running.append(("medusa", lambda: stop_process_group(proc)))
            medusa_backend.wait_ready(s.medusa_base_url, timeout=240, proc=proc)
            log(f"Medusa: ready at {s.medusa_base_url} in {time.monotonic() - started:.1f}s")
        self.env["MEDUSA_BACKEND_URL"] = s.medusa_base_url
        self.env["MEDUSA_PUBLISHABLE_KEY"] = s.publishable_key or medusa_backend.fetch_publishable_key(
            s.medusa_base_url, s.admin_email, s.admin_password
        )
        self.sync_catalog()

    def sync_catalog(self) -> None:
        """Build the catalog read model when it is empty (a new database); later changes arrive
        as Medusa events and through the periodic refresh."""
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "catalog", "rebuild", "--if-empty"],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"catalog rebuild failed:\n{result.stderr[-3000:]}")
        log(f"Catalog: {result.stdout.strip()} ({time.monotonic() - started:.1f}s)")

    # --- Scheduler --------------------------------------------------------------------------
    def start_scheduler(self) -> None:
        """`python -m jobs`: the APScheduler process (one active per database; more stand by).
        SIGTERM on stop lets a running job finish its current batch and record itself."""
        if os.environ.get("JOBS_SCHEDULER", "").strip().lower() in ("off", "0", "false", "no"):
            log("Scheduler: off (JOBS_SCHEDULER)")
            return
        env = {**os.environ, **self.env, "TOB_DATA_DIR": str(self.settings.data_dir)}
        proc = subprocess.Popen([sys.executable, "-m", "jobs"], cwd=ROOT, env=env, start_new_session=True)
        self._running.append(("scheduler", lambda: stop_process_group(proc, timeout=60)))
        time.sleep(1)
        if proc.poll() is not None:
            raise RuntimeError(f"the jobs scheduler exited at start with {proc.returncode}")
        log(
            f"Scheduler: started (pid {proc.pid}); inbox {env.get('JOBS_INBOX_DIR') or self.settings.data_dir / 'inbox'}"
        )

    # --- Web --------------------------------------------------------------------------------
    def start_web(self) -> None:
        """The production build, frontend and backend on one port."""
        s = self.settings
        started = time.monotonic()
        env = {**os.environ, **self.env, **reflex_env(s)}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                "--single-port",
                "--frontend-port",
                str(s.web_port),
                "--backend-port",
                str(s.web_port),
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self._running.append(("web", lambda: stop_process_group(proc)))
        _wait_http(f"{s.web_url}/ping", proc, timeout=600)
        log(f"Web: ready at {s.web_url} in {time.monotonic() - started:.1f}s")

    def stop_service(self, name: str) -> None:
        """Stop one service started by this stack (the outage test stops Medusa)."""
        for index, (running, stop) in enumerate(self._running):
            if running == name:
                log(f"stopping {name}")
                stop()
                del self._running[index]
                return
        raise RuntimeError(f"{name} was not started by this stack, so it cannot be stopped")

    def stop(self) -> None:
        while self._running:
            name, stop = self._running.pop()
            log(f"stopping {name}")
            stop()


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _sibling_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def _healthy(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")
