"""LinkedIn ``Connections.csv`` → contacts, read from synthetic files in the real export's
shape (tests/fixtures/csv/linkedin_*.csv), plus the shared text handling in csv_text."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from kithkin.domain.errors import KithError
from kithkin.io.contact import Contact, Problem
from kithkin.io.csv_text import head_text, read_table
from kithkin.io.linkedin import (
    looks_like_linkedin,
    parse_connected_on,
    profile_key,
    read_linkedin,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"
HOW = "Connected on LinkedIn"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _li(line: int, name: str, key: str, **fields: Any) -> Contact:
    return Contact(line=line, name=name, source_key=key, met_how=HOW, **fields)


def test_fixture_has_the_real_export_shape() -> None:
    data = (FIXTURES / "linkedin_connections.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\r\n") == data.count(b"\n")  # CRLF everywhere
    assert data[3:].startswith(b"Notes:\r\n")


def test_reads_every_row_of_a_current_export() -> None:
    path = FIXTURES / "linkedin_connections.csv"
    result = read_linkedin(path)

    assert result.problems == []
    assert result.contacts == [
        _li(
            5, "Ana Silva", "https://www.linkedin.com/in/ana-silva-3b2a1c",
            given_name="Ana", family_name="Silva",
            channels=[("url", "https://www.linkedin.com/in/ana-silva-3b2a1c", "linkedin")],
            org="Stripe, Inc.", title="Staff Engineer", met_on="2024-03-12",
        ),
        _li(
            6, "Bruno Costa", "https://www.linkedin.com/in/brunocosta",
            given_name="Bruno", family_name="Costa",
            channels=[
                ("url", "https://WWW.LinkedIn.com/in/BrunoCosta/", "linkedin"),
                ("email", "bruno.costa@example.org", None),
            ],
            org="Acme Robotics", title="Head of Product, EMEA", met_on="2022-02-07",
        ),
        # line 7 is all blank: skipped, not a problem
        _li(
            8, "José Müller-Łukasiewicz", "https://www.linkedin.com/in/jose-muller",
            given_name="José", family_name="Müller-Łukasiewicz",
            channels=[
                ("url", "https://www.linkedin.com/in/jose-muller?trk=public_profile", "linkedin")
            ],
            org="Universidade de Lisboa", title="Professor Catedrático", met_on="2023-01-03",
        ),
        _li(
            9, "Αλέξανδρος Παπαδόπουλος",
            "https://www.linkedin.com/in/alexandros-papadopoulos",
            given_name="Αλέξανδρος", family_name="Παπαδόπουλος",
            channels=[
                ("url", "https://www.linkedin.com/in/alexandros-papadopoulos", "linkedin")
            ],
            org="Ωμέγα Α.Ε.", title="Μηχανικός", met_on="2021-02-28",
        ),
        _li(
            10, "陽菜 佐藤", "https://www.linkedin.com/in/hina-sato-42",
            given_name="陽菜", family_name="佐藤",
            channels=[("url", "https://www.linkedin.com/in/hina-sato-42", "linkedin")],
            met_on="2019-12-01",
        ),
        _li(
            11, "Zoë 🌊 Hart", "https://www.linkedin.com/in/zoe-hart-surf",
            given_name="Zoë 🌊", family_name="Hart",
            channels=[
                ("url", "https://www.linkedin.com/in/zoe-hart-surf/", "linkedin"),
                ("email", "zoe@example.net", None),
            ],
            org="Saltwater Co.", title="Founder", met_on="2025-05-05",
        ),
        _li(
            12, "Priya", "https://www.linkedin.com/in/priya-r",
            given_name="Priya", family_name=None,
            channels=[("url", "https://www.linkedin.com/in/priya-r", "linkedin")],
            org="Nakamura & Sons, Ltd.", title='Director, "Special" Projects',
            met_on="2020-08-15",
        ),
        _li(
            13, "Okafor", "linkedin:okafor|2018-09-09|lagos health",
            given_name=None, family_name="Okafor",
            org="Lagos Health", title="Nurse", met_on="2018-09-09",
        ),
    ]  # fmt: skip


def test_reads_an_older_export_without_url_column() -> None:
    result = read_linkedin(FIXTURES / "linkedin_old.csv")

    assert result.problems == []
    assert result.contacts == [
        _li(
            2, "Marta Reis", "linkedin:marta reis|2019-02-07|reis & filhos",
            given_name="Marta", family_name="Reis",
            channels=[("email", "marta.reis@example.com", None)],
            org="Reis & Filhos", title="Owner", met_on="2019-02-07",
        ),
        _li(
            3, "Tomás Ferreira", "linkedin:tomás ferreira|2017-11-23|banco azul, s.a.",
            given_name="Tomás", family_name="Ferreira",
            org="Banco Azul, S.A.", title="Analyst", met_on="2017-11-23",
        ),
        _li(
            4, "Алёна Смирнова", "linkedin:алёна смирнова|2016-07-14|",
            given_name="Алёна", family_name="Смирнова", met_on="2016-07-14",
        ),
    ]  # fmt: skip


def test_broken_rows_are_problems_with_their_lines_and_good_rows_still_read() -> None:
    path = FIXTURES / "linkedin_broken.csv"
    result = read_linkedin(path)

    file = str(path)
    assert result.problems == [
        Problem(file, 6, "cannot read the Connected On date '31 Foo 2023'"),
        Problem(file, 7, "no name (First Name and Last Name are empty)"),
        Problem(file, 10, "cannot read the Connected On date '30 Feb 2023'"),
        Problem(file, 12, "the row has 8 fields but the header has 7"),
    ]
    assert str(result.problems[0]) == f"{file}:6: cannot read the Connected On date '31 Foo 2023'"
    assert [(c.line, c.name) for c in result.contacts] == [
        (5, "Ines Gomes"),
        (8, "Clara Nunes"),  # its Position spans lines 8-9 inside quotes
        (11, "Maya Levi"),
        (13, "Pedro Santos"),
        (14, "Luísa Moura"),
    ]
    clara, maya, pedro, luisa = result.contacts[1:]
    assert clara.title == "Engineer part-time"  # a quoted newline becomes a space
    assert clara.met_on == "2022-10-10"
    # trailing cells missing: read as empty
    assert (maya.org, maya.title, maya.met_on) == ("Tel Aviv Labs", None, None)
    assert maya.met_how == HOW
    assert pedro == _li(
        13, "Pedro Santos", "linkedin:pedro santos||", given_name="Pedro", family_name="Santos"
    )
    # an empty cell after the last column (trailing comma) is not "too many fields"
    assert (luisa.org, luisa.met_on) == ("CTT", "2021-06-01")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 Mar 2024", "2024-03-12"),
        ("07 Feb 2022", "2022-02-07"),
        ("7-Feb-22", "2022-02-07"),
        ("1 September 2015", "2015-09-01"),
        ("2024-03-12", "2024-03-12"),
        ("Mar 12, 2024", "2024-03-12"),
        ("29 Feb 2024", "2024-02-29"),
        ("29 Feb 2023", None),
        ("31 Foo 2023", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_connected_on(text: str, iso: str | None) -> None:
    assert parse_connected_on(text) == iso


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ana/", "https://www.linkedin.com/in/ana"),
        ("http://WWW.LinkedIn.com/in/Ana?trk=x#top", "https://www.linkedin.com/in/ana"),
        ("www.linkedin.com/in/ana", "https://www.linkedin.com/in/ana"),
        ("https://Example.COM/People/Ana/", "https://example.com/People/Ana"),
    ],
)
def test_profile_key(url: str, key: str) -> None:
    assert profile_key(url) == key


def test_looks_like_linkedin() -> None:
    assert looks_like_linkedin(head_text(FIXTURES / "linkedin_connections.csv"))
    assert looks_like_linkedin(head_text(FIXTURES / "linkedin_old.csv"))
    assert looks_like_linkedin('"First Name","Last Name","Connected On"\r\n')
    assert not looks_like_linkedin(head_text(FIXTURES / "google_contacts.csv"))
    assert not looks_like_linkedin(head_text(FIXTURES / "noheader.csv"))
    assert not looks_like_linkedin("")


def test_progress_every_500_rows_and_at_the_end(tmp_path: Path) -> None:
    rows = [f"P{i},Q{i},,,,,1 Jan 2020" for i in range(1200)]
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []

    result = read_linkedin(path, progress=lambda done, total: calls.append((done, total)))

    assert len(result.contacts) == 1200
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_header_only_file_reads_nothing_and_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "\r\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = read_linkedin(path, progress=lambda d, t: calls.append((d, t)))
    assert (result.contacts, result.problems, calls) == ([], [], [(0, 0)])


# ---- files that cannot be read at all: one clear KithError naming the file -------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "empty.csv: the file is empty"),
        ("binary.csv", "binary.csv: not a CSV file (binary data)"),
        (
            "noheader.csv",
            "noheader.csv: no LinkedIn header found "
            "(expected columns First Name, Last Name, Connected On)",
        ),
        (
            "google_contacts.csv",
            "google_contacts.csv: no LinkedIn header found "
            "(expected columns First Name, Last Name, Connected On)",
        ),
        (
            "linkedin_cp1252.csv",
            "linkedin_cp1252.csv:4: not UTF-8 text (byte 0xE9 at offset 243); "
            "save the file as UTF-8 and import it again",
        ),
    ],
)
def test_unreadable_files(name: str, message: str) -> None:
    path = FIXTURES / name
    with pytest.raises(KithError) as err:
        read_linkedin(path)
    assert str(err.value) == str(FIXTURES / message)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(KithError, match=r"nope\.csv: cannot read the file \(No such file"):
        read_linkedin(tmp_path / "nope.csv")
    with pytest.raises(KithError, match="is a folder, not a CSV file"):
        read_linkedin(tmp_path)


def _shifted(encoding: str, bom: bytes = b"") -> bytes:
    text = "\r\n".join([HEADER, "Zoë,Hart,,,,,12 Mar 2024"]) + "\r\n"
    return bom + text.encode(encoding)


@pytest.mark.parametrize(
    "data",
    [
        _shifted("utf-8"),
        _shifted("utf-8", codecs.BOM_UTF8),
        _shifted("utf-16-le", codecs.BOM_UTF16_LE),
        _shifted("utf-16-be", codecs.BOM_UTF16_BE),
        _shifted("utf-16-le"),  # no BOM: recognised by its NUL pattern
        _shifted("utf-32-le", codecs.BOM_UTF32_LE),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf32-bom"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    [zoe] = read_linkedin(path).contacts
    assert (zoe.line, zoe.name, zoe.met_on) == (2, "Zoë Hart", "2024-03-12")


def test_bom_only_and_blank_files_are_empty(tmp_path: Path) -> None:
    for data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\r\n\r\n  "):
        path = tmp_path / "c.csv"
        path.write_bytes(data)
        with pytest.raises(KithError, match=r"c\.csv: the file is empty$"):
            read_linkedin(path)


def test_broken_utf16_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(_shifted("utf-16-le", codecs.BOM_UTF16_LE) + b"\x00\xdc")  # lone surrogate
    with pytest.raises(KithError, match=r"c\.csv:3: not UTF-16 text"):
        read_linkedin(path)


def test_control_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(KithError, match=r"c\.csv: not a CSV file \(binary data\)"):
        read_linkedin(path)


def test_an_open_quote_swallowing_the_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    huge = "x" * 200_000
    path.write_text(f'{HEADER}\nAna,Silva,,,"Stripe,{huge}\nBruno,Costa,,,,,\n', "utf-8")
    with pytest.raises(KithError, match=r"c\.csv:2: cannot read this CSV record .*quote"):
        read_linkedin(path)


def test_line_numbers_count_quoted_newlines_and_preamble(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        'Notes:\n"a\nmulti-line\nnotice"\n\nA,B\n1,"x\ny"\n\n,\n2,z\n3\r\n', encoding="utf-8"
    )
    table = read_table(path, lambda names: names == ["a", "b"], missing="no A,B header")
    assert (table.header, table.header_line, table.width) == (["A", "B"], 6, 2)
    assert [(r.line, r.cells) for r in table.rows] == [
        (7, ["1", "x\ny"]),
        (11, ["2", "z"]),
        (12, ["3"]),
    ]
    assert table.column(" a ") == 0 and table.column("C") is None
