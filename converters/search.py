"""Search index entries: one per paragraph, so a hit lands on the paragraph (`page.html#op-11`)."""
from __future__ import annotations

from html import escape
from typing import Any

from .anchors import anchor_label
from .pages import TEXTS
from .pipeline import Collection


def paragraph_index(entries: list[dict[str, Any]], collection: Collection) -> list[dict[str, Any]]:
    """Replace the page-level entries of every text with a page entry and one entry per block."""
    pages = {f"{TEXTS}/{d.id}.html": d for d in collection.documents}
    out = [e for e in entries if e.get("location", "").split("#")[0] not in pages]
    for location, doc in sorted(pages.items()):
        m = doc.meta
        summary = " — ".join(x for x in (m.body, m.symbol, m.date, m.type) if x)
        out.append({"location": location, "title": escape(m.title or doc.id), "text": escape(summary)})
        for b in doc.blocks:
            if b.role == "title":
                continue
            label = anchor_label(b.anchor)
            out.append({"location": f"{location}#{b.anchor}", "title": escape(label[:1].upper() + label[1:]),
                        "text": escape(b.text)})
        for f in doc.footnotes:
            out.append({"location": f"{location}#{f.anchor}", "title": f"Note {escape(f.label)}", "text": escape(f.text)})
    return out
