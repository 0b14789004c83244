"""Bytes -> text: UTF-8 (with or without BOM) first, then detection; binary data is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError


def decode_text(data: bytes, *, input: str, declared: str | None = None) -> str:
    """Decode a text page, trusting a declared encoding only when the bytes agree with it.

    Raises:
        InputError: the data is empty or binary, or no encoding reads it.
    """
    if not data.strip():
        raise InputError(input, "empty input")
    if looks_binary(data):
        raise InputError(input, "binary data, not text (is this the right file?)")
    data = data.removeprefix(codecs.BOM_UTF8)
    for encoding in (declared, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(input, "cannot tell the text encoding")
    return data.decode(best.encoding, errors="replace")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05
