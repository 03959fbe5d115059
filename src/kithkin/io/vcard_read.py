"""Read a ``.vcf`` file (one or many cards) or a vdir folder into a :class:`ReadResult`.

The file is split into cards on its ``BEGIN:VCARD``/``END:VCARD`` lines here, so every
card knows the line it starts on and a broken card cannot take its neighbours down;
each card's lines are then parsed by vobject, once, and mapped by
:func:`kithkin.io.vcard_map.map_card`.

vobject quirks worked around:

* Its vCard behaviour "decodes" every text property it has no special class for by
  keeping only the part before the first unescaped comma (``NOTE:Met at the gym, likes
  tea`` becomes "Met at the gym") and it unescapes values we must keep verbatim. Each
  card is therefore parsed as a generic component (``BEGIN:KITHKIN-CARD``), which gets
  no behaviour: lines come back unfolded and quoted-printable decoded, values raw.
* Its default line reader (``allowQP=False``) cannot follow quoted-printable soft line
  breaks (Android's vCard 2.1) and numbers lines wrongly; ``allowQP=True`` does both
  right, and is no slower.
* After a blank line it reports the next line's number one too early; the reported
  line is checked against the card's text before it is named in a problem.

Whole-file trouble (empty, binary, not UTF-8, not a vCard) raises :class:`KithError`;
a broken card becomes a :class:`Problem` and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import vobject
from vobject.base import ContentLine, VObjectError

from kithkin.domain.errors import KithError
from kithkin.io.contact import Contact, Problem, ReadResult
from kithkin.io.vcard_map import map_card

__all__ = ["looks_like_vcard", "read_vcards"]

Progress = Callable[[int, int], None]

PROGRESS_EVERY = 200
_WRAP_NAME = "KITHKIN-CARD"
_WRAP_BEGIN = f"BEGIN:{_WRAP_NAME}\n"
_WRAP_END = f"END:{_WRAP_NAME}\n"
_UNCLOSED = re.compile(r"^(\S+) component wasn't closed|^Component (\S+) was never closed")
_MARK = re.compile(r"^(BEGIN|END):VCARD[ \t]*$", re.M | re.I)
_CHARSET = re.compile(rb';CHARSET="?([A-Za-z0-9_.-]+)', re.I)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_CONTROL = frozenset(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14"
                     b"\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f")  # fmt: skip


class _FileError(Exception):
    """A whole file cannot be read; ``line`` is where, when it is known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def looks_like_vcard(head: bytes) -> bool:
    """True when the first non-blank text of ``head`` is ``BEGIN:VCARD`` (any case, BOM
    allowed): how the import service tells a vCard file from CSV or JSON."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return head[:11].upper() == b"BEGIN:VCARD"


def read_vcards(path: Path, progress: Progress | None = None) -> ReadResult:
    """Read every card of a ``.vcf`` file, or of every ``*.vcf`` in a vdir folder (in
    file name order; a problem then names the card's own file).

    ``progress(done, total)`` is called every few hundred cards (files, for a folder)
    and at the end. Raises KithError, naming the file, when a file as a whole cannot
    be read; a card that cannot be read is a Problem in the result instead.
    """
    result = ReadResult()
    if path.is_dir():
        _read_vdir(path, result, progress)
        return result
    try:
        text = _load(path)
        cards = list(_cards(text))
    except _FileError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise KithError(f"{where}: {exc.reason}") from None
    total = len(cards)
    name = str(path)
    for done, card in enumerate(cards, 1):
        _read_card(name, card, result)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return result


def _read_vdir(folder: Path, result: ReadResult, progress: Progress | None) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".vcf" and p.is_file())
    if not files:
        raise KithError(f"{folder}: no .vcf files in this folder")
    total = len(files)
    for done, file in enumerate(files, 1):
        try:
            for card in _cards(_load(file)):
                _read_card(str(file), card, result)
        except _FileError as exc:
            result.problems.append(Problem(str(file), exc.line or 1, exc.reason))
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)


# --- whole file ------------------------------------------------------------------------


def _load(path: Path) -> str:
    """The file as text with ``\\n`` line ends, or a _FileError saying why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _FileError(f"cannot read the file ({exc.strerror or exc})") from None
    if not data.strip():
        raise _FileError("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _FileError("the file is not readable UTF-16 text") from None
    else:
        head = data[:8192]
        if b"\x00" in head or sum(b in _CONTROL for b in head) * 20 > len(head):
            raise _FileError("the file is not text (binary data?); expected a vCard (.vcf)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_declared(data, exc.start)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MARK.search(text) is None:
        raise _FileError("no BEGIN:VCARD line: this is not a vCard file")
    return text


def _decode_declared(data: bytes, bad: int) -> str:
    """Decode a file that is not all UTF-8: lines that are not UTF-8 are read in the
    CHARSET their line declares, else in one some card of the file declares."""
    declared = []
    for raw in _CHARSET.findall(data):
        cs = raw.decode("ascii").lower()
        if cs not in _UTF8_NAMES and cs not in declared and _known_codec(cs):
            declared.append(cs)
    if not declared:
        line = data.count(b"\n", 0, bad) + 1
        raise _FileError(
            f"not UTF-8 text (byte {bad}) and no card declares a CHARSET for it; "
            "save the file as UTF-8 and import it again",
            line,
        )
    out = []
    for n, raw_line in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), 1):
        try:
            out.append(raw_line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        own = _CHARSET.search(raw_line)
        order = declared
        if own and _known_codec(own.group(1).decode("ascii")):
            order = [own.group(1).decode("ascii").lower(), *declared]
        for cs in order:
            try:
                out.append(raw_line.decode(cs))
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _FileError(f"line {n} is neither UTF-8 nor {', '.join(declared)} text", n)
    return "\n".join(out)


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


# --- cards -----------------------------------------------------------------------------

#: One card: the line its BEGIN is on, its text between BEGIN and END (None when it
#: cannot be read), and why not.
_Card = tuple[int, str | None, str | None]


def _cards(text: str) -> Iterator[_Card]:
    """Split a file on its BEGIN:VCARD / END:VCARD lines."""
    line, pos = 1, 0
    open_line: int | None = None
    body_start = 0
    for m in _MARK.finditer(text):
        start = m.start()
        line += text.count("\n", pos, start)
        pos = start
        if text[start] in "Bb":
            if open_line is not None:
                yield open_line, None, "card has no END:VCARD"
            open_line, body_start = line, m.end() + 1
        elif open_line is None:
            yield line, None, "END:VCARD without a BEGIN:VCARD before it"
        else:
            yield open_line, text[body_start:start], None
            open_line = None
    if open_line is not None:
        yield open_line, None, "card has no END:VCARD (the file ends inside it)"


def _read_card(file: str, card: _Card, result: ReadResult) -> None:
    line, body, why = card
    if body is None:
        result.problems.append(Problem(file, line, why or "cannot read the card"))
        return
    contact, why = _parse(line, body)
    if contact is None:
        result.problems.append(Problem(file, line, why or "cannot read the card"))
    elif not contact.name:
        result.problems.append(Problem(file, line, "card has no name"))
    else:
        contact.file = file
        result.contacts.append(contact)


def _parse(line: int, body: str) -> tuple[Contact | None, str | None]:
    try:
        component = vobject.readOne(_WRAP_BEGIN + body + _WRAP_END, transform=False,
                                    allowQP=True)  # fmt: skip
    except VObjectError as exc:
        return None, _parse_error(line, body, exc)
    except UnicodeDecodeError as exc:  # vobject decodes quoted-printable while parsing
        return None, f"a quoted-printable value is not valid {exc.encoding} text"
    except LookupError as exc:
        return None, f"a quoted-printable value has an unknown CHARSET ({exc})"
    except Exception as exc:  # whatever else vobject raises, a card must not stop the file
        return None, f"cannot read the card ({type(exc).__name__}: {exc})"
    lines: list[Any] = [cl for cl in component.getChildren() if isinstance(cl, ContentLine)]
    lines.sort(key=_line_number)
    try:
        return map_card(lines, line), None
    except Exception as exc:  # a card must never stop the file
        return None, f"cannot read the card ({type(exc).__name__}: {exc})"


def _line_number(cl: Any) -> int:
    return cl.lineNumber or 0


def _parse_error(line: int, body: str, exc: VObjectError) -> str:
    """A short reason naming the file's line, from what vobject complained about."""
    msg = str(exc.msg)
    rows = body.split("\n")
    at = (getattr(exc, "lineNumber", None) or 2) - 2  # vobject's line 1 is the wrapper BEGIN
    _, _, bad = msg.partition("Failed to parse line: ")
    if bad:
        at = max(_row(rows, at, bad[:20]), at)
        shown = bad if len(bad) <= 60 else bad[:57] + "..."
        why = "not a property line" if ":" in bad else "no colon"
        return f"line {line + 1 + at}: cannot read {shown!r} ({why})"
    m = _UNCLOSED.search(msg)
    if m:
        name = (m.group(1) or m.group(2)).upper()
        if name != _WRAP_NAME:  # a BEGIN:X inside the card without its END:X
            opened = _row(rows, -1, f"BEGIN:{name}")
            if opened >= 0:
                return f"line {line + 1 + opened}: BEGIN:{name} has no END:{name}"
        else:  # an END:X inside the card without its BEGIN:X
            closed = _row(rows, at, "END:")
            if closed >= 0:
                return f"line {line + 1 + closed}: {rows[closed]!r} has no BEGIN before it"
    return f"cannot read the card ({msg.replace(_WRAP_NAME, 'VCARD')})"


def _row(rows: list[str], near: int, prefix: str) -> int:
    """The index of the row starting with ``prefix`` (any case): ``near`` or next to it
    (vobject is sometimes one line early), else the first such row, else -1."""
    prefix = prefix.upper()
    for i in (near, near + 1, near - 1, *range(len(rows))):
        if 0 <= i < len(rows) and rows[i][: len(prefix)].upper() == prefix:
            return i
    return -1
