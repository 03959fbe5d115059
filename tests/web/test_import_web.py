"""Import through the web: the report comes first and writes nothing, the confirmation
imports, bad files change nothing, and an upload belongs to the account that sent it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kithkin.services.transfer import export_document
from kithkin.web import api_transfer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "csv" / "linkedin_connections.csv"
LINKEDIN_BROKEN = FIXTURES / "csv" / "linkedin_broken.csv"
GOOGLE = FIXTURES / "csv" / "google_legacy.csv"
IPHONE = FIXTURES / "vcard" / "iphone.vcf"
BROKEN_VCARD = FIXTURES / "vcard" / "broken.vcf"
BINARY = FIXTURES / "vcard" / "binary.vcf"
EMPTY = FIXTURES / "csv" / "empty.csv"


def _people(kith) -> int:  # type: ignore[no-untyped-def]
    return len(export_document(kith)["people"])


def _upload(client, path: Path, **fields):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return client.form("/import", fields, files={"file": (path.name, fh.read())})


def _token(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "no confirm form on the page"
    return found.group(1)


def _count(page: str, what: str) -> str:
    found = re.search(rf'class="count-{what}">([^<]*)<', page)
    assert found, f"no {what} count on the page"
    return found.group(1)


@pytest.mark.parametrize(
    ("path", "fmt", "new"), [(LINKEDIN, "LinkedIn", 8), (IPHONE, "vCard", 3), (GOOGLE, "Google", 2)]
)
def test_report_first_then_confirm_imports(open_web, path, fmt, new):  # type: ignore[no-untyped-def]
    client, kith = open_web
    page = _upload(client, path)
    assert page.status_code == 200, page.text
    assert f"What importing {path.name} would do" in page.text
    assert fmt in page.text
    assert _count(page.text, "added") == str(new)
    assert f"Import these {new} people" in page.text
    assert _people(kith) == 0  # the dry run wrote nothing
    r = client.form("/import/confirm", {"token": _token(page.text)})
    assert r.status_code == 303
    assert _people(kith) == new
    done = client.get("/import").text
    assert f"Imported {path.name}" in done and f"{new} new people" in done
    # importing it again: everyone is already here, nothing to confirm
    again = _upload(client, path)
    assert _count(again.text, "added") == "0"
    assert "Nothing new to import" in again.text
    assert 'name="token"' not in again.text


def test_confirm_deletes_the_kept_upload(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    token = _token(_upload(client, LINKEDIN).text)
    assert client.form("/import/confirm", {"token": token}).status_code == 303
    second = client.form("/import/confirm", {"token": token})
    assert second.status_code == 404
    assert "upload the file again" in second.text
    assert _people(kith) == 8


@pytest.mark.parametrize(
    ("path", "where"),
    [(LINKEDIN_BROKEN, "linkedin_broken.csv:6"), (BROKEN_VCARD, "broken.vcf:15")],
)
def test_problems_are_listed_and_nothing_is_written(open_web, path, where):  # type: ignore[no-untyped-def]
    client, kith = open_web
    page = _upload(client, path)
    assert page.status_code == 200
    assert f"<code>{where}</code>" in page.text
    assert "cannot be read" in page.text
    assert 'name="skip_bad"' in page.text
    assert str(api_transfer.data_dir()) not in page.text  # never the server's own path
    token = _token(page.text)
    refused = client.form("/import/confirm", {"token": token})
    assert refused.status_code == 400
    assert "nothing was imported" in refused.text and where in refused.text
    assert _people(kith) == 0
    # skip_bad imports the good ones (the upload is still kept after the refusal)
    r = client.form("/import/confirm", {"token": token, "skip_bad": "true"})
    assert r.status_code == 303
    assert _people(kith) == int(_count(page.text, "added"))
    assert _people(kith) > 0


@pytest.mark.parametrize(
    ("path", "message"),
    [(BINARY, "not a contacts file"), (EMPTY, "the file is empty")],
)
def test_a_bad_file_is_one_clear_message(open_web, path, message):  # type: ignore[no-untyped-def]
    client, kith = open_web
    page = _upload(client, path)
    assert page.status_code == 400
    assert f"{path.name}: {message}" in page.text
    assert 'name="token"' not in page.text
    assert _people(kith) == 0
    kept = list((api_transfer.data_dir() / "uploads").rglob("meta.json"))
    assert kept == []  # nothing left waiting
    api = client.call("POST", "/api/v1/import", files={"file": (path.name, path.read_bytes())})
    assert api.status_code == 400
    assert message in api.json()["error"]


def test_one_account_cannot_confirm_anothers_upload(server):  # type: ignore[no-untyped-def]
    alice, bob = server.logged_in("alice"), server.logged_in("bob")
    token = _token(_upload(alice, LINKEDIN).text)
    stolen = bob.form("/import/confirm", {"token": token})
    assert stolen.status_code == 404
    assert _people(server.kith("bob")) == 0
    assert _people(server.kith("alice")) == 0
    assert alice.form("/import/confirm", {"token": token}).status_code == 303
    assert _people(server.kith("alice")) == 8
    assert _people(server.kith("bob")) == 0


def test_made_up_or_expired_tokens_are_404(open_web, monkeypatch):  # type: ignore[no-untyped-def]
    client, kith = open_web
    assert client.form("/import/confirm", {"token": "../../etc/passwd"}).status_code == 404
    token = _token(_upload(client, LINKEDIN).text)
    now = api_transfer.clock()
    monkeypatch.setattr(api_transfer, "clock", lambda: now + api_transfer.KEEP_SECONDS + 1)
    assert client.form("/import/confirm", {"token": token}).status_code == 404
    assert _people(kith) == 0


def test_too_large_is_413(open_web, monkeypatch):  # type: ignore[no-untyped-def]
    client, kith = open_web
    monkeypatch.setattr(api_transfer, "UPLOAD_LIMIT", 100)
    page = _upload(client, LINKEDIN)
    assert page.status_code == 413
    assert "larger than" in page.text
    api = client.call("POST", "/api/v1/import", files={"file": ("c.csv", LINKEDIN.read_bytes())})
    assert api.status_code == 413
    assert _people(kith) == 0


def test_api_import_dry_run_then_real(server):  # type: ignore[no-untyped-def]
    api = server.as_token("alice")
    files = {"file": (LINKEDIN.name, LINKEDIN.read_bytes())}
    dry = api.post("/api/v1/import", files=files, data={"dry_run": "true"})
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["dry_run"] is True
    assert report["added"] == 8 and report["format"] == "linkedin"
    assert report["file"] == LINKEDIN.name
    assert _people(server.kith("alice")) == 0
    real = api.post("/api/v1/import", files=files)
    assert real.json()["dry_run"] is False and real.json()["added"] == 8
    assert _people(server.kith("alice")) == 8
    broken = api.post(
        "/api/v1/import",
        files={"file": (LINKEDIN_BROKEN.name, LINKEDIN_BROKEN.read_bytes())},
        data={"dry_run": "true", "skip_bad": "true"},
    ).json()
    assert {"file": LINKEDIN_BROKEN.name, "line": 6} == {
        k: broken["skipped"][0][k] for k in ("file", "line")
    }
    assert _people(server.kith("alice")) == 8


def test_export_then_json_import_into_another_account(server):  # type: ignore[no-untyped-def]
    alice, bob = server.as_token("alice"), server.logged_in("bob")
    alice.post("/api/v1/import", files={"file": (LINKEDIN.name, LINKEDIN.read_bytes())})
    doc = alice.get("/api/v1/export")
    assert doc.status_code == 200
    assert doc.json() == export_document(server.kith("alice"))
    data = json.dumps(doc.json()).encode()
    page = bob.form("/import", {}, files={"file": ("backup.json", data)})
    assert page.status_code == 200, page.text
    assert _count(page.text, "people") == "8"
    assert _people(server.kith("bob")) == 0
    assert bob.form("/import/confirm", {"token": _token(page.text)}).status_code == 303
    assert _people(server.kith("bob")) == 8


def test_a_json_document_with_a_nul_changes_nothing(server):  # type: ignore[no-untyped-def]
    alice, bob = server.as_token("alice"), server.as_token("bob")
    alice.post("/api/v1/import", files={"file": (LINKEDIN.name, LINKEDIN.read_bytes())})
    doc = alice.get("/api/v1/export").json()
    doc["people"][0]["name"] = "Ana\x00"
    r = bob.post("/api/v1/import", files={"file": ("backup.json", json.dumps(doc).encode())})
    assert r.status_code == 400
    assert r.json()["error"].startswith("backup.json: holds a NUL character")
    assert _people(server.kith("bob")) == 0
