"""Layout rules (table-driven), nothing lost (seeds and hypothesis), determinism, unique ids,
and inputs that must give a clear error or a faithful page."""
import codecs
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters import anchors
from converters.model import InputError, Meta
from converters.normalize import decode, normalize
from converters.parse import parse
from converters.render import render

SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def convert(text: str):
    return anchors.assign(parse("t.txt", normalize(text), Meta(id="t")))


def words(text: str) -> Counter:
    """Words for the no-loss check: superscript markup (70^{ème}) and footnote markers (¹)
    are read as the converter shows them (70ème, a reference to note 1)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\^\{([^{}]*)\}|\^(\w)", lambda m: m[1] or m[2], text)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text)  # a marker leaves the word it is glued to
    return Counter(w.lower() for w in re.findall(r"\w+", text))


def shown_words(doc) -> Counter:
    return words(" ".join([b.text for b in doc.blocks] + [f.text for f in doc.footnotes]))


@pytest.mark.parametrize("text, expected", [
    # (kind, role, number, anchor) of each block
    ("L'Assemblée générale,\n\nRappelant X,\n\n1. Décide Y ;", [("intro", "formula", None, "formule"),
     ("preamble", "paragraph", None, "pp-1"), ("operative", "paragraph", "1", "op-1")]),
    ("Le Conseil,\n\nDECLARE :\n\n- 1) Qu'il faut ;\n- 2) Que les pays ;", [("intro", "formula", None, "formule"),
     ("intro", "leadin", None, "dispositif"), ("operative", "paragraph", "1", "op-1"), ("operative", "paragraph", "2", "op-2")]),
    ("Le Conseil,\n\n1.\nDe renforcer.\n\n10\nDe coopérer.", [("intro", "formula", None, "formule"),
     ("operative", "paragraph", "1", "op-1"), ("operative", "paragraph", "10", "op-10")]),
    ("La Conférence, rappelant X:\n\na) Se félicite ;\n\nb) Exhorte ;", [("intro", "formula", None, "formule"),
     ("operative", "paragraph", "a", "op-a"), ("operative", "paragraph", "b", "op-b")]),
    ("Le Conseil,\n\n5. Décide :\na) de faire ;\nb) de dire ;\n\n2.1. Précise.", [("intro", "formula", None, "formule"),
     ("operative", "paragraph", "5", "op-5"), ("item", "paragraph", "a", "op-5-a"), ("item", "paragraph", "b", "op-5-b"),
     ("operative", "paragraph", "2.1", "op-2-1")]),
    ("Le Conseil,\n\nCONSIDÉRANT:\n\nQue A;\n\nQue B,\n\nDÉCIDE:\n\n1. C.", [("intro", "formula", None, "formule"),
     ("preamble", "leadin", None, "pp-1"), ("item", "paragraph", None, "pp-1-1"), ("item", "paragraph", None, "pp-1-2"),
     ("intro", "leadin", None, "dispositif"), ("operative", "paragraph", "1", "op-1")]),
    ("Le Conseil,\n\n1. A.\n\nANNEXE\n\nTITRE DE L'ANNEXE\n\nLes autorités, réunies,\n\nNOTANT X,\n\n1. B.",
     [("intro", "formula", None, "formule"), ("operative", "paragraph", "1", "op-1"), ("heading", "heading", None, "annexe"),
      ("heading", "title", None, "annexe-titre"), ("intro", "formula", None, "annexe-formule"),
      ("preamble", "paragraph", None, "annexe-pp-1"), ("operative", "paragraph", "1", "annexe-op-1")]),
    ("Le Conseil,\n\n1. A.\n\n82^e séance plénière\n20 décembre 2006", [("intro", "formula", None, "formule"),
     ("operative", "paragraph", "1", "op-1"), ("closing", "closing", None, "cloture-1"), ("closing", "closing", None, "cloture-2")]),
    ("All news\n|\nPrint\n\nUne conférence mondiale sur la traite\n\nUne conférence mondiale sur la traite\n\nLYON – Une conférence s'est ouverte aujourd'hui "
     "avec des spécialistes de nombreux pays venus parler de la traite et du trafic de migrants.\n\nLégende de la photo",
     [("text", "chrome", None, "web-1"), ("text", "chrome", None, "web-2"), ("text", "chrome", None, "web-3"),
      ("heading", "title", None, "titre"), ("text", "chrome", None, "web-4"), ("text", "paragraph", None, "p-1"),
      ("text", "chrome", None, "web-5")]),
])
def test_layout_rules(text, expected):
    doc = convert(text)
    assert [(b.kind, b.role, b.number, b.anchor) for b in doc.blocks] == expected


def test_paragraph_cut_by_footnote_block_is_joined_and_markers_attached():
    doc = convert("Le Conseil,\n\nConsciente que la traite¹ compromet ces droits et\n\n¹ Note un.\n\ndemeure un défi,\n\n1. A.")
    pp = [b for b in doc.blocks if b.kind == "preamble"]
    assert len(pp) == 1 and pp[0].text == "Consciente que la traite compromet ces droits et demeure un défi,"
    assert pp[0].notes == ("1",) and doc.footnotes[0].text == "Note un."


def test_lost_markers_are_restored_in_order():
    doc = convert("Le Conseil,\n\nRappelant A\n/ et B\n/,\n\n1. C.\n\n\ufffd.\tPremière note.\n\n\ufffd.\tSeconde note.")
    assert doc.blocks[1].text == "Rappelant A et B," and doc.blocks[1].notes == ("1", "2")
    assert [f.text for f in doc.footnotes] == ["Première note.", "Seconde note."]


def test_marker_used_twice_gives_two_references():
    doc = convert("Le Conseil,\n\nRappelant X¹,\n\n1. Ratifier X¹.\n\n¹ Note.")
    md = render(doc)
    assert md.count("[^1]") == 3  # two references and the definition


@pytest.mark.parametrize("seed", sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_no_word_of_a_seed_is_lost(seed, collection):
    doc = next(d for d in collection.documents if d.source.endswith(seed.name))
    missing = words(seed.read_text(encoding="utf-8")) - shown_words(doc)
    assert not missing, missing


def test_seed_counts(collection):
    counts = {d.id: (sum(b.kind == "preamble" for b in d.blocks), sum(b.kind == "operative" for b in d.blocks), len(d.footnotes))
              for d in collection.documents}
    assert counts == {
        "interpol-2001-declaration-budapest": (4, 4, 0),
        "ctoc-cop-decision-3-3": (0, 13, 3),
        "a-res-61-180": (11, 19, 7),
        "interpol-communique-2013-11-14": (0, 0, 0),
        "oea-2009-projet-resolution-traite": (38, 61, 5),
    }


_line = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)
_para = st.one_of(_line, st.builds(lambda n, t: f"{n}. {t}", st.integers(1, 40), _line),
                  st.builds(lambda c, t: f"{c}) {t}", st.sampled_from("abcdef"), _line),
                  st.sampled_from(["L'Assemblée générale,", "DÉCIDE :", "ANNEXE", "Adoptée.", "¹ Note.", "\ufffd. Note", "/"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_para, min_size=1, max_size=25), st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_random_inputs_lose_no_word_are_deterministic_and_ids_unique(paras, sep):
    text = sep.join(paras)
    if not text.strip():
        return
    doc = convert(text)
    missing = words(normalize(text)) - shown_words(doc)
    assert not missing
    ids = [b.anchor for b in doc.blocks] + [f.anchor for f in doc.footnotes]
    assert len(ids) == len(set(ids)) and all(ids)
    assert render(convert(text)) == render(doc)


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"  \n\t\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
    (b"abc\x00def", "NUL byte at offset 3"),
    ("Caf\u00e9".encode("latin-1"), "byte 3 (0xe9) is not UTF-8"),
])
def test_unreadable_input_gives_one_clear_line(data, message):
    with pytest.raises(InputError, match=re.escape(message)):
        decode(data, "seeds/x.txt")


@pytest.mark.parametrize("data, encoding", [
    (codecs.BOM_UTF8 + "Préambule".encode(), None),
    (codecs.BOM_UTF16_LE + "Préambule".encode("utf-16-le"), None),
    ("Préambule".encode("windows-1252"), "windows-1252"),
])
def test_declared_or_marked_encodings_decode(data, encoding):
    assert decode(data, "x", encoding) == "Préambule"


def test_line_endings_are_normalised():
    assert normalize("a\r\nb\rc") == "a\nb\nc"


def test_hostile_text_is_escaped_in_markdown():
    doc = convert("Le Conseil,\n\n1. <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
                  "{: onclick=\"alert(1)\" } {{ config }} {% raw %} <!-- * _ [^1]\n\n# titre")
    md = render(doc)
    assert "<script" not in md and "<img" not in md and "<!--" not in md
    assert "\\[x\\](javascript" in md and "\\{: onclick" in md and "\\[^1\\]" in md and "\\# titre" in md


def test_inline_tokens_are_found_where_the_full_pattern_finds_them():
    """inline._tokens tries the token pattern only at the characters a token starts with;
    on random text it must find exactly what a scan at every position finds."""
    import random

    from converters import inline

    rng = random.Random(5)
    alphabet = "ab é*^{}/ ¹²³,.;)»\n1xY\\_"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        expected = [(m.span(), m.lastgroup) for m in inline._TOKEN.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in inline._tokens(text)] == expected, text
