"""Citation detection: table-driven rows per form, then precision/recall on the gold list."""
from pathlib import Path

import pytest

from converters.citations import Finder, resolve
from converters.model import Block, Document, Footnote, Meta, NoteRef, Text
from converters.pages import cited_in
from converters.registry import load_registry
from gold_citations import gold_pairs

REGISTRY = load_registry(Path(__file__).resolve().parent.parent / "seeds" / "instruments.yml")
FINDER = Finder(REGISTRY)


def doc_of(*paragraphs, notes=()) -> Document:
    """Factory: a document whose blocks are the given texts (a tuple adds note markers)."""
    blocks = []
    for i, p in enumerate(paragraphs, start=1):
        segs = tuple(Text(x) if isinstance(x, str) else NoteRef(x[0]) for x in (p if isinstance(p, tuple) else (p,)))
        blocks.append(Block("operative", "paragraph", "body", segs, i, str(i), anchor=f"op-{i}"))
    fns = tuple(Footnote(str(n), (Text(t),), 0, anchor=f"note-{n}") for n, t in enumerate(notes, start=1))
    return Document("t", "t.txt", Meta(id="t"), tuple(blocks), fns)


def cited(*paragraphs, notes=()) -> list[set[str]]:
    d = resolve(doc_of(*paragraphs, notes=notes), FINDER, {})
    ix = {}
    for inst, rows in cited_in_doc(d).items():
        for anchor in rows:
            ix.setdefault(anchor, set()).add(inst)
    return [ix.get(b.anchor, set()) for b in d.blocks]


def cited_in_doc(d):
    from converters.pipeline import Collection

    c = Collection(Path("."), (d,), REGISTRY, ())
    return {k: [x.anchor for x in v] for k, v in cited_in(c).items()}


@pytest.mark.parametrize("text, expected", [
    ("la Convention de Palerme", {"convention-palerme"}),
    ("la CONVENTION DES NATIONS UNIES CONTRE LA CRIMINALITÉ TRANSNATIONALE ORGANISÉE", {"convention-palerme"}),
    ("la Convention des Nations\u00a0Unies contre la criminalité\ntransnationale organisée", {"convention-palerme"}),
    ("le Protocole pour prévenir, réprimer et sanctionner la traite des personnes, particulièrement la traite "
     "des femmes et des enfants", {"protocole-traite"}),
    ("le Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants",
     {"protocole-traite"}),
    ("ses résolutions 55/25 du 15 novembre 2000, 58/137 du 22 décembre 2003, 59/166 du 20 décembre 2004",
     {"a-res-55-25", "a-res-58-137", "a-res-59-166"}),
    ("la résolution A/RES/61/180", {"a-res-61-180"}),
    ("la résolution 2006/27 du Conseil économique et social", {"ecosoc-res-2006-27"}),
    ("décisions 16 (LVI) et 17 (LVI) du 17 mai 1974 et 1980/127", {"ecosoc-dec-16-lvi", "ecosoc-dec-17-lvi", "ecosoc-dec-1980-127"}),
    ("les résolutions AG/RES. 2019 (XXXIV-O/04) et CP/RES. 908 (1537/06)",
     {"oea-ag-res-2019-xxxiv-o-04", "plan-action-criminalite-transnationale-oea"}),
    ("la résolution AGN/65/RES/8", {"interpol-agn-65-res-8"}),
    ("le rapport A/61/444 et E/CN.4/2006/62", {"a-61-444", "e-cn-4-2006-62"}),
    ("le Protocole facultatif à la Convention relative aux droits de l'enfant, concernant la vente d'enfants, la "
     "prostitution des enfants et la pornographie mettant en scène des enfants", {"protocole-facultatif-cde-vente-enfants"}),
    ("la Convention relative aux droits de l’enfant", {"convention-droits-enfant"}),
    ("la traite des personnes et le trafic de migrants", set()),
    ("une convention bilatérale", set()),
])
def test_one_paragraph(text, expected):
    assert cited(text)[0] == expected


def test_short_forms_resolve_to_their_antecedent_with_pinpoint():
    d = resolve(doc_of(
        "la Convention des Nations Unies contre la criminalité transnationale organisée, et l'article 32 de la Convention",
        "le Protocole contre le trafic illicite de migrants par terre, air et mer et l'article 6 dudit Protocole",
    ), FINDER, {})
    short = [c for b in d.blocks for c in b.citations if c.via == "short"]
    assert [(c.instrument, c.pinpoint) for c in short] == [("convention-palerme", "article 32"), ("protocole-migrants", "article 6")]


def test_ambiguous_short_form_gets_no_link():
    d = resolve(doc_of("la Convention de Palerme et la Convention relative aux droits de l'enfant", "selon la Convention,"), FINDER, {})
    assert d.blocks[1].citations == ()


def test_plural_short_form_cites_each_protocol():
    rows = cited("au Protocole contre le trafic illicite de migrants par terre, air et mer et au Protocole visant à prévenir, "
                 "réprimer et punir la traite des personnes, en particulier des femmes et des enfants", "chacun de ces protocoles")
    assert rows[1] == {"protocole-traite", "protocole-migrants"}


