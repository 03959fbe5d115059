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
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise KithError(f"cannot write {path}: {parent} is a file, not a folder")
            break
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.chmod(tmp, file_mode(path))
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


def file_mode(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what
    the umask allows (temporary files start private; the result should not)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_text(path: Path, text: str) -> Path:
    """:func:`write_bytes` for UTF-8 text."""
    return write_bytes(path, text.encode("utf-8"))
