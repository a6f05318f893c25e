"""A folder of seeds -> a converted Collection. The only module here that reads files.

Stages per text: read -> decode -> normalize -> parse -> anchors; then per collection:
find/resolve citations against the registry. Conversion of texts is independent, so it
can run on several processes (`jobs`).
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import anchors
from .citations import Finder, resolve
from .metadata import load_meta
from .model import Document, InputError, Notice
from .normalize import decode, normalize
from .parse import parse
from .registry import Instrument, Registry, load_registry

REGISTRY_FILE = "instruments.yml"


@dataclass(frozen=True)
class Collection:
    root: Path  # the seeds folder
    documents: tuple[Document, ...]
    registry: Registry
    candidates: tuple[Instrument, ...]

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(n for d in self.documents for n in d.notices)

    def instrument(self, iid: str) -> Instrument | None:
        return self.registry.get(iid) or next((c for c in self.candidates if c.id == iid), None)

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


def _convert(args: tuple[str, str]) -> Document:
    return convert_file(Path(args[0]), args[1])


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} textes")
        if done == total:
            sys.stderr.write("\n")


def load_collection(root: Path, jobs: int = 1, label_prefix: str | None = None) -> Collection:
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder of seeds; give SEEDS=path/to/folder")
    seeds = seed_files(root)
    if not seeds:
        raise InputError(f"{root}: no .txt seed in this folder")
    prefix = label_prefix if label_prefix is not None else root.name
    work = [(str(p), f"{prefix}/{p.name}" if prefix else p.name) for p in seeds]
    docs: list[Document] = []
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for d in pool.map(_convert, work, chunksize=max(1, len(work) // (jobs * 8))):
                docs.append(d)
                _progress(len(docs), len(work))
    else:
        for w in work:
            docs.append(_convert(w))
            _progress(len(docs), len(work))
    seen: dict[str, str] = {}
    for path, d in zip(seeds, docs):
        if d.id in seen:
            raise InputError(f"{_id_origin(path)}: id {d.id!r} is already used by {seen[d.id]}; "
                             "give one of them another id in its .yml file")
        seen[d.id] = _id_origin(path)
    registry = load_registry(root / REGISTRY_FILE)
    finder = Finder(registry)
    candidates: dict[str, Instrument] = {}
    docs = [resolve(d, finder, candidates) for d in docs]
    return Collection(root, tuple(docs), registry, tuple(sorted(candidates.values(), key=lambda i: i.id)))


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
