"""vCard export → import into an empty database keeps every field a person has: the
vCard ones and Kithkin's own (X-KITHKIN-*), for any text hypothesis can think of. Also
vdir → khard, and re-importing Kithkin's own export into the same database."""

from __future__ import annotations

import base64
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from kithkin.domain.names import fold
from kithkin.services import exporting
from kithkin.services.context import open_kith
from kithkin.services.importing import import_path
from kithkin.services.transfer import import_document

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Fields that differ by design after a round trip through another database.
VOLATILE = ("created_at", "updated_at", "sources")

_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"))


def _line(max_size: int = 40) -> st.SearchStrategy[str]:
    return (
        st.text(_chars, min_size=1, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


_notes = st.lists(_line(60), min_size=1, max_size=3).map("\n".join)
_phrase = _line(30).map(str.lower).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def _day(draw: st.DrawFn, year: bool = True) -> str:
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28 if m == 2 else 30))
    if year and draw(st.booleans()):
        return f"{draw(st.integers(1900, 2020)):04d}-{m:02d}-{d:02d}"
    return f"--{m:02d}-{d:02d}"


@st.composite
def people(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 4))
    uids = [f"{i:032x}" for i in range(1, n + 1)]
    out = []
    for i, uid in enumerate(uids):
        status = draw(st.sampled_from(["active", "snoozed", "released"]))
        p: dict[str, Any] = {
            "uid": uid,
            "name": draw(_line()),
            "given_name": draw(st.none() | _line(20)),
            "family_name": draw(st.none() | _line(20)),
            "nickname": draw(st.none() | _line(20)),
            "pronouns": draw(st.none() | st.sampled_from(["she/her", "they/them", "he/him"])),
            "met_how": draw(st.none() | _notes),
            "met_where": draw(st.none() | _line()),
            "met_on": draw(st.none() | st.just("2019-05-04")),
            "notes": draw(st.none() | _notes),
            "location": draw(st.none() | _line()),
            "timezone": draw(st.none() | st.sampled_from(["Europe/Lisbon", "Asia/Tokyo"])),
            "generation": draw(st.none() | _line(20)),
            "field": draw(st.none() | _line()),
            "org": draw(st.none() | _line()),
            "title": draw(st.none() | _line()),
            "cadence_days": draw(st.none() | st.integers(1, 400)),
            "pancake": draw(st.none() | st.sampled_from(["yes", "no", "unsure"])),
            "status": status,
            "snoozed_until": "2026-12-24" if status == "snoozed" else None,
            "released_on": "2026-01-02" if status == "released" else None,
            "release_note": draw(_notes) if status == "released" else None,
            "introduced_by": uids[0] if i and draw(st.booleans()) else None,
            "birthday": draw(st.none() | _day()),
            "interests": [
                {"phrase": ph, "note": draw(st.none() | _line())}
                for ph in draw(st.lists(_phrase, max_size=3, unique=True))
            ],
            "channels": draw(_channels(i)),
            "tags": draw(st.lists(_phrase, max_size=3, unique=True)),
            "dates": [
                {"label": draw(st.sampled_from(["anniversary", "name day"])), "date": draw(_day())}
            ]
            if draw(st.booleans())
            else [],
            "related": [{"kind": "spouse", "name": draw(_line()), "person": None}]
            if draw(st.booleans())
            else [],
            "photo": "data:image/png;base64,"
            + base64.b64encode(draw(st.binary(min_size=1, max_size=40))).decode()
            if draw(st.booleans())
            else None,
            "properties": ["X-FAVOURITE-TEA:genmaicha"] if draw(st.booleans()) else [],
        }
        out.append(p)
    # a relation named like someone in the file links to them on import (tested apart)
    names = {fold(p["name"]) for p in out}
    assume(all(fold(r["name"]) not in names for p in out for r in p["related"]))
    return out


@st.composite
def _channels(draw: st.DrawFn, i: int) -> list[dict[str, Any]]:
    chans = []
    if draw(st.booleans()):
        chans.append({"kind": "email", "label": "home", "value": f"p{i}@example.org"})
    if draw(st.booleans()):
        chans.append({"kind": "phone", "label": "mobile", "value": f"+351 91{i} 000 12{i}"})
    if draw(st.booleans()):
        chans.append({"kind": "url", "label": None, "value": f"https://example.org/~p{i}"})
    if draw(st.booleans()):
        chans.append({"kind": "handle", "label": "mastodon", "value": f"@p{i}@social.example"})
    if draw(st.booleans()):
        chans.append({"kind": "address", "label": "home", "value": draw(_line())})
    return chans


def _doc(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "kithkin", "version": 1, "people": items}


def _stable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in p.items() if k not in VOLATILE} for p in items),
        key=lambda p: p["uid"],
    )


def _same(after: list[dict[str, Any]], before: list[dict[str, Any]]) -> None:
    assert [p["uid"] for p in after] == [p["uid"] for p in before]
    for a, b in zip(after, before, strict=True):
        diff = {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        assert not diff, diff


@SETTINGS
@given(items=people())
def test_vcard_export_then_import_keeps_every_field(items: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = open_kith(f"sqlite:///{folder / 'a.db'}", today=TODAY)
        import_document(source, _doc(items))
        before = exporting.people(source)
        card = folder / "all.vcf"
        assert exporting.export_to(source, "vcard", card) == len(items)
        copy = open_kith(f"sqlite:///{folder / 'b.db'}", today=TODAY)
        report = import_path(copy, card)
        assert report.added == len(items) and not report.problems
        after = exporting.people(copy)
        _same(_stable(after), _stable(before))
        source.engine.dispose()
        copy.engine.dispose()


@settings(SETTINGS, max_examples=8)
@given(items=people())
def test_reimporting_its_own_vdir_export_changes_nothing(items: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kith = open_kith(f"sqlite:///{folder / 'k.db'}", today=TODAY)
        import_document(kith, _doc(items))
        before = exporting.people(kith)
        exporting.export_to(kith, "vdir", folder / "vdir")
        report = import_path(kith, folder / "vdir")
        assert (report.added, report.updated, report.unchanged) == (0, 0, len(items))
        _same(_stable(exporting.people(kith)), _stable(before))
        kith.engine.dispose()


def _khard() -> list[str] | None:
    try:
        import khard  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "khard"]


@pytest.mark.skipif(_khard() is None, reason="khard is not installed (pip install khard)")
def test_khard_lists_everyone_exported_to_a_vdir(tmp_path: Path, db_url: str) -> None:
    kith = open_kith(db_url, today=TODAY)
    import_path(kith, Path(__file__).resolve().parents[1] / "fixtures" / "vcard" / "iphone.vcf")
    import_path(
        kith,
        Path(__file__).resolve().parents[1] / "fixtures" / "csv" / "linkedin_connections.csv",
    )
    names = {p["name"] for p in exporting.people(kith)}
    vdir = tmp_path / "contacts"
    assert exporting.export_to(kith, "vdir", vdir) == len(names) == 11
    conf = tmp_path / "khard.conf"
    conf.write_text(
        f"[addressbooks]\n[[kith]]\npath = {vdir}\n[general]\neditor = true\nmerge_editor = true\n",
        encoding="utf-8",
    )
    cmd = _khard()
    assert cmd is not None
    listed = subprocess.run(
        [*cmd, "-c", str(conf), "list", "--parsable"],
        capture_output=True,
        text=True,
        check=True,
    )
    shown = {line.split("\t")[1] for line in listed.stdout.splitlines() if "\t" in line}
    assert shown == names
    kith.engine.dispose()
