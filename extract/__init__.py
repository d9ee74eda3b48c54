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

__all__ = ["extract_text", "iter_records", "describe", "extract_file", "read_document", "Document", "Record",
           "FIELDS", "ReportMeta", "doc_types", "divisions", "RegionError", "Rule", "RuleError", "load_rules",
           "Concept", "ConceptError", "default_concepts", "load_concepts", "DecodeError", "decode_bytes"]
