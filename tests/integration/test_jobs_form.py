"""Form ingestion: the signed endpoint (as mounted on the web app) and the admin page's function,
through the same row pipeline as CSV files, against the real Medusa and Postgres."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
from decimal import Decimal

import httpx
import pytest
from PIL import Image

import db
from jobs.ingest import form_api
from jobs.ingest.form import FormRejected, UploadedFile, ingest_form
from jobs.medusa_admin import admin_medusa
from jobs.models import JobRun

SECRET = "form-test-secret"


def png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def imported(stack):
    handles: list[str] = []
    yield handles

    async def delete() -> None:
        async with admin_medusa() as medusa:
            page = await medusa.admin.product.list(handle=handles, limit=100, fields="id,handle")
            if page.items:
                await medusa.admin.product.batch(delete=[p.id for p in page.items])

    asyncio.run(delete())


def product(handle: str):
    async def go():
        async with admin_medusa() as medusa:
            page = await medusa.admin.product.list(handle=handle)
            return page.items[0] if page.items else None

    return asyncio.run(go())


def run(run_id: int) -> JobRun:
    with db.session() as session:
        found = session.get(JobRun, run_id)
        session.expunge(found)
        return found


def post(body: bytes, headers: dict) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=form_api.api())
        async with httpx.AsyncClient(transport=transport, base_url="http://web", timeout=120) as client:
            return await client.post(form_api.PATH, content=body, headers=headers)

    return asyncio.run(go())


def signed_json(fields: dict, secret: str = SECRET) -> tuple[bytes, dict]:
    body = json.dumps(fields).encode()
    return body, {"content-type": "application/json", "x-tob-signature": form_api.sign(secret, body)}


def test_a_signed_json_form_imports_a_product_and_bad_signatures_are_refused(stack, monkeypatch, imported):
    monkeypatch.setenv("INGEST_FORM_SECRET", SECRET)
    s = uuid.uuid4().hex[:8]
    handle = f"form-{s}"
    imported.append(handle)
    fields = {
        "handle": handle,
        "title": "Form kettle",
        "title_fr": "Bouilloire du formulaire",
        "category": "small-appliances",
        "condition": "Like new",
        "sku": f"FRM-{s}",
        "price_cad": 19.99,
        "quantity": 2,
        "floor_price": "15.55",
    }

    body, headers = signed_json(fields, "not-the-secret")
    wrong = post(body, headers)
    missing = post(body, {"content-type": "application/json"})
    malformed = post(body, {"content-type": "application/json", "x-tob-signature": "md5=abc"})

    assert wrong.status_code == missing.status_code == malformed.status_code == 401
    assert wrong.json() == {
        "error": "bad signature: it does not match the body signed with the shared secret"
    }
    assert missing.json()["error"].startswith("missing x-tob-signature header")
    assert malformed.json() == {"error": "x-tob-signature must look like sha256=<hex>"}
    assert product(handle) is None  # nothing imported

    body, headers = signed_json(fields)
    answer = post(body, headers)

    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["status"] == "succeeded"
    assert report["rows"] == [
        {
            "line": 2,
            "row": 1,
            "status": "created",
            "handle": handle,
            "sku": f"FRM-{s}",
            "message": "floor applied",
            "product_id": report["rows"][0]["product_id"],
            "variant_id": report["rows"][0]["variant_id"],
            "floor": "applied",
        }
    ]
    assert "15.55" not in answer.text  # the floor price is never echoed
    made = product(handle)
    assert made.title == "Form kettle"
    assert made.variants[0].prices[0].amount == Decimal("19.99")
    recorded = run(report["run_id"])
    assert (recorded.job, recorded.trigger, recorded.status) == ("ingest", "form", "succeeded")
    assert recorded.source.startswith("form from form tool")

    again = post(body, headers)
    assert again.status_code == 200 and [r["status"] for r in again.json()["rows"]] == ["unchanged"]

    bad, bad_headers = signed_json(
        {**fields, "sku": f"FRM-{s}-2", "handle": f"bad-{s}", "price_cad": "12.3.4"}
    )
    rejected = post(bad, bad_headers)
    assert rejected.status_code == 422
    assert rejected.json()["rows"][0]["message"] == "bad price in CAD: '12.3.4' is not an amount"

    unreadable = b"{not json"
    answer = post(
        unreadable, {"content-type": "application/json", "x-tob-signature": form_api.sign(SECRET, unreadable)}
    )
    assert answer.status_code == 400 and answer.json()["error"].startswith("the body is not valid JSON")


def test_a_signed_multipart_form_with_pictures_and_two_variants(stack, monkeypatch, imported):
    monkeypatch.setenv("INGEST_FORM_SECRET", SECRET)
    monkeypatch.delenv("S3_BUCKET", raising=False)  # pictures go to Medusa's own file storage
    s = uuid.uuid4().hex[:8]
    handle = f"multi-{s}"
    imported.append(handle)
    rows = [
        {"sku": f"MLT-{s}-GD", "condition": "Good", "price_cad": "40"},
        {"sku": f"MLT-{s}-FR", "condition": "Fair", "price_cad": "30"},
    ]
    picture = png((200, 120, 20))
    request = httpx.Request(
        "POST",
        "http://web" + form_api.PATH,
        data={"handle": handle, "title": "Two-grade lamp", "category": "furniture", "rows": json.dumps(rows)},
        files=[("images", ("lamp photo.png", picture, "image/png"))],
    )
    body = request.read()
    headers = {
        "content-type": request.headers["content-type"],
        "x-tob-signature": form_api.sign(SECRET, body),
    }

    answer = post(body, headers)

    assert answer.status_code == 200, answer.text
    assert [(r["sku"], r["status"]) for r in answer.json()["rows"]] == [
        (f"MLT-{s}-GD", "created"),
        (f"MLT-{s}-FR", "created"),
    ]
    made = product(handle)
    assert sorted(v.sku for v in made.variants) == [f"MLT-{s}-FR", f"MLT-{s}-GD"]
    assert made.thumbnail
    assert httpx.get(made.thumbnail, timeout=10).content == picture

    tampered = body.replace(b"Two-grade lamp", b"Two-grade LAMP")
    assert (post(tampered, headers)).status_code == 401


def test_the_admin_page_function_records_who_sent_the_form(stack, imported):
    s = uuid.uuid4().hex[:8]
    handle = f"admin-{s}"
    imported.append(handle)
    fields = {
        "handle": handle,
        "title": "Admin stool",
        "condition": "Good",
        "sku": f"ADM-{s}",
        "price_cad": "25",
    }

    outcome = ingest_form(fields, [UploadedFile("stool.png", png((20, 20, 200)))], by="lea@theopenbox.test")

    assert outcome.status == "succeeded" and [r["status"] for r in outcome.rows] == ["created"]
    recorded = run(outcome.run_id)
    assert (recorded.trigger, recorded.source) == ("admin", "form from lea@theopenbox.test")
    assert product(handle).thumbnail
    with pytest.raises(FormRejected, match="'rows' must be a non-empty list"):
        ingest_form({"handle": handle, "rows": []}, [], by="lea@theopenbox.test")
