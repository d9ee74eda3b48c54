"""One input to the records ``qmine extract`` prints: the call a notebook, a Dask worker
or the command line makes.

``qmine extract`` is more than :func:`~qmine.extract.extract_text`: it reads files, URLs
or stdin, decodes them, applies ``--region``/``--meta``, drops the records a page saved
several times over repeats, reads large files a piece at a time, and turns whatever a
file does into one line of error. All of that lives here, so the command line and a
distributed worker run the same code and give the same records.

Everything a run shares is one frozen, picklable :class:`Options`. User rule files are
carried as their *contents* (:class:`RuleSource`), not paths, so a worker on another
machine needs no copy of them.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

from ..patterns import default_rule_files
from .decode import DecodeError, decode_bytes
from .document import Document, InputError, read_document, read_error
from .pipeline import iter_records
from .records import Record, drop_repeats
from .report_meta import ReportMeta, meta_for
from .rules import Rule, RuleBudget, RuleError, RuleStoppedWarning, default_rules
from .tomlread import DataFileError, TOMLDecodeError, tomllib

# Inputs larger than this come back a piece at a time (:func:`iter_outcomes`), so their
# records can be written as they come instead of held whole.
LARGE_BYTES = 8_000_000
STDIN = "-"


class InputFormat(str, Enum):
    """How an input is read (``--input-format``)."""

    AUTO = "auto"  # pages, XML and PDF text are recognised by themselves
    TEXT = "text"
    HTML = "html"
    XML = "xml"
    PDF_TEXT = "pdf-text"


@dataclass(frozen=True)
class RuleSource:
    """A user rule file by its contents: ``name`` (as the user named it, for messages)
    and ``text`` (UTF-8 TOML). A remote worker gets the text, never needs the file."""

    name: str
    text: str

    @classmethod
    def read(cls, path: str | os.PathLike) -> RuleSource:
        """The rule file at ``path`` (a local path or an fsspec URL); :class:`RuleError`
        (one line) when it cannot be read or is not UTF-8."""
        name = str(path)
        try:
            data = _read_bytes(name)
        except OSError as e:
            raise RuleError(f"{name}: cannot read rule file: {e.strerror or e}") from None
        try:
            return cls(name, data.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise RuleError(
                f"{name}: not UTF-8 text (byte {e.start}); rule files are UTF-8 TOML"
            ) from None


@dataclass(frozen=True)
class Options:
    """What every input of a run shares. Frozen and picklable: send it to workers as is.

    ``meta`` is what the user says of every input (``--region``); ``meta_table`` what
    they say of each file, by the name as given or its base name (``--meta``).
    ``dedupe`` drops records that repeat an earlier one of the same input."""

    input_format: InputFormat = InputFormat.AUTO
    rules: tuple[RuleSource, ...] = ()
    default_rules: bool = True
    dedupe: bool = True
    meta: ReportMeta | None = None
    meta_table: tuple[tuple[str, ReportMeta], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "input_format", InputFormat(self.input_format))
        object.__setattr__(self, "rules", tuple(self.rules))
        object.__setattr__(self, "meta_table", tuple(self.meta_table))

    def meta_of(self, name: str) -> ReportMeta | None:
        """What the user said of input ``name``: ``meta``, then its ``meta_table`` row."""
        row = meta_for(name, dict(self.meta_table)) if self.meta_table else None
        if self.meta is None:
            return row
        return self.meta.merged(row)

    def load_rules(self) -> tuple[Rule, ...]:
        """The rules in the order they apply, loaded once per process;
        :class:`RuleError` names the file and rule of anything wrong."""
        return _load_rules(self.rules, self.default_rules)

    def rules_digest(self) -> str:
        """A short hash of every rule this run applies (shipped files and the user's), so
        a dataset says which rules made it."""
        h = hashlib.sha256()
        if self.default_rules:
            for path in default_rule_files():
                h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        for source in self.rules:
            h.update(source.name.encode() + b"\0" + source.text.encode() + b"\0")
        return h.hexdigest()[:16]


@dataclass
class Outcome:
    """What became of one input (or one piece of a large one): its records, or the one
    line that says why not."""

    name: str  # the input as named
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    size: int = 0  # bytes read
    encoding: str | None = None
    count: int = 0  # records kept
    final: bool = True  # False for all but the last piece of a large input
    repeated: int = 0  # records dropped as repeats of earlier ones
    notices: list[str] = field(default_factory=list)  # warnings, one line each (a rule stopped)


class ExtractionError(ValueError):
    """An input that could not be extracted; the message is the one line the CLI prints."""


def display_name(name: str) -> str:
    """``name`` as valid text, for records and messages.

    A file name that is not UTF-8 reaches Python with its odd bytes as lone surrogates
    (os.fsdecode); written as they are, they make invalid UTF-8 output or an encoding
    error. Each such byte is written ``\\xNN`` instead, the same in every format, so the
    name stays readable and tells which file it was."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system gave: escape it as it is
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def is_url(name: str) -> bool:
    """An fsspec URL (``s3://bucket/key``), not a local path."""
    head, sep, _ = name.partition("://")
    return (
        bool(sep) and head.replace("+", "").replace("-", "").isalnum() and not os.path.exists(name)
    )


def read_source(source: str | os.PathLike | bytes, name: str | None = None) -> tuple[Document, int]:
    """The decoded document and its size in bytes, from a path, an fsspec URL or bytes
    (``name`` then says what to call it, ``-`` by default). :class:`InputError` says why not."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        name = STDIN if name is None else name
        data = bytes(source)
        try:
            text, encoding = decode_bytes(data)
        except DecodeError as e:
            raise InputError(f"{name}: {e}") from None
        return Document(name, text, encoding), len(data)
    path = str(source)
    name = path if name is None else name
    if path == STDIN:
        raise InputError(f"{STDIN}: stdin was not read")  # never a file called "-" by mistake
    if not is_url(path):
        try:
            doc = read_document(path)
        except InputError as e:  # said of the input as named, not of the path read
            raise InputError(
                name + str(e)[len(path) :] if str(e).startswith(path) else str(e)
            ) from None
        return Document(name, doc.text, doc.encoding), os.path.getsize(path)
    try:
        data = _read_bytes(path)
    except OSError as e:
        raise read_error(name, e) from None
    return read_source(data, name)


def _read_bytes(path: str) -> bytes:
    """A local file's or an fsspec URL's bytes. A URL whose filesystem is not installed
    is an :class:`OSError` that says which extra to install."""
    if not is_url(path):
        return Path(path).read_bytes()
    protocol = path.split("://", 1)[0]
    try:
        import fsspec
    except ImportError:
        raise OSError(f"{protocol}:// URLs need fsspec: pip install 'qmine[s3]'") from None
    try:
        with fsspec.open(path, "rb") as f:
            return f.read()
    except ImportError:
        if protocol in ("s3", "s3a"):
            raise OSError(f"{protocol}:// URLs need s3fs: pip install 'qmine[s3]'") from None
        raise OSError(f"{protocol}:// URLs need the fsspec package for {protocol}") from None


def iter_outcomes(
    source: str | os.PathLike | bytes,
    options: Options | None = None,
    *,
    name: str | None = None,
    budget: RuleBudget | None = None,
) -> Iterator[Outcome]:
    """The records of one input as ``qmine extract`` gives them, never raising: one
    :class:`Outcome` for an input up to :data:`LARGE_BYTES`, one per piece for a larger
    one (each piece's records as they come, repeats dropped across pieces), or one
    outcome with ``error`` set.

    This is the per-input boundary: whatever an input does to the library (a decoder
    that raises something other than :class:`InputError`, a bug), it fails alone, in one
    line. ``budget`` is the batch's time budget for user rules
    (``RuleBudget.for_batch()``); without it only the per-document limit holds."""
    options = options or Options()
    if name is None:
        name = STDIN if isinstance(source, (bytes, bytearray, memoryview)) else str(source)
    try:
        doc, size = read_source(source, name)
    except InputError as e:
        yield Outcome(name, error=display_name(str(e)))
        return
    except Exception as e:  # noqa: BLE001 - one bad file must not end the batch
        yield _failed(name, e, 0, "cannot read")
        return
    seen: set = set()  # repeats are dropped across the pieces of one input
    large = size > LARGE_BYTES
    kept: list[Record] = []
    repeated = 0
    try:
        rules = options.load_rules()
        pieces = iter_records(
            doc.text,
            doc=display_name(doc.name),
            rules=rules,
            input_format=options.input_format.value,
            meta=options.meta_of(name),
            batch=budget,
        )
        notices: list[str] = []
        with _noticed(notices):
            piece = next(pieces, [])
        for following in _noticing(pieces, notices):
            records, dropped = _deduped(piece, options, seen)
            if large:
                yield Outcome(
                    name,
                    records,
                    size=0,
                    encoding=doc.encoding,
                    count=len(records),
                    final=False,
                    repeated=dropped,
                )
            else:
                kept += records
                repeated += dropped
            piece = following
        records, dropped = _deduped(piece, options, seen)
        yield Outcome(
            name,
            kept + records,
            size=size,
            encoding=doc.encoding,
            count=len(kept) + len(records),
            final=True,
            repeated=repeated + dropped,
            notices=notices,
        )
    except Exception as e:  # noqa: BLE001 - one bad document must not end the batch
        yield _failed(name, e, size)


def try_extract(
    source: str | os.PathLike | bytes,
    options: Options | None = None,
    *,
    name: str | None = None,
    budget: RuleBudget | None = None,
) -> Outcome:
    """One input's records, or its one-line error, in a single :class:`Outcome`; never
    raises (what a distributed task returns)."""
    whole: Outcome | None = None
    for outcome in iter_outcomes(source, options, name=name, budget=budget):
        if outcome.error is not None:
            return outcome
        if whole is None:
            whole = outcome
        else:
            whole.records += outcome.records
            whole.count += outcome.count
            whole.repeated += outcome.repeated
            whole.size, whole.final, whole.notices = outcome.size, outcome.final, outcome.notices
    return whole


def extract_source(
    source: str | os.PathLike | bytes, options: Options | None = None, *, name: str | None = None
) -> list[Record]:
    """Exactly the records ``qmine extract SOURCE`` prints, from a path, an fsspec URL
    or bytes; :class:`ExtractionError` (its message the CLI's one line) when the input
    cannot be read or extracted."""
    outcome = try_extract(source, options, name=name)
    if outcome.error is not None:
        raise ExtractionError(outcome.error)
    return outcome.records


extract_file = extract_source  # the older name


def check_data(options: Options | None = None) -> tuple[Rule, ...]:
    """Every data file an extraction reads, checked now (the rule sets, the unit table,
    the naming words): a broken one is one :class:`DataFileError` before a batch starts,
    not an error in each of its files. Returns the rules."""
    from . import naming
    from .units import unit_table

    unit_table()
    naming.words()
    return (options or Options()).load_rules()


_WARM_TEXT = "湖州市2013年全市批次合格率90.6%，檢查企業5家，立案查处38起，较上年增长12.5%。"


def warm_up(options: Options | None = None) -> None:
    """Load once in this process what every extraction needs: OpenCC, the jieba
    dictionary, the rules (``options``' too), the concepts and the region table. A
    worker calls it at start, so its first file costs no more than its others; a parent
    calls it before forking, so its workers share those pages."""
    from .concepts import default_concepts
    from .pipeline import extract_text
    from .regions import divisions

    rules = check_data(options)
    default_rules()
    default_concepts()
    divisions()
    # A small report through every stage loads whatever each stage loads on first use
    # (the segmenter and its tags, the converter, the region names' pattern, idioms).
    extract_text(_WARM_TEXT, rules=rules)


@lru_cache(maxsize=8)
def _load_rules(sources: tuple[RuleSource, ...], defaults: bool) -> tuple[Rule, ...]:
    """Shipped rules (unless ``defaults`` is False) plus the user's, in the order
    :func:`qmine.extract.load_rules` gives them: higher priority first, then file order."""
    from .rules import _make_rule

    shipped = default_rules() if defaults else ()
    seen: dict[str, str | None] = {r.id: None for r in shipped}
    user: list[Rule] = []
    for source in sources:
        try:
            data = tomllib.loads(source.text)
        except TOMLDecodeError as e:
            raise RuleError(f"{source.name}: not valid TOML: {e}") from None
        raw_rules = data.get("rule")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise RuleError(f"{source.name}: no [[rule]] tables")
        for i, raw in enumerate(raw_rules, 1):
            rule = _make_rule(Path(source.name), i, raw)
            if rule.id in seen:
                raise RuleError(
                    f"{source.name}: rule {rule.id!r} is already defined in "
                    f"{seen[rule.id] or _shipped_file(rule.id)}"
                )
            seen[rule.id] = source.name
            user.append(rule)
    return tuple(sorted((*shipped, *user), key=lambda r: -r.priority))


def _shipped_file(rule_id: str) -> str:
    from .rules import load_rule_file

    for path in default_rule_files():
        if any(r.id == rule_id for r in load_rule_file(path)):
            return str(path)
    return "qmine's rules"


def _deduped(records: list[Record], options: Options, seen: set) -> tuple[list[Record], int]:
    return drop_repeats(records, seen) if options.dedupe else (records, 0)


def _failed(name: str, error: Exception, size: int, doing: str = "extraction failed") -> Outcome:
    reason = (
        str(error)
        if isinstance(error, DataFileError)
        else f"{doing}: {type(error).__name__}: {error}"
    )
    return Outcome(name, error=display_name(f"{name}: {' '.join(reason.split())}"), size=size)


@contextmanager
def _noticed(notices: list[str]) -> Iterator[None]:
    """The library's warnings about one document (a user rule stopped by its time
    limit), kept as lines for the caller to say, instead of Python's warning output."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuleStoppedWarning)
        yield
    notices += [
        display_name(str(w.message)) for w in caught if issubclass(w.category, RuleStoppedWarning)
    ]


def _noticing(pieces: Iterator[list[Record]], notices: list[str]) -> Iterator[list[Record]]:
    """``pieces``, each worked out with its warnings kept in ``notices`` (not while the
    caller has a piece in hand: catch_warnings must not span a yield)."""
    while True:
        with _noticed(notices):
            piece = next(pieces, None)
        if piece is None:
            return
        yield piece


__all__: Iterable[str] = (
    "LARGE_BYTES",
    "STDIN",
    "ExtractionError",
    "InputFormat",
    "Options",
    "Outcome",
    "RuleSource",
    "check_data",
    "display_name",
    "extract_file",
    "extract_source",
    "is_url",
    "iter_outcomes",
    "read_source",
    "try_extract",
    "warm_up",
)
