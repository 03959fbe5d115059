"""The sample network: the people of the seed essays, three years of life with them.

Built through the same services the CLI uses, into a database of its own
(``demo.db`` in the data folder), with dates counted back from "today" so the demo
always looks current. The same day gives the same people, moments and stories
(only the random record uids differ between builds).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from kithkin.services import moments as moment_svc
from kithkin.services import records as rec
from kithkin.services.context import Kith, open_kith
from kithkin.services.people import PersonInput, add_person, release, snooze
from kithkin.storage.database import DEMO_FILENAME, data_dir, sqlite_url

# name, fields, (energy mean, depth weights surface/personal/vulnerable, moments per year)
_P = dict[str, object]
PEOPLE: list[tuple[str, _P, tuple[float, tuple[int, int, int], int]]] = [
    (
        "Rosa Delgado",
        dict(
            nickname="Rosa",
            pronouns="she/her",
            field="hospitality",
            generation="Millennial",
            met_how="she made my iced latte and asked why I looked terrified",
            met_where="rooftop networking event",
            location="Lisbon",
            timezone="Europe/Lisbon",
            title="Barista",
            org="Rooftop Events Co.",
            pancake="yes",
            cadence="monthly",
            interests=[
                "specialty coffee: roasts her own beans",
                "community radio",
                "salsa dancing",
            ],
            tags=["lisbon", "fuel"],
            birthday="--06-02",
            channels=[("email", "rosa@example.org")],
            notes="The dream consulting gig came through her, not the CEO I was stalking.",
        ),
        (1.4, (2, 5, 1), 9),
    ),
    (
        "Maya López",
        dict(
            pronouns="she/her",
            field="design",
            generation="Millennial",
            met_how="friends from art school",
            met_where="co-working space",
            location="Lisbon",
            timezone="Europe/Lisbon",
            title="Graphic designer",
            org="Studio Maya",
            pancake="yes",
            interests=[
                "mushroom-based packaging: obsessed since the co-working days",
                "children's books",
                "risograph printing",
            ],
            tags=["design", "office-hours"],
            birthday="1991-03-14",
            cadence="3w",
            channels=[("email", "maya@example.org"), ("handle", "@maya.draws")],
        ),
        (1.2, (1, 5, 2), 10),
    ),
    (
        "Theo Marsh",
        dict(
            pronouns="he/him",
            field="hospitality design",
            generation="Gen X",
            met_how="Maya's coffee buddy at the co-working space",
            met_where="co-working space",
            title="Founder",
            org="Canopy Eco-Resort",
            location="Sintra",
            timezone="Europe/Lisbon",
            interests=[
                "sustainable packaging: compostable everything for the resort",
                "theme park design: former Disney Imagineer",
                "eco-resorts",
            ],
            pancake="unsure",
            tags=["design"],
        ),
        (0.8, (3, 3, 0), 2),
    ),
    (
        "Dana Whitfield",
        dict(
            pronouns="she/her",
            field="coaching",
            generation="Gen X",
            met_how="a virtual workshop; I cried about burnout and she listened",
            met_where="online workshop",
            title="Leadership coach",
            pancake="yes",
            interests=["burnout recovery", "trail running", "journaling"],
            tags=["office-hours", "fuel"],
            cadence="monthly",
            birthday="--11-30",
            notes="Accountability partner for six months after that call.",
        ),
        (1.3, (1, 3, 4), 12),
    ),
    (
        "Kai Nguyen",
        dict(
            pronouns="they/them",
            field="social media",
            generation="Gen Z",
            met_how="mentee through a design-mentoring programme",
            met_where="mentoring programme",
            location="Porto",
            timezone="Europe/Lisbon",
            title="Content creator",
            pancake="yes",
            interests=[
                "tiktok virality: taught me more than a $3k course",
                "short-form video",
                "thrifting",
            ],
            tags=["mentee", "office-hours"],
            cadence="3w",
            birthday="2002-08-09",
            channels=[("handle", "@kai.makes")],
        ),
        (1.5, (2, 4, 1), 10),
    ),
    (
        "Margaret Osei",
        dict(
            pronouns="she/her",
            field="research",
            generation="Boomer",
            met_how="my first mentor; I ghosted her after an event in 2019",
            met_where="industry conference",
            title="Professor of Ethics",
            org="Lisbon Tech",
            interests=[
                "ai ethics: we always said we'd nerd out about it",
                "jazz piano",
                "gardening",
            ],
            pancake="yes",
            cadence="2m",
            tags=["mentor"],
            channels=[("email", "m.osei@example.edu")],
        ),
        (1.0, (1, 4, 1), 0),
    ),
    (
        "Victor Crane",
        dict(
            pronouns="he/him",
            field="finance",
            generation="Gen X",
            met_how="'you have to meet everyone I know'",
            met_where="investor mixer",
            title="Managing Partner",
            org="Crane Capital",
            pancake="no",
            interests=["golf", "deal flow"],
            tags=["obligation"],
            cadence="monthly",
            notes="Every coffee is a pitch. I leave empty.",
        ),
        (-1.5, (5, 1, 0), 6),
    ),
    (
        "Lena Brooks",
        dict(
            pronouns="she/her",
            field="wellness",
            generation="Millennial",
            met_how="Tuesday evening yoga class",
            met_where="yoga studio",
            title="Yoga teacher",
            interests=["vinyasa yoga", "breathwork", "sourdough baking"],
            pancake="yes",
            tags=["fuel"],
            cadence="monthly",
            birthday="--02-29",
        ),
        (1.6, (2, 4, 1), 8),
    ),
    (
        "Oliver Grant",
        dict(
            pronouns="he/him",
            field="logistics",
            generation="Gen X",
            met_how="Lena introduced us after class",
            met_where="yoga studio",
            title="COO",
            org="Northwind Freight",
            via="Lena Brooks",
            interests=["supply chain resilience", "sailing"],
            pancake="unsure",
        ),
        (0.6, (4, 2, 0), 5),
    ),
    (
        "Sophie Hart",
        dict(
            pronouns="she/her",
            field="student",
            generation="Gen Z",
            met_how="Greg's niece; I offered to look at one college essay",
            met_where="Greg's barbecue",
            via="Greg Hart",
            interests=["college essays", "debate club"],
            pancake="unsure",
        ),
        (-0.5, (3, 2, 0), 0),
    ),
    (
        "Greg Hart",
        dict(
            pronouns="he/him",
            field="real estate",
            generation="Gen X",
            met_how="neighbour",
            met_where="our street",
            title="Broker",
            org="Hart Realty",
            interests=["barbecue", "football"],
            pancake="unsure",
        ),
        (0.0, (5, 1, 0), 3),
    ),
    (
        "Julien Moreau",
        dict(
            pronouns="he/him",
            field="wine",
            generation="Millennial",
            met_how="a wine tasting he ran; we argued about natural wine",
            met_where="wine bar",
            title="Sommelier",
            org="Cave Moreau",
            location="Lisbon",
            interests=[
                "natural wine",
                "obscure startup news: texts me the weird ones first",
                "climbing",
            ],
            pancake="yes",
            tags=["fuel"],
            cadence="3w",
        ),
        (1.5, (2, 4, 1), 9),
    ),
    (
        "Ava Brennan",
        dict(
            pronouns="she/her",
            field="fitness",
            generation="Millennial",
            met_how="her 6am rides, then her DMs",
            met_where="Peloton",
            title="Peloton instructor",
            interests=["climate tech", "endurance cycling", "regenerative farming"],
            pancake="yes",
            tags=["fuel"],
            cadence="monthly",
        ),
        (1.4, (3, 3, 0), 7),
    ),
    (
        "Claire Whitman",
        dict(
            pronouns="she/her",
            field="marketing",
            generation="Gen X",
            met_how="the rooftop networking event; she was drowning in requests",
            met_where="rooftop networking event",
            title="Marketing Director",
            org="Brightline Media",
            interests=["brand strategy", "opera"],
            pancake="unsure",
        ),
        (-0.2, (5, 0, 0), 0),
    ),
    (
        "Priya Raman",
        dict(
            pronouns="she/her",
            field="operations",
            generation="Millennial",
            met_how="the assistant taking notes in the corner; the CEO's college roommate",
            met_where="rooftop networking event",
            title="Executive assistant",
            org="Stone & Partners",
            interests=["podcasts about history", "calendar hacks", "bouldering"],
            pancake="yes",
            cadence="2m",
            tags=["fuel"],
        ),
        (1.1, (2, 4, 0), 5),
    ),
    (
        "Richard Stone",
        dict(
            pronouns="he/him",
            field="consulting",
            generation="Boomer",
            met_how="I stalked him on LinkedIn",
            title="CEO",
            org="Stone & Partners",
            interests=["leadership", "classic cars"],
        ),
        (0.0, (1, 0, 0), 0),
    ),
    (
        "Ben Adler",
        dict(
            pronouns="he/him",
            field="tech",
            generation="Millennial",
            met_how="his vibrant watercolour LinkedIn banner; I asked about the art first",
            met_where="LinkedIn",
            title="Founder & CEO",
            org="Ledgerly",
            interests=[
                "watercolor painting: paints his own banners",
                "bird watching",
                "saas metrics",
            ],
            pancake="yes",
            cadence="2m",
        ),
        (1.0, (2, 3, 0), 4),
    ),
    (
        "Marcus Bell",
        dict(
            pronouns="he/him",
            field="events",
            generation="Millennial",
            met_how="a panel we were both on",
            met_where="design conference",
            title="Event producer",
            interests=["live events", "podcasting"],
            pancake="unsure",
        ),
        (0.2, (4, 1, 0), 0),
    ),
    (
        "Inês Castillo",
        dict(
            pronouns="she/her",
            field="architecture",
            generation="Millennial",
            met_how="Maya brought her to a climbing night",
            met_where="climbing gym",
            via="Maya López",
            title="Architect",
            location="Lisbon",
            timezone="Europe/Lisbon",
            interests=["rock climbing", "biophilic architecture", "mycelium materials"],
            pancake="yes",
            cadence="3w",
            tags=["lisbon"],
        ),
        (1.2, (2, 4, 1), 8),
    ),
    (
        "Hana Sato",
        dict(
            pronouns="she/her",
            field="food",
            generation="Millennial",
            met_how="college roommates",
            met_where="university",
            title="Chef",
            interests=["fermentation", "pancakes: makes the messy Sunday ones", "ceramics"],
            pancake="yes",
            cadence="monthly",
            birthday="1990-09-21",
            tags=["old-friends"],
        ),
        (1.7, (1, 3, 3), 8),
    ),
    (
        "Tom Reilly",
        dict(
            pronouns="he/him",
            field="consulting",
            generation="Gen X",
            met_how="my manager at my first consulting job",
            met_where="first job",
            title="Partner",
            org="Reilly Advisory",
            interests=["cycling", "economics"],
            pancake="unsure",
            cadence="2m",
        ),
        (0.3, (4, 2, 0), 4),
    ),
    (
        "Jordan Ellis",
        dict(
            pronouns="they/them",
            field="research",
            met_how="read their paper on consent in recommender systems",
            title="Research scientist",
            interests=["ai ethics", "recommender systems"],
        ),
        (0.0, (1, 0, 0), 0),
    ),
]

KINDS = ("coffee", "call", "message", "walk", "meal", "video", "voice-note", "co-working")


def _demo_path() -> Path:
    return data_dir() / DEMO_FILENAME


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _background(kith: Kith, rnd: random.Random, start: date) -> None:
    """Ordinary life: each person's moments spread over three years in their own tone."""
    span = (kith.today - start).days
    for name, fields, (mean, depths, per_year) in PEOPLE:
        count = per_year * 3
        interests = [str(i).split(":")[0] for i in fields.get("interests", [])]  # type: ignore[attr-defined]
        for _ in range(count):
            day = start + timedelta(days=rnd.randrange(span - 20))
            energy = max(-2, min(2, round(rnd.gauss(mean, 0.6))))
            depth = rnd.choices(("surface", "personal", "vulnerable"), weights=depths)[0]
            topics = rnd.sample(interests, k=min(len(interests), rnd.choice((0, 1, 1, 2))))
            moment_svc.log_moment(
                kith,
                moment_svc.MomentInput(
                    people=[name],
                    kind=rnd.choice(KINDS),
                    when=day.isoformat(),
                    energy=str(energy),
                    depth=depth,
                    initiated_by=rnd.choice(("me", "them", "mutual")),
                    topics=topics,
                ),
            )


