"""Product images through boto3 into a real S3 API (SeaweedFS from PyPI, which checks SigV4),
fetched from a local HTTP server and from files beside the CSV, attached to the Medusa product."""

from __future__ import annotations

import asyncio
import http.server
import io
import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

import boto3
import httpx
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from PIL import Image

from jobs import execute, run_rows
from jobs.medusa_admin import admin_medusa

ROOT = Path(__file__).resolve().parents[2]
WEED = ROOT / ".venv" / "bin" / "weed"
KEY, SECRET, BUCKET = "tob-test-key", "tob-test-secret", "tob-images"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A SeaweedFS `weed mini` with one access key and one bucket; SIGKILLed afterwards."""
    data = tmp_path_factory.mktemp("seaweed")
    ports = {name: free_port() for name in ("s3", "master", "volume", "filer", "admin", "webdav")}
    log = (data / "weed.log").open("w")
    proc = subprocess.Popen(
        [
            str(WEED),
            "mini",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.port={ports['s3']}",
            f"-master.port={ports['master']}",
            f"-volume.port={ports['volume']}",
            f"-filer.port={ports['filer']}",
            f"-admin.port={ports['admin']}",
            f"-webdav.port={ports['webdav']}",
            "-admin.ui=false",
            f"-bucket={BUCKET}",
        ],
        env={**os.environ, "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                client.head_bucket(Bucket=BUCKET)
                break
            except (ClientError, EndpointConnectionError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        yield {"endpoint": endpoint, "client": client}
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        log.close()


class _Pictures(http.server.BaseHTTPRequestHandler):
    files: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:
        if self.path not in self.files:
            self.send_response(404)
            self.end_headers()
            return
        kind, data = self.files[self.path]
        self.send_response(200)
        self.send_header("content-type", kind)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def pictures():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Pictures.files
    server.shutdown()
    server.server_close()


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


def test_images_are_checked_stored_in_s3_once_and_attached(
    stack, s3, pictures, tmp_path, monkeypatch, imported
):
    s = uuid.uuid4().hex[:8]
    base, files = pictures
    front, side = png((200, 30, 30)), png((30, 30, 200))
    files[f"/{s}/front.png"] = ("image/png", front)
    files[f"/{s}/fake.jpg"] = ("image/jpeg", b"<html>not a picture</html>")
    (tmp_path / "side.png").write_bytes(side)
    monkeypatch.setenv("S3_BUCKET", BUCKET)
    monkeypatch.setenv("S3_ENDPOINT", s3["endpoint"])
    monkeypatch.setenv("S3_REGION", "us-east-1")
    monkeypatch.setenv("S3_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("S3_FILE_URL", f"{s3['endpoint']}/{BUCKET}")
    imported += [f"pic-{s}", f"bad-{s}", f"gone-{s}"]
    csv = tmp_path / "pictures.csv"
    csv.write_text(
        "handle,title,condition,sku,price_cad,images\n"
        f"pic-{s},Pictured,Good,PIC-{s},10,{base}/{s}/front.png|side.png\n"
        f"bad-{s},Fake picture,Good,BAD-{s},10,{base}/{s}/fake.jpg\n"
        f"gone-{s},Missing picture,Good,GON-{s},10,{base}/{s}/missing.png\n"
    )

    first = execute("ingest", source=str(csv))

    rows = {r.line: (r.status, r.message) for r in run_rows(first.run_id)}
    assert rows[2] == ("created", None)
    assert rows[3] == ("error", "broken image: not a readable image (UnidentifiedImageError)")
    assert rows[4] == ("error", f"broken image: {base}/{s}/missing.png answered HTTP 404")

    async def product():
        async with admin_medusa() as medusa:
            return (await medusa.admin.product.list(handle=f"pic-{s}")).items[0]

    made = asyncio.run(product())
    urls = [i.url for i in sorted(made.images, key=lambda i: i.rank or 0)]
    assert len(urls) == 2 and made.thumbnail == urls[0]
    for url, data in zip(urls, (front, side), strict=True):
        assert url.startswith(f"{s3['endpoint']}/{BUCKET}/products/") and url.endswith(".png")
        key = url.removeprefix(f"{s3['endpoint']}/{BUCKET}/")
        stored = s3["client"].get_object(Bucket=BUCKET, Key=key)
        assert stored["Body"].read() == data and stored["ContentType"] == "image/png"
    before = s3["client"].list_objects_v2(Bucket=BUCKET)["KeyCount"]

    again = execute("ingest", source=str(csv))

    assert {r.line: r.status for r in run_rows(again.run_id)} == {2: "unchanged", 3: "error", 4: "error"}
    assert s3["client"].list_objects_v2(Bucket=BUCKET)["KeyCount"] == before
    assert [i.url for i in sorted(asyncio.run(product()).images, key=lambda i: i.rank or 0)] == urls


def test_without_s3_images_go_to_medusas_own_file_storage(stack, tmp_path, monkeypatch, imported):
    s = uuid.uuid4().hex[:8]
    monkeypatch.delenv("S3_BUCKET", raising=False)
    picture = png((10, 160, 60))
    (tmp_path / "green.png").write_bytes(picture)
    csv = tmp_path / "local.csv"
    csv.write_text(
        f"handle,title,condition,sku,price_cad,images\nloc-{s},Local picture,Good,LOC-{s},10,green.png\n"
    )
    imported.append(f"loc-{s}")

    first = execute("ingest", source=str(csv))
    assert first.status == "succeeded"

    async def product():
        async with admin_medusa() as medusa:
            return (await medusa.admin.product.list(handle=f"loc-{s}")).items[0]

    made = asyncio.run(product())
    assert made.thumbnail and made.thumbnail.startswith(os.environ["MEDUSA_BACKEND_URL"])
    served = httpx.get(made.thumbnail, timeout=10)
    assert served.status_code == 200 and served.content == picture
    again = execute("ingest", source=str(csv))
    assert [r.status for r in run_rows(again.run_id)] == ["unchanged"]
