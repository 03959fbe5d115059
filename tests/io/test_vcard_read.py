"""The vCard reader against files shaped like real exports (tests/fixtures/vcard/)."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.domain.errors import KithError
from kithkin.io.contact import Contact, Problem, ReadResult
from kithkin.io.vcard_read import looks_like_vcard, read_vcards

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcard"
PNG_1PX = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlE"
    "QVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SOFIA = "urn:uuid:8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c"
MARCO = "urn:uuid:2b9d7e4f-1a3c-4d5e-8f90-a1b2c3d4e5f6"


def read(name: str) -> ReadResult:
    return read_vcards(FIXTURES / name)


def by_name(result: ReadResult) -> dict[str, Contact]:
    return {c.name: c for c in result.contacts}


def problems(result: ReadResult) -> list[tuple[str, int, str]]:
    return [(Path(p.file).name, p.line, p.reason) for p in result.problems]


# --- Apple ---------------------------------------------------------------------------


def test_iphone_card_maps_every_field() -> None:
    result = read("iphone.vcf")
    assert [c.name for c in result.contacts] == [
        "Amara Chinwe Okafor",
        "Harbour Bikes",
        "Sam Patel",
    ]
    assert result.problems == []
    amara = result.contacts[0]
    jpeg = (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + random.Random(5).randbytes(560)
        + b"\xff\xd9"
    )
    assert amara.photo == "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    amara.photo = None
    assert amara == Contact(
        line=1,
        name="Amara Chinwe Okafor",
        given_name="Amara Chinwe",
        family_name="Okafor",
        nickname="Mara",
        channels=[
            ("email", "amara.okafor@example.com", "home"),
            ("email", "a.okafor@riverside.example", "work"),
            ("phone", "+44 7700 900123", "mobile"),
            ("phone", "+44 20 7946 0018", "home"),
            ("phone", "+44 7700 900456", "Climbing gym"),
            ("address", "12 Harbour Lane, Bristol, BS1 4RN, United Kingdom", "home"),
            ("url", "https://amara.example.org", "homepage"),
            ("url", "http://twitter.com/amara_climbs", "twitter"),
            ("handle", "@amara@climb.example", "mastodon"),
            ("handle", "amara.okafor", "skype"),
        ],
        birthday="--03-14",  # 1604 is Apple's "no year"
        dates=[("anniversary", "2011-09-03"), ("First climb together", "2019-04-20")],
        org="Riverside Clinic, Paediatrics",
        title="Nurse practitioner",
        notes="Met at the bouldering wall in Bristol.\nLoves sourdough, hates mornings.",
        tags=["climbing", "friends"],
        related=[("spouse", "Tunde Okafor")],
        introduced_by="Ines Duarte",
        properties=[],  # PRODID dropped, item2.X-ABADR went with its mapped address
    )


def test_iphone_company_and_apple_labels() -> None:
    cards = by_name(read("iphone.vcf"))
    bikes = cards["Harbour Bikes"]
    assert (bikes.line, bikes.org, bikes.given_name, bikes.family_name) == (
        45,
        "Harbour Bikes",
        None,
        None,
    )
    assert bikes.channels == [("phone", "+44 117 496 0555", "main")]
    assert bikes.properties == ["X-ABSHOWAS:COMPANY"]
    sam = cards["Sam Patel"]
    assert sam.line == 55
    assert sam.birthday == "1988-11-02"
    assert sam.channels == [
        ("phone", "+44 7700 900789", "mobile"),
        ("phone", "+44 20 7946 0999", "work fax"),
    ]
    assert sam.related == [("climbing partner", "Amara Okafor"), ("sister", "Jo Patel")]
    assert sam.introduced_by is None


# --- Android 2.1 ---------------------------------------------------------------------


def test_android_quoted_printable_and_custom_rows() -> None:
    result = read("android21.vcf")
    elodie, joao, phone_only = result.contacts
    assert elodie == Contact(
        line=1,
        name="Élodie Dupont-Lefèvre",
        given_name="Élodie",
        family_name="Dupont-Lefèvre",
        nickname="Léo",
        channels=[
            ("phone", "+33 6 12 34 56 78", "mobile"),
            ("phone", "+33 1 23 45 67 89", "work"),
            ("email", "elodie@example.fr", "home"),
            ("address", "12 rue de la Paix, Paris, 75002, France", "home"),
        ],
        birthday="1991-07-23",
        dates=[("anniversary", "2015-06-20")],
        # soft line breaks, one of them between the two bytes of "é"
        notes="Rencontrée au café de la gare, très drôle.\nAime le thé et l'escalade.",
        related=[("spouse", "Marc Dupont")],
        introduced_by="Inès Moreau",  # Android relation type 11, "referred by"
    )
    assert joao == Contact(
        line=18,
        name="João Pedro Gonçalves",
        given_name="João Pedro",
        family_name="Gonçalves",
        channels=[
            ("phone", "+351 912 345 678", "mobile"),
            ("phone", "+351 21 234 5678", "home"),
            ("email", "joao.goncalves@empresa.example", "work"),
        ],
        org="Empresa Exemplo",  # after the photo's blank line
        related=[("climbing coach", "Ana Gonçalves")],
        photo=PNG_1PX,
        properties=[
            "X-PHONETIC-FIRST-NAME:Zhoh-ow",
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/vnd.example.chat.profile;"
            "+351912345678;Chat;;;;;;;;;;;;;",
        ],
    )
    # a contact with nothing but a number is named by it, as the phone shows it
    assert (phone_only.line, phone_only.name) == (34, "+351 912 000 111")
    assert phone_only.channels == [("phone", "+351 912 000 111", "mobile")]
    assert problems(result) == []


# --- Google --------------------------------------------------------------------------


def test_google_export() -> None:
    result = read("google.vcf")
    assert result.problems == []
    priya, kai, yui = result.contacts
    assert priya == Contact(
        line=1,
        name="Priya Raman",
        given_name="Priya",
        family_name="Raman",
        nickname="Pri",
        channels=[
            ("email", "priya.raman@example.com", "home"),
            ("email", "priya@lattice.example", "work"),
            ("phone", "+1 415 555 0142", "mobile"),
            ("phone", "+1 415 555 0199", "Climbing gym"),
            ("address", "221 Valencia St, San Francisco, CA, 94103, US", "home"),
            ("url", "https://priya.example.dev", "Blog"),  # Google writes https\://
            ("url", "https://github.com/priyaraman", "homepage"),
        ],
        birthday="--03-14",
        dates=[("anniversary", "2016-09-10")],
        org="Lattice Labs",
        title="Staff engineer",
        notes="Met at the Rust meetup in the Mission. Owes me a coffee.",
        tags=["climbing"],  # "myContacts" is Google's, not the user's
        introduced_by="Dana Whitfield",  # label "Introducer"
        properties=["X-PHONETIC-FIRST-NAME:Pree-ya", "X-PHONETIC-LAST-NAME:Rah-mun"],
    )
    # empty FN and N: the first email names the card; "starred" is no tag either
    assert (kai.line, kai.name, kai.tags) == (28, "kai.w@example.net", [])
    assert kai.channels == [("email", "kai.w@example.net", None)]
    # no FN at all: the name comes from N
    assert (yui.line, yui.name, yui.given_name, yui.family_name) == (
        35,
        "Yui Nakamura",
        "Yui",
        "Nakamura",
    )
    assert yui.channels == [("email", "yui.nakamura@example.jp", "other")]
    assert yui.tags == ["book club", "climbing"]
    assert yui.properties == ["X-ABLABEL:stray label"]  # an ungrouped label is kept


# --- Outlook -------------------------------------------------------------------------


def test_outlook_export() -> None:
    result = read("outlook.vcf")
    assert result.problems == []
    henrik, contoso = result.contacts
    assert henrik == Contact(
        line=1,
        name="Henrik Lindqvist",
        given_name="Henrik",
        family_name="Lindqvist",
        channels=[
            ("phone", "+46 8 123 456 78", "work"),
            ("phone", "+46 70 123 45 67", "mobile"),
            ("phone", "+46 8 123 456 79", "work fax"),
            ("address", "Stora Nygatan 12, Stockholm, 111 27, Sweden", "work"),
            ("url", "http://www.nordvik.example", "work"),
            ("email", "henrik.lindqvist@nordvik.example", None),
            ("handle", "henrik.l@chat.nordvik.example", "im"),
        ],
        birthday="1975-04-12",
        dates=[("anniversary", "2005-06-18")],
        org="Nordvik Shipping, Logistics",
        title="Operations director",
        notes="Prefers calls before 10am.\nSpeaks Swedish and Norwegian.",
        related=[("spouse", "Karin Lindqvist")],
        properties=[
            "LABEL;WORK;PREF:Stora Nygatan 12\\nStockholm 111 27\\nSweden",
            "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
            'X-MS-OL-DESIGN:<card xmlns="http://schemas.microsoft.com/office/outlook/12/'
            'electronicbusinesscards" ver="1.0" layout="left" bgcolor="ffffff"><fld xmlns=""'
            ' prop="name" align="left" dir="ltr" style="b" color="000000" size="10"/></card>',
        ],
    )
    assert contoso == Contact(
        line=24,
        name="Contoso Catering",  # empty FN and N: the organisation names it
        org="Contoso Catering",
        channels=[
            ("phone", "+46 8 555 010 20", "work"),
            ("email", "orders@contoso-catering.example", None),
        ],
    )


# --- Thunderbird CardBook (4.0) ------------------------------------------------------


def test_cardbook_export() -> None:
    result = read("cardbook.vcf")
    assert result.problems == []
    sofia, marco = result.contacts
    assert sofia == Contact(
        line=1,
        name="Sofia Marchetti",
        source_key=SOFIA,
        given_name="Sofia Giulia",
        family_name="Marchetti",
        channels=[
            ("email", "sofia@example.it", "home"),
            ("phone", "+39-347-555-0101", "mobile"),
            ("address", "Via Roma 5, Scala B, Bologna, BO, 40121, Italia", "work"),
        ],
        birthday="--02-10",
        dates=[("anniversary", "2010-06-12")],
        notes=(
            "Sofia runs the Thursday book club at the library on Via Zamboni and knows"
            " everyone in the university's history department.\n"
            "Ask her about the archive trip in October; she promised notes."
        ),
        tags=["work", "book club"],
        related=[("spouse", MARCO), ("friend", "Luca Bianchi")],
        introduced_by="Chiara Rossi",
        photo=PNG_1PX,
        properties=[
            "KIND:individual",
            "GENDER:F",
            "X-MOZILLA-HTML:FALSE",
            "X-CUSTOM1;VALUE=text:Loves opera",
        ],
    )
    assert marco == Contact(
        line=27,
        name="Marco Marchetti",
        source_key=MARCO,
        given_name="Marco",
        family_name="Marchetti",
        channels=[("phone", "+39 347 555 0102", "mobile")],
        notes="Birthday: circa 1980",  # free text, not a problem
        related=[("spouse", SOFIA)],
        properties=[
            "KIND:individual",
            "GENDER:M",
            "PHOTO;MEDIATYPE=image/jpeg:https://photos.example.it/marco.jpg",  # never fetched
        ],
    )


# --- Kithkin's own fields ------------------------------------------------------------


def test_kithkin_properties_come_back() -> None:
    rosa, tomas = read("kithkin.vcf").contacts
    assert rosa.kith == {
        "uid": "0b6c9f7e-3d2a-4e1b-9c8d-7a6b5c4d3e2f",
        "pronouns": "she/her",
        "met_how": "Sat next to each other at a pottery class, then coffee",
        "met_where": "Lisbon",
        "met_on": "2019-05-04",
        "introduced_by": "Tomás Reis",
        "location": "Porto",
        "timezone": "Europe/Lisbon",
        "generation": "millennial",
        "field": "ceramics",
        "cadence_days": 30,
        "pancake": "yes",
        "status": "released",
        "snoozed_until": "2026-01-15",
        "released_on": "2026-03-01",
        "release_note": "Moved to Porto, we drifted;\nno hard feelings",
        "interests": [
            {"phrase": "pottery", "note": None},
            {"phrase": "wild swimming", "note": "cold water only, before work"},
            {"phrase": "jazz; mostly vinyl", "note": None},  # escaped ; is no separator
        ],
    }
    assert rosa.properties == []
    assert (rosa.introduced_by, rosa.met_how, rosa.met_on) == (
        "Tomás Reis",
        "Sat next to each other at a pottery class, then coffee",
        "2019-05-04",
    )
    assert rosa.source_key == "0b6c9f7e-3d2a-4e1b-9c8d-7a6b5c4d3e2f"
    # a cadence that is not a number and a property Kithkin does not know stay verbatim
    assert tomas.kith == {"interests": [{"phrase": "board games", "note": None}]}
    assert tomas.properties == ["X-KITHKIN-CADENCE:often", "X-KITHKIN-MOOD:sunny"]
    assert tomas.source_key is None


# --- broken cards among good ones ----------------------------------------------------


def test_broken_cards_are_problems_and_reading_goes_on() -> None:
    result = read("broken.vcf")
    assert [(c.line, c.name) for c in result.contacts] == [
        (1, "Good One"),
        (10, "Good Two"),
        (30, "Good Three"),
    ]
    assert result.contacts[2].notes == "last one"
    assert problems(result) == [
        ("broken.vcf", 7, "card has no END:VCARD"),
        # vobject says line 18 (it counts the blank line before); the file says 19
        ("broken.vcf", 15, "line 19: cannot read 'this line is garbage' (no colon)"),
        ("broken.vcf", 21, "card has no name"),
        (
            "broken.vcf",
            26,
            "a quoted-printable value has an unknown CHARSET (unknown encoding: klingon)",
        ),
        ("broken.vcf", 35, "END:VCARD without a BEGIN:VCARD before it"),
    ]
    assert str(result.problems[0]) == f"{FIXTURES / 'broken.vcf'}:7: card has no END:VCARD"


def test_truncated_file_last_card_is_a_problem() -> None:
    result = read("truncated.vcf")
    assert [c.name for c in result.contacts] == ["Whole Card"]
    assert problems(result) == [
        ("truncated.vcf", 6, "card has no END:VCARD (the file ends inside it)")
    ]


# --- vdir ----------------------------------------------------------------------------


def test_vdir_folder_reads_one_card_per_file_in_name_order() -> None:
    folder = FIXTURES / "vdir"
    result = read_vcards(folder)
    assert [(c.name, c.source_key, c.line) for c in result.contacts] == [
        ("Lena Vogel", "1c6f0a2e-7d4b-4f3a-9e21-5a8b7c6d5e40", 1),
        ("Tariq Haddad", "5e9b3d71-2c8a-4b6f-8d04-9f1e2a3b4c5d", 1),
        ("Noor Haddad", "f0e1d2c3-b4a5-4968-8776-655443322110", 1),
    ]
    lena, tariq, noor = result.contacts
    assert lena.birthday == "1990-03-14"  # from a date-time
    assert lena.channels == [("email", "lena.vogel@example.de", "work")]
    assert lena.kith == {"interests": [{"phrase": "birdwatching", "note": None}]}
    assert tariq.birthday == "--02-10"  # BDAY;VALUE=date:02-10
    assert tariq.channels == [("handle", "tariq@jabber.example", "xmpp")]
    assert noor.channels == [("handle", "@noorh", "twitter"), ("handle", "noor.haddad", "skype")]
    bad = folder / "a7d2c4e8-9b1f-4a3e-8c5d-6e7f8a9b0c1d.vcf"
    assert result.problems == [
        Problem(str(bad), 1, "line 5: cannot read 'NOT A PROPERTY' (no colon)")
    ]


def test_vdir_bad_card_file_is_a_problem_and_empty_folder_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ok Person\nEND:VCARD\n")
    (tmp_path / "b.vcf").write_bytes(b"")
    result = read_vcards(tmp_path)
    assert [c.name for c in result.contacts] == ["Ok Person"]
    assert result.problems == [Problem(str(tmp_path / "b.vcf"), 1, "the file is empty")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KithError, match=r"no \.vcf files in this folder"):
        read_vcards(empty)


# --- whole files that cannot be read -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.vcf", "empty.vcf: the file is empty"),
        ("binary.vcf", "binary.vcf: the file is not text (binary data?)"),
        (
            "latin1.vcf",
            "latin1.vcf:7: not UTF-8 text (byte 83) and no card declares a CHARSET for it",
        ),
    ],
)
def test_unreadable_files_raise_one_line(name: str, message: str) -> None:
    with pytest.raises(KithError) as info:
        read(name)
    text = str(info.value)
    assert message in text
    assert text.startswith(str(FIXTURES / name))
    assert "\n" not in text


def test_not_a_vcard_at_all(tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    path.write_text("First Name,Last Name\nAna,Silva\n")
    with pytest.raises(KithError, match=r"people\.vcf: no BEGIN:VCARD line"):
        read_vcards(path)


def test_binary_fixture_is_reproducible() -> None:
    assert (FIXTURES / "binary.vcf").read_bytes() == random.Random(20241122).randbytes(512)


def test_declared_charset_explains_latin1_bytes() -> None:
    (jose,) = read("latin1_charset.vcf").contacts
    assert (jose.name, jose.given_name, jose.family_name, jose.notes) == (
        "José Martínez",
        "José",
        "Martínez",
        "Café com leite",
    )


def test_utf16_with_bom_and_bare_cr_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "outlook16.vcf"
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Brandt\r\nTEL;HOME:+49 30 1234\r\nEND:VCARD\r\n"
    path.write_bytes(card.encode("utf-16"))
    assert [c.name for c in read_vcards(path).contacts] == ["Zoë Brandt"]
    mac = tmp_path / "mac.vcf"
    mac.write_bytes(card.replace("\r\n", "\r").encode())
    (zoe,) = read_vcards(mac).contacts
    assert zoe.channels == [("phone", "+49 30 1234", "home")]


# --- vobject quirks ------------------------------------------------------------------


def test_unescaped_commas_survive(tmp_path: Path) -> None:
    """vobject's own vCard behaviour keeps only the text before the first comma."""
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nNOTE:Met at the gym, likes tea, hates rain\n"
        "TITLE:Head of sales, EMEA\nX-UNKNOWN;TYPE=a,b:one, two\\, three\nEND:VCARD\n"
    )
    (ana,) = read_vcards(path).contacts
    assert ana.notes == "Met at the gym, likes tea, hates rain"
    assert ana.title == "Head of sales, EMEA"
    assert ana.properties == ["X-UNKNOWN;TYPE=a,b:one, two\\, three"]


