"""`make bench` works (at a tiny size; the timings themselves are not tested)."""
import json

import bench


def test_generated_collection_is_deterministic_and_varied(tmp_path):
    bench.generate(12, tmp_path / "a")
    bench.generate(12, tmp_path / "b")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(files) == 12 * 2 + 1
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    texts = {(tmp_path / "a" / f).read_text(encoding="utf-8") for f in files if f.endswith(".txt")}
    assert len(texts) == 12  # no two texts alike


def test_bench_prints_the_table(tmp_path, capsys):
    assert bench.main(["--sizes", "4,8", "--serve-size", "6", "--work", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    for row in ("conversion to Markdown, 1 core (texts/s, best of 3)", "conversion to Markdown, -j 2 (texts/s, best of 3)",
                "conversion + page HTML, 1 core (texts/s, best of 3)", "Recueil build, conversion included",
                "Recueil peak memory",
                "search, typing → first results", "stock Material (flat nav) build", "stock Material (pruned nav) build",
                "ratio Recueil / stock flat build", "From 4 to 8 texts", "`mkdocs serve` with 6 texts"):
        assert row in table, row
    rows = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [r["texts"] for r in rows] == [4, 8] and all(r["lands"] for r in rows)
    serve = json.loads((tmp_path / "serve.json").read_text(encoding="utf-8"))
    assert serve["texts"] == 6 and len(serve["seconds"]) == 3  # each edit reached the served page
