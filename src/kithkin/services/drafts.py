"""Drafts of honest messages: re-openers, check-ins, intros, office hours, follow-ups and
cold notes, rendered from Jinja2 templates the user can override, and linted.

Templates live in the package (``kithkin/templates/drafts/<kind>.txt.j2``); a file of
the same name in ``<data dir>/templates/drafts/`` wins. A template's output may start
with a ``Subject: ...`` line; the rest is the message. Blank lines separate paragraphs
and single line breaks inside a paragraph are joined, so templates can wrap freely.
The facts each kind needs are gathered in :mod:`kithkin.services.draft_context`.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kithkin.domain.errors import InvalidInput, KithError
from kithkin.services import draft_context as ctx
from kithkin.services.context import Kith
from kithkin.services.people import person_name

if TYPE_CHECKING:
    from jinja2 import Environment

    from kithkin.domain.lint import Finding
    from kithkin.services.moments import Logged

#: Every kind of draft, in the order `kith draft` lists them.
KINDS: tuple[str, ...] = ("reopener", "checkin", "intro", "office-hours", "followup", "cold")
#: What each kind is for, in a line (for help and listings).
KIND_HELP: dict[str, str] = {
    "reopener": "own a lapsed promise or a long silence and reopen with a shared interest",
    "checkin": "a no-reason check-in: something saved they'd love, or a question about them",
    "intro": "a double opt-in intro: A and B each asked first (kith draft intro A B)",
    "office-hours": "invite 2-3 people to work side by side (--with, --on, --at, --where)",
    "followup": "thanks after your last moment, a detail from it, and any promise made",
    "cold": "first contact, opening with what genuinely interests you in their work",
}
#: The options each kind takes besides its people.
KIND_OPTIONS: dict[str, frozenset[str]] = {
    "reopener": frozenset({"minutes"}),
    "checkin": frozenset(),
    "intro": frozenset({"reason", "minutes", "propose"}),
    "office-hours": frozenset({"when", "where", "hours"}),
    "followup": frozenset(),
    "cold": frozenset({"because", "minutes"}),
}
#: Only cold outreach is linted as a first contact.
FIRST_CONTACT = frozenset({"cold"})
#: Open introduction states: proposing the same pair again while one is open is refused.
OPEN_INTRO_STATES = frozenset({"proposed", "agreed"})

_SUBJECT = re.compile(r"\A\s*subject:[ \t]*(?P<subject>[^\n]*)\n", re.IGNORECASE)


@dataclass
class Draft:
    """A drafted message (or, for an intro, one note to each side) and its lint."""

    kind: str
    to: list[str]
    subject: str | None
    body: str
    notes: list[tuple[str, str]] | None
    findings: list[Finding]
    #: Each intro note's own findings, in the order of ``notes``.
    note_findings: list[list[Finding]] | None = None
    #: The template file the draft came from.
    template: Path | None = None
    #: The introduction recorded with ``propose=True``.
    intro_id: int | None = None
    #: Facts about the draft worth saying (e.g. "already proposed as #3").
    remarks: list[str] = field(default_factory=list)

    def send_hint(self) -> str:
        """The command that records the draft as sent."""
        names = " ".join(quote_name(n) for n in self.to)
        return f"kith sent {names} --style {self.kind}"

    def as_dict(self) -> dict[str, Any]:
        """The draft as JSON-ready data."""
        out: dict[str, Any] = {"kind": self.kind, "to": self.to, "subject": self.subject}
        if self.notes is not None:
            per = self.note_findings or [[] for _ in self.notes]
            out["notes"] = [
                {"to": to, "body": body, "lint": [finding_dict(f) for f in found]}
                for (to, body), found in zip(self.notes, per, strict=True)
            ]
        else:
            out["body"] = self.body
        out["lint"] = [finding_dict(f) for f in self.findings]
        out["template"] = str(self.template) if self.template else None
        if self.intro_id is not None:
            out["intro_id"] = self.intro_id
        out["remarks"] = self.remarks
        out["when_sent"] = self.send_hint()
        return out


def as_dict(found: Draft) -> dict[str, Any]:
    """A draft as JSON-ready data (the same as ``found.as_dict()``)."""
    return found.as_dict()


def quote_name(name: str) -> str:
    """A name as a shell argument: bare when it's one plain word, else in quotes."""
    if re.fullmatch(r"[\w.#-]+", name):
        return name
    if not any(c in name for c in '"$`\\!'):
        return f'"{name}"'
    return shlex.quote(name)


