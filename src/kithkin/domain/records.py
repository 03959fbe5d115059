"""The words records are made of, and the checks that keep them well formed.

Pure: every function takes plain values and returns plain values or raises
:class:`~kithkin.domain.errors.InvalidInput` naming the field.
"""

from __future__ import annotations

import re
from datetime import date

from kithkin.domain.errors import InvalidInput

#: The largest id a record can have (the id columns are 32-bit integers).
MAX_ID = 2**31 - 1

MOMENT_KINDS = (
    "coffee",
    "call",
    "video",
    "voice-note",
    "message",
    "email",
    "meal",
    "walk",
    "event",
    "co-working",
    "intro",
    "visit",
    "workshop",
    "other",
)
DEPTHS = ("surface", "personal", "vulnerable")
INITIATORS = ("me", "them", "mutual")
REPLY_STATES = ("awaiting", "replied", "no_reply")
ENERGY_MIN, ENERGY_MAX = -2, 2
ENERGY_WORDS = {-2: "drained", -1: "tired", 0: "even", 1: "lifted", 2: "fuelled"}

LEDGER_DIRECTIONS = ("gave", "received")
LEDGER_KINDS = (
    "intro",
    "advice",
    "help",
    "gift",
    "referral",
    "article",
    "time",
    "skill-swap",
    "mini-collab",
    "other",
)
SIZES = {"small": 1, "medium": 2, "large": 3}
SIZE_NAMES = {v: k for k, v in SIZES.items()}

INTRO_STATUSES = ("proposed", "agreed", "made", "declined", "closed")
OPPORTUNITY_KINDS = ("job", "client", "collaboration", "idea", "friend", "other")
SAVED_KINDS = ("link", "note", "meme")
CHANNEL_KINDS = ("email", "phone", "url", "handle", "address")
PANCAKE = ("yes", "no", "unsure")
STATUSES = ("active", "snoozed", "released")

#: The longest keep-in-touch rhythm, in days (ten years).
MAX_CADENCE_DAYS = 3650
#: The longest text each short person field may hold (the schema's column sizes).
TEXT_LIMITS = {
    "given_name": 200,
    "family_name": 200,
    "nickname": 200,
    "pronouns": 60,
    "met_where": 300,
    "location": 300,
    "timezone": 64,
    "generation": 60,
    "field": 200,
    "org": 300,
    "title": 300,
}
#: Long free text (notes, how you met) is capped generously.
LONG_TEXT_LIMIT = 100_000

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)


def choice(field: str, value: str, allowed: tuple[str, ...] | dict[str, int]) -> str:
    """Return ``value`` lower-cased if it is one of ``allowed``; else raise naming them."""
    v = value.strip().lower()
    if v not in allowed:
        raise InvalidInput(field, f"'{value}' is not one of {', '.join(allowed)}")
    return v


def moment_kind(value: str) -> str:
    """A moment kind; 'voice note' and 'coworking' are accepted spellings."""
    v = value.strip().lower().replace(" ", "-").replace("_", "-")
    v = {"coworking": "co-working", "voicenote": "voice-note", "text": "message"}.get(v, v)
    return choice("kind", v, MOMENT_KINDS)


def energy(value: int | str) -> int:
    """Energy of a moment: -2 (drained) to +2 (fuelled); words are accepted too."""
    words = {w: n for n, w in ENERGY_WORDS.items()}
    if isinstance(value, str):
        text = value.strip().lower()
        if text in words:
            return words[text]
        try:
            value = int(text)
        except ValueError:
            raise InvalidInput(
                "energy", f"'{value}' is not a number from -2 (drained) to +2 (fuelled)"
            ) from None
    if not ENERGY_MIN <= value <= ENERGY_MAX:
        raise InvalidInput("energy", f"{value} is out of range: use -2 (drained) to +2 (fuelled)")
    return value


def size(value: str | int) -> int:
    """Size of a ledger entry: small (1), medium (2) or large (3)."""
    if isinstance(value, int) or value.strip().isdigit():
        n = int(value)
        if n in SIZE_NAMES:
            return n
        raise InvalidInput("size", f"{value} is out of range: use small, medium or large (1-3)")
    return SIZES[choice("size", value, SIZES)]


