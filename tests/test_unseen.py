"""Texts of kinds the seeds do not show (issue 5): running headers, dot-leader tables of
contents, bare-digit and asterisk footnote markers, site chrome, hard wraps and hyphenation,
a text flattened to one line, and very large inputs. Each must keep every word and anchor
every paragraph. The texts are written for these tests."""
import re
import time
from pathlib import Path

import pytest

from test_converters import convert, shown_words, words

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

RUNNING = """CONSEIL DE L'EUROPE

Comité des Ministres

Recommandation CM/Rec(2099)7 du Comité des Ministres aux États membres sur la protection des victimes

Le Comité des Ministres, en vertu de l'article 15.b du Statut du Conseil de l'Europe,

Considérant que le but du Conseil de l'Europe est de réaliser une union plus étroite entre ses membres ;

Rappelant la Convention du Conseil de l'Europe sur la lutte contre la traite des êtres humains,

CM/Rec(2099)7

- 2 -

1. de veiller à ce que les victimes soient identifiées sans délai et orientées vers des services
d'assistance spécia-
lisés, y compris lorsque la procédure pénale

CM/Rec(2099)7

Page 3

n'a pas encore été engagée ;

2. de garantir un hébergement sûr.
"""

TOC = """UNION AFRICAINE

Plan d'action de Ouagadougou révisé

TABLE DES MATIÈRES

I. Introduction .......................... 3
II. Principes directeurs ................. 5
III. Mesures ................................ 9

I. Introduction

1. Le présent plan d'action vise à renforcer la coopération entre les États membres.

2. Il complète la Convention des Nations Unies contre la criminalité transnationale organisée.
"""

BARE_NOTES = """Résolution 12/3

La Conférence,

Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée1 et ses protocoles2,

1. Prie le secrétariat de faire rapport*.

1 Nations Unies, Recueil des Traités, vol. 2225, no 39574.
2 Ibid., vol. 2237, no 39574.

* Publié sans mise au point rédactionnelle.
"""

CHROME = """Accueil > Actualités > Communiqués
Partager sur Facebook
Imprimer
Lyon (France) – Les polices de 40 pays ont démantelé un réseau de passeurs.

L'opération, coordonnée par INTERPOL, a permis d'identifier 120 victimes.

Mentions légales | Cookies | Plan du site
© INTERPOL 2099
"""


def layout(doc):
    return [(b.anchor, b.role) for b in doc.blocks]


def assert_faithful(text, doc):
    text = re.sub(r"(?<=[a-zé])-\n(?=[a-zé])", "", text)  # a word cut at a line end is one word
    lost = words(text) - shown_words(doc)
    assert not lost, f"words lost: {dict(lost)}"
    anchors = [b.anchor for b in doc.blocks] + [f.anchor for f in doc.footnotes]
    assert all(anchors) and len(set(anchors)) == len(anchors)


def test_running_headers_and_page_numbers_are_set_apart_and_do_not_cut_paragraphs():
    doc = convert(RUNNING)
    assert_faithful(RUNNING, doc)
    roles = dict(layout(doc))
    assert roles["courant-1"] == roles["courant-2"] == "running"
    assert roles["page-2"] == roles["page-3"] == "running"
    op1 = next(b for b in doc.blocks if b.anchor == "op-1")
    assert op1.text.endswith("services d'assistance spécialisés, y compris lorsque la procédure pénale n'a pas encore été engagée ;")
    assert [b.anchor for b in doc.blocks if b.kind == "preamble"] == ["pp-1", "pp-2"]


def test_dot_leader_table_of_contents_keeps_one_entry_per_line():
    doc = convert(TOC)
    assert_faithful(TOC, doc)
    entries = [b.text for b in doc.blocks if "....." in b.text]
    assert entries == ["I. Introduction .......................... 3", "II. Principes directeurs ................. 5",
                       "III. Mesures ................................ 9"]
    assert [b.anchor for b in doc.blocks if b.kind == "operative"] == ["op-1", "op-2"]