def test_folding_with_space_and_tab_and_bday_forms(tmp_path: Path) -> None:
    bdays = {
        "19900314": "1990-03-14",
        "--0314": "--03-14",
        "1604-03-14": "--03-14",
        "1990-03-14T00:00:00Z": "1990-03-14",
        "19900314T120000": "1990-03-14",
    }
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Per\n son {i}\nN:Son {i}\n\t;Per;;;\nBDAY:{b}\nEND:VCARD\n"
        for i, b in enumerate(bdays)
    )
    path = tmp_path / "b.vcf"
    path.write_text(cards)
    result = read_vcards(path)
    assert [(c.name, c.family_name, c.birthday) for c in result.contacts] == [
        (f"Person {i}", f"Son {i}", want) for i, want in enumerate(bdays.values())
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("FN:X\nBEGIN:FOO\nNOTE:y", "line 4: BEGIN:FOO has no END:FOO"),
        ("FN:X\nEND:FOO", "line 4: 'END:FOO' has no BEGIN before it"),
        (
            'FN:X\nTEL;TYPE="cell:+1',
            "line 4: cannot read 'TEL;TYPE=\"cell:+1' (not a property line)",
        ),
        (
            "FN:X\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ascii:caf=C3=A9",
            "a quoted-printable value is not valid ascii text",
        ),
    ],
)
def test_card_problem_reasons(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "p.vcf"
    path.write_text(f"BEGIN:VCARD\nVERSION:3.0\n{body}\nEND:VCARD\n")
    result = read_vcards(path)
    assert result.contacts == []
    assert result.problems == [Problem(str(path), 1, reason)]


def test_photo_that_is_not_base64_is_kept_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "p.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:X\nPHOTO;ENCODING=b;TYPE=JPEG:!!!\nEND:VCARD\n")
    (x,) = read_vcards(path).contacts
    assert x.photo is None
    assert x.properties == ["PHOTO;ENCODING=b;TYPE=JPEG:!!!"]


