"""qmine's extraction library: report text in, indicator records out.

    >>> from qmine.extract import extract_text
    >>> [(r.indicator, r.value, r.unit) for r in extract_text("批次合格率90.6%。")]
    [('批次合格率', 90.6, '%')]

The command line (:mod:`qmine.cli`) is a thin shell over these functions, so a
notebook or a Dask worker can call exactly what ``qmine extract`` runs.
"""
from __future__ import annotations

from .decode import DecodeError, decode_bytes
from .document import Document, extract_file, read_document
from .pipeline import extract_text, iter_records
from .records import FIELDS, Record
from .rules import Rule, RuleError, load_rules
from .tomlread import DataFileError

__all__ = ["FIELDS", "DataFileError", "DecodeError", "Document", "Record", "Rule", "RuleError",
           "decode_bytes", "extract_file", "extract_text", "iter_records", "load_rules",
           "read_document"]
