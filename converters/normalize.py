"""Bytes of a seed -> NFC text split into numbered lines.

Nothing here interprets layout: only encoding, Unicode form, line endings and control
characters. Decoding never guesses silently: UTF-8 (with or without BOM) and UTF-16 with a
BOM are recognised; any other encoding must be declared in the metadata file.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .model import InputError, Line

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a seed, or raise InputError with one line saying what to do."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = data.decode("utf-16")
    elif encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{source}: unknown encoding {encoding!r} declared in its metadata file")
        except UnicodeDecodeError as e:
            raise InputError(f"{source}: byte {e.start} is not valid {encoding} (as declared in its metadata file)")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"{source}: binary data (NUL byte at offset {nul}); save the text as UTF-8 plain text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{source}: byte {e.start} (0x{data[e.start]:02x}) is not UTF-8; save the file as UTF-8 "
                "or declare its encoding in the metadata file (encoding: windows-1252)"
            )
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise InputError(f"{source}: binary data (NUL character); save the text as plain text")
    if not text.strip():
        raise InputError(f"{source}: the file is empty; add the text or remove the file")
    return text


def normalize(text: str) -> str:
    """NFC, LF line endings, tabs as spaces, other control characters as spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROL.sub(" ", text)


def split_lines(text: str) -> list[Line]:
    return [Line(i, t.rstrip()) for i, t in enumerate(text.split("\n"), start=1)]
