"""`kith import`: any contacts file, all of it or nothing, never a duplicate.

A file is read completely first (the readers in :mod:`kithkin.io`), and every contact is
checked (:mod:`kithkin.services.import_rows`). A card or row that cannot be used stops the
whole import before anything is written, unless ``skip_bad`` is set. Then one
transaction places every contact:

1. the same Kithkin uid (a card Kithkin exported) → that person;
2. the same source id (the card's UID, the LinkedIn profile URL) seen by an earlier
   import → that person, so importing a file twice adds nothing;
3. the same e-mail address, phone number or profile URL as someone already known (or
   earlier in the same file), when the names can be one person → merged into them
   automatically (two people sharing a landline stay two);
4. otherwise a new person, and likely duplicates (similar names plus a shared channel
   or organisation) are queued for `kith duplicates`.

Merging into someone known only fills what they lack: their own values always win.

A dry run (``dry_run=True``, the web app's "see the report before committing") runs all
of this, JSON documents too, in one transaction that is then rolled back: the report is
exactly what the real import would do, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kithkin.domain.errors import InvalidInput, KithError
from kithkin.io.contact import Problem, ReadResult
from kithkin.services.context import Kith, new_uid, utcnow
from kithkin.services.import_place import Group, place
from kithkin.services.import_rows import Row, to_row
from kithkin.storage.database import WROTE, refresh_statistics

Progress = Callable[[int, int], None]

#: Why a card or row holding a NUL character is refused.
NUL_PROBLEM = "holds a NUL character (binary data), which cannot be stored"
#: How many problems an error message lists before "and N more".
SHOWN_PROBLEMS = 10


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    format: str
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: list[dict[str, str]] = field(default_factory=list)
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    #: True when nothing was written: the counts say what importing would do.
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.file,
            "format": self.format,
            "read": self.read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "duplicates_queued": self.duplicates,
            "skipped": [
                {"file": p.file, "line": p.line, "reason": p.reason} for p in self.problems
            ],
            "records": self.records,
        }
        if self.dry_run:
            out["dry_run"] = True
        return out


class ImportProblems(KithError):
    """Cards or rows that could not be read; nothing was imported."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.problems = problems
        n = len(problems)
        lines = [
            f"{source}: {n} {'record' if n == 1 else 'records'} could not be read, so nothing "
            "was imported (--skip-bad imports the rest):"
        ]
        lines += [f"  {p}" for p in problems[:SHOWN_PROBLEMS]]
        if n > SHOWN_PROBLEMS:
            lines.append(f"  … and {n - SHOWN_PROBLEMS} more")
        super().__init__("\n".join(lines))


def detect(path: Path) -> str:
    """The format of a file or folder, from its content (then its name)."""
    from kithkin.io.google_csv import looks_like_google
    from kithkin.io.linkedin import looks_like_linkedin
    from kithkin.io.vcard_read import looks_like_vcard

    if path.is_dir():
        if any(path.glob("*.vcf")):
            return "vcard"
        raise KithError(f"{path}: a folder with no .vcf files (a vdir holds one card per file)")
    try:
        with path.open("rb") as fh:
            head = fh.read(16384)
    except FileNotFoundError:
        raise KithError(f"{path}: no such file") from None
    except OSError as exc:
        raise KithError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if not head.strip():
        raise KithError(f"{path}: the file is empty")
    if _binary(head):
        raise KithError(f"{path}: not a contacts file (it holds binary data, not text)")
    if looks_like_vcard(head):
        return "vcard"
    text = _head_text(head)
    if text.lstrip().startswith("{"):
        return "json"
    if looks_like_linkedin(text):
        return "linkedin"
    if looks_like_google(text):
        return "google"
    by_suffix = {".vcf": "vcard", ".vcard": "vcard", ".json": "json"}.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    raise KithError(
        f"{path}: cannot tell the format; Kithkin reads vCard (.vcf or a vdir folder), "
        "LinkedIn Connections.csv, Google Contacts CSV and its own JSON (--format to say which)"
    )


