"""vCard 4.0 export: escaping and folding, every field read back by vobject, Kithkin's own
fields read back by ``kithkin_props``, a vdir that khard lists, and a hypothesis round
trip with arbitrary Unicode."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithkin.domain.errors import KithError
from kithkin.io import kithkin_props
from kithkin.io.vcard_write import cards, fold, person_card, uid_uri, write_vdir

UID_A = "0123456789abcdef0123456789abcdef"
UID_B = "fedcba9876543210fedcba9876543210"
UID_C = "00000000000000000000000000000c0c"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def make(**fields: Any) -> dict[str, Any]:
    """A person dict as the JSON export has it, with every key present."""
    person: dict[str, Any] = {
        "uid": UID_A,
        "name": "Maya López",
        "given_name": "Maya",
        "family_name": "López",
        "nickname": None,
        "pronouns": None,
        "met_how": None,
        "met_where": None,
        "met_on": None,
        "introduced_by": None,
        "notes": None,
        "location": None,
        "timezone": None,
        "generation": None,
        "field": None,
        "org": None,
        "title": None,
        "cadence_days": None,
        "pancake": None,
        "status": "active",
        "snoozed_until": None,
        "released_on": None,
        "release_note": None,
        "created_at": "2024-01-02T03:04:05",
        "updated_at": "2025-06-07T08:09:10",
        "birthday": None,
        "interests": [],
        "channels": [],
        "tags": [],
    }
    person.update(fields)
    return person


def parse(card: str) -> Any:
    return vobject.readOne(card)


def children(card: str, name: str) -> list[Any]:
    return [c for c in parse(card).getChildren() if c.name == name.upper()]


def raw_lines(card: str) -> list[str]:
    """The card's content lines, unfolded, values as written (still escaped)."""
    return card.replace("\r\n ", "").split("\r\n")[:-1]


def kith_fields(card: str) -> dict[str, Any]:
    """The X-KITHKIN-* properties read back the way the importer does."""
    out: dict[str, Any] = {}
    for line in raw_lines(card):
        if line.startswith(kithkin_props.PREFIX):
            name, _, raw = line.partition(":")
            kithkin_props.decode(name, raw, out)  # False (kept verbatim) for blank text
    return out


