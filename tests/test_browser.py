"""A real browser (Debian's Chromium driven by Playwright) on the built site opened from file://."""
import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    pg = ctx.new_page()
    errors, outside = [], []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    pg.base = site.as_uri()
    yield pg
    assert errors == [], errors
    assert outside == [], outside
    ctx.close()


@pytest.fixture
def page(browser, site):
    yield from _open(browser, site)


@pytest.fixture
def hostile_page(browser, hostile_site):
    yield from _open(browser, hostile_site)


def search(page, query: str) -> None:
    """Type a query key by key, as a reader does: Material reads the query on keyup."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_timeout(500)  # the answers to the first keystrokes are not the last ones


HANDLERS = """[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
  .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))"""


def test_hostile_text_runs_no_script_and_shows_what_was_typed(hostile_page):
    """No dialog opens (the fixture fails on one), no inline handler reaches the DOM."""
    for path in ("/textes/hostile.html", "/index.html", "/textes/index.html", "/instruments/convention-palerme.html"):
        hostile_page.goto(hostile_page.base + path)
        hostile_page.wait_for_timeout(300)
        assert hostile_page.evaluate(HANDLERS) == [], path
        assert "<script>alert('titre')</script> {{ config.site_name }} *titre*" in hostile_page.inner_text("body"), path
    hostile_page.goto(hostile_page.base + "/textes/hostile.html")
    assert hostile_page.title().startswith("<script>alert('titre')</script>")
    assert "<script>alert(1)</script> et <img src=x onerror=alert(1)>" in hostile_page.inner_text("#pp-1")
    assert '[x](javascript:alert(1)) {: onclick="alert(1)" } {{ config }} {% raw %} <!-- 2 * 3 _b_ [^1]' in \
        hostile_page.inner_text("#op-1")


def test_search_a_word_and_land_on_the_paragraph(page):
    page.goto(page.base + "/index.html")
    search(page, "Tokyo")
    hit = page.locator(".md-search-result__item a[href*='#op-11']").first
    hit.wait_for(timeout=15000)
    hit.click()
    page.wait_for_url("**/a-res-61-180.html*#op-11")
    target = page.locator("#op-11")
    assert "Tokyo" in target.inner_text()
    assert target.is_visible() and target.evaluate("el => el.classList.contains('recueil-cible')")


def test_french_stemming_and_elision(page):
    page.goto(page.base + "/index.html")
    search(page, "protocoles")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    search(page, "Organisation")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.locator(".md-search-result__meta").inner_text() != "Aucun document trouvé"


def test_deep_link_is_in_view_and_highlighted(page):
    page.goto(page.base + "/textes/oea-2009-projet-resolution-traite.html#annexe-op-42")
    el = page.locator("#annexe-op-42")
    page.wait_for_timeout(300)
    assert el.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert el.evaluate("el => el.classList.contains('recueil-cible')")


def test_footnote_marker_and_back(page):
    page.goto(page.base + "/textes/a-res-61-180.html")
    page.locator("#op-3 a.footnote-ref").first.click()
    assert page.url.endswith("#note-1")
    page.locator("#note-1 a.footnote-backref").nth(1).click()
    assert "#appel-1" in page.url


def test_instrument_page_link_to_citing_paragraph(page):
    page.goto(page.base + "/instruments/protocole-migrants.html")
    page.locator("a[href$='ctoc-cop-decision-3-3.html#op-k']").click()
    assert page.url.endswith("#op-k") and page.locator("#op-k").is_visible()


def test_paragraph_link_copies_the_url_and_citation(page):
    page.goto(page.base + "/textes/a-res-61-180.html")
    page.hover("#op-11")
    link = page.locator("#op-11 .recueil-lien")
    assert link.get_attribute("aria-label") == "Lien vers le paragraphe 11"
    link.click()
    assert page.url.endswith("#op-11")
    assert page.evaluate("navigator.clipboard.readText()").endswith("a-res-61-180.html#op-11")
    page.locator("#op-11 .recueil-citer").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("Assemblée générale des Nations Unies, résolution 61/180, paragraphe 11\nfile://")


def test_screenshots(page, tmp_path_factory):
    out = tmp_path_factory.mktemp("shots")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base + "/textes/a-res-61-180.html#op-3")
        page.screenshot(path=str(out / f"texte-{width}.png"))
        assert (out / f"texte-{width}.png").stat().st_size > 10_000


def test_search_terms_are_the_same_in_python_and_in_the_browser(page, collection):
    """The index is built in Python and queried in JavaScript: both must cut words alike."""
    from conftest import ROOT
    from converters.search import terms

    page.goto(page.base + "/index.html")
    page.add_script_tag(path=str(ROOT / "docs" / "assets" / "recueil-search.js"))
    texts = [b.text for d in collection.documents for b in d.blocks] + [f.text for d in collection.documents for f in d.footnotes]
    texts += ["Œuvre ÉTATS l’Organisation d'Asunción Nationaux x 7 qu'il", "ß Æ ﬁ İ ñ 2006/27 AG/RES. 2019 (XXXIV-O/04)"]
    assert page.evaluate("texts => texts.map(t => RecueilTerms.terms(t))", texts) == [terms(t) for t in texts]


def test_prefix_search_while_typing_lands_on_the_paragraph(page):
    page.goto(page.base + "/index.html")
    search(page, "conférence des part")
    hit = page.locator(".md-search-result__item a[href*='textes/'][href*='#']").first
    hit.wait_for(timeout=15000)
    assert "<mark>" in hit.inner_html()
    anchor = hit.get_attribute("href").split("#", 1)[1]
    hit.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.locator(f"[id='{anchor}']").is_visible()