def test_labels_escaped_data_uri_and_groups_kept_together(tmp_path: Path) -> None:
    path = tmp_path / "l.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Lia Moreau\n"
        "TEL;TYPE=Climbing gym:+33 1\n"  # someone's own label keeps its case
        "TEL;TYPE=WORK,FAX:+33 2\n"
        "EMAIL;TYPE=X-School:lia@school.example\n"
        f"PHOTO:{PNG_1PX.replace(',', chr(92) + ',')}\n"  # the comma escaped as text
        "item9.X-CUSTOM-THING:abc\nitem9.X-ABLabel:kept with its line\n"
        "RELATED;TYPE=co-worker;VALUE=text:Ben Ross\nRELATED;TYPE=X-Mentor:Kim Oh\n"
        "RELATED:Sam Lee\nRELATED;TYPE=introducer:Ida Berg\n"
        "N:Moreau;Lia;;;\nN:Other;Name;;;\n"
        "END:VCARD\n"
    )
    (lia,) = read_vcards(path).contacts
    assert lia.channels == [
        ("phone", "+33 1", "Climbing gym"),
        ("phone", "+33 2", "work fax"),
        ("email", "lia@school.example", "School"),
    ]
    assert lia.photo == PNG_1PX
    assert lia.related == [("co-worker", "Ben Ross"), ("mentor", "Kim Oh"), ("related", "Sam Lee")]
    assert lia.introduced_by == "Ida Berg"
    assert (lia.given_name, lia.family_name) == ("Lia", "Moreau")
    assert lia.properties == [
        "item9.X-CUSTOM-THING:abc",
        "N:Other;Name;;;",  # a second N is kept, not merged
        "item9.X-ABLABEL:kept with its line",
    ]


