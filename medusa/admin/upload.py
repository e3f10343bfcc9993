"""``POST /admin/uploads``: files into Medusa's file module (local folder, or S3 when Medusa is
configured with S3_BUCKET). Multipart, so it is sent on the client's pool directly; never retried."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from .. import _json
from .._resource import Resource
from ..errors import AuthenticationError, InvalidResponseError, MedusaUnavailableError, error_from_response
from ..models import Image


class UploadResource(Resource):
    async def create(self, files: Sequence[tuple[str, bytes, str]]) -> list[Image]:
        """Upload ``(filename, content, content_type)`` files; returns their ``{id, url}``."""
        client = self._client
        if not client.admin_token:
            raise AuthenticationError("no admin token for /admin/uploads", type="unauthorized")
        http = client._http
        try:
            response = await http.client.post(
                "/admin/uploads",
                files=[("files", (name, data, kind)) for name, data, kind in files],
                headers={"authorization": f"Bearer {client.admin_token}"},
                timeout=http.timeout,
            )
        except httpx.TransportError as exc:
            raise MedusaUnavailableError(f"cannot reach Medusa: {type(exc).__name__}: {exc}") from exc
        try:
            body = _json.loads(response.content) if response.content else None
        except ValueError:
            body = response.text
        if response.status_code >= 400:
            raise error_from_response(response.status_code, body, method="POST", url="/admin/uploads")
        if not isinstance(body, dict) or not isinstance(body.get("files"), list):
            raise InvalidResponseError("expected {files: [...]} from /admin/uploads", body=body)
        return [Image.model_validate(f) for f in body["files"]]
