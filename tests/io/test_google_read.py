"""Google Contacts CSV → contacts, current and legacy layouts, read from synthetic files in
the real exports' shape (tests/fixtures/csv/google_*.csv)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kithkin.domain.errors import KithError
from kithkin.io.contact import Contact, Problem
from kithkin.io.csv_text import head_text
from kithkin.io.google_csv import looks_like_google, read_google

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def test_reads_every_row_of_a_current_export() -> None:
    path = FIXTURES / "google_contacts.csv"
    result = read_google(path)

    ana, bruno, nakamura, chris, alexandros, plumber, unnamed, zoe = result.contacts
    assert ana == Contact(
        line=2,
        name="Dr. Ana Maria Silva",
        source_key="google:dr. ana maria silva|ana@example.com",
        given_name="Ana",
        family_name="Silva",
        nickname="Aninhas",
        channels=[
            ("email", "ana@example.com", "home"),  # "* Home": the star only marks primary
            ("email", "ana.silva@stripe.example", "work"),
            ("email", "ana.old@example.net", None),  # "Other"
            ("phone", "+351 912 345 678", "mobile"),  # two values in one cell, ` ::: `
            ("phone", "+351 213 000 000", "mobile"),
            ("phone", "+351 210 111 222", "work"),
            ("address", "Rua Augusta 100, 1100-053 Lisboa, Portugal", "home"),
            ("url", "https://ana.example.com", "profile"),
            ("url", "https://blog.ana.example.com", "blog"),
        ],
        birthday="1990-03-14",
        dates=[("anniversary", "2015-06-20"), ("first climb", "--09-01")],
        org="Stripe, Inc.",
        title="Staff Engineer",
        notes=(
            "Met at the climbing gym.\nLoves bouldering in Sintra.\n\n"
            "Pronouns: she/her\nOrganization Department: Payments"
        ),
        tags=["climbing", "book club"],
        related=[("spouse", "Rui Silva")],
        introduced_by="Marta Reis",
        properties=["PHOTO;VALUE=uri:https://lh3.googleusercontent.com/contacts/AbC123xyz"],
    )
    assert bruno == Contact(
        line=6,  # Ana's notes and address hold three quoted newlines
        name="Bruno Costa",
        source_key="google:bruno costa|bruno.costa@example.org",
        given_name="Bruno",
        family_name="Costa",
        channels=[
            ("email", "Bruno.Costa@Example.org", "work"),
            ("phone", "(+351) 933-444-555", None),
            ("address", "Av. da Liberdade 1, Lisboa, 1250-096, Portugal", None),
        ],
        birthday="--03-14",
        notes="Anniversary: sometime in June\nCustom field: met at PyCon",
        tags=["starred"],
        related=[("friend", "Ana Silva"), ("related", "Carla Costa")],
    )
    assert nakamura == Contact(
        line=7,
        name="Nakamura & Sons, Ltd.",
        source_key="google:nakamura & sons, ltd.|hello@nakamura.example",
        channels=[("email", "hello@nakamura.example", "work")],
        org="Nakamura & Sons, Ltd.",
        tags=["suppliers"],
    )
    assert chris == Contact(
        line=8,
        name="chris@example.org",
        source_key="google:chris@example.org|chris@example.org",
        channels=[("email", "chris@example.org", None)],
    )
    assert alexandros == Contact(
        line=9,
        name="Αλέξανδρος Παπαδόπουλος",
        source_key="google:αλέξανδρος παπαδόπουλος|+302101234567",
        given_name="Αλέξανδρος",
        family_name="Παπαδόπουλος",
        channels=[("phone", "+30 21 0123 4567", "home")],
        notes="Birthday: 14/03/85",  # unreadable birthday: kept, not a problem
        tags=["family"],
        introduced_by="Ana Silva",  # "Referred by"
        properties=["X-PHONETIC-FIRST-NAME:Alexandros", "X-PHONETIC-LAST-NAME:Papadopoulos"],
    )
    # line 10 is all blank: skipped
    assert plumber == Contact(
        line=11,
        name="Plumber (Gomes)",
        source_key="google:plumber (gomes)|+351966000111",
        channels=[("phone", "+351 966 000 111", "mobile")],
    )
    assert zoe == Contact(
        line=14,
        name="Zoë 🌊 Hart",
        source_key=None,  # no e-mail or phone: the importer keys it by its content
        given_name="Zoë 🌊",
        family_name="Hart",
        nickname="Zo",
        channels=[("url", "https://zoe.example.net", None)],
    )
    # a contact with only a phone number is named by it, as Google shows it
    assert unnamed.line == 12 and unnamed.name == "+351 999 999 999"
    assert unnamed.channels == [("phone", "+351 999 999 999", None)]
    assert unnamed.notes == "who is this?"
    assert result.problems == [
        Problem(str(path), 13, "the row has 51 fields but the header has 50"),
    ]


def test_reads_a_legacy_utf16_export() -> None:
    path = FIXTURES / "google_legacy.csv"
    assert path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    result = read_google(path)

    marta, kenji = result.contacts
    assert marta == Contact(
        line=2,
        name="Marta Reis",
        source_key="google:marta reis|marta.reis@example.com",
        given_name="Marta",
        family_name="Reis",
        channels=[
            ("email", "marta.reis@example.com", "home"),
            ("phone", "+351 917 222 333", "mobile"),
            ("address", "Rua do Carmo 7, Porto", "work"),
            ("url", "http://reis.example", "home page"),
        ],
        birthday="1984-11-02",
        dates=[("anniversary", "2009-05-23")],
        org="Reis & Filhos",
        title="Owner",
        notes=(
            "Owner of the\nceramics shop.\n\n"
            "Shoe size: 38\nGender: female\nHobby: Pottery\n"
            "Organization 1 - Department: Retail"
        ),
        tags=["friends", "coworkers"],  # "* My Contacts" dropped, other system groups kept
        related=[("spouse", "João Reis")],
    )
    assert kenji == Contact(
        line=5,  # Marta's notes and address span lines 2-4
        name="Kenji Tanaka",
        source_key="google:kenji tanaka|+81312345678",
        given_name="Kenji",
        family_name="Tanaka",
        channels=[
            ("phone", "+81 3 1234 5678", "work"),  # labels split alike pair up
            ("phone", "+81 90 1234 5678", "mobile"),
        ],
        birthday="--07-30",
        properties=["X-PHONETIC-FIRST-NAME:ケンジ", "X-PHONETIC-LAST-NAME:タナカ"],
    )
    assert result.problems == []  # line 6 holds nothing but Sensitivity "Normal": skipped


def test_looks_like_google() -> None:
    assert looks_like_google(head_text(FIXTURES / "google_contacts.csv"))
    assert looks_like_google(head_text(FIXTURES / "google_legacy.csv"))
    assert not looks_like_google(head_text(FIXTURES / "linkedin_connections.csv"))
    assert not looks_like_google(head_text(FIXTURES / "linkedin_old.csv"))
    assert not looks_like_google(head_text(FIXTURES / "noheader.csv"))
    assert not looks_like_google("")
    # an export whose people have no e-mail still has the fixed columns
    assert looks_like_google("First Name,Middle Name,Last Name,Nickname,File As,Labels\n")


def test_an_organisation_type_that_says_something_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "Name,Given Name,Additional Name,Family Name,Group Membership,"
        "Organization 1 - Type,Organization 1 - Name,Organization 2 - Type,Organization 2 - Name\n"
        "Ana Silva,Ana,,Silva,,Work,Stripe,Other,Climbing Club\n",
        encoding="utf-8",
    )
    [ana] = read_google(path).contacts
    assert ana.org == "Stripe"
    assert ana.notes == "Organization type: work\nOrganization: Climbing Club"


def test_progress_every_500_rows_and_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    rows = [f"P{i},,Q{i},,,,,,,,,,,,,,* myContacts" for i in range(1001)]
    header = (
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
        "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
        "Organization Title,Organization Department,Birthday,Notes,Photo,Labels"
    )
    path.write_text("\n".join([header, *rows]), encoding="utf-8")
    calls: list[tuple[int, int]] = []

    result = read_google(path, progress=lambda done, total: calls.append((done, total)))

    assert [c.name for c in result.contacts[:2]] == ["P0 Q0", "P1 Q1"]
    assert result.contacts[0].tags == []
    assert calls == [(500, 1001), (1000, 1001), (1001, 1001)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "the file is empty"),
        ("binary.csv", "not a CSV file (binary data)"),
        (
            "noheader.csv",
            "no Google header found (expected columns First Name, Middle Name, Last Name, "
            "E-mail 1 - Value …, or legacy Name, Given Name, Additional Name, Family Name …)",
        ),
        (
            "linkedin_connections.csv",
            "no Google header found (expected columns First Name, Middle Name, Last Name, "
            "E-mail 1 - Value …, or legacy Name, Given Name, Additional Name, Family Name …)",
        ),
    ],
)
def test_unreadable_files(name: str, message: str) -> None:
    path = FIXTURES / name
    with pytest.raises(KithError) as err:
        read_google(path)
    assert str(err.value) == f"{path}: {message}"
