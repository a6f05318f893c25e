"""MkDocs hooks: adapt MkDocs events to `converters` calls, nothing more.

on_config loads and converts the collection once; on_files adds the generated pages;
on_page_markdown/on_page_content give a text page the HTML written from its Document
(footnote ids, paragraph labels, card) instead of a second Markdown pass;
on_post_build writes collection.json, the Markdown downloads, the prebuilt search index (one
entry per paragraph) and the anchors manifest, and fails a --strict build on broken anchors
or links; on_post_page points Material's search at our worker.
In a live preview (`mkdocs serve`), on_env and on_post_page write again the previous HTML of
every page whose inputs did not change, and converters.live keeps what outlives a rebuild.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import html
import json
import logging
import os
import re
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from converters import live
from converters import lock as anchors_lock
from converters import site_checks
from converters.export import collection_json
from converters.model import InputError
from converters.pages import CITATIONS_PER_PAGE, Page, all_pages, card_html
from converters.paths import TEXTS, text_path, text_url
from converters.pipeline import default_jobs, load_collection
from converters import search

log = logging.getLogger("mkdocs.hooks.recueil")
_state: dict = {}
_SERVING = "RECUEIL_SERVING"  # set for the life of a `mkdocs serve` process


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
    gc.unfreeze()  # a live preview's previous collection may go now
    _state.clear()
    per_page = int(os.environ.get("RECUEIL_CITATIONS_PER_PAGE") or CITATIONS_PER_PAGE)
    serving = bool(os.environ.get(_SERVING))
    pages = all_pages(collection, config.site_name, per_page, live.instrument_pages if serving else None)
    _state.update(collection=collection, pages=pages, serving=serving,
                  lock=_check_lock(seeds, collection, serving), page_digests={}, page_keys={}, reused={})
    # The collection and its pages live until the build ends: the cycle collector need not
    # walk them again on each of its passes while MkDocs renders thousands of pages.
    gc.freeze()
    return config


def _check_lock(seeds: Path, collection, serving: bool) -> tuple[Path, anchors_lock.Report]:
    """Published places may not disappear (error) nor silently change meaning (warning,
    which fails a --strict build); `make lock` (RECUEIL_LOCK=update) accepts shifts."""
    path = seeds / anchors_lock.LOCK_FILE
    current = anchors_lock.published(collection, live.published if serving else None)
    try:
        lock = anchors_lock.read_lock(path)
    except InputError as e:
        raise PluginError(str(e)) from None
    if lock is None:
        log.info(f"{path}: no manifest yet; this build writes one ({len(current)} places)")
        lock = anchors_lock.Lock()
    report = anchors_lock.compare(lock, current, str(path), accept_shifts=os.environ.get("RECUEIL_LOCK") == "update")
    if report.errors and not serving:
        raise PluginError("\n".join(report.errors))
    for error in report.errors:  # the live preview still shows the edit; a build will refuse it
        log.warning(error)
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
    return _state["collection"].documents_by_id.get(doc_id) if doc_id else None


_INDEXED_FROM_COLLECTION = (f"{TEXTS}/", "instruments/", "parcourir/")
_OUT_OF_NAV = (f"{TEXTS}/", "instruments/")  # mkdocs.yml: not_in_nav


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(_INDEXED_FROM_COLLECTION):
        # Texts and instruments are indexed from the collection (on_post_build); the lists
        # of them would only repeat their titles.
        page.meta["search"] = {"exclude": True}
    if _text_of(page) is None and not isinstance(_state["pages"].get(page.file.src_uri), Page):
        return markdown
    # Written directly as HTML (on_page_content): a text from its Document, a list from pages.py.
    # MkDocs would still build a Python-Markdown instance with every extension to convert
    # nothing (about 1 ms a page); this sets what Page.render sets for an empty page.
    page.render = functools.partial(_render_empty, page)
    return ""


def _render_empty(page, config, files) -> None:
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def on_page_content(html, page, config, files):
    generated = _state["pages"].get(page.file.src_uri)
    toc = ()
    if isinstance(generated, Page):
        toc = generated.toc
        page.present_anchor_ids = set(site_checks.anchor_ids(generated.html))
        html = generated.html
    elif (doc := _text_of(page)) is not None:
        out = _state["collection"].outputs[doc.id]
        toc = out.toc
        page.present_anchor_ids = {b.anchor for b in doc.blocks} | {f.anchor for f in doc.footnotes} | {"titre"}
        _, report = _state["lock"]
        spans = site_checks.redirect_spans(text_url(doc.id), report.updated.redirects)
        html = site_checks.insert_card(out.html, card_html(doc)) + spans
    if toc:
        page.toc = get_toc(list(toc))
    if _state["serving"]:
        _state["page_digests"][page.file.src_uri] = _digest(page.file.src_uri, page.title, repr(sorted(page.meta.items())),
                                                            html, repr(toc))
    return html


# -- live preview: a page whose inputs did not change since the last rebuild is not rendered
# again through the theme's templates (about 3 ms a page); its previous HTML is written.
_REUSED = "recueil-reused.html"  # an empty template: on_post_page puts the previous HTML back


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class _TemplateCache(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the life of a live preview."""

    def load_bytecode(self, bucket):
        code = live.templates.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        live.templates[bucket.key] = bucket.bytecode_to_string()