def finding_dict(f: Finding) -> dict[str, Any]:
    """One lint finding as JSON-ready data."""
    return {
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "principle": f.principle,
        "excerpt": f.excerpt,
    }


# --- templates ------------------------------------------------------------------------


def package_dir() -> Path:
    """Where the default templates ship."""
    return Path(__file__).resolve().parent.parent / "templates" / "drafts"


def user_dir() -> Path:
    """Where the user's own templates go (they win over the defaults)."""
    from kithkin.storage.database import data_dir

    return data_dir() / "templates" / "drafts"


def template_name(kind: str) -> str:
    """The file name of a kind's template."""
    return f"{check_kind(kind)}.txt.j2"


def check_kind(kind: str) -> str:
    """A known kind of draft, or a clear error listing them."""
    k = kind.strip().lower()
    if k not in KINDS:
        raise InvalidInput("kind", f"'{kind}' is not a kind of draft; choose {', '.join(KINDS)}")
    return k


def template_paths(kith: Kith | None = None) -> dict[str, Path]:
    """The template file each kind uses now: the user's if there is one, else the
    default. (``kith`` is accepted for symmetry with other services; the templates
    depend on the data folder only.)"""
    mine, shipped = user_dir(), package_dir()
    out = {}
    for kind in KINDS:
        name = template_name(kind)
        out[kind] = mine / name if (mine / name).is_file() else shipped / name
    return out


def copy_templates(force: bool = False) -> list[tuple[Path, bool]]:
    """Copy the default templates into the user's folder for editing; an existing file
    is kept unless ``force``. Returns (path, copied) for each kind."""
    target = user_dir()
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in KINDS:
        name = template_name(kind)
        dest = target / name
        copied = force or not dest.exists()
        if copied:
            shutil.copyfile(package_dir() / name, dest)
        out.append((dest, copied))
    return out


def _environment() -> Environment:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(user_dir())), FileSystemLoader(str(package_dir()))]
        ),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.tests["plural"] = ctx.looks_plural  # {% if interest is plural %}are{% else %}is
    return env


def _broken(path: Path | str, line: int | None, problem: str) -> KithError:
    where = f"{path}, line {line}" if line else str(path)
    return KithError(
        f"the draft template {where} is broken: {problem}. "
        "Fix it, or delete it to use the default again (nothing was drafted)"
    )


def render(kind: str, values: dict[str, Any]) -> tuple[str | None, str, Path]:
    """(subject, body, template file) of a kind rendered with ``values``."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

    name = template_name(kind)
    env = _environment()
    path = template_paths()[kind]
    try:
        template = env.get_template(name)
        path = Path(template.filename or path)
        text = template.render(**values)
    except TemplateSyntaxError as exc:
        raise _broken(exc.filename or path, exc.lineno, exc.message or "syntax error") from None
    except UndefinedError as exc:
        known = ", ".join(sorted(values))
        line = _line(exc, path)
        raise _broken(path, line, f"{exc.message} (it can use: {known})") from None
    except TemplateError as exc:
        raise _broken(path, _line(exc, path), exc.message or type(exc).__name__) from None
    except Exception as exc:  # a user's template can fail in any way; never a traceback
        raise _broken(path, _line(exc, path), f"{type(exc).__name__}: {exc}") from None
    subject, body = split_subject(text)
    if not body:
        raise _broken(path, None, "it produced an empty message")
    return subject, body, path


def _line(exc: BaseException, path: Path) -> int | None:
    """The template line a rendering error came from (Jinja puts template lines in the
    traceback), or None."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def split_subject(text: str) -> tuple[str | None, str]:
    """A rendered template's optional first 'Subject:' line, and its tidied body."""
    subject = None
    found = _SUBJECT.match(text + "\n")
    if found:
        subject = " ".join(found.group("subject").split()) or None
        text = (text + "\n")[found.end() :]
    return subject, tidy(text)


