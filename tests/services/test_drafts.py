"""Drafts through the services: what each kind says, that the defaults lint clean on the
demo, the user's own templates, broken templates, and recording what was sent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import TODAY, make_person
from kithkin.domain.errors import InvalidInput, KithError, NotFound
from kithkin.domain.lint import lint
from kithkin.services import draft_context as ctx
from kithkin.services import drafts
from kithkin.services.context import Kith, open_kith
from kithkin.services.matching import set_my_interests
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.people import list_people
from kithkin.services.records import list_intros, save_item
from kithkin.storage.database import sqlite_url

# --- the demo network, built once for this module -------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KITH_HOME", str(home))
        from kithkin.demo import build_demo

        path, _ = build_demo(TODAY)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Kith]:
    """A fresh copy of the demo network (so a test may write to it)."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    k = open_kith(sqlite_url(copy), today=TODAY)
    yield k
    k.engine.dispose()


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


# --- words ----------------------------------------------------------------------------


def test_notes_about_someone_are_turned_to_speak_to_them() -> None:
    assert ctx.second_person("send her the AI ethics reading list") == (
        "send you the AI ethics reading list"
    )
    assert ctx.second_person("read her essay and send him notes") == (
        "read your essay and send you notes"
    )
    assert ctx.second_person("return Maya's book to Maya", ["Maya"]) == "return your book to you"
    assert ctx.second_person("Their paper on consent") == "Your paper on consent"
    assert ctx.second_person("call her.") == "call you."
    assert ctx.second_person("intro to the mushroom folks") == "intro you to the mushroom folks"


def test_interests_keep_the_users_capitals() -> None:
    assert ctx.recase("ai ethics", ["send her the AI ethics list"]) == "AI ethics"
    assert ctx.recase("ai ethics", []) == "AI ethics"
    assert ctx.recase("tiktok virality", []) == "TikTok virality"
    assert ctx.recase("natural wine", ["Natural wine? sure"]) == "Natural wine"
    assert ctx.recase("natural wine", ["nothing here"]) == "natural wine"


def test_plurals_for_how_is_and_how_are() -> None:
    assert ctx.looks_plural("college essays") and ctx.looks_plural("watercolours")
    for phrase in ("golf", "economics", "fitness", "obscure startup news", "ai ethics"):
        assert not ctx.looks_plural(phrase), phrase


def test_time_in_words() -> None:
    assert ctx.span_words(100) == "three months"
    assert ctx.span_words(20) == "two weeks"
    assert ctx.span_words(8) == "a week"
    assert ctx.span_words(1000) == "over two years"
    assert ctx.when_words(date(2024, 2, 25), TODAY) == "in February 2024"
    assert ctx.when_words(date(2026, 6, 1), TODAY) == "in June"
    assert ctx.when_words(TODAY - timedelta(days=2), TODAY) == "on Thursday"
    assert ctx.duration_words(30) == "half an hour"
    assert ctx.duration_words(20) == "20 minutes"
    assert ctx.meeting_words(datetime(2026, 11, 28, 10, 0), TODAY) == (
        "on Saturday 28 November at 10:00"
    )
    assert ctx.meeting_words(date(2027, 1, 9), TODAY) == "on Saturday 9 January 2027"
    assert ctx.join_words(["Maya", "Dana", "Kai"]) == "Maya, Dana and Kai"


# --- each kind ------------------------------------------------------------------------


def test_reopener_names_the_lapsed_promise_and_reopens_with_a_shared_interest(
    demo: Kith,
) -> None:
    d = drafts.draft(demo, "reopener", ["Margaret"])
    assert d.to == ["Margaret Osei"]
    assert "I promised to send you the AI ethics reading list in February 2024" in d.body
    assert "never did" in d.body
    assert "nerd out about AI ethics?" in d.body
    assert "half an hour" in d.body  # the time asked
    assert d.subject == "Still up for AI ethics?"
    assert d.findings == []
    assert len(d.body.split()) < 80


