"""Build a synthetic Kithkin network with realistic shapes, for benchmarks.

    python bench/generate.py --people 10000 --moments 200000 --db bench/out/net-10k.db

Shapes, chosen to look like a real personal network rather than a uniform grid:

* moments per person are heavy-tailed (log-normal weights): most people have a handful,
  a few close friends have hundreds, about one in ten has none at all;
* about one moment in ten is a group moment with 2-4 people;
* interests come from a vocabulary of 2,000 two-word phrases ("urban sketching") with a
  Zipf-like popularity, 2-6 per person, some with a note;
* three years of dates ending at ``--end``; some friendships start late, some fade;
* ledger entries, follow-ups (most of the old ones kept), introductions, opportunities
  with chains of people, saved items with topics, tags, channels, birthdays (some
  without a year), cadences, pancake answers, a few released and snoozed people.

The schema comes from ``open_engine`` (the Alembic migrations), rows go in with
SQLAlchemy Core ``executemany`` in large batches inside one transaction, which ends by
filling ``person_facts`` with the one aggregated query (``facts_repo.rebuild``). The
output is deterministic for a given seed and end date. ``write_vcards`` exports the
people as a vdir of vCard 3.0 files for comparisons with vCard-based tools such as khard.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import itertools
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from kithkin.domain.names import person_key
from kithkin.services.context import account_id_for
from kithkin.storage.database import make_engine, open_engine, refresh_statistics, sqlite_url
from kithkin.storage.facts_repo import rebuild
from kithkin.storage.tables import (
    accounts,
    channels,
    dismissals,
    follow_ups,
    interests,
    introductions,
    ledger,
    moment_people,
    moment_topics,
    moments,
    opportunities,
    opportunity_chain,
    people,
    person_tags,
    phrases,
    saved_item_topics,
    saved_items,
    tags,
)

Row = dict[str, Any]
Log = Callable[[str], None]

#: Rows per ``executemany`` call.
BATCH = 50_000
#: How many distinct interest and topic phrases the vocabulary holds.
VOCABULARY = 2_000
#: Spread of the log-normal weight that decides how many moments each person gets.
MOMENT_SIGMA = 1.15
#: Share of people who were never logged with (weight zero).
NEVER_SEEN = 0.08
#: Share of moments that are group moments (2-4 people).
GROUP_SHARE = 0.10

# --------------------------------------------------------------------------- word lists


def _words(text: str) -> list[str]:
    """Whitespace-separated words ('_' stands for a space inside one name)."""
    return [w.replace("_", " ") for w in text.split()]


FIRST_NAMES = _words("""
Maya Zoë Chloé Léa Inès Noémie Renée Amélie Héloïse Anaïs Céline Mónica Sofía Lucía Inés
María José Ramón Andrés Jesús Óscar Álvaro Martín Julián Tomás Joaquín Björn Jürgen Jörg
Søren Åsa Mäde Ülla Zoltán Dóra Ágnes Łukasz Paweł Zoé Ana Anna Lena Jonas Lukas Felix
Emma Olivia Ava Isabella Mia Amelia Harper Evelyn Abigail Emily Ella Elizabeth Camila Luna
Sofia Avery Mila Aria Scarlett Penelope Layla Chloe Victoria Madison Eleanor Grace Nora
Riley Zoey Hannah Hazel Lily Ellie Violet Lillian Zoe Stella Aurora Natalie Emilia Everly
Leah Aubrey Willow Addison Lucy Audrey Bella Nova Brooklyn Paisley Savannah Claire Skylar
Liam Noah Oliver Elijah James William Benjamin Lucas Henry Theodore Jack Levi Alexander
Jackson Mateo Daniel Michael Mason Sebastian Ethan Logan Owen Samuel Jacob Asher Aiden John
Joseph Wyatt David Leo Luke Julian Hudson Grayson Matthew Ezra Gabriel Carter Isaac Jayden
Luca Anthony Dylan Lincoln Thomas Maverick Elias Josiah Charles Caleb Christopher Ezekiel
Miles Jaxon Isaiah Andrew Joshua Nathan Nolan Adrian Cameron Santiago Eli Aaron Ryan Angel
Cooper Waylon Easton Kai Christian Landon Colton Roman Axel Brooks Jonathan Robert Jameson
Ian Everett Greyson Wesley Jeremiah Hunter Leonardo Jordan Jose Bennett Silas Nicholas
Parker Beau Weston Austin Connor Carson Dominic Xavier Jaxson Jace Emmett Adam Declan
Rowan Micah Kayden Gavin Amir Priya Arjun Ananya Rohan Aisha Omar Fatima Yusuf Layla Hana
Kenji Yuki Haruto Sakura Wei Mei Jun Min-jun Seo-yeon Ji-woo Thandiwe Kwame Amara Chidi
Ngozi Tendai Sipho Nia Malik Imani Dmitri Olga Sergei Katya Niamh Siobhán Seán Aoife Ciarán
Eoin Saoirse Tadhg Róisín Bríd Mārtiņš Ieva Giedrė Žygimantas Dušan Zdeněk Tereza Kristýna
""")

LAST_NAMES = _words("""
López García Martínez Rodríguez Hernández González Pérez Sánchez Ramírez Torres Flores
Rivera Gómez Díaz Cruz Morales Reyes Gutiérrez Ortiz Jiménez Ruiz Álvarez Castillo Romero
Muñoz Núñez Peña Ibáñez Müller Schröder Köhler Weiß Groß Bäcker Böhm Krüger Jäger Schäfer
Brontë Dubois Lefèvre Girard Bérubé Côté Gagné Hébert Pelletier Lévesque Fournier Mercier
Dupré Benoît Chevalier Østergaard Sørensen Ångström Lindqvist Håkansson Nyström Öberg
Nowak Wójcik Kowalczyk Wiśniewski Dvořák Novák Horváth Szabó Kovács Tóth Nagy Šimić
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson
Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans
Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell
Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James Hughes Price Sanders
Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Fisher Henderson Coleman
Simmons Patterson Jordan Reynolds Hamilton Graham Wallace Cole West Stone Hayes Gibson
Ellis Marshall Owens Harrison Fernandez Wells Webb Tucker Porter Hunter Hicks Crawford
Boyd Mason Warren Dixon Ramos Burns Gordon Shaw Holmes Rice Robertson Hunt Black Daniels
Palmer Mills Nichols Grant Knight Ferguson Rose Hawkins Dunn Perkins Hudson Spencer Gardner
Stephens Payne Pierce Berry Matthews Arnold Wagner Willis Ray Watkins Olson Carroll Duncan
Snyder Hart Cunningham Bradley Lane Andrews Ruiz Harper Fox Riley Armstrong Carpenter
Weaver Greene Lawrence Elliott Chavez Sims Austin Peters Kelley Franklin Lawson Fields
Patel Shah Gupta Sharma Iyer Reddy Nair Kapoor Khan Ahmed Hassan Ali Rahman Chowdhury
Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Kim Park Choi Jung Kang Cho
Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Nguyen Tran Pham Okafor Mensah Adeyemi
Okonkwo Mbeki Dlamini Nkosi Mwangi Otieno Kamau Ivanov Petrov Smirnov Popescu Ionescu
O'Brien O'Connor O'Sullivan McCarthy Ní_Bhriain Ó_Súilleabháin Kavanagh Byrne
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
De_Luca Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro
Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ribeiro Gonçalves Araújo Lima
""")

NICKNAMES = (
    "Mo",
    "Bee",
    "Jojo",
    "Sasha",
    "Kit",
    "Ziggy",
    "Doc",
    "Red",
    "Sunny",
    "Pip",
    "Max",
    "Teddy",
    "Lulu",
    "Coco",
    "Bo",
    "Ace",
    "Dee",
    "Jay",
    "Kiki",
    "Nico",
    "Rocky",
    "Scout",
    "Tink",
    "Ziz",
)

ADJECTIVES = _words("""
urban sustainable vintage indie competitive regenerative analog digital modular
experimental traditional contemporary community open-source minimalist natural
wild generative ambient ethical local slow collaborative speculative historical
participatory outdoor underwater alpine coastal nordic mediterranean japanese
korean west-african brazilian mexican vegan fermented sourdough rare-book
small-batch zero-waste low-tech high-altitude long-distance street night
cooperative civic queer feminist accessible creative data-driven
""")

NOUNS = _words("""
sketching packaging gardening cycling photography ceramics printmaking bookbinding
woodworking knitting embroidery calligraphy typography cartography journalism
podcasting filmmaking animation architecture furniture design urbanism housing
mobility climbing running swimming sailing surfing skiing hiking birding foraging
beekeeping brewing baking cooking coffee tea wine cheese chocolate perfume textiles
fashion jewelry synthesizers jazz choir theatre dance poetry fiction comics games
robotics electronics astronomy mycology botany linguistics philosophy economics
education healthcare activism volunteering mentoring investing translation radio
""")

TAG_NAMES = (
    "family",
    "college",
    "school",
    "work",
    "ex-colleagues",
    "neighbours",
    "climbing club",
    "book club",
    "choir",
    "running crew",
    "mentors",
    "mentees",
    "clients",
    "investors",
    "founders",
    "designers",
    "writers",
    "musicians",
    "parents at school",
    "travel friends",
    "lisbon",
    "berlin",
    "london",
    "new york",
    "online",
    "conference",
    "volunteers",
    "board",
    "old friends",
    "new friends",
    "close circle",
    "potluck",
    "hackathon",
    "yoga",
    "cycling",
    "co-working",
    "alumni",
    "in-laws",
    "cousins",
    "godchildren",
)

CITIES = (
    ("Lisbon", "Europe/Lisbon"),
    ("Porto", "Europe/Lisbon"),
    ("Berlin", "Europe/Berlin"),
    ("Hamburg", "Europe/Berlin"),
    ("München", "Europe/Berlin"),
    ("Zürich", "Europe/Zurich"),
    ("Paris", "Europe/Paris"),
    ("Lyon", "Europe/Paris"),
    ("Montréal", "America/Toronto"),
    ("Toronto", "America/Toronto"),
    ("London", "Europe/London"),
    ("Manchester", "Europe/London"),
    ("Dublin", "Europe/Dublin"),
    ("Madrid", "Europe/Madrid"),
    ("Barcelona", "Europe/Madrid"),
    ("São Paulo", "America/Sao_Paulo"),
    ("México City", "America/Mexico_City"),
    ("New York", "America/New_York"),
    ("Boston", "America/New_York"),
    ("San Francisco", "America/Los_Angeles"),
    ("Seattle", "America/Los_Angeles"),
    ("Chicago", "America/Chicago"),
    ("Austin", "America/Chicago"),
    ("Tokyo", "Asia/Tokyo"),
    ("Seoul", "Asia/Seoul"),
    ("Bengaluru", "Asia/Kolkata"),
    ("Singapore", "Asia/Singapore"),
    ("Nairobi", "Africa/Nairobi"),
    ("Lagos", "Africa/Lagos"),
    ("Cape Town", "Africa/Johannesburg"),
    ("Kraków", "Europe/Warsaw"),
    ("Praha", "Europe/Prague"),
    ("Stockholm", "Europe/Stockholm"),
    ("København", "Europe/Copenhagen"),
    ("Reykjavík", "Atlantic/Reykjavik"),
    ("Melbourne", "Australia/Melbourne"),
    ("Auckland", "Pacific/Auckland"),
)

FIELDS = (
    "design",
    "tech",
    "hospitality",
    "education",
    "healthcare",
    "finance",
    "law",
    "research",
    "arts",
    "music",
    "publishing",
    "journalism",
    "nonprofit",
    "government",
    "retail",
    "architecture",
    "film",
    "food",
    "construction",
    "energy",
    "logistics",
    "farming",
)
ORGS = (
    "Acme Studio",
    "Northwind",
    "Globex",
    "Initech",
    "Hooli",
    "Umbrella Labs",
    "Stark & Co",
    "Wayne Foundation",
    "Tyrell",
    "Soylent Coop",
    "Blue Bottle",
    "Café Lumière",
    "Bäckerei Weiß",
    "City Council",
    "University of Lisbon",
    "Médecins Sans Frontières",
    "Mozilla",
    "Wikimedia",
    "Fundação Gulbenkian",
    "Design Museum",
    "The Guardian",
    "Self-employed",
    "Freelance",
)
TITLES = (
    "Designer",
    "Senior Engineer",
    "Product Manager",
    "Founder",
    "Co-founder",
    "Teacher",
    "Nurse",
    "Researcher",
    "Chef",
    "Editor",
    "Photographer",
    "Architect",
    "Lawyer",
    "Accountant",
    "Director",
    "Curator",
    "Consultant",
    "Barista",
    "Student",
    "Head of Design",
    "Data Scientist",
    "Illustrator",
    "Producer",
    "Community Manager",
    "Shop Owner",
)
GENERATIONS = ("Gen Z", "Millennial", "Gen X", "Boomer")
PRONOUNS = ("she/her", "he/him", "they/them", "she/they", "he/they")
MET_HOW = (
    "at a friend's birthday",
    "through work",
    "on a hiking trip",
    "at university",
    "in a workshop",
    "at a conference talk",
    "neighbours",
    "through the climbing gym",
    "on a train, talking about books",
    "online, in a forum thread",
    "at a wedding",
    "in a language exchange",
    "volunteering at the food bank",
    "at a hackathon",
)
MET_WHERE = (
    "Lisbon",
    "Berlin",
    "a café",
    "the office",
    "the gym",
    "a conference",
    "a party",
    "the park",
    "university",
    "a workshop",
    "online",
    "a wedding",
)
NOTES = (
    "Loves long walks and long answers.",
    "Always has a book recommendation.",
    "Hates small talk; ask about the project.",
    "Two kids, both into football.",
    "Moving abroad next year, maybe.",
    "Vegetarian; allergic to nuts.",
    "Ask how the dissertation is going.",
    "Great at introductions.",
    "Prefers voice notes to texts.",
    "Night owl - never call before ten.",
)
INTEREST_NOTES = (
    "since university",
    "does it every weekend",
    "wants to teach it one day",
    "has a small shop for it",
    "got me into it",
    "started during lockdown",
    "writes a newsletter about it",
    "travels for it",
    "just beginning",
)
MOMENT_NOTES = (
    "Talked about {t}.",
    "Caught up on {t} and family news.",
    "She showed me her {t} work.",
    "Long chat, mostly {t}.",
    "Quick check-in; busy week.",
    "Planned a trip together.",
    "They asked for advice about {t}.",
    "Laughed a lot.",
    "Heavy conversation about work.",
    "Celebrated a new job.",
    "Swapped book recommendations.",
    "Met their partner.",
)
FOLLOW_UP_TEXTS = (
    "send the article about {t}",
    "introduce them to someone in {t}",
    "return the book",
    "share the photos",
    "ask how the interview went",
    "send the recipe",
    "book the next walk",
    "review their draft",
    "check in after the move",
    "send the {t} podcast link",
    "lend the camera",
    "invite them to the dinner",
)
LEDGER_NOTES = (
    "helped with the CV",
    "lent the tent",
    "intro to a recruiter",
    "birthday present",
    "fixed my bike",
    "advice on the lease",
    "sent a great article",
    "took care of the cat",
)
INTRO_REASONS = (
    "both into {t}",
    "could hire each other",
    "same city, same questions about {t}",
    "she is looking for a co-founder",
    "he needs advice on {t}",
    "would just get along",
)
OUTCOMES = (
    "they now work together",
    "one coffee, nothing more",
    "became good friends",
    "started a side project",
    "no chemistry",
)
OPPORTUNITY_TITLES = (
    "Job at {o}",
    "Freelance gig: {t}",
    "Talk at a {t} meetup",
    "Client: {o}",
    "Collaboration on {t}",
    "Flat in {c}",
    "Idea for a {t} zine",
    "Grant for {t}",
)
OUTREACH_STYLES = ("check-in", "congrats", "article share", "ask", "birthday")
DISMISS_REASONS = ("not now", "busy season", "just saw them", "travelling")
EMAIL_DOMAINS = (
    "example.com",
    "example.org",
    "mail.example.net",
    "posteo.example",
    "fastmail.example",
    "proton.example",
)

# Weighted choices: (values, cumulative weights).
KINDS = (
    ("message", 25),
    ("coffee", 12),
    ("call", 10),
    ("email", 10),
    ("video", 7),
    ("meal", 7),
    ("walk", 5),
    ("voice-note", 5),
    ("event", 5),
    ("co-working", 4),
    ("visit", 3),
    ("workshop", 2),
    ("intro", 2),
    ("other", 3),
)
GROUP_KINDS = (
    ("event", 30),
    ("meal", 25),
    ("workshop", 10),
    ("co-working", 10),
    ("video", 10),
    ("walk", 5),
    ("visit", 5),
    ("other", 5),
)
INITIATORS = (("me", 45), ("them", 35), ("mutual", 15), (None, 5))
ENERGIES = ((-2, 3), (-1, 10), (0, 30), (1, 35), (2, 15), (None, 7))
DEPTHS = (("surface", 55), ("personal", 33), ("vulnerable", 7), (None, 5))
LEDGER_KINDS = (
    ("advice", 20),
    ("help", 20),
    ("intro", 12),
    ("gift", 10),
    ("article", 12),
    ("time", 10),
    ("referral", 6),
    ("skill-swap", 4),
    ("mini-collab", 3),
    ("other", 3),
)
INTRO_STATUSES = (("proposed", 15), ("agreed", 10), ("made", 35), ("declined", 10), ("closed", 30))
OPP_KINDS = (
    ("job", 25),
    ("client", 20),
    ("collaboration", 20),
    ("idea", 15),
    ("friend", 15),
    ("other", 5),
)
SAVED_KINDS = (("link", 60), ("note", 30), ("meme", 10))
CADENCES = (7, 14, 21, 30, 45, 60, 91, 182, 365)


def _weighted(pairs: Sequence[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    values = [v for v, _ in pairs]
    cum = list(itertools.accumulate(w for _, w in pairs))
    return values, cum


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", plain.replace("ø", "o").replace("ł", "l").replace("ß", "ss"))


# --------------------------------------------------------------------------- the builder


class _Network:
    """Generates every table's rows from one seeded random source."""

    def __init__(self, n_people: int, n_moments: int, seed: int, end: date) -> None:
        self.rng = random.Random(seed)
        self.n_people = n_people
        self.n_moments = n_moments
        self.end = end
        self.start = end - timedelta(days=3 * 365)
        self.span = (end - self.start).days
        self.rows: dict[str, list[Row]] = {}
        self._choice_cache: dict[int, tuple[list[Any], list[int]]] = {}

    # helpers ------------------------------------------------------------------------

    def uid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def pick(self, pairs: Sequence[tuple[Any, int]]) -> Any:
        key = id(pairs)
        if key not in self._choice_cache:
            self._choice_cache[key] = _weighted(pairs)
        values, cum = self._choice_cache[key]
        return values[bisect.bisect_right(cum, self.rng.random() * cum[-1])]

    def day(self, lo: date | None = None, hi: date | None = None) -> date:
        lo = lo or self.start
        hi = hi or self.end
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def stamp(self, d: date) -> datetime:
        return datetime(
            d.year,
            d.month,
            d.day,
            self.rng.randint(7, 22),
            self.rng.randint(0, 59),
            self.rng.randint(0, 59),
        )

    def later(self, d: date, lo: int, hi: int) -> date:
        """A date lo..hi days after d, never after the end date."""
        return min(self.end, d + timedelta(days=self.rng.randint(lo, hi)))

    def phrase_zipf(self) -> int:
        """A phrase id with Zipf-like popularity (a few phrases are everywhere)."""
        return bisect.bisect_right(self.phrase_cum, self.rng.random() * self.phrase_cum[-1]) + 1

    def person(self) -> int:
        """A person id, chosen in proportion to how much they are in touch."""
        return bisect.bisect_right(self.person_cum, self.rng.random() * self.person_cum[-1]) + 1

    # tables ---------------------------------------------------------------------------

    def build(self, account_id: int) -> None:
        self.account_id = account_id
        self._phrases()
        self._people()
        self._interests()
        self._tags()
        self._channels()
        self._moments()
        self._follow_ups()
        self._ledger()
        self._introductions()
        self._opportunities()
        self._saved_items()
        self._dismissals()

    def _phrases(self) -> None:
        combos = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
        self.rng.shuffle(combos)
        words = combos[:VOCABULARY]
        self.phrase_texts = words
        self.rows["phrases"] = [{"id": i, "text": t} for i, t in enumerate(words, 1)]
        weights = [1.0 / (rank**0.9) for rank in range(1, len(words) + 1)]
        self.phrase_cum = list(itertools.accumulate(weights))

    def _people(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        # How much each person is in touch: log-normal, with some never logged at all.
        weights = [
            0.0 if rng.random() < NEVER_SEEN else rng.lognormvariate(0.0, MOMENT_SIGMA)
            for _ in range(self.n_people)
        ]
        self.person_cum = list(itertools.accumulate(weights))
        # When each friendship is active: most the whole window, some start late or fade.
        self.active: list[tuple[date, date]] = [(self.start, self.end)]  # index 0 unused
        for pid in range(1, self.n_people + 1):
            given = rng.choice(FIRST_NAMES)
            if rng.random() < 0.04:
                given = f"{given} {rng.choice(FIRST_NAMES)}"
            family = rng.choice(LAST_NAMES)
            if rng.random() < 0.04:
                family = f"{family}-{rng.choice(LAST_NAMES)}"
            nickname = rng.choice(NICKNAMES) if rng.random() < 0.08 else None
            display = f"{given} {family}"
            s = self.start if rng.random() < 0.55 else self.day(hi=self.end - timedelta(days=30))
            e = self.end if rng.random() < 0.75 else self.day(s, self.end)
            self.active.append((s, e))
            met_on = s if s > self.start and rng.random() < 0.8 else None
            if met_on is None and rng.random() < 0.4:
                met_on = self.start - timedelta(days=rng.randint(1, 365 * 15))
            bmonth = bday = byear = None
            if rng.random() < 0.5:
                bmonth = rng.randint(1, 12)
                byear = rng.randint(1950, 2006) if rng.random() < 0.7 else None
                bday = rng.randint(1, calendar.monthrange(byear or 2000, bmonth)[1])
            city, tz = rng.choice(CITIES)
            status, snoozed, released, rnote = "active", None, None, None
            roll = rng.random()
            if roll < 0.03:
                status, released = "released", self.day(s, self.end)
                rnote = rng.choice((None, "we grew apart", "moved on", "it was one-sided"))
            elif roll < 0.045:
                status = "snoozed"
                snoozed = self.end + timedelta(days=rng.randint(-30, 120))  # some have lapsed
            created = self.stamp(s)
            rows.append(
                {
                    "id": pid,
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "display_name": display,
                    "given_name": given,
                    "family_name": family,
                    "nickname": nickname,
                    "search_name": person_key(display, nickname, given, family),
                    "pronouns": rng.choice(PRONOUNS) if rng.random() < 0.3 else None,
                    "met_how": rng.choice(MET_HOW) if rng.random() < 0.4 else None,
                    "met_where": rng.choice(MET_WHERE) if rng.random() < 0.4 else None,
                    "met_on": met_on,
                    "introduced_by_id": rng.randint(1, pid - 1)
                    if pid > 1 and rng.random() < 0.12
                    else None,
                    "notes": rng.choice(NOTES) if rng.random() < 0.2 else None,
                    "birthday_year": byear,
                    "birthday_month": bmonth,
                    "birthday_day": bday,
                    "location": city if rng.random() < 0.7 else None,
                    "timezone": tz if rng.random() < 0.5 else None,
                    "generation": rng.choice(GENERATIONS) if rng.random() < 0.3 else None,
                    "field": rng.choice(FIELDS) if rng.random() < 0.6 else None,
                    "org": rng.choice(ORGS) if rng.random() < 0.4 else None,
                    "title": rng.choice(TITLES) if rng.random() < 0.35 else None,
                    "cadence_days": rng.choice(CADENCES) if rng.random() < 0.3 else None,
                    "pancake": rng.choice(("yes", "yes", "no", "unsure"))
                    if rng.random() < 0.25
                    else None,
                    "status": status,
                    "snoozed_until": snoozed,
                    "released_on": released,
                    "release_note": rnote,
                    "created_at": created,
                    "updated_at": created + timedelta(days=rng.randint(0, 30)),
                }
            )
        self.rows["people"] = rows

    def _interests(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        self.interests_of: list[list[int]] = [[]]
        for pid in range(1, self.n_people + 1):
            want = rng.randint(2, 6)
            chosen: list[int] = []
            while len(chosen) < want:
                ph = self.phrase_zipf() if rng.random() < 0.7 else rng.randint(1, VOCABULARY)
                if ph not in chosen:
                    chosen.append(ph)
            self.interests_of.append(chosen)
            for pos, ph in enumerate(chosen):
                rows.append(
                    {
                        "person_id": pid,
                        "phrase_id": ph,
                        "position": pos,
                        "note": rng.choice(INTEREST_NOTES) if rng.random() < 0.15 else None,
                    }
                )
        self.rows["interests"] = rows

    def _tags(self) -> None:
        rng = self.rng
        self.rows["tags"] = [
            {"id": i, "account_id": self.account_id, "name": n} for i, n in enumerate(TAG_NAMES, 1)
        ]
        tag_values, tag_cum = _weighted([(i, 40 - i) for i in range(1, len(TAG_NAMES) + 1)])
        rows: list[Row] = []
        for pid in range(1, self.n_people + 1):
            k = self.pick(((0, 30), (1, 40), (2, 20), (3, 10)))
            picked = {
                tag_values[bisect.bisect_right(tag_cum, rng.random() * tag_cum[-1])]
                for _ in range(k)
            }
            rows.extend({"person_id": pid, "tag_id": t} for t in sorted(picked))
        self.rows["person_tags"] = rows

    def _channels(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for p in self.rows["people"]:
            pid = p["id"]
            pos = 0
            user = f"{_ascii(p['given_name'])}.{_ascii(p['family_name'])}"
            if rng.random() < 0.85:
                n = 2 if rng.random() < 0.2 else 1
                for j in range(n):
                    suffix = str(rng.randint(1, 99)) if rng.random() < 0.3 else ""
                    rows.append(
                        {
                            "person_id": pid,
                            "kind": "email",
                            "label": ("home", "work")[j] if rng.random() < 0.5 else None,
                            "value": f"{user}{suffix}@{rng.choice(EMAIL_DOMAINS)}",
                            "position": pos,
                        }
                    )
                    pos += 1
            if rng.random() < 0.6:
                value = (
                    f"+{rng.choice((1, 33, 34, 44, 49, 351, 81))} "
                    f"{rng.randint(100, 999)} {rng.randint(100, 999)} "
                    f"{rng.randint(1000, 9999)}"
                )
                rows.append(
                    {
                        "person_id": pid,
                        "kind": "phone",
                        "label": "mobile" if rng.random() < 0.6 else None,
                        "value": value,
                        "position": pos,
                    }
                )
                pos += 1
            if rng.random() < 0.15:
                rows.append(
                    {
                        "person_id": pid,
                        "kind": "url",
                        "label": None,
                        "value": f"https://{user.replace('.', '')}.example.com",
                        "position": pos,
                    }
                )
                pos += 1
            if rng.random() < 0.10:
                rows.append(
                    {
                        "person_id": pid,
                        "kind": "handle",
                        "label": "mastodon",
                        "value": f"@{user.replace('.', '_')}@social.example",
                        "position": pos,
                    }
                )
                pos += 1
            if rng.random() < 0.05:
                rows.append(
                    {
                        "person_id": pid,
                        "kind": "address",
                        "label": "home",
                        "value": f"{rng.randint(1, 200)} Example Street, "
                        f"{p['location'] or 'Lisbon'}",
                        "position": pos,
                    }
                )
        self.rows["channels"] = rows

    def _moments(self) -> None:
        rng = self.rng
        # Who each moment is with, then when: inside that friendship's active span.
        plan: list[tuple[date, list[int]]] = []
        for _ in range(self.n_moments):
            pid = self.person()
            s, e = self.active[pid]
            # A mild recency bias: the newest months are the best logged.
            frac = 1.0 - rng.random() ** 1.3
            d = s + timedelta(days=int(frac * (e - s).days))
            group = [pid]
            if rng.random() < GROUP_SHARE:
                for _ in range(rng.randint(1, 3)):
                    other = self.person()
                    if other not in group:
                        group.append(other)
            plan.append((d, group))
        plan.sort(key=lambda x: x[0])
        m_rows: list[Row] = []
        mp_rows: list[Row] = []
        mt_rows: list[Row] = []
        self.moment_plan = plan
        for mid, (d, group) in enumerate(plan, 1):
            kind = self.pick(GROUP_KINDS if len(group) > 1 else KINDS)
            initiated = self.pick(INITIATORS)
            style = reply = replied = None
            if kind in ("message", "email") and initiated == "me" and rng.random() < 0.15:
                style = rng.choice(OUTREACH_STYLES)
                age = (self.end - d).days
                if age < 10 and rng.random() < 0.6:
                    reply = "awaiting"
                elif rng.random() < 0.75:
                    reply, replied = "replied", self.later(d, 0, 9)
                else:
                    reply = "no_reply"
            n_topics = self.pick(((0, 50), (1, 30), (2, 15), (3, 5)))
            mine = self.interests_of[group[0]]
            topics: list[int] = []
            for _ in range(n_topics):
                t = rng.choice(mine) if rng.random() < 0.7 else self.phrase_zipf()
                if t not in topics:
                    topics.append(t)
            note = None
            if rng.random() < 0.3:
                t_text = self.phrase_texts[(topics or mine)[0] - 1]
                note = rng.choice(MOMENT_NOTES).format(t=t_text)
            m_rows.append(
                {
                    "id": mid,
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "occurred_on": d,
                    "kind": kind,
                    "initiated_by": initiated,
                    "energy": self.pick(ENERGIES),
                    "depth": self.pick(DEPTHS),
                    "notes": note,
                    "outreach_style": style,
                    "reply_state": reply,
                    "replied_on": replied,
                    "created_at": self.stamp(d),
                }
            )
            mp_rows.extend({"moment_id": mid, "person_id": p} for p in group)
            mt_rows.extend({"moment_id": mid, "phrase_id": t} for t in topics)
        self.rows["moments"] = m_rows
        self.rows["moment_people"] = mp_rows
        self.rows["moment_topics"] = mt_rows

    def _follow_ups(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for mid, (d, group) in enumerate(self.moment_plan, 1):
            if rng.random() >= 0.05:
                continue
            pid = rng.choice(group)
            topic = self.phrase_texts[rng.choice(self.interests_of[pid]) - 1]
            due = self.later(d, 2, 30) if rng.random() < 0.7 else None
            age = (self.end - d).days
            done = None
            if rng.random() < min(0.9, 0.2 + age / 120):
                done = self.later(d, 0, 40)
            rows.append(
                {
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "person_id": pid,
                    "moment_id": mid if rng.random() < 0.9 else None,
                    "text": rng.choice(FOLLOW_UP_TEXTS).format(t=topic),
                    "due_on": due,
                    "done_on": done,
                    "created_on": d,
                }
            )
        self.rows["follow_ups"] = rows

    def _ledger(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for _ in range(max(1, self.n_moments // 10)):
            pid = self.person()
            s, e = self.active[pid]
            rows.append(
                {
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "person_id": pid,
                    "direction": "gave" if rng.random() < 0.55 else "received",
                    "kind": self.pick(LEDGER_KINDS),
                    "size": self.pick(((1, 60), (2, 30), (3, 10))),
                    "occurred_on": self.day(s, e),
                    "note": rng.choice(LEDGER_NOTES) if rng.random() < 0.3 else None,
                }
            )
        rows.sort(key=lambda r: r["occurred_on"])
        self.rows["ledger"] = rows

    def _introductions(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        if self.n_people < 2:
            self.rows["introductions"] = rows
            return
        for _ in range(max(1, self.n_people // 10)):
            a = self.person()
            b = rng.randint(1, self.n_people)
            while b == a:
                b = rng.randint(1, self.n_people)
            status = self.pick(INTRO_STATUSES)
            proposed = self.day()
            a_ok = b_ok = made = closed = None
            outcome = None
            if status in ("agreed", "made", "closed"):
                a_ok = self.later(proposed, 0, 7)
                b_ok = self.later(proposed, 0, 14)
            if status in ("made", "closed"):
                made = self.later(max(a_ok or proposed, b_ok or proposed), 0, 10)
            if status == "closed":
                closed = self.later(made or proposed, 7, 120)
                outcome = rng.choice(OUTCOMES)
            if status == "declined":
                closed = self.later(proposed, 1, 14)
            topic = self.phrase_texts[rng.choice(self.interests_of[a]) - 1]
            rows.append(
                {
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "person_a_id": a,
                    "person_b_id": b,
                    "reason": rng.choice(INTRO_REASONS).format(t=topic),
                    "status": status,
                    "proposed_on": proposed,
                    "a_agreed_on": a_ok,
                    "b_agreed_on": b_ok,
                    "made_on": made,
                    "closed_on": closed,
                    "outcome": outcome,
                }
            )
        self.rows["introductions"] = rows

    def _opportunities(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        chain: list[Row] = []
        for oid in range(1, max(1, self.n_people // 20) + 1):
            t = self.phrase_texts[self.phrase_zipf() - 1]
            title = rng.choice(OPPORTUNITY_TITLES).format(
                o=rng.choice(ORGS), t=t, c=rng.choice(CITIES)[0]
            )
            rows.append(
                {
                    "id": oid,
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "title": title,
                    "kind": self.pick(OPP_KINDS),
                    "occurred_on": self.day(),
                    "value": rng.randint(1, 5) if rng.random() < 0.8 else None,
                    "notes": f"came through {t}" if rng.random() < 0.3 else None,
                }
            )
            links: list[int] = []
            for _ in range(self.pick(((1, 35), (2, 35), (3, 20), (4, 10)))):
                p = self.person()
                if p not in links:
                    links.append(p)
            chain.extend(
                {"opportunity_id": oid, "position": i, "person_id": p} for i, p in enumerate(links)
            )
        self.rows["opportunities"] = rows
        self.rows["opportunity_chain"] = chain

    def _saved_items(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        topics: list[Row] = []
        for sid in range(1, max(1, self.n_people // 5) + 1):
            kind = self.pick(SAVED_KINDS)
            chosen: list[int] = []
            for _ in range(rng.randint(1, 3)):
                ph = self.phrase_zipf()
                if ph not in chosen:
                    chosen.append(ph)
            t = self.phrase_texts[chosen[0] - 1]
            slug = t.replace(" ", "-")
            rows.append(
                {
                    "id": sid,
                    "account_id": self.account_id,
                    "uid": self.uid(),
                    "kind": kind,
                    "url": f"https://{rng.choice(('blog', 'news', 'www'))}.example.com/{slug}/{sid}"
                    if kind != "note"
                    else None,
                    "text": f"A thought about {t}"
                    if kind != "link" or rng.random() < 0.3
                    else None,
                    "saved_on": self.day(),
                }
            )
            topics.extend({"item_id": sid, "phrase_id": ph} for ph in chosen)
        self.rows["saved_items"] = rows
        self.rows["saved_item_topics"] = topics

    def _dismissals(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for _ in range(max(1, self.n_people // 200)):
            on = self.day(self.end - timedelta(days=60), self.end)
            rows.append(
                {
                    "account_id": self.account_id,
                    "person_id": self.person(),
                    "reason": rng.choice(DISMISS_REASONS),
                    "dismissed_on": on,
                    "until_on": on + timedelta(days=rng.randint(7, 60))
                    if rng.random() < 0.7
                    else None,
                }
            )
        self.rows["dismissals"] = rows


#: Insert order: every table after the tables it references.
TABLES: tuple[Table, ...] = (
    phrases,
    people,
    interests,
    tags,
    person_tags,
    channels,
    moments,
    moment_people,
    moment_topics,
    follow_ups,
    ledger,
    introductions,
    opportunities,
    opportunity_chain,
    saved_items,
    saved_item_topics,
    dismissals,
)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _insert_all(conn: Connection, rows: dict[str, list[Row]], log: Log) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in TABLES:
        data = rows.get(table.name, [])
        t0 = time.perf_counter()
        for i in range(0, len(data), BATCH):
            conn.execute(insert(table), data[i : i + BATCH])
        counts[table.name] = len(data)
        log(f"  {table.name:<18} {len(data):>9,} rows  {time.perf_counter() - t0:6.2f}s")
    return counts


def _quiet(_msg: str) -> None:
    pass


def generate(
    db_path: Path,
    people: int,
    moments: int,
    seed: int = 7,
    end: date | None = None,
    *,
    verbose: bool = True,
    timings: dict[str, float] | None = None,
) -> dict[str, int]:
    """Build a fresh synthetic database at ``db_path``; returns rows written per table.

    Any existing file at ``db_path`` is replaced. The same arguments give the same
    database, row for row. ``person_facts`` is filled last with
    :func:`kithkin.storage.facts_repo.rebuild`, in the same transaction. ``timings``,
    if given, receives the seconds spent in ``rows`` (generating), ``insert`` (writing,
    facts included), ``facts`` (the rebuild alone) and ``total``.
    """
    log: Log = print if verbose else _quiet
    times: dict[str, float] = {} if timings is None else timings
    if people < 1 or moments < 0:
        raise ValueError("need at least one person and a non-negative number of moments")
    end = end or date.today()
    t0 = time.perf_counter()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_db(db_path)
    engine = open_engine(sqlite_url(db_path))
    log(f"schema ready in {time.perf_counter() - t0:.2f}s: {db_path}")
    try:
        with engine.begin() as conn:
            account_id = account_id_for(conn)
            net_start = end - timedelta(days=3 * 365)
            # account_id_for stamps the wall clock; pin it so the file is reproducible.
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(created_at=datetime.combine(net_start, datetime.min.time()))
            )
        net = _Network(people, moments, seed, end)
        t1 = time.perf_counter()
        net.build(account_id)
        times["rows"] = time.perf_counter() - t1
        log(f"generated rows in {times['rows']:.2f}s (seed {seed}, end {end})")
        t2 = time.perf_counter()
        with engine.begin() as conn:
            counts = _insert_all(conn, net.rows, log)
            # The rows went in behind the repositories' backs: fill person_facts (what
            # their write paths keep current) with the one aggregated query.
            t3 = time.perf_counter()
            rebuild(conn, account_id)
            counts["person_facts"] = counts["people"]
            facts_s = time.perf_counter() - t3
            log(f"  person_facts       {counts['people']:>9,} rows  {facts_s:6.2f}s (rebuild)")
        refresh_statistics(engine)  # as an import leaves a database
        times["insert"] = time.perf_counter() - t2
        times["facts"] = facts_s
        log(f"inserted in {times['insert']:.2f}s, facts included")
    finally:
        engine.dispose()  # the last connection to close checkpoints the WAL into the file
    times["total"] = time.perf_counter() - t0
    log(f"total {times['total']:.2f}s, {sum(counts.values()):,} rows")
    return counts


# --------------------------------------------------------------------------- vCards


def _escape(value: str) -> str:
    """A vCard text value (RFC 6350 §3.4): backslash, comma, semicolon and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 §3.2), never inside a UTF-8 character."""
    out: list[str] = []
    chunk = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(chunk)
            chunk, size, limit = "", 0, 74  # continuation lines start with one space
        chunk += ch
        size += n
    out.append(chunk)
    return "\r\n ".join(out)


def write_vcards(db_path: Path, folder: Path) -> int:
    """Write one vCard 3.0 file per person into ``folder`` (vdir: ``<uid>.vcf``).

    Existing ``.vcf`` files in the folder are removed first. Returns how many were written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.vcf"):
        old.unlink()
    engine = make_engine(sqlite_url(Path(db_path)))
    try:
        with engine.connect() as conn:
            chans: dict[int, list[tuple[str, str, str | None]]] = {}
            q = (
                select(channels.c.person_id, channels.c.kind, channels.c.value, channels.c.label)
                .where(channels.c.kind.in_(("email", "phone")))
                .order_by(channels.c.person_id, channels.c.position, channels.c.id)
            )
            for pid, kind, value, label in conn.execute(q):
                chans.setdefault(pid, []).append((kind, value, label))
            q2 = select(
                people.c.id,
                people.c.uid,
                people.c.display_name,
                people.c.given_name,
                people.c.family_name,
                people.c.nickname,
                people.c.org,
                people.c.title,
            )
            written = 0
            for pid, uid, display, given, family, nick, org, title in conn.execute(q2):
                lines = [
                    "BEGIN:VCARD",
                    "VERSION:3.0",
                    f"UID:{uid}",
                    f"FN:{_escape(display)}",
                    f"N:{_escape(family or '')};{_escape(given or '')};;;",
                ]
                if nick:
                    lines.append(f"NICKNAME:{_escape(nick)}")
                for kind, value, label in chans.get(pid, []):
                    if kind == "email":
                        extra = f",{label.upper()}" if label in ("home", "work") else ""
                        lines.append(f"EMAIL;TYPE=INTERNET{extra}:{value}")
                    else:
                        lines.append(f"TEL;TYPE={'CELL' if label == 'mobile' else 'VOICE'}:{value}")
                if org:
                    lines.append(f"ORG:{_escape(org)}")
                if title:
                    lines.append(f"TITLE:{_escape(title)}")
                lines.append("END:VCARD")
                text = "\r\n".join(_fold(line) for line in lines) + "\r\n"
                (folder / f"{uid}.vcf").write_bytes(text.encode("utf-8"))
                written += 1
    finally:
        engine.dispose()
    return written


# --------------------------------------------------------------------------- command line


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--people", type=int, default=10_000, help="how many people (10000)")
    ap.add_argument("--moments", type=int, default=200_000, help="how many moments (200000)")
    ap.add_argument("--db", type=Path, required=True, help="SQLite file to (re)create")
    ap.add_argument("--seed", type=int, default=7, help="random seed (7)")
    ap.add_argument(
        "--end",
        type=date.fromisoformat,
        default=None,
        help="last date of the three-year window, YYYY-MM-DD (default today)",
    )
    ap.add_argument(
        "--vcards",
        type=Path,
        default=None,
        help="also write the people as a vdir of vCards into this folder",
    )
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    timings: dict[str, float] = {}
    counts = generate(args.db, args.people, args.moments, args.seed, args.end, timings=timings)
    print(
        "rows: "
        + ", ".join(
            f"{k}={v:,}"
            for k, v in counts.items()
            if k in ("people", "moments", "moment_people", "interests", "phrases")
        )
    )
    print("timings: " + " ".join(f"{k}={v:.2f}s" for k, v in timings.items()))
    if args.vcards:
        t0 = time.perf_counter()
        n = write_vcards(args.db, args.vcards)
        print(f"wrote {n:,} vCards to {args.vcards} in {time.perf_counter() - t0:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
