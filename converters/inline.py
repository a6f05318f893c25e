"""Paragraph text -> inline segments (text, emphasis, superscript, footnote reference).

Only these four things are interpreted; every other character stays text, so seed text
that looks like markup reaches the page as the same characters.
"""
from __future__ import annotations

import re
from typing import Iterator

from . import patterns as P
from .model import Emph, NoteRef, Notice, Segment, Sup, Text

_TOKEN = re.compile(
    # 70^{ème}, 82^e: ordinal superscripts as extracted from PDFs
    r"(?P<sup>\^\{(?P<supb>[^{}\n]{1,12})\}|\^(?P<supw>[" + P.LOWER + P.UPPER + r"]{1,5})\b)"
    # *Considère*: emphasis kept by the extraction, only as a closed pair around words
    r"|(?P<emph>(?<![\w*\\])\*(?=[^\s*])(?P<emphb>[^*\n]+?)(?<=[^\s*\\])\*(?![\w*]))"
    # organisée¹: a superscript footnote marker after a word or punctuation
    r"|(?P<note>(?<=[\w.,;:)\]»”'’\"])[" + P.SUPERSCRIPT_DIGITS + r"]+)"
    # a bare "/" standing where a footnote number was lost in extraction
    r"|(?P<lost>(?:(?<=\s)|^)/(?=[\s,.;:)]|$))"
)
_TO_ASCII = str.maketrans(P.SUPERSCRIPT_DIGITS, "0123456789")
_TRIGGER = re.compile(r"[\^*" + P.SUPERSCRIPT_DIGITS + r"]")  # no token without one of these…
_LOST_TRIGGER = re.compile(r"(?:\s|^)/")  # …or a "/" after a space ("55/25" alone is no marker)


_START = re.compile(r"[\^*/" + P.SUPERSCRIPT_DIGITS + r"]")  # the first character of every token


def _may_hold_tokens(text: str) -> bool:
    return bool(_TRIGGER.search(text) or ("/" in text and _LOST_TRIGGER.search(text)))


def _tokens(text: str) -> Iterator[re.Match]:
    """_TOKEN.finditer(text), trying the whole pattern only where a token can start: its
    lookbehinds defeat the regex engine's own scan for a first character."""
    end = 0
    for c in _START.finditer(text):
        if c.start() >= end:
            m = _TOKEN.match(text, c.start())  # lookbehinds still see the text before
            if m:
                end = m.end()
                yield m


def parse_inline(
    text: str,
    labels: set[str],
    lost: Iterator[str],
    notices: list[Notice],
    source: str,
    line: int,
) -> tuple[Segment, ...]:
    """Split text into segments. `lost` yields labels for bare "/" markers in reading order."""
    if not _may_hold_tokens(text):
        return (Text(text.rstrip()),) if text.strip() else ()
    out: list[Segment] = []
    pos = 0

    def add_text(s: str) -> None:
        if not s:
            return
        if out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + s)
        else:
            out.append(Text(s))

    for m in _tokens(text):
        add_text(text[pos : m.start()])
        pos = m.end()
        if m["sup"]:
            out.append(Sup(m["supb"] if m["supb"] is not None else m["supw"]))
        elif m["emph"]:
            out.append(Emph(m["emphb"]))
        elif m["note"]:
            label = str(int(m["note"].translate(_TO_ASCII)))
            if label in labels:
                out.append(NoteRef(label))
            else:
                notices.append(Notice(source, line, f"superscript {m['note']} has no footnote body; kept as text"))
                add_text(m["note"])
        else:  # lost marker
            label = next(lost, None)
            if label is None:
                add_text(m.group())
                continue
            if out and isinstance(out[-1], Text):
                stripped = out[-1].text.rstrip()
                if stripped:
                    out[-1] = Text(stripped)
                else:
                    out.pop()
            out.append(NoteRef(label))
            if text[pos : pos + 1] == " " and text[pos + 1 : pos + 2] in ",.;:)":
                pos += 1  # "(REMJA VI et VII) /, " -> "(REMJA VI et VII)[^2],"
    add_text(text[pos:])
    # Trim spaces left at the ends by a removed marker.
    if out and isinstance(out[-1], Text):
        t = out[-1].text.rstrip()
        if t:
            out[-1] = Text(t)
        else:
            out.pop()
    return tuple(out)


def count_lost_markers(text: str) -> int:
    return sum(1 for m in _tokens(text) if m["lost"]) if "/" in text and _LOST_TRIGGER.search(text) else 0