def test_reopener_without_a_promise_names_the_silence(kith: Kith) -> None:
    make_person(kith, "Lena Brooks", interests=["jazz piano", "ai ethics"])
    log_moment(kith, MomentInput(people=["Lena"], kind="coffee", when=_ago(100)))
    set_my_interests(kith, ["ai ethics"], [])
    d = drafts.draft(kith, "reopener", ["Lena"])
    assert "it's been three months since we last talked" in d.body
    assert "AI ethics" in d.body and "jazz piano" not in d.body  # shared, not just first
    assert d.findings == []


def test_reopener_only_when_something_lapsed(kith: Kith) -> None:
    make_person(kith, "Sophie Hart", interests=["college essays"], cadence="30")
    log_moment(kith, MomentInput(people=["Sophie"], kind="video", when=_ago(20)))
    with pytest.raises(InvalidInput, match="nothing has lapsed with Sophie Hart") as err:
        drafts.draft(kith, "reopener", ["Sophie"])
    assert 'kith draft checkin "Sophie Hart"' in str(err.value)
    log_moment(
        kith,
        MomentInput(
            people=["Sophie"], kind="call", when=_ago(10), follow_up="read her essay", due=_ago(3)
        ),
    )
    d = drafts.draft(kith, "reopener", ["Sophie"])
    assert "I promised to read your essay last week and never did." in d.body
    assert "college essays" in d.body and d.findings == []


def test_reopener_for_someone_never_seen_still_reads_well(kith: Kith) -> None:
    make_person(kith, "Sam Field")
    d = drafts.draft(kith, "reopener", ["Sam"], minutes=15)
    assert d.body.startswith("Hi Sam, I've been thinking of you")
    assert d.findings == []


def test_checkin_includes_a_saved_item_they_would_love(demo: Kith) -> None:
    d = drafts.draft(demo, "checkin", ["Hana"])
    assert "Meme: a sommelier describing a pitch deck's 'notes of burn rate'" in d.body
    assert "saw this about natural wine and thought of you" in d.body  # the item's topic
    assert "No need to reply" in d.body
    assert d.findings == []


def test_checkin_without_a_saved_item_asks_about_an_interest(kith: Kith) -> None:
    make_person(kith, "Ben Adler", interests=["watercolours: paints his own banners"])
    save_item(kith, "https://example.org/sourdough", ["sourdough baking"])
    d = drafts.draft(kith, "checkin", ["Ben"])
    assert "How are the watercolours going" in d.body
    assert "example.org" not in d.body
    assert d.findings == []


def test_intro_writes_two_notes_each_asking_first(demo: Kith) -> None:
    d = drafts.draft(demo, "intro", ["Maya", "Theo"])
    assert d.to == ["Maya López", "Theo Marsh"]
    assert d.notes is not None and [to for to, _ in d.notes] == d.to
    (_, to_maya), (_, to_theo) = d.notes
    assert to_maya.startswith("Hi Maya, would you like an introduction to Theo Marsh?")
    assert to_theo.startswith("Hi Theo, would you like an introduction to Maya López?")
    for body in (to_maya, to_theo):
        assert "20-minute call" in body
        assert "no worries at all" in body
    assert "mushroom-based packaging" in to_maya and "sustainable packaging" in to_maya
    assert d.findings == [] and d.note_findings == [[], []]
    assert d.intro_id is None  # nothing recorded without propose


def test_intro_propose_records_it_once(demo: Kith) -> None:
    d = drafts.draft(demo, "intro", ["Rosa", "Lena"], propose=True, reason="both love mornings.")
    assert d.intro_id is not None
    row = next(i for i in list_intros(demo) if i["id"] == d.intro_id)
    assert row["status"] == "proposed" and row["reason"] == "both love mornings"
    assert "Why I thought of you two: both love mornings." in d.body
    again = drafts.draft(demo, "intro", ["Lena", "Rosa"], propose=True)
    assert again.intro_id == d.intro_id
    assert "not recorded again" in again.remarks[0]
    assert len(list_intros(demo)) == 5


def test_intro_needs_two_different_people(demo: Kith) -> None:
    with pytest.raises(InvalidInput, match="two"):
        drafts.draft(demo, "intro", ["Maya"])
    with pytest.raises(InvalidInput, match="two different people"):
        drafts.draft(demo, "intro", ["Maya", "Maya López"])


