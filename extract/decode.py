"""Bytes to text: these reports come as UTF-8 (with or without BOM), GB18030/GBK or Big5.

UTF-8 is tried first and strictly, because a valid UTF-8 Chinese text is almost never
anything else; otherwise charset-normalizer chooses among the Chinese encodings. A
file that none of them decodes cleanly raises :class:`DecodeError` rather than being
read as mojibake.
"""
from __future__ import annotations

import codecs

CANDIDATES = ("gb18030", "big5", "utf_16")


class DecodeError(ValueError):
    """The bytes are not text in any encoding qmine reads."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; the encoding is reported to the user."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(
                f"starts with a UTF-8 BOM but is not UTF-8 (byte {e.start})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:  # an odd byte count, or half of a surrogate pair
            raise DecodeError(f"starts with a UTF-16 BOM but is not UTF-16 "
                              f"({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:4096]:
        raise DecodeError("looks binary (NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rarer non-UTF-8 files

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise DecodeError("not UTF-8, GB18030 or Big5 text")
    encoding = best.encoding.replace("_", "-")
    return str(best), encoding