def _log(kith: Kith, people: list[str], kind: str, ago: int, **kw: object) -> None:
    when = (kith.today - timedelta(days=ago)).isoformat()
    due = kw.pop("due_in", None)
    if due is not None:
        kw["due"] = (kith.today + timedelta(days=int(str(due)))).isoformat()
    moment_svc.log_moment(kith, moment_svc.MomentInput(people=people, kind=kind, when=when, **kw))  # type: ignore[arg-type]


def _stories(kith: Kith) -> None:
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
    for n, d in enumerate((300, 280, 255, 230, 205, 180, 150)):
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
    # Pauses: a snooze and a dismissed nudge.
    snooze(kith, "Tom Reilly", (t + timedelta(days=21)).isoformat())
    rec.dismiss(kith, "Victor", "cadence", until=(t + timedelta(days=90)).isoformat())


def build_demo(today: date | None = None) -> tuple[Path, dict[str, int]]:
    """(Re)build the demo database; returns its path and how many records of each kind."""
    path = _demo_path()
    _fresh(path)
    kith = open_kith(sqlite_url(path), today=today)
    try:
        # people met through someone come after the someone
        for name, fields, _ in sorted(PEOPLE, key=lambda p: "via" in p[1]):
            add_person(kith, PersonInput(name=name, **fields))  # type: ignore[arg-type]
        rnd = random.Random(2019)
        start = kith.today - timedelta(days=3 * 365)
        _background(kith, rnd, start)
        _stories(kith)
        from kithkin.services.transfer import export_document

        doc = export_document(kith)
        counts = {k: len(v) for k, v in doc.items() if isinstance(v, list)}
    finally:
        kith.engine.dispose()
    return path, counts
