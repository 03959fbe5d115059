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

from kithkin.demo.people import KINDS, PEOPLE
from kithkin.demo.stories import tell_stories
from kithkin.services import moments as moment_svc
from kithkin.services.context import Kith, open_kith
from kithkin.services.people import PersonInput, add_person
from kithkin.storage.database import DEMO_FILENAME, data_dir, sqlite_url


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
        tell_stories(kith)
        from kithkin.services.transfer import export_document

        doc = export_document(kith)
        counts = {k: len(v) for k, v in doc.items() if isinstance(v, list)}
    finally:
        kith.engine.dispose()
    return path, counts
