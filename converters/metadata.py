"""Curated metadata files (`<seed>.yml` beside each seed), validated with file and line.

A missing file or missing fields are fine (the parser fills them from the text); an unknown
field, a value of the wrong shape or a malformed file is an error naming file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .model import InputError, Meta

FIELDS = ("id", "title", "body", "symbol", "date", "type", "language", "source", "encoding", "citation_label")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")  # ISO 8601, reduced precision allowed


# libyaml's parser when PyYAML has it (the wheels do): ten times faster on many small files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> tuple[Any, Any]:
    """The parsed data and its node tree (for line numbers); InputError naming file and line."""
    try:
        loader = _Loader(path.read_text(encoding="utf-8"))
        try:  # parsed once: the node tree (its lines) and the data built from it
            node = loader.get_single_node()
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: byte {e.start} is not UTF-8; save the file as UTF-8")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError(f"{path}:{mark.line + 1 if mark else 1}: malformed YAML ({getattr(e, 'problem', e)})")


def load_yaml_mapping(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML mapping and the line of each key; InputError naming file and line otherwise."""
    data, node = _read_yaml(path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or node is None or not isinstance(node, yaml.MappingNode):
        raise InputError(f"{path}:1: expected a mapping of fields")
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return data, lines


def default_id(seed: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", seed.stem.lower()).strip("-")
    return slug[:80] or "texte"


def load_meta(seed: Path) -> Meta:
    path = seed.with_suffix(".yml")
    values: dict[str, Any] = {"id": default_id(seed)}
    if not path.exists():
        return Meta(**values)
    data, lines = load_yaml_mapping(path)
    for key, value in data.items():
        line = lines.get(str(key), 1)
        if key not in FIELDS:
            raise InputError(f"{path}:{line}: unknown field {key!r} (known: {', '.join(FIELDS)})")
        if value is None:
            continue
        if key == "date" and not isinstance(value, str):
            value = str(value)  # YAML reads 2006-12-20 as a date
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{path}:{line}: field {key!r} must be a non-empty text")
        if key == "id" and not ID.match(value):
            raise InputError(f"{path}:{line}: id {value!r} must be lower-case letters, digits and '-'")
        if key == "date" and not DATE.match(value):
            raise InputError(f"{path}:{line}: date {value!r} must be ISO: YYYY-MM-DD, YYYY-MM or YYYY")
        values[key] = value.strip()
    return Meta(**values)


def load_yaml_list(path: Path) -> list[tuple[dict[str, Any], int]]:
    """A YAML list of mappings, each with the line where it starts."""
    data, node = _read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{path}:1: expected a list of entries")
    out = []
    for item, n in zip(data, node.value):
        if not isinstance(item, dict):
            raise InputError(f"{path}:{n.start_mark.line + 1}: expected an entry with fields")
        out.append((item, n.start_mark.line + 1))
    return out
