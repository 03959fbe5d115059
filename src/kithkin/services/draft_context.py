"""The facts each kind of draft needs, gathered from the database and put into words.

Every ``*_context`` function returns the plain values a draft template sees (strings,
numbers, lists and dicts, documented at the top of each default template). Nothing here
renders or lints; see :mod:`kithkin.services.drafts`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from kithkin.domain.errors import InvalidInput, NotFound
from kithkin.services import matching, saved
from kithkin.services.context import Kith
from kithkin.storage import match_repo, moments_repo, people_repo

Context = dict[str, Any]


def _split(text: str) -> list[str]:
    return text.split()


#: Without a keep-in-touch rhythm, a silence longer than this many days has lapsed.
LAPSED_AFTER_DAYS = 45
#: How long closet office hours last when the caller doesn't say.
DEFAULT_OFFICE_HOURS = 2.0
#: How many recent moments are read for their notes (an interest's capitals) and topics.
RECENT_MOMENTS = 40
#: Words written this way when the user's own notes don't say (phrases are stored in
#: lower case): a few acronyms and names.
KNOWN_CASE = {
    w.lower(): w
    for w in _split(
        "AI UX UI ML VR AR SEO NLP DIY LLM LLMs TikTok YouTube LinkedIn Instagram "
        "Python JavaScript Linux Lisbon Porto London Berlin Paris"
    )
}

_NUMBERS = _split("zero one two three four five six seven eight nine ten eleven twelve")


# --- words ----------------------------------------------------------------------------


def number_words(n: int) -> str:
    """3 → 'three' (up to twelve), larger numbers as digits."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _amount(n: int, unit: str) -> str:
    if n == 1:
        return f"{'an' if unit[0] in 'aeiou' else 'a'} {unit}"
    return f"{number_words(n)} {unit}s"


