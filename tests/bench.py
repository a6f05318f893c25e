"""`make bench`: synthetic collections built from the seeds' own layouts, timed side by side
with a stock Material for MkDocs build of the same Markdown.

    python tests/bench.py [--sizes 200,2000] [--serve-size 500] [--work .cache/bench] [--no-stock] [--no-browser]

Generation is deterministic (random.Random with a fixed seed, no clock, no network): text
i takes the layout of seed i mod 5 and varies its years, resolution symbols, cited
instruments, body, date and length. Timings are wall-clock seconds on this machine; peak
memory is the largest resident set of any process of the build (getrusage of children).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PY = sys.executable

BODIES = ["Assemblée générale des Nations Unies", "Conseil économique et social", "Assemblée générale d'INTERPOL",
          "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée",
          "Assemblée générale de l'Organisation des États américains", "Comité des Ministres du Conseil de l'Europe",
          "Conseil exécutif de l'Union africaine"]
TYPES = ["résolution", "décision", "communiqué de presse", "projet de résolution", "recommandation"]
# Instruments of the registry swapped into the texts, so citations vary from text to text.
SWAPS = ["Convention relative aux droits de l'enfant", "Pacte international relatif aux droits civils et politiques",
         "Déclaration universelle des droits de l'homme",
         "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
         "Convention des Nations Unies contre la criminalité transnationale organisée"]
_YEAR = re.compile(r"\b(19[89]\d|20[01]\d)\b")
_SYMBOL = re.compile(r"\b([5-6]\d)/(\d{2,3})\b")


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.read_text(encoding="utf-8"), p.with_suffix(".yml").read_text(encoding="utf-8"))
            for p in sorted(SEEDS.glob("*.txt"))]


def synthetic_text(base: str, i: int, rng: random.Random) -> str:
    shift = rng.randint(-6, 6)
    text = _YEAR.sub(lambda m: str(int(m[1]) + shift), base)
    # Cited resolutions vary within a bounded pool, as in a corpus on one subject.
    text = _SYMBOL.sub(lambda m: f"{int(m[1]) + rng.randint(0, 2)}/{int(m[2]) + rng.randint(0, 3)}", text)
    swap = SWAPS[i % len(SWAPS)]
    text = text.replace("Convention relative aux droits de l'enfant", swap)
    paras = text.split("\n\n")
    # Vary the length: drop some paragraphs after the head, never a footnote block.
    keep = [p for k, p in enumerate(paras) if k < 12 or "¹" in p or rng.random() > 0.15]
    return "\n\n".join(keep)


def generate(n: int, out: Path) -> None:
    """n synthetic seeds (+ metadata) and the registry into out/."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(SEEDS / "instruments.yml", out / "instruments.yml")
    bases = _seed_texts()
    rng = random.Random(20261123)
    for i in range(n):
        text, _ = bases[i % len(bases)]
        year = 1995 + rng.randint(0, 30)
        name = f"{i:05d}_bench"
        (out / f"{name}.txt").write_text(synthetic_text(text, i, rng), encoding="utf-8")
        meta = {
            "id": f"texte-{i:05d}",
            "title": f"Texte synthétique {i} sur la traite des personnes ({year})",
            "body": BODIES[rng.randrange(len(BODIES))],
            "symbol": f"S/{year}/{i}",
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "type": TYPES[i % len(TYPES)],
        }
        (out / f"{name}.yml").write_text("".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()),
                                         encoding="utf-8")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stderr: str


def measured(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> Run:
    """Wall time, and peak RSS of the largest process, of cmd run in a fresh wrapper process."""
    wrapper = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True);"
               "sys.stderr.write(r.stderr[-3000:]);"
               "print(json.dumps([time.perf_counter()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,r.returncode]))")
    r = subprocess.run([PY, "-c", wrapper, *cmd], env=env, cwd=cwd, capture_output=True, text=True)
    seconds, rss_kb, code = json.loads(r.stdout.strip().splitlines()[-1])
    return Run(seconds, rss_kb / 1024, code, r.stderr)


def _bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


