"""Collection -> the Markdown of every generated page (pure functions, no I/O, no MkDocs).

Paths returned are relative to the docs folder; links between pages are relative `.md`
links so that MkDocs checks them and rewrites them for a server or for file://.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from .anchors import anchor_label
from .model import Block, Citation, Document
from .pipeline import Collection
from .registry import KIND_LABELS, Instrument
from .render import escape, render, render_inline

TEXTS = "textes"
INSTRUMENTS = "instruments"
BROWSE = "parcourir"


def text_path(doc_id: str) -> str:
    return f"{TEXTS}/{doc_id}.md"


def instrument_path(iid: str) -> str:
    return f"{INSTRUMENTS}/{iid}.md"


def _rel(from_path: str, to_path: str) -> str:
    """Relative link between two docs-relative paths."""
    up = from_path.count("/")
    return "../" * up + to_path


@dataclass(frozen=True)
class CitedIn:
    document: str
    anchor: str  # the block that cites (directly or through a footnote it references)
    citation: Citation
    note: str | None = None  # anchor of the footnote the citation comes from


def cited_in(collection: Collection) -> dict[str, list[CitedIn]]:
    """instrument id -> every (document, block) citing it, in reading order."""
    out: dict[str, list[CitedIn]] = defaultdict(list)
    for doc in collection.documents:
        notes = {f.label: f for f in doc.footnotes}
        for b in doc.blocks:
            seen: set[str] = set()
            for c in b.citations:
                if c.instrument not in seen:
                    out[c.instrument].append(CitedIn(doc.id, b.anchor, c))
                    seen.add(c.instrument)
            for label in b.notes:
                f = notes.get(label)
                for c in f.citations if f else ():
                    if c.instrument not in seen:
                        out[c.instrument].append(CitedIn(doc.id, b.anchor, c, f.anchor))
                        seen.add(c.instrument)
    return out


def link_for(collection: Collection, from_path: str):
    def target(iid: str) -> tuple[str, str] | None:
        inst = collection.instrument(iid)
        if inst is None:
            return None
        return _rel(from_path, instrument_path(iid)), inst.title

    return target


def _year(date: str | None) -> str | None:
    return date[:4] if date else None


def _doc_line(doc: Document, from_path: str) -> str:
    m = doc.meta
    bits = [b for b in (m.symbol, m.body, m.date) if b]
    return f"- [{escape(m.title or doc.id)}]({_rel(from_path, text_path(doc.id))})" + (
        f" — {escape(', '.join(bits))}" if bits else ""
    )


def text_page(collection: Collection, doc: Document) -> str:
    return render(doc, link_for(collection, text_path(doc.id)))


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+")


def _sentence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence around [start, end): (before, mention, after), shortened to ~300 chars."""
    if start < 0:
        return "", "", text[:300] + ("…" if len(text) > 300 else "")
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    s = max(b for b in bounds if b <= start)
    e = min((b for b in bounds if b >= end), default=len(text))
    before, mention, after = text[s:start], text[start:end], text[end:e].rstrip()
    if len(before) > 160:
        before = "…" + before[-160:].split(" ", 1)[-1]
    if len(after) > 160:
        after = after[:160].rsplit(" ", 1)[0] + "…"
    return before, mention, after


