import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(scope="session")
def collection():
    from converters.pipeline import load_collection

    return load_collection(SEEDS)


def build_site(seeds: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """mkdocs build --strict of `seeds` into `site`, as `make site` does."""
    env = dict(env or os.environ, RECUEIL_SEEDS=str(seeds), NO_MKDOCS_2_WARNING="1", RECUEIL_JOBS="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), "-f", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(SEEDS, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def seed_copy(tmp_path):
    """A temporary copy of the seeds folder that a test may damage."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


HOSTILE_TEXT = """Le Conseil,

Rappelant la Convention de Palerme <script>alert(1)</script> et <img src=x onerror=alert(1)>,

1. [x](javascript:alert(1)) {: onclick="alert(1)" } {{ config }} {% raw %} <!-- 2 * 3 _b_ [^1]

# pas un titre

2. <iframe src="javascript:alert(2)"></iframe> &amp; &lt;b&gt; `code` <style>body{display:none}</style>
"""
HOSTILE_META = """id: hostile
title: "<script>alert('titre')</script> {{ config.site_name }} *titre*"
symbol: "<img src=x onerror=alert('cote')>"
body: "Conseil <b>gras</b> & Cie"
date: 2099-01-01
"""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A site whose collection holds a seed and metadata written to break out of the page."""
    seeds = tmp_path_factory.mktemp("hostile") / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (seeds / "hostile.yml").write_text(HOSTILE_META, encoding="utf-8")
    out = seeds.parent / "site"
    result = build_site(seeds, out)
    assert result.returncode == 0, result.stderr
    return out
