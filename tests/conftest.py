"""Test session services. Unit tests need none; integration and e2e tests get the real stack.

The test stack uses its own ports and data folder (`.data/test`), so `make test` never touches
a `make run` stack that may be running beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

TEST_ENV = {
    "TOB_DATA_DIR": str(ROOT / ".data" / "test"),
    "TOB_PG_PORT": "55433",
    "MEDUSA_PORT": "9001",
    "TOB_PORT": "3001",
    "SMTP_PORT": "1026",
}


def pytest_configure(config):
    for key, value in TEST_ENV.items():
        os.environ.setdefault(key, value)


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "integration" in parts:
            item.add_marker(pytest.mark.integration)
        if "e2e" in parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def stack():
    """Postgres and Medusa with the demo catalog, started once for the session."""
    from stack.services import Stack

    services = Stack()
    try:
        services.start_postgres()
        services.start_mail()
        services.start_medusa()
        os.environ.update(services.env)
        yield services
    finally:
        services.stop()


@pytest.fixture(scope="session")
def web(stack):
    """The storefront's production build on its own port."""
    stack.start_web()
    return stack.settings.web_url


@pytest.fixture(scope="session")
async def medusa_client(stack):
    from medusa import Medusa

    client = Medusa(
        base_url=os.environ["MEDUSA_BACKEND_URL"],
        publishable_key=os.environ["MEDUSA_PUBLISHABLE_KEY"],
    )
    yield client
    await client.aclose()


@pytest.fixture(scope="session")
async def regions(medusa_client):
    page = await medusa_client.store.region.list()
    return {region.currency: region for region in page.items}


@pytest.fixture(scope="session")
async def admin_client(stack, medusa_client):
    """The same client signed in as the demo staff user (Admin API)."""
    token = await medusa_client.admin.auth.login(stack.settings.admin_email, stack.settings.admin_password)
    return medusa_client.with_admin_token(token)
