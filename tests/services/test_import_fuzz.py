"""Fuzzing every importer: real exports, mangled at random, go through the import
service. Each either imports or fails with the clear user error (a KithError naming the
file), and a failed import leaves every table exactly as it was.

``KITH_FUZZ_EXAMPLES`` sets the examples per format (CI: 60; 500 for a longer search).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kithkin.domain.errors import KithError
from kithkin.services.context import Kith
from kithkin.services.importing import import_path
from kithkin.services.transfer import dumps, export_document
from kithkin.storage.tables import accounts, metadata

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXAMPLES = int(os.environ.get("KITH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Real-shaped exports of each format (as the phones, sites and Kithkin write them).
SEEDS = {
    "vcard": ["vcard/iphone.vcf", "vcard/google.vcf", "vcard/outlook.vcf", "vcard/android21.vcf"],
    "linkedin": ["csv/linkedin_connections.csv", "csv/linkedin_old.csv"],
    "google": ["csv/google_contacts.csv", "csv/google_legacy.csv"],
}

#: What a broken export, an editor or a bad transfer puts into a file.
NOISE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            b"\x00",
            b"\xff\xfe",
            b"\xe9",
            b'"',
            b",,,,",
            b";",
            b":",
            b"\r",
            b"=\r\n",
            b"BEGIN:VCARD",
            b"END:VCARD",
            b"First Name,Last Name",
            "é".encode(),
            b"\xef\xbb\xbf",
        ]
    ),
)


def _bytes(noise: str | bytes) -> bytes:
    return noise.encode("utf-8", "surrogatepass") if isinstance(noise, str) else noise


@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after a few random edits: lines dropped, doubled, swapped or mixed with
    noise, a cut anywhere, bytes overwritten."""
    lines = data.splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 5))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "noise", "splice"]))
        if edit == "drop":
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "noise":
            lines.insert(at, _bytes(draw(NOISE)) + b"\n")
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + _bytes(draw(NOISE)) + line[cut:]
    out = b"".join(lines)
    if out and draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    return out


def _fingerprint(kith: Kith) -> dict[str, Any]:
    """Every table's row count and the account's data revision."""
    with kith.engine.connect() as conn:
        seen: dict[str, Any] = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar()
            for t in metadata.sorted_tables
        }
        seen["revision"] = conn.execute(
            select(accounts.c.revision).where(accounts.c.id == kith.account_id)
        ).scalar()
    return seen


def _try_import(kith: Kith, path: Path, fmt: str | None) -> None:
    before = _fingerprint(kith)
    try:
        import_path(kith, path, fmt)
    except KithError as exc:
        message = str(exc)
        assert message.strip()
        assert path.name in message  # it says which file
        assert _fingerprint(kith) == before  # and nothing was written


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mangled_exports_import_or_fail_cleanly(kith: Kith, tmp_path: Path, fmt: str) -> None:
    seeds = [(FIXTURES / name).read_bytes() for name in SEEDS[fmt]]

    @FUZZ
    @given(st.sampled_from(seeds).flatmap(mangled), st.booleans())
    def check(data: bytes, forced: bool) -> None:
        path = tmp_path / ("in.vcf" if fmt == "vcard" else "in.csv")
        path.write_bytes(data)
        _try_import(kith, path, fmt if forced else None)

    check()


def _document(kith: Kith) -> dict[str, Any]:
    from kithkin.services.moments import MomentInput, log_moment
    from kithkin.services.people import PersonInput, add_person

    add_person(kith, PersonInput(name="Maya López", interests=["mushroom packaging"]))
    add_person(kith, PersonInput(name="Sam Okafor", tags=["climbing"]))
    log_moment(kith, MomentInput(people=["Maya", "Sam"], kind="coffee", energy="+2"))
    doc = export_document(kith)
    return json.loads(dumps(doc))  # as it is read back from a file


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["2026-02-30", "", "\u0000", "#1", "x" * 600, "-1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def changed(draw: st.DrawFn, doc: Any) -> Any:
    """``doc`` with one value somewhere in it replaced, or one key dropped."""
    if isinstance(doc, dict) and doc and draw(st.integers(0, 3)):
        key = draw(st.sampled_from(sorted(doc)))
        if draw(st.integers(0, 5)) == 0:
            return {k: v for k, v in doc.items() if k != key}
        return {**doc, key: draw(changed(doc[key]))}
    if isinstance(doc, list) and doc and draw(st.integers(0, 3)):
        at = draw(st.integers(0, len(doc) - 1))
        return [*doc[:at], draw(changed(doc[at])), *doc[at + 1 :]]
    return draw(JSON_VALUES)


def test_changed_json_documents_import_or_fail_cleanly(kith: Kith, tmp_path: Path) -> None:
    from kithkin.services.context import open_kith

    source = open_kith(f"sqlite:///{tmp_path / 'source.db'}", today=kith.today)
    try:
        doc = _document(source)
    finally:
        source.engine.dispose()

    @FUZZ
    @given(changed(doc), st.booleans())
    def check(mutated: Any, as_text: bool) -> None:
        path = tmp_path / "in.json"
        text = json.dumps(mutated)
        path.write_text(text if as_text else text[: len(text) // 2], encoding="utf-8")
        _try_import(kith, path, "json")

    check()
