"""Product images from an import: fetched (URL) or read (a file beside the CSV), checked, stored,
and turned into the URLs attached to the product.

Checks: at most ``MAX_IMAGE_BYTES``, a real JPEG / PNG / WebP / GIF (Pillow decodes and verifies
it, whatever the file name or content type claims), at most ``MAX_PIXELS``.

Storage, by content (SHA-256), so the same picture is stored once and a re-run attaches the same
URL (which is what lets a re-run report "unchanged"):
- ``S3_BUCKET`` set: boto3 ``put_object`` to ``S3_BUCKET`` at ``S3_ENDPOINT`` (any S3 API; AWS
  when unset), key ``{S3_PREFIX}products/{sha256}.{ext}``, public URL ``{S3_FILE_URL}/{key}``.
  These are the variables Medusa's own S3 file provider reads, so uploads from the Medusa admin and
  imports land in the same bucket.
- unset (the local default): Medusa's upload API, i.e. Medusa's local file provider — a folder
  Medusa already serves (``medusa-backend/static``), like the demo seed's pictures. No extra
  server to run on a laptop; pointing the env at a bucket switches both paths.
Each stored picture is remembered in ``jobs.stored_images`` (sha256 → URL).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
from PIL import Image, UnidentifiedImageError

import db
from medusa import Medusa

from ..models import StoredImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}


class BrokenImage(Exception):
    """The reference cannot be used as a product image; the message says why."""


@dataclass(frozen=True)
class CheckedImage:
    data: bytes
    sha256: str
    ext: str
    content_type: str


def check_image(data: bytes) -> CheckedImage:
    """Refuse anything that is not a whole JPEG/PNG/WebP/GIF of sane size."""
    if not data:
        raise BrokenImage("empty file")
    if len(data) > MAX_IMAGE_BYTES:
        raise BrokenImage(f"larger than {MAX_IMAGE_BYTES // 1024 // 1024} MB")
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            width, height = img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise BrokenImage(f"not a readable image ({type(exc).__name__})") from exc
    if fmt not in FORMATS:
        raise BrokenImage(f"{fmt} images are not accepted (JPEG, PNG, WebP or GIF)")
    if width * height > MAX_PIXELS:
        raise BrokenImage(f"{width}×{height} pixels is too large")
    ext, kind = FORMATS[fmt]
    return CheckedImage(data, hashlib.sha256(data).hexdigest(), ext, kind)


def resolve_reference(ref: str, base_dir: Path | None) -> str | Path:
    """An http(s) URL, or a file path relative to the CSV's folder (never outside it)."""
    if ref.startswith(("http://", "https://")):
        return ref
    if base_dir is None:
        raise BrokenImage(f"{ref!r} is not an http(s) URL (file names work only for files beside a CSV file)")
    path = (base_dir / ref).resolve()
    if base_dir.resolve() not in path.parents:
        raise BrokenImage(f"{ref!r} is outside the CSV file's folder")
    return path


def _read_file(path: Path) -> bytes:
    if not path.is_file():
        raise BrokenImage(f"no file {path.name}")
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise BrokenImage(f"larger than {MAX_IMAGE_BYTES // 1024 // 1024} MB")
    return path.read_bytes()


async def read_reference(target: str | Path, client: httpx.AsyncClient) -> bytes:
    if isinstance(target, Path):
        return await asyncio.to_thread(_read_file, target)
    try:
        async with client.stream("GET", target) as resp:
            if resp.status_code != 200:
                raise BrokenImage(f"{target} answered HTTP {resp.status_code}")
            chunks, size = [], 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > MAX_IMAGE_BYTES:
                    raise BrokenImage(f"larger than {MAX_IMAGE_BYTES // 1024 // 1024} MB")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as exc:
        raise BrokenImage(f"cannot fetch {target}: {type(exc).__name__}") from exc


class ImageStore(Protocol):
    name: str

    async def put(self, image: CheckedImage) -> str: ...


class S3Store:
    """boto3 to an S3 API (settings from env, the same names Medusa's S3 provider uses)."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        import boto3

        env = dict(os.environ) if env is None else env
        self.bucket = env["S3_BUCKET"]
        self.prefix = env.get("S3_PREFIX", "").strip("/")
        endpoint = env.get("S3_ENDPOINT") or None
        region = env.get("S3_REGION") or "us-east-1"
        self.file_url = (env.get("S3_FILE_URL") or "").rstrip("/") or (
            f"{endpoint.rstrip('/')}/{self.bucket}"
            if endpoint
            else f"https://{self.bucket}.s3.{region}.amazonaws.com"
        )
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region,
            aws_access_key_id=env.get("S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=env.get("S3_SECRET_ACCESS_KEY") or None,
        )

    @property
    def name(self) -> str:
        return f"s3:{self.client.meta.endpoint_url}/{self.bucket}/{self.prefix}"

    def key(self, image: CheckedImage) -> str:
        return "/".join(p for p in (self.prefix, "products", f"{image.sha256}.{image.ext}") if p)

    async def put(self, image: CheckedImage) -> str:
        key = self.key(image)
        await asyncio.to_thread(
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=image.data,
            ContentType=image.content_type,
            CacheControl="public, max-age=31536000, immutable",
        )
        return f"{self.file_url}/{key}"


class MedusaUploadStore:
    def __init__(self, medusa: Medusa) -> None:
        self.medusa = medusa
        self.name = f"medusa:{medusa.base_url}"

    async def put(self, image: CheckedImage) -> str:
        files = await self.medusa.admin.upload.create(
            [(f"{image.sha256}.{image.ext}", image.data, image.content_type)]
        )
        return files[0].url


def default_store(medusa: Medusa) -> ImageStore:
    return S3Store() if (os.environ.get("S3_BUCKET") or "").strip() else MedusaUploadStore(medusa)


class ImageImporter:
    """Turns image references into stored URLs, once per reference and once per content."""

    def __init__(self, store: ImageStore, base_dir: Path | None, *, timeout: float = 20.0) -> None:
        self.store = store
        self.base_dir = base_dir
        self.where = store.name
        self._by_ref: dict[str, str | BrokenImage] = {}
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=True)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def url_for(self, ref: str) -> str:
        """The stored URL for ``ref``; raises BrokenImage with the reason."""
        known = self._by_ref.get(ref)
        if isinstance(known, BrokenImage):
            raise known
        if known is not None:
            return known
        try:
            data = await read_reference(resolve_reference(ref, self.base_dir), self._client)
            image = check_image(data)
            url = _remembered(image.sha256, self.where)
            if url is None:
                url = await self.store.put(image)
                _remember(image.sha256, self.where, url)
        except BrokenImage as exc:
            self._by_ref[ref] = exc
            raise
        self._by_ref[ref] = url
        return url


def _remembered(sha256: str, where: str) -> str | None:
    with db.session() as s:
        row = s.get(StoredImage, (sha256, where))
        return row.url if row else None


def _remember(sha256: str, where: str, url: str) -> None:
    with db.session() as s:
        if s.get(StoredImage, (sha256, where)) is None:
            s.add(StoredImage(sha256=sha256, store=where, url=url))
