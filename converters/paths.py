"""Where generated pages live (paths relative to the docs folder) and links between them."""
from __future__ import annotations

from typing import Callable, Optional

TEXTS = "textes"
INSTRUMENTS = "instruments"
BROWSE = "parcourir"


def text_path(doc_id: str) -> str:
    return f"{TEXTS}/{doc_id}.md"


def instrument_path(iid: str) -> str:
    return f"{INSTRUMENTS}/{iid}.md"


def instrument_year_path(iid: str, year: str) -> str:
    """The citations of one year when an instrument's page is cut by year."""
    return f"{INSTRUMENTS}/{iid}/{year}.md"


def site_path(path: str) -> str:
    """A docs-relative `.md` path or link (MkDocs' side) -> the `.html` the site has; the
    offline build has no directory URLs. `textes/x.md#op-1` -> `textes/x.html#op-1`."""
    page, sep, frag = path.partition("#")
    return (page[:-3] + ".html" if page.endswith(".md") else page) + sep + frag


def text_url(doc_id: str) -> str:
    return site_path(text_path(doc_id))


def instrument_url(iid: str) -> str:
    return site_path(instrument_path(iid))


def rel(from_path: str, to_path: str) -> str:
    """Relative link between two docs-relative paths."""
    return "../" * from_path.count("/") + to_path


def instrument_links(title_of: Callable[[str], Optional[str]], from_path: str):
    """instrument id -> (relative link to its page, its title), or None for an unknown id."""

    def target(iid: str) -> tuple[str, str] | None:
        title = title_of(iid)
        return None if title is None else (rel(from_path, instrument_path(iid)), title)

    return target
