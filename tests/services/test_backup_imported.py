"""Backup and restore keep everything an import brings (photos, dates, relations, kept
card properties, source ids), merges that can still be undone, and office hours."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import make_person
from kithkin.services import merge
from kithkin.services.backup import backup, restore
from kithkin.services.context import Kith
from kithkin.services.importing import import_path
from kithkin.services.office_hours import write_invite
from kithkin.services.transfer import dumps, export_document

VCARD = Path(__file__).resolve().parents[1] / "fixtures" / "vcard"


def test_backup_and_restore_round_trip_after_imports(kith: Kith, tmp_path: Path) -> None:
    import_path(kith, VCARD / "iphone.vcf")
    import_path(kith, VCARD / "cardbook.vcf")
    a = make_person(kith, "Maya López", channels=[("email", "maya@example.org")])
    make_person(kith, "Maya L.", org="Green Roofs")
    merge.merge(kith, "Maya López", "Maya L.")
    group = {"people": [{"person_id": a, "person": "Maya López", "uid": None}]}
    write_invite(kith, group, datetime(2026, 12, 1, 9), 2.0, None, tmp_path / "oh.ics", text="Hi")
    before = dumps(export_document(kith))
    doc = export_document(kith)
    assert any(p["photo"] for p in doc["people"]) and any(p["related"] for p in doc["people"])
    assert any(p["dates"] for p in doc["people"]) and any(p["properties"] for p in doc["people"])
    assert doc["office_hours"]

    copy = tmp_path / "backup.db"
    backup(kith, copy)
    make_person(kith, "Someone Added After")  # then a mistake worth undoing
    restore(kith, copy)
    assert dumps(export_document(kith)) == before
    if kith.engine.dialect.name == "sqlite":  # the file backup keeps the merge history
        restored = merge.unmerge(kith, "Maya López")
        assert restored["restored"]
        names = {p["name"] for p in export_document(kith)["people"]}
        assert {"Maya López", "Maya L."} <= names