def span_words(days: int) -> str:
    """How long a silence is, in words: 'a few days', 'three weeks', 'five months'."""
    if days < 7:
        return "a few days"
    if days < 60:
        return _amount(days // 7, "week")
    if days < 365 * 2:
        return _amount(days // 30, "month")
    return f"over {_amount(days // 365, 'year')}"


def when_words(day: date, today: date) -> str:
    """When something happened, as a phrase after a verb: 'on Thursday', 'in June 2024'."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {day.strftime('%A')}"
    if days < 14:
        return "last week"
    if days < 45:
        return "a few weeks ago"
    if day.year == today.year:
        return f"in {day.strftime('%B')}"
    return f"in {day.strftime('%B')} {day.year}"


def due_words(day: date, today: date) -> str:
    """When something is due, as a phrase: 'today', 'by Friday', 'by 3 December'."""
    days = (day - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "by tomorrow"
    if days < 7:
        return f"by {day.strftime('%A')}"
    return f"by {day.day} {day.strftime('%B')}"


def meeting_words(when: date | datetime | None, today: date) -> str | None:
    """A time to meet: 'on Saturday 28 November at 10:00' (the time only if given)."""
    if when is None:
        return None
    day = when.date() if isinstance(when, datetime) else when
    text = f"on {day.strftime('%A')} {day.day} {day.strftime('%B')}"
    if day.year != today.year:
        text += f" {day.year}"
    if isinstance(when, datetime):
        text += f" at {when.hour}:{when.minute:02d}"
    return text


def duration_words(minutes: int) -> str:
    """20 → '20 minutes', 30 → 'half an hour', 60 → 'an hour', 120 → 'two hours'."""
    if minutes == 30:
        return "half an hour"
    if minutes == 60:
        return "an hour"
    if minutes == 90:
        return "an hour and a half"
    if minutes > 60 and minutes % 60 == 0:
        return f"{number_words(minutes // 60)} hours"
    if minutes > 60 and minutes % 60 == 30:
        return f"{number_words(minutes // 60)} and a half hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def join_words(items: Sequence[str]) -> str:
    """['Maya', 'Dana', 'Kai'] → 'Maya, Dana and Kai'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


#: Words ending in s that are not plurals.
_NOT_PLURAL = frozenset(_split("news lens series species means chess bus gas yes"))


def looks_plural(phrase: str) -> bool:
    """'college essays' → True; 'golf', 'economics', 'fitness', 'news' → False."""
    words = phrase.split()
    last = words[-1].lower() if words else ""
    return (
        last.endswith("s")
        and not last.endswith(("ss", "us", "is", "ics"))
        and last not in _NOT_PLURAL
    )


def sentence(text: str) -> str:
    """Text as one sentence: first letter capital, ending in punctuation."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return cleaned
    cleaned = cleaned[0].upper() + cleaned[1:]
    return cleaned if cleaned[-1] in ".!?…" else cleaned + "."


def clause(text: str) -> str:
    """Text to continue a sentence: first letter small (unless an acronym), no final stop."""
    cleaned = " ".join(text.split()).rstrip(".")
    if len(cleaned) > 1 and cleaned[0].isupper() and not cleaned[1].isupper():
        cleaned = cleaned[0].lower() + cleaned[1:]
    return cleaned


#: Words after "her" that show it means "to her" (→ "you"), not "her thing" (→ "your").
_AFTER_OBJECT = frozenset(
    _split(
        "the a an some my our this that these those to about for with on in at back over "
        "up out off again too when if and or by before after now soon once"
    )
)
_PRONOUNS = {
    "him": "you",
    "them": "you",
    "his": "your",
    "their": "your",
    "theirs": "yours",
    "hers": "yours",
    "himself": "yourself",
    "herself": "yourself",
    "themselves": "yourself",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: "intro to the folks" said to them means "intro you to the folks".
_NEEDS_OBJECT = re.compile(r"\b(intro|introduce|connect)\s+(to|with)\b", re.IGNORECASE)


def _keep_case(original: str, new: str) -> str:
    return new[0].upper() + new[1:] if original[0].isupper() else new


def second_person(text: str, names: Iterable[str] = ()) -> str:
    """A note written about someone, turned to speak to them.

    'send her the reading list' → 'send you the reading list'; 'read Maya's essay' →
    'read your essay'. Only objects and possessives change (subjects would need the verb
    changed too); ``names`` are the person's names to replace.
    """
    out = text
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        out = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", out)
        out = re.sub(rf"\b{re.escape(name)}\b", "you", out)
    tokens = list(_WORD.finditer(out))
    parts: list[str] = []
    last = 0
    for i, m in enumerate(tokens):
        word = m.group(0)
        low = word.lower()
        new = None
        if low in _PRONOUNS:
            new = _PRONOUNS[low]
        elif low == "her":
            following = tokens[i + 1].group(0).lower() if i + 1 < len(tokens) else None
            gap = out[m.end() : tokens[i + 1].start()] if i + 1 < len(tokens) else ""
            ends = following is None or any(c in gap for c in ".,;:!?")
            new = "you" if ends or following in _AFTER_OBJECT else "your"
        if new is not None:
            parts.append(out[last : m.start()])
            parts.append(_keep_case(word, new))
            last = m.end()
    parts.append(out[last:])
    return _NEEDS_OBJECT.sub(r"\1 you \2", "".join(parts))


def recase(phrase: str, sources: Iterable[str]) -> str:
    """An interest phrase (stored in lower case) written the way the user wrote it
    elsewhere ('ai ethics' → 'AI ethics' when a note says 'AI ethics'), or with its
    acronyms in capitals."""
    pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
    for text in sources:
        found = pattern.search(text or "")
        if found and found.group(0) != found.group(0).lower():
            return found.group(0)
    return " ".join(KNOWN_CASE.get(w, w) for w in phrase.split(" "))


def minutes_of(minutes: int | None, default: int) -> int:
    """The time an ask takes, checked (1 minute to 8 hours)."""
    value = default if minutes is None else minutes
    if not 1 <= value <= 480:
        raise InvalidInput("minutes", "say how long you're asking for, from 1 to 480 minutes")
    return value


# --- people ---------------------------------------------------------------------------


def first_name(row: dict[str, Any]) -> str:
    """What you'd call someone in a note: nickname, else given name, else first word."""
    for key in ("nickname", "given_name"):
        if row.get(key):
            return str(row[key]).strip()
    return str(row["display_name"]).split()[0]


def _history(
    kith: Kith, conn: Connection, pid: int, row: dict[str, Any], interests: list[dict[str, Any]]
) -> tuple[list[str], Counter[str]]:
    """What the user wrote about a person (where an interest's capitals are found), and
    how often each topic came up in your recent moments together."""
    texts = [row.get("notes") or "", row.get("met_how") or ""]
    texts += [i["note"] or "" for i in interests]
    texts += [
        f["text"] for f in moments_repo.follow_ups_of(conn, kith.account_id, pid, open_only=False)
    ]
    ids = [i for i, _, _ in moments_repo.moment_index(conn, pid)[:RECENT_MOMENTS]]
    recent = moments_repo.moments_by_ids(conn, ids, pid)
    texts += [m["notes"] or "" for m in recent]
    talked = Counter(t for m in recent for t in m["topics"])
    return texts, talked


def person(kith: Kith, conn: Connection, pid: int) -> Context:
    """The facts about one person every template may use (and a few helpers)."""
    row = people_repo.get_person(conn, kith.account_id, pid)
    if row is None:
        raise NotFound(f"no person with id #{pid}")
    interests = people_repo.interests_of(conn, [pid])[pid]
    texts, talked = _history(kith, conn, pid, row, interests)
    phrases = [i["phrase"] for i in interests]
    return {
        "id": pid,
        "name": row["display_name"],
        "first_name": first_name(row),
        "names": [row["display_name"], first_name(row), row.get("given_name") or ""],
        "pronouns": row.get("pronouns"),
        "field": row.get("field"),
        "interests": [recase(p, texts) for p in phrases],
        "phrases": phrases,
        "cadence_days": row.get("cadence_days"),
        "texts": texts,
        "talked": talked,
    }


def _public(p: Context) -> Context:
    """A person as templates see it (without the helper fields)."""
    return {k: p[k] for k in ("name", "first_name", "pronouns", "field", "interests")}


def pick_interest(kith: Kith, p: Context) -> tuple[str | None, bool]:
    """The interest to bring up with a person, and whether it is common ground.

    First one you share (``kith me``, by meaning, in their words); else the one of
    theirs you talked about most in your recent moments; else their first one (not
    common ground); else None.
    """
    found = matching.common(kith, f"#{p['id']}")["shared"]
    if found:
        return recase(found[0]["theirs"], p["texts"]), True
    talked = [(p["talked"][ph], -i) for i, ph in enumerate(p["phrases"]) if p["talked"][ph]]
    if talked:
        return p["interests"][-max(talked)[1]], True
    return (p["interests"][0], False) if p["interests"] else (None, False)


# --- one context per kind ---------------------------------------------------------------


def reopener_context(kith: Kith, pid: int, minutes: int | None) -> Context:
    """The lapsed promise (or the silence) and the interest to reopen with."""
    with kith.begin() as conn:
        p = person(kith, conn, pid)
        open_ = moments_repo.follow_ups_of(conn, kith.account_id, pid)
        lapsed = [f for f in open_ if f["due_on"] is not None and f["due_on"] < kith.today]
        lapsed.sort(key=lambda f: (f["due_on"], f["id"]))
        index = moments_repo.moment_index(conn, pid)
    promise = lapsed[0] if lapsed else None
    last_seen = index[0][1] if index else None
    quiet = (kith.today - last_seen).days if last_seen else None
    limit = p["cadence_days"] or LAPSED_AFTER_DAYS
    if promise is None and quiet is not None and quiet <= limit:
        raise InvalidInput(
            "reopener",
            f"nothing has lapsed with {p['name']}: no promise is overdue and you last "
            f"talked {span_words(quiet).removeprefix('over ')} ago. A no-reason check-in "
            f'fits better: kith draft checkin "{p["name"]}"',
        )
    interest, common = pick_interest(kith, p)
    return {
        **_public(p),
        "promise": clause(second_person(promise["text"], p["names"])) if promise else None,
        "promised_on": when_words(promise["created_on"], kith.today) if promise else None,
        "silence": span_words(quiet) if quiet is not None else None,
        "interest": interest,
        "common": common,
        "minutes": minutes_of(minutes, 30),
        "duration": duration_words(minutes_of(minutes, 30)),
    }


def checkin_context(kith: Kith, pid: int) -> Context:
    """A saved item they'd love (first one not yet sent), else an interest to ask about."""
    with kith.begin() as conn:
        p = person(kith, conn, pid)
    items = [i for i in saved.for_person(kith, f"#{pid}")["items"] if i["sent_on"] is None]
    item = None
    if items:
        first = items[0]
        match = first["shared"][0]
        item = {
            "id": first["item_id"],
            "title": first["title"],
            "kind": first["kind"],
            "topic": recase(match["topic"], p["texts"]),
            "interest": recase(match["interest"], p["texts"]),
        }
    interest, common = pick_interest(kith, p)
    return {**_public(p), "item": item, "interest": interest, "common": common}


def _side_note(
    me: Context, other: Context, pairs: list[tuple[str, str]], reason: str | None
) -> Context:
    return {
        **_public(me),
        "other_name": other["name"],
        "other_first_name": other["first_name"],
        "other_interests": other["interests"],
        "shared": [{"yours": a, "theirs": b} for a, b in pairs],
        "reason": reason,
    }


def intro_context(
    kith: Kith, a: int, b: int, reason: str | None, minutes: int | None
) -> tuple[Context, Context, str]:
    """One context per side of a double opt-in intro, and the reason in a line."""
    if a == b:
        raise InvalidInput("intro", "an introduction needs two different people")
    with kith.begin() as conn:
        pa, pb = person(kith, conn, a), person(kith, conn, b)
        theirs = match_repo.interests_by_person(conn, [a, b])
        _, found = matching.shared_between(kith, conn, theirs[a], theirs[b])
    pairs = [(recase(m.mine, pa["texts"]), recase(m.theirs, pb["texts"])) for m in found]
    note = " ".join(reason.split()).rstrip(".") if reason and reason.strip() else None
    time = minutes_of(minutes, 20)
    side_a = _side_note(pa, pb, pairs, note)
    side_b = _side_note(pb, pa, [(y, x) for x, y in pairs], note)
    for side in (side_a, side_b):
        side.update(minutes=time, duration=duration_words(time))
    if note:
        why = note
    elif pairs:
        x, y = pairs[0]
        why = f"both love {x}" if x.lower() == y.lower() else f"{x} meets {y}"
    elif pa["interests"] and pb["interests"]:
        why = (
            f"{pa['first_name']} into {pa['interests'][0]}, "
            f"{pb['first_name']} into {pb['interests'][0]}"
        )
    else:
        why = f"{pa['first_name']} and {pb['first_name']} should meet"
    return side_a, side_b, why


def _common_phrases(people: list[Context], shared: list[Context]) -> list[tuple[str, str]]:
    """(first name, their phrase) for each invitee in a shared interest, in invite order."""
    phrase: dict[str, str] = {}
    for s in shared:
        (x, y), px, py = s["people"], s["phrase"], s["theirs"]
        phrase.setdefault(x, px)
        phrase.setdefault(y, py)
    return [(p["first_name"], phrase[p["first_name"]]) for p in people if p["first_name"] in phrase]


def _into_line(pairs: list[tuple[str, str]], verb: str, everyone: int) -> str:
    """'Inês is into rock climbing, Julien into climbing and Priya into bouldering', or
    'You all love climbing' when everyone named the same thing."""
    if len(pairs) == everyone and len({what.lower() for _, what in pairs}) == 1:
        return f"You {'both' if everyone == 2 else 'all'} love {pairs[0][1]}"
    (name, what), *rest = pairs
    sep = "" if verb.startswith("'") else " "
    return join_words([f"{name}{sep}{verb} {what}", *(f"{n} into {w}" for n, w in rest)])


def office_hours_context(
    kith: Kith,
    ids: Sequence[int],
    when: date | datetime | None,
    where: str | None,
    hours: float | None = None,
) -> Context:
    """Who is invited, when and where, and the interests they share with each other."""
    if len(set(ids)) != len(ids):
        raise InvalidInput("with", "the same person is invited twice")
    if not 2 <= len(ids) <= 3:
        raise InvalidInput(
            "office hours",
            "closet office hours are for 2 or 3 people: add one or two with --with NAME",
        )
    if hours is not None and not 0 < hours <= 12:
        raise InvalidInput("hours", "office hours last from a few minutes to 12 hours")
    day = when.date() if isinstance(when, datetime) else when
    if day is not None and day < kith.today:
        raise InvalidInput("on", f"{day.isoformat()} is in the past; pick a day to come")
    with kith.begin() as conn:
        people = [person(kith, conn, i) for i in ids]
        theirs = match_repo.interests_by_person(conn, list(ids))
        shared: list[Context] = []
        for i, x in enumerate(people):
            for y in people[i + 1 :]:
                _, found = matching.shared_between(kith, conn, theirs[x["id"]], theirs[y["id"]])
                if found:
                    m = found[0]
                    shared.append(
                        {
                            "people": [x["first_name"], y["first_name"]],
                            "phrase": recase(m.mine, x["texts"]),
                            "theirs": recase(m.theirs, y["texts"]),
                        }
                    )
    firsts = [p["first_name"] for p in people]
    common = _common_phrases(people, shared)
    into_line: str | None
    if common:
        into_line = _into_line(common, "is into", len(people))
    else:
        firsts_interest = [(p["first_name"], p["interests"][0]) for p in people if p["interests"]]
        into_line = _into_line(firsts_interest, "'s deep into", 0) if firsts_interest else None
    place = " ".join(where.split()) if where and where.strip() else None
    if place and place.lower().startswith("at "):
        place = place[3:]
    return {
        "people": [_public(p) for p in people],
        "first_names": firsts,
        "everyone": join_words(firsts),
        "when": meeting_words(when, kith.today),
        "has_time": isinstance(when, datetime),
        "where": place,
        "shared": shared,
        "into": into_line,
        "into_shared": bool(common),
        "hours": hours,
        "length": duration_words(round((hours or DEFAULT_OFFICE_HOURS) * 60)),
    }


_THANKS_FOR = {
    "coffee": "the coffee",
    "call": "the call",
    "video": "the video call",
    "voice-note": "the voice notes",
    "message": "the messages",
    "email": "your email",
    "meal": "the meal",
    "walk": "the walk",
    "event": "the chat at the event",
    "co-working": "the co-working session",
    "intro": "the introduction",
    "visit": "the visit",
    "workshop": "the workshop",
    "other": "the time together",
}


def _unanswered(moment: dict[str, Any]) -> bool:
    """Your own outreach that got no answer (yet): nothing to thank anyone for."""
    return moment["reply_state"] in ("awaiting", "no_reply")


def followup_context(kith: Kith, pid: int) -> Context:
    """The most recent moment (your outreach still unanswered does not count): what it
    was, when, its topics, and the promise made in it."""
    with kith.begin() as conn:
        p = person(kith, conn, pid)
        index = moments_repo.moment_index(conn, pid)
        moment = None
        for start in range(0, len(index), 20):
            ids = [i for i, _, _ in index[start : start + 20]]
            rows = moments_repo.moments_by_ids(conn, ids, pid)
            moment = next((m for m in rows if not _unanswered(m)), None)
            if moment is not None:
                break
        if moment is None:
            waiting = " (only your outreach, still unanswered)" if index else ""
            raise NotFound(
                f"there is no moment with {p['name']} to follow up on yet{waiting}; "
                f'log one with `kith log "{p["name"]}" coffee`'
            )
        promises = [
            f
            for f in moments_repo.follow_ups_of(conn, kith.account_id, pid)
            if f["moment_id"] == moment["id"]
        ]
    topics = [recase(t, p["texts"]) for t in moment["topics"]]
    promise = promises[0] if promises else None
    due = promise["due_on"] if promise else None
    return {
        **_public(p),
        "moment": {
            "kind": moment["kind"],
            "thanks_for": _THANKS_FOR.get(moment["kind"], "the time together"),
            "when": when_words(moment["occurred_on"], kith.today),
            "date": moment["occurred_on"].isoformat(),
            "topics": topics,
            "note": moment["notes"],
            "energy": moment["energy"],
            "with": moment["with"],
        },
        "topic": topics[0] if topics else None,
        "promise": clause(second_person(promise["text"], p["names"])) if promise else None,
        "promise_due": due_words(due, kith.today) if due and due >= kith.today else None,
        "promise_late": bool(due and due < kith.today),
    }


def cold_context(kith: Kith, pid: int, because: str | None, minutes: int | None) -> Context:
    """The intention check's answer, their interests and work, and a small ask."""
    with kith.begin() as conn:
        p = person(kith, conn, pid)
    reason = " ".join((because or "").split())
    if not reason:
        raise InvalidInput(
            "because",
            f"cold outreach starts with an intention check: what, genuinely, interests you "
            f'about {p["name"]}\'s work? Answer it with --because "..."; nothing was drafted',
        )
    interest, common = pick_interest(kith, p)
    time = minutes_of(minutes, 15)
    return {
        **_public(p),
        "because": sentence(second_person(reason, p["names"])),
        "interest": interest,
        "common": common,
        "minutes": time,
        "duration": duration_words(time),
    }
