"""Citations of instruments: find mentions, resolve them, attach them to blocks.

Three separate steps, as in eyecite:
- find(text) returns Mentions: names and aliases, symbols, treaty-series references,
  short forms ("la Convention", "ledit Protocole", "ces protocoles") and names that look
  like instruments but are not in the registry. Nothing is resolved here.
- resolve(doc, ...) walks a document in reading order and maps each mention to an
  instrument: short forms to their antecedent (no link when it is ambiguous), "Ibid." to
  the previous footnote's source, a footnote with no mention of its own to the mention its
  marker is attached to. Unknown instruments get a candidate entry, never a guess.
- the renderer links the resolved spans (render.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .model import Block, Citation, Document, Footnote, NoteRef, evolve
from .registry import Instrument, Registry, fold


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    form: str  # name | symbol | series | short | plural | candidate
    key: str  # instrument id (name), symbol text, series text, head noun (short), candidate name
    pinpoint: str | None = None
    nested: bool = False  # a name inside another instrument's name: context only


# (form, pattern, a substring every match contains: a cheap test that skips most
# paragraphs). A lookbehind written after the first character, not before it, lets the
# regex engine scan for that character.
_SYMBOLS = [
    ("symbol", re.compile(r"\b[A-Z]{2,4}/RES\.\s?\d+\s?\([^()\n]{3,20}\)"), "/RES"),  # AG/RES. 2019 (XXXIV-O/04)
    ("symbol", re.compile(r"\bAGN?/\d+/RES/\d+\b|\bAG-\d{4}-RES-\d+\b"), "AG"),  # INTERPOL
    ("symbol", re.compile(r"\b[A-Z]{2,}(?:-[IVX]+)?/(?:doc|INF)\.\s?\d+/\d{2}(?:\s+rev\.\s?\d+)?"), "/"),  # OAS
    ("symbol", re.compile(r"\b[AES]/(?:[A-Z][A-Za-z]*(?:\.\d+)?/)*\d+(?:/\d+)*\b"), "/"),  # A/61/444, E/CN.4/2006/62
    ("bare", re.compile(r"\d(?<![\w/.\-]\d)\d{1,3}/\d{1,3}(?![\w/])"), "/"),  # 55/25, 2006/27, 1980/127
    ("bare", re.compile(r"\d(?<![\w/]\d)\d{0,2}\s?\([IVXLC]{2,}\)"), "("),  # ECOSOC decision 16 (LVI)
    ("series", re.compile(r"\bvol\.\s?\d+,\s?n[°o]\s?\d+"), "vol"),  # Recueil des Traités, vol. 2171, n° 27531
]
_ANNEX_AFTER = re.compile(r"^[^.;]{0,45}?\bannexe\s+([IVXLC]+)\b", re.I)
# "…, additionnels à la Convention X": the convention is part of the protocols' names.
_PART_OF_NAME = re.compile(r"\badditionnels?\s+a\s+la\s+$")
_CONTEXT = re.compile(r"\b(?:resolutions?|decisions?)\b[^.;]{0,200}$")
_PINPOINT = re.compile(
    r"(?:(?:l')?alinea\s+(\w{1,3}\))\s+du\s+)?(?:paragraphe\s+(\d+)\s+de\s+)?l'article\s+(\d+)\s+"
    r"(?:de\s+chacun\s+)?(?:de\s+la|du|dudit|de\s+ladite|de|des|a\s+la|au)?\s*$"
)
# Short forms: the head noun, then the determiner just before it ("cette Convention",
# "ledit Protocole", "ces deux Protocoles"). Searching the noun first is a fast literal scan.
_SHORT_NOUN = re.compile(r"(?:convention|protocoles?)\b")
_SHORT_DET = {
    "convention": re.compile(r"\b(?:de\s+la|a\s+la|la|cette|ladite|de\s+ladite)\s+$"),
    "protocole": re.compile(r"\b(?:le|ce|ledit|dudit|du|au|audit|son)\s+$"),
    "protocoles": re.compile(r"\b(?:de\s+)?(?:ces|des\s+deux|les\s+deux)\s+$"),
}
_NAME_GOES_ON = re.compile(
    r"^\s*(?:des|de|d'|du|relative|relatif|sur|contre|pour|visant|facultatif|additionnel|interamericaine|"
    r"americaine|supplementaire|n[°o]|internationale?|europeenne|africaine|\(|de\s+palerme)\b"
)
# Starts a word (see _word_starts): no leading \b, so that the regex engine scans for the
# capital letters.
_CANDIDATE = re.compile(
    r"(?P<head>Convention|Protocole|Pacte|Charte|Déclaration|Traité|Statut)\s+"
    r"(?:de|d['’]|des|du|sur|relative|relatif|contre|pour|visant|interaméricaine|internationale?|américaine|"
    r"universelle|européenne|africaine|n°)[^,;:.()“”\"«»\n]{2,140}"
)


def _word_starts(rx: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
    r"""rx.finditer(text, pos, endpos), keeping only matches that start a word. Written as a
    (?<!\w) in the pattern, that test would keep the engine from scanning for the first
    letters a match can start with; it tries the whole pattern at every position instead."""
    end = len(text) if endpos is None else endpos
    while (m := rx.search(text, pos, end)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)


def _trie_pattern(names: list[str]) -> str:
    """One regex for many names, shaped as a trie ("convention (?:de palerme|relative…)"):
    Python's re tries a flat alternation name by name at every position, a trie letter by
    letter. Greedy optional tails keep the longest name first, as the flat form did."""
    trie: dict = {}
    for name in names:
        node = trie
        for c in name:
            node = node.setdefault(c, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        alts = [(r"\s+" if c == " " else re.escape(c)) + walk(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


class Finder:
    """Compiled once per registry: one alternation of every name, longest first."""

    def __init__(self, registry: Registry):
        self.registry = registry
        names: dict[str, str] = {}
        for inst in registry.instruments:
            for name in inst.names:
                names[" ".join(fold(name).split())] = inst.id
        self.by_name = names
        pattern = _trie_pattern(sorted(names)) if names else r"(?!x)x"
        self.names = re.compile(r"(?:" + pattern + r")(?!\w)")  # starts a word: see _word_starts

    def _name_id(self, folded_match: str) -> str:
        return self.by_name[" ".join(folded_match.split())]

    def find(self, text: str) -> list[Mention]:
        folded = fold(text)
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

        for m in _word_starts(self.names, folded):
            iid = self._name_id(m.group())
            nested = bool(_PART_OF_NAME.search(folded[max(0, m.start() - 30):m.start()]))
            out.append(Mention(m.start(), m.end(), "name", iid, _pinpoint(folded, m.start()), nested))
            taken.append(m.span())
            for inner in _word_starts(self.names, folded, m.start() + 1, m.end()):
                # names nested inside this one: kept for short-form antecedents only
                out.append(Mention(inner.start(), inner.end(), "name", self._name_id(inner.group()), nested=True))
        for form, rx, needle in _SYMBOLS:
            if needle not in text:
                continue
            for m in rx.finditer(text):
                if not free(*m.span()):
                    continue
                pin = _pinpoint(folded, m.start())
                annex = _ANNEX_AFTER.match(folded[m.end():])
                if annex:
                    pin = f"annexe {annex.group(1).upper()}"
                if form == "bare" and not self.registry.by_symbol(m.group()):
                    # An unknown bare number is a symbol only where it is called one.
                    if not _CONTEXT.search(folded[max(0, m.start() - 200):m.start()]):
                        continue
                out.append(Mention(m.start(), m.end(), "series" if form == "series" else "symbol", m.group(), pin))
                taken.append(m.span())
        for m in _SHORT_NOUN.finditer(folded) if "convention" in folded or "protocole" in folded else ():
            ws, we, word = m.start(), m.end(), m.group()
            if ws and (folded[ws - 1].isalnum() or folded[ws - 1] == "_"):
                continue
            window = folded[max(0, ws - 24):ws]
            det = _SHORT_DET[word].search(window)
            if det is None:
                continue
            if not free(ws, we) or _NAME_GOES_ON.match(folded[we:]):
                continue
            plural = word == "protocoles"
            if not plural and not text[ws].isupper():
                continue  # "une convention" in lower case is not a reference
            out.append(Mention(ws, we, "plural" if plural else "short", word.rstrip("s"),
                               _pinpoint(folded, ws - len(window) + det.start())))
            taken.append((ws, we))
        for m in _word_starts(_CANDIDATE, text):
            if not free(m.start(), m.start() + 1):
                continue  # most: the head noun of a name already found
            name = _trim_candidate(m.group())
            if len(name.split()) >= 3 and free(m.start(), m.start() + len(name)):
                out.append(Mention(m.start(), m.start() + len(name), "candidate", name))
                taken.append((m.start(), m.start() + len(name)))
        return sorted(out, key=lambda x: (x.start, -x.end))


_CANDIDATE_END = re.compile(r"\s+(?:et|ainsi|ou|qui|que|dont|lors|adopté|adoptée|en\s+vue)\s")


def _trim_candidate(name: str) -> str:
    name = _CANDIDATE_END.split(name, 1)[0]
    return name.strip(" '’-")


def _pinpoint(folded: str, start: int) -> str | None:
    window = folded[max(0, start - 90):start]
    m = _PINPOINT.search(window) if "article" in window else None  # the pattern needs "l'article"
    if not m:
        return None
    parts = [f"article {m.group(3)}"]
    if m.group(2):
        parts.append(f"paragraphe {m.group(2)}")
    if m.group(1):
        parts.append(f"alinéa {m.group(1)}")
    return ", ".join(parts)


def candidate_id(name: str) -> str:
    return "x-" + re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:70]


def _head(inst: Instrument) -> str:
    return fold(inst.title.split()[0]).strip("(")


@dataclass
class Resolver:
    """Resolves the mentions of one document, in reading order."""

    finder: Finder
    doc: Document
    candidates: dict[str, Instrument]

    def __post_init__(self) -> None:
        # head noun -> (block index, start, instrument id) of every full mention, nested ones
        # included, in reading order: a short form looks back only at mentions of its noun
        self.history: dict[str, list[tuple[int, int, str]]] = {}

    def _inst(self, iid: str) -> Instrument | None:
        return self.finder.registry.get(iid) or self.candidates.get(iid)

    def _remember(self, index: int, iid: str, start: int) -> None:
        inst = self._inst(iid)
        if inst is not None:
            self.history.setdefault(_head(inst), []).append((index, start, iid))

    def _symbol(self, m: Mention) -> str | None:
        annex = m.pinpoint[7:] if m.pinpoint and m.pinpoint.startswith("annexe ") else None
        if m.form == "series":
            return self.finder.registry.by_series(m.key)
        found = self.finder.registry.by_symbol(m.key, annex)
        if found:
            return found
        cid = candidate_id(m.key)
        self.candidates.setdefault(cid, Instrument(cid, m.key, "unknown", symbol=m.key, curated=False))
        return cid

    def _antecedents(self, block_index: int, pos: int, head: str) -> list[str]:
        """Distinct instruments with this head noun in the nearest block that has any."""
        if block_index < 0:
            return []
        entries = self.history.get(head, [])
        k = len(entries) - 1
        while k >= 0 and not (0 <= entries[k][0] < block_index or (entries[k][0] == block_index and entries[k][1] < pos)):
            k -= 1  # mentions after this one in its own block
        if k < 0:
            return []
        bi = entries[k][0]
        first = k
        while first > 0 and entries[first - 1][0] == bi:
            first -= 1  # a block's mentions are contiguous: blocks are read one after the other
        return list(dict.fromkeys(iid for _, _, iid in entries[first:k + 1]))

    def block_citations(self, index: int, text: str) -> tuple[Citation, ...]:
        cites: list[Citation] = []
        for m in self.finder.find(text):
            written = text[m.start:m.end]
            if m.form == "name":
                self._remember(index, m.key, m.start)
                if not m.nested:
                    cites.append(Citation(m.key, written, m.start, m.end, m.pinpoint, "name"))
            elif m.form in ("symbol", "series"):
                iid = self._symbol(m)
                if iid:
                    self._remember(index, iid, m.start)
                    pin = None if m.pinpoint and m.pinpoint.startswith("annexe") and iid != self.finder.registry.by_symbol(m.key) else m.pinpoint
                    cites.append(Citation(iid, written, m.start, m.end, pin, m.form))
            elif m.form == "candidate":
                cid = candidate_id(m.key)
                self.candidates.setdefault(cid, Instrument(cid, m.key, "unknown", curated=False))
                self._remember(index, cid, m.start)
                cites.append(Citation(cid, written, m.start, m.end, m.pinpoint, "candidate"))
            else:
                found = self._antecedents(index, m.start, m.key)
                if m.form == "plural" and len(found) >= 2:
                    cites.extend(Citation(iid, written, m.start, m.end, m.pinpoint, "short") for iid in found)
                elif m.form == "short" and len(found) == 1:
                    cites.append(Citation(found[0], written, m.start, m.end, m.pinpoint, "short"))
        return tuple(c for c in cites if self._not_self(c))

    def _not_self(self, c: Citation) -> bool:
        inst = self._inst(c.instrument)
        return not (inst and inst.document == self.doc.id)

    def footnote_citations(self, note: Footnote, previous: Footnote | None) -> tuple[Citation, ...]:
        text = note.text
        cites = list(self.block_citations(-1, text))
        ibid = re.match(r"^\s*Ibid\.?", text)
        if ibid and previous is not None and not cites:
            annex = _ANNEX_AFTER.match(fold(text[ibid.end():]))
            for pc in previous.citations:
                inst = self._inst(pc.instrument)
                base = inst.annex_of if inst and inst.annex_of else pc.instrument
                target = base
                if annex:
                    base_inst = self._inst(base)
                    if base_inst and base_inst.symbol:
                        target = self.finder.registry.by_symbol(base_inst.symbol, annex.group(1)) or base
                cites.append(Citation(target, text[ibid.start():ibid.end()], ibid.start(), ibid.end(),
                                      f"annexe {annex.group(1).upper()}" if annex and target == base else None, "ibid"))
                break
        return tuple(c for c in cites if self._not_self(c))


def _mention_before_marker(block: Block, label: str) -> Citation | None:
    """The citation whose mention ends right where the footnote marker stands."""
    pos = 0
    for seg in block.segments:
        if isinstance(seg, NoteRef):
            if seg.label == label:
                near = [c for c in block.citations if c.end <= pos and pos - c.end <= 2]
                return max(near, key=lambda c: c.end) if near else None
            continue
        pos += len(seg.text)
    return None


def resolve(doc: Document, finder: Finder, candidates: dict[str, Instrument]) -> Document:
    """Attach citations to every block and footnote of doc (candidates is filled in place)."""
    r = Resolver(finder, doc, candidates)
    blocks = []
    for i, b in enumerate(doc.blocks):
        cites = r.block_citations(i, b.text)
        blocks.append(b if cites == b.citations else evolve(b, citations=cites))  # most blocks cite nothing
    notes: list[Footnote] = []
    for f in doc.footnotes:
        cites = r.footnote_citations(f, notes[-1] if notes else None)
        if not cites:
            for b in blocks:
                c = _mention_before_marker(b, f.label) if f.label in b.notes else None
                if c:
                    cites = (Citation(c.instrument, c.text, -1, -1, None, "marker"),)
                    break
        notes.append(evolve(f, citations=cites))
    # A marker right after an unresolved or short mention: the footnote says what it is.
    by_label = {f.label: f for f in notes}
    fixed = []
    for b in blocks:
        extra = []
        for label in b.notes:
            f = by_label.get(label)
            if not f or not f.citations:
                continue
            before = _mention_before_marker(b, label)
            if before is not None and before.via == "candidate":
                target = f.citations[0].instrument
                extra.append((before, evolve(before, instrument=target, via="footnote")))
        if extra:
            cites = list(b.citations)
            for old, new in extra:
                cites[cites.index(old)] = new
            b = evolve(b, citations=tuple(cites))
        fixed.append(b)
    return evolve(doc, blocks=tuple(fixed), footnotes=tuple(notes))
