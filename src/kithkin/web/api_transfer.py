"""/api/v1/import and /api/v1/export, and where an upload waits between the Import page's
report and its confirmation.

An upload is kept in a folder named by a random token, with the caller's account beside
it; only that account can confirm it, and it is deleted after the import or after
:data:`KEEP_SECONDS`. The import itself is `kith import`'s service, dry run or real.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from kithkin.domain.errors import NotFound
from kithkin.services.importing import import_path
from kithkin.services.transfer import export_document
from kithkin.storage.database import data_dir
from kithkin.web.auth import Caller, KithDep, state_of
from kithkin.web.models import ERRORS, ErrorOut

router = APIRouter(prefix="/api/v1", tags=["import and export"], responses=ERRORS)

#: The largest file accepted, in bytes.
UPLOAD_LIMIT = 20 * 1024 * 1024
#: How long an upload waits for its confirmation, in seconds.
KEEP_SECONDS = 3600
FORMATS = ("vcard", "linkedin", "google", "json")
Format = Literal["vcard", "linkedin", "google", "json"]
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_SUFFIXES = (".vcf", ".vcard", ".csv", ".json")
_CHUNK = 1 << 20


def clock() -> float:
    """Now, in seconds (tests move it forward to see an upload expire)."""
    return time.time()


@dataclass(frozen=True)
class Upload:
    """A file waiting to be imported: where it is kept, and its own name."""

    token: str
    path: Path
    name: str
    fmt: str | None


def too_large() -> HTTPException:
    mb = UPLOAD_LIMIT // (1024 * 1024)
    return HTTPException(413, f"the file is larger than {mb} MB; nothing was imported")


def check_length(request: Request) -> None:
    """Refuse a request whose declared size is over the limit before reading the file."""
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        declared = 0
    if declared > UPLOAD_LIMIT + 64 * 1024:  # room for the form's other fields
        raise too_large()


def display_name(filename: str | None) -> str:
    """An uploaded file's own name, safe to show: no folders, no control characters."""
    name = Path((filename or "").replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:120] or "upload"


def _root(request: Request) -> Path:
    """This server's upload folder (one per database, so two servers never share one)."""
    digest = hashlib.sha256(state_of(request).config.url.encode()).hexdigest()[:16]
    root = data_dir() / "uploads" / digest
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def _purge(root: Path) -> None:
    """Delete uploads older than KEEP_SECONDS."""
    cutoff = clock() - KEEP_SECONDS
    for folder in root.iterdir():
        try:
            created = float(json.loads((folder / "meta.json").read_text())["created"])
        except (OSError, ValueError, KeyError, TypeError):
            created = folder.stat().st_mtime if folder.exists() else 0.0
        if created < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _copy(file: UploadFile, target: Path) -> None:
    if file.size is not None and file.size > UPLOAD_LIMIT:
        raise too_large()
    written = 0
    file.file.seek(0)
    with target.open("wb") as out:
        while chunk := file.file.read(_CHUNK):
            written += len(chunk)
            if written > UPLOAD_LIMIT:
                raise too_large()
            out.write(chunk)


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in _SUFFIXES else ""


def stash(request: Request, who: Caller, file: UploadFile, fmt: str | None) -> Upload:
    """Keep an uploaded file for ``who`` until it is confirmed (or an hour passes)."""
    root = _root(request)
    _purge(root)
    token = secrets.token_urlsafe(24)
    folder = root / token
    folder.mkdir(mode=0o700)
    name = display_name(file.filename)
    path = folder / f"upload{_suffix(name)}"
    try:
        _copy(file, path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    meta = {"account": who.account_id, "name": name, "format": fmt, "created": clock()}
    (folder / "meta.json").write_text(json.dumps(meta))
    return Upload(token, path, name, fmt)


def find(request: Request, who: Caller, token: str) -> Upload:
    """The upload ``token`` names, if it is ``who``'s and still kept; else NotFound."""
    root = _root(request)
    _purge(root)
    gone = NotFound(
        "that upload is not here any more (uploads wait an hour) or is not yours: "
        "upload the file again"
    )
    if not _TOKEN.fullmatch(token):
        raise gone
    folder = root / token
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        raise gone from None
    if meta.get("account") != who.account_id:
        raise gone
    name = str(meta.get("name") or "upload")
    fmt = meta.get("format") if meta.get("format") in FORMATS else None
    return Upload(token, folder / f"upload{_suffix(name)}", name, fmt)


def discard(upload: Upload) -> None:
    """Delete a kept upload."""
    shutil.rmtree(upload.path.parent, ignore_errors=True)


# --- the API ----------------------------------------------------------------------------


class ProblemOut(BaseModel):
    file: str
    line: int
    reason: str


class ImportReportOut(BaseModel):
    """What an import did (or, with ``dry_run``, would do: nothing was written)."""

    file: str
    format: str
    dry_run: bool
    read: int
    added: int
    updated: int
    unchanged: int
    merged: list[dict[str, str]]
    duplicates_queued: int
    skipped: list[ProblemOut]
    records: dict[str, int]


IMPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "not a contacts file (binary, empty, unreadable)"},
    413: {"model": ErrorOut, "description": "the file is larger than 20 MB"},
}


@router.post("/import", response_model=ImportReportOut, responses=IMPORT_ERRORS)
def post_import(
    request: Request,
    kith: KithDep,
    file: Annotated[UploadFile, File(description="vCard, LinkedIn/Google CSV, Kithkin JSON")],
    dry_run: Annotated[bool, Form()] = False,
    skip_bad: Annotated[bool, Form()] = False,
    format: Annotated[Format | None, Form()] = None,
) -> dict[str, Any]:
    """Import a contacts file, all of it or nothing (as `kith import`); with ``dry_run``,
    only say what importing would do. ``skip_bad`` imports the readable records when
    some cannot be read (they are listed under ``skipped``)."""
    check_length(request)
    with tempfile.TemporaryDirectory(prefix="kithkin-import-") as tmp:
        name = display_name(file.filename)
        path = Path(tmp) / f"upload{_suffix(name)}"
        _copy(file, path)
        report = import_path(kith, path, format, skip_bad=skip_bad, dry_run=dry_run, label=name)
    return {**report.as_dict(), "dry_run": report.dry_run}


@router.get("/export")
def get_export(kith: KithDep) -> dict[str, Any]:
    """Everything in your account as Kithkin's JSON document (as `kith export`)."""
    return export_document(kith)
