"""A folder of seeds -> a converted Collection. The only module here that reads files.

Stages per text: read -> decode -> normalize -> parse -> anchors; then per collection:
find/resolve citations against the registry. Conversion of texts is independent, so it
can run on several processes (`jobs`).
"""
from __future__ import annotations

import gc
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import anchors
from .citations import Finder, resolve
from .metadata import load_meta
from .model import Document, InputError, Notice
from .normalize import decode, normalize
from .parse import parse
from .registry import Instrument, Registry, load_registry
from .text_output import TextOutput, render_text

REGISTRY_FILE = "instruments.yml"


@dataclass(frozen=True)
class Collection:
    root: Path  # the seeds folder
    documents: tuple[Document, ...]
    registry: Registry
    candidates: tuple[Instrument, ...]
    outputs: dict[str, TextOutput] = field(default_factory=dict)  # document id -> Markdown and HTML

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(n for d in self.documents for n in d.notices)

    @cached_property
    def _candidates_by_id(self) -> dict[str, Instrument]:
        return {c.id: c for c in self.candidates}

    @cached_property
    def documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def related_to(self) -> dict[str, list[Instrument]]:
        """instrument id -> the instruments whose relations name it, in registry order."""
        out: dict[str, list[Instrument]] = {}
        for i in self.instruments:
            for target in dict.fromkeys(tg for _, tg in i.relations):
                out.setdefault(target, []).append(i)
        return out

    def instrument(self, iid: str) -> Instrument | None:
        return self.registry.get(iid) or self._candidates_by_id.get(iid)

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        return self.registry.instruments + self.candidates


def seed_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*.txt") if p.is_file())


def convert_file(path: Path, label: str) -> Document:
    """One seed -> anchored Document (no citations yet). Pure apart from reading path."""
    meta = load_meta(path)
    text = normalize(decode(path.read_bytes(), label, meta.encoding))
    return anchors.assign(parse(label, text, meta))


_FINDERS: dict[tuple, Finder] = {}  # per process: the registry's compiled names, built once


def _stat(p: Path) -> tuple[int, int] | None:
    """What tells that a file changed (modification time, size), None if it is absent."""
    try:
        st = p.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def _finder(registry_file: Path, registry: Registry | None = None) -> Finder:
    """The registry's compiled names, built once per process and per version of the file."""
    key = (str(registry_file), _stat(registry_file))
    finder = _FINDERS.get(key)
    if finder is None:
        _FINDERS.clear()  # an edited registry (live preview): the old names are gone
        finder = _FINDERS[key] = Finder(registry if registry is not None else load_registry(registry_file))
    return finder


def _convert(args: tuple[str, str, str, bool]) -> tuple[Document, dict[str, Instrument], TextOutput]:
    """Convert one seed, resolve its citations and render it: all the per-text work, so that
    it runs on every core. Unknown instruments found in this text come back beside it (a
    text links only to instruments it cites: the registry's and these)."""
    path, label, registry, html = args
    finder = _finder(Path(registry))
    candidates: dict[str, Instrument] = {}
    doc = resolve(convert_file(Path(path), label), finder, candidates)

    def title_of(iid: str) -> str | None:
        inst = finder.registry.get(iid) or candidates.get(iid)
        return inst.title if inst else None

    return doc, candidates, render_text(doc, title_of, html)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} textes")
        if done == total:
            sys.stderr.write("\n")


# Texts already converted in this process, by seed path: a live preview (mkdocs serve) converts
# again only the seeds whose text, metadata or registry changed since the last build.
_DONE: dict[str, tuple[tuple, tuple[Document, dict[str, Instrument], TextOutput]]] = {}


def _signature(seed: Path, registry: Path, label: str, html: bool) -> tuple:
    return _stat(seed), _stat(seed.with_suffix(".yml")), _stat(registry), label, html


def load_collection(root: Path, jobs: int = 1, label_prefix: str | None = None, html: bool = True) -> Collection:
    """Convert every seed of root. html=False renders only the Markdown of each text (the
    converter's output), not the HTML of its page (the site's)."""
    # Documents hold no reference cycles, and the cycle collector's full passes over every
    # block already converted cost more as the collection grows (a tenth of the time at
    # 2,000 texts): it is paused while they are made.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_collection(root, jobs, label_prefix, html)
    finally:
        if paused:
            gc.enable()


def _load_collection(root: Path, jobs: int, label_prefix: str | None, html: bool) -> Collection:
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder of seeds; give SEEDS=path/to/folder")
    seeds = seed_files(root)
    if not seeds:
        raise InputError(f"{root}: no .txt seed in this folder")
    prefix = label_prefix if label_prefix is not None else root.name
    registry = load_registry(root / REGISTRY_FILE)  # fails early, with file and line
    _finder(root / REGISTRY_FILE, registry)  # built here, inherited by forked workers
    work = [(str(p), f"{prefix}/{p.name}" if prefix else p.name, str(root / REGISTRY_FILE), html) for p in seeds]
    keys = [_signature(p, root / REGISTRY_FILE, label, html) for (_, label, _, _), p in zip(work, seeds)]
    stale = [(w, k) for w, k in zip(work, keys) if _DONE.get(w[0], (None,))[0] != k]
    todo = [w for w, _ in stale]
    fresh: list = []
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for r in pool.map(_convert, todo, chunksize=max(1, len(todo) // (jobs * 8))):
                fresh.append(r)
                _progress(len(fresh), len(todo))
    else:
        for w in todo:
            fresh.append(_convert(w))
            _progress(len(fresh), len(todo))
    for (w, k), r in zip(stale, fresh):
        _DONE[w[0]] = (k, r)
    results: list[tuple[Document, dict[str, Instrument], TextOutput]] = [_DONE[w[0]][1] for w in work]
    docs = [d for d, _, _ in results]
    seen: dict[str, Path] = {}
    for path, d in zip(seeds, docs):
        if d.id in seen:
            raise InputError(f"{_id_origin(path)}: id {d.id!r} is already used by {_id_origin(seen[d.id])}; "
                             "give one of them another id in its .yml file")
        seen[d.id] = path
    candidates: dict[str, Instrument] = {}
    for _, found, _ in results:  # in reading order of the seeds: the first spelling met names it
        for cid, inst in found.items():
            candidates.setdefault(cid, inst)
    return Collection(root, tuple(docs), registry, tuple(sorted(candidates.values(), key=lambda i: i.id)),
                      {d.id: out for d, _, out in results})


def _id_origin(seed: Path) -> str:
    """file:line where a text's id is set: the `id:` line of its .yml, or its file name."""
    meta = seed.with_suffix(".yml")
    if meta.exists():
        for n, line in enumerate(meta.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("id:"):
                return f"{meta}:{n}"
    return f"{seed}:1"


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