def test_office_hours_invite_names_everyone_when_and_where(demo: Kith) -> None:
    when = datetime(2026, 11, 28, 10, 0)
    d = drafts.office_hours_invite(demo, ["Maya", "Dana", "Kai"], when, "my kitchen island")
    assert d.kind == "office-hours"
    assert d.to == ["Maya López", "Dana Whitfield", "Kai Nguyen"]
    assert d.body.startswith("Hi Maya, Dana and Kai,")
    assert "closet office hours on Saturday 28 November at 10:00 at my kitchen island" in d.body
    assert "no agenda" in d.body and "two hours at most" in d.body
    assert d.subject == "Closet office hours on Saturday 28 November at 10:00?"
    assert d.findings == []


def test_office_hours_names_the_interests_they_share(demo: Kith) -> None:
    d = drafts.draft(demo, "office-hours", ["Maya", "Theo"], when=date(2026, 11, 28))
    assert "on Saturday 28 November at my place" in d.body
    assert "Maya is into mushroom-based packaging and Theo into sustainable packaging" in d.body
    assert d.findings == []


def test_office_hours_length_and_common_ground(kith: Kith) -> None:
    make_person(kith, "Ana Reyes", interests=["ceramics"])
    make_person(kith, "Bo Lind", interests=["jazz", "ceramics"])
    when = datetime(2026, 12, 4, 9, 30)
    d = drafts.office_hours_invite(kith, ["Ana", "Bo"], when, "at the library", hours=3)
    assert "closet office hours on Friday 4 December at 9:30 at the library:" in d.body
    assert "You both love ceramics – plenty to talk about over the kettle." in d.body
    assert "three hours at most" in d.body
    assert d.findings == []
    assert drafts.as_dict(d) == d.as_dict()
    assert d.as_dict()["body"] == d.body and "notes" not in d.as_dict()
    with pytest.raises(InvalidInput, match="hours"):
        drafts.office_hours_invite(kith, ["Ana", "Bo"], when, None, hours=30)


def test_office_hours_is_a_small_room(demo: Kith) -> None:
    with pytest.raises(InvalidInput, match="2 or 3 people"):
        drafts.office_hours_invite(demo, ["Maya"], None, None)
    with pytest.raises(InvalidInput, match="2 or 3 people"):
        drafts.office_hours_invite(demo, ["Maya", "Dana", "Kai", "Theo"], None, None)
    with pytest.raises(InvalidInput, match="in the past"):
        drafts.office_hours_invite(demo, ["Maya", "Dana"], date(2026, 11, 1), None)
    with pytest.raises(InvalidInput, match="twice"):
        drafts.office_hours_invite(demo, ["Maya", "Maya López"], None, None)


def test_followup_thanks_for_the_last_moment_with_its_topic_and_promise(kith: Kith) -> None:
    make_person(kith, "Julien Moreau", interests=["natural wine"])
    log_moment(kith, MomentInput(people=["Julien"], kind="walk", when=_ago(40), topics=["x"]))
    log_moment(
        kith,
        MomentInput(
            people=["Julien"],
            kind="coffee",
            when=_ago(2),
            topics=["natural wine"],
            note="He was tired; don't mention the shop.",
            follow_up="send him the mycelium wine-cork article",
            due=(TODAY + timedelta(days=5)).isoformat(),
        ),
    )
    log_moment(  # my own outreach still awaiting a reply is not a moment to thank for
        kith, MomentInput(people=["Julien"], kind="message", outreach_style="checkin")
    )
    d = drafts.draft(kith, "followup", ["Julien"])
    assert d.body.startswith("Hi Julien, thank you for the coffee on Thursday.")
    assert "what you said about natural wine" in d.body
    assert "I'll send you the mycelium wine-cork article by Thursday" in d.body
    assert "don't mention" not in d.body  # private notes stay private
    assert d.subject == "Thank you for the coffee"
    assert d.findings == []


def test_followup_needs_a_moment(kith: Kith) -> None:
    make_person(kith, "Nadia Stone")
    with pytest.raises(NotFound, match="no moment with Nadia Stone"):
        drafts.draft(kith, "followup", ["Nadia"])


