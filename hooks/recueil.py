"""MkDocs hooks: adapt MkDocs events to `converters` calls, nothing more.

on_config loads and converts the collection once; on_files adds the generated pages;
on_page_markdown/on_page_content give a text page the HTML written from its Document
(footnote ids, paragraph labels, card) instead of a second Markdown pass;
on_post_build writes collection.json, the Markdown downloads, the prebuilt search index (one
entry per paragraph) and the anchors manifest, and fails a --strict build on broken anchors
or links; on_post_page points Material's search at our worker.
"""
from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from converters import lock as anchors_lock
from converters import site_checks
from converters.export import collection_json
from converters.model import InputError
from converters.pages import Page, all_pages, card_html
from converters.paths import TEXTS, text_path, text_url
from converters.pipeline import default_jobs, load_collection
from converters import search

log = logging.getLogger("mkdocs.hooks.recueil")
_state: dict = {}


def _seeds_dir(config) -> Path:
    root = Path(config.config_file_path).parent
    return Path(os.environ.get("RECUEIL_SEEDS") or root / "seeds").resolve()


def on_config(config):
    seeds = _seeds_dir(config)
    jobs = int(os.environ.get("RECUEIL_JOBS") or default_jobs())
    try:
        collection = load_collection(seeds, jobs=jobs)
    except InputError as e:
        raise PluginError(str(e)) from None
    for n in collection.notices:
        log.info(str(n))
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        # Timestamps (sitemap) come from the metadata, never from the clock.
        os.environ["SOURCE_DATE_EPOCH"] = str(site_checks.epoch_of_latest(collection))
    shim = Path(config.docs_dir) / "assets" / "vendor" / "iframe-worker" / "shim.js"
    if not shim.exists():
        raise PluginError(f"{shim} is missing: run `make site` (it installs the offline search shim)")
    _state.clear()
    _state.update(collection=collection, pages=all_pages(collection, config.site_name),
                  docs={d.id: d for d in collection.documents}, lock=_check_lock(seeds, collection))
    return config


def _check_lock(seeds: Path, collection) -> tuple[Path, anchors_lock.Report]:
    """Published places may not disappear (error) nor silently change meaning (warning,
    which fails a --strict build); `make lock` (RECUEIL_LOCK=update) accepts shifts."""
    path = seeds / anchors_lock.LOCK_FILE
    current = anchors_lock.published(collection)
    try:
        lock = anchors_lock.read_lock(path)
    except InputError as e:
        raise PluginError(str(e)) from None
    if lock is None:
        log.info(f"{path}: no manifest yet; this build writes one ({len(current)} places)")
        lock = anchors_lock.Lock()
    report = anchors_lock.compare(lock, current, str(path), accept_shifts=os.environ.get("RECUEIL_LOCK") == "update")
    if report.errors:
        raise PluginError("\n".join(report.errors))
    for place, holder in report.shifted:
        log.warning(anchors_lock.shift_message(str(path), place, holder))
    return path, report


def on_files(files, config):
    for path, page in _state["pages"].items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=page.markdown if isinstance(page, Page) else page))
    return files


def _text_of(page):
    doc_id = page.meta.get("id") if page.meta.get("seed") else None
    return _state["docs"].get(doc_id) if doc_id else None


_INDEXED_FROM_COLLECTION = (f"{TEXTS}/", "instruments/", "parcourir/")


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(_INDEXED_FROM_COLLECTION):
        # Texts and instruments are indexed from the collection (on_post_build); the lists
        # of them would only repeat their titles.
        page.meta["search"] = {"exclude": True}
    if _text_of(page) is None and not isinstance(_state["pages"].get(page.file.src_uri), Page):
        return markdown
    # Written directly as HTML (on_page_content): a text from its Document, a list from pages.py.
    return ""


def on_page_content(html, page, config, files):
    generated = _state["pages"].get(page.file.src_uri)
    if isinstance(generated, Page):
        page.toc = get_toc(list(generated.toc))
        page.present_anchor_ids = set(site_checks.anchor_ids(generated.html))
        return generated.html
    doc = _text_of(page)
    if doc is None:
        return html
    out = _state["collection"].outputs[doc.id]
    page.toc = get_toc(list(out.toc))
    page.present_anchor_ids = {b.anchor for b in doc.blocks} | {f.anchor for f in doc.footnotes} | {"titre"}
    _, report = _state["lock"]
    spans = site_checks.redirect_spans(text_url(doc.id), report.updated.redirects)
    return site_checks.insert_card(out.html, card_html(doc)) + spans


def on_page_context(context, page, config, nav):
    # Material prints page.meta.title unescaped in <title> and in the header; a title is
    # curated data, never markup.
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.escape(page.meta["title"], quote=False)
    return context


@event_priority(-50)  # after the search plugin writes its index, before offline inlines it
def on_post_build(config):
    site = Path(config.site_dir)
    collection = _state["collection"]
    (site / "collection.json").write_text(collection_json(collection), encoding="utf-8")
    for doc in collection.documents:
        (site / text_path(doc.id)).write_text(_state["pages"][text_path(doc.id)], encoding="utf-8")
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        # Material indexed the few static pages; texts and instruments come from the
        # collection. All go into the prebuilt index; the page-load index keeps only its config.
        data = json.loads(index_file.read_text(encoding="utf-8"))
        entries = data["docs"] + search.text_entries(collection) + search.instrument_entries(collection)
        for path, content in search.build(entries).items():
            _write(site / path, content)
        data["docs"] = []
        index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    path, report = _state["lock"]
    for old, page in site_checks.redirect_pages(report.updated.redirects).items():
        if not (site / old).exists():
            _write(site / old, page)
    for problem in site_checks.check_site(site, collection):
        log.warning(problem)
    if os.environ.get(_SERVING):
        return  # written by builds, not by the live preview (it watches that folder: a write would rebuild)
    text = anchors_lock.render_lock(report.updated)
    if not report.shifted and (not path.exists() or path.read_text(encoding="utf-8") != text):
        path.write_text(text, encoding="utf-8")
        log.info(f"{path}: recorded {len(report.updated.entries)} published places")


def _write(target: Path, content: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


_MATERIAL_WORKER = re.compile(r'"search": "([^"]*)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def on_post_page(output, page, config):
    # Material's search UI, fed by our worker (assets/recueil-search.js) and its prebuilt index.
    output, n = _MATERIAL_WORKER.subn(r'"search": "\1assets/recueil-search.js"', output, count=1)
    if n != 1 and "__config" in output:
        raise PluginError(f"{page.file.src_uri}: Material's search worker setting was not found; "
                          "the theme changed, update hooks/recueil.py")
    return output


_SERVING = "RECUEIL_SERVING"


def on_serve(server, config, builder):
    os.environ[_SERVING] = "1"  # the hooks module is loaded again for each rebuild; the process stays
    server.watch(str(_seeds_dir(config)))
    return server
