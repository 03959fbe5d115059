"""`kith export` in the formats other tools read: one vCard 4.0 file, a vdir folder (one
card per person, as khard and vdirsyncer use), and CSV for spreadsheets. Kithkin's own
lossless JSON lives in :mod:`kithkin.services.transfer`.

Every file is written atomically (a temporary file renamed into place), so an export
that fails half-way leaves the previous file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kithkin.domain.errors import KithError
from kithkin.io import atomic
from kithkin.services.context import Kith
from kithkin.storage.snapshot import read_people

#: Formats `kith export` writes.
FORMATS = ("json", "vcard", "vdir", "csv")

Progress = Callable[[int, int], None]


def people(kith: Kith) -> list[dict[str, Any]]:
    """Every person, as the JSON format has them (read in one transaction)."""
    with kith.begin() as conn:
        return read_people(conn, kith.account_id)[0]


def _names(items: list[dict[str, Any]]) -> dict[str, str]:
    return {p["uid"]: p["name"] for p in items}


def vcard_text(kith: Kith) -> str:
    """Everyone as vCard 4.0 cards in one text."""
    from kithkin.io.vcard_write import cards

    items = people(kith)
    return cards(items)


def csv_text(kith: Kith) -> str:
    """Everyone as CSV rows."""
    from kithkin.io.people_csv import people_csv

    items = people(kith)
    return people_csv(items, _names(items))


def export_to(kith: Kith, fmt: str, dest: Path, progress: Progress | None = None) -> int:
    """Write an export to ``dest`` (a file, or a folder for vdir); returns how many
    people it holds."""
    if fmt == "vdir":
        from kithkin.io.vcard_write import write_vdir

        if dest.exists() and not dest.is_dir():
            raise KithError(f"{dest}: is a file; a vdir export needs a folder")
        items = people(kith)
        try:
            return write_vdir(dest, items, progress)
        except OSError as exc:
            raise KithError(f"cannot write {dest}: {exc.strerror or exc}") from None
    if fmt == "json":
        from kithkin.services.transfer import dumps, export_document

        doc = export_document(kith)
        atomic.write_text(dest, dumps(doc))
        return len(doc["people"])
    if fmt == "vcard":
        from kithkin.io.vcard_write import cards

        items = people(kith)
        atomic.write_text(dest, cards(items))
        return len(items)
    if fmt == "csv":
        from kithkin.io.people_csv import people_csv

        items = people(kith)
        atomic.write_text(dest, people_csv(items, _names(items)))
        return len(items)
    raise KithError(f"'{fmt}' is not a format Kithkin exports ({', '.join(FORMATS)})")
