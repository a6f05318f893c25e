"""The curated instrument registry (`seeds/instruments.yml`), validated once at load.

A duplicate id, an alias (or title) claimed by two instruments, an unknown field or a
relation to an unknown instrument fails with one line naming the file, line and entry.
"""
from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import InputError

KINDS = ("treaty", "protocol", "declaration", "resolution", "decision", "document", "plan")
FIELDS = {"id", "title", "kind", "body", "date", "symbol", "treaty_series", "annex_of", "annex", "aliases",
          "relations", "document", "url"}
KIND_LABELS = {
    "treaty": "Convention ou traité", "protocol": "Protocole", "declaration": "Déclaration",
    "resolution": "Résolution", "decision": "Décision", "document": "Document", "plan": "Plan d'action",
    "unknown": "Non encore répertorié",
}


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    kind: str
    body: str | None = None
    date: str | None = None
    symbol: str | None = None
    treaty_series: str | None = None
    annex_of: str | None = None
    annex: str | None = None
    aliases: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    document: str | None = None
    url: str | None = None
    curated: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if c in "’ʼ‘`´":
            f = "'"
        elif c in "“”«»„":
            f = '"'
        elif c.isspace():
            f = " "
        else:
            d = unicodedata.normalize("NFD", c)[0].lower()
            f = d if len(d) == 1 else c
        self[code] = f
        return f


_FOLD = _FoldTable()


# fold() of a text written in Windows-1252's characters (French, with ’ “ ” œ …) in C: lower
# case, encode, translate the bytes, decode. Other characters go through a placeholder (NUL,
# never in a seed) and the table above. For every c whose lower case is one character,
# _FOLD[c] == _FOLD[c.lower()], and every folded cp1252 character is a cp1252 character.
def _nul_for_each(e: UnicodeEncodeError) -> tuple[str, int]:
    return "\x00" * (e.end - e.start), e.end


codecs.register_error("recueil-fold", _nul_for_each)
_CP1252 = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(256))
_CP1252_FOLD = bytes(_FOLD[ord(c)].encode("cp1252")[0] if c else b
                     for b, c in enumerate(bytes([b]).decode("cp1252", "ignore") for b in range(256)))
_NOT_CP1252 = re.compile("[^" + re.escape(_CP1252) + "]")


def fold(text: str) -> str:
    """Comparison key for names: no accents, lower case, one kind of apostrophe and space.
    Same length as the input, so offsets found in the folded text hold in the original."""
    low = text.lower()
    if len(low) != len(text) or "\x00" in low or "Σ" in text:
        return text.translate(_FOLD)  # "İ" lowers to two characters, "Σ" by its place in a word
    out = low.encode("cp1252", "recueil-fold").translate(_CP1252_FOLD).decode("cp1252")
    if "\x00" not in out:
        return out
    parts = out.split("\x00")
    others = [_FOLD[ord(c)] for c in _NOT_CP1252.findall(low)]
    return parts[0] + "".join(f + p for f, p in zip(others, parts[1:]))


def symbol_key(symbol: str) -> str:
    """'AG/RES. 2019 (XXXIV-O/04)' and 'ag/res.2019(xxxiv-o/04)' compare equal."""
    return re.sub(r"[\s.]+", "", fold(symbol))


def series_key(ref: str) -> tuple[int, int] | None:
    m = re.search(r"vol\.?\s*(\d+)\s*,?\s*n\W{0,2}\s*(\d+)", fold(ref))
    return (int(m[1]), int(m[2])) if m else None