def norm(text: str) -> str:
    """What a text value reads back as: line breaks as \\n, control characters gone."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def assert_well_formed(card: str) -> None:
    data = card.encode("utf-8")
    assert data.endswith(b"END:VCARD\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert b"\r" not in data.replace(b"\r\n", b"")
    for physical in data.split(b"\r\n")[:-1]:
        physical.decode("utf-8")  # folding never splits a UTF-8 sequence
        assert physical.strip(), "a continuation line that is only white space"


# --- escaping and folding ------------------------------------------------------------


def test_text_values_are_escaped_and_read_back() -> None:
    person = make(
        name="Zoë O'Brien; the 2nd, jr.",
        given_name="Zoë, Anne",
        family_name="O'Brien;Smith",
        nickname="Zo, Z",
        org="Acme; Inc, Lisbon",
        title="Head\\of things",
        notes="Line one; with a semicolon\r\nline two, with a comma\nline three\\n not a break",
        tags=["climbing, indoor", "lisbon"],
    )
    card = person_card(person)
    assert_well_formed(card)
    lines = raw_lines(card)
    assert "FN:Zoë O'Brien\\; the 2nd\\, jr." in lines
    assert "N:O'Brien\\;Smith;Zoë\\, Anne;;;" in lines
    assert "NICKNAME:Zo\\, Z" in lines
    assert "ORG:Acme\\; Inc\\, Lisbon" in lines
    assert "TITLE:Head\\\\of things" in lines
    assert "CATEGORIES:climbing\\, indoor,lisbon" in lines
    v = parse(card)
    assert v.fn.value == "Zoë O'Brien; the 2nd, jr."
    assert v.n.value.given == "Zoë, Anne"
    assert v.n.value.family == "O'Brien;Smith"
    assert v.nickname.value == "Zo, Z"
    assert v.org.value == ["Acme; Inc, Lisbon"]
    assert v.title.value == "Head\\of things"
    assert v.note.value == (
        "Line one; with a semicolon\nline two, with a comma\nline three\\n not a break"
    )
    assert v.categories.value == ["climbing, indoor", "lisbon"]


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    notes = ("Bouldering in Sintra, 漢字かな交じり文 and 😀🧗‍♀️ emoji; " * 30).strip()
    card = person_card(make(notes=notes, name="山田 太郎 " * 20))
    assert_well_formed(card)
    physical = card.encode("utf-8").split(b"\r\n")[:-1]
    assert max(len(p) for p in physical) <= 75
    assert sum(p.startswith(b" ") for p in physical) > 30  # it did fold
    v = parse(card)
    assert v.note.value == notes
    assert v.fn.value == "山田 太郎 " * 20


def test_fold_counts_octets_not_characters() -> None:
    line = "NOTE:" + "é" * 100  # 2 octets each
    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert [len(p) for p in parts] == [75, 75, 57]  # "NOTE:" + 35 é; " " + 37 é; " " + 28 é
    assert folded.replace("\r\n ", "") == line
    assert fold("FN:short") == "FN:short"


def test_a_long_run_of_spaces_never_becomes_a_blank_continuation_line() -> None:
    notes = "start" + " " * 300 + "end" + " " * 200
    card = person_card(make(notes=notes))
    assert_well_formed(card)
    assert parse(card).note.value == notes


def test_control_characters_are_dropped_and_lone_carriage_returns_become_breaks() -> None:
    card = person_card(make(notes="a\x00b\x07c\rd\x1fe\tf", nickname="\x0bNick"))
    assert b"\x00" not in card.encode()
    v = parse(card)
    assert v.note.value == "abc\nde\tf"
    assert v.nickname.value == "Nick"


# --- every field ---------------------------------------------------------------------


def test_every_field_is_written_where_vobject_finds_it() -> None:
    person = make(
        nickname="May",
        pronouns="she/her",
        met_how="climbing meetup",
        met_where="Lisbon",
        met_on="2021-05-01",
        introduced_by=UID_B,
        notes="Likes maps.",
        location="Lisbon, PT",
        timezone="Europe/Lisbon",
        org="Acme",
        title="Designer",
        cadence_days=30,
        pancake="yes",
        birthday="1990-03-14",
        interests=[{"phrase": "bouldering", "note": "in Sintra; mostly"}, {"phrase": "maps"}],
        channels=[
            {"kind": "email", "label": "work", "value": "maya@example.org"},
            {"kind": "email", "label": None, "value": "maya@home.example"},
            {"kind": "phone", "label": "mobile", "value": "+351 912 345 678"},
            {"kind": "phone", "label": "home, landline", "value": "+351 21 000 0000"},
            {"kind": "url", "label": None, "value": "https://maya.example/?a=1,2;b"},
            {"kind": "handle", "label": "mastodon", "value": "@maya@hachyderm.io"},
            {"kind": "address", "label": "home", "value": "Rua X 1, 1100-001 Lisboa"},
        ],
        tags=["climbing"],
        photo="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==",
    )
    card = person_card(person)
    assert_well_formed(card)
    lines = raw_lines(card)
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//Kithkin//EN"]
    assert "UID:urn:uuid:01234567-89ab-cdef-0123-456789abcdef" in lines
    assert "REV:20250607T080910Z" in lines
    v = parse(card)
    assert v.version.value == "4.0"
    assert [(e.value, e.params.get("TYPE")) for e in v.email_list] == [
        ("maya@example.org", ["work"]),
        ("maya@home.example", None),
    ]
    assert [(t.value, t.params.get("TYPE")) for t in v.tel_list] == [
        ("+351 912 345 678", ["cell"]),
        ("+351 21 000 0000", ["home, landline"]),
    ]
    assert v.url.value == "https://maya.example/?a=1,2;b"
    social = children(card, "X-SOCIALPROFILE")
    assert [(s.value, s.params["TYPE"]) for s in social] == [("@maya@hachyderm.io", ["mastodon"])]
    assert v.adr.value.street == "Rua X 1, 1100-001 Lisboa"
    assert v.adr.params["TYPE"] == ["home"]
    assert v.bday.value == "19900314"
    assert v.org.value == ["Acme"]
    assert v.title.value == "Designer"
    assert v.note.value == "Likes maps."
    assert v.photo.value == person["photo"]
    assert kith_fields(card) == {
        "uid": UID_A,
        "pronouns": "she/her",
        "met_how": "climbing meetup",
        "met_where": "Lisbon",
        "met_on": "2021-05-01",
        "introduced_by": UID_B,
        "location": "Lisbon, PT",
        "timezone": "Europe/Lisbon",
        "cadence_days": 30,
        "pancake": "yes",
        "status": "active",
        "interests": [
            {"phrase": "bouldering", "note": "in Sintra; mostly"},
            {"phrase": "maps", "note": None},
        ],
    }


def test_birthdays_and_other_dates() -> None:
    card = person_card(
        make(
            birthday="--02-29",
            dates=[
                {"label": "anniversary", "date": "2001-06-15"},
                {"label": "anniversary", "date": "--07-01"},
                {"label": "first climb", "date": "--05-01"},
                {"label": None, "date": "2019-09-09"},
            ],
            properties=["item1.X-ABRELATEDNAMES:Ana", "item1.X-ABLabel:_$!<Sister>!$_"],
        )
    )
    lines = raw_lines(card)
    assert "BDAY:--0229" in lines
    assert "ANNIVERSARY:20010615" in lines
    # Apple's pairs, numbered past the group the kept lines already use.
    assert lines[lines.index("item2.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-07-01") + 1] == (
        "item2.X-ABLabel:anniversary"
    )
    assert "item3.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-05-01" in lines
    assert "item3.X-ABLabel:first climb" in lines
    assert "item4.X-ABDATE:2019-09-09" in lines
    assert "item4.X-ABLabel:other" in lines
    v = parse(card)
    labels = {c.group: c.value for c in v.getChildren() if c.name == "X-ABLABEL"}
    dates = {c.group: c.value for c in v.getChildren() if c.name == "X-ABDATE"}
    assert {labels[g]: d for g, d in dates.items()} == {
        "anniversary": "1604-07-01",
        "first climb": "1604-05-01",
        "other": "2019-09-09",
    }
    assert labels["item1"] == "_$!<Sister>!$_"


def test_a_birthday_that_is_not_a_date_is_written_as_text() -> None:
    card = person_card(make(birthday="circa 1980, spring"))
    assert "BDAY;VALUE=text:circa 1980\\, spring" in raw_lines(card)
    assert parse(card).bday.value == "circa 1980, spring"


def test_relations_point_at_exported_people_or_name_them() -> None:
    person = make(
        related=[
            {"kind": "spouse", "name": "Jo Smith", "person": UID_B},
            {"kind": "friend", "name": "Ana, from work", "person": None},
            {"kind": "related", "name": "Kai", "person": None},
            {"kind": "colleague", "name": "Old Name", "person": UID_C},
        ]
    )
    alone = raw_lines(person_card(person))
    assert "RELATED;TYPE=spouse:urn:uuid:fedcba98-7654-3210-fedc-ba9876543210" in alone
    assert "RELATED;TYPE=colleague:urn:uuid:00000000-0000-0000-0000-000000000c0c" in alone
    assert "RELATED;TYPE=friend;VALUE=text:Ana\\, from work" in alone
    assert "RELATED;VALUE=text:Kai" in alone
    # With a names map, someone not exported is named instead of a dangling urn.
    some = raw_lines(person_card(person, {UID_A: "Maya López", UID_B: "Jo Smith"}))
    assert "RELATED;TYPE=spouse:urn:uuid:fedcba98-7654-3210-fedc-ba9876543210" in some
    assert "RELATED;TYPE=colleague;VALUE=text:Old Name" in some
    rel = children(person_card(person), "RELATED")
    assert [r.value for r in rel][1:3] == ["Ana, from work", "Kai"]


def test_kept_properties_are_written_back_as_they_are() -> None:
    person = make(
        birthday="1990-03-14",
        properties=[
            "X-FOO;TYPE=bar:some\\, value",
            "X-PHONETIC-FIRST-NAME:Maia",
            "BDAY;VALUE=text:circa 1990",  # we wrote a BDAY: a card holds only one
            "GENDER:F",
            "END:VCARD",  # would cut the card short
            "no colon here",
            "X-BROKEN:two\nlines",
        ],
    )
    card = person_card(person)
    lines = raw_lines(card)
    assert "X-FOO;TYPE=bar:some\\, value" in lines
    assert "X-PHONETIC-FIRST-NAME:Maia" in lines
    assert "GENDER:F" in lines
    assert "BDAY;VALUE=text:circa 1990" not in lines
    assert lines.count("END:VCARD") == 1
    assert not any("colon" in x or "X-BROKEN" in x for x in lines)
    v = parse(card)
    assert v.bday.value == "19900314"
    assert children(card, "X-FOO")[0].value == "some, value"
    # Without a birthday of ours the kept free-text BDAY goes back out.
    no_bday = raw_lines(person_card(make(properties=["BDAY;VALUE=text:circa 1990"])))
    assert "BDAY;VALUE=text:circa 1990" in no_bday


def test_uid_forms() -> None:
    assert uid_uri(UID_A) == "urn:uuid:01234567-89ab-cdef-0123-456789abcdef"
    assert uid_uri("not-hex") == "not-hex"


def test_cards_concatenates_and_vobject_reads_them_all() -> None:
    people = [
        make(uid=UID_A, name="Maya López", related=[{"kind": "friend", "name": "Jo Smith",
                                                        "person": UID_B}]),
        make(uid=UID_B, name="Jo Smith", given_name="Jo", family_name="Smith",
             related=[{"kind": "friend", "name": "Gone", "person": UID_C}]),
    ]  # fmt: skip
    text = cards(people)
    parsed = list(vobject.readComponents(text))
    assert [c.fn.value for c in parsed] == ["Maya López", "Jo Smith"]
    assert parsed[0].related.value == "urn:uuid:fedcba98-7654-3210-fedc-ba9876543210"
    assert parsed[1].related.value == "Gone"  # not exported: named
    assert parsed[1].related.params["VALUE"] == ["text"]


# --- vdir ----------------------------------------------------------------------------


def _people() -> list[dict[str, Any]]:
    return [
        make(
            uid=UID_A,
            name="Maya López",
            birthday="1990-03-14",
            channels=[
                {"kind": "email", "label": "work", "value": "maya@example.org"},
                {"kind": "phone", "label": "mobile", "value": "+351 912 345 678"},
            ],
            notes="Met at the gym, likes tea; long note " * 5,
            interests=[{"phrase": "bouldering", "note": None}],
        ),
        make(uid=UID_B, name="Jo Smith, Jr.", given_name="Jo", family_name="Smith, Jr."),
        make(uid=UID_C, name="山田 太郎 😀", given_name=None, family_name=None),
    ]


def test_write_vdir_writes_one_file_per_person_and_leaves_others_alone(tmp_path: Path) -> None:
    folder = tmp_path / "contacts" / "kith"
    folder.mkdir(parents=True)
    other = folder / "someone-else.vcf"
    theirs = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nN:;X;;;\r\nEND:VCARD\r\n"
    other.write_bytes(theirs)
    calls: list[tuple[int, int]] = []
    people = _people()
    assert write_vdir(folder, people, lambda d, t: calls.append((d, t))) == 3
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{UID_A}.vcf", f"{UID_B}.vcf", f"{UID_C}.vcf", "someone-else.vcf"]
    )  # and no temporary file left
    assert other.read_bytes() == theirs
    for p in people:
        data = (folder / f"{p['uid']}.vcf").read_bytes()
        assert data == person_card(p, {q["uid"]: q["name"] for q in people}).encode("utf-8")
        assert parse(data.decode()).fn.value == p["name"]


def test_write_vdir_again_only_touches_changed_cards(tmp_path: Path) -> None:
    people = _people()
    write_vdir(tmp_path, people)
    a, b = tmp_path / f"{UID_A}.vcf", tmp_path / f"{UID_B}.vcf"
    os.utime(a, (1_000_000, 1_000_000))
    os.utime(b, (1_000_000, 1_000_000))
    people[1]["notes"] = "changed"
    assert write_vdir(tmp_path, people) == 3
    assert a.stat().st_mtime == 1_000_000  # same bytes: not rewritten
    assert b.stat().st_mtime != 1_000_000
    assert parse(b.read_text()).note.value == "changed"


def test_write_vdir_refuses_a_bad_uid_and_writes_nothing(tmp_path: Path) -> None:
    people = [*_people(), make(uid="../escape", name="Bad")]
    with pytest.raises(KithError, match="bad uid"):
        write_vdir(tmp_path / "out", people)
    assert list((tmp_path / "out").iterdir()) == []


def test_write_vdir_into_a_file_is_one_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(KithError, match="not a folder"):
        write_vdir(target, _people())


def _khard() -> list[str]:
    pytest.importorskip("khard", reason="khard is not installed (pip install khard)")
    return [sys.executable, "-m", "khard"]


def test_khard_lists_and_shows_every_exported_person(tmp_path: Path) -> None:
    khard = _khard()
    folder = tmp_path / "vdir"
    people = _people()
    write_vdir(folder, people)
    config = tmp_path / "khard.conf"
    config.write_text(
        "[general]\neditor = true\nmerge_editor = true\n\n"
        f"[addressbooks]\n[[kith]]\npath = {folder}\n\n"
        "[vcard]\nprivate_objects = SocialProfile, Kithkin-Interest\n",
        encoding="utf-8",
    )
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [*khard, "-c", str(config), *args], capture_output=True, text=True, env=env,
            encoding="utf-8", check=False, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    listed = [line.split("\t") for line in run("list", "--parsable").splitlines()]
    assert sorted(row[1] for row in listed) == sorted(
        ["Maya López", "Jo Smith, Jr.", "山田 太郎 😀"]
    )
    assert {row[0] for row in listed} == {uid_uri(p["uid"]) for p in people}
    assert "maya@example.org\tMaya López\twork" in run("email", "--parsable")
    assert "+351 912 345 678\tMaya López\tcell" in run("phone", "--parsable")
    shown = run("show", "--format", "yaml", "Maya")
    assert "Met at the gym, likes tea; long note" in shown
    assert "Kithkin-Interest: bouldering" in shown
    assert "Maya López" in run("birthdays", "--parsable")


# --- hypothesis ----------------------------------------------------------------------

_TEXT = st.text(max_size=60)
_SOME = st.text(min_size=1, max_size=60)


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.none() | st.integers(1900, 2030))
    day = draw(st.dates())
    with_year = year is not None and (day.month, day.day) != (2, 29)
    birthday = f"{year:04d}-{day:%m-%d}" if with_year else f"--{day:%m-%d}"
    return make(
        name=draw(_SOME),
        given_name=draw(st.none() | _TEXT),
        family_name=draw(st.none() | _TEXT),
        nickname=draw(st.none() | _SOME),
        notes=draw(st.none() | st.text(max_size=400)),
        org=draw(st.none() | _SOME),
        title=draw(st.none() | _SOME),
        met_how=draw(st.none() | _SOME),
        location=draw(st.none() | _SOME),
        birthday=birthday,
        tags=draw(st.lists(_SOME, max_size=4)),
        interests=[
            {"phrase": p, "note": n}
            for p, n in draw(st.lists(st.tuples(_SOME, st.none() | _SOME), max_size=3))
        ],
        channels=[
            {"kind": k, "label": lab, "value": v}
            for k, lab, v in draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(["email", "phone", "url", "handle", "address"]),
                        st.none() | _SOME,
                        _SOME,
                    ),
                    max_size=5,
                )
            )
        ],
        related=[
            {"kind": "friend", "name": n, "person": None} for n in draw(st.lists(_SOME, max_size=2))
        ],
    )


def _param(label: str | None) -> list[str] | None:
    """How a label comes back as a TYPE parameter (controls as spaces, " as ')."""
    if not label:
        return None
    clean = "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in label)
    clean = clean.replace('"', "'").strip()
    return [clean] if clean else None


_PROPS = {
    "email": "EMAIL",
    "phone": "TEL",
    "url": "URL",
    "handle": "X-SOCIALPROFILE",
    "address": "ADR",
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people())
def test_any_unicode_reads_back_the_same(person: dict[str, Any]) -> None:
    card = person_card(person)
    assert_well_formed(card)
    if not re.search(r"\s{20}", card):  # long blank runs may (rightly) stretch a line
        assert max(len(p) for p in card.encode("utf-8").split(b"\r\n")) <= 75
    v = parse(card)
    assert v.fn.value == norm(person["name"])
    assert v.n.value.family == norm(person["family_name"] or "")
    assert v.n.value.given == norm(person["given_name"] or "")
    if person["nickname"]:
        assert v.nickname.value == norm(person["nickname"])
    for key, prop in (("notes", "note"), ("title", "title")):
        if person[key]:
            assert getattr(v, prop).value == norm(person[key])
    if person["org"]:
        assert v.org.value == [norm(person["org"])]
    tags = [norm(t) for t in person["tags"] if norm(t)]
    if tags:
        assert v.categories.value == tags
    else:
        assert not children(card, "CATEGORIES")
    bday = person["birthday"]
    assert v.bday.value == ("--" + bday[2:].replace("-", "") if bday[:2] == "--"
                            else bday.replace("-", ""))  # fmt: skip
    for kind, prop in _PROPS.items():
        want = [(norm(c["value"]), _param(c["label"]))
                for c in person["channels"] if c["kind"] == kind]  # fmt: skip
        if kind == "phone":
            want = [(val, ["cell"] if lab == ["mobile"] else lab) for val, lab in want]
        got = [
            (c.value.street if kind == "address" else c.value, c.params.get("TYPE"))
            for c in children(card, prop)
        ]
        assert got == want
    assert [r.value for r in children(card, "RELATED")] == [
        norm(r["name"]) for r in person["related"]
    ]
    kith = kith_fields(card)
    for key in ("met_how", "location"):
        want_text = norm(person[key] or "").strip()
        assert kith.get(key) == (want_text or None)
    want_interests = [
        {"phrase": norm(i["phrase"]).strip(), "note": norm(i["note"] or "").strip() or None}
        for i in person["interests"]
        if norm(i["phrase"]).strip()
    ]
    assert kith.get("interests", []) == want_interests