def instrument_page(collection: Collection, inst: Instrument, cites: list[CitedIn]) -> str:
    path = instrument_path(inst.id)
    docs = {d.id: d for d in collection.documents}
    fm = {"title": inst.title, "instrument": inst.id}
    lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()), "---", ""]
    lines.append(f"# {escape(inst.title)} {{: #titre }}")
    lines.append("")
    if not inst.curated:
        lines.append('!!! warning "Instrument non encore répertorié"')
        lines.append("    Cette page a été créée automatiquement à partir d'une mention dans les textes. "
                     "Un curateur peut l'ajouter au registre (`make candidates`).")
        lines.append("")
    facts = [("Type", KIND_LABELS.get(inst.kind, inst.kind)), ("Organe", inst.body), ("Cote", inst.symbol),
             ("Date", inst.date), ("Recueil des Traités", inst.treaty_series)]
    if inst.annex_of:
        parent = collection.instrument(inst.annex_of)
        if parent:
            facts.append(("Adopté en annexe", f"annexe {inst.annex} de [{escape(parent.title)}]({_rel(path, instrument_path(parent.id))})"))
    names_seen = sorted({c.citation.text for c in cites if c.citation.via in ("name", "symbol", "series")} - {inst.title})
    lines.append('<dl class="fiche" markdown>')
    for label, value in facts:
        if value:
            rendered = value if label == "Adopté en annexe" else escape(value)
            lines.append(f"<dt>{label}</dt>\n<dd markdown>{rendered}</dd>")
    for rtype, target in inst.relations:
        t = collection.instrument(target)
        if t:
            verb = {"supplements": "Complète"}.get(rtype, rtype)
            lines.append(f"<dt>{escape(verb)}</dt>\n<dd markdown>[{escape(t.title)}]({_rel(path, instrument_path(t.id))})</dd>")
    supplemented = [i for i in collection.instruments if any(tg == inst.id for _, tg in i.relations)]
    for i in supplemented:
        lines.append(f"<dt>Complété par</dt>\n<dd markdown>[{escape(i.title)}]({_rel(path, instrument_path(i.id))})</dd>")
    if inst.aliases:
        lines.append(f"<dt>Autres noms</dt>\n<dd>{escape(' ; '.join(inst.aliases))}</dd>")
    if names_seen:
        lines.append(f"<dt>Formes rencontrées</dt>\n<dd>{escape(' ; '.join(names_seen))}</dd>")
    if inst.document and inst.document in docs:
        lines.append(f"<dt>Dans le recueil</dt>\n<dd markdown>[{escape(docs[inst.document].meta.title or inst.document)}]({_rel(path, text_path(inst.document))})</dd>")
    if inst.url:
        lines.append(f"<dt>Texte officiel</dt>\n<dd><a href=\"{escape(inst.url)}\">{escape(inst.url)}</a></dd>")
    lines.append("</dl>")
    lines.append("")
    by_doc: dict[str, list[CitedIn]] = defaultdict(list)
    for c in cites:
        by_doc[c.document].append(c)
    lines.append(f'<p class="compte" markdown>Cité par **{len(cites)}** paragraphe{"s" if len(cites) != 1 else ""} '
                 f'dans **{len(by_doc)}** texte{"s" if len(by_doc) != 1 else ""} du recueil.</p>')
    lines.append("")
    for doc_id in sorted(by_doc, key=lambda d: (docs[d].meta.date or "", d)):
        doc = docs[doc_id]
        blocks = {b.anchor: b for b in doc.blocks}
        lines.append(f"## {escape(doc.meta.title or doc.id)} {{: #{doc_id} }}")
        lines.append("")
        meta_bits = [x for x in (doc.meta.body, doc.meta.symbol, doc.meta.date) if x]
        lines.append(f"{escape(' — '.join(meta_bits))}" if meta_bits else "")
        lines.append("")
        for c in by_doc[doc_id]:
            b = blocks[c.anchor]
            label = anchor_label(c.anchor)
            href = f"{_rel(path, text_path(doc_id))}#{c.anchor}"
            if c.note:
                source_text = next(f for f in doc.footnotes if f.anchor == c.note).text
                before, mention, after = _sentence(source_text, c.citation.start, c.citation.end)
                via = f" (par la {anchor_label(c.note)})"
            else:
                before, mention, after = _sentence(b.text, c.citation.start, c.citation.end)
                via = ""
            pin = f" — *{escape(c.citation.pinpoint)}*" if c.citation.pinpoint else ""
            quote = escape(before) + (f"<mark>{escape(mention)}</mark>" if mention else "") + escape(after)
            lines.append(f"- [**{escape(label)}**]({href}){via}{pin} : « {quote} »")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def instruments_index(collection: Collection, index: dict[str, list[CitedIn]]) -> str:
    path = f"{INSTRUMENTS}/index.md"
    lines = ["---", 'title: "Instruments cités"', "---", "", "# Instruments cités {: #titre }", "",
             f"{len(collection.instruments)} instruments, dont "
             f"{sum(1 for i in collection.instruments if not i.curated)} non encore répertoriés.", "",
             "| Instrument | Type | Organe | Année | Textes | Paragraphes |", "|---|---|---|---|---:|---:|"]
    for inst in sorted(collection.instruments, key=lambda i: (-len(index.get(i.id, [])), i.title)):
        cites = index.get(inst.id, [])
        mark = "" if inst.curated else " *(non répertorié)*"
        lines.append(
            f"| [{escape(inst.title)}]({_rel(path, instrument_path(inst.id))}){mark} | {KIND_LABELS.get(inst.kind, inst.kind)} | "
            f"{escape(inst.body or '—')} | {_year(inst.date) or '—'} | {len({c.document for c in cites})} | {len(cites)} |"
        )
    return "\n".join(lines) + "\n"


