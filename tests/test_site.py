"""The site build is a test: --strict build into a temporary folder, then read the HTML."""
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS, build_site


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_every_block_and_footnote_is_anchored_and_labelled(site, collection):
    for doc in collection.documents:
        page = soup(site, f"textes/{doc.id}.html")
        for b in doc.blocks:
            el = page.find(id=b.anchor)
            assert el is not None, (doc.id, b.anchor)
            assert b.role == "title" or el.get("data-label"), (doc.id, b.anchor)
        for f in doc.footnotes:
            assert page.find(id=f.anchor) is not None


def test_footnotes_link_both_ways_and_a_marker_used_twice_has_two_backlinks(site):
    page = soup(site, "textes/a-res-61-180.html")
    refs = page.select('a.footnote-ref[href="#note-1"]')
    assert len(refs) == 2
    backs = page.find(id="note-1").select("a.footnote-backref")
    assert len(backs) == 2
    for a in backs:
        assert page.find(id=a["href"][1:]) is not None


def test_printed_numbers_stay_visible(site):
    page = soup(site, "textes/a-res-61-180.html")
    assert page.find(id="op-11").get_text().startswith("11.")
    assert soup(site, "textes/ctoc-cop-decision-3-3.html").find(id="op-a").get_text().startswith("a)")


def test_instrument_page_lists_citing_paragraphs_with_deep_links(site):
    page = soup(site, "instruments/convention-palerme.html")
    links = {a["href"] for a in page.select("article a[href*='#']")}
    assert "../textes/a-res-61-180.html#op-3" in links
    assert "../textes/oea-2009-projet-resolution-traite.html#annexe-op-42" in links
    assert page.find("mark") is not None


def test_mentions_in_texts_link_to_instrument_pages(site):
    page = soup(site, "textes/oea-2009-projet-resolution-traite.html")
    a = page.find(id="annexe-op-42").find("a", string="Convention de Palerme")
    assert a["href"] == "../instruments/convention-palerme.html"


