"""Image checks and references (no services)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from jobs.ingest.images import MAX_IMAGE_BYTES, BrokenImage, check_image, resolve_reference


def encoded(fmt: str, size=(8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (1, 2, 3)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "ext", "kind"),
    [
        ("PNG", "png", "image/png"),
        ("JPEG", "jpg", "image/jpeg"),
        ("WEBP", "webp", "image/webp"),
        ("GIF", "gif", "image/gif"),
    ],
)
def test_real_images_pass_with_their_true_type(fmt, ext, kind):
    checked = check_image(encoded(fmt))
    assert (checked.ext, checked.content_type, len(checked.sha256)) == (ext, kind, 64)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a readable image"),
        (b"GIF89a" + b"\0" * 10, "not a readable image"),
        (encoded("PNG")[:40], "not a readable image"),
        (encoded("BMP"), "BMP images are not accepted"),
        (b"\0" * (MAX_IMAGE_BYTES + 1), "larger than 10 MB"),
    ],
)
def test_broken_or_unwanted_images_are_refused(data, reason):
    with pytest.raises(BrokenImage, match=reason):
        check_image(data)


def test_file_references_stay_beside_the_csv(tmp_path):
    assert resolve_reference("https://x.test/a.png", None) == "https://x.test/a.png"
    assert resolve_reference("pics/a.png", tmp_path) == (tmp_path / "pics" / "a.png").resolve()
    with pytest.raises(BrokenImage, match="outside the CSV file's folder"):
        resolve_reference("pics/../../etc/passwd", tmp_path)
    with pytest.raises(BrokenImage, match="only for files beside a CSV file"):
        resolve_reference("a.png", None)