def test_footnote_identifies_instrument_and_ibid_follows_previous_source():
    rows = cited(("la Convention", ("1",)), ("son Protocole", ("2",)), notes=("Résolution 55/25, annexe I.", "Ibid., annexe II."))
    assert rows == [{"convention-palerme"}, {"protocole-traite"}]


def test_treaty_series_reference_in_footnote():
    assert cited(("le Protocole facultatif", ("1",)), notes=("Nations Unies, Recueil des Traités, vol. 2171, n° 27531.",))[0] == {
        "protocole-facultatif-cde-vente-enfants"}


def test_unknown_instrument_becomes_a_candidate():
    cands = {}
    d = resolve(doc_of("la Convention sur la protection des lanceurs d'alerte et la résolution 99/999"), FINDER, cands)
    assert {c.instrument for c in d.blocks[0].citations} == set(cands) == {
        "x-convention-sur-la-protection-des-lanceurs-d-alerte", "x-99-999"}
    assert not any(i.curated for i in cands.values())


def test_precision_and_recall_on_the_seeds(collection):
    predicted = {(c.document, c.anchor, inst) for inst, rows in cited_in(collection).items() for c in rows}
    gold = gold_pairs()
    tp = len(predicted & gold)
    precision, recall = tp / len(predicted), tp / len(gold)
    report = f"precision {precision:.3f} recall {recall:.3f} (tp {tp}, predicted {len(predicted)}, gold {len(gold)})"
    print(report)
    assert precision >= 0.95 and recall >= 0.95, (report, sorted(predicted - gold), sorted(gold - predicted))


def test_registry_rejects_duplicate_ids_and_shared_aliases(tmp_path):
    from converters.model import InputError

    f = tmp_path / "instruments.yml"
    f.write_text("- {id: a, title: Convention A, kind: treaty}\n- {id: a, title: Convention B, kind: treaty}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"instruments.yml:2: duplicate id 'a'"):
        load_registry(f)
    f.write_text("- {id: a, title: Convention A, kind: treaty, aliases: [Pacte X]}\n"
                 "- {id: b, title: Convention B, kind: treaty, aliases: [pacte x]}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"already claimed by 'a'"):
        load_registry(f)


def test_fold_fast_path_equals_the_per_character_table():
    """fold() lowers in C and translates only what is left; it must give what the
    per-character table gives, character by character and on mixed text."""
    from converters.registry import _FOLD, fold

    import random

    chars = [chr(c) for c in range(0x3400) if not 0xD800 <= c < 0xE000]
    assert [fold(c) for c in chars] == [c.translate(_FOLD) for c in chars]
    for mixed in ("İstanbul, « Déclaration »", "l\u2019ŒUVRE\tÉtat\u202fŸ `x´ ß ﬁ Ǆ", "ΟΔΟΣ ΣΑΣ", "a\u0301 \u2011 €"):
        assert fold(mixed) == mixed.translate(_FOLD) and len(fold(mixed)) == len(mixed), mixed
    rng = random.Random(7)
    for _ in range(300):  # Latin-1, cp1252 and other characters side by side
        text = "".join(chr(rng.choice([rng.randrange(1, 0x3000), rng.randrange(1, 0x100), 0x2019, 0x3A3, 0x20]))
                       for _ in range(120))
        assert fold(text) == text.translate(_FOLD), text


def test_short_form_looks_back_only_at_its_noun_in_linear_time():
    """Antecedents are indexed by head noun: 1,000 paragraphs citing a protocol, each
    followed by "la Convention" with no convention before, resolve fast and to nothing."""
    import time

    finder = Finder(load_registry(Path("seeds/instruments.yml")))
    n = 1000
    blocks = tuple(Block("operative", "paragraph", "body", (Text(f"{i}. Rappelant le Protocole relatif aux armes à feu "
                                                                  "et la Convention."),), i, anchor=f"op-{i}")
                   for i in range(1, n + 1))
    doc = Document("d", "d.txt", Meta("d"), blocks, ())
    start = time.perf_counter()
    out = resolve(doc, finder, {})
    assert time.perf_counter() - start < 5
    assert not any(c.via == "short" for b in out.blocks for c in b.citations)


def test_bare_symbol_patterns_match_where_their_readable_forms_do():
    """The bare-number patterns put their lookbehind after the first digit (so the regex
    engine can scan for digits); they must match exactly where the lookbehind-first form does."""
    import random
    import re

    from converters.citations import _SYMBOLS

    readable = [re.compile(r"(?<![\w/.\-])\d{2,4}/\d{1,3}(?![\w/])"), re.compile(r"(?<![\w/])\d{1,3}\s?\([IVXLC]{2,}\)")]
    fast = [rx for form, rx, _ in _SYMBOLS if form == "bare"]
    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice("0123456789/.-( )IVXLCa_é") for _ in range(rng.randint(0, 16)))
        for a, b in zip(readable, fast):
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], (text, b.pattern)
