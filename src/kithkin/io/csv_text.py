"""Reading the CSV files contact services export: bytes → text → a table with line numbers.

Shared by the LinkedIn and Google readers. What it promises:

* **Text.** UTF-8 with or without a byte-order mark; UTF-16 (and UTF-32) with a BOM, as
  Outlook and older Google exports write; UTF-16 without a BOM when the NUL pattern makes
  it unmistakable. Anything else ends in one :class:`KithError` naming the file, the line
  and the byte: ``people.csv:5: not UTF-8 text (byte 0xE9 at offset 212) ...``. A file
  of zero bytes (or only a BOM and whitespace) is "the file is empty"; a file with NUL
  bytes or mostly control bytes is "not a CSV file (binary data)".
* **Header.** The header is the first record the caller's ``want`` predicate accepts,
  wherever it is (LinkedIn puts a ``Notes:`` preamble above it): nothing assumes an
  offset. ``want`` sees the header cells normalised by :func:`column_name`.
* **Lines.** Each row carries the physical line it starts on (1-based), counted by the
  ``csv`` module itself, so quoted fields with newlines inside are counted correctly.
* **Blank rows** (no cell with anything but whitespace) after the header are dropped.
* No ``csv.Error``, ``UnicodeError`` or ``OSError`` escapes: each becomes a KithError.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kithkin.domain.errors import KithError

__all__ = [
    "Row",
    "Table",
    "column_name",
    "decode",
    "has_header",
    "head_text",
    "read_table",
    "read_text",
    "split_multi",
]

#: Google joins several values in one cell with this.
MULTI_SEPARATOR = " ::: "

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes no text file contains: C0 controls other than tab, newlines, form feed, escape.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SAMPLE = 8192


@dataclass(frozen=True)
class Row:
    """One record after the header: the physical line it starts on and its raw cells."""

    line: int
    cells: list[str]


@dataclass
class Table:
    """A CSV file's header (as written and normalised) and its non-blank rows."""

    file: str
    header: list[str]
    header_line: int
    rows: list[Row] = field(default_factory=list)
    #: ``header`` normalised by :func:`column_name`, and name → first position.
    names: list[str] = field(init=False)
    index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.names = [column_name(h) for h in self.header]
        self.index = {}
        for i, name in enumerate(self.names):
            self.index.setdefault(name, i)

    @property
    def width(self) -> int:
        return len(self.header)

    def column(self, name: str) -> int | None:
        """Position of a column by (normalised) name, or None when the file lacks it."""
        return self.index.get(column_name(name))

    def extra_fields(self, row: Row) -> int:
        """How many non-empty cells ``row`` has beyond the header (0 when it fits).

        Missing trailing cells are fine (they read as empty), as are empty extra cells
        from a trailing comma; only real data past the last column counts.
        """
        extra = row.cells[self.width :]
        return sum(1 for c in extra if c.strip())


def column_name(cell: str) -> str:
    """A header cell as predicates compare it: no BOM, whitespace collapsed, lower case."""
    return " ".join(cell.replace("\ufeff", "").split()).lower()


def split_multi(value: str) -> list[str]:
    """Google's several-values-in-one-cell: ``a ::: b`` → ``["a", "b"]`` (stripped, no empties)."""
    sep = MULTI_SEPARATOR.strip()
    if sep not in value:
        value = value.strip()
        return [value] if value else []
    return [p.strip() for p in value.split(sep) if p.strip()]


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls * 20 > len(sample)  # more than 5 % control bytes


def _bomless_utf16(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII-heavy text), else None."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) == 0 and odd.count(0) * 10 >= len(odd) * 9:
        return "utf-16-le"
    if odd.count(0) == 0 and even.count(0) * 10 >= len(even) * 9:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> str:
    """The text of a CSV file's bytes, or a KithError saying clearly why not."""
    if not data:
        raise KithError(f"{name}: the file is empty")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        encoding = _bomless_utf16(data[:_SAMPLE])
    if encoding is None:
        if _looks_binary(data[:_SAMPLE]):
            raise KithError(f"{name}: not a CSV file (binary data)")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8" and _looks_binary(data[exc.start : exc.start + _SAMPLE]):
            raise KithError(f"{name}: not a CSV file (binary data)") from None
        line = _line_at(data, exc.start, encoding)
        label = encoding.upper().replace("-SIG", "").replace("-LE", "").replace("-BE", "")
        byte = data[exc.start]
        raise KithError(
            f"{name}:{line}: not {label} text (byte 0x{byte:02X} at offset {exc.start}); "
            "save the file as UTF-8 and import it again"
        ) from None
    if text.startswith("\ufeff"):  # BOM-less UTF-16 detection keeps a stray BOM
        text = text[1:]
    if not text.strip():
        raise KithError(f"{name}: the file is empty")
    if "\x00" in text:
        raise KithError(f"{name}: not a CSV file (binary data)")
    return text


def read_text(path: Path) -> str:
    """Read and decode a whole file; every failure is one KithError naming it."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise KithError(f"{path}: is a folder, not a CSV file") from None
    except OSError as exc:
        raise KithError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return decode(data, str(path))


def head_text(path: Path, size: int = 4096) -> str:
    """The first ``size`` bytes of a file as text, for format sniffing. Never raises:
    unreadable files and undecodable bytes give ``""`` or replacement characters."""
    try:
        with path.open("rb") as f:
            data = f.read(size)
    except OSError:
        return ""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _bomless_utf16(data) or "utf-8"
    return data.decode(encoding, errors="replace").lstrip("\ufeff")


def has_header(head: str, want: Callable[[list[str]], bool]) -> bool:
    """Whether any record in ``head`` (the start of a file) is a header ``want`` accepts."""
    try:
        for cells in csv.reader(io.StringIO(head, newline="")):
            if cells and want([column_name(c) for c in cells]):
                return True
    except csv.Error:
        return False
    return False


def read_table(path: Path, want: Callable[[list[str]], bool], *, missing: str) -> Table:
    """Read ``path`` as CSV: the first record ``want`` accepts is the header, every
    non-blank record after it a :class:`Row` with its starting line.

    ``want`` receives the record's cells normalised by :func:`column_name`.
    ``missing`` completes the error when no header is found:
    ``"<file>: " + missing``.
    """
    name = str(path)
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    table: Table | None = None
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if table is None:
                if cells and want([column_name(c) for c in cells]):
                    table = Table(name, [c.replace("\ufeff", "").strip() for c in cells], line)
                continue
            if cells and "".join(cells).strip():
                rows.append(Row(line, cells))
    except csv.Error as exc:
        raise KithError(
            f"{name}:{start}: cannot read this CSV record ({exc}); is a quote left open?"
        ) from None
    if table is None:
        raise KithError(f"{name}: {missing}")
    table.rows = rows
    return table
