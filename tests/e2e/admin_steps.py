"""Steps staff take on the admin page, shared by the admin browser tests."""

from __future__ import annotations

import os

from playwright.async_api import Page, expect


def staff_login() -> tuple[str, str]:
    return (
        os.environ.get("MEDUSA_ADMIN_EMAIL") or "admin@theopenbox.test",
        os.environ.get("MEDUSA_ADMIN_PASSWORD") or "supersecret",
    )


async def sign_in(page: Page, lang: str = "en") -> None:
    email, password = staff_login()
    await page.goto(f"/{lang}/admin")
    await page.locator("#admin-email").fill(email)
    await page.locator("#admin-password").fill(password)
    await page.get_by_test_id("admin-sign-in").click()
    await expect(page.get_by_test_id("staff-email")).to_have_text(email)


async def open_view(page: Page, view: str) -> None:
    await page.get_by_test_id(f"tab-{view}").click()
    await expect(page.get_by_test_id(f"view-{view}")).to_be_visible()
    await expect(page.get_by_test_id(f"tab-{view}")).to_have_attribute("aria-current", "page")
