"""Command line: `python -m converters convert SEEDS OUT [-j N]`, `python -m converters candidates SEEDS`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import collection_json
from .model import InputError
from .pages import Page, all_pages
from .pipeline import default_jobs, load_collection


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m converters")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("convert", help="convert a folder of seeds to Markdown pages and collection.json")
    c.add_argument("seeds", type=Path)
    c.add_argument("out", type=Path)
    c.add_argument("-j", "--jobs", type=int, default=1, help=f"processes to use (this machine: {default_jobs()})")
    k = sub.add_parser("candidates", help="list cited instruments that are not in the registry yet")
    k.add_argument("seeds", type=Path)
    args = ap.parse_args(argv)
    try:
        collection = load_collection(args.seeds, jobs=getattr(args, "jobs", 1), html=False)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for n in collection.notices:
        print(f"warning: {n}", file=sys.stderr)
    if args.cmd == "candidates":
        if not collection.candidates:
            print("Every cited instrument is in the registry.")
        for inst in collection.candidates:
            where = sorted({d.source for d in collection.documents for b in d.blocks for ci in b.citations if ci.instrument == inst.id})
            print(f"{inst.id}\t{inst.title}\t{', '.join(where)}")
        return 0
    for path, page in all_pages(collection, "Recueil").items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, Page):  # a list written as HTML: its content, as a fragment
            target.with_suffix(".html").write_text(page.html + "\n", encoding="utf-8")
        else:
            target.write_text(page, encoding="utf-8")
    (args.out / "collection.json").write_text(collection_json(collection), encoding="utf-8")
    print(f"{len(collection.documents)} texts converted into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
