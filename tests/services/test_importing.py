"""The import service: one transaction per file, no duplicates on re-import, exact
matches merged, likely duplicates queued, bad files changing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_person
from kithkin.domain.errors import KithError
from kithkin.services import dedupe
from kithkin.services.context import Kith
from kithkin.services.importing import ImportProblems, detect, import_path
from kithkin.services.transfer import dumps, export_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "csv" / "linkedin_connections.csv"
GOOGLE = FIXTURES / "csv" / "google_legacy.csv"


def _state(kith: Kith) -> str:
    return dumps(export_document(kith))


def _people(kith: Kith) -> dict[str, dict]:
    return {p["name"]: p for p in export_document(kith)["people"]}


def test_detects_every_format_from_content(tmp_path: Path) -> None:
    assert detect(LINKEDIN) == "linkedin"
    assert detect(GOOGLE) == "google"
    assert detect(FIXTURES / "csv" / "google_contacts.csv") == "google"
    card = tmp_path / "no-suffix"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nN:;A;;;\r\nEND:VCARD\r\n")
    assert detect(card) == "vcard"
    doc = tmp_path / "export.txt"
    doc.write_text('{"format": "kithkin", "version": 1}')
    assert detect(doc) == "json"
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    shutil.copy(card, vdir / "a.vcf")
    assert detect(vdir) == "vcard"


def test_linkedin_import_adds_people_with_how_you_met(kith: Kith) -> None:
    report = import_path(kith, LINKEDIN)
    assert report.format == "linkedin"
    assert report.added == report.read == 8
    ana = _people(kith)["Ana Silva"]
    assert ana["met_how"] == "Connected on LinkedIn"
    assert ana["met_on"] == "2024-03-12"
    assert ana["org"] == "Stripe, Inc." and ana["title"] == "Staff Engineer"
    assert {"kind": "url", "label": "linkedin", "value": ana["channels"][0]["value"]} in ana[
        "channels"
    ]
    assert ana["sources"] == [
        {"source": "linkedin", "key": "https://www.linkedin.com/in/ana-silva-3b2a1c"}
    ]


def test_importing_the_same_file_twice_adds_no_one(kith: Kith) -> None:
    import_path(kith, LINKEDIN)
    before = _state(kith)
    again = import_path(kith, LINKEDIN)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 8)
    assert _state(kith) == before


def test_a_bad_row_stops_the_whole_import_and_changes_nothing(kith: Kith) -> None:
    make_person(kith, "Already Here")
    before = _state(kith)
    with pytest.raises(ImportProblems) as caught:
        import_path(kith, FIXTURES / "csv" / "linkedin_broken.csv")
    message = str(caught.value)
    assert "nothing was imported" in message and "--skip-bad" in message
    assert "linkedin_broken.csv:6: cannot read the Connected On date '31 Foo 2023'" in message
    assert _state(kith) == before


def test_skip_bad_imports_the_rest_and_reports_the_bad_rows(kith: Kith) -> None:
    report = import_path(kith, FIXTURES / "csv" / "linkedin_broken.csv", skip_bad=True)
    assert report.added >= 1
    assert [p.line for p in report.problems] == [6, 7, 10, 12]
    assert len(_people(kith)) == report.added


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.csv", "the file is empty"),
        ("binary.csv", "binary"),
        ("noheader.csv", "cannot tell the format"),
        ("linkedin_cp1252.csv", "not UTF-8"),
    ],
)
def test_unreadable_files_give_one_message_and_change_nothing(
    kith: Kith, name: str, words: str
) -> None:
    make_person(kith, "Already Here")
    before = _state(kith)
    with pytest.raises(KithError) as caught:
        import_path(kith, FIXTURES / "csv" / name)
    assert words in str(caught.value) and name in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _state(kith) == before


def test_a_card_with_a_known_email_merges_into_that_person(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Maya López", channels=[("email", "Maya@Example.org")], org=None)
    card = tmp_path / "maya.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lopez;Maya;;;\r\nFN:Maya Lopez\r\n"
        "EMAIL;TYPE=INTERNET:maya@example.org\r\nTEL;TYPE=CELL:+351 912 345 678\r\n"
        "ORG:Green Roofs Lda\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = import_path(kith, card)
    assert report.added == 0 and report.updated == 1
    assert report.merged == [{"name": "Maya Lopez", "into": "Maya López", "why": "same e-mail"}]
    people = _people(kith)
    assert list(people) == ["Maya López"]  # her own name wins
    maya = people["Maya López"]
    assert maya["org"] == "Green Roofs Lda"  # a blank filled in
    assert {c["value"] for c in maya["channels"]} == {"Maya@Example.org", "+351 912 345 678"}


def test_two_cards_with_one_phone_in_a_file_become_one_person(kith: Kith, tmp_path: Path) -> None:
    card = tmp_path / "two.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Theo;;;\r\nFN:Theo Okafor\r\n"
        "TEL:+351 912 000 111\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Theo;;;\r\nFN:Theo\r\n"
        "TEL:912000111\r\nEMAIL:theo@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = import_path(kith, card)
    assert report.added == 1
    assert report.merged == [{"name": "Theo", "into": "Theo Okafor", "why": "same phone"}]
    theo = _people(kith)["Theo Okafor"]
    assert {c["value"] for c in theo["channels"]} == {"+351 912 000 111", "theo@example.org"}


def test_likely_duplicates_are_queued_not_merged(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Ana Silva", org="Stripe, Inc.")
    report = import_path(kith, LINKEDIN)
    assert report.added == 8  # a similar name is not proof: nothing merged
    assert report.duplicates == 1
    (pair,) = dedupe.candidates(kith)
    assert (pair["a"]["name"], pair["b"]["name"]) == ("Ana Silva", "Ana Silva")
    assert "same name" in pair["evidence"] and any("Stripe" in e for e in pair["evidence"])


def test_google_legacy_import_maps_labels_and_relations(kith: Kith) -> None:
    report = import_path(kith, GOOGLE)
    assert report.format == "google" and report.added == report.read
    people = export_document(kith)["people"]
    assert people, "the legacy export has people"
    assert all(p["sources"][0]["source"] == "google" for p in people)


def test_an_export_from_before_a_merge_finds_the_merged_person(kith: Kith, tmp_path: Path) -> None:
    from kithkin.services import exporting, merge

    make_person(kith, "Maya López", channels=[("email", "maya@example.org")])
    make_person(kith, "Maya L.", channels=[("phone", "+351 912 345 678")])
    old = tmp_path / "old.vcf"
    exporting.export_to(kith, "vcard", old)
    merge.merge(kith, "Maya López", "Maya L.")
    report = import_path(kith, old)
    assert report.added == 0
    assert list(_people(kith)) == ["Maya López"]


def test_a_relation_named_like_someone_in_the_file_links_to_them(
    kith: Kith, tmp_path: Path
) -> None:
    card = tmp_path / "family.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sofia Marchetti\r\n"
        "RELATED;TYPE=spouse;VALUE=text:Marco Marchetti\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Marco Marchetti\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    import_path(kith, card)
    people = _people(kith)
    assert people["Sofia Marchetti"]["related"] == [
        {"kind": "spouse", "name": "Marco Marchetti", "person": people["Marco Marchetti"]["uid"]}
    ]


def test_an_introducer_named_in_the_file_becomes_introduced_by(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Dana Whitfield")
    card = tmp_path / "priya.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Raman;Priya;;;\r\nFN:Priya Raman\r\n"
        "item1.X-ABRELATEDNAMES:Dana Whitfield\r\nitem1.X-ABLabel:introduced by\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Moreau;Julien;;;\r\nFN:Julien Moreau\r\n"
        "item1.X-ABRELATEDNAMES:Someone Unknown\r\nitem1.X-ABLabel:introduced by\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    import_path(kith, card)
    people = _people(kith)
    assert people["Priya Raman"]["introduced_by"] == people["Dana Whitfield"]["uid"]
    assert people["Julien Moreau"]["introduced_by"] is None
    assert people["Julien Moreau"]["met_how"] == "introduced by Someone Unknown"


def _cards(tmp_path: Path, *cards: str) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}END:VCARD\r\n" for c in cards),
        encoding="utf-8",
    )
    return path


def test_two_people_sharing_a_landline_stay_two(kith: Kith, tmp_path: Path) -> None:
    path = _cards(
        tmp_path,
        "FN:John Smith\r\nUID:a1\r\nTEL;TYPE=HOME:+44 20 7946 0018\r\nNOTE:John's\r\n",
        "FN:Jane Smith\r\nUID:a2\r\nTEL;TYPE=HOME:+44 20 7946 0018\r\nNOTE:Jane's\r\n",
    )
    report = import_path(kith, path)
    assert report.added == 2 and report.merged == []
    people = _people(kith)
    assert people["John Smith"]["notes"] == "John's" and people["Jane Smith"]["notes"] == "Jane's"
    make_person(kith, "Ana Smith", channels=[("email", "info@acme.example")])
    other = _cards(tmp_path, "FN:Bruno Costa\r\nEMAIL:info@acme.example\r\n")
    assert import_path(kith, other).added == 1


def test_a_card_carrying_someone_elses_uid_becomes_its_own_person(
    kith: Kith, tmp_path: Path
) -> None:
    make_person(kith, "Ann Smith")
    ann = _people(kith)["Ann Smith"]
    path = _cards(
        tmp_path,
        f"FN:Zed Totally Different\r\nX-KITHKIN-UID:{ann['uid']}\r\nEMAIL:zed@example.org\r\n",
        "FN:Weird Uid\r\nX-KITHKIN-UID:hello/../world\r\n",
    )
    report = import_path(kith, path)
    assert report.added == 2
    people = _people(kith)
    assert people["Ann Smith"] == ann  # untouched
    assert people["Zed Totally Different"]["uid"] != ann["uid"]
    assert len(people["Weird Uid"]["uid"]) == 32  # a uid of our own, safe as a file name


def test_two_john_smiths_without_ids_stay_two_and_reimport_adds_none(
    kith: Kith, tmp_path: Path
) -> None:
    path = _cards(
        tmp_path,
        "FN:John Smith\r\nORG:Acme Plumbing\r\nNOTE:the plumber\r\n",
        "FN:John Smith\r\nTITLE:Professor\r\nNOTE:the professor\r\n",
    )
    assert import_path(kith, path).added == 2
    assert import_path(kith, path).added == 0
    notes = sorted(p["notes"] for p in export_document(kith)["people"])
    assert notes == ["the plumber", "the professor"]


def test_a_birthday_is_filled_whole_or_not_at_all(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Leap Person", channels=[("email", "bp@example.org")], birthday="--02-29")
    make_person(kith, "Year Missing", channels=[("email", "ym@example.org")], birthday="--07-01")
    path = _cards(
        tmp_path,
        "FN:Leap Person\r\nEMAIL:bp@example.org\r\nBDAY:1990-07-01\r\n",
        "FN:Year Missing\r\nEMAIL:ym@example.org\r\nBDAY:1990-07-01\r\n",
    )
    import_path(kith, path)
    people = _people(kith)
    assert people["Leap Person"]["birthday"] == "--02-29"  # theirs wins, no 1990-02-29
    assert people["Year Missing"]["birthday"] == "1990-07-01"  # the same day: its year


def test_values_the_database_cannot_hold_are_problems_not_crashes(
    kith: Kith, tmp_path: Path
) -> None:
    before = _state(kith)
    path = _cards(
        tmp_path,
        "FN:Good Card\r\n",
        "FN:Long Relation\r\nRELATED;TYPE=friend;VALUE=text:" + "x" * 400 + "\r\n",
        "FN:Slow Friend\r\nX-KITHKIN-CADENCE:99999999999999999999\r\n",
    )
    with pytest.raises(ImportProblems) as caught:
        import_path(kith, path)
    assert [p.line for p in caught.value.problems] == [5, 10]
    assert "longer than 300" in str(caught.value) and "ten years" in str(caught.value)
    assert _state(kith) == before


def test_a_short_name_only_links_within_the_same_file(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Sam")
    path = _cards(tmp_path, "FN:John Parent\r\nitem1.X-ABRELATEDNAMES:Sam\r\n")
    import_path(kith, path)
    assert _people(kith)["John Parent"]["related"] == [
        {"kind": "related", "name": "Sam", "person": None}
    ]


def test_a_json_import_queues_likely_duplicates(kith: Kith, tmp_path: Path) -> None:
    make_person(kith, "Ana Silva", org="Stripe")
    doc = {
        "format": "kithkin",
        "version": 1,
        "people": [{"uid": "f" * 32, "name": "Ana Silva", "org": "Stripe"}],
    }
    from kithkin.services.transfer import import_document

    import_document(kith, doc)
    (pair,) = dedupe.candidates(kith)
    assert pair["a"]["name"] == pair["b"]["name"] == "Ana Silva"


def test_exports_keep_the_file_permissions_and_name_a_file_in_the_way(
    kith: Kith, tmp_path: Path
) -> None:
    from kithkin.services import calendar

    make_person(kith, "Maya López", birthday="1990-03-14")
    served = tmp_path / "served.ics"
    served.write_text("old")
    served.chmod(0o644)
    calendar.write_calendar(kith, served)
    assert served.stat().st_mode & 0o777 == 0o644
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    with pytest.raises(KithError, match="afile is a file, not a folder"):
        calendar.write_calendar(kith, blocker / "x.ics")


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        ({"starts_at": "2026-12-01T10:00:00", "hours": 2, "timezone": "Mars/Olympus"}, "zone"),
        ({"starts_at": "2026-12-01T10:00:00+05:00", "hours": 2}, "local time"),
    ],
)
def test_json_office_hours_with_a_bad_zone_are_refused(kith: Kith, hours: dict, words: str) -> None:
    from kithkin.services.transfer import import_document

    doc = {"format": "kithkin", "version": 1, "office_hours": [{"uid": "oh1", **hours}]}
    with pytest.raises(KithError, match=words):
        import_document(kith, doc)
