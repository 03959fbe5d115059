"""Shapes of the JSON API's answers that several areas share (for the OpenAPI schema)."""

from __future__ import annotations

from pydantic import BaseModel


class Message(BaseModel):
    """What an action did, in words."""

    message: str


class ErrorOut(BaseModel):
    """Every 4xx answer of the API."""

    error: str


#: Error answers to declare on routes, so the OpenAPI description lists them.
ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut, "description": "the request cannot be read (e.g. broken JSON)"},
    401: {"model": ErrorOut, "description": "not logged in and no API token"},
    403: {"model": ErrorOut, "description": "missing CSRF token (cookie sessions)"},
    404: {"model": ErrorOut, "description": "no such record in your account"},
    422: {"model": ErrorOut, "description": "a value is not acceptable"},
}
