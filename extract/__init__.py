"""qmine's extraction library: report text in, indicator records out.

    >>> from qmine.extract import extract_text
    >>> [(r.indicator, r.value, r.unit) for r in extract_text("批次合格率90.6%。")]
    [('批次合格率', 90.6, '%')]

The command line (:mod:`qmine.cli`) is a thin shell over these functions, so a
notebook or a Dask worker can call exactly what ``qmine extract`` runs.
"""
from __future__ import annotations

from .concepts import Concept, ConceptError, default_concepts, load_concepts
from .decode import DecodeError, decode_bytes
from .document import Document, extract_file, read_document
from .pipeline import describe, extract_text, iter_records
from .regions import RegionError, divisions
from .report_meta import ReportMeta, doc_types
from .records import FIELDS, Record
from .rules import Rule, RuleError, load_rules
from .tomlread import DataFileError

__all__ = ["FIELDS", "Concept", "ConceptError", "DataFileError", "DecodeError", "Document", "Record",
           "RegionError", "ReportMeta", "Rule", "RuleError", "decode_bytes", "default_concepts", "describe",
           "divisions", "doc_types", "extract_file", "extract_text", "iter_records", "load_concepts",
           "load_rules", "read_document"]
