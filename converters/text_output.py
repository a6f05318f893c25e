"""A converted text -> what the site shows of it: its Markdown (offered for download) and
the HTML of its page. Done right after conversion, on the same core (pipeline._convert)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .html import render_html
from .model import Document
from .paths import instrument_links, text_path
from .render import render


@dataclass(frozen=True)
class TextOutput:
    markdown: str
    html: str = ""  # empty when only the Markdown was asked for (python -m converters convert)
    toc: tuple[dict, ...] = ()


def render_text(doc: Document, title_of: Callable[[str], Optional[str]], html: bool = True) -> TextOutput:
    links = instrument_links(title_of, text_path(doc.id))
    if not html:
        return TextOutput(render(doc, links))
    page, toc = render_html(doc, links)
    return TextOutput(render(doc, links), page, tuple(toc))
