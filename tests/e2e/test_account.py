"""A shopper creates an account, keeps an address book, checks out prefilled, sees the order in
their history, and signs out."""

from __future__ import annotations

import re
import uuid

from playwright.async_api import expect
from shopper import add_to_cart, stocked_handle


async def test_account_address_book_checkout_and_history(page, medusa_client, regions):
    email = f"e2e-{uuid.uuid4().hex[:10]}@example.test"
    await page.goto("/en/account")
    register = page.locator("form", has=page.get_by_test_id("register"))
    await register.get_by_label("First name").fill("Ana")
    await register.get_by_label("Last name").fill("Tremblay")
    await register.get_by_label("Email").fill(email)
    await register.get_by_label("Password (8 characters or more)").fill("short")
    await page.get_by_test_id("register").click()
    await expect(page.locator("[id='register.password-error']")).to_have_text("Use at least 8 characters.")
    await register.get_by_label("Password (8 characters or more)").fill("correct horse battery")
    await page.get_by_test_id("register").click()

    await expect(page.get_by_test_id("account-email")).to_have_text(email)
    await expect(page.get_by_test_id("account-link")).to_have_text("Account")

    await page.locator("[id='address.first_name']").fill("Ana")
    await page.locator("[id='address.last_name']").fill("Tremblay")
    await page.locator("[id='address.address_1']").fill("2 rue Peel")
    await page.locator("[id='address.city']").fill("Montréal")
    await page.locator("[id='address.province']").select_option("qc")
    await page.locator("[id='address.postal_code']").fill("H3A 1T1")
    await page.get_by_test_id("save-address").click()
    await expect(page.get_by_test_id("saved-address")).to_have_count(1)
    await expect(page.get_by_test_id("saved-address")).to_contain_text("Montréal, Quebec H3A 1T1")
    await page.locator("[id='address.first_name']").fill("Ana")
    await page.locator("[id='address.last_name']").fill("Tremblay")
    await page.locator("[id='address.address_1']").fill("40 King St W")
    await page.locator("[id='address.city']").fill("Toronto")
    await page.locator("[id='address.province']").select_option("on")
    await page.locator("[id='address.postal_code']").fill("M5H 3Y2")
    await page.get_by_test_id("save-address").click()
    await expect(page.get_by_test_id("saved-address")).to_have_count(2)

    await add_to_cart(page, "en", await stocked_handle(medusa_client, regions["CAD"]))
    await page.goto("/en/checkout")
    await expect(page.locator("#email")).to_have_value(email)
    await expect(page.locator("[id='shipping.address_1']")).to_have_value("2 rue Peel")
    # The address book is offered; picking the other address fills the form with it.
    picker = page.get_by_test_id("saved-address-picker")
    await expect(picker.locator("option")).to_have_count(3)
    await picker.select_option(label="Ana Tremblay, 40 King St W, Toronto, Ontario M5H 3Y2, Canada")
    await expect(page.locator("[id='shipping.address_1']")).to_have_value("40 King St W")
    await expect(page.locator("[id='shipping.province']")).to_have_value("on")
    await page.get_by_test_id("address-continue").click()
    await page.get_by_test_id("delivery-continue").click()
    await page.get_by_test_id("payment-continue").click()
    await page.get_by_test_id("place-order").click()
    await expect(page).to_have_url(re.compile(r"/en/order/order_\w+/confirmed$"))
    number = await page.get_by_test_id("order-number").inner_text()
    await expect(page.get_by_text("40 King St W").first).to_be_visible()

    await page.goto("/en/account")
    await expect(page.get_by_test_id("order-row")).to_have_count(1)
    await expect(page.get_by_test_id("order-row")).to_contain_text(number)
    await page.get_by_test_id("order-row").get_by_role("link").click()
    await expect(page.get_by_role("heading", name="Order details")).to_be_visible()
    await page.reload()
    await expect(page.get_by_role("heading", name="Order details")).to_be_visible()
    await expect(page.get_by_test_id("order-number")).to_have_text(number)

    await page.goto("/en/account")
    await page.get_by_test_id("sign-out").click()
    await expect(page.get_by_test_id("sign-in")).to_be_visible()
    await expect(page.get_by_test_id("account-link")).to_have_text("Sign in")
    await page.reload()
    await expect(page.get_by_test_id("order-row")).to_have_count(0)
    await expect(page.get_by_test_id("sign-in")).to_be_visible()


async def test_wrong_password_is_refused_in_french(page):
    await page.goto("/fr/account")
    await page.locator("[id='signin.email']").fill("nobody@example.test")
    await page.locator("[id='signin.password']").fill("not the password")
    await page.get_by_test_id("sign-in").click()
    await expect(page.get_by_role("alert")).to_have_text("Courriel ou mot de passe incorrect.")
