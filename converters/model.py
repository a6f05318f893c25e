"""Values passed between the pipeline stages: small frozen dataclasses, no behaviour.

normalize -> parse -> anchors -> extract/resolve -> render all exchange these types,
so each stage can be tested on its own with hand-built values.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Optional, Union


class InputError(Exception):
    """Input that cannot be read at all: stops the build with one line naming the file."""


@dataclass(frozen=True)
class Notice:
    """A warning with file and line: odd input that was still kept on the page."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the seed
    text: str


# Inline segments: a block's text is a sequence of these. Plain text is the
# concatenation of the `text` of every segment that is not a NoteRef.
@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emph:
    text: str


@dataclass(frozen=True)
class Sup:
    text: str


@dataclass(frozen=True)
class NoteRef:
    label: str  # footnote number as printed (or restored in order)
    text: str = ""  # never displayed as text; keeps the Segment protocol uniform


Segment = Union[Text, Emph, Sup, NoteRef]


def plain_text(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if not isinstance(s, NoteRef))


@dataclass(frozen=True)
class Citation:
    """One mention of an instrument inside a block's plain text."""

    instrument: str  # registry id (or a candidate id for an uncurated instrument)
    text: str  # the mention as written
    start: int  # offsets in the block's plain text; -1 when the citation has no span
    end: int
    pinpoint: Optional[str] = None  # "article 32", "annexe II"
    via: str = "name"  # name | alias | symbol | footnote | short | ibid


_DERIVED = ("text", "notes")  # values computed once from `segments`


class _derived:
    """functools.cached_property without its lock (Python 3.11 takes one per first access,
    and every block is read once): the value computed on first access is stored in the
    instance dict, where later reads find it without calling anything."""

    def __init__(self, fn):
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class _Cached:
    """Values computed once from the fields (_derived) are not pickled: a worker
    process sends the fields only."""

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in _DERIVED}


_FIELDS: dict[type, frozenset[str]] = {}


def evolve(obj, **changes):
    """dataclasses.replace for the stages' hot loops (once per block): copies the instance
    dict instead of calling __init__ field by field, and keeps the values derived from the
    segments unless the segments change."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = frozenset(f.name for f in fields(obj))
    if not names.issuperset(changes):
        raise TypeError(f"{type(obj).__name__} has no field {sorted(set(changes) - names)}")
    state = obj.__dict__.copy()
    if "segments" in changes:
        for k in _DERIVED:
            state.pop(k, None)
    state.update(changes)
    new = object.__new__(type(obj))
    new.__dict__.update(state)
    return new


@dataclass(frozen=True)
class Block(_Cached):
    """One anchored unit of a text.

    kind is one of the collection.json kinds (heading, intro, preamble, operative, item,
    closing, text); role is the finer layout role the parser recognised (header, title,
    formula, leadin, heading, paragraph, chrome, closing).
    """

    kind: str
    role: str
    part: str  # "body", "annex", "annex-2"...
    segments: tuple[Segment, ...]
    line: int
    number: Optional[str] = None  # printed number or letter: "11", "a", "2.1"
    parent: Optional[str] = None  # printed number of the enclosing paragraph of an item
    anchor: str = ""
    citations: tuple[Citation, ...] = ()

    @_derived  # frozen: computed once (stored in the instance dict, not a field)
    def text(self) -> str:
        return plain_text(self.segments)

    @_derived
    def notes(self) -> tuple[str, ...]:
        seen: list[str] = []
        for s in self.segments:
            if isinstance(s, NoteRef) and s.label not in seen:
                seen.append(s.label)
        return tuple(seen)


@dataclass(frozen=True)
class Footnote(_Cached):
    label: str
    segments: tuple[Segment, ...]
    line: int
    anchor: str = ""
    citations: tuple[Citation, ...] = ()

    @_derived  # frozen: computed once (stored in the instance dict, not a field)
    def text(self) -> str:
        return plain_text(self.segments)


@dataclass(frozen=True)
class Meta:
    """Curated facts about a text; None where neither the curator nor the text says."""

    id: str
    title: Optional[str] = None
    body: Optional[str] = None
    symbol: Optional[str] = None
    date: Optional[str] = None  # ISO yyyy-mm-dd
    type: Optional[str] = None
    language: str = "fr"
    source: Optional[str] = None  # where the text was obtained (URL or description)
    encoding: Optional[str] = None
    citation_label: Optional[str] = None  # "Assemblée générale des Nations Unies, résolution 61/180"


@dataclass(frozen=True)
class Document:
    id: str
    source: str  # path of the seed relative to the collection root, e.g. seeds/002_x.txt
    meta: Meta
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    notices: tuple[Notice, ...] = field(default=())
    raw: str = ""  # normalised seed text, kept for the no-word-lost check
