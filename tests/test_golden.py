"""Golden files: each input .txt beside its expected .md (the five seeds and layout fixtures).

Regenerate after an intended change with `python tests/test_golden.py` and review the diff.
"""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def cases() -> list[tuple[Path, Path]]:
    seeds = [(p, GOLDEN / "seeds" / (p.stem + ".md")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    fixtures = [(p, p.with_suffix(".md")) for p in sorted(GOLDEN.glob("*.txt"))]
    return seeds + fixtures


def convert(path: Path) -> str:
    from converters.pages import text_page

    # A fixture is converted as a one-text collection with the seeds' registry, so its
    # citations link the same way.
    if path.parent == ROOT / "seeds":
        coll = _seed_collection()
    else:
        coll = _fixture_collection(path)
    doc = next(d for d in coll.documents if d.source.endswith(path.name))
    return text_page(coll, doc)


_cache = {}


def _seed_collection():
    from converters.pipeline import load_collection

    if "seeds" not in _cache:
        _cache["seeds"] = load_collection(ROOT / "seeds")
    return _cache["seeds"]


def _fixture_collection(path: Path):
    import shutil
    import tempfile

    from converters.pipeline import load_collection

    tmp = Path(tempfile.mkdtemp())
    shutil.copy(path, tmp / path.name)
    shutil.copy(ROOT / "seeds" / "instruments.yml", tmp / "instruments.yml")
    return load_collection(tmp, label_prefix="fixtures")


@pytest.mark.parametrize("source, expected", cases(), ids=lambda p: p.name)
def test_golden(source: Path, expected: Path):
    assert expected.exists(), f"missing golden file {expected}: run python tests/test_golden.py"
    assert convert(source) == expected.read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for src, exp in cases():
        exp.parent.mkdir(parents=True, exist_ok=True)
        exp.write_text(convert(src), encoding="utf-8")
        print("wrote", exp)
