"""Document -> the HTML of its page, directly (a pure function, no I/O).

The Markdown of `render.py` stays the product a reader downloads; rendering it again with
Python-Markdown on every build cost most of the build time, so the site's HTML is written
here from the same pieces. It is the HTML Python-Markdown gives for that Markdown (attr_list
ids and classes, footnotes, links), with the guide's footnote ids (note-1, appel-1, appel-1-2),
French back-link titles and each block's spoken label (data-label, for the paragraph links);
tests/test_html.py compares it with Python-Markdown's HTML of the same Markdown.
"""
from __future__ import annotations

from html import escape as _html_escape

from .anchors import anchor_label
from .model import Block, Document, NoteRef
from .paths import site_path
from .render import LinkFor, block_classes, collapse, heading_level, number_prefix, pieces, wrap

def text(s: str) -> str:
    return collapse(_html_escape(s, quote=False))


def attr(s: str) -> str:
    return _html_escape(s, quote=True)


class _Notes:
    """Footnote numbering as Python-Markdown shows it (order of definition), and the id of
    each reference: appel-1, then appel-1-2 for the second reference to note 1."""

    def __init__(self, doc: Document):
        self.index = {f.label: n for n, f in enumerate(doc.footnotes, start=1)}
        self.anchor = {f.label: f.anchor for f in doc.footnotes}
        self.refs: dict[str, list[str]] = {}

    def ref(self, label: str) -> str:
        if label not in self.index:
            return text(label)
        ids = self.refs.setdefault(label, [])
        ref_id = f"appel-{label}" + (f"-{len(ids) + 1}" if ids else "")
        ids.append(ref_id)
        return (f'<sup id="{attr(ref_id)}"><a class="footnote-ref" href="#{attr(self.anchor[label])}">'
                f"{self.index[label]}</a></sup>")


def inline(segments, citations, link_for: LinkFor | None, notes: _Notes) -> str:
    out: list[str] = []
    for piece in pieces(segments, citations, link_for):
        if isinstance(piece, NoteRef):
            out.append(notes.ref(piece.label))
            continue
        kind, s, link = piece
        h = wrap(kind, text(s), ("<em>", "</em>"))
        if link:
            url, title = link
            h = f'<a href="{attr(site_path(url))}" title="{attr(title)}">{h}</a>'
        out.append(h)
    return "".join(out)


def block_html(block: Block, link_for: LinkFor | None, notes: _Notes) -> str:
    h = inline(block.segments, block.citations, link_for, notes).strip()
    ident = f'id="{attr(block.anchor)}" data-label="{attr(anchor_label(block.anchor))}"'
    if block.kind == "heading" and block.role in ("title", "heading"):
        n = heading_level(block)
        return f"<h{n} {ident}>{h}</h{n}>"
    classes = block_classes(block)
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<p{cls} {ident}>{number_prefix(block, h, text, ('<strong>', '</strong>'), '')}</p>"


def render_html(doc: Document, link_for: LinkFor | None = None) -> tuple[str, list[dict]]:
    """(HTML of the page content, toc tokens as Python-Markdown's toc extension gives them)."""
    notes = _Notes(doc)
    parts: list[str] = []
    toc: list[dict] = []
    if not any(b.role == "title" for b in doc.blocks):
        title = doc.meta.title or doc.id
        parts.append(f'<h1 id="titre">{text(title)}</h1>')
        toc.append({"level": 1, "id": "titre", "name": text(title), "children": []})
    for b in doc.blocks:
        parts.append(block_html(b, link_for, notes))
        if b.kind == "heading" and b.role in ("title", "heading"):
            token = {"level": heading_level(b), "id": b.anchor, "name": text(b.text).strip(), "children": []}
            parent = toc
            while parent and parent[-1]["level"] < token["level"]:
                parent = parent[-1]["children"]
            parent.append(token)
    if doc.footnotes:
        items = []
        for f in doc.footnotes:
            body = inline(f.segments, f.citations, link_for, notes).strip()
            n = notes.index[f.label]
            back = "".join(f'<a class="footnote-backref" href="#{attr(r)}" title="Retour à l’appel de note {n}">&#8617;</a>'
                           for r in notes.refs.get(f.label, ()))
            items.append(f'<li id="{attr(f.anchor)}" data-label="{attr(anchor_label(f.anchor))}">\n<p>{body}{"&#160;" + back if back else ""}</p>\n</li>')
        parts.append('<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>")
    return "\n".join(parts), toc
