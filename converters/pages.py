"""Collection -> every generated page (pure functions, no I/O, no MkDocs).

Paths returned are relative to the docs folder. The home page is Markdown with relative
`.md` links (MkDocs checks and rewrites them); the lists (texts, browse pages, instrument
pages, which grow with the collection) are written as HTML with `.html` links, which
`site_checks.check_site` verifies after the build.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape as h

from .anchors import anchor_label
from .model import Citation, Document
from .paths import (BROWSE, INSTRUMENTS, TEXTS, instrument_links, instrument_path, instrument_year_path, rel,
                    site_path, text_path)
from .pipeline import Collection
from .registry import KIND_LABELS, Instrument
from .render import escape, render


@dataclass(frozen=True)
class CitedIn:
    document: str
    anchor: str  # the block that cites (directly or through a footnote it references)
    citation: Citation
    note: str | None = None  # anchor of the footnote the citation comes from
    source: str = ""  # text of that block or footnote: the citation's offsets are in it


def cited_in(collection: Collection) -> dict[str, list[CitedIn]]:
    """instrument id -> every (document, block) citing it, in reading order."""
    out: dict[str, list[CitedIn]] = defaultdict(list)
    for doc in collection.documents:
        notes = {f.label: f for f in doc.footnotes}
        for b in doc.blocks:
            seen: set[str] = set()
            for c in b.citations:
                if c.instrument not in seen:
                    out[c.instrument].append(CitedIn(doc.id, b.anchor, c, source=b.text))
                    seen.add(c.instrument)
            for label in b.notes:
                f = notes.get(label)
                for c in f.citations if f else ():
                    if c.instrument not in seen:
                        out[c.instrument].append(CitedIn(doc.id, b.anchor, c, f.anchor, f.text))
                        seen.add(c.instrument)
    return out


def link_for(collection: Collection, from_path: str):
    return instrument_links(lambda iid: (i.title if (i := collection.instrument(iid)) else None), from_path)


def _year(date: str | None) -> str | None:
    return date[:4] if date else None


def _doc_line(doc: Document, from_path: str) -> str:
    m = doc.meta
    bits = [b for b in (m.symbol, m.body, m.date) if b]
    return f"- [{escape(m.title or doc.id)}]({rel(from_path, text_path(doc.id))})" + (
        f" — {escape(', '.join(bits))}" if bits else ""
    )


def text_page(collection: Collection, doc: Document) -> str:
    out = collection.outputs.get(doc.id)
    return out.markdown if out else render(doc, link_for(collection, text_path(doc.id)))


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


@dataclass(frozen=True)
class Page:
    """A generated page written as HTML (a long list is slow through Python-Markdown): the
    front matter MkDocs reads, the HTML of its content, and its table of contents."""

    title: str
    html: str
    toc: tuple[dict, ...] = ()

    @property
    def markdown(self) -> str:
        return f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\n---\n"


def _href(from_path: str, to_path: str) -> str:
    """Relative link between docs-relative .md paths, as the .html the site has."""
    return site_path(rel(from_path, to_path))


def _a(from_path: str, to_path: str, text: str, anchor: str = "") -> str:
    return f'<a href="{h(_href(from_path, to_path))}{"#" + h(anchor) if anchor else ""}">{text}</a>'


def _toc(title: str, headings: list[tuple[str, str]]) -> tuple[dict, ...]:
    children = [{"level": 2, "id": i, "name": h(n), "children": []} for i, n in headings]
    return ({"level": 1, "id": "titre", "name": h(title), "children": children},)


# Beyond this many citing paragraphs an instrument's page lists its citations by year on
# pages of their own: at 2,000 texts the most cited one had 5,000 (3 MB, 3 s to open).
CITATIONS_PER_PAGE = 300
NO_YEAR = "sans-date"
_RIGHT = ' style="text-align: right;"'  # the count columns of a table


def instrument_page(collection: Collection, inst: Instrument, cites: list[CitedIn],
                    years: dict[str, list[CitedIn]] | None = None) -> Page:
    """An instrument's card and the paragraphs that cite it; with `years` (its citations cut by
    year, each year on a page of its own), a table of those years instead of the paragraphs."""
    path = instrument_path(inst.id)
    docs = collection.documents_by_id
    out = [f'<h1 id="titre">{h(inst.title)}</h1>']
    if not inst.curated:
        out.append('<div class="admonition warning"><p class="admonition-title">Instrument non encore répertorié</p>'
                   "<p>Cette page a été créée automatiquement à partir d'une mention dans les textes. "
                   "Un curateur peut l'ajouter au registre (<code>make candidates</code>).</p></div>")
    facts = [("Type", h(KIND_LABELS.get(inst.kind, inst.kind))), ("Organe", h(inst.body or "")),
             ("Cote", h(inst.symbol or "")), ("Date", h(inst.date or "")), ("Recueil des Traités", h(inst.treaty_series or ""))]
    if inst.annex_of:
        parent = collection.instrument(inst.annex_of)
        if parent:
            facts.append(("Adopté en annexe", f"annexe {h(inst.annex or '')} de {_a(path, instrument_path(parent.id), h(parent.title))}"))
    for rtype, target in inst.relations:
        t = collection.instrument(target)
        if t:
            facts.append((h({"supplements": "Complète"}.get(rtype, rtype)), _a(path, instrument_path(t.id), h(t.title))))
    for i in collection.related_to.get(inst.id, ()):
        facts.append(("Complété par", _a(path, instrument_path(i.id), h(i.title))))
    if inst.aliases:
        facts.append(("Autres noms", h(" ; ".join(inst.aliases))))
    names_seen = sorted({c.citation.text for c in cites if c.citation.via in ("name", "symbol", "series")} - {inst.title})
    if names_seen:
        facts.append(("Formes rencontrées", h(" ; ".join(names_seen))))
    if inst.document and inst.document in docs:
        facts.append(("Dans le recueil", _a(path, text_path(inst.document), h(docs[inst.document].meta.title or inst.document))))
    if inst.url:
        facts.append(("Texte officiel", f'<a href="{h(inst.url)}">{h(inst.url)}</a>'))
    out.append('<dl class="fiche">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v) + "</dl>")
    out.append(_count_line(cites))
    if years is not None:
        rows = [f'<tr><td>{_a(path, instrument_year_path(inst.id, y), h(_year_label(y)))}</td>'
                f'<td{_RIGHT}>{len({c.document for c in cs})}</td><td{_RIGHT}>{len(cs)}</td></tr>' for y, cs in years.items()]
        out.append(f'<h2 id="par-annee">Citations par année</h2>\n<table>\n<thead>\n<tr><th>Année</th>'
                   f"<th{_RIGHT}>Textes</th><th{_RIGHT}>Paragraphes</th></tr>\n"
                   "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
        return Page(inst.title, "\n".join(out), _toc(inst.title, [("par-annee", "Citations par année")]))
    listing, headings = _citing_texts(path, cites, docs)
    return Page(inst.title, "\n".join(out + listing), _toc(inst.title, headings))


def instrument_year_page(collection: Collection, inst: Instrument, year: str, cites: list[CitedIn]) -> Page:
    """The citations of an instrument by the texts of one year (a long instrument page, cut)."""
    path = instrument_year_path(inst.id, year)
    title = f"{inst.title} — {_year_label(year)}"
    out = [f'<h1 id="titre">{h(title)}</h1>',
           f"<p>Citations par les textes {'sans date' if year == NO_YEAR else 'de ' + h(year)} ; "
           f"{_a(path, instrument_path(inst.id), 'fiche de l’instrument et autres années')}.</p>",
           _count_line(cites)]
    listing, headings = _citing_texts(path, cites, collection.documents_by_id)
    return Page(title, "\n".join(out + listing), _toc(title, headings))


def _count_line(cites: list[CitedIn]) -> str:
    texts = len({c.document for c in cites})
    return (f'<p class="compte">Cité par <strong>{len(cites)}</strong> paragraphe{"s" if len(cites) != 1 else ""} '
            f'dans <strong>{texts}</strong> texte{"s" if texts != 1 else ""} du recueil.</p>')


def _by_year(cites: list[CitedIn], docs: dict[str, Document]) -> dict[str, list[CitedIn]]:
    """Citations grouped by the year of the citing text, years in order, undated last."""
    out: dict[str, list[CitedIn]] = defaultdict(list)
    for c in cites:
        out[_year(docs[c.document].meta.date) or NO_YEAR].append(c)
    return {y: out[y] for y in sorted(out, key=lambda y: (y == NO_YEAR, y))}


def _year_label(year: str) -> str:
    return "Sans date" if year == NO_YEAR else year


def _citing_texts(path: str, cites: list[CitedIn], docs: dict[str, Document]) -> tuple[list[str], list[tuple[str, str]]]:
    """Each citing text (by date) with the paragraphs that cite, deep-linked and quoted."""
    by_doc: dict[str, list[CitedIn]] = defaultdict(list)
    for c in cites:
        by_doc[c.document].append(c)
    out, headings = [], []
    for doc_id in sorted(by_doc, key=lambda d: (docs[d].meta.date or "", d)):
        doc = docs[doc_id]
        title = doc.meta.title or doc.id
        headings.append((doc_id, title))
        out.append(f'<h2 id="{h(doc_id)}">{h(title)}</h2>')
        meta_bits = [x for x in (doc.meta.body, doc.meta.symbol, doc.meta.date) if x]
        if meta_bits:
            out.append(f"<p>{h(' — '.join(meta_bits))}</p>")
        items = []
        for c in by_doc[doc_id]:
            via = f" (par la {h(anchor_label(c.note))})" if c.note else ""
            before, mention, after = _sentence(c.source, c.citation.start, c.citation.end)
            pin = f" — <em>{h(c.citation.pinpoint)}</em>" if c.citation.pinpoint else ""
            quote = h(before) + (f"<mark>{h(mention)}</mark>" if mention else "") + h(after)
            link = _a(path, text_path(doc_id), f"<strong>{h(anchor_label(c.anchor))}</strong>", c.anchor)
            items.append(f"<li>{link}{via}{pin} : « {quote} »</li>")
        out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
    return out, headings


def instrument_pages(collection: Collection, inst: Instrument, cites: list[CitedIn],
                     limit: int = CITATIONS_PER_PAGE) -> dict[str, Page]:
    """An instrument's page and, when it is cited more than `limit` times, a page per year."""
    years = _by_year(cites, collection.documents_by_id) if len(cites) > limit else None
    pages = {instrument_path(inst.id): instrument_page(collection, inst, cites, years)}
    for year, year_cites in (years or {}).items():
        pages[instrument_year_path(inst.id, year)] = instrument_year_page(collection, inst, year, year_cites)
    return pages


