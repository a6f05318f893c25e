"""Layout patterns shared by the parser, one regular expression per recurring layout.

Each pattern describes a layout found in resolutions of the UN, INTERPOL, the OAS, the
Council of Europe or the African Union; none is keyed to one text.
"""
from __future__ import annotations

import re

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
APOS = "'’ʼ"

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
DATE = re.compile(
    r"\b(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b", re.I
)
DATE_ALONE = re.compile(r"^(?:\w+,?\s+)?" + DATE.pattern + r"\s*\.?$", re.I)

# Operative numbering: "1.", "2.1.", "1)", "- 1)", "(1)"; a number alone on its line.
NUM_DOT = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)\.\s+(?P<rest>\S.*)$")
NUM_NESTED = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})+)\s+(?P<rest>\S.*)$")
NUM_PAREN = re.compile(r"^(?:[-–—•]\s*)?\(?(?P<num>\d{1,3})\)\s+(?P<rest>\S.*)$")
NUM_ALONE = re.compile(r"^(?:[-–—•]\s*)?\(?(?P<num>\d{1,3}(?:\.\d{1,3})*)[.)]?$")
# "10\nDe renforcer": a number without its dot, alone on its line above its text.
NUM_BARE = re.compile(r"^(?P<num>\d{1,3})\s+(?P<rest>\S.*)$")
LETTER = re.compile(r"^\(?(?P<num>[a-z]{1,2})\)\s+(?P<rest>\S.*)$")

FOOTNOTE_SUPER = re.compile(r"^(?P<label>[" + SUPERSCRIPT_DIGITS + r"]+)\s*(?P<rest>\S.*)$")
# A body whose number was lost in extraction: a replacement character where the digit was.
FOOTNOTE_LOST = re.compile(r"^\ufffd+\.?\s*(?P<rest>.*)$")

ANNEX = re.compile(r"^(?:ANNEXE|Annexe|ANNEX|Annex)(?:\s+(?P<num>[IVXLC\d]+|[A-Z]))?\s*\.?$")

HEADER = [
    re.compile(p, re.I)
    for p in (
        r"^(?:projet\s+de\s+)?(?:résolution|resolution|décision|decision|recommandation|déclaration)s?$",
        r"^(?:résolution|décision|decision)\s+\S+$",
        r"^distr\.",
        r"^original\s*:",
        r"^(?:point|points)\s+\d+.*\bde\s+l['’]ordre\s+du\s+jour",
        r"^.*\bsession(?:\s+ordinaire|\s+extraordinaire)?\s*$",
        r"^\[.*\]$",
        r"^\(.*\)$",
        r"^résolution\s+adoptée\s+par\b",
        r"^(?:[A-Z]+/)+[A-Z0-9./()\- ]+$",  # a document symbol alone: A/RES/61/180, CP/RES. 908
        r"^" + DATE.pattern + r"\s*[-–—]\s*.{0,40}$",  # "14 novembre 2013 - Media release"
    )
]

CHROME = re.compile(
    r"^(?:all news|news|print|share|tweet|email|imprimer|partager|envoyer|retour|back|"
    r"toutes les actualités|actualités|accueil|home|\||[|•·>»/]+|related news|"
    r"articles? liés?|voir aussi|lire aussi|télécharger|download|partager sur \w+|share on \w+|"
    r"mentions légales|cookies|plan du site|contact|newsletter|rss|"
    r"\S+(?:\s+[>›»/|]\s+\S+(?:\s+\S+){0,3}){1,6}|"  # breadcrumbs: Accueil > Actualités > …
    r"(?:[^|]{1,30}\s\|\s){1,8}[^|]{1,30}|©.{0,60})$",
    re.I,
)

CLOSING = [
    re.compile(p, re.I)
    for p in (
        r"^adopté(?:e|s|es)?(?:\s+(?:par|à|le)\b.*)?\s*\.?$",
        r"^\d+\s*(?:\^\{?)?(?:e|ème|eme|re)\}?\s+séance\s+plénière\.?$",
        r"^fait\s+à\b.*",
    )
]

# Formula: "L'Assemblée générale,", "La Conférence des Parties ..., rappelant ... :",
# "Les autorités nationales ..., réunies ...,". An article, a capitalised organ, and a
# paragraph ending on a comma or colon.
FORMULA = re.compile(r"^(?:L[" + APOS + r"]\s?|La\s+|Le\s+|Les\s+|LA\s+|LE\s+|LES\s+)[" + UPPER + LOWER + r"]")

# A lead-in before numbered paragraphs or "Que" items: "DÉCIDE :", "NOUS RECOMMANDONS :".
CAPS_WORD = re.compile(r"^[" + UPPER + r"][" + UPPER + APOS + r"\-]{2,}")
QUE = re.compile(r"^Qu(?:e\b|[" + APOS + r"])")
TITLE_STRONG = [
    re.compile(r"^(?P<symbol>\d{1,3}/\d{1,4})\.\s+(?P<title>\S.*)$"),  # UN: "61/180. Title"
    re.compile(r"^(?:Objet|Sujet|Subject)\s*:\s*(?P<title>\S.*)$", re.I),  # INTERPOL: "Objet : Title"
]
SYMBOL_HEADER = re.compile(r"^(?:Décision|Decision|Résolution)\s+(?P<symbol>\d[\w./()\-]*)$", re.I)

TERMINAL = ".;:!?"
# A table-of-contents line: "II. Principes ........ 5" (dot leaders, then a page number)
DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")


def ends_sentence(text: str) -> bool:
    t = text.rstrip(" /\u00a0»”\"')]")
    return bool(t) and t[-1] in TERMINAL


def is_caps_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_leadin(text: str) -> bool:
    """A short line announcing a list: all capitals, or ending on a colon."""
    t = text.strip()
    if t.endswith((",", ";", ".")):
        return False  # a short preambular paragraph ("NOTANT X,"), not a lead-in
    words = t.rstrip(":").split()
    if not words or len(words) > 8:
        return False
    if is_caps_text(t):
        return True
    return t.endswith(":") and len(words) <= 4 and t[0].isupper()


def iso_date(text: str) -> str | None:
    m = DATE.search(text)
    if not m:
        return None
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    return f"{int(m['year']):04d}-{MONTHS[m['month'].lower()]:02d}-{day:02d}"
