"""qmine's extraction library: report text in, indicator records out.

    >>> from qmine.extract import extract_text
    >>> [(r.indicator, r.value, r.unit) for r in extract_text("批次合格率90.6%。")]
    [('批次合格率', 90.6, '%')]

The command line (:mod:`qmine.cli`) is a thin shell over these functions, so a
notebook or a Dask worker can call exactly what ``qmine extract`` runs:

    >>> from qmine.extract import Options, extract_source
    >>> records = extract_source("report.txt", Options(dedupe=True))  # doctest: +SKIP

``extract_source`` takes a path, an fsspec URL or bytes and an :class:`Options`
(frozen, picklable: rule files travel as their contents); ``try_extract`` never raises
and returns an :class:`Outcome` with the records or one error line; ``warm_up`` loads
OpenCC, jieba, the rules, the concepts and the region table once per process.
"""
from __future__ import annotations

from .concepts import Concept, ConceptError, default_concepts, load_concepts
from .decode import DecodeError, decode_bytes
from .document import Document, InputError, read_document
from .job import (
    LARGE_BYTES,
    ExtractionError,
    InputFormat,
    Options,
    Outcome,
    RuleSource,
    check_data,
    display_name,
    extract_file,
    extract_source,
    is_url,
    iter_outcomes,
    read_source,
    try_extract,
    warm_up,
)
from .pipeline import describe, extract_text, iter_records
from .records import FIELDS, Record
from .regions import RegionError, divisions
from .report_meta import MetaError, ReportMeta, doc_types, read_meta_table, user_meta
from .rules import Rule, RuleBudget, RuleError, RuleStoppedWarning, load_rules
from .tomlread import DataFileError

__all__ = ["FIELDS", "LARGE_BYTES", "Concept", "ConceptError", "DataFileError", "DecodeError",
           "Document", "ExtractionError", "InputError", "InputFormat", "MetaError", "Options",
           "Outcome", "Record", "RegionError", "ReportMeta", "Rule", "RuleBudget", "RuleError",
           "RuleSource", "RuleStoppedWarning", "check_data", "decode_bytes", "default_concepts",
           "describe", "display_name", "divisions", "doc_types", "extract_file", "extract_source",
           "extract_text", "is_url", "iter_outcomes", "iter_records", "load_concepts", "load_rules",
           "read_document", "read_meta_table", "read_source", "try_extract", "user_meta",
           "warm_up"]
