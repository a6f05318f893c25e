"""Document -> clean Markdown (a pure function, no I/O).

Seed text is data: every character Python-Markdown could read as markup is escaped, so
the page shows exactly what the seed says. The only markup is the one this module adds:
printed numbers in bold, emphasis and superscripts recognised by the parser, `[^n]`
footnotes, links from mentions to instrument pages, and `{: #id }` attribute lists.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Callable, Optional

from .anchors import part_prefix
from .model import Block, Citation, Document, Emph, NoteRef, Segment, Sup

LinkFor = Callable[[str], Optional[tuple[str, str]]]  # instrument id -> (url, title)

_ESCAPE = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}",
    "#": "\\#", "<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "!": "\\!",
})
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=\.))")
_SPACES = re.compile(r"\s{2,}")


_SPECIAL = re.compile(r"[\\`*_\[\]{}#<>&|!]")


def collapse(text: str) -> str:
    """Runs of spaces and line ends read as one space, as a browser shows them."""
    return _SPACES.sub(" ", text)


def escape(text: str) -> str:
    """Escape seed text for Python-Markdown (inline position)."""
    if _SPECIAL.search(text):  # most text has none: skip the (slow, per character) translation
        text = text.translate(_ESCAPE)
    return collapse(text)


def _escape_line_start(md: str) -> str:
    m = _LINE_START.match(md)
    if not m:
        return md
    if m.group(2)[0].isdigit():  # "1." would open an ordered list
        end = m.end()
        return md[:end] + "\\" + md[end:] if md[end : end + 1] == "." else md
    return md[: m.start(2)] + "\\" + md[m.start(2) :]


def wrap(kind: type, body: str, emph: tuple[str, str] = ("*", "*")) -> str:
    """Escaped text of one segment in its markup: emphasis around the words only (spaces
    stay outside), superscript as <sup> (both Markdown and HTML)."""
    if kind is Emph:
        core = body.strip()
        if not core:
            return body
        return f"{body[: len(body) - len(body.lstrip())]}{emph[0]}{core}{emph[1]}{body[len(body.rstrip()):]}"
    if kind is Sup:
        return f"<sup>{body}</sup>"
    return body


def pieces(segments: tuple[Segment, ...], citations: tuple[Citation, ...] = (), link_for: LinkFor | None = None):
    """Segments cut at the edges of linkable citation spans: yields NoteRef, or
    (segment type, text, (url, title) or None). Shared by the Markdown and HTML renderers."""
    spans = []
    if link_for is not None:
        for c in sorted(citations, key=lambda c: (c.start, -c.end)):
            target = link_for(c.instrument) if c.start >= 0 else None
            if target and (not spans or c.start >= spans[-1][1]):
                spans.append((c.start, c.end, target))
    pos = 0
    for seg in segments:
        if isinstance(seg, NoteRef):
            yield seg
            continue
        start, end = pos, pos + len(seg.text)
        pos = end
        if not any(s < end and start < e for s, e, _ in spans):  # most segments: no link
            if seg.text:
                yield type(seg), seg.text, None
            continue
        cuts = sorted({start, end, *(x for s, e, _ in spans for x in (s, e) if start < x < end)})
        for a, b in zip(cuts, cuts[1:]):
            link = next((t for s, e, t in spans if s <= a and b <= e), None)
            yield type(seg), seg.text[a - start : b - start], link


def render_inline(segments: tuple[Segment, ...], citations: tuple[Citation, ...] = (), link_for: LinkFor | None = None) -> str:
    """Segments -> Markdown, with each linkable citation span turned into a link."""
    out: list[str] = []
    for piece in pieces(segments, citations, link_for):
        if isinstance(piece, NoteRef):
            out.append(f"[^{piece.label}]")
            continue
        kind, text, link = piece
        md = wrap(kind, escape(text))
        if link:
            url, title = link
            title = title.replace('"', "&quot;")
            md = f'[{md}]({url} "{title}")'
        out.append(md)
    return "".join(out)


@lru_cache(maxsize=4096)
def _number_pattern(escaped_number: str, backslash: str) -> re.Pattern:
    b = backslash
    return re.compile(rf"^((?:{b}-|[–—•])?\s*{b}\(?" + re.escape(escaped_number) + rf"(?:{b}[.)])?)(?=\s|$)")


def number_prefix(block: Block, out: str, esc: Callable[[str], str] | None = None, bold: tuple[str, str] = ("**", "**"),
                  backslash: str = r"\\?") -> str:
    """Set the printed number ("11.", "- 1)", "a)") at the start of rendered text in bold,
    unchanged. `backslash` allows Markdown's escapes before - ( . ); none in HTML."""
    if not block.number:
        return out
    m = _number_pattern((esc or escape)(block.number), backslash).match(out)
    return f"{bold[0]}{m.group(1)}{bold[1]}{out[m.end():]}" if m else out


def heading_level(block: Block) -> int:
    if block.role == "title":
        return 1 if block.part == "body" else 3
    return 2 if block.anchor == part_prefix(block.part).rstrip("-") else 3


CLASSES = {"header": "entete", "chrome": "web-chrome", "closing": "cloture", "formula": "formule", "leadin": "chapeau",
           "running": "page"}


def block_classes(block: Block) -> list[str]:
    classes = [CLASSES[block.role]] if block.role in CLASSES else []
    return classes + (["item"] if block.kind == "item" else [])


def render_block(block: Block, link_for: LinkFor | None = None) -> str:
    md = render_inline(block.segments, block.citations, link_for).strip()
    if block.kind == "heading" and block.role in ("title", "heading"):
        return f"{'#' * heading_level(block)} {md} {{: #{block.anchor} }}"
    md = _escape_line_start(number_prefix(block, md))
    classes = "".join(f" .{c}" for c in block_classes(block))
    return f"{md}\n{{: #{block.anchor}{classes} }}"


def front_matter(doc: Document) -> str:
    m = doc.meta
    fields = {
        "title": m.title or doc.id,
        "id": doc.id,
        "body": m.body,
        "symbol": m.symbol,
        "date": m.date,
        "type": m.type,
        "language": m.language,
        "source": m.source,
        "seed": doc.source,
    }
    # JSON strings are valid YAML scalars and keep every character as it is.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def render(doc: Document, link_for: LinkFor | None = None) -> str:
    parts = [front_matter(doc)]
    if not any(b.role == "title" for b in doc.blocks):
        parts.append(f"# {escape(doc.meta.title or doc.id)} {{: #titre }}")
    for b in doc.blocks:
        parts.append(render_block(b, link_for))
    for f in doc.footnotes:
        parts.append(f"[^{f.label}]: {render_inline(f.segments, f.citations, link_for).strip()}")
    return "\n\n".join(parts) + "\n"
