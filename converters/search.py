"""The search index, built once at build time so that search is instant offline.

Material's own worker rebuilds a lunr index in the browser on every page load (seconds for
thousands of texts, from file:// on every click). Here the index is inverted in Python and
cut in small files under `search/recueil/`, which `assets/recueil-search.js` (a worker that
answers Material's search messages) loads only as a query needs them:

    meta.js          pages, number of entries, shard keys
    t/<ab>.js        postings of the terms that start with "ab": term -> [entry, tf, ...]
    p/<n>.js         the entries of page n: [anchor, title, text] (entry 0 is the page)

An entry is one paragraph, footnote or page: a hit lands on the paragraph (`page#op-11`).
Terms: lower case, accents off, split on anything but a-z0-9, stop words out, a light
French stemmer (plural and feminine endings). `recueil-search.js` has the same rules; a
browser test checks that both give the same terms.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from html import escape, unescape
from typing import Any, Iterable

from .anchors import anchor_label
from .live import for_document
from .paths import instrument_url, text_url
from .model import Document
from .pipeline import Collection
from .registry import KIND_LABELS

DIR = "search/recueil"
STOP = frozenset(
    "a au aux avec ce ces cet cette d dans de des du elle en et est il ils l la le les leur leurs lui ma mais me "
    "meme mes n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sont sur ta te tes ton tu un une "
    "vos votre vous y".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_TAGS = re.compile(r"<[^>]+>")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
TITLE_WEIGHT = 3  # a word of an entry's title counts as three occurrences


def fold(text: str) -> str:
    text = _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))
    if "œ" in text or "æ" in text or "ß" in text:  # str.translate would look up every character
        text = text.translate(_LIGATURES)
    return text


def stem(word: str) -> str:
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    while len(word) > 4 and word.endswith("e"):  # organisé, organisée(s) -> organis
        word = word[:-1]
    return word


class _Terms(dict):
    """word -> its term (None for a stop word), computed on first sight of the word."""

    def __missing__(self, word: str) -> str | None:
        t = self[word] = None if word in STOP or (len(word) == 1 and not word.isdigit()) else stem(word)
        return t


_TERMS = _Terms()


def _words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def terms(text: str) -> list[str]:
    return [t for t in map(_TERMS.__getitem__, _words(text)) if t]


def term_counts(text: str, weight: int = 1, into: Counter | None = None) -> Counter:
    """Occurrences of each term, counted in C: words mapped to terms by dictionary lookups."""
    counts = Counter(map(_TERMS.__getitem__, _words(text)))
    counts.pop(None, None)
    if into is None and weight == 1:
        return counts
    out = Counter() if into is None else into
    for t, n in counts.items():
        out[t] += n * weight
    return out


def shard_key(term: str) -> str:
    return term[:2]


# -- entries -----------------------------------------------------------------------------
def text_entries(collection: Collection, memo: dict[str, tuple[Document, list]] | None = None) -> list[dict[str, str]]:
    """A page entry and one entry per block and footnote of every text. memo (live preview):
    document id -> (Document, its entries), reused while the document is the same object."""
    out = []
    for doc in sorted(collection.documents, key=lambda d: d.id):
        out += for_document(memo, doc, document_entries)
    return out


def document_entries(doc: Document) -> list[dict[str, str]]:
    location = text_url(doc.id)
    m = doc.meta
    summary = " — ".join(x for x in (m.body, m.symbol, m.date, m.type) if x)
    out = [{"location": location, "title": escape(m.title or doc.id), "text": escape(summary), "plain": summary}]
    for b in doc.blocks:
        if b.role == "title":
            continue
        label = anchor_label(b.anchor)
        out.append({"location": f"{location}#{b.anchor}", "title": escape(label[:1].upper() + label[1:]),
                    "text": escape(b.text), "plain": b.text})
    for f in doc.footnotes:
        out.append({"location": f"{location}#{f.anchor}", "title": f"Note {escape(f.label)}", "text": escape(f.text),
                    "plain": f.text})
    return out


def instrument_entries(collection: Collection) -> list[dict[str, str]]:
    out = []
    for inst in sorted(collection.instruments, key=lambda i: i.id):
        facts = [KIND_LABELS.get(inst.kind, inst.kind), inst.body, inst.symbol, inst.date, *inst.aliases]
        out.append({"location": instrument_url(inst.id), "title": escape(inst.title),
                    "text": escape(" — ".join(x for x in facts if x))})
    return out


# -- index -------------------------------------------------------------------------------
def _js(call: str, *args: Any) -> str:
    return f"self.__rs.{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
                                           for a in args) + ");\n"


PAGE_SPAN = 1 << 16  # entry id = page number * PAGE_SPAN + index of the entry in its page


def build(entries: Iterable[dict[str, str]], memo: dict[tuple[str, str], Counter] | None = None) -> dict[str, str]:
    """Search entries (location, title, text as HTML) -> {path under the site: file content}.
    memo (live preview): term counts of the previous build's entries, replaced by this one's."""
    # page -> its entries: (anchor, title, text as HTML, plain text or None), the page first
    pages: dict[str, list[tuple[str, str, str, str | None]]] = {}
    for e in entries:
        page, _, anchor = e["location"].partition("#")
        item = (anchor, e.get("title") or "", e.get("text") or "", e.get("plain"))
        items = pages.setdefault(page, [])
        if anchor:
            items.append(item)
        else:
            items.insert(0, item)
    postings: dict[str, list[int]] = defaultdict(list)
    used: dict[tuple[str, str], Counter] = {}
    files: dict[str, str] = {}
    names = sorted(pages)
    count = 0
    for p, page in enumerate(names):
        items = pages[page]
        if not items or items[0][0]:
            items.insert(0, ("", page, "", ""))
        if len(items) > PAGE_SPAN:
            items[PAGE_SPAN:] = []  # beyond 65,536 entries a page is not searched further
        for k, (_, title, body, plain) in enumerate(items):
            key = (title, body if plain is None else plain)
            tf = memo.get(key) if memo is not None else None
            if tf is None:
                tf = term_counts(plain if plain is not None else unescape(_TAGS.sub(" ", body)))
                term_counts(unescape(_TAGS.sub(" ", title)), TITLE_WEIGHT, tf)
            if memo is not None:
                used[key] = tf
            entry = p * PAGE_SPAN + k
            for t, n in tf.items():
                postings[t] += (entry, n)
        count += len(items)
        files[f"{DIR}/p/{p}.js"] = _js("docs", p, [list(i[:3]) for i in items])
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for t in sorted(postings):
        shards[shard_key(t)][t] = postings[t]
    for key, table in shards.items():
        files[f"{DIR}/t/{key}.js"] = _js("terms", key, table)
    if memo is not None:
        memo.clear()
        memo.update(used)
    files[f"{DIR}/meta.js"] = _js("meta", {"pages": names, "entries": count, "shards": sorted(shards), "span": PAGE_SPAN})
    return files
