"""Read the report text into lines, separating the hyperlink URLs the PDF converter printed.

The converter writes a page's text, then the URLs of that page's links, one per line with no
trailing space. Those URL lines are not text: they are set aside with the position where they
were printed, so link alignment can later pair them with the anchors that precede them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .._exceptions import ExtractError

URL_LINE = re.compile(r"^https?://\S+$")
# A printed page number: digits padded with many spaces (the footer), or bare digits at the end of file.
PAGE_NUMBER = re.compile(r"^\d{1,4} {5,}$")


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of the source; ``no`` is 1-based as editors show it."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def glued(self) -> bool:
        """True when the line breaks inside a word: the converter leaves no trailing space then."""
        return bool(self.text) and not self.text[-1].isspace()

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True, slots=True)
class UrlBlock:
    """The URLs printed after one page's text; ``after`` is the number of the last text line before it."""

    after: int
    urls: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    lines: tuple[Line, ...]
    url_blocks: tuple[UrlBlock, ...]
    page_numbers: tuple[int, ...]  # lines where a page footer (page number) was printed


def decode(data: bytes, name: str) -> str:
    """Strict UTF-8: a wrongly encoded file must fail here, not turn into mojibake in the graph."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ExtractError(
            f"byte 0x{data[e.start]:02x} at offset {e.start} is not valid UTF-8",
            source=name, line=line, expected="a UTF-8 text export of the monitoring report") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ExtractError("NUL byte in text", source=name, line=line,
                           expected="a plain text export, not a binary file")
    return text


def _continues(raw: list[str], i: int) -> bool:
    """A URL-looking line that is really page text broken mid-URL ("...document-" + "view/...").

    Link lists end a page, and the next page's first line begins with a space (or is blank);
    text continuing right below, flush left, means the line was part of the text.
    """
    nxt = raw[i] if i < len(raw) else ""
    return bool(nxt.strip()) and not nxt.startswith((" ", "http://", "https://"))


def read_source(text: str, name: str) -> Source:
    """Split into text lines and URL blocks; page-number footers are dropped (they are layout)."""
    raw = text.split("\n")
    lines: list[Line] = []
    blocks: list[UrlBlock] = []
    pending: list[tuple[int, str]] = []
    footers: list[int] = []
    last_text = 0
    for i, t in enumerate(raw, start=1):
        t = t.rstrip("\r") if t.endswith("\r\n") else t.replace("\r", "")
        if URL_LINE.match(t) and not _continues(raw, i):
            pending.append((i, t))
            continue
        if pending:
            blocks.append(UrlBlock(after=last_text, urls=tuple(pending)))
            pending = []
        if PAGE_NUMBER.match(t) or (t.strip().isdigit() and all(not r.strip() for r in raw[i:])):
            footers.append(i)
            continue
        lines.append(Line(i, t))
        if t.strip():
            last_text = i
    if pending:
        blocks.append(UrlBlock(after=last_text, urls=tuple(pending)))
    return Source(name=name, lines=tuple(lines), url_blocks=tuple(blocks), page_numbers=tuple(footers))


def load(path_or_text: str | Path) -> tuple[str, str]:
    """Accept a path or the text itself; return (text, display name for messages)."""
    if isinstance(path_or_text, Path) or ("\n" not in path_or_text and len(path_or_text) < 4096):
        path = Path(path_or_text)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ExtractError("file not found", source=str(path)) from None
        except IsADirectoryError:
            raise ExtractError("is a directory", source=str(path),
                               expected="a text file") from None
        except OSError as e:
            raise ExtractError(f"cannot read file: {e.strerror}", source=str(path)) from None
        return decode(data, str(path)), str(path)
    return path_or_text, "<text>"