def instruments_index(collection: Collection, index: dict[str, list[CitedIn]]) -> Page:
    path = f"{INSTRUMENTS}/index.md"
    title = "Instruments cités"
    rows = []
    for inst in sorted(collection.instruments, key=lambda i: (-len(index.get(i.id, [])), i.title)):
        cites = index.get(inst.id, [])
        mark = "" if inst.curated else " <em>(non répertorié)</em>"
        cells = [_a(path, instrument_path(inst.id), h(inst.title)) + mark, h(KIND_LABELS.get(inst.kind, inst.kind)),
                 h(inst.body or "—"), h(_year(inst.date) or "—")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells)
                    + f"<td{_RIGHT}>{len({c.document for c in cites})}</td><td{_RIGHT}>{len(cites)}</td></tr>")
    head = "".join(f"<th>{x}</th>" for x in ("Instrument", "Type", "Organe", "Année")) + f"<th{_RIGHT}>Textes</th><th{_RIGHT}>Paragraphes</th>"
    html = (f'<h1 id="titre">{title}</h1>\n<p>{len(collection.instruments)} instruments, dont '
            f"{sum(1 for i in collection.instruments if not i.curated)} non encore répertoriés.</p>\n"
            f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    return Page(title, html, _toc(title, []))


def _doc_item(doc: Document, from_path: str) -> str:
    m = doc.meta
    bits = [b for b in (m.symbol, m.body, m.date) if b]
    return f"<li>{_a(from_path, text_path(doc.id), h(m.title or doc.id))}" + (f" — {h(', '.join(bits))}" if bits else "") + "</li>"


def _grouped(collection: Collection, key, title: str, intro: str, path: str, order=None) -> Page:
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in collection.documents:
        groups[key(d) or "Non précisé"].append(d)
    out = [f'<h1 id="titre">{h(title)}</h1>', f"<p>{h(intro)}</p>"]
    headings = []
    for i, g in enumerate(sorted(groups, key=order or (lambda g: g)), start=1):
        docs = sorted(groups[g], key=lambda d: (d.meta.date or "", d.id))
        headings.append((f"groupe-{i}", f"{g} ({len(docs)})"))
        out.append(f'<h2 id="groupe-{i}">{h(g)} ({len(docs)})</h2>')
        out.append("<ul>\n" + "\n".join(_doc_item(d, path) for d in docs) + "\n</ul>")
    return Page(title, "\n".join(out), _toc(title, headings))


def browse_pages(collection: Collection) -> dict[str, Page]:
    return {
        f"{BROWSE}/organes.md": _grouped(collection, lambda d: d.meta.body, "Par organe",
                                          "Les textes du recueil, par organe qui les a adoptés.", f"{BROWSE}/organes.md"),
        f"{BROWSE}/annees.md": _grouped(collection, lambda d: _year(d.meta.date), "Par année",
                                         "Les textes du recueil, par année d'adoption.", f"{BROWSE}/annees.md",
                                         order=lambda g: (g == "Non précisé", g)),
        f"{BROWSE}/types.md": _grouped(collection, lambda d: d.meta.type, "Par type",
                                        "Les textes du recueil, par type de texte.", f"{BROWSE}/types.md"),
    }


def texts_index(collection: Collection) -> Page:
    path = f"{TEXTS}/index.md"
    docs = sorted(collection.documents, key=lambda d: (d.meta.date or "", d.id))
    html = '<h1 id="titre">Tous les textes</h1>\n<ul>\n' + "\n".join(_doc_item(d, path) for d in docs) + "\n</ul>"
    return Page("Tous les textes", html, _toc("Tous les textes", []))


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


def all_pages(collection: Collection, title: str, citations_per_page: int = CITATIONS_PER_PAGE,
              memo: dict[str, tuple] | None = None) -> dict[str, str | Page]:
    """Every generated page, keyed by its path in the docs folder: Markdown (the home page and
    the texts, whose Markdown is also offered for download) or a Page written as HTML.
    memo (live preview): instrument id -> what its pages were made from, and the pages."""
    index = cited_in(collection)
    pages: dict[str, str | Page] = {"index.md": home_page(collection, index, title),
                                    f"{TEXTS}/index.md": texts_index(collection),
                                    f"{INSTRUMENTS}/index.md": instruments_index(collection, index)}
    pages.update(browse_pages(collection))
    for doc in collection.documents:
        pages[text_path(doc.id)] = text_page(collection, doc)
    for inst in collection.instruments:
        cites = index.get(inst.id, [])
        sources = _sources(collection, inst, cites, citations_per_page)
        hit = memo.get(inst.id) if memo is not None else None
        if hit is None or not _same(hit[0], sources):
            hit = (sources, instrument_pages(collection, inst, cites, citations_per_page))
            if memo is not None:
                memo[inst.id] = hit
        pages.update(hit[1])
    return pages


def _sources(collection: Collection, inst: Instrument, cites: list[CitedIn], per_page: int) -> tuple[tuple, list]:
    """What an instrument's pages are made from: values, and objects that stand for a text as
    it was converted (a text converted again, because its seed, metadata or the registry
    changed, has new Citation and Document objects)."""
    linked = (inst.annex_of, *(t for _, t in inst.relations))
    values = (inst, per_page, tuple(collection.related_to.get(inst.id, ())), tuple(collection.instrument(i) for i in linked),
              tuple((c.document, c.anchor, c.note) for c in cites))
    return values, [c.citation for c in cites] + [collection.documents_by_id.get(inst.document or "")]


def _same(before: tuple[tuple, list], now: tuple[tuple, list]) -> bool:
    return before[0] == now[0] and len(before[1]) == len(now[1]) and all(a is b for a, b in zip(before[1], now[1]))


def card_html(doc: Document) -> str:
    """The header card of a text page: body, symbol, date, type, source, download link."""
    m = doc.meta
    rows = [("Organe", m.body), ("Cote", m.symbol), ("Date", m.date), ("Type", m.type), ("Source", m.source),
            ("Fichier d'origine", doc.source)]
    items = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in rows if v)
    label = m.citation_label or ", ".join(x for x in (m.body, m.symbol) if x) or (m.title or doc.id)
    return (
        f'<div class="recueil-fiche" data-citation="{h(label)}"><dl>{items}</dl>'
        f'<p class="recueil-telecharger"><a href="{h(doc.id)}.md" download>Télécharger le texte en Markdown</a></p></div>'
    )
