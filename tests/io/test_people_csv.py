"""CSV export for spreadsheets: BOM, CRLF, one value per line in a cell, introducer by
name, and formula injection guarded."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.io.people_csv import BOM, COLUMNS, guard, people_csv

UID_A = "0123456789abcdef0123456789abcdef"
UID_B = "fedcba9876543210fedcba9876543210"
UID_X = "11111111111111111111111111111111"


def person(**fields: Any) -> dict[str, Any]:
    p: dict[str, Any] = {
        "uid": UID_A,
        "name": "Maya López",
        "given_name": "Maya",
        "family_name": "López",
        "nickname": None,
        "pronouns": "she/her",
        "birthday": "1990-03-14",
        "org": "Acme, Inc",
        "title": "Designer",
        "location": "Lisbon",
        "timezone": "Europe/Lisbon",
        "met_how": 'said "hi" at the wall',
        "met_where": "Lisbon",
        "met_on": "2021-05-01",
        "introduced_by": None,
        "cadence_days": 30,
        "pancake": "yes",
        "status": "active",
        "notes": "Likes tea, maps;\nand long walks",
        "interests": [],
        "channels": [],
        "tags": [],
    }
    p.update(fields)
    return p


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_header_bom_and_crlf() -> None:
    text = people_csv([person()])
    assert text.startswith("\ufeffuid,name,given_name,")
    assert text.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    header, _ = text[1:].split("\r\n", 1)
    assert header.split(",") == list(COLUMNS)
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 2  # the line break inside the notes is a bare \n


def test_values_read_back_with_several_per_cell() -> None:
    maya = person(
        introduced_by=UID_B,
        channels=[
            {"kind": "email", "label": "work", "value": "maya@example.org"},
            {"kind": "email", "label": None, "value": "maya@home.example"},
            {"kind": "phone", "label": "mobile", "value": "912 345 678"},
            {"kind": "url", "label": None, "value": "https://maya.example"},
            {"kind": "handle", "label": "mastodon", "value": "@maya@hachyderm.io"},
            {"kind": "handle", "label": None, "value": "maya.draws"},
            {"kind": "address", "label": "home", "value": "Rua X 1, Lisboa"},
        ],
        tags=["climbing", "lisbon"],
        interests=[{"phrase": "bouldering", "note": "in Sintra"}, {"phrase": "maps", "note": None}],
    )
    jo = person(uid=UID_B, name="Jo Smith", given_name="Jo", family_name="Smith",
                introduced_by=UID_X, cadence_days=None, notes=None, birthday=None)  # fmt: skip
    got = rows(people_csv([maya, jo], {UID_X: "Ana Souza"}))
    assert len(got) == 2
    m, j = got
    assert m["uid"] == UID_A
    assert m["name"] == "Maya López"
    assert m["emails"] == "maya@example.org\nmaya@home.example"
    assert m["phones"] == "912 345 678"
    assert m["urls"] == "https://maya.example"
    assert m["handles"] == "mastodon: @maya@hachyderm.io\nmaya.draws"
    assert m["addresses"] == "Rua X 1, Lisboa"
    assert m["tags"] == "climbing\nlisbon"
    assert m["interests"] == "bouldering: in Sintra\nmaps"
    assert m["org"] == "Acme, Inc"
    assert m["met_how"] == 'said "hi" at the wall'
    assert m["notes"] == "Likes tea, maps;\nand long walks"
    assert m["cadence_days"] == "30"
    assert m["introduced_by"] == "Jo Smith"  # a person in the export, by name
    assert j["introduced_by"] == "Ana Souza"  # from the names map
    assert j["cadence_days"] == ""
    assert j["birthday"] == ""


def test_an_unknown_introducer_stays_a_uid() -> None:
    (row,) = rows(people_csv([person(introduced_by=UID_X)]))
    assert row["introduced_by"] == UID_X


def test_formula_injection_is_guarded() -> None:
    evil = person(
        name='=HYPERLINK("http://evil.example","click")',
        nickname="@SUM(A1:A9)",
        title="-2+3",
        org="+cmd|' /C calc'!A0",
        notes="\t=1+1",
        location="＝1+1",
        birthday="--03-14",
        channels=[{"kind": "phone", "label": "mobile", "value": "+351 912 345 678"}],
    )
    (row,) = rows(people_csv([evil]))
    assert row["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["nickname"] == "'@SUM(A1:A9)"
    assert row["title"] == "'-2+3"
    assert row["org"] == "'+cmd|' /C calc'!A0"
    assert row["notes"] == "'\t=1+1"
    assert row["location"] == "'＝1+1"
    # A phone or a birthday without a year would be read as a formula too: the
    # apostrophe makes the spreadsheet show them as the text they are.
    assert row["phones"] == "'+351 912 345 678"
    assert row["birthday"] == "'--03-14"
    assert row["given_name"] == "Maya"  # ordinary text untouched
    assert guard("") == ""
    assert guard("Maya = nice") == "Maya = nice"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_comes_back_guarded_or_as_it_was(name: str, notes: str) -> None:
    (row,) = rows(people_csv([person(name=name, notes=notes)]))
    for key, value in (("name", name), ("notes", notes)):
        # The csv module turns \r\n and lone \r inside quoted cells back as written.
        assert row[key] == guard(value)