def _binary(head: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters: not a text file."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return b"\0" in head or controls > len(head) // 20


def _head_text(head: bytes) -> str:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore")
    return head.decode("utf-8-sig", errors="ignore")


def read(path: Path, fmt: str, progress: Progress | None = None) -> ReadResult:
    """Read a file in a contacts format (not JSON) into contacts and problems."""
    if fmt == "vcard":
        from kithkin.io.vcard_read import read_vcards

        return read_vcards(path, progress)
    if fmt == "linkedin":
        from kithkin.io.linkedin import read_linkedin

        return read_linkedin(path, progress)
    if fmt == "google":
        from kithkin.io.google_csv import read_google

        return read_google(path, progress)
    raise InvalidInput("format", f"'{fmt}' is not a format Kithkin imports")


def import_path(
    kith: Kith,
    path: Path,
    fmt: str | None = None,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
    dry_run: bool = False,
    label: str | None = None,
) -> ImportReport:
    """Import a file or vdir folder: all of it, or (on any problem) nothing.

    With ``dry_run`` the import runs exactly as it would, then is rolled back: the
    report (or the error) says what it would do, and nothing is written. ``label`` is
    the name the report and any error give the file (an upload's own name, rather than
    where the server keeps it)."""
    if label is not None:
        return _labelled(kith, path, fmt, label, skip_bad, progress, dry_run)
    if dry_run:
        with rolled_back(kith) as trial:
            report = import_path(trial, path, fmt, skip_bad=skip_bad, progress=progress)
        report.dry_run = True
        return report
    if not path.exists():
        raise KithError(f"{path}: no such file or folder")
    fmt = fmt or detect(path)
    if fmt == "json":
        from kithkin.services.transfer import import_document, read_json_file

        if path.is_dir():
            raise KithError(f"{path}: is a folder, not a JSON file")
        doc = read_json_file(path)
        if _has_nul(doc):
            raise KithError(f"{path}: holds a NUL character (\\u0000), which cannot be stored")
        records = import_document(kith, doc, source=str(path))
        _analyse(kith, sum(records.values()))
        return ImportReport(str(path), fmt, records=records)
    result = read(path, fmt, progress)
    report = ImportReport(str(path), fmt, read=len(result.contacts))
    rows: list[Row] = []
    problems = list(result.problems)
    for c in result.contacts:
        if _has_nul(c):
            problems.append(Problem(c.file or str(path), c.line, NUL_PROBLEM))
            continue
        try:
            rows.append(to_row(c))
        except InvalidInput as exc:
            problems.append(Problem(c.file or str(path), c.line, str(exc)))
    problems.sort(key=lambda p: (p.file, p.line))
    if problems and not skip_bad:
        raise ImportProblems(str(path), problems)
    report.problems = problems
    with kith.begin() as conn:
        _write(kith, conn, fmt, rows, report)
    _analyse(kith, report.added)
    return report


def _analyse(kith: Kith, added: int) -> None:
    """After a real import that added people, let the query planner see them."""
    if added and not isinstance(kith, _Trial):
        refresh_statistics(kith.engine)


def _has_nul(value: Any) -> bool:
    """Whether a NUL character hides anywhere in a value (PostgreSQL cannot store one)."""
    if isinstance(value, str):
        return "\0" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_nul(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return any(_has_nul(getattr(value, f.name)) for f in fields(value))
    return False


def _labelled(
    kith: Kith,
    path: Path,
    fmt: str | None,
    label: str,
    skip_bad: bool,
    progress: Progress | None,
    dry_run: bool,
) -> ImportReport:
    where = str(path)
    try:
        report = import_path(kith, path, fmt, skip_bad=skip_bad, progress=progress, dry_run=dry_run)
    except ImportProblems as exc:
        named = [replace(p, file=p.file.replace(where, label, 1)) for p in exc.problems]
        raise ImportProblems(label, named) from None
    except KithError as exc:
        exc.args = tuple(a.replace(where, label) if isinstance(a, str) else a for a in exc.args)
        raise
    report.file = label
    report.problems = [replace(p, file=p.file.replace(where, label, 1)) for p in report.problems]
    return report


@dataclass
class _Trial(Kith):
    """A Kith whose every transaction is one connection's, rolled back at the end."""

    conn: Connection | None = None

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        assert self.conn is not None
        yield self.conn


@contextmanager
def rolled_back(kith: Kith) -> Iterator[Kith]:
    """A Kith for ``kith``'s account on which services run as usual, inside one
    transaction that is rolled back when the block ends (whatever happens)."""
    with kith.engine.connect() as conn:
        outer = conn.begin()
        try:
            fields_of = {f.name: getattr(kith, f.name) for f in fields(Kith) if f.init}
            yield _Trial(**fields_of, conn=conn)
        finally:
            outer.rollback()
            conn.info.pop(WROTE, None)


def _write(kith: Kith, conn: Connection, fmt: str, rows: list[Row], report: ImportReport) -> None:
    from kithkin.services import dedupe
    from kithkin.services.import_write import write_groups
    from kithkin.services.transfer import derive_matching

    groups: list[Group] = place(conn, kith.account_id, fmt, rows)
    outcome = write_groups(conn, kith.account_id, fmt, groups, now=utcnow(), new_uid=new_uid)
    report.added = outcome.added
    report.updated = outcome.updated
    report.unchanged = outcome.unchanged
    report.merged = outcome.merged
    if outcome.new_ids:
        report.duplicates = dedupe.queue_likely(kith, conn, outcome.new_ids)
    if any(row.interests for row in rows):  # new phrases to embed, new people to match
        derive_matching(kith, conn)
