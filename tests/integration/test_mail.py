"""Mail through the stack's real SMTP catcher: order confirmations and password-reset links."""

from __future__ import annotations

import asyncio
import uuid

from shop import cart as carts
from shop import checkout, notifications
from stack.mailcatcher import messages


async def wait_for_mail(folder, to: str, seconds: float = 20.0):
    for _ in range(int(seconds * 10)):
        found = [m for m in messages(folder) if m["To"] == to]
        if found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"no mail to {to} within {seconds} s")


async def test_placing_an_order_mails_one_confirmation_in_the_shoppers_language(
    stack, medusa_client, regions
):
    from catalog import source

    source.reset()
    region = regions["CAD"]
    page = await medusa_client.store.product.list(region_id=region.id, limit=40)
    variant = next(v for p in page.items for v in p.variants if (v.inventory_quantity or 0) >= 2)
    email = f"mail-{uuid.uuid4().hex[:10]}@example.test"
    cart = await carts.add("", region_id=region.id, locale="fr-CA", variant_id=variant.id, quantity=1)
    address = {
        "first_name": "Léa",
        "last_name": "Roy",
        "address_1": "3 rue King",
        "city": "Sherbrooke",
        "province": "qc",
        "postal_code": "J1H 1R4",
        "country_code": "ca",
    }
    await checkout.save_contact(cart.id, email=email, shipping=address)
    await checkout.choose_shipping(cart.id, (await checkout.shipping_options(cart.id))[0].id)

    order = await checkout.place_order(cart.id, "pp_system_default", "fr")
    again = await checkout.place_order(cart.id, "pp_system_default", "fr")  # a double click
    assert again.id == order.id

    (mail,) = await wait_for_mail(stack.settings.mail_dir, email)
    assert mail["Subject"] == f"Votre commande nº {order.display_id} est confirmée"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert f"/fr/order/{order.id}/confirmed" in body
    await asyncio.sleep(1)
    assert len([m for m in messages(stack.settings.mail_dir) if m["To"] == email]) == 1
    await source.medusa().aclose()
    source.reset()


async def test_reset_event_mails_a_link_only_for_customers(stack):
    email = f"reset-{uuid.uuid4().hex[:10]}@example.test"
    assert not await notifications.password_reset({"actor_type": "user", "entity_id": email, "token": "t"})
    assert not await notifications.password_reset(
        {"actor_type": "customer", "entity_id": "not-an-email", "token": "t"}
    )
    sent = await notifications.password_reset(
        {"actor_type": "customer", "entity_id": email, "token": "tok.en.x", "metadata": {"lang": "fr"}}
    )
    assert sent
    (mail,) = await wait_for_mail(stack.settings.mail_dir, email)
    assert mail["Subject"] == "Réinitialisez votre mot de passe"
    assert "/fr/account/reset/new?email=" in mail.get_body(preferencelist=("plain",)).get_content()
