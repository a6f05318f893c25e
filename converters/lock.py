"""The anchors manifest: every page and anchor the site has published, kept in the seeds
folder (`anchors.lock`) so that it travels with the collection.

Each line is a published place and a fingerprint of what it names (a short hash of the
paragraph's words; `-` for a page), or a retired place and where it now points:

    textes/a-res-61-180.html -
    textes/a-res-61-180.html#op-11 5e0c1a2b9f
    textes/ancien-id.html -> textes/a-res-61-180.html
    textes/a-res-61-180.html#pp-12 -> textes/a-res-61-180.html#pp-11

The build compares the collection with the manifest (`compare`): a published place that
would disappear without a redirect stops it; an anchor whose words now sit under another
anchor of the same page has shifted (unnumbered paragraphs are counted, so inserting one
moves the others) and is reported; new places are added. The manifest is only ever
appended to or re-fingerprinted, never pruned.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .live import for_document
from .model import Document, InputError
from .paths import instrument_url, text_url
from .pipeline import Collection

LOCK_FILE = "anchors.lock"
_FINGERPRINT = re.compile(r"-|[0-9a-f]{10}")
PAGE = "-"
_HEADER = (
    "# Recueil anchors manifest: every page and anchor this collection has published.\n"
    "# Written by the build; commit it with the seeds. A place may not disappear: to retire one,\n"
    "# replace its line by `old -> new` (a redirect, kept here for good).\n"
)


def _places(d: Document) -> dict[str, str]:
    page = text_url(d.id)
    out = {page: PAGE}
    for b in d.blocks:
        out[f"{page}#{b.anchor}"] = fingerprint(b.text)
    for f in d.footnotes:
        out[f"{page}#{f.anchor}"] = fingerprint(f.text)
    return out


def fingerprint(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def published(collection: Collection, memo: dict[str, tuple[Document, dict[str, str]]] | None = None) -> dict[str, str]:
    """place ("textes/x.html#op-11") -> fingerprint, for every page and anchor of the collection.
    memo (live preview): document id -> (Document, its places), reused for the same Document."""
    out: dict[str, str] = {}
    for d in collection.documents:
        out.update(for_document(memo, d, _places))
    for inst in collection.instruments:
        out[instrument_url(inst.id)] = PAGE
    return out


@dataclass(frozen=True)
class Lock:
    entries: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)


def parse_lock(text: str, name: str) -> Lock:
    entries: dict[str, str] = {}
    redirects: dict[str, str] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if " -> " in line:
            old, new = (x.strip() for x in line.split(" -> ", 1))
            if not old or not new or " " in old or " " in new:
                raise InputError(f"{name}:{n}: a redirect is `old-place -> new-place`, got {line!r}")
            redirects[old] = new
            continue
        parts = line.split()
        if len(parts) != 2 or not _FINGERPRINT.fullmatch(parts[1]):
            raise InputError(f"{name}:{n}: expected `place fingerprint` or `old -> new`, got {line!r}")
        entries[parts[0]] = parts[1]
    return Lock(entries, redirects)


def read_lock(path: Path) -> Lock | None:
    if not path.exists():
        return None
    return parse_lock(path.read_text(encoding="utf-8"), str(path))


def render_lock(lock: Lock) -> str:
    lines = [f"{place} {fp}" for place, fp in sorted(lock.entries.items())]
    lines += [f"{old} -> {new}" for old, new in sorted(lock.redirects.items())]
    return _HEADER + "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Report:
    missing: tuple[str, ...]  # published, gone, no redirect: the build stops
    bad_redirects: tuple[str, ...]  # a redirect that points nowhere or shadows a live place
    shifted: tuple[tuple[str, str], ...]  # (anchor, anchor that now holds its words)
    updated: Lock  # the manifest to write once the build succeeds

    @property
    def errors(self) -> tuple[str, ...]:
        return self.missing + self.bad_redirects


def page_of(place: str) -> str:
    return place.split("#", 1)[0]


def redirect_target(place: str, redirects: dict[str, str]) -> str | None:
    """Where a retired place points: its own line, or its page's line (same anchor there)."""
    if place in redirects:
        return redirects[place]
    page, _, anchor = place.partition("#")
    if page in redirects:
        return redirects[page] + (f"#{anchor}" if anchor else "")
    return None


def compare(lock: Lock, current: dict[str, str], lock_name: str, accept_shifts: bool = False) -> Report:
    by_page: dict[str, dict[str, str]] = {}  # page -> fingerprint -> first place holding those words
    for place, fp in current.items():
        if fp != PAGE:
            by_page.setdefault(page_of(place), {}).setdefault(fp, place)

    def now_at(place: str, fp: str) -> str | None:
        """Where the words `place` named (fingerprint fp) are now, in the same page."""
        return by_page.get(page_of(place), {}).get(fp) if fp != PAGE else None

    missing: list[str] = []
    shifted: list[tuple[str, str]] = []
    entries = dict(lock.entries)
    for place, fp in sorted(lock.entries.items()):
        now = current.get(place)
        if now is None:
            if redirect_target(place, lock.redirects) is None:
                moved = now_at(place, fp)
                hint = f" (its words are now at {moved})" if moved else ""
                missing.append(
                    f"{lock_name}: {place} was published and would disappear{hint}. Restore it, or retire it on "
                    f"purpose: replace its line in {lock_name} by `{place} -> {moved or 'new-place'}`")
            entries.pop(place)
        elif now != fp:
            holder = now_at(place, fp)
            if holder and holder != place and not accept_shifts:
                shifted.append((place, holder))
                continue  # keep the old fingerprint until the shift is accepted
            entries[place] = now
    for place, fp in current.items():
        entries.setdefault(place, fp)
    bad: list[str] = []
    for old, new in sorted(lock.redirects.items()):
        if old in current:
            bad.append(f"{lock_name}: {old} is redirected to {new} but exists again; remove the redirect line")
        elif new not in current and redirect_target(new, lock.redirects) is None:
            bad.append(f"{lock_name}: {old} is redirected to {new}, which the site does not have")
    for old in lock.redirects:
        entries.pop(old, None)
    return Report(tuple(missing), tuple(bad), tuple(shifted), Lock(entries, dict(lock.redirects)))


def shift_message(lock_name: str, place: str, holder: str) -> str:
    anchor = place.partition("#")[2]
    return (f"{lock_name}: {place} now names another paragraph; what it named is now #{holder.partition('#')[2]} "
            f"(unnumbered paragraphs are counted, so an insertion moves the ones after it). Links to #{anchor} "
            f"will show the new paragraph: if that is intended, run `make lock` to accept it")
