"""`kith digest` through the real entry point: text, Markdown, JSON, mistakes, the demo."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY, Kiths, _entry, make_person
from kithkin.services.context import Kith
from kithkin.services.moments import MomentInput, complete_follow_up, follow_ups, log_moment
from kithkin.services.records import add_ledger


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def log(kith: Kith, people: list[str], kind: str, days_ago: int, **kw: str) -> None:
    log_moment(kith, MomentInput(people=people, kind=kind, when=ago(days_ago), **kw))  # type: ignore[arg-type]


def small_week(kith: Kith) -> None:
    """A few people and a week with something in each section (TODAY: Sat 21 Nov 2026)."""
    make_person(kith, "Maya López", cadence="30", birthday="1991-11-25", interests=["riso"])
    make_person(kith, "Ben Adler", cadence="14")
    make_person(kith, "Kai Nguyen", cadence="7", interests=["thrifting"])
    make_person(kith, "Sophie Hart")
    make_person(kith, "Julien Moreau", interests=["natural wine"])
    log(kith, ["Maya", "Ben"], "co-working", 2, energy="2")
    log(kith, ["Kai"], "call", 10, energy="1", follow_up="send the thrift map", due=ago(2))
    log(kith, ["Maya"], "message", 12, follow_up="lend the riso zine", due=ago(9))
    log(kith, ["Ben"], "coffee", 20, follow_up="intro to a watercolourist", due="2026-11-25")
    complete_follow_up(kith, follow_ups(kith, "Kai")[0]["id"])
    for d in (40, 25, 4):
        add_ledger(kith, "Sophie", "gave", "help", when=ago(d))
    add_ledger(kith, "Julien", "received", "article", when=ago(5))


TEXT = """\
Your week · Sun 15 Nov – Sat 21 Nov 2026

The week behind
  In touch   2 people in 1 moment: Ben Adler (co-working), Maya López (co-working)
  Energy     +2 in, 0 out, net +2 over 1 rated moment   Sun ····█·· Sat
             fuelled by Ben Adler (+2), Maya López (+2)
  Gave       help to Sophie Hart
  Received   article from Julien Moreau

Promises
  kept    Kai Nguyen  send the thrift map (kept today, 2 days after its date)
  lapsed  Maya López  lend the riso zine (due 9 days ago)
  due     Ben Adler   intro to a watercolourist (due Wed 25 Nov)

Give and take
  Julien Moreau  kindness owed: they gave you something 5 days ago; nothing went back since
                 → return the kindness: something small about natural wine, no ask attached
  Sophie Hart    you gave 3 times in a row since 2026-10-12 (help) and nothing came back
                 → suggest a small mutual project: co-host a workshop, or swap skills for a week

Drifting
  Nobody close is drifting away.

The week ahead
  Birthdays   Maya López, Wed 25 Nov, in 4 days, turning 35
  Overdue     Kai Nguyen

`kith today` for today's list · `kith digest --format markdown` to e-mail this
"""


def test_text_digest_exactly(kith: Kith, run: Kiths) -> None:
    small_week(kith)
    result = run("digest")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    assert result.output == TEXT


MARKDOWN = """\
# Your week: Sun 15 Nov – Sat 21 Nov 2026

## The week behind

- **In touch with 2 people** in 1 moment: Ben Adler (co-working), Maya López (co-working)
- **Energy:** +2 in, 0 out, net +2 over 1 rated moment; fuelled by Ben Adler (+2), Maya López (+2)
- **Gave:** help to Sophie Hart
- **Received:** article from Julien Moreau

## Promises

- **Kept:** Kai Nguyen: send the thrift map (kept today, 2 days after its date)
- **Lapsed:** Maya López: lend the riso zine (due 9 days ago)
- **Due:** Ben Adler: intro to a watercolourist (due Wed 25 Nov)

## Give and take

- **Julien Moreau:** kindness owed: they gave you something 5 days ago; nothing went back since
  - → return the kindness: something small about natural wine, no ask attached
- **Sophie Hart:** you gave 3 times in a row since 2026-10-12 (help) and nothing came back
  - → suggest a small mutual project: co-host a workshop, or swap skills for a week

## Drifting

Nobody close is drifting away.

## The week ahead

- **Birthdays:** Maya López, Wed 25 Nov, in 4 days, turning 35
- **Check-ins overdue:** Kai Nguyen

---

