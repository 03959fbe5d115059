"""Photos kept as data: ``data:<media type>;base64,<bytes>`` URIs, both ways."""

from __future__ import annotations

import base64
import binascii


def photo_uri(media_type: str, data: bytes) -> str:
    """A photo as a ``data:`` URI."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def split_photo(uri: str) -> tuple[str, bytes] | None:
    """(media type, bytes) from a base64 ``data:`` URI; None when it is not one."""
    if not uri.startswith("data:") or "," not in uri:
        return None
    head, _, payload = uri[5:].partition(",")
    parts = head.split(";")
    if "base64" not in (p.strip().lower() for p in parts[1:]):
        return None
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return (parts[0].strip() or "application/octet-stream"), data
