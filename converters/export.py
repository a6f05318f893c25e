"""Collection -> `collection.json`, the collection as data (shape fixed by the converters issue)."""
from __future__ import annotations

import json
from typing import Any

from .live import for_document
from .model import Citation, Document
from .pages import cited_in
from .paths import instrument_url, text_path, text_url
from .pipeline import Collection


def _citation(c: Citation) -> dict[str, Any]:
    return {"instrument": c.instrument, "text": c.text, "pinpoint": c.pinpoint}


def document_data(d: Document) -> dict[str, Any]:
    m = d.meta
    return {
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
    }


def instruments_data(collection: Collection) -> list[dict[str, Any]]:
    index = cited_in(collection)
    instruments = []
    for i in collection.instruments:
        instruments.append({
            "id": i.id,
            "title": i.title,
            "aliases": list(i.aliases),
            "kind": i.kind,
            "url": instrument_url(i.id),
            "document": i.document if i.document in collection.documents_by_id else None,
            "cited_in": [{"document": c.document, "anchor": c.anchor} for c in index.get(i.id, [])],
            "curated": i.curated,
            "body": i.body,
            "symbol": i.symbol,
            "date": i.date,
            "official_url": i.url,
        })
    return instruments


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def collection_json(collection: Collection, memo: dict[str, tuple[Document, str]] | None = None) -> str:
    """{"documents": [...], "instruments": [...]} as compact JSON, encoded document by document
    so that a live preview (memo: document id -> (Document, its JSON)) encodes only what changed."""
    parts = [for_document(memo, d, lambda d: _json(document_data(d))) for d in collection.documents]
    return '{"documents":[' + ",".join(parts) + '],"instruments":' + _json(instruments_data(collection)) + "}\n"