def test_cold_refuses_without_an_answer_to_the_intention_check(demo: Kith) -> None:
    for answer in (None, "", "   "):
        with pytest.raises(InvalidInput, match="genuinely, interests you about Jordan Ellis"):
            drafts.draft(demo, "cold", ["Jordan"], because=answer)


def test_cold_opens_with_the_reason_and_asks_something_small(demo: Kith) -> None:
    d = drafts.draft(
        demo, "cold", ["Jordan"], because="her paper on consent changed how I scope projects"
    )
    assert d.body.startswith("Hi Jordan,\n\nYour paper on consent changed how I scope projects.")
    assert "15 minutes" in d.body
    assert d.findings == []
    assert len(d.body.split()) < 120
    assert lint(d.body, first_contact=True) == []


# --- every default template lints clean on the demo -------------------------------------


def test_every_default_draft_lints_clean_on_the_demo(demo: Kith) -> None:
    everyone = [p["name"] for p in list_people(demo)]
    refused: set[str] = set()
    checked = 0
    for name in everyone:
        for kind in ("reopener", "checkin", "followup"):
            try:
                d = drafts.draft(demo, kind, [name])
            except NotFound:  # only unanswered outreach to follow up on
                assert kind == "followup"
                assert name in {"Jordan Ellis", "Claire Whitman", "Richard Stone"}
                continue
            except InvalidInput as exc:  # nothing lapsed: no re-opener needed
                assert kind == "reopener" and "nothing has lapsed" in str(exc)
                refused.add(name)
                continue
            assert d.findings == [], (kind, name, d.body, d.findings)
            checked += 1
        d = drafts.draft(demo, "cold", [name], because="your talk on small rooms stayed with me")
        assert d.findings == [], ("cold", name, d.body, d.findings)
        assert len(d.body.split()) <= 120
    for a, b in [("Maya", "Theo"), ("Ava", "Theo"), ("Dana", "Hana"), ("Rosa", "Kai")]:
        d = drafts.draft(demo, "intro", [a, b], reason=None if a != "Dana" else "rest")
        assert d.findings == [], ("intro", a, b, d.notes, d.findings)
    for group, when, where in [
        (["Maya", "Dana", "Kai"], datetime(2026, 11, 28, 10), "my kitchen island"),
        (["Maya", "Theo"], None, None),
        (["Julien", "Hana", "Ava"], date(2026, 12, 5), "the library"),
    ]:
        d = drafts.office_hours_invite(demo, group, when, where)
        assert d.findings == [], ("office-hours", group, d.body, d.findings)
    assert {"Margaret Osei", "Julien Moreau", "Lena Brooks"}.isdisjoint(refused)
    assert checked >= 3 * len(everyone) - 3 - len(refused) >= 50


# --- templates --------------------------------------------------------------------------


def test_every_kind_ships_a_template() -> None:
    paths = drafts.template_paths()
    assert list(paths) == list(drafts.KINDS)
    for kind, path in paths.items():
        assert path == drafts.package_dir() / f"{kind}.txt.j2" and path.is_file()