@dataclass(frozen=True)
class Registry:
    instruments: tuple[Instrument, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.instruments})
        by_symbol: dict[str, str] = {}
        by_series: dict[tuple[int, int], str] = {}
        by_annex: dict[tuple[str, str], str] = {}
        for i in self.instruments:
            if i.symbol:
                by_symbol[symbol_key(i.symbol)] = i.id
                short = re.sub(r"^(?:a|e)/res/", "", symbol_key(i.symbol))
                by_symbol.setdefault(short, i.id)  # "55/25" for "A/RES/55/25"
            if i.treaty_series and series_key(i.treaty_series):
                by_series[series_key(i.treaty_series)] = i.id
            if i.annex_of and i.annex:
                by_annex[(i.annex_of, i.annex.upper())] = i.id
        object.__setattr__(self, "_by_symbol", by_symbol)
        object.__setattr__(self, "_by_series", by_series)
        object.__setattr__(self, "_by_annex", by_annex)

    def get(self, id: str) -> Instrument | None:
        return self._by_id.get(id)  # type: ignore[attr-defined]

    def by_symbol(self, symbol: str, annex: str | None = None) -> str | None:
        key = symbol_key(symbol)
        found = self._by_symbol.get(key) or self._by_symbol.get(re.sub(r"^(?:a|e)/res/", "", key))  # type: ignore[attr-defined]
        if found and annex:
            return self._by_annex.get((found, annex.upper()), found)  # type: ignore[attr-defined]
        return found

    def by_series(self, ref: str) -> str | None:
        key = series_key(ref)
        return self._by_series.get(key) if key else None  # type: ignore[attr-defined]


def load_registry(path: Path) -> Registry:
    if not path.exists():
        return Registry(())
    from .metadata import load_yaml_list

    entries = load_yaml_list(path)
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, str] = {}
    out: list[Instrument] = []
    for data, line in entries:
        where = f"{path}:{line}"
        unknown = set(data) - FIELDS
        if unknown:
            raise InputError(f"{where}: unknown field {sorted(unknown)[0]!r} in entry {data.get('id')!r}")
        iid, title, kind = data.get("id"), data.get("title"), data.get("kind")
        if not isinstance(iid, str) or not re.match(r"^[a-z0-9][a-z0-9-]*$", iid):
            raise InputError(f"{where}: entry needs an id of lower-case letters, digits and '-' (got {iid!r})")
        if iid in seen_ids:
            raise InputError(f"{where}: duplicate id {iid!r} (first at line {seen_ids[iid]})")
        seen_ids[iid] = line
        if not isinstance(title, str) or not title.strip():
            raise InputError(f"{where}: entry {iid!r} needs a title")
        if kind not in KINDS:
            raise InputError(f"{where}: entry {iid!r} has kind {kind!r}; expected one of {', '.join(KINDS)}")
        aliases = data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise InputError(f"{where}: aliases of {iid!r} must be a list of names")
        for name in [title, *aliases]:
            key = " ".join(fold(name).split())
            if key in seen_names and seen_names[key] != iid:
                raise InputError(f"{where}: name {name!r} of {iid!r} is already claimed by {seen_names[key]!r}")
            seen_names[key] = iid
        relations = []
        for r in data.get("relations") or []:
            if not isinstance(r, dict) or set(r) != {"type", "target"}:
                raise InputError(f"{where}: relations of {iid!r} must be {{type, target}} pairs")
            relations.append((str(r["type"]), str(r["target"])))
        scalars = {}
        for k in ("body", "date", "symbol", "treaty_series", "annex_of", "annex", "document", "url"):
            v = data.get(k)
            if isinstance(v, datetime.date):
                v = v.isoformat()  # YAML reads 2000-11-15 as a date
            if v is not None and not isinstance(v, (str, int)):
                raise InputError(f"{where}: field {k!r} of {iid!r} must be a text")
            scalars[k] = None if v is None else str(v)
        out.append(Instrument(iid, title.strip(), kind, aliases=tuple(a.strip() for a in aliases),
                              relations=tuple(relations), **scalars))
    ids = {i.id for i in out}
    for i in out:
        for _, target in i.relations:
            if target not in ids:
                raise InputError(f"{path}: relation of {i.id!r} names unknown instrument {target!r}")
        if i.annex_of and i.annex_of not in ids:
            raise InputError(f"{path}: annex_of of {i.id!r} names unknown instrument {i.annex_of!r}")
    return Registry(tuple(out))
