"""The schema, as SQLAlchemy Core tables: the single source of truth for migrations.

Every root record (person, moment, ledger entry, introduction, opportunity, saved item,
follow-up, tag, dismissal) belongs to one account, so one server can hold many users.
Root records also carry a ``uid``: a stable text id that survives export and import.
Interest and topic phrases live once in ``phrases`` so an embedding can be attached to
each unique phrase later.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from kithkin.domain.facts import COUNT_FIELDS, DATE_FIELDS, SUM_FIELDS

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

#: person_facts columns: counts, decay-weighted sums, and days since the facts epoch.
FACT_COUNTS = COUNT_FIELDS
FACT_SUMS = SUM_FIELDS
FACT_DAYS = tuple(f[:-3] + "_day" for f in DATE_FIELDS)


def _account() -> Column[int]:
    return Column(
        "account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )


accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("password_hash", Text),
    Column("created_at", DateTime, nullable=False),
    #: Changes (to a fresh random value) with every write to the account's records, so
    #: a server can keep answers until the data behind them changes.
    Column("revision", String(32)),
)

#: Browser sessions after a login; only a hash of the cookie's token is stored.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)
Index("ix_sessions_account", sessions.c.account_id)

#: Tokens for scripts calling the JSON API; only a hash of each token is stored.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("name", String(120), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_at", DateTime),
    UniqueConstraint("account_id", "name", name="uq_api_tokens_account_name"),
)

#: Failed logins, kept a while to slow down password guessing (by name and by address).
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
)
Index("ix_login_failures_at", login_failures.c.at)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("display_name", String(300), nullable=False),
    Column("given_name", String(200)),
    Column("family_name", String(200)),
    Column("nickname", String(200)),
    Column("search_name", String(900), nullable=False),
    Column("pronouns", String(60)),
    Column("met_how", Text),
    Column("met_where", String(300)),
    Column("met_on", Date),
    Column("introduced_by_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("notes", Text),
    Column("birthday_year", Integer),
    Column("birthday_month", Integer),
    Column("birthday_day", Integer),
    Column("location", String(300)),
    Column("timezone", String(64)),
    Column("generation", String(60)),
    Column("field", String(200)),
    Column("org", String(300)),
    Column("title", String(300)),
    Column("cadence_days", Integer),
    Column("pancake", String(8)),
    Column("status", String(12), nullable=False, server_default="active"),
    Column("snoozed_until", Date),
    Column("released_on", Date),
    Column("release_note", Text),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("account_id", "uid", name="uq_people_account_uid"),
    CheckConstraint("pancake IN ('yes', 'no', 'unsure')", name="pancake"),
    CheckConstraint("status IN ('active', 'snoozed', 'released')", name="status"),
    CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence"),
    CheckConstraint("birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12", name="bmonth"),
    CheckConstraint("birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31", name="bday"),
)
Index("ix_people_account_search", people.c.account_id, people.c.search_name)
Index("ix_people_introduced_by", people.c.introduced_by_id)
#: The search's directory of an account reads its people in name order along this
#: (browse_repo.BY_NAME). On SQLite migration 0006 adds search_name and display_name to
#: it, so the order needs no sort; PostgreSQL keeps it short,
#: as an index entry there may not exceed 2704 bytes and long names in several scripts
#: would. (Alembic compares expression indexes on PostgreSQL only.)
Index("ix_people_account_name", people.c.account_id, func.lower(people.c.display_name))

phrases = Table(
    "phrases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", String(300), nullable=False, unique=True),
)

interests = Table(
    "interests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("phrase_id", Integer, ForeignKey("phrases.id"), nullable=False),
    Column("note", Text),
    Column("position", Integer, nullable=False, server_default="0"),
    UniqueConstraint("person_id", "phrase_id", name="uq_interests_person_phrase"),
)
#: Who loves a phrase, read from the index alone (the search by interest).
Index("ix_interests_phrase_person", interests.c.phrase_id, interests.c.person_id)

channels = Table(
    "channels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("label", String(60)),
    Column("value", String(500), nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
    CheckConstraint("kind IN ('email', 'phone', 'url', 'handle', 'address')", name="kind"),
)
Index("ix_channels_person", channels.c.person_id)
Index("ix_channels_value", channels.c.value)

tags = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("name", String(120), nullable=False),
    UniqueConstraint("account_id", "name", name="uq_tags_account_name"),
)

person_tags = Table(
    "person_tags",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

moments = Table(
    "moments",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("initiated_by", String(8)),
    Column("energy", Integer),
    Column("depth", String(12)),
    Column("notes", Text),
    Column("outreach_style", String(40)),
    Column("reply_state", String(10)),
    Column("replied_on", Date),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("account_id", "uid", name="uq_moments_account_uid"),
    CheckConstraint("energy IS NULL OR energy BETWEEN -2 AND 2", name="energy"),
    CheckConstraint("depth IN ('surface', 'personal', 'vulnerable')", name="depth"),
    CheckConstraint("initiated_by IN ('me', 'them', 'mutual')", name="initiated"),
    CheckConstraint("reply_state IN ('awaiting', 'replied', 'no_reply')", name="reply"),
)
Index("ix_moments_account_date", moments.c.account_id, moments.c.occurred_on)
#: A person's moment index (id, date, energy) comes from this and moment_people's index
#: alone, without reading a row of either table (migration 0007).
Index("ix_moments_id_date_energy", moments.c.id, moments.c.occurred_on, moments.c.energy)

moment_people = Table(
    "moment_people",
    metadata,
    Column("moment_id", Integer, ForeignKey("moments.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_moment_people_person", moment_people.c.person_id, moment_people.c.moment_id)

moment_topics = Table(
    "moment_topics",
    metadata,
    Column("moment_id", Integer, ForeignKey("moments.id", ondelete="CASCADE"), primary_key=True),
    Column("phrase_id", Integer, ForeignKey("phrases.id"), primary_key=True),
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("moment_id", Integer, ForeignKey("moments.id", ondelete="SET NULL")),
    Column("text", Text, nullable=False),
    Column("due_on", Date),
    Column("done_on", Date),
    Column("created_on", Date, nullable=False),
    UniqueConstraint("account_id", "uid", name="uq_follow_ups_account_uid"),
)
Index("ix_follow_ups_person", follow_ups.c.person_id)

ledger = Table(
    "ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("direction", String(8), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("size", Integer, nullable=False, server_default="1"),
    Column("occurred_on", Date, nullable=False),
    Column("note", Text),
    UniqueConstraint("account_id", "uid", name="uq_ledger_account_uid"),
    CheckConstraint("direction IN ('gave', 'received')", name="direction"),
    CheckConstraint("size BETWEEN 1 AND 3", name="size"),
)
Index("ix_ledger_person", ledger.c.person_id)

introductions = Table(
    "introductions",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("person_a_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("person_b_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("reason", Text),
    Column("status", String(12), nullable=False, server_default="proposed"),
    Column("proposed_on", Date, nullable=False),
    Column("a_agreed_on", Date),
    Column("b_agreed_on", Date),
    Column("made_on", Date),
    Column("closed_on", Date),
    Column("outcome", Text),
    UniqueConstraint("account_id", "uid", name="uq_introductions_account_uid"),
    CheckConstraint(
        "status IN ('proposed', 'agreed', 'made', 'declined', 'closed')", name="status"
    ),
    CheckConstraint("person_a_id <> person_b_id", name="distinct"),
)
Index("ix_introductions_person_a", introductions.c.person_a_id)
Index("ix_introductions_person_b", introductions.c.person_b_id)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("value", Integer),
    Column("notes", Text),
    UniqueConstraint("account_id", "uid", name="uq_opportunities_account_uid"),
    CheckConstraint("value IS NULL OR value BETWEEN 1 AND 5", name="value"),
)

opportunity_chain = Table(
    "opportunity_chain",
    metadata,
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_opportunity_chain_person", opportunity_chain.c.person_id)

saved_items = Table(
    "saved_items",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("url", String(2000)),
    Column("text", Text),
    Column("saved_on", Date, nullable=False),
    UniqueConstraint("account_id", "uid", name="uq_saved_items_account_uid"),
    CheckConstraint("kind IN ('link', 'note', 'meme')", name="kind"),
)

saved_item_topics = Table(
    "saved_item_topics",
    metadata,
    Column("item_id", Integer, ForeignKey("saved_items.id", ondelete="CASCADE"), primary_key=True),
    Column("phrase_id", Integer, ForeignKey("phrases.id"), primary_key=True),
)

dismissals = Table(
    "dismissals",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("dismissed_on", Date, nullable=False),
    Column("until_on", Date),
)
Index("ix_dismissals_person", dismissals.c.person_id)

#: Per-person aggregates of moments and ledger (see kithkin.domain.facts): derived data,
#: kept current by the repositories that write moments and ledger entries, rebuilt by
#: ``facts_repo.rebuild``. Dates are whole days since the facts epoch (2000-01-01).
person_facts = Table(
    "person_facts",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    _account(),
    *(Column(name, Integer, nullable=False) for name in FACT_COUNTS),
    *(Column(name, Float, nullable=False) for name in FACT_SUMS),
    *(Column(name, Integer) for name in FACT_DAYS),
)
Index("ix_person_facts_account", person_facts.c.account_id)
Index("ix_ledger_account_date", ledger.c.account_id, ledger.c.occurred_on)
Index("ix_follow_ups_open", follow_ups.c.account_id, follow_ups.c.done_on)

#: One vector per unique phrase and encoder (float32 bytes, unit length): derived data,
#: computed when a phrase first appears and by `kith reindex`.
phrase_vectors = Table(
    "phrase_vectors",
    metadata,
    Column("phrase_id", Integer, ForeignKey("phrases.id", ondelete="CASCADE"), primary_key=True),
    Column("encoder", String(40), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)

#: The user's own interests (what `kith common` compares a person's with).
own_interests = Table(
    "own_interests",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("phrase_id", Integer, ForeignKey("phrases.id"), nullable=False),
    Column("note", Text),
    Column("position", Integer, nullable=False, server_default="0"),
    UniqueConstraint("account_id", "phrase_id", name="uq_own_interests_account_phrase"),
)

#: Who each saved item fits (derived from topics and interests by meaning), and when
#: it was sent to them (user data: kept when the matches are computed again).
saved_matches = Table(
    "saved_matches",
    metadata,
    Column("item_id", Integer, ForeignKey("saved_items.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    _account(),
    Column("score", Float, nullable=False),
    Column("topic", String(300), nullable=False),
    Column("interest", String(300), nullable=False),
    Column("sent_on", Date),
)
Index("ix_saved_matches_person", saved_matches.c.person_id)

#: Where each person came from: one row per (source, key) an import saw, so importing
#: the same file again finds the same person instead of adding a duplicate.
person_sources = Table(
    "person_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("source", String(20), nullable=False),
    Column("key", String(500), nullable=False),
    UniqueConstraint("account_id", "source", "key", name="uq_person_sources_key"),
)
Index("ix_person_sources_person", person_sources.c.person_id)

#: Other dates worth remembering about a person (an anniversary, a name day).
person_dates = Table(
    "person_dates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(120), nullable=False),
    Column("year", Integer),
    Column("month", Integer, nullable=False),
    Column("day", Integer, nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
)
Index("ix_person_dates_person", person_dates.c.person_id)

#: The people around a person (a spouse, a colleague), by name, and by id when they are
#: in the network too.
relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("name", String(300), nullable=False),
    Column("other_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("position", Integer, nullable=False, server_default="0"),
)
Index("ix_relations_person", relations.c.person_id)

#: A person's photo as data (never a link to fetch).
person_photos = Table(
    "person_photos",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("media_type", String(100), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

#: vCard properties Kithkin has no field for, kept verbatim (unfolded content lines)
#: and written back on export.
card_properties = Table(
    "card_properties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("line", Text, nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
)
Index("ix_card_properties_person", card_properties.c.person_id)

#: People who may be the same person, found on import or by a scan, with the evidence;
#: `dismissed_on` when the user said they are not.
duplicate_candidates = Table(
    "duplicate_candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("person_a_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("person_b_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("found_on", Date, nullable=False),
    Column("dismissed_on", Date),
    UniqueConstraint("person_a_id", "person_b_id", name="uq_duplicate_candidates_pair"),
    CheckConstraint("person_a_id < person_b_id", name="ordered"),
)
Index("ix_duplicate_candidates_account", duplicate_candidates.c.account_id)

#: Merges, recorded so they can be undone: the absorbed person as they were (JSON) and
#: which records moved to the person kept.
merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("kept_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("absorbed_uid", String(64), nullable=False),
    Column("record", Text, nullable=False),
    Column("merged_at", DateTime, nullable=False),
    Column("undone_at", DateTime),
    UniqueConstraint("account_id", "uid", name="uq_merges_account_uid"),
)
Index("ix_merges_kept", merges.c.kept_id)

#: Office hours you invited people to (`kith office-hours`), for the calendar feed.
office_hours = Table(
    "office_hours",
    metadata,
    Column("id", Integer, primary_key=True),
    _account(),
    Column("uid", String(64), nullable=False),
    Column("starts_at", DateTime, nullable=False),
    Column("timezone", String(64)),
    Column("hours", Float, nullable=False),
    Column("place", String(300)),
    Column("description", Text),
    UniqueConstraint("account_id", "uid", name="uq_office_hours_account_uid"),
)

office_hour_people = Table(
    "office_hour_people",
    metadata,
    Column(
        "office_hour_id",
        Integer,
        ForeignKey("office_hours.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
)

#: Tables in an order where every table comes after the tables it references.
ROOT_TABLES = (people, moments, follow_ups, ledger, introductions, opportunities, saved_items)