def cadence_days(value: str | int) -> int:
    """A keep-in-touch cadence: '14', '2w', '3m', '1y', 'weekly', 'monthly' → days."""
    named = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}
    text = str(value).strip().lower()
    if text in named:
        return named[text]
    m = re.fullmatch(r"(\d+)\s*([dwmy]?)", text)
    if not m or int(m.group(1)) <= 0:
        raise InvalidInput(
            "cadence", f"'{value}' is not a cadence: use days (21), 3w, 2m, 1y or 'monthly'"
        )
    days = int(m.group(1)) * {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]
    if days > MAX_CADENCE_DAYS:
        raise InvalidInput("cadence", f"'{value}' is longer than ten years")
    return days


def opportunity_value(value: int | str) -> int:
    """How much an opportunity meant, 1 (a little) to 5 (life-changing)."""
    try:
        n = int(value)
    except ValueError:
        raise InvalidInput("value", f"'{value}' is not a number from 1 to 5") from None
    if not 1 <= n <= 5:
        raise InvalidInput("value", f"{n} is out of range: use 1 (a little) to 5 (huge)")
    return n


def channel(kind: str, value: str) -> tuple[str, str]:
    """Validate one channel (email, phone, url, handle, address) and return it cleaned."""
    k = choice("channel", kind, CHANNEL_KINDS)
    v = value.strip()
    if not v:
        raise InvalidInput(k, "is empty")
    if len(v) > 500:
        raise InvalidInput(k, "is longer than 500 characters")
    if k == "email" and not _EMAIL.match(v):
        raise InvalidInput("email", f"'{value}' does not look like an e-mail address")
    if k == "url" and not _URL.match(v):
        v = "https://" + v
    if k == "phone" and not re.fullmatch(r"[+()0-9 .\-/]{3,}", v):
        raise InvalidInput("phone", f"'{value}' does not look like a phone number")
    return k, v


def phrase(text: str) -> str:
    """Normalise an interest or topic phrase: trimmed, single spaces, lower case."""
    cleaned = " ".join(text.split()).lower()
    if not cleaned:
        raise InvalidInput("interest", "is empty")
    if len(cleaned) > 300:
        raise InvalidInput("interest", "is longer than 300 characters")
    return cleaned


def text_field(field: str, text: str) -> str | None:
    """A trimmed free-text field ('' clears it), within the field's length limit."""
    cleaned = text.strip()
    limit = TEXT_LIMITS.get(field, LONG_TEXT_LIMIT)
    if len(cleaned) > limit:
        raise InvalidInput(field.replace("_", " "), f"is longer than {limit} characters")
    return cleaned or None


def tag(text: str) -> str:
    """A tag or circle: a short lower-case phrase."""
    cleaned = " ".join(text.split()).lower()
    if not cleaned:
        raise InvalidInput("tag", "is empty")
    if len(cleaned) > 120:
        raise InvalidInput("tag", "is longer than 120 characters")
    return cleaned


def short_text(field: str, text: str, limit: int) -> str:
    """Trimmed text that must not be empty and must fit ``limit`` characters."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(field, "is empty")
    if len(cleaned) > limit:
        raise InvalidInput(field, f"is longer than {limit} characters")
    return cleaned


def name(text: str) -> str:
    """A person's display name: trimmed, not empty."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput("name", "is empty")
    if len(cleaned) > 300:
        raise InvalidInput("name", "is longer than 300 characters")
    return cleaned


def effective_status(status: str, snoozed_until: date | None, today: date) -> str:
    """'snoozed' only while the snooze lasts; a lapsed snooze reads as 'active'."""
    if status == "snoozed" and (snoozed_until is None or snoozed_until <= today):
        return "active"
    return status


def interest(text: str) -> tuple[str, str | None]:
    """'watercolours: paints her own banners' → ('watercolours', 'paints her own banners')."""
    head, sep, note = text.partition(":")
    if sep and "//" in note[:2]:  # a URL-like phrase, keep it whole
        head, note = text, ""
    return phrase(head), (note.strip() or None)


def split_name(full: str) -> tuple[str | None, str | None]:
    """A best guess at (given, family) from a display name; the user can correct it."""
    parts = full.split()
    if len(parts) < 2:
        return (parts[0] if parts else None), None
    return " ".join(parts[:-1]), parts[-1]


def item_title(url: str | None, text: str | None, width: int = 60) -> str:
    """A short name for a saved item: its link, or the start of its text."""
    words = url or " ".join((text or "").split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"
