"""Every real report in ../shared/corpus extracts without error and with offsets that
hold. Skipped where the corpus is absent (it is never copied into the project)."""
import pytest
from conftest import CORPUS
from qmine.extract import extract_text, read_document

FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not here")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_extracts_with_valid_offsets(path):
    doc = read_document(path)
    records = extract_text(doc.text, doc=path.name)
    assert records
    for r in records:
        assert doc.text[r.start:r.end] == r.raw
        assert r.kind in ("rate", "count", "money", "measure", "ratio", "score", "rank")
        assert r.qualifier in ("exact", "over", "under", "about")
