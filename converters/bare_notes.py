"""Footnotes printed with plain digits -> the superscript form the rest of the pipeline reads.

A PDF copy often loses the superscript: "organisée1 et ses protocoles2," with the bodies
"1 Nations Unies, …" at the foot of the page. A line is taken as the body of note N only
when it starts with "N " and a word earlier in the text carries N glued to its end; then
both the marker and the body's number are written as superscripts. Nothing else changes.
"""
from __future__ import annotations

import re

from .model import Line
from .patterns import SUPERSCRIPT_DIGITS

_BODY = re.compile(r"^(\d{1,3})\s+(?=[A-ZÀ-Ýa-zà-ÿ«\"“])")
_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


# A footnote number glued to the end of a word: "organisée1", "protocoles»2"
_DIGIT = re.compile(r"\d")
_GLUED = re.compile(r"(?=\d)(?<=[a-zà-ÿ]{2}[a-zà-ÿ»”])(\d{1,3})(?=[\s,;.:)»”]|$)")


def superscript_bare_notes(lines: list[Line]) -> list[Line]:
    texts = [ln.text for ln in lines]
    shaped = [_BODY.match(t) for t in texts]
    # a body starts a line after a blank or after another body
    starts = {i: m[1] for i, m in enumerate(shaped)
              if m and not (i > 0 and texts[i - 1].strip() and not shaped[i - 1])}
    if not starts:
        return lines  # most texts: no scan for glued numbers at all
    first_glued: dict[str, int] = {}  # label -> first line (not itself a body) where it is glued to a word
    for j in range(max(starts)):
        if not shaped[j] and _DIGIT.search(texts[j]):
            for g in _GLUED.finditer(texts[j]):
                first_glued.setdefault(g[1], j)
    bodies = {i: label for i, label in starts.items() if first_glued.get(label, len(texts)) < i}
    if not bodies:
        return lines
    labels = set(bodies.values())
    last = max(bodies)

    def marker(m: re.Match) -> str:
        return m[1].translate(_SUPER) if m[1] in labels else m[1]

    out = []
    for i, ln in enumerate(lines):
        if i in bodies:
            label = bodies[i]
            out.append(Line(ln.number, label.translate(_SUPER) + ln.text[len(label):]))
        elif i < last:
            out.append(Line(ln.number, _GLUED.sub(marker, ln.text)))
        else:
            out.append(ln)
    return out
