"""The one place where block ids are made. Ids are citations: they must never change
meaning, so they come from the printed numbering, never from hashes or random values.

Short names (the part prefix `annexe-` / `annexe-2-` goes before each inside an annex):

    entete-N      header line N (organ, session, distribution...)
    titre         title
    intertitre-N  heading inside a part;  annexe: the annex heading line itself
    formule       enacting formula ("L'Assemblée générale,")
    pp-N          preambular paragraph N (preambles are never numbered in print: counted)
    pp-N-K        K-th "Que…" item under the preambular lead-in pp-N
    dispositif    lead-in of the operative part ("DÉCIDE :"), dispositif-2 for a second one
    op-11         operative paragraph as printed ("11." -> op-11, "2.1." -> op-2-1)
    op-a          lettered operative paragraph with no number above it
    op-5-a        item a) of operative paragraph 5
    op-5-suite-K  K-th unnumbered paragraph continuing operative paragraph 5
    p-N           unnumbered paragraph of a text with no numbering (press release)
    cloture-N     closing formula line
    web-N         web-page chrome kept apart (menu, repeated title, caption)
    page-3        printed page number 3 between paragraphs ("- 3 -", "Page 3")
    courant-N     N-th running header line (the symbol repeated on every page)
    note-1        footnote 1

Number cleaning: lower case, surrounding brackets and dots dropped, inner dots and spaces
become "-" ("2.1." -> "2-1", "(iv)" -> "iv", "a)" -> "a"). A repeated id gets "_2", "_3".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Block, Document, evolve

_CLEAN = re.compile(r"[^0-9a-z]+")
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d+(?:\s*/\s*\d+)?\W*$", re.I)


def clean_number(printed: str) -> str:
    """'11.' -> '11', '2.1.' -> '2-1', '(iv)' -> 'iv', 'a)' -> 'a'."""
    return _CLEAN.sub("-", printed.lower()).strip("-")


def part_prefix(part: str) -> str:
    if part == "body":
        return ""
    return "annexe-" if part == "annex" else "annexe-" + part.split("-", 1)[1] + "-"


def assign(doc: Document) -> Document:
    counters: dict[str, int] = {}
    used: dict[str, int] = {}
    pp_of_leadin: dict[tuple[str, str], str] = {}
    que_count: dict[str, int] = {}
    suite_count: dict[str, int] = {}
    blocks: list[Block] = []

    def count(key: str) -> int:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]

    for b in doc.blocks:
        pre = part_prefix(b.part)
        key = b.part + ":"
        if b.role == "header":
            local = f"entete-{count(key + 'entete')}"
        elif b.role == "title":
            local = "titre"
        elif b.role == "heading" and not blocks_in_part(blocks, b.part) and b.part != "body":
            local = ""  # the annex heading line: "annexe"
        elif b.role == "heading":
            local = f"intertitre-{count(key + 'intertitre')}"
        elif b.role == "formula":
            local = "formule"
        elif b.role == "leadin" and b.kind == "preamble":
            n = count(key + "pp")
            local = f"pp-{n}"
            pp_of_leadin[(b.part, f"pp-{n}")] = local
        elif b.role == "leadin":
            n = count(key + "dispositif")
            local = "dispositif" if n == 1 else f"dispositif-{n}"
        elif b.role == "running":
            printed = re.search(r"\d+", b.text) if _PAGE_NUMBER.match(b.text) else None
            local = f"page-{printed[0]}" if printed else f"courant-{count(key + 'courant')}"
        elif b.role == "chrome":
            local = f"web-{count(key + 'web')}"
        elif b.role == "closing":
            local = f"cloture-{count(key + 'cloture')}"
        elif b.kind == "preamble":
            local = f"pp-{count(key + 'pp')}"
        elif b.kind == "item" and b.parent and b.parent.startswith("pp-"):
            k = que_count[pre + b.parent] = que_count.get(pre + b.parent, 0) + 1
            local = f"{b.parent}-{k}"
        elif b.kind == "item" and b.number:
            local = f"op-{clean_number(b.parent or '')}-{clean_number(b.number)}"
        elif b.kind == "operative" and b.number:
            local = f"op-{clean_number(b.number)}"
        elif b.parent:
            k = suite_count[pre + b.parent] = suite_count.get(pre + b.parent, 0) + 1
            local = f"op-{clean_number(b.parent)}-suite-{k}"
        else:
            local = f"p-{count(key + 'p')}"
        anchor = (pre + local).strip("-") if local else pre.rstrip("-")
        if anchor in used:
            used[anchor] += 1
            anchor = f"{anchor}_{used[anchor]}"
        else:
            used[anchor] = 1
        blocks.append(evolve(b, anchor=anchor))
    notes = tuple(evolve(f, anchor=f"note-{clean_number(f.label)}") for f in doc.footnotes)
    return evolve(doc, blocks=tuple(blocks), footnotes=notes)


def blocks_in_part(blocks: list[Block], part: str) -> bool:
    return any(b.part == part for b in blocks)


_LABELS = [
    (re.compile(r"^op-(\d+(?:-\d+)*)-([a-z]{1,2})$"), lambda m: f"paragraphe {m[1].replace('-', '.')}, alinéa {m[2]})"),
    (re.compile(r"^op-(\d+(?:-\d+)*)-suite-(\d+)$"), lambda m: f"paragraphe {m[1].replace('-', '.')} (suite {m[2]})"),
    (re.compile(r"^op-(\d+(?:-\d+)*)$"), lambda m: f"paragraphe {m[1].replace('-', '.')}"),
    (re.compile(r"^op-([a-z]{1,2})$"), lambda m: f"alinéa {m[1]})"),
    (re.compile(r"^pp-(\d+)-(\d+)$"), lambda m: f"alinéa {m[1]} du préambule, point {m[2]}"),
    (re.compile(r"^pp-(\d+)$"), lambda m: f"alinéa {m[1]} du préambule"),
    (re.compile(r"^note-(\w+)$"), lambda m: f"note {m[1]}"),
    (re.compile(r"^p-(\d+)$"), lambda m: f"paragraphe {m[1]} (non numéroté)"),
    (re.compile(r"^entete-(\d+)$"), lambda m: f"en-tête, ligne {m[1]}"),
    (re.compile(r"^intertitre-(\d+)$"), lambda m: f"intertitre {m[1]}"),
    (re.compile(r"^cloture-(\d+)$"), lambda m: "formule finale"),
    (re.compile(r"^web-(\d+)$"), lambda m: f"élément de page web {m[1]}"),
    (re.compile(r"^page-(\d+)$"), lambda m: f"page {m[1]}"),
    (re.compile(r"^courant-(\d+)$"), lambda m: f"titre courant {m[1]}"),
    (re.compile(r"^titre$"), lambda m: "titre"),
    (re.compile(r"^formule$"), lambda m: "formule d'introduction"),
    (re.compile(r"^dispositif(?:-(\d+))?$"), lambda m: "chapeau du dispositif"),
]


@lru_cache(maxsize=8192)  # a few hundred distinct anchors, labelled for every citing paragraph
def anchor_label(anchor: str) -> str:
    """How a reader cites a block: 'op-11' -> 'paragraphe 11', 'annexe-op-5-a' -> 'annexe, paragraphe 5, alinéa a)'."""
    base, _, dup = anchor.partition("_")
    m = re.match(r"^annexe(?:-(\d+))?(?:-(.*))?$", base)
    prefix = ""
    if m and (m[2] is None or not m[2][:1].isdigit() or m[1]):
        prefix = f"annexe {m[1]}" if m[1] else "annexe"
        base = m[2] or ""
    if not base:
        return prefix
    for rx, label in _LABELS:
        mm = rx.match(base)
        if mm:
            text = label(mm)
            break
    else:
        text = base
    if dup:
        text += f" ({dup}e occurrence)"
    return f"{prefix}, {text}" if prefix else text