def test_collection_json_shape(site, collection):
    data = json.loads((site / "collection.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == len(collection.documents)
    d = next(x for x in data["documents"] if x["id"] == "a-res-61-180")
    assert d["source"] == "seeds/002_9fed7d253393e584.txt" and d["url"] == "textes/a-res-61-180.html"
    assert {"id", "source", "url", "title", "body", "symbol", "date", "type", "language", "blocks", "footnotes"} <= set(d)
    b = next(x for x in d["blocks"] if x["anchor"] == "op-3")
    assert b["kind"] == "operative" and b["part"] == "body" and b["number"] == "3" and b["footnotes"] == ["note-1", "note-2"]
    assert {"instrument": "convention-palerme", "text": "Convention des Nations Unies contre la criminalité transnationale organisée",
            "pinpoint": None} in b["citations"]
    inst = next(x for x in data["instruments"] if x["id"] == "convention-palerme")
    assert {"document": "a-res-61-180", "anchor": "op-3"} in inst["cited_in"]
    assert {"id", "title", "aliases", "kind", "url", "document", "cited_in"} <= set(inst)


def test_search_index_is_prebuilt_with_one_entry_per_paragraph(site):
    """The page-load index is only Material's config; the entries are in search/recueil/."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["docs"] == [] and data["config"]["lang"] == ["fr"]
    assert (site / "search" / "search_index.js").stat().st_size < 1000
    meta = (site / "search" / "recueil" / "meta.js").read_text(encoding="utf-8")
    page = json.loads(re.search(r"self\.__rs\.meta\((.*)\);", meta)[1])["pages"].index("textes/a-res-61-180.html")
    docs = (site / "search" / "recueil" / "p" / f"{page}.js").read_text(encoding="utf-8")
    assert '["op-11","Paragraphe 11","' in docs
    for html in ("index.html", "textes/a-res-61-180.html"):
        assert '"search": "' in soup(site, html).find(id="__config").string
        assert "recueil-search.js" in soup(site, html).find(id="__config").string


def test_no_network_reference_in_pages(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "fonts.googleapis" not in html, page


def test_build_is_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert build_site(SEEDS, again).returncode == 0
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (site / f).read_bytes() == (again / f).read_bytes(), f


def test_unreadable_seed_stops_the_build_with_one_line(seed_copy, tmp_path):
    (seed_copy / "bad.txt").write_bytes(b"Caf\xe9")
    result = build_site(seed_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "bad.txt: byte 3 (0xe9) is not UTF-8" in result.stderr


def test_hostile_seed_and_metadata_are_shown_as_typed_on_every_page(hostile_site):
    from conftest import HOSTILE_TEXT

    text = soup(hostile_site, "textes/hostile.html")
    shown = " ".join(text.get_text(" ").split())
    for typed in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                  '{: onclick="alert(1)" }', "{{ config }}", "{% raw %}", "<!-- 2 * 3 _b_ [^1]", "# pas un titre",
                  '<iframe src="javascript:alert(2)"></iframe> &amp; &lt;b&gt; `code` <style>body{display:none}</style>'):
        assert typed in shown, typed
    assert typed in HOSTILE_TEXT and not text.select("article h1 ~ h1, article em, article iframe, article style")
    title = "<script>alert('titre')</script> {{ config.site_name }} *titre*"
    pages = ["index.html", "textes/index.html", "textes/hostile.html", "parcourir/annees.html",
             "parcourir/organes.html", "instruments/convention-palerme.html"]
    for path in sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")):
        page = soup(hostile_site, path)
        assert not [s for s in page.find_all("script") if "alert" in s.get_text()], path
        assert not page.select("[onerror], [onclick], [onload], a[href^='javascript:'], iframe"), path
        if path in pages:
            assert title in " ".join(page.get_text(" ").split()), path
    assert "<img src=x onerror=alert('cote')>" in shown and "Conseil <b>gras</b> & Cie" in shown
    index = json.loads((hostile_site / "collection.json").read_text(encoding="utf-8"))
    assert any(d["title"] == title for d in index["documents"])


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("damage, message", [
    (lambda s: _append(s / "002_9fed7d253393e584.yml", "colour: rouge\n"),
     r"002_9fed7d253393e584\.yml:10: unknown field 'colour'"),
    (lambda s: (s / "001_5cde1b138b3cbd87.yml").write_text("id: ctoc\ntitle: [pas fermé\n", encoding="utf-8"),
     r"001_5cde1b138b3cbd87\.yml:\d+: malformed YAML"),
    (lambda s: (s / "000_7c75c3d4d3aedf30.yml").write_text("id: x\ndate: 12/03/2001\n", encoding="utf-8"),
     r"000_7c75c3d4d3aedf30\.yml:2: date '12/03/2001' must be ISO"),
    (lambda s: _append(s / "instruments.yml", "- id: nouvel-instrument\n  title: Nouveau\n  kind: traité\n"),
     r"instruments\.yml:\d+: entry 'nouvel-instrument' has kind 'traité'"),
    (lambda s: _append(s / "instruments.yml", "- id: autre\n  title: Autre\n  kind: treaty\n  colour: bleu\n"),
     r"instruments\.yml:\d+: unknown field 'colour' in entry 'autre'"),
    (lambda s: ((s / "005_copie.txt").write_text("Le Conseil,\n\n1. Décide.\n", encoding="utf-8"),
                (s / "005_copie.yml").write_text("title: Copie\nid: a-res-61-180\n", encoding="utf-8")),
     r"005_copie\.yml:2: id 'a-res-61-180' is already used by .*002_9fed7d253393e584\.yml:1"),
])
def test_bad_metadata_or_registry_stops_the_build_with_file_and_line(seed_copy, tmp_path, damage, message):
    damage(seed_copy)
    result = build_site(seed_copy, tmp_path / "out")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and re.search(message, errors[0]), result.stderr


def test_failed_make_site_leaves_the_previous_site_untouched(seed_copy, tmp_path):
    """`make site` builds into a temporary folder and swaps only on success."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".cache", "site", ".git"))
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous", encoding="utf-8")
    (seed_copy / "bad.txt").write_bytes(b"\x00\x01binary")
    make = ["make", "-C", str(project), "site", f"VENV={ROOT / '.venv'}", f"SEEDS={seed_copy}"]
    result = subprocess.run(make, capture_output=True, text=True)
    assert result.returncode != 0
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    (seed_copy / "bad.txt").unlink()
    result = subprocess.run(make, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "recueil" in (project / "site" / "index.html").read_text(encoding="utf-8").lower()


LIVE_PREVIEW = """
import os, sys
from pathlib import Path
os.environ["RECUEIL_SERVING"] = "1"
from mkdocs.commands import build
from mkdocs.config import load_config
seed, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
reused = []
for n, site in enumerate(sys.argv[4:]):
    if n:  # an edit between two rebuilds, as a curator saves a seed
        seed.write_text(seed.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    config = load_config(os.environ["RECUEIL_MKDOCS_YML"], site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build.build(config, serve_url="http://127.0.0.1:8000/")
    reused.append(len(config.plugins["hooks/recueil.py"]._state["reused"]))
print(reused)
"""


def _live_preview(seed, old, new, *sites):
    env = dict(os.environ, RECUEIL_SEEDS=str(seed.parent), NO_MKDOCS_2_WARNING="1", RECUEIL_JOBS="1",
               RECUEIL_MKDOCS_YML=str(ROOT / "mkdocs.yml"))
    env.pop("SOURCE_DATE_EPOCH", None)
    r = subprocess.run([sys.executable, "-c", LIVE_PREVIEW, str(seed), old, new, *map(str, sites)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name, old, new", [
    ("002_9fed7d253393e584.txt", "Convention des Nations Unies contre la criminalité transnationale organisée",
     "Convention des Nations Unies contre la criminalité transnationale organisée (texte modifié)"),
    # the title shows on lists, on instrument pages that quote the text, and on the page of
    # the instrument this text is (A/RES/61/180: "Dans le recueil")
    ("002_9fed7d253393e584.yml", "title: Amélioration", "title: Amélioration (texte modifié)"),
])
def test_live_preview_rebuild_renders_only_what_changed_and_equals_a_fresh_build(seed_copy, tmp_path, name, old, new):
    """`mkdocs serve` keeps pages whose inputs did not change; after editing one seed or its
    metadata the site it serves is byte for byte the one a fresh process builds."""
    seed = seed_copy / name
    assert old in seed.read_text(encoding="utf-8")
    reused = _live_preview(seed, old, new, tmp_path / "first", tmp_path / "rebuilt")
    assert reused[0] == 0 and reused[1] > 10, reused  # the rebuild reused the unchanged pages
    fresh = _live_preview(seed, old, new, tmp_path / "fresh")  # one build (no edit) of the edited seeds
    assert fresh == [0]
    rebuilt, expected = _files(tmp_path / "rebuilt"), _files(tmp_path / "fresh")
    assert sorted(rebuilt) == sorted(expected)
    changed = [p for p in expected if rebuilt[p] != expected[p]]
    assert not changed, changed[:5]
    assert "texte modifié" in (tmp_path / "rebuilt" / "textes" / "a-res-61-180.html").read_text(encoding="utf-8")


def test_site_checks_report_broken_links_anchors_and_duplicate_ids(site, collection, tmp_path):
    """What makes a --strict build fail after the pages are written: each kind of damage
    to a copy of the built site is reported once, and the intact site has no problem."""
    from converters.site_checks import check_site

    assert check_site(site, collection) == []
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    page = broken / "textes" / "a-res-61-180.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('id="op-11"', 'id="op-x"', 1).replace('id="op-12"', 'id="op-13"', 1)
    html = html.replace("</article>", '<a href="../instruments/absent.html">x</a>'
                                      '<a href="../instruments/convention-palerme.html#nulle-part">y</a>'
                                      '<a href="#op-11">z</a><a href="https://example.org/">w</a></article>', 1)
    page.write_text(html, encoding="utf-8")
    problems = check_site(broken, collection)
    expected = ["textes/a-res-61-180.html: duplicate id 'op-13'",
                "textes/a-res-61-180.html: link to missing file '../instruments/absent.html'",
                "textes/a-res-61-180.html: link to missing anchor '../instruments/convention-palerme.html#nulle-part'",
                "textes/a-res-61-180.html: link to missing anchor '#op-11'"]
    for line in expected:
        assert line in problems, (line, problems)
    assert any("has no anchor in the page" in p and ":" in p for p in problems)
    assert not any("example.org" in p for p in problems)


def test_a_much_cited_instrument_lists_its_citations_on_a_page_per_year(collection, tmp_path):
    """Past RECUEIL_CITATIONS_PER_PAGE citing paragraphs, an instrument's page lists years;
    each year's page holds that year's citations, deep-linked; together they hold them all."""
    from converters.pages import cited_in

    site = tmp_path / "site"
    result = build_site(SEEDS, site, dict(os.environ, RECUEIL_CITATIONS_PER_PAGE="3"))
    assert result.returncode == 0, result.stderr
    cites = cited_in(collection)["convention-palerme"]
    years = {d.id: d.meta.date[:4] for d in collection.documents}
    assert len(cites) > 3 and len({years[c.document] for c in cites}) > 1
    main = soup(site, "instruments/convention-palerme.html")
    assert not main.select("article li a[href*='#']")  # no citation on the main page any more
    year_links = [posixpath.normpath(posixpath.join("instruments", a["href"])) for a in main.select("article table a")]
    assert year_links == [f"instruments/convention-palerme/{y}.html" for y in sorted({years[c.document] for c in cites})]
    listed = []
    for path in year_links:
        page = soup(site, path)
        back = page.select_one("article p a")
        assert posixpath.normpath(posixpath.join(posixpath.dirname(path), back["href"])) == "instruments/convention-palerme.html"
        for a in page.select("article li > a[href*='#']"):
            href, anchor = a["href"].split("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            assert target.startswith("textes/") and soup(site, target).find(id=anchor) is not None
            doc_id = target[len("textes/"):-len(".html")]
            assert years[doc_id] == path.rsplit("/", 1)[1][:4]
            listed.append((doc_id, anchor))
    assert sorted(listed) == sorted((c.document, c.anchor) for c in cites)
