"""Normalised seed text -> typed Document (blocks without anchors yet).

The structure of a resolution is read in zones: header lines, title, enacting formula,
preamble, operative part, annexes (each with the same zones again) and the closing
formula. Web-page chrome is recognised and kept apart. Anything that fits no rule is
kept as a plain paragraph with a notice.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from . import patterns as P
from .inline import count_lost_markers, parse_inline
from .model import Block, Document, Footnote, Meta, Notice
from .normalize import split_lines
from .bare_notes import superscript_bare_notes
from .unflatten import unflatten
from .paragraphs import Para, mark_running, pull_footnotes, rejoin, split_paragraphs


@dataclass(frozen=True)
class Unit:
    """A paragraph with its recognised role, before inline parsing."""

    kind: str
    role: str
    part: str
    text: str
    line: int
    number: str | None = None
    parent: str | None = None


def _numbered(text: str, detached: bool = False) -> tuple[str, str, str] | None:
    """(style, number, rest) for an operative number or a letter at the start of text."""
    if detached:
        m = P.NUM_BARE.match(text)
        if m:
            return "num", m["num"], m["rest"]
    for style, rx in (("num", P.NUM_DOT), ("num", P.NUM_NESTED), ("num", P.NUM_PAREN), ("letter", P.LETTER)):
        m = rx.match(text)
        if m:
            return style, m["num"], m["rest"]
    return None


def _is_header(text: str) -> bool:
    return any(p.match(text) for p in P.HEADER) or bool(P.DATE_ALONE.match(text))


def _is_closing(text: str) -> bool:
    return any(p.match(text) for p in P.CLOSING)


def _is_formula(text: str) -> bool:
    t = text.rstrip(" /")
    return bool(P.FORMULA.match(t)) and t[-1:] in ",:" and len(t) < 1500


def _word_count(text: str) -> int:
    return len(text.split())


def _is_prose(text: str) -> bool:
    return _word_count(text) > 20 and P.ends_sentence(text)


class _Parser:
    def __init__(self, source: str, paras: list[Para]):
        self.source = source
        self.paras = paras
        self.units: list[Unit] = []
        self.notices: list[Notice] = []
        self.title: str | None = None
        self.symbol: str | None = None
        self.kind_hint: str | None = None

    def add(self, kind: str, role: str, part: str, p: Para, number=None, parent=None, text=None) -> None:
        self.units.append(Unit(kind, role, part, p.text if text is None else text, p.line, number, parent))

    # -- zones -----------------------------------------------------------------------
    def run(self) -> list[Unit]:
        zoned = self._zones([p for p in self.paras if not p.running])
        # Page numbers and running headers go back where they stood, outside the zones:
        # before the first unit of a later line, in one merge (running lines come in order).
        highest = list(accumulate((u.line for u in zoned), max))
        units: list[Unit] = []
        start = 0
        for p in (p for p in self.paras if p.running):
            at = bisect_right(highest, p.line)
            units += zoned[start:at]
            start = at
            units.append(Unit("page", "running", units[-1].part if units else "body", p.text, p.line))
        units += zoned[start:]
        self.units = units
        return units

    def _zones(self, paras: list[Para]) -> list[Unit]:
        end = len(paras)
        chrome_top = any(P.CHROME.match(p.text) for p in paras[:6])
        # Closing formula ("Adoptée.", "82e séance plénière", a date) and, on a web page,
        # trailing chrome (photo caption, related links), read from the end.
        tail: list[tuple[str, Para]] = []
        phase = "chrome" if chrome_top else "closing"
        while end > 0:
            p = paras[end - 1]
            t = p.text
            closing = _is_closing(t) or bool(P.DATE_ALONE.match(t))
            if phase == "chrome" and not closing and _word_count(t) <= 12 and not P.ends_sentence(t) and not _numbered(t):
                tail.append(("chrome", p))
            elif closing:
                phase = "closing"
                tail.append(("closing", p))
            else:
                break
            end -= 1
        body = paras[:end]
        # Split into parts at ANNEXE lines.
        parts: list[tuple[str, Para | None, list[Para]]] = [("body", None, [])]
        for p in body:
            if P.ANNEX.match(p.text) and (parts[-1][2] or parts[-1][0] != "body"):
                n = sum(1 for name, _, _ in parts if name != "body") + 1
                parts.append(("annex" if n == 1 else f"annex-{n}", p, []))
            else:
                parts[-1][2].append(p)
        for name, heading, ps in parts:
            if heading is not None:
                self.add("heading", "heading", name, heading)
            self.part(name, ps, first=(name == "body"))
        for role, p in reversed(tail):
            self.add("closing" if role == "closing" else "text", role, "body", p)
        return self.units

    def part(self, part: str, ps: list[Para], first: bool) -> None:
        i = self.head(part, ps, first)
        self.main(part, ps[i:])

    def head(self, part: str, ps: list[Para], first: bool) -> int:
        """Header lines, title, subtitles and the enacting formula. Returns where the text starts."""
        formula = None
        for j, p in enumerate(ps[:15]):
            if _numbered(p.text) or _is_prose(p.text) and not _is_formula(p.text):
                break
            if _is_formula(p.text):
                formula = j
                break
        stop = formula if formula is not None else self._head_end(ps)
        zone = ps[:stop]
        title_at = self._find_title(zone)
        title_text = None
        i = 0
        while i < len(zone):
            p = zone[i]
            if P.CHROME.match(p.text):
                self.add("text", "chrome", part, p)
            elif i == title_at:
                merged, i = self._merge_quoted(zone, i)
                title_text = merged.text
                self.add("heading", "title", part, merged)
                if first:
                    self._note_title(merged.text)
            elif title_text is not None and p.text.strip() == title_text.strip():
                self.add("text", "chrome", part, p)  # the title repeated by a web page
            elif title_at is not None and i > title_at and not _is_header(p.text):
                self.add("heading", "heading", part, p)
            else:
                self.add("heading", "header", part, p)
                if first:
                    self._note_header(p.text)
            i += 1
        if formula is not None:
            self.add("intro", "formula", part, ps[formula])
            return formula + 1
        return stop

    def _head_end(self, ps: list[Para]) -> int:
        """Without a formula, the head ends at the first prose paragraph or number."""
        for j, p in enumerate(ps[:15]):
            if _numbered(p.text) or _is_prose(p.text) or P.is_leadin(p.text) and j > 0:
                return j
        # Short texts (a press release): the first full sentence after the head.
        for j, p in enumerate(ps[:15]):
            if j > 0 and _word_count(p.text) > 8 and P.ends_sentence(p.text) and not P.CHROME.match(p.text):
                return j
        return min(len(ps), 1)

    def _find_title(self, zone: list[Para]) -> int | None:
        for j, p in enumerate(zone):
            if any(rx.match(p.text) for rx in P.TITLE_STRONG) or p.text[:1] in "“\"«":
                return j
        weak = [j for j, p in enumerate(zone) if not _is_header(p.text) and not P.CHROME.match(p.text)]
        for j in weak:
            if _word_count(zone[j].text) > 4:
                return j
        return weak[-1] if weak else None

    def _merge_quoted(self, zone: list[Para], i: int) -> tuple[Para, int]:
        """A quoted title spread over several paragraphs ends at its closing quote."""
        p = zone[i]
        opening = p.text[:1]
        closing = {"“": "”", "«": "»", '"': '"'}.get(opening)
        if not closing:
            return p, i
        text = p.text
        j = i
        while closing not in text[1:] and j + 1 < len(zone):
            j += 1
            text = text + " " + zone[j].text
        return (Para(text, p.line), j) if closing in text[1:] else (p, i)

    def _note_title(self, text: str) -> None:
        for rx in P.TITLE_STRONG:
            m = rx.match(text)
            if m:
                self.title = m["title"]
                self.symbol = m.groupdict().get("symbol") or self.symbol
                return
        self.title = text.strip("“”\"«» ")

    def _note_header(self, text: str) -> None:
        m = P.SYMBOL_HEADER.match(text)
        if m:
            self.symbol = self.symbol or m["symbol"]
        if self.kind_hint is None:
            low = text.lower()
            for word, kind in (("projet de résolution", "projet de résolution"), ("résolution", "résolution"),
                               ("resolution", "résolution"), ("décision", "décision"), ("media release", "communiqué de presse"),
                               ("communiqué", "communiqué de presse")):
                if low.startswith(word) or low.endswith(word):
                    self.kind_hint = kind
                    break

    def main(self, part: str, ps: list[Para]) -> None:
        """Preamble, lead-ins, operative paragraphs and items, headings inside the part."""
        in_operative = False
        preamble_seen = bool(self.units and self.units[-1].role == "formula" and self.units[-1].part == part)
        current_op: str | None = None  # printed number of the last operative paragraph
        leadin_pp: int | None = None  # index of a preamble lead-in whose "Que" items follow
        pp_count = 0
        for k, p in enumerate(ps):
            nxt_p = ps[k + 1] if k + 1 < len(ps) else Para("", 0)
            nxt = nxt_p.text
            num = _numbered(p.text, p.detached_number)
            if num:
                style, number, rest = num
                in_operative = True
                leadin_pp = None
                if style == "letter" and current_op is not None:
                    self.add("item", "paragraph", part, p, number, current_op)
                elif style == "letter":
                    self.add("operative", "paragraph", part, p, number)
                else:
                    current_op = number
                    self.add("operative", "paragraph", part, p, number)
                continue
            if P.is_leadin(p.text) and (_numbered(nxt, nxt_p.detached_number) or P.QUE.match(nxt) or not nxt):
                if P.QUE.match(nxt) and not in_operative:
                    pp_count += 1
                    leadin_pp = pp_count
                    self.add("preamble", "leadin", part, p, None)
                else:
                    in_operative = True
                    leadin_pp = None
                    self.add("intro", "leadin", part, p)
                continue
            if leadin_pp is not None and P.QUE.match(p.text):
                self.add("item", "paragraph", part, p, None, f"pp-{leadin_pp}")
                continue
            leadin_pp = None
            if in_operative:
                if _numbered(nxt, nxt_p.detached_number) and not p.text[:1].islower() and (p.text.rstrip().endswith(":") or _word_count(p.text) < 60):
                    self.add("heading", "heading", part, p)
                elif current_op is not None:
                    self.add("text", "paragraph", part, p, None, current_op)
                else:
                    self.add("text", "paragraph", part, p)
                continue
            if preamble_seen:
                pp_count += 1
                self.add("preamble", "paragraph", part, p)
            else:
                self.add("text", "paragraph", part, p)


def _footnotes(source: str, flow: list[Para], bodies, notices: list[Notice]) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """Footnote labels and the labels restored for lost markers, in reading order."""
    notes: dict[str, tuple[str, int]] = {}
    lost_bodies = [b for b in bodies if b.label is None]
    used = {b.label for b in bodies if b.label is not None}
    n = 0
    restored: list[str] = []
    for b in bodies:
        if b.label is not None:
            if b.label in notes:
                notices.append(Notice(source, b.line, f"second footnote body numbered {b.label}; appended to the first"))
                text, line = notes[b.label]
                notes[b.label] = (text + " " + b.text, line)
            else:
                notes[b.label] = (b.text, b.line)
    for b in lost_bodies:
        n += 1
        while str(n) in used:
            n += 1
        notes[str(n)] = (b.text, b.line)
        restored.append(str(n))
    if lost_bodies:
        markers = sum(count_lost_markers(p.text) for p in flow)
        if markers != len(lost_bodies):
            notices.append(
                Notice(source, lost_bodies[0].line,
                       f"{len(lost_bodies)} footnote bodies lost their number but {markers} bare '/' markers were found; "
                       "reattached in order as far as they go")
            )
        else:
            notices.append(Notice(source, lost_bodies[0].line, f"{markers} lost footnote markers reattached in order"))
    return notes, restored


def parse(source: str, text: str, meta: Meta) -> Document:
    """Parse a normalised text. `meta` holds the curated facts; missing ones come from the text."""
    lines = superscript_bare_notes(unflatten(split_lines(text)))
    paras = split_paragraphs(lines)
    flow, bodies = pull_footnotes(paras)
    flow = rejoin(mark_running(flow))
    notices: list[Notice] = []
    notes, restored = _footnotes(source, flow, bodies, notices)
    parser = _Parser(source, flow)
    units = parser.run()
    labels = set(notes)
    lost = iter(restored)
    blocks = []
    for u in units:
        segs = parse_inline(u.text, labels, lost, notices, source, u.line)
        blocks.append(Block(u.kind, u.role, u.part, segs, u.line, u.number, u.parent))
        if u.role == "paragraph" and u.kind == "text" and u.parent is None and parser.units[0].role == "formula":
            notices.append(Notice(source, u.line, "paragraph fits no layout rule; kept as a plain paragraph"))
    footnotes = []
    for label, (body, line) in notes.items():
        segs = parse_inline(body, labels, iter(()), notices, source, line)
        footnotes.append(Footnote(label, segs, line))
    footnotes.sort(key=lambda f: int(f.label))
    referenced = {n for b in blocks for n in b.notes}
    for f in footnotes:
        if f.label not in referenced:
            notices.append(Notice(source, f.line, f"footnote {f.label} is never referenced in the text"))
    derived = _derive_meta(meta, parser, blocks)
    return Document(derived.id, source, derived, tuple(blocks), tuple(footnotes), tuple(notices), text)


def _derive_meta(meta: Meta, parser: _Parser, blocks: list[Block]) -> Meta:
    """Fill what the curator left out from what the text itself shows."""
    from dataclasses import replace

    date = meta.date
    if date is None:
        for b in reversed(blocks):
            if b.role in ("closing", "header") or b.role == "formula":
                date = P.iso_date(b.text) or date
                if date and b.role == "closing":
                    break
    body = meta.body
    if body is None:
        formula = next((b for b in blocks if b.role == "formula"), None)
        if formula is not None:
            body = formula.text.split(",")[0].strip()
    return replace(
        meta,
        title=meta.title or parser.title,
        symbol=meta.symbol or parser.symbol,
        date=date,
        body=body,
        type=meta.type or parser.kind_hint,
    )