def test_progress_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_text("".join(f"BEGIN:VCARD\nFN:P{i}\nEND:VCARD\n" for i in range(450)))
    calls: list[tuple[int, int]] = []
    result = read_vcards(path, progress=lambda done, total: calls.append((done, total)))
    assert len(result.contacts) == 450
    assert calls == [(200, 450), (400, 450), (450, 450)]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0", True),
        (b"\xef\xbb\xbf\r\n\n  begin:vcard\n", True),
        ("BEGIN:VCARD\r\n".encode("utf-16"), True),
        (b"First Name,Last Name\n", False),
        (b'{"format": "kithkin"}', False),
        (b"", False),
        (b"BEGIN:VCALENDAR\n", False),
    ],
)
def test_looks_like_vcard(head: bytes, expected: bool) -> None:
    assert looks_like_vcard(head) is expected


_LINES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "FN:Ana",
        "N:;;;;",
        "garbage",
        "",
        " folded",
        "BEGIN:FOO",
        "END:FOO",
        "PROFILE:VCARD",
        "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=nope:=E9",
        'TEL;TYPE="cell:+1',
        "PHOTO;ENCODING=b:!!!",
        "BDAY:2023-02-30",
        "RELATED;TYPE=:x",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;garbage;3",
        "item1.X-ABLabel:_$!<>!$_",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=25), st.text(max_size=20))
def test_no_input_escapes_as_anything_but_kitherror(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], noise: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.vcf"
    path.write_text("\n".join([*lines, noise]), encoding="utf-8")
    try:
        result = read_vcards(path)
    except KithError as exc:
        assert "\n" not in str(exc)
        return
    for c in result.contacts:
        assert c.name
    for p in result.problems:
        assert p.reason and p.line >= 1
