"""What a live preview (`mkdocs serve`) keeps from one rebuild to the next.

MkDocs loads the hooks module again for every rebuild, but the converters package stays
imported: these dictionaries outlive a rebuild, so that after an edit only what changed is
converted, indexed and rendered again. A full build never fills them.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# page source path -> (digest of everything its HTML depends on, the HTML MkDocs wrote)
page_outputs: dict[str, tuple[str, str]] = {}
# document id -> (the Document, what was made from it): reused while the pipeline returns
# the same Document object, i.e. while its seed, metadata and the registry are unchanged
document_json: dict[str, tuple[Any, str]] = {}  # export.collection_json
search_entries: dict[str, tuple[Any, list]] = {}  # search.text_entries
published: dict[str, tuple[Any, dict]] = {}  # lock.published
instrument_pages: dict[str, tuple] = {}  # instrument id -> what its pages came from, and them (pages.all_pages)
# (title, text) of a search entry -> its term counts (search.build)
search_terms: dict[tuple[str, str], Counter] = {}
# compiled theme templates (Jinja bytecode), by template name and source checksum
templates: dict[str, bytes] = {}


def for_document(memo: dict[str, tuple[Any, T]] | None, doc: Any, make: Callable[[Any], T]) -> T:
    """make(doc); with a memo (document id -> (Document, value)), the value made last time
    for this same Document object, which the pipeline returns while the text is unchanged."""
    if memo is None:
        return make(doc)
    hit = memo.get(doc.id)
    if hit is None or hit[0] is not doc:
        hit = memo[doc.id] = (doc, make(doc))
    return hit[1]