def _grouped(collection: Collection, key, title: str, intro: str, path: str, order=None) -> str:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in collection.documents:
        groups[key(d) or "Non précisé"].append(d)
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "", f"# {title} {{: #titre }}", "", intro, ""]
    for i, g in enumerate(sorted(groups, key=order or (lambda g: g)), start=1):
        docs = sorted(groups[g], key=lambda d: (d.meta.date or "", d.id))
        lines.append(f"## {escape(g)} ({len(docs)}) {{: #groupe-{i} }}")
        lines.append("")
        lines.extend(_doc_line(d, path) for d in docs)
        lines.append("")
    return "\n".join(lines)


def browse_pages(collection: Collection) -> dict[str, str]:
    return {
        f"{BROWSE}/organes.md": _grouped(collection, lambda d: d.meta.body, "Par organe",
                                          "Les textes du recueil, par organe qui les a adoptés.", f"{BROWSE}/organes.md"),
        f"{BROWSE}/annees.md": _grouped(collection, lambda d: _year(d.meta.date), "Par année",
                                         "Les textes du recueil, par année d'adoption.", f"{BROWSE}/annees.md",
                                         order=lambda g: (g == "Non précisé", g)),
        f"{BROWSE}/types.md": _grouped(collection, lambda d: d.meta.type, "Par type",
                                        "Les textes du recueil, par type de texte.", f"{BROWSE}/types.md"),
    }


def texts_index(collection: Collection) -> str:
    path = f"{TEXTS}/index.md"
    lines = ["---", 'title: "Tous les textes"', "---", "", "# Tous les textes {: #titre }", ""]
    docs = sorted(collection.documents, key=lambda d: (d.meta.date or "", d.id))
    lines.extend(_doc_line(d, path) for d in docs)
    return "\n".join(lines) + "\n"


def home_page(collection: Collection, index: dict[str, list[CitedIn]], title: str) -> str:
    docs = collection.documents
    bodies = {d.meta.body for d in docs if d.meta.body}
    years = sorted({_year(d.meta.date) for d in docs if d.meta.date})
    span = f"de {years[0]} à {years[-1]}" if len(years) > 1 else (years[0] if years else "")
    cited = sum(1 for i in collection.instruments if index.get(i.id))
    lines = [
        "---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "",
        f"# {escape(title)} {{: #titre }}", "",
        f"Ce recueil rassemble **{len(docs)}** textes internationaux en français ({span}), "
        f"émanant de **{len(bodies)}** organes, et **{cited}** instruments qu'ils citent. "
        "Chaque paragraphe porte un lien permanent : citez « paragraphe 11 de la résolution 61/180 » "
        "et envoyez le lien qui mène à ce paragraphe. Le site fonctionne sans réseau, "
        "ouvert directement depuis le disque.", "",
        "## Entrer dans le recueil {: #entrees }", "",
        f"- [Tous les textes]({TEXTS}/index.md) ({len(docs)})",
        f"- [Par organe]({BROWSE}/organes.md) ({len(bodies)} organes)",
        f"- [Par année]({BROWSE}/annees.md) ({len(years)} années)",
        f"- [Par type]({BROWSE}/types.md) ({len({d.meta.type for d in docs if d.meta.type})} types)",
        f"- [Instruments cités]({INSTRUMENTS}/index.md) ({len(collection.instruments)})", "",
        "## Derniers textes {: #derniers }", "",
    ]
    recent = sorted(docs, key=lambda d: (d.meta.date or "", d.id), reverse=True)[:10]
    lines.extend(_doc_line(d, "index.md") for d in recent)
    return "\n".join(lines) + "\n"


def all_pages(collection: Collection, title: str) -> dict[str, str]:
    """Every generated page, keyed by its path in the docs folder."""
    index = cited_in(collection)
    pages = {"index.md": home_page(collection, index, title), f"{TEXTS}/index.md": texts_index(collection),
             f"{INSTRUMENTS}/index.md": instruments_index(collection, index)}
    pages.update(browse_pages(collection))
    for doc in collection.documents:
        pages[text_path(doc.id)] = text_page(collection, doc)
    for inst in collection.instruments:
        pages[instrument_path(inst.id)] = instrument_page(collection, inst, index.get(inst.id, []))
    return pages


def card_html(doc: Document) -> str:
    """The header card of a text page: body, symbol, date, type, source, download link."""
    from html import escape as h

    m = doc.meta
    rows = [("Organe", m.body), ("Cote", m.symbol), ("Date", m.date), ("Type", m.type), ("Source", m.source),
            ("Fichier d'origine", doc.source)]
    items = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in rows if v)
    label = m.citation_label or ", ".join(x for x in (m.body, m.symbol) if x) or (m.title or doc.id)
    return (
        f'<div class="recueil-fiche" data-citation="{h(label)}"><dl>{items}</dl>'
        f'<p class="recueil-telecharger"><a href="{h(doc.id)}.md" download>Télécharger le texte en Markdown</a></p></div>'
    )
