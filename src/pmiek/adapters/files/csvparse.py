"""CSV text to records: the encoding, the separator, and where every record starts.

:func:`decode` finds the encoding: a byte order mark (UTF-8, UTF-16, UTF-32), UTF-16 without
one by its zero bytes, else UTF-8, else Windows-1252; text in none of these is refused
naming the encodings tried. :func:`parse` reads the records with pandas' C parser (every
field as text, blank lines included) and numbers them as the lines a text editor shows: a
record starts one line after the previous one plus the line breaks inside its quoted cells.
A file with a row longer than its header is read with the csv module instead, which names
the line. :func:`field_counts` counts the fields of given records from their own lines,
with numpy over the whole file (the csv module only for records with quotes in them), so
that rows with too few fields, which pandas pads silently, are found.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Unreadable(ValueError):
    """Text that cannot be read as CSV; ``reason`` in Dutch and English."""

    def __init__(self, dutch: str, english: str) -> None:
        super().__init__(english)
        self.reason = (dutch, english)


def _utf16_order(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte is zero, as in ASCII text in
    UTF-16 without a byte order mark."""
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > len(sample) // 4 and not even:
        return "utf-16-le"
    if even > len(sample) // 4 and not odd:
        return "utf-16-be"
    return None


def _without_bom(data: bytes) -> str:
    """Text without a byte order mark: UTF-16 by its zero bytes, else UTF-8, else
    Windows-1252."""
    order = _utf16_order(data[:4096]) if b"\x00" in data[:4096] else None
    if order is not None:
        try:
            return data.decode(order)
        except UnicodeDecodeError as exc:
            raise Unreadable(f"geen geldige UTF-16 ({exc})", f"not valid UTF-16 ({exc})",
                             ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        where = f"byte 0x{data[first.start]:02x} @ {first.start}"
        raise Unreadable(f"geen UTF-8 en geen Windows-1252 ({where})",
                         f"neither UTF-8 nor Windows-1252 ({where})") from first


def decode(data: bytes) -> str:
    """The text of a CSV file. Raises :class:`Unreadable` naming the encodings tried."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                raise Unreadable(f"geen geldige {label} ondanks de byte order mark ({exc})",
                                 f"not valid {label} despite its byte order mark ({exc})",
                                 ) from exc
    return _without_bom(data)


def separator(text: str) -> str:
    """``,``, ``;`` or a tab, as the header line shows (``,`` when in doubt)."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


@dataclass(frozen=True)
class Records:
    """The data records of a CSV file, every field as text.

    ``columns[j][i]`` is field ``j`` of record ``i`` (``""`` when empty or missing);
    ``lines[i]`` the line record ``i`` starts on, ``spans[i]`` how many lines it takes;
    ``fields[i]`` its number of fields where known (the csv module knows, pandas pads).
    """

    names: list[str]
    columns: list[np.ndarray]
    lines: np.ndarray
    spans: np.ndarray
    fields: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def filled(self) -> np.ndarray:
        """The records that hold something (not a blank line, not only empty fields)."""
        if not self.columns:
            return np.zeros(len(self), dtype=bool)
        return np.asarray(np.logical_or.reduce([c != "" for c in self.columns]))


def _breaks(columns: list[np.ndarray], count: int) -> np.ndarray:
    """The line breaks inside the fields of every record (quoted cells may hold them)."""
    breaks = np.zeros(count, dtype=np.int64)
    for column in columns:
        joined = "".join(column)
        if "\n" in joined or "\r" in joined:
            found = pd.Series(column, dtype=object).str.count(_LINE_BREAK.pattern)
            breaks += found.to_numpy(dtype=np.int64)
    return breaks


def _fast(text: str, sep: str, rows: int) -> Records:
    body = text.lstrip("\r\n")  # pandas takes its number of columns from the first line
    skipped = len(_LINE_BREAK.findall(text[:len(text) - len(body)]))
    frame = pd.read_csv(io.StringIO(body), sep=sep, header=None, dtype=str,
                        keep_default_na=False, na_filter=False, skip_blank_lines=False,
                        index_col=False, nrows=rows + 2)
    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    # a line break inside a field needs quotes around it
    spans = 1 + _breaks(columns, len(frame)) if '"' in text else \
        np.ones(len(frame), dtype=np.int64)
    starts = 1 + skipped + np.concatenate([[0], np.cumsum(spans)[:-1]])
    everything = Records([], columns, starts, spans)
    filled = everything.filled()
    head = int(np.argmax(filled)) if filled.any() else 0
    return Records([str(c[head]) for c in columns], [c[head + 1:] for c in columns],
                   starts[head + 1:], spans[head + 1:])


def _slow(text: str, sep: str, rows: int) -> Records:
    """The records as the csv module reads them; a row longer than the header is an
    error unless its extra fields are empty."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    names: list[str] = []
    while not any(n.strip() for n in names) and (record := next(reader, None)) is not None:
        names = record
    width = len(names)
    found: list[list[str]] = []
    lines, spans, fields = [], [], []
    previous = reader.line_num
    for record in reader:
        if len(record) > width and any(f.strip() for f in record[width:]):
            raise Unreadable(f"regel {previous + 1} heeft {len(record)} velden, de kopregel "
                             f"{width}", f"line {previous + 1} has {len(record)} fields, "
                             f"the header {width}")
        found.append((record + [""] * width)[:width])
        lines.append(previous + 1)
        spans.append(reader.line_num - previous)
        fields.append(len(record))
        previous = reader.line_num
        if len(found) > rows:
            break
    table = np.array(found, dtype=object).reshape(len(found), width)
    return Records(names, [table[:, j] for j in range(width)], np.asarray(lines, dtype=np.int64),
                   np.asarray(spans, dtype=np.int64), np.asarray(fields, dtype=np.int64))


def parse(text: str, sep: str, rows: int) -> Records:
    """The records of ``text`` (at most ``rows`` + 1 of them). Raises :class:`Unreadable`
    for a row longer than the header, and pandas' errors for text that is no CSV."""
    try:
        return _fast(text, sep, rows)
    except pd.errors.ParserError as exc:
        if "Expected" not in str(exc):
            raise
        return _slow(text, sep, rows)


def _on_lines(data: np.ndarray, byte: str, starts: np.ndarray, lines: np.ndarray,
              ) -> np.ndarray:
    """How many times ``byte`` occurs on each of ``lines`` (0-based; a line begins at its
    entry in ``starts``)."""
    found = np.flatnonzero(data == ord(byte))
    bounds = np.append(starts, len(data))
    return np.asarray(np.searchsorted(found, bounds[lines + 1])
                      - np.searchsorted(found, bounds[lines]))


def field_counts(text: str, records: Records, rows: np.ndarray, sep: str) -> np.ndarray:
    """The number of fields of the records at positions ``rows``, from their own lines."""
    if records.fields is not None:
        return records.fields[rows]
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    starts = np.concatenate([[0], ends + 1])
    starts = starts[starts < len(data)]
    first = records.lines[rows] - 1  # the line each record starts on, from 0
    simple = (records.spans[rows] == 1) & (text.count("\r") == text.count("\r\n"))
    counts = np.zeros(len(rows), dtype=np.int64)
    if simple.any():
        counts[simple] = _on_lines(data, sep, starts, first[simple]) + 1
        if '"' in text:
            quotes = _on_lines(data, '"', starts, first[simple])
            simple[np.flatnonzero(simple)[quotes > 0]] = False
    lines = _LINE_BREAK.split(text) if not simple.all() else []
    for i in np.flatnonzero(~simple):
        start, span = int(first[i]), int(records.spans[rows[i]])
        own = "\n".join(lines[start:start + span])
        counts[i] = len(next(csv.reader(io.StringIO(own, newline=""), delimiter=sep), []))
    return counts
