"""Published anchors never disappear nor silently change meaning (seeds/anchors.lock)."""
import os
import re

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from converters.lock import Lock, compare, parse_lock, published, read_lock, render_lock
from converters.model import InputError
from converters.pipeline import load_collection
from converters.site_checks import redirect_pages

RES = "002_9fed7d253393e584.txt"
PAGE = "textes/a-res-61-180.html"
INSERTED = "Réaffirmant que la traite des personnes est une violation des droits de l'homme,\n\n"


def test_committed_manifest_matches_the_collection(collection):
    lock = read_lock(collection.root / "anchors.lock")
    report = compare(lock, published(collection), "anchors.lock")
    assert not report.errors and not report.shifted
    assert render_lock(report.updated) == (collection.root / "anchors.lock").read_text(encoding="utf-8")


def test_paragraph_inserted_before_pp_3_keeps_numbered_anchors_and_reports_every_shift(seed_copy, tmp_path):
    before = read_lock(seed_copy / "anchors.lock").entries
    path = seed_copy / RES
    text = path.read_text(encoding="utf-8")
    third = text.index("Rappelant en outre la Convention")  # the third preambular paragraph
    path.write_text(text[:third] + INSERTED + text[third:], encoding="utf-8")

    after = published(load_collection(seed_copy))
    mine = {p: fp for p, fp in before.items() if p.startswith(PAGE + "#")}
    changed = {p for p, fp in mine.items() if after.get(p) != fp}
    assert not {p for p in changed if re.search(r"#(annexe-)?op-", p)}, "a numbered paragraph changed meaning"
    assert {p.split("#")[1] for p in changed} == {f"pp-{n}" for n in range(3, 12)}

    result = build_site(seed_copy, tmp_path / "out")
    assert result.returncode != 0
    for p in changed:  # every anchor that changed meaning is named, with where its words went
        n = int(p.rsplit("-", 1)[1])
        assert f"{p} now names another paragraph; what it named is now #pp-{n + 1}" in result.stderr

    env = dict(os.environ, RECUEIL_LOCK="update")
    accepted = build_site(seed_copy, tmp_path / "out2", env)
    assert accepted.returncode == 0, accepted.stderr
    assert read_lock(seed_copy / "anchors.lock").entries[f"{PAGE}#pp-12"] == before[f"{PAGE}#pp-11"]
    assert build_site(seed_copy, tmp_path / "out3").returncode == 0


def test_press_release_paragraph_inserted_reports_shift(seed_copy, tmp_path):
    path = seed_copy / "003_d577105f8b2e5ccc.txt"
    text = path.read_text(encoding="utf-8")
    lock = read_lock(seed_copy / "anchors.lock")
    doc = next(d for d in load_collection(seed_copy).documents if d.id == "interpol-communique-2013-11-14")
    at = text.index(next(b for b in doc.blocks if b.anchor == "p-3").text[:30])
    path.write_text(text[:at] + "Une phrase ajoutée par un éditeur avant le troisième paragraphe.\n\n" + text[at:], encoding="utf-8")
    report = compare(lock, published(load_collection(seed_copy)), "anchors.lock")
    shifted = dict(report.shifted)
    assert shifted["textes/interpol-communique-2013-11-14.html#p-3"] == "textes/interpol-communique-2013-11-14.html#p-4"
    assert len(shifted) == sum(1 for b in doc.blocks if re.fullmatch(r"p-\d+", b.anchor) and int(b.anchor[2:]) >= 3)


def test_anchor_that_would_disappear_stops_the_build_until_redirected(seed_copy, tmp_path):
    path = seed_copy / RES
    text = path.read_text(encoding="utf-8")
    start = text.index("19. *Prie*")
    path.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")
    result = build_site(seed_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"{PAGE}#op-19 was published and would disappear" in result.stderr
    assert f"`{PAGE}#op-19 -> new-place`" in result.stderr

    lock = seed_copy / "anchors.lock"
    lock.write_text(re.sub(rf"^{re.escape(PAGE)}#op-19 \w+$", f"{PAGE}#op-19 -> {PAGE}#op-18",
                           lock.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    out = tmp_path / "out2"
    result = build_site(seed_copy, out)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((out / PAGE).read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="op-19")["data-redirect"] == "#op-18"
    assert f"{PAGE}#op-19 -> {PAGE}#op-18" in lock.read_text(encoding="utf-8")


def test_retired_page_redirects_with_its_anchors():
    lock = Lock({"textes/old.html": "-", "textes/old.html#op-1": "abc"},
                {"textes/old.html": "textes/new.html", "textes/old.html#pp-2": "textes/new.html#pp-3"})
    current = {"textes/new.html": "-", "textes/new.html#op-1": "abc", "textes/new.html#pp-3": "def"}
    report = compare(lock, current, "anchors.lock")
    assert not report.errors
    page = redirect_pages(report.updated.redirects)["textes/old.html"]
    assert 'content="0; url=new.html"' in page and '{"pp-2": "new.html#pp-3"}' in page


@pytest.mark.parametrize("line, message", [
    ("textes/x.html", "anchors.lock:4: expected `place fingerprint` or `old -> new`"),
    ("textes/x.html ->  ", "anchors.lock:4: expected"),
    ("a b -> c", "anchors.lock:4: a redirect is `old-place -> new-place`"),
])
def test_malformed_manifest_line_is_named(line, message):
    with pytest.raises(InputError, match=re.escape(message)):
        parse_lock("# c\n\ntextes/a.html -\n" + line + "\n", "anchors.lock")


def test_redirect_to_nowhere_is_an_error():
    report = compare(Lock({}, {"textes/a.html#op-1": "textes/a.html#op-9"}), {"textes/a.html": "-"}, "anchors.lock")
    assert report.errors == ("anchors.lock: textes/a.html#op-1 is redirected to textes/a.html#op-9, which the site does not have",)
