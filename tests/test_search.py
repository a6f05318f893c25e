"""The prebuilt search index (converters/search.py)."""
import json
import re

import pytest

from converters.search import PAGE_SPAN, build, instrument_entries, terms, text_entries


@pytest.mark.parametrize("text, expected", [
    ("Les Protocoles additionnels", ["protocol", "additionnel"]),
    ("l’Organisation d'Asunción", ["organisation", "asuncion"]),
    ("organisée organisées organisé", ["organis", "organis", "organis"]),
    ("États nationaux et national", ["etat", "national", "national"]),
    ("Œuvre 61/180 à la page 3", ["oeuvr", "61", "180", "page", "3"]),
])
def test_terms(text, expected):
    assert terms(text) == expected


def _load(files):
    calls = {}
    for path, js in files.items():
        m = re.fullmatch(r"self\.__rs\.(\w+)\((.*)\);\n", js, re.S)
        calls[path] = json.loads("[" + m[2] + "]")
    return calls


def test_index_points_every_term_to_its_paragraph(collection):
    entries = text_entries(collection) + instrument_entries(collection)
    files = build(entries)
    assert files == build(entries)  # deterministic
    calls = _load(files)
    meta = calls["search/recueil/meta.js"][0]
    assert meta["entries"] == len(entries) and meta["span"] == PAGE_SPAN
    tokyo = calls["search/recueil/t/to.js"][1]["tokyo"]
    page = meta["pages"].index("textes/a-res-61-180.html")
    docs = calls[f"search/recueil/p/{page}.js"][1]
    hits = [(tokyo[i] // PAGE_SPAN, docs[tokyo[i] % PAGE_SPAN][0]) for i in range(0, len(tokyo), 2)]
    assert (page, "op-11") in hits
    assert all(d[0][0] == "" for (p, d) in ((k, v[1]) for k, v in calls.items() if "/p/" in k))  # page entry first
