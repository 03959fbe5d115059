"""Requests too large, and values the database refuses: a clear 4xx, nothing changed."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from conftest import make_person
from kithkin.services.transfer import export_document
from kithkin.web.limits import MAX_BODY, BodyLimit


def _echo_app(limit: int) -> BodyLimit:
    inner = FastAPI()

    @inner.post("/api/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    return BodyLimit(inner, limit=limit)


def test_a_body_over_the_limit_is_refused_as_it_arrives():  # type: ignore[no-untyped-def]
    with TestClient(_echo_app(limit=100)) as c:
        assert c.post("/api/echo", content=b"x" * 100).json() == {"size": 100}
        declared = c.post("/api/echo", content=b"x" * 101)
        assert declared.status_code == 413
        assert "too large" in declared.json()["error"]

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(10):
                yield b"x" * 50  # no content-length: counted as it streams in

        streamed = c.post("/api/echo", content=chunks())
        assert streamed.status_code == 413


def test_an_oversized_upload_never_reaches_the_import(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    make_person(kith, "Maya López")
    before = export_document(kith)
    big = b"BEGIN:VCARD\r\n" + b"x" * (MAX_BODY + 1)
    r = client.post(
        "/api/v1/import",
        files={"file": ("big.vcf", big, "text/vcard")},
        headers={"X-CSRF-Token": client.page_csrf()},
    )
    assert r.status_code == 413
    assert export_document(kith) == before


def test_text_the_database_cannot_hold_is_a_clear_4xx(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    make_person(kith, "Maya López")
    before = export_document(kith)
    r = client.form("/log", {"who": "Maya", "kind": "coffee", "note": "bad\x00byte"})
    assert r.status_code == 422
    assert "note: contains a NUL character" in r.text
    assert export_document(kith) == before


def test_a_digest_at_the_end_of_the_calendar_is_a_clear_422(open_web):  # type: ignore[no-untyped-def]
    client, _kith = open_web
    r = client.get("/api/v1/digest", params={"date": "9999-12-31"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("date:")