STOCK_YML = """site_name: Stock
docs_dir: docs
use_directory_urls: false
theme:
  name: material
  language: fr
  font: false
{features}
plugins:
  - search:
      lang: fr
  - offline
markdown_extensions: [attr_list, md_in_html, footnotes, tables, admonition, toc]
extra:
  polyfills: [assets/vendor/iframe-worker/shim.js]
{nav}
"""


def stock_project(markdown: Path, out: Path, pruned: bool) -> Path:
    """The converter's Markdown of the texts, built by stock Material: flat nav (every page
    in one list, MkDocs' default) or grouped in sections of 100 with navigation.prune."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(markdown / "textes", docs / "textes")
    (docs / "index.md").write_text("# Stock\n", encoding="utf-8")
    # The same vendored iframe-worker shim as Recueil's, so that search works from file://.
    shutil.copytree(ROOT / "docs" / "assets" / "vendor", docs / "assets" / "vendor")
    nav, features = "", ""
    if pruned:
        texts = sorted(p.name for p in (docs / "textes").glob("*.md") if p.name != "index.md")
        groups = [texts[k:k + 100] for k in range(0, len(texts), 100)]
        lines = ["nav:", "  - index.md"]
        for g, names in enumerate(groups, start=1):
            lines.append(f"  - 'Textes {g}':")
            lines += [f"    - textes/{n}" for n in names]
        nav = "\n".join(lines)
        features = "  features: [navigation.prune]"
    (out / "mkdocs.yml").write_text(STOCK_YML.format(features=features, nav=nav), encoding="utf-8")
    return out


def conversion_seconds(seeds: Path, jobs: int, env: dict, html: bool = False, runs: int = 3) -> float:
    """Seeds -> Markdown of every text, citations resolved (load_collection, what `python -m
    converters convert` does before writing files), timed inside the process: interpreter
    start and imports are not conversion. The fastest of `runs` conversions of the whole
    folder (the process's cache of converted texts emptied before each): this machine's
    speed varies by 15% from run to run. html=True also renders each text's page HTML, as
    the site build does on the same cores."""
    code = ("import sys,time;from pathlib import Path;from converters import pipeline as p\n"
            "best=None\n"
            "for _ in range(int(sys.argv[4])):\n"
            " p._DONE.clear();t=time.perf_counter()\n"
            " p.load_collection(Path(sys.argv[1]),jobs=int(sys.argv[2]),html=sys.argv[3]=='1')\n"
            " s=time.perf_counter()-t;best=s if best is None else min(best,s)\n"
            "print(best)")
    r = subprocess.run([PY, "-c", code, str(seeds), str(jobs), "1" if html else "0", str(runs)], env=env,
                       capture_output=True, text=True, check=True)
    return float(r.stdout.strip())


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None  # not served yet, or between the clean and the write of a rebuild


def serve_rebuild_seconds(seeds: Path, env: dict, work: Path, edits: int = 3) -> list[float]:
    """`mkdocs serve` on seeds; then, `edits` times, a word added to one seed: seconds from
    the file write until the server returns that text's page with the word (the watcher's
    polling, the rebuild and the write of the page all count)."""
    seed = sorted(seeds.glob("*.txt"))[len(list(seeds.glob("*.txt"))) // 2]
    doc_id = json.loads(seed.with_suffix(".yml").read_text(encoding="utf-8").split("id: ", 1)[1].splitlines()[0])
    port = _free_port()
    url = f"http://127.0.0.1:{port}/textes/{doc_id}.html"
    original = seed.read_text(encoding="utf-8")
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")],
                            env=dict(env, RECUEIL_SEEDS=str(seeds)), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    times = []
    try:
        deadline = time.monotonic() + 900
        while _get(url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not start; see {work / 'serve.log'}")
            time.sleep(0.2)
        # A word added inside the first long paragraph: the text's layout stays as it was.
        m = re.search(r"^(.{40,}?) (.{40,})$", original, re.M)
        for k in range(edits):
            time.sleep(1.5)  # the watcher settles
            word = f"repèreédition{k}"
            edited = f"{original[:m.end(1)]} {word}{original[m.end(1):]}"
            start = time.perf_counter()
            seed.write_text(edited, encoding="utf-8")
            while word not in (_get(url) or ""):
                if time.perf_counter() - start > 300:
                    raise SystemExit(f"the edit never reached the page; see {work / 'serve.log'}")
                time.sleep(0.1)
            times.append(time.perf_counter() - start)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        seed.write_text(original, encoding="utf-8")
    return times


def mkdocs_build(project_yml: Path, site: Path, env: dict) -> Run:
    return measured([PY, "-m", "mkdocs", "build", "-q", "-f", str(project_yml), "-d", str(site)], env=env)


def first_page(site: Path) -> Path:
    return sorted((site / "textes").glob("texte-*.html"))[0]


def search_index_bytes(site: Path) -> int:
    return sum(f.stat().st_size for f in (site / "search").rglob("*") if f.is_file())


def browser_search_seconds(site: Path, query: str = "traite", land: bool = True) -> tuple[float, float, bool]:
    """(page load -> first results, start of typing -> first results, the hit lands on its
    paragraph), from headless Chromium on file://. Page load to first results counts the
    time the search needs before it can answer, then the typing."""
    from playwright.sync_api import sync_playwright

    from test_browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        # Focused, Material's search says it is ready once its worker has the index (for
        # stock Material: once lunr has built it); keys typed earlier may be lost.
        page.focus("input.md-search__input")
        page.wait_for_function("() => !/Initialisation/.test(document.querySelector('.md-search-result__meta').textContent)",
                               timeout=600_000)
        typed = time.perf_counter()
        page.locator("input.md-search__input").press_sequentially(query)  # Material reads keyups
        page.locator(".md-search-result__item a").first.wait_for(timeout=120_000)
        found = time.perf_counter()
        hit = page.locator(".md-search-result__item > a[href*='#']").first  # shown, not folded away
        lands = False
        if land and hit.count():
            anchor = (hit.get_attribute("href") or "").split("#", 1)[1]
            hit.click()
            page.wait_for_url(f"**#{anchor}")
            lands = page.locator(f"[id='{anchor}']").is_visible()
        browser.close()
    return found - start, found - typed, lands


def bench(n: int, work: Path, stock: bool, browser: bool, env: dict) -> dict:
    row: dict = {"texts": n}
    seeds = work / f"seeds-{n}"
    generate(n, seeds)
    md = work / f"md-{n}"
    if md.exists():
        shutil.rmtree(md)
    row["text_kb"] = sum(p.stat().st_size for p in seeds.glob("*.txt")) / n / 1e3
    row["convert_1"] = n / conversion_seconds(seeds, 1, env)
    row["convert_2"] = n / conversion_seconds(seeds, 2, env)
    row["convert_html_1"] = n / conversion_seconds(seeds, 1, env, html=True)
    subprocess.run([PY, "-m", "converters", "convert", str(seeds), str(md)], env=env, check=True, capture_output=True)
    site = work / f"site-{n}"
    run = mkdocs_build(ROOT / "mkdocs.yml", site, dict(env, RECUEIL_SEEDS=str(seeds)))
    if run.returncode:
        raise SystemExit(f"recueil build of {n} texts failed:\n{run.stderr}")
    row.update(build=run.seconds, peak_mb=run.peak_mb, site_bytes=_bytes(site), page_bytes=first_page(site).stat().st_size,
               index_bytes=search_index_bytes(site))
    if browser:
        row["search_load"], row["search_typed"], row["lands"] = browser_search_seconds(site)
    if stock:
        for kind, pruned in (("flat", False), ("pruned", True)):
            project = stock_project(md, work / f"stock-{kind}-{n}", pruned)
            stock_site = project / "site"
            r = mkdocs_build(project / "mkdocs.yml", stock_site, env)
            if r.returncode:
                raise SystemExit(f"stock {kind} build failed:\n{r.stderr}")
            row[f"{kind}_build"], row[f"{kind}_peak_mb"] = r.seconds, r.peak_mb
            row[f"{kind}_site_bytes"] = _bytes(stock_site)
            row[f"{kind}_page_bytes"] = first_page(stock_site).stat().st_size
            row[f"{kind}_index_bytes"] = search_index_bytes(stock_site)
            if browser and kind == "flat":
                row["flat_search_load"], row["flat_search_typed"], _ = browser_search_seconds(stock_site, land=False)
            shutil.rmtree(stock_site)
    return row


def _mb(b: float) -> str:
    return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} kB"


def table(rows: list[dict]) -> str:
    lines = ["| measure | " + " | ".join(f"{r['texts']} texts" for r in rows) + " |",
             "|---|" + "---|" * len(rows)]

    def line(name: str, fmt, key: str) -> None:
        if all(key in r for r in rows):
            lines.append(f"| {name} | " + " | ".join(fmt(r[key]) for r in rows) + " |")

    sec = lambda x: f"{x:.1f} s"  # noqa: E731
    line("mean seed size", lambda x: f"{x:.1f} kB", "text_kb")
    line("conversion to Markdown, 1 core (texts/s, best of 3)", lambda x: f"{x:.0f}", "convert_1")
    line("conversion to Markdown, -j 2 (texts/s, best of 3)", lambda x: f"{x:.0f}", "convert_2")
    line("conversion + page HTML, 1 core (texts/s, best of 3)", lambda x: f"{x:.0f}", "convert_html_1")
    line("Recueil build, conversion included", sec, "build")
    line("Recueil peak memory", lambda x: f"{x:.0f} MB", "peak_mb")
    line("Recueil site", _mb, "site_bytes")
    line("Recueil one text page", _mb, "page_bytes")
    line("Recueil search index", _mb, "index_bytes")
    line("search, page load → first results", sec, "search_load")
    line("search, typing → first results", sec, "search_typed")
    line("search hit lands on its paragraph", str, "lands")
    for kind in ("flat", "pruned"):
        line(f"stock Material ({kind} nav) build", sec, f"{kind}_build")
        line(f"stock ({kind}) peak memory", lambda x: f"{x:.0f} MB", f"{kind}_peak_mb")
        line(f"stock ({kind}) site", _mb, f"{kind}_site_bytes")
        line(f"stock ({kind}) one page", _mb, f"{kind}_page_bytes")
        line(f"stock ({kind}) search index", _mb, f"{kind}_index_bytes")
    line("stock (flat) search, page load → first results", sec, "flat_search_load")
    line("ratio Recueil / stock flat build", lambda x: f"{x:.2f}", "ratio_flat")
    line("ratio Recueil / stock pruned build", lambda x: f"{x:.2f}", "ratio_pruned")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        k = b["texts"] / a["texts"]
        lines.append(f"\nFrom {a['texts']} to {b['texts']} texts ({k:.0f}×): build ×{b['build'] / a['build']:.1f}, "
                     f"site bytes ×{b['site_bytes'] / a['site_bytes']:.1f}, one page ×{b['page_bytes'] / a['page_bytes']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="200,2000")
    ap.add_argument("--work", type=Path, default=ROOT / ".cache" / "bench")
    ap.add_argument("--no-stock", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--serve-size", type=int, default=500, help="texts for the `mkdocs serve` measurement (0: none)")
    args = ap.parse_args(argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    env.pop("RECUEIL_SEEDS", None)
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        row = bench(n, args.work, not args.no_stock, not args.no_browser, env)
        for kind in ("flat", "pruned"):
            if f"{kind}_build" in row:
                row[f"ratio_{kind}"] = row["build"] / row[f"{kind}_build"]
        rows.append(row)
        print(f"{n} texts done: {json.dumps(row)}", file=sys.stderr)
    out = table(rows)
    if args.serve_size:
        seeds = args.work / f"serve-seeds-{args.serve_size}"
        generate(args.serve_size, seeds)
        times = serve_rebuild_seconds(seeds, env, args.work)
        (args.work / "serve.json").write_text(json.dumps({"texts": args.serve_size, "seconds": times}), encoding="utf-8")
        out += (f"\n\n`mkdocs serve` with {args.serve_size} texts, one seed edited {len(times)} times, from the file write "
                f"to the page served with the edit: {', '.join(f'{t:.1f} s' for t in times)} "
                f"(median {statistics.median(times):.1f} s, max {max(times):.1f} s)")
    print(out)
    (args.work / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
