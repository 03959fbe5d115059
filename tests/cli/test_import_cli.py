"""`kith import`, `kith export` and `kith calendar` through the real entry point."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from icalendar import Calendar

from conftest import Kiths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VCARD = FIXTURES / "vcard"
CSV = FIXTURES / "csv"


def _export(run: Kiths) -> str:
    res = run("export")
    assert res.exit_code == 0
    return res.output


def test_import_reports_what_it_did_and_twice_adds_nothing(run: Kiths) -> None:
    res = run("import", str(VCARD / "iphone.vcf"))
    assert res.exit_code == 0, res.output
    assert "iphone.vcf (vCard): 3 new people." in res.output
    again = run("import", str(VCARD / "iphone.vcf"))
    assert again.exit_code == 0
    assert "3 already here" in again.output and "new" not in again.output
    listed = run("list", "--json")
    assert len(json.loads(listed.output)) == 3


def test_import_json_report(run: Kiths) -> None:
    res = run("import", "--json", str(CSV / "linkedin_connections.csv"))
    assert res.exit_code == 0
    report = json.loads(res.output)
    assert report["format"] == "linkedin" and report["added"] == 8
    assert report["skipped"] == [] and report["merged"] == []


def test_a_broken_file_exits_1_and_names_each_bad_card(run: Kiths) -> None:
    before = _export(run)
    res = run("import", str(VCARD / "broken.vcf"))
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert "broken.vcf:7: card has no END:VCARD" in res.output
    assert "nothing was imported" in res.output
    assert _export(run) == before


def test_skip_bad_imports_the_good_cards_and_lists_the_rest(run: Kiths) -> None:
    res = run("import", "--skip-bad", str(VCARD / "broken.vcf"))
    assert res.exit_code == 0
    assert "3 new people" in res.output
    assert "Skipped 5 records that could not be read:" in res.output
    assert "broken.vcf:21: card has no name" in res.output


def test_bad_files_each_give_one_line(run: Kiths, tmp_path: Path) -> None:
    cases = {
        VCARD / "empty.vcf": "the file is empty",
        VCARD / "binary.vcf": "binary data",
        VCARD / "latin1.vcf": "not UTF-8",
        CSV / "noheader.csv": "cannot tell the format",
        tmp_path / "missing.vcf": "no such file",
    }
    before = _export(run)
    for path, words in cases.items():
        res = run("import", str(path))
        assert res.exit_code == 1, path
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and path.name in lines[0], res.output
    forced = run("import", "--format", "linkedin", str(CSV / "google_legacy.csv"))
    assert forced.exit_code == 1 and "no LinkedIn header" in forced.output
    assert _export(run) == before


def test_export_csv_and_vcard_to_stdout_and_files(run: Kiths, tmp_path: Path) -> None:
    run("import", str(CSV / "linkedin_connections.csv"))
    res = run("export", "--format", "csv")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.output.lstrip("\ufeff"))))
    assert len(rows) == 8 and {"Ana Silva", "Bruno Costa"} <= {r["name"] for r in rows}
    out = tmp_path / "all.vcf"
    res = run("export", str(out))  # the format comes from the suffix
    assert res.exit_code == 0 and "Exported 8 people" in res.output
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == 8
    assert "VERSION:4.0" in out.read_text(encoding="utf-8")


def test_vdir_export_needs_a_folder(run: Kiths, tmp_path: Path) -> None:
    res = run("export", "--format", "vdir")
    assert res.exit_code == 1 and "needs a folder" in res.output
    file = tmp_path / "a-file"
    file.write_text("x")
    res = run("export", "--format", "vdir", str(file))
    assert res.exit_code == 1 and "is a file" in res.output


def test_calendar_writes_an_ics_file(run: Kiths, tmp_path: Path) -> None:
    run("add", "Maya López", "--birthday", "1990-03-14")
    out = tmp_path / "kith.ics"
    res = run("calendar", str(out))
    assert res.exit_code == 0 and "Wrote 1 event" in res.output
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event["SUMMARY"] == "Maya López's birthday"
    res = run("calendar", "--only", "check-ins")
    assert res.exit_code == 0 and "BEGIN:VEVENT" not in res.output
