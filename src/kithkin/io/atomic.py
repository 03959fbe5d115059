"""Writing files so a reader sees the old content or the whole new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kithkin.domain.errors import KithError


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then
    rename it into place. Creates missing parent folders. One KithError naming the
    path when it cannot be written; nothing is left behind."""
    path = path.expanduser()
    if path.is_dir():
        raise KithError(f"cannot write {path}: it is a folder")
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise KithError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str) -> Path:
    """:func:`write_bytes` for UTF-8 text."""
    return write_bytes(path, text.encode("utf-8"))