def on_env(env, config, files):
    if not _state["serving"]:
        return env
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({_REUSED: ""})])
    env.bytecode_cache = _TemplateCache()  # MkDocs makes a new Environment for every build
    # What every page shows besides its own content: the configuration (site name, nav,
    # theme) and the titles of the pages the navigation may list (all but texts and
    # instruments, which are kept out of it).
    listed = sorted((f.src_uri, str(f.page.title)) for f in files.documentation_pages() if f.page is not None
                    and (not f.src_uri.startswith(_OUT_OF_NAV) or f.src_uri.endswith("/index.md")))
    chrome = _digest(Path(config.config_file_path).read_text(encoding="utf-8"), repr(listed))
    reused = _state["reused"]
    for f in files.documentation_pages():
        digest = _state["page_digests"].get(f.src_uri)
        if f.page is None or digest is None:
            continue
        key = _digest(chrome, digest)
        _state["page_keys"][f.src_uri] = key
        previous = live.page_outputs.get(f.src_uri)
        if previous is not None and previous[0] == key:
            f.page.meta["template"] = _REUSED
            reused[f.src_uri] = previous[1]
    return env


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
    serving = _state["serving"]
    (site / "collection.json").write_text(collection_json(collection, live.document_json if serving else None),
                                          encoding="utf-8")
    for doc in collection.documents:
        (site / text_path(doc.id)).write_text(_state["pages"][text_path(doc.id)], encoding="utf-8")
    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        # Material indexed the few static pages; texts and instruments come from the
        # collection. All go into the prebuilt index; the page-load index keeps only its config.
        data = json.loads(index_file.read_text(encoding="utf-8"))
        entries = (data["docs"] + search.text_entries(collection, live.search_entries if serving else None)
                   + search.instrument_entries(collection))
        for path, content in search.build(entries, live.search_terms if serving else None).items():
            _write(site / path, content)
        data["docs"] = []
        index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    path, report = _state["lock"]
    for old, page in site_checks.redirect_pages(report.updated.redirects).items():
        if not (site / old).exists():
            _write(site / old, page)
    if serving:
        # The live preview skips the site-wide checks (half a second per thousand texts) and
        # does not write the lock: it watches the seeds folder, and a write would rebuild.
        return
    for problem in site_checks.check_site(site, collection):
        log.warning(problem)
    text = anchors_lock.render_lock(report.updated)
    if not report.shifted and (not path.exists() or path.read_text(encoding="utf-8") != text):
        path.write_text(text, encoding="utf-8")
        log.info(f"{path}: recorded {len(report.updated.entries)} published places")


def _write(target: Path, content: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


_MATERIAL_WORKER = re.compile(r'"search": "([^"]*)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


@event_priority(-100)  # last: what it returns is what MkDocs writes
def on_post_page(output, page, config):
    src = page.file.src_uri
    if src in _state["reused"]:
        return _state["reused"][src]
    # Material's search UI, fed by our worker (assets/recueil-search.js) and its prebuilt index.
    output, n = _MATERIAL_WORKER.subn(r'"search": "\1assets/recueil-search.js"', output, count=1)
    if n != 1 and "__config" in output:
        raise PluginError(f"{src}: Material's search worker setting was not found; "
                          "the theme changed, update hooks/recueil.py")
    if src in _state["page_keys"]:
        live.page_outputs[src] = (_state["page_keys"][src], output)
    return output


def on_startup(command, dirty):
    if command == "serve":  # before the first build: the hooks module is loaded again for each rebuild
        os.environ[_SERVING] = "1"


def on_serve(server, config, builder):
    server.watch(str(_seeds_dir(config)))
    return server