def tidy(text: str) -> str:
    """Paragraphs separated by one blank line, each on one line with single spaces."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


# --- drafting -------------------------------------------------------------------------


def lint_text(text: str, kind: str) -> list[Finding]:
    """The lint findings for a message of this kind."""
    from kithkin.domain.lint import lint

    return lint(text, first_contact=kind in FIRST_CONTACT)


def _check_options(kind: str, given: dict[str, Any]) -> None:
    extra = [k for k, v in given.items() if v not in (None, False) and k not in KIND_OPTIONS[kind]]
    if extra:
        allowed = ", ".join(sorted(KIND_OPTIONS[kind]))
        takes = f"it takes only {allowed}" if allowed else "it takes none"
        raise InvalidInput(extra[0], f"is not an option of a {kind} draft ({takes})")


def _count(kind: str, people: Sequence[str], low: int, high: int) -> None:
    if low <= len(people) <= high:
        return
    if kind == "intro":
        raise InvalidInput("intro", "name the two people to introduce: kith draft intro A B")
    if kind == "office-hours":
        raise InvalidInput(
            "office hours",
            "closet office hours are for 2 or 3 people: kith draft office-hours A --with B",
        )
    raise InvalidInput("person", f"a {kind} draft is for one person at a time")


def _resolve(kith: Kith, people: Sequence[str]) -> list[tuple[int, str]]:
    return [person_name(kith, q) for q in people]


def draft(
    kith: Kith,
    kind: str,
    people: Sequence[str],
    *,
    because: str | None = None,
    reason: str | None = None,
    when: date | datetime | None = None,
    where: str | None = None,
    minutes: int | None = None,
    hours: float | None = None,
    propose: bool = False,
) -> Draft:
    """Draft a message of ``kind`` to ``people`` (two for an intro, 2-3 for office hours).

    Options: ``minutes`` (the time asked; reopener, intro, cold), ``reason`` and
    ``propose`` (intro: record it as proposed), ``when``, ``where`` and ``hours``
    (office hours),
    ``because`` (cold: what genuinely interests you in their work; required).
    """
    kind = check_kind(kind)
    _check_options(
        kind,
        {
            "because": because,
            "reason": reason,
            "when": when,
            "where": where,
            "minutes": minutes,
            "hours": hours,
            "propose": propose,
        },
    )
    if kind == "office-hours":
        _count(kind, people, 2, 3)
        return office_hours_invite(kith, list(people), when, where, hours=hours)
    _count(kind, people, 2 if kind == "intro" else 1, 2 if kind == "intro" else 1)
    found = _resolve(kith, people)
    if kind == "intro":
        return _intro(kith, found, reason, minutes, propose)
    pid, name = found[0]
    if kind == "reopener":
        values = ctx.reopener_context(kith, pid, minutes)
    elif kind == "checkin":
        values = ctx.checkin_context(kith, pid)
    elif kind == "followup":
        values = ctx.followup_context(kith, pid)
    else:
        values = ctx.cold_context(kith, pid, because, minutes)
    subject, body, path = render(kind, values)
    return Draft(kind, [name], subject, body, None, lint_text(body, kind), template=path)


def office_hours_invite(
    kith: Kith,
    people: list[str],
    when: date | datetime | None,
    where: str | None,
    *,
    hours: float | None = None,
) -> Draft:
    """An invitation for 2-3 people to closet office hours: work side by side, no
    agenda. ``when`` is a datetime (day and time) or a date (day only) or None;
    ``hours`` how long it lasts (the invite says two hours when not given)."""
    _count("office-hours", people, 2, 3)
    found = _resolve(kith, people)
    values = ctx.office_hours_context(kith, [pid for pid, _ in found], when, where, hours)
    subject, body, path = render("office-hours", values)
    return Draft(
        "office-hours",
        [name for _, name in found],
        subject,
        body,
        None,
        lint_text(body, "office-hours"),
        template=path,
    )


def _intro(
    kith: Kith,
    found: list[tuple[int, str]],
    reason: str | None,
    minutes: int | None,
    propose: bool,
) -> Draft:
    (a, name_a), (b, name_b) = found
    side_a, side_b, why = ctx.intro_context(kith, a, b, reason, minutes)
    subject_a, body_a, path = render("intro", side_a)
    subject_b, body_b, _ = render("intro", side_b)
    lint_a, lint_b = lint_text(body_a, "intro"), lint_text(body_b, "intro")
    result = Draft(
        "intro",
        [name_a, name_b],
        subject_a if subject_a == subject_b else None,
        f"To {name_a}:\n\n{body_a}\n\nTo {name_b}:\n\n{body_b}",
        [(name_a, body_a), (name_b, body_b)],
        [*lint_a, *lint_b],
        note_findings=[lint_a, lint_b],
        template=path,
    )
    if subject_a != subject_b:
        result.remarks.append(f"subjects: to {name_a}: {subject_a}; to {name_b}: {subject_b}")
    if propose:
        _propose(kith, result, a, b, why)
    return result


def _propose(kith: Kith, result: Draft, a: int, b: int, why: str) -> None:
    from kithkin.services import records

    for row in records.list_intros(kith, f"#{a}"):
        pair = {row["person_a_id"], row["person_b_id"]}
        if pair == {a, b} and row["status"] in OPEN_INTRO_STATES:
            result.intro_id = int(row["id"])
            result.remarks.append(
                f"already proposed as #{row['id']} ({row['status']}); not recorded again"
            )
            return
    row = records.propose_intro(kith, f"#{a}", f"#{b}", why)
    result.intro_id = int(row["id"])
    result.remarks.append(
        f"recorded as proposed intro #{row['id']}: "
        f"`kith intro agree {row['id']} NAME` as each side says yes"
    )


def when_of(kith: Kith, on: str | None, at: str | None) -> date | datetime | None:
    """Office hours' time from words: ``on`` a day ('saturday', 2026-11-28; the next
    one), ``at`` a time of day ('10:00'); a datetime with both, a date with the day only,
    today at ``at`` with the time only, None with neither."""
    from kithkin.services.inputs import read_date

    day = read_date("on", on, kith.today, prefer="future") if on else None
    if at is None:
        return day
    try:
        clock = datetime.strptime(at.strip(), "%H:%M").time()
    except ValueError:
        raise InvalidInput("at", f"'{at}' is not a time like 10:00") from None
    return datetime.combine(day or kith.today, clock)


# --- after sending ----------------------------------------------------------------------


def record_sent(
    kith: Kith,
    people: Sequence[str],
    style: str,
    *,
    when: str | None = None,
    note: str | None = None,
    kind: str = "message",
) -> list[Logged]:
    """Record that you sent outreach in ``style`` to each person: one moment each,
    initiated by you, awaiting a reply, so reply rates by style can be measured."""
    from kithkin.services.moments import MomentInput, log_moment

    if not people:
        raise InvalidInput("person", "no person given")
    if not style.strip():
        raise InvalidInput("style", f"is empty; e.g. one of {', '.join(KINDS)}")
    ids = list(dict.fromkeys(pid for pid, _ in _resolve(kith, people)))  # all known first
    return [
        log_moment(
            kith,
            MomentInput(
                people=[f"#{pid}"],
                kind=kind,
                when=when,
                initiated_by="me",
                note=note,
                outreach_style=style,
            ),
        )
        for pid in ids
    ]
