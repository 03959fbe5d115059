"""The seeds' stories, logged on purpose and in order through the real services."""

from __future__ import annotations

from datetime import timedelta

from kithkin.services import moments as moment_svc
from kithkin.services import records as rec
from kithkin.services.context import Kith
from kithkin.services.people import release, snooze


def _log(kith: Kith, people: list[str], kind: str, ago: int, **kw: object) -> None:
    when = (kith.today - timedelta(days=ago)).isoformat()
    due = kw.pop("due_in", None)
    if due is not None:
        kw["due"] = (kith.today + timedelta(days=int(str(due)))).isoformat()
    moment_svc.log_moment(kith, moment_svc.MomentInput(people=people, kind=kind, when=when, **kw))  # type: ignore[arg-type]


def set_my_interests(kith: Kith, add: list[str], remove: list[str]) -> None:
    """Your own interests (imported here so the demo reads as one story)."""
    from kithkin.services.matching import set_my_interests as set_mine

    set_mine(kith, add, remove)


def tell_stories(kith: Kith) -> None:
    """The seeds' stories, on purpose and in order."""
    t = kith.today
    ago = lambda d: (t - timedelta(days=d)).isoformat()  # noqa: E731
    # The barista: a nervous newbie's latte turns into the dream consulting gig.
    _log(
        kith,
        ["Rosa"],
        "event",
        1090,
        energy="1",
        depth="surface",
        initiated_by="them",
        topics=["specialty coffee"],
        note="Rooftop event. She asked about me before I asked about anyone.",
    )
    _log(
        kith,
        ["Rosa", "Priya"],
        "coffee",
        700,
        energy="2",
        depth="personal",
        topics=["consulting"],
        note="Rosa brought Priya; Priya knows everyone's calendar.",
    )
    rec.add_ledger(
        kith,
        "Rosa",
        "received",
        "referral",
        size="large",
        when=ago(640),
        note="Passed my name to Priya for the consulting role",
    )
    rec.add_opportunity(
        kith,
        "Dream consulting gig",
        "job",
        ["Rosa", "Priya"],
        when=ago(600),
        value="5",
        note="Not the CEO. The barista.",
    )
    # The ghosted mentor: a lapsed promise and an honest re-opener.
    _log(
        kith,
        ["Margaret"],
        "event",
        1000,
        energy="1",
        depth="personal",
        topics=["ai ethics"],
        follow_up="send her the AI ethics reading list",
        due_in=-980,
    )
    _log(
        kith,
        ["Margaret"],
        "voice-note",
        12,
        energy="1",
        depth="personal",
        topics=["ai ethics"],
        outreach_style="forgiveness",
        note="Life exploded – still want to nerd out about AI ethics?",
    )
    # The toxic connector: obligation coffees that drain.
    for d in (400, 330, 260, 190, 120):
        _log(
            kith,
            ["Victor"],
            "coffee",
            d,
            energy="-2",
            depth="surface",
            initiated_by="them",
            topics=["deal flow"],
            note="Another pitch. Left drained.",
        )
    # ... and this week's obligation drinks, the same again.
    _log(
        kith,
        ["Victor"],
        "event",
        5,
        energy="-2",
        depth="surface",
        initiated_by="them",
        topics=["deal flow"],
        note="Launch drinks. He only wanted Priya's calendar.",
    )
    # The yoga teacher and the largest client.
    _log(
        kith,
        ["Lena", "Oliver"],
        "intro",
        820,
        energy="2",
        depth="personal",
        note="Lena introduced me to Oliver after class.",
    )
    rec.add_ledger(
        kith,
        "Lena",
        "received",
        "intro",
        size="large",
        when=ago(820),
        note="Introduced me to Oliver at Northwind",
    )
    rec.add_opportunity(
        kith,
        "Northwind Freight: largest client",
        "client",
        ["Lena", "Oliver"],
        when=ago(760),
        value="5",
    )
    rec.add_ledger(kith, "Lena", "gave", "gift", when=ago(750), note="Thank-you plant")
    # The niece's essays: giving, giving, giving.
    for n, d in enumerate((88, 76, 63, 50, 38, 25, 12)):
        rec.add_ledger(
            kith,
            "Sophie",
            "gave",
            "help",
            size="medium",
            when=ago(d),
            note=f"College essay draft {n + 1}",
        )
        _log(
            kith,
            ["Sophie"],
            "video",
            d,
            energy="-1",
            depth="surface",
            initiated_by="them",
            topics=["college essays"],
        )
    # The accountability partner: depth over diamonds.
    _log(
        kith,
        ["Dana"],
        "call",
        1050,
        energy="2",
        depth="vulnerable",
        initiated_by="mutual",
        topics=["burnout recovery"],
        note="I cried about burnout. She became my accountability partner.",
    )
    rec.add_ledger(
        kith,
        "Dana",
        "received",
        "time",
        size="large",
        when=ago(900),
        note="Six months of weekly check-ins",
    )
    rec.add_ledger(
        kith,
        "Dana",
        "gave",
        "mini-collab",
        size="medium",
        when=ago(420),
        note="Co-hosted a burnout workshop",
    )
    rec.add_opportunity(
        kith,
        "Co-hosted burnout workshop series",
        "collaboration",
        ["Dana"],
        when=ago(420),
        value="3",
    )
    _log(
        kith,
        ["Dana"],
        "meal",
        2,
        energy="2",
        depth="vulnerable",
        initiated_by="mutual",
        topics=["burnout recovery"],
        note="Soup and honesty. Both of us running on empty, both of us laughing.",
    )
    # Reverse mentorship.
    rec.add_ledger(
        kith,
        "Kai",
        "received",
        "advice",
        size="large",
        when=ago(500),
        note="How virality actually works",
    )
    rec.add_ledger(kith, "Kai", "gave", "advice", when=ago(480), note="Pricing their first client")
    rec.add_opportunity(
        kith, "Short-form video strategy for my practice", "idea", ["Kai"], when=ago(470), value="4"
    )
    # Closet office hours: side by side at the kitchen island.
    for d in (200, 120, 45):
        _log(
            kith,
            ["Maya", "Dana", "Kai"],
            "co-working",
            d,
            energy="2",
            depth="personal",
            initiated_by="me",
            note="Closet office hours at the kitchen island.",
        )
    # The sommelier and the Peloton instructor feed me news.
    for d in (90, 60, 33, 9):
        rec.add_ledger(
            kith, "Julien", "received", "article", when=ago(d), note="Obscure startup news"
        )
    for d in (75, 40, 14):
        rec.add_ledger(kith, "Ava", "received", "article", when=ago(d), note="Climate tech piece")
    rec.add_opportunity(
        kith, "Angel syndicate invite", "idea", ["Julien"], when=ago(150), value="2"
    )
    # High titles: outreach that went nowhere.
    _log(
        kith,
        ["Richard Stone"],
        "message",
        1020,
        outreach_style="formal",
        initiated_by="me",
        note="Congrats on the funding round! Would love to pick your brain.",
    )
    moment_svc.mark_replied(kith, "Richard Stone", no_reply=True)
    _log(
        kith, ["Claire"], "message", 1080, outreach_style="formal", initiated_by="me", note="Hello!"
    )
    moment_svc.mark_replied(kith, "Claire", no_reply=True)
    # The watercolour banner: art before ARR.
    _log(
        kith,
        ["Ben"],
        "message",
        380,
        outreach_style="interest-first",
        initiated_by="me",
        topics=["watercolor painting"],
        note="Your banner - is that your own watercolour?",
    )
    moment_svc.mark_replied(kith, "Ben", ago(378))
    # A no-reason check-in waiting on a reply, and a cold outreach with a clear intention.
    _log(
        kith,
        ["Hana"],
        "message",
        6,
        outreach_style="no-reason",
        energy="1",
        note="Saw this meme and died 😂",
    )
    _log(
        kith,
        ["Jordan Ellis"],
        "email",
        20,
        outreach_style="cold",
        note="Your paper on consent in recommender systems changed how I scope projects.",
    )
    # Mini-collab offered, then silence: bullet dodged.
    for d in (620, 450, 300):
        _log(kith, ["Marcus"], "coffee", d, energy="0", depth="surface", topics=["live events"])
    rec.add_ledger(
        kith,
        "Marcus",
        "gave",
        "mini-collab",
        when=ago(240),
        note="Offered to co-host a podcast episode",
    )
    for d in (220, 190):
        _log(
            kith,
            ["Marcus"],
            "message",
            d,
            outreach_style="follow-up",
            initiated_by="me",
            topics=["podcasting"],
        )
        moment_svc.mark_replied(kith, "Marcus", no_reply=True)
    release(kith, "Marcus", "Vanished after the mini-collab offer. Bullet dodged.")
    # Promises: one kept, two open (one lapsed), from ordinary moments.
    _log(
        kith,
        ["Julien"],
        "coffee",
        30,
        energy="2",
        depth="personal",
        topics=["natural wine"],
        follow_up="send him the mycelium wine-cork article",
        due_in=-16,
    )
    _log(
        kith,
        ["Inês"],
        "walk",
        20,
        energy="1",
        depth="personal",
        topics=["mycelium materials"],
        follow_up="intro to the mushroom packaging folks",
        due_in=5,
    )
    _log(
        kith,
        ["Ava"],
        "call",
        25,
        energy="2",
        depth="personal",
        topics=["climate tech"],
        follow_up="share the regenerative farm list",
        due_in=-10,
    )
    done = [f for f in moment_svc.follow_ups(kith, "Ava")]
    moment_svc.complete_follow_up(kith, done[0]["id"])
    # Introductions in every state.
    made = rec.propose_intro(kith, "Kai", "Ben", "Ben needs someone who gets short-form video")
    rec.advance_intro(kith, made["id"], "agree", who="Kai")
    rec.advance_intro(kith, made["id"], "agree", who="Ben")
    rec.advance_intro(kith, made["id"], "made")
    rec.advance_intro(kith, made["id"], "outcome", outcome="Kai now runs Ledgerly's videos")
    waiting = rec.propose_intro(kith, "Ava", "Theo", "climate tech meets the eco-resort")
    rec.advance_intro(kith, waiting["id"], "agree", who="Ava")
    agreed = rec.propose_intro(kith, "Dana", "Hana", "both run workshops about rest")
    rec.advance_intro(kith, agreed["id"], "agree", who="Dana")
    rec.advance_intro(kith, agreed["id"], "agree", who="Hana")
    no = rec.propose_intro(kith, "Victor", "Priya", "he asked for her boss's calendar")
    rec.advance_intro(kith, no["id"], "decline", outcome="Priya said no, kindly. Fair.")
    rec.add_opportunity(
        kith,
        "Climbing crew and a new close friend",
        "friend",
        ["Maya", "Inês"],
        when=ago(540),
        value="4",
    )
    # Things saved to send with no reason attached.
    rec.save_item(
        kith,
        "https://example.org/mycelium-packaging-guide",
        ["mushroom-based packaging", "sustainable packaging"],
        when=ago(8),
    )
    rec.save_item(
        kith, "https://example.org/watercolour-biennale", ["watercolor painting"], when=ago(5)
    )
    rec.save_item(
        kith,
        "Meme: a sommelier describing a pitch deck's 'notes of burn rate'",
        ["natural wine", "obscure startup news"],
        kind="meme",
        when=ago(3),
    )
    rec.save_item(kith, "https://example.org/ai-ethics-reading-list", ["ai ethics"], when=ago(2))
    rec.save_item(
        kith,
        "https://example.org/living-walls-that-clean-the-air",
        ["green architecture"],
        when=ago(1),
    )
    # Your own interests, for `kith common` and the drafts.
    set_my_interests(
        kith,
        [
            "ai ethics: why I got into tech",
            "watercolor painting: learning slowly",
            "natural wine",
            "climbing",
            "sustainable design",
        ],
        [],
    )
    # Pauses: a snooze and a dismissed nudge.
    snooze(kith, "Tom Reilly", (t + timedelta(days=21)).isoformat())
    rec.dismiss(kith, "Victor", "cadence", until=(t + timedelta(days=90)).isoformat())
