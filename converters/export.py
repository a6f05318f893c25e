"""Collection -> `collection.json`, the collection as data (shape fixed by the converters issue)."""
from __future__ import annotations

import json
from typing import Any

from .model import Citation
from .pages import cited_in
from .paths import instrument_url, text_path, text_url
from .pipeline import Collection


def _citation(c: Citation) -> dict[str, Any]:
    return {"instrument": c.instrument, "text": c.text, "pinpoint": c.pinpoint}


def collection_data(collection: Collection) -> dict[str, Any]:
    index = cited_in(collection)
    documents = []
    for d in collection.documents:
        m = d.meta
        documents.append({
            "id": d.id,
            "source": d.source,
            "url": text_url(d.id),
            "markdown": text_path(d.id),
            "title": m.title,
            "body": m.body,
            "symbol": m.symbol,
            "date": m.date,
            "type": m.type,
            "language": m.language,
            "blocks": [
                {
                    "anchor": b.anchor,
                    "kind": b.kind,
                    "part": b.part,
                    "number": b.number,
                    "text": b.text,
                    "footnotes": [f"note-{n}" for n in b.notes],
                    "citations": [_citation(c) for c in b.citations],
                    "role": b.role,
                    "line": b.line,
                }
                for b in d.blocks
            ],
            "footnotes": [
                {"anchor": f.anchor, "number": f.label, "text": f.text, "citations": [_citation(c) for c in f.citations]}
                for f in d.footnotes
            ],
            "warnings": [str(n) for n in d.notices],
        })
    instruments = []
    for i in collection.instruments:
        instruments.append({
            "id": i.id,
            "title": i.title,
            "aliases": list(i.aliases),
            "kind": i.kind,
            "url": instrument_url(i.id),
            "document": i.document if i.document in {d.id for d in collection.documents} else None,
            "cited_in": [{"document": c.document, "anchor": c.anchor} for c in index.get(i.id, [])],
            "curated": i.curated,
            "body": i.body,
            "symbol": i.symbol,
            "date": i.date,
            "official_url": i.url,
        })
    return {"documents": documents, "instruments": instruments}


def collection_json(collection: Collection) -> str:
    return json.dumps(collection_data(collection), ensure_ascii=False, separators=(",", ":")) + "\n"