*Made by Kithkin on your own machine. Nothing left it.*
"""


def test_markdown_digest_exactly_and_well_formed(kith: Kith, run: Kiths) -> None:
    small_week(kith)
    result = run("digest", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output == MARKDOWN
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt().parse(result.output)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [
        ("h1", "Your week: Sun 15 Nov – Sat 21 Nov 2026"),
        ("h2", "The week behind"),
        ("h2", "Promises"),
        ("h2", "Give and take"),
        ("h2", "Drifting"),
        ("h2", "The week ahead"),
    ]
    assert sum(t.type == "bullet_list_open" for t in tokens) >= 6


def test_markdown_keeps_user_text_literal(kith: Kith, run: Kiths) -> None:
    make_person(kith, "Ana *Star* [x]")
    log(kith, ["Ana"], "call", 1, energy="1", follow_up="send <b>the_list</b> | `now`", due=ago(3))
    result = run("digest", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert r"Ana \*Star\* \[x\]" in result.output
    assert r"send \<b\>the\_list\</b\> \| \`now\`" in result.output
    html = pytest.importorskip("markdown_it").MarkdownIt().render(result.output)
    assert "Ana *Star* [x]" in html and "&lt;b&gt;the_list&lt;/b&gt;" in html
    assert "<code>" not in html.split("Lapsed")[1].split("</li>")[0]


def test_json_is_the_same_digest(kith: Kith, run: Kiths) -> None:
    small_week(kith)
    result = run("digest", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["week"] == {
        "start": "2026-11-15",
        "end": "2026-11-21",
        "ahead_until": "2026-11-28",
        "birthdays_until": "2026-12-05",
    }
    assert [c["name"] for c in out["contacts"]] == ["Ben Adler", "Maya López"]
    assert out["energy"]["daily"] == [None, None, None, None, 2, None, None]
    assert [p["text"] for p in out["promises"]["lapsed"]] == ["lend the riso zine"]
    assert [(n["name"], n["kind"]) for n in out["reciprocity"]] == [
        ("Julien Moreau", "kindness"),
        ("Sophie Hart", "martyrdom"),
    ]
    assert out["birthdays"][0] | {"person_id": 0} == {
        "person_id": 0,
        "name": "Maya López",
        "on": "2026-11-25",
        "days": 4,
        "turning": 35,
        "words": "Wed 25 Nov, in 4 days, turning 35",
    }
    assert out["check_ins"][0]["due_on"] == "2026-11-18"
    assert out["quiet"] is False


def test_the_digest_of_another_week(kith: Kith, run: Kiths) -> None:
    small_week(kith)
    result = run("digest", "--date", "2026-11-14")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Your week · Sun 08 Nov – Sat 14 Nov 2026\n")
    assert "Kai Nguyen (call)" in result.output


def test_an_empty_week_is_kind(run: Kiths) -> None:
    result = run("digest")
    assert result.exit_code == 0, result.output
    assert "A quiet week: nothing logged. Rest counts too." in result.output
    assert "Nothing due: no birthdays, no check-ins." in result.output


@pytest.mark.parametrize(
    ("args", "needle", "code"),
    [
        (["digest", "--format", "html"], "'html' is not one of 'text', 'markdown'", 2),
        (["digest", "--date", "someday"], "date: cannot read the date 'someday'", 1),
        (["digest", "--json", "--format", "markdown"], "either --json or --format", 2),
    ],
)
def test_mistakes_end_in_one_clear_line(
    run: Kiths, args: list[str], needle: str, code: int
) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kith: ") and needle in lines[0], lines
    assert not result.stdout


def test_a_bad_today_is_one_clear_line() -> None:
    result = CliRunner().invoke(_entry, ["--today", "2026-13-01", "digest"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "kith: Invalid value for '--today': '2026-13-01' is not a date like 2026-11-21 "
        "(see 'kith --help')"
    ]


@pytest.mark.slow
def test_the_demo_digest_tells_the_seeds_stories(_isolated_home: Path) -> None:
    built = CliRunner().invoke(_entry, ["--today", TODAY.isoformat(), "demo"])
    assert built.exit_code == 0, built.output
    result = CliRunner().invoke(_entry, ["--demo", "--today", TODAY.isoformat(), "digest"])
    assert result.exit_code == 0, result.output
    text = result.output
    sections = re.split(r"\n\n(?=[A-Z])", text)
    by_title = {s.splitlines()[0]: s for s in sections}

    def line_of(section: str, name: str) -> str:
        return next(line for line in by_title[section].splitlines() if name in line)

    # the ghosted mentor: the promise from years ago, still open
    assert "send her the AI ethics reading list" in line_of("Promises", "Margaret Osei")
    assert "lapsed" in line_of("Promises", "Margaret Osei")
    # the niece's essays: giving with nothing back, and the mini-collab suggestion
    sophie = by_title["Give and take"].split("Sophie Hart", 1)[1]
    assert "nothing came back" in sophie and "small mutual project" in sophie
    # the sommelier and the Peloton instructor send articles: kindness owed
    assert "kindness owed" in line_of("Give and take", "Julien Moreau")
    assert "kindness owed" in line_of("Give and take", "Ava Brennan")
    # Ava's promise kept today; Inês's due in the week ahead
    assert "kept today" in line_of("Promises", "Ava Brennan")
    assert "due Thu 26 Nov" in line_of("Promises", "Inês Castillo")
    # the accountability partner's birthday, and check-ins due
    assert "Dana Whitfield, Mon 30 Nov" in line_of("The week ahead", "Birthdays")
    assert "Kai Nguyen (today)" in by_title["The week ahead"]
    # the toxic connector drained you this week, and is never pushed as a check-in
    assert "drained by Victor Crane (-2)" in by_title["The week behind"]
    assert "Victor" not in by_title["The week ahead"] and "Victor" not in by_title["Drifting"]
    # titles never appear
    for title in ("Barista", "CEO", "Managing Partner", "Sommelier"):
        assert title not in text
    # fuellers not seen lately; the cold outreach still waiting
    assert "Lena Brooks" in by_title["Drifting"]
    assert "Jordan Ellis" in line_of("The week ahead", "no reply for 20 days")
    # one screen, within 100 columns
    assert len(text.splitlines()) <= 50
    assert max(len(line) for line in text.splitlines()) <= 100
    md = CliRunner().invoke(
        _entry, ["--demo", "--today", TODAY.isoformat(), "digest", "--format", "markdown"]
    )
    assert md.exit_code == 0 and "## Give and take" in md.output and "\x1b" not in md.output
    assert "**Lapsed:** Margaret Osei: send her the AI ethics reading list" in md.output
