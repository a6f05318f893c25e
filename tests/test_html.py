"""The site's text pages are written directly as HTML (converters/html.py); they must be
what Python-Markdown makes of the downloadable Markdown, element for element."""
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from converters.anchors import anchor_label
from converters.html import render_html
from converters.pages import link_for, text_path
from converters.render import render
from test_unseen import BARE_NOTES, CHROME, RUNNING, TOC
from test_converters import convert

EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "admonition", "toc"]
_FN_ID = re.compile(r'(id|href)="(#?)fn:([^"]+)"')
_FNREF_ID = re.compile(r'(id|href)="(#?)fnref(\d*):([^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')


def decorate(html: str, doc) -> str:
    """Python-Markdown's HTML with the site's conventions: footnote ids note-1, appel-1 and
    appel-1-2, and the spoken label of every anchored block."""
    html = _FN_ID.sub(lambda m: f'{m[1]}="{m[2]}note-{m[3]}"', html)
    html = _FNREF_ID.sub(lambda m: f'{m[1]}="{m[2]}appel-{m[4]}{"-" + m[3] if m[3] else ""}"', html)
    anchors = {b.anchor for b in doc.blocks} | {f.anchor for f in doc.footnotes}
    return _ID.sub(lambda m: f'{m.group()} data-label="{anchor_label(m[1])}"' if m[1] in anchors else m.group(), html)


def shape(html: str) -> list[tuple]:
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for el in soup.find_all(True):
        attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in el.attrs.items()}
        if "footnote-backref" in attrs.get("class", ""):
            attrs.pop("title")  # Python-Markdown's is English; ours is French
        if "href" in attrs:
            attrs["href"] = re.sub(r"\.md(?=#|$)", ".html", attrs["href"])
        out.append((el.name, sorted(attrs.items()), el.get_text()))
    return out


def via_markdown(doc, links) -> str:
    body = render(doc, links).split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return decorate(html, doc)


def direct(doc, links) -> str:
    return render_html(doc, links)[0]


def test_every_seed_page_matches_python_markdown(collection):
    for doc in collection.documents:
        links = link_for(collection, text_path(doc.id))
        assert shape(direct(doc, links)) == shape(via_markdown(doc, links)), doc.id


@pytest.mark.parametrize("text", [RUNNING, TOC, BARE_NOTES, CHROME,
                                  "Le Conseil,\n\n1. <b>x</b> & *y* [z] {: #a } `c` 2 * 3 _b_\n\n2. Fin¹.\n\n¹ Note.\n"])
def test_unseen_and_hostile_texts_match_python_markdown(text):
    doc = convert(text)
    assert shape(direct(doc, None)) == shape(via_markdown(doc, None))


def test_toc_tokens_follow_headings(collection):
    doc = next(d for d in collection.documents if d.id == "oea-2009-projet-resolution-traite")
    _, toc = render_html(doc, None)
    assert toc[0]["id"] == "titre" and [c["id"] for c in toc[0]["children"]][:1] == ["annexe"]
    assert [c["id"] for c in toc[0]["children"][0]["children"]][:2] == ["annexe-titre", "annexe-intertitre-1"]
