"""Numbered lines -> logical paragraphs, with the repairs that need no structure.

- lines of one paragraph are joined (hard wraps, hyphenated words cut at a line end);
- a line that starts a structural unit (a number, a letter, a lead-in, a footnote body,
  a header or closing line) starts a new paragraph even without a blank line before it;
- a number alone on its line is joined to the text that follows it;
- footnote bodies are taken out of the flow wherever they stand;
- page numbers and running headers (a short line repeated page after page) are marked, so
  that they neither start nor end a paragraph;
- a paragraph cut in two by a page break or by a block of footnotes is joined again.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from . import patterns as P
from .model import Line


@dataclass(frozen=True)
class Para:
    text: str
    line: int
    detached_number: bool = False  # its number stood alone on the line above the text
    running: bool = False  # a page number or running header between paragraphs


@dataclass(frozen=True)
class NoteBody:
    label: str | None  # printed label ("1") or None when it was lost in extraction
    text: str
    line: int
    position: int  # index in the paragraph flow where the body stood


_HYPHEN_END = re.compile(r"[" + P.LOWER + r"]-$")
_RUNNING_PAGE = re.compile(r"^(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)


def _is_number_alone(text: str) -> bool:
    return bool(P.NUM_ALONE.match(text))


def _unit_of_its_own(text: str) -> bool:
    """Web chrome, a date, a table-of-contents line, a header or closing line, "ANNEXE"."""
    return bool(
        P.CHROME.match(text)
        or P.DATE_ALONE.match(text)
        or P.DOT_LEADER.search(text)
        or any(p.match(text) for p in P.HEADER)
        or any(p.match(text) for p in P.CLOSING)
        or P.ANNEX.match(text)
    )


def _forces_break(text: str) -> bool:
    """A line that is a unit of its own or opens a new paragraph."""
    return bool(
        P.NUM_DOT.match(text)
        or P.NUM_PAREN.match(text)
        or P.NUM_NESTED.match(text)
        or _is_number_alone(text)
        or P.LETTER.match(text)
        or P.FOOTNOTE_SUPER.match(text)
        or P.FOOTNOTE_LOST.match(text) and text.startswith("\ufffd")
    ) or _unit_of_its_own(text)


def _standalone(text: str) -> bool:
    """A line that never takes the next line into it."""
    return _unit_of_its_own(text) and not _is_number_alone(text)


def _starts_new(prev: str, cur: str) -> bool:
    if _is_number_alone(prev):
        return False  # "1." alone: its text follows
    if cur.startswith("/"):
        return False  # a lost footnote marker belongs to the line above
    if _forces_break(cur) or _standalone(prev):
        return True
    if P.ends_sentence(prev) or prev.rstrip().endswith(","):
        # "…, \nCONSIDÉRANT:" / "…;\nQue la traite" / "…:\nDe renforcer"
        if P.CAPS_WORD.match(cur) and not P.is_caps_text(prev):
            return True
        if P.QUE.match(cur) and prev.rstrip()[-1:] in ";:":
            return True
        if P.ends_sentence(prev) and cur[:1].isupper() and not P.is_caps_text(cur):
            return True
    return False


def _join(lines: list[str]) -> str:
    """Lines of one paragraph -> one string; linear in its length (pieces, one join)."""
    pieces = [lines[0]]
    for b in lines[1:]:
        a = pieces[-1]
        if _HYPHEN_END.search(a[-2:]) and b[:1].islower():
            pieces[-1] = a[:-1]  # "organi-\nsation": a word cut at the line end
        else:
            pieces.append(" ")
        pieces.append(b)
    return "".join(pieces)


def split_paragraphs(lines: list[Line]) -> list[Para]:
    paras: list[Para] = []
    cur: list[Line] = []
    pending_number: Line | None = None  # "1." alone, waiting for its text after a blank

    def flush() -> None:
        nonlocal cur
        if cur:
            text = _join([ln.text.strip() for ln in cur])
            paras.append(Para(text, cur[0].number, len(cur) > 1 and _is_number_alone(cur[0].text.strip())))
        cur = []

    for ln in lines:
        t = ln.text.strip()
        if not t:
            if cur and len(cur) == 1 and _is_number_alone(cur[0].text.strip()):
                pending_number, cur = cur[0], []
            else:
                flush()
            continue
        if pending_number is not None:
            cur = [pending_number]
            pending_number = None
        elif cur and _starts_new(cur[-1].text.strip(), t):
            flush()
        cur.append(Line(ln.number, t))
    if pending_number is not None:
        cur.insert(0, pending_number)
    flush()
    return paras


def is_note_body(text: str) -> bool:
    return bool(P.FOOTNOTE_SUPER.match(text) or text.startswith("\ufffd"))


def pull_footnotes(paras: list[Para]) -> tuple[list[Para], list[NoteBody]]:
    """Take footnote bodies out of the flow, remembering where they stood."""
    flow: list[Para] = []
    notes: list[NoteBody] = []
    for p in paras:
        m = P.FOOTNOTE_SUPER.match(p.text)
        if m:
            label = str(int(m["label"].translate(str.maketrans(P.SUPERSCRIPT_DIGITS, "0123456789"))))
            notes.append(NoteBody(label, m["rest"], p.line, len(flow)))
        elif p.text.startswith("\ufffd"):
            m = P.FOOTNOTE_LOST.match(p.text)
            notes.append(NoteBody(None, m["rest"] if m else p.text, p.line, len(flow)))
        else:
            flow.append(p)
    return flow, notes


# A paragraph never ends on these words: what follows a page break is its rest.
_DANGLING = re.compile(r"(?:\b(?:de|du|des|la|le|les|l['’]|d['’]|à|au|aux|et|ou|en|par|pour|sur|dans|avec|que|qui|un|une|son|sa|ses|leur|leurs|ce|cette|ces))$", re.I)


def _continues(prev_end: str, cur: Para) -> bool:
    """cur is the rest of the paragraph ending with prev_end, cut by a page break or a
    footnote block."""
    if P.ends_sentence(prev_end) or P.LETTER.match(cur.text) or P.QUE.match(cur.text):
        return False
    if _is_number_alone(cur.text) or P.NUM_DOT.match(cur.text) or P.NUM_PAREN.match(cur.text):
        return False
    return cur.text[:1].islower() or bool(_DANGLING.search(prev_end[-20:]))


_HEAD_ZONE = 5  # a repeated line among the first paragraphs is the document's own header


def mark_running(paras: list[Para]) -> list[Para]:
    counts = Counter(p.text for p in paras)

    def running(k: int, p: Para) -> bool:
        if _RUNNING_PAGE.match(p.text):
            return k > 0
        return (counts[p.text] >= 2 and k >= _HEAD_ZONE and len(p.text) <= 60 and not P.ends_sentence(p.text)
                and not p.text[:1].islower()
                and not (P.NUM_DOT.match(p.text) or P.NUM_PAREN.match(p.text) or P.LETTER.match(p.text)
                         or P.ANNEX.match(p.text) or P.CHROME.match(p.text)))

    return [replace(p, running=True) if running(k, p) else p for k, p in enumerate(paras)]


def rejoin(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    rests: dict[int, list[str]] = {}  # index in out -> its pieces, joined once at the end
    last = -1  # index in out of the last paragraph that is not a running line
    for p in paras:
        if p.running and out:
            # A page number between paragraphs: kept as its own paragraph, but it does not
            # stop the paragraph around it from being joined again.
            out.append(p)
            continue
        if last >= 0:
            pieces = rests.setdefault(last, [out[last].text])
            if _continues(pieces[-1], p):
                pieces.append(p.text)
                continue
        out.append(p)
        last = len(out) - 1
    for idx, pieces in rests.items():
        if len(pieces) > 1:
            out[idx] = Para(_join(pieces), out[idx].line, out[idx].detached_number)
    return out
