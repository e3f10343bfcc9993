"""A shopper who forgot their password gets a link by mail (the stack's real SMTP catcher), in
French, chooses a new one and is signed in; the old password and the used link stop working."""

from __future__ import annotations

import asyncio
import re
import uuid
from urllib.parse import urlparse

from playwright.async_api import expect

from stack.mailcatcher import messages

OLD, NEW = "first password 1", "second password 2"


async def mail_to(folder, address: str, seconds: float = 30.0):
    for _ in range(int(seconds * 4)):
        found = [m for m in messages(folder) if m["To"] == address]
        if found:
            return found[-1]
        await asyncio.sleep(0.25)
    raise AssertionError(f"no mail to {address} within {seconds} s")


async def test_password_reset_through_the_mail_catcher(page, stack):
    from catalog import source
    from shop import accounts

    source.reset()
    email = f"reset-{uuid.uuid4().hex[:10]}@example.test"
    await accounts.register(email, OLD, first_name="Zoé", last_name="Gagnon")

    await page.goto("/fr/account")
    await page.get_by_role("link", name="Mot de passe oublié?").click()
    await expect(page).to_have_url(re.compile(r"/fr/account/reset$"))
    await expect(page.get_by_role("heading", name="Mot de passe oublié?")).to_be_visible()
    await page.get_by_label("Courriel").fill(email)
    await page.get_by_test_id("send-link").click()
    await expect(page.get_by_test_id("link-sent")).to_contain_text(email)

    mail = await mail_to(stack.settings.mail_dir, email)
    assert mail["Subject"] == "Réinitialisez votre mot de passe"
    link = re.search(
        r"http://\S+/fr/account/reset/new\?\S+", mail.get_body(preferencelist=("plain",)).get_content()
    )
    assert link, "the mail has no reset link"
    target = urlparse(link.group(0))

    await page.goto(f"{target.path}?{target.query}")
    await page.get_by_label("Nouveau mot de passe (8 caractères ou plus)").fill(NEW)
    await page.get_by_label("Répétez le nouveau mot de passe").fill("something else")
    await page.get_by_test_id("save-password").click()
    await expect(page.get_by_test_id("reset-error")).to_have_text("Les deux mots de passe sont différents.")
    await page.get_by_label("Répétez le nouveau mot de passe").fill(NEW)
    await page.get_by_test_id("save-password").click()

    await expect(page).to_have_url(re.compile(r"/fr/account$"))
    await expect(page.get_by_test_id("account-email")).to_have_text(email)

    # The link works once, and only the new password signs in.
    await page.goto(f"{target.path}?{target.query}")
    await page.get_by_label("Nouveau mot de passe (8 caractères ou plus)").fill("third password 3")
    await page.get_by_label("Répétez le nouveau mot de passe").fill("third password 3")
    await page.get_by_test_id("save-password").click()
    await expect(page.get_by_test_id("reset-error")).to_have_text(
        "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau."
    )
    assert (await accounts.sign_in(email, NEW))[1].email == email
    await source.medusa().aclose()
    source.reset()
