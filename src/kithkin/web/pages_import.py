"""The Import page: upload a file, see what importing it would do, then confirm.

The first POST keeps the file (see :mod:`kithkin.web.api_transfer`) and runs `kith
import`'s service as a dry run; the confirm POST runs it for real on the same file.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from kithkin.domain.errors import KithError
from kithkin.services.importing import ImportReport, import_path
from kithkin.web import api_transfer as uploads
from kithkin.web.auth import CallerDep, KithDep
from kithkin.web.errors import status_of
from kithkin.web.respond import said
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)

NAMES = {
    "vcard": "vCard",
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "json": "Kithkin JSON",
}


def _page(request: Request, status: int = 200, **context: Any) -> Response:
    ctx = {
        "formats": [(f, NAMES[f]) for f in uploads.FORMATS],
        "limit_mb": uploads.UPLOAD_LIMIT // (1024 * 1024),
        "report": None,
        "error": None,
        **context,
    }
    return render(request, "import.html", ctx, status=status)


@router.get("/import")
def import_page(request: Request, _who: CallerDep) -> Response:
    return _page(request)


@router.post("/import")
def upload(
    request: Request,
    kith: KithDep,
    who: CallerDep,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Keep the file and show what importing it would do; nothing is written yet."""
    uploads.check_length(request)
    fmt = format if format in uploads.FORMATS else None
    kept = uploads.stash(request, who, file, fmt)
    try:
        report = import_path(kith, kept.path, fmt, skip_bad=True, dry_run=True, label=kept.name)
    except KithError as exc:  # not a contacts file: say so on this page, keep nothing
        uploads.discard(kept)
        return _page(request, status_of(exc), error=str(exc), name=kept.name)
    return _page(request, report=_view(report), token=kept.token, name=kept.name)


@router.post("/import/confirm")
def confirm(
    request: Request,
    kith: KithDep,
    who: CallerDep,
    token: Annotated[str, Form(max_length=64)],
    skip_bad: Annotated[bool, Form()] = False,
) -> Response:
    """Import the kept file for real (as `kith import`), then delete it."""
    kept = uploads.find(request, who, token)
    report = import_path(kith, kept.path, kept.fmt, skip_bad=skip_bad, label=kept.name)
    uploads.discard(kept)
    return said(request, summary(report), "/import")


def _view(report: ImportReport) -> dict[str, Any]:
    data = report.as_dict()
    people = report.records.get("people", 0) if report.format == "json" else report.added
    changes = (
        sum(report.records.values()) if report.format == "json" else report.added + report.updated
    )
    data.update(
        format_name=NAMES.get(report.format, report.format),
        people=people,
        changes=changes,
        known=report.updated + report.unchanged,
    )
    return data


def summary(report: ImportReport) -> str:
    """What an import did, in a sentence."""
    name = NAMES.get(report.format, report.format)
    if report.format == "json":
        parts = [f"{n} {k.replace('_', ' ')}" for k, n in report.records.items() if n]
    else:
        parts = []
        if report.added:
            parts.append(f"{report.added} new {'person' if report.added == 1 else 'people'}")
        if report.merged:
            parts.append(f"{len(report.merged)} merged by a shared e-mail, phone or link")
        if report.updated:
            parts.append(f"{report.updated} known filled in")
        if report.unchanged:
            parts.append(f"{report.unchanged} already here")
        if report.problems:
            parts.append(f"{len(report.problems)} skipped")
        if report.duplicates:
            parts.append(f"{report.duplicates} possible duplicates to review")
    return f"Imported {report.file} ({name}): {', '.join(parts) or 'nothing new'}."
