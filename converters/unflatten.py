"""A text flattened to one line (a copy from a PDF viewer or a form field) -> lines again.

Only a line that holds most of the text is cut, and only where the layout of a resolution
leaves no doubt: before its operative numbers when they run 1, 2, 3… in order, before
lettered items a), b), c)… in order, before the preamble's participles ("Rappelant",
"Considérant") that follow a comma, before the opening formula ("L'Assemblée générale,"),
before a lead-in in capitals ("DÉCIDE :") and before "ANNEXE".
Nothing is removed: the cuts only insert paragraph breaks.
"""
from __future__ import annotations

import re

from .model import Line

_MIN_CHARS = 1000  # a line shorter than this is a paragraph, not a flattened text
_SHARE = 0.6  # …and it must hold this share of the whole text

_NUMBER = re.compile(r"(?:(?<=\s)|^)(?:[-–]\s*)?(\d{1,3})[.)]\s+(?=[*_«\"]?[A-ZÀ-Ý])")
_LETTER = re.compile(r"(?<=[\s:;,])\(?([a-z])\)\s+")
_PARTICIPLE = re.compile(r"(?<=,)\s+(?=[*_]?(?:[A-ZÀ-Ý][a-zà-ÿ]+ment\s+)?[A-ZÀ-Ý][a-zà-ÿ]+ant\b)")
_FORMULA = re.compile(r"(?<=\s)(?=(?:L['’]|Le |La |Les )[A-ZÀ-Ý][^,.;:]{2,80},\s+[*_]?[A-ZÀ-Ý][a-zà-ÿ]+ant\b)")
_ANNEX = re.compile(r"(?<=\s)(?=ANNEXE\b)")
_CAPS_LEADIN = re.compile(r"(?<=[,;.])\s+(?=[A-ZÀ-Ý]{4,}[A-ZÀ-Ý ]*\s*:)")


def _numbered_cuts(text: str) -> list[int]:
    """Positions of `1.`, `2.`, `3.`… taken in order (an annex may start again at 1);
    a chain of fewer than two is no proof."""
    cuts: list[int] = []
    want = 1
    for m in _NUMBER.finditer(text):
        n = int(m[1])
        if n == want or (n == 1 and want > 2):
            cuts.append(m.start())
            want = n + 1
    return cuts if len(cuts) >= 2 else []


def _lettered_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    prev = None
    for m in _LETTER.finditer(text):
        letter = m[1]
        if letter == "a" or (prev is not None and ord(letter) == ord(prev) + 1):
            cuts.append(m.start())
            prev = letter
    return cuts if len(cuts) >= 2 else []


def cut_points(text: str) -> list[int]:
    cuts = set(_numbered_cuts(text)) | set(_lettered_cuts(text))
    first_number = min(cuts, default=len(text))
    preamble = text[:first_number]
    cuts |= {m.end() for m in _PARTICIPLE.finditer(preamble)}
    cuts |= {m.end() for m in _CAPS_LEADIN.finditer(text)}
    m = _FORMULA.search(preamble)
    if m:
        cuts.add(m.end())
    cuts |= {m.end() for m in _ANNEX.finditer(text)}
    return sorted(c for c in cuts if 0 < c < len(text))


def unflatten(lines: list[Line]) -> list[Line]:
    total = sum(len(ln.text) for ln in lines)
    out: list[Line] = []
    for ln in lines:
        if len(ln.text) < _MIN_CHARS or len(ln.text) < _SHARE * total:
            out.append(ln)
            continue
        start = 0
        for cut in cut_points(ln.text):
            out += [Line(ln.number, ln.text[start:cut].rstrip()), Line(ln.number, "")]
            start = cut
        out.append(Line(ln.number, ln.text[start:]))
    return out
