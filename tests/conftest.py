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


def build_site(seeds: Path, site: Path) -> subprocess.CompletedProcess:
    """mkdocs build --strict of `seeds` into `site`, as `make site` does."""
    env = dict(os.environ, RECUEIL_SEEDS=str(seeds), NO_MKDOCS_2_WARNING="1", RECUEIL_JOBS="1")
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
