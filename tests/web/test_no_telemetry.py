"""The web app sends nothing anywhere, even when the environment asks FastAPI to export
OpenTelemetry traces."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from kithkin.web.app import create_app
from kithkin.web.config import WebConfig


def test_an_environment_asking_for_telemetry_changes_nothing(
    db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
    caplog.set_level(logging.DEBUG)
    app = create_app(WebConfig(url=db_url, require_login=False))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/api/v1/today").status_code == 200
    assert not [r for r in caplog.records if "telemetry" in r.getMessage().lower()]
