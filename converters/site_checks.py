"""Checks and adjustments on the built HTML (no MkDocs import).

check_site returns one line per problem: a duplicate id, a link or anchor that does not
resolve, a paragraph of a text without its anchor. The hook logs them as warnings, so
`mkdocs build --strict` fails on them.
"""
from __future__ import annotations

import calendar
import json
import os
import posixpath
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .paths import text_url
from .pipeline import Collection


def insert_card(html: str, card: str) -> str:
    """The header card of a text goes right after its title."""
    end = html.find("</h1>")
    return html[: end + 5] + card + html[end + 5 :] if end >= 0 else card + html


def _relative(url: str, from_page: str) -> str:
    page, _, anchor = url.partition("#")
    rel = "" if page == from_page else posixpath.relpath(page, posixpath.dirname(from_page))
    return rel + (f"#{anchor}" if anchor else "")


def redirect_spans(page: str, redirects: dict[str, str]) -> str:
    """An empty element for each retired anchor of `page`, so the old link still lands
    here and recueil.js forwards it to the anchor's new place."""
    out = []
    for old, new in sorted(redirects.items()):
        old_page, _, anchor = old.partition("#")
        if old_page == page and anchor:
            out.append(f'<span id="{escape(anchor)}" class="recueil-redirect" data-redirect="{escape(_relative(new, page))}"></span>')
    return "".join(out)


def redirect_pages(redirects: dict[str, str]) -> dict[str, str]:
    """A small HTML page for each retired page, forwarding (with its anchor) to the new place."""
    out = {}
    for old, new in sorted(redirects.items()):
        if "#" in old:
            continue
        anchors = {o.partition("#")[2]: _relative(n, old) for o, n in redirects.items() if o.startswith(old + "#")}
        target = _relative(new, old)
        script = (f"var m={json.dumps(anchors, sort_keys=True)},h=decodeURIComponent(location.hash.slice(1));"
                  f"location.replace(m[h]||({json.dumps(target)}+location.hash));")
        out[old] = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page déplacée</title>'
            f'<meta http-equiv="refresh" content="0; url={escape(target)}"><link rel="canonical" href="{escape(target)}">'
            f'<script>{script}</script></head><body><p>Cette page a été déplacée : '
            f'<a href="{escape(target)}">{escape(target)}</a>.</p></body></html>\n'
        )
    return out


def epoch_of_latest(collection: Collection) -> int:
    dates = sorted(d.meta.date for d in collection.documents if d.meta.date)
    if not dates:
        return 0
    parts = [int(x) for x in dates[-1].split("-")] + [1, 1]
    return calendar.timegm((parts[0], parts[1], parts[2], 0, 0, 0))


# The pages are MkDocs' own output (well-formed, attributes double-quoted, < and > escaped
# in text): reading ids and links with two expressions is exact there and 30 times faster
# than an HTML parser.
_ID = re.compile(r'id="([^"]*)"')  # an attribute when a space comes before (checked after: faster)
_A_HREF = re.compile(r'<a\s[^<>]*?href="([^"]*)"')


def _unescape(value: str) -> str:
    return unescape(value) if "&" in value else value


def anchor_ids(html: str) -> list[str]:
    """The id attributes of the page's tags (an ` id="` in text, outside a tag, is not one)."""
    return [_unescape(m[1]) for m in _ID.finditer(html)
            if html[m.start() - 1].isspace() and html.rfind("<", 0, m.start()) > html.rfind(">", 0, m.start())]


_CHECKED = ("index.html", "textes/", "instruments/", "parcourir/")


def check_site(site: Path, collection: Collection) -> list[str]:
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    files: set[str] = set()
    for folder, dirs, names in os.walk(site):
        prefix = os.path.relpath(folder, site).replace(os.sep, "/") + "/"
        files.update((prefix + n).removeprefix("./") for n in dirs + names)
    for rel in sorted(f for f in files if f.endswith(".html")):
        if not rel.startswith(_CHECKED):
            continue
        page = (site / rel).read_text(encoding="utf-8")
        seen: set[str] = set()
        for anchor in anchor_ids(page):
            if anchor in seen:
                problems.append(f"{rel}: duplicate id {anchor!r}")
            seen.add(anchor)
        ids[rel] = seen
        start, end = page.find("<article"), page.rfind("</article>")
        article = page[start:end] if 0 <= start < end else page
        links += [(rel, _unescape(m[1])) for m in _A_HREF.finditer(article)]
    resolved: dict[tuple[str, str], tuple[str, str, bool] | None] = {}  # a link repeats on many pages
    folders: dict[str, str] = {}
    for rel, href in links:
        folder = folders.get(rel)
        if folder is None:
            folder = folders[rel] = posixpath.dirname(rel)
        key = (folder, href)
        if key not in resolved:
            resolved[key] = _resolve_link(*key, files)
        if resolved[key] is None:
            continue
        target, fragment, exists = resolved[key]
        target = target or rel
        if not exists:
            problems.append(f"{rel}: link to missing file {href!r}")
        elif fragment and target in ids and fragment not in ids[target]:
            problems.append(f"{rel}: link to missing anchor {href!r}")
    for doc in collection.documents:
        rel = text_url(doc.id)
        if rel not in ids:
            problems.append(f"{rel}: page of {doc.source} was not built")
            continue
        for b in doc.blocks:
            if not b.anchor or b.anchor not in ids[rel]:
                problems.append(f"{rel}: block at {doc.source}:{b.line} has no anchor in the page")
        for f in doc.footnotes:
            if f.anchor not in ids[rel]:
                problems.append(f"{rel}: footnote {f.label} of {doc.source} has no anchor {f.anchor!r}")
    return problems


def _resolve_link(folder: str, href: str, files: set[str]) -> tuple[str, str, bool] | None:
    """A link on a page of `folder` -> (the site file it names, "" for the page itself; its
    fragment; whether that file exists), or None for a link out of the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return "", unquote(parts.fragment), True
    target = _normpath(posixpath.join(folder, unquote(parts.path)))
    return target, unquote(parts.fragment), target in files


def _normpath(p: str) -> str:
    out: list[str] = []
    for seg in p.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if out:
                out.pop()
        else:
            out.append(seg)
    return "/".join(out)