def test_a_user_template_wins(kith: Kith, _isolated_home: Path) -> None:
    make_person(kith, "Maya López", interests=["mushroom packaging"])
    mine = _isolated_home / "templates" / "drafts"
    mine.mkdir(parents=True)
    (mine / "checkin.txt.j2").write_text(
        "Subject: Mushrooms!\n\nHi {{ first_name }}, this made me think of you and "
        "{{ interest }}.\nNo need to reply.\n",
        encoding="utf-8",
    )
    assert drafts.template_paths()["checkin"] == mine / "checkin.txt.j2"
    d = drafts.draft(kith, "checkin", ["Maya"])
    assert d.subject == "Mushrooms!"
    assert d.body == (
        "Hi Maya, this made me think of you and mushroom packaging. No need to reply."
    )
    assert d.template == mine / "checkin.txt.j2"
    assert drafts.draft(kith, "reopener", ["Maya"]).template == (
        drafts.package_dir() / "reopener.txt.j2"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Hi {{ first_name }},\n{% if %}", "line 2"),
        ("Hi {{ first_name }},\n\n{{ frist_name }}", "'frist_name' is undefined"),
        ("Hi {{ first_name }},\n{{ item.nope }}", "line 2"),
        ("Hi {{ first_name + 1 }}", "TypeError"),
        ("{# nothing #}\n", "empty message"),
    ],
)
def test_a_broken_user_template_is_one_clear_error(
    kith: Kith, _isolated_home: Path, text: str, problem: str
) -> None:
    make_person(kith, "Maya López")
    mine = _isolated_home / "templates" / "drafts"
    mine.mkdir(parents=True)
    (mine / "checkin.txt.j2").write_text(text, encoding="utf-8")
    with pytest.raises(KithError) as err:
        drafts.draft(kith, "checkin", ["Maya"])
    message = str(err.value)
    assert str(mine / "checkin.txt.j2") in message
    assert problem in message
    assert "\n" not in message


def test_copy_templates_keeps_the_users_edits(_isolated_home: Path) -> None:
    first = drafts.copy_templates()
    assert [copied for _, copied in first] == [True] * len(drafts.KINDS)
    path = first[0][0]
    path.write_text("Hi {{ first_name }}, mine.", encoding="utf-8")
    again = drafts.copy_templates()
    assert [copied for _, copied in again] == [False] * len(drafts.KINDS)
    assert path.read_text(encoding="utf-8") == "Hi {{ first_name }}, mine."
    assert drafts.template_paths()["reopener"] == path


# --- errors ------------------------------------------------------------------------------


def test_unknown_kind_person_and_option_are_clear(demo: Kith) -> None:
    with pytest.raises(InvalidInput, match="'letter' is not a kind of draft; choose reopener"):
        drafts.draft(demo, "letter", ["Maya"])
    with pytest.raises(NotFound, match="nobody called 'Zed'"):
        drafts.draft(demo, "checkin", ["Zed"])
    with pytest.raises(InvalidInput, match="because: is not an option of a checkin draft"):
        drafts.draft(demo, "checkin", ["Maya"], because="x")
    with pytest.raises(InvalidInput, match="one person at a time"):
        drafts.draft(demo, "checkin", ["Maya", "Dana"])
    with pytest.raises(InvalidInput, match="minutes"):
        drafts.draft(demo, "cold", ["Jordan"], because="your paper", minutes=0)


# --- after sending ----------------------------------------------------------------------


def test_record_sent_logs_an_outreach_awaiting_a_reply(demo: Kith) -> None:
    from kithkin.services.insights import insights
    from kithkin.services.profile import profile

    def reopeners() -> int:
        rows = insights(demo, sections=["replies"])["replies"]["styles"]
        return next((r["sent"] for r in rows if r["style"] == "reopener"), 0)

    before = reopeners()
    logged = drafts.record_sent(demo, ["Margaret"], "Reopener", note="the reading list, at last")
    assert [d.names for d in logged] == [["Margaret Osei"]]
    moment = profile(demo, "Margaret")["timeline"][0]
    assert moment["kind"] == "message"
    assert moment["outreach_style"] == "reopener"
    assert moment["initiated_by"] == "me"
    assert moment["reply_state"] == "awaiting"
    assert moment["date"] == TODAY
    assert reopeners() == before + 1


def test_record_sent_to_several_changes_nothing_if_one_is_unknown(demo: Kith) -> None:
    from kithkin.services.profile import profile

    count = profile(demo, "Ava")["moment_count"]
    with pytest.raises(NotFound):
        drafts.record_sent(demo, ["Ava", "Zed"], "intro")
    assert profile(demo, "Ava")["moment_count"] == count
    logged = drafts.record_sent(demo, ["Ava", "Theo"], "intro", when="yesterday")
    assert [d.names for d in logged] == [["Ava Brennan"], ["Theo Marsh"]]
    assert {d.on for d in logged} == {TODAY - timedelta(days=1)}
    with pytest.raises(InvalidInput, match="style"):
        drafts.record_sent(demo, ["Ava"], "  ")