def test_bare_digit_footnote_markers_become_footnotes_and_asterisk_note_is_kept():
    doc = convert(BARE_NOTES)
    # "organisée1" and the "1 " opening a note are marker and label: read them as shown.
    assert_faithful(re.sub(r"(?<=[a-zé])[12](?=[\s,])|^[12](?= )", "", BARE_NOTES, flags=re.M), doc)
    assert [(f.label, f.text) for f in doc.footnotes] == [
        ("1", "Nations Unies, Recueil des Traités, vol. 2225, no 39574."), ("2", "Ibid., vol. 2237, no 39574.")]
    pp1 = next(b for b in doc.blocks if b.anchor == "pp-1")
    assert pp1.notes == ("1", "2")
    assert any(b.text.startswith("* Publié") for b in doc.blocks)


def test_site_chrome_is_kept_apart_from_the_text():
    doc = convert(CHROME)
    assert_faithful(CHROME, doc)
    assert layout(doc) == [("web-1", "chrome"), ("web-2", "chrome"), ("web-3", "chrome"), ("p-1", "paragraph"),
                           ("p-2", "paragraph"), ("web-4", "chrome"), ("web-5", "chrome")]


def test_text_flattened_to_one_line_gets_its_paragraphs_back():
    text = (SEEDS / "002_9fed7d253393e584.txt").read_text(encoding="utf-8")
    flat = " ".join(line.strip() for line in text.splitlines() if line.strip())
    doc = convert(flat)
    assert_faithful(flat, doc)
    assert [b.anchor for b in doc.blocks if b.kind == "operative"] == [f"op-{n}" for n in range(1, 20)]
    assert next(b for b in doc.blocks if b.role == "formula").text == "L'Assemblée générale,"


def test_number_alone_on_its_line_and_hard_wraps():
    text = "Le Conseil,\n\n1.\nDe renforcer la coopé-\nration entre\nles États.\n\n2.\n\nDe coopérer."
    doc = convert(text)
    assert [(b.anchor, b.text) for b in doc.blocks if b.kind == "operative"] == [
        ("op-1", "1. De renforcer la coopération entre les États."), ("op-2", "2. De coopérer.")]


PARA = ("Rappelant la Convention des Nations Unies contre la criminalité transnationale organisée et "
        "le Protocole additionnel, adoptés à Palerme, ainsi que ses résolutions antérieures,")


@pytest.mark.parametrize("name, make", [
    ("5 MB of numbered paragraphs", lambda: "L'Assemblée générale,\n\n" + "\n\n".join(
        f"{i}. {PARA}" for i in range(1, 5_000_000 // len(PARA)))),
    ("a single 1 MB line", lambda: (PARA + " ") * (1_000_000 // len(PARA))),
    ("20,000 paragraphs", lambda: "\n\n".join(f"{PARA} {i}" for i in range(20_000))),
])
def test_large_inputs_convert_whole(name, make):
    text = make()
    doc = convert(text)
    assert_faithful(text, doc)


def _seconds(text: str) -> float:
    start = time.perf_counter()
    convert(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit, join", [
    ("Rappelant la Convention de Palerme et le Protocole", "\n"),  # one hard-wrapped paragraph
    ("et la traite des personnes", "\n\n"),  # paragraphs that all continue the one before
    (PARA, "\n\n"),  # many paragraphs
    (PARA + "\n\n- 7 -", "\n\n"),  # a page number after every paragraph
    ("12 Rappelant la Convention organisée12 et le Protocole", "\n\n"),  # lines that look like bare-digit notes
])
def test_conversion_grows_linearly(unit, join):
    """8 times the text may not cost 64 times the time (quadratic); 20 leaves room for noise."""
    small = join.join([unit] * 2_000)
    big = join.join([unit] * 16_000)
    _seconds(small)  # warm up
    assert _seconds(big) < 20 * max(_seconds(small), 0.005)
