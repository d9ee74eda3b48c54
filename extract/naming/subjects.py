"""The subject a paragraph sets, carried to the names that leave it out.

Budget prose names a fund once and then says only 收入完成, 支出预算合计 (全市国有资本
经营预算收入年初预算合计17.9亿元，收入完成9亿元。支出预算合计22.2亿元); a communiqué names
规模以上服务业企业 once and then says only 利润总额. The subject of a paragraph is what stands
before the first subject head (patterns/naming.toml ``subject_heads``: 收入, 支出, 利润 …) of
a name in it; a later name of the same paragraph that opens with a subject head gets that
subject in front (GUIDE.md "Subject carried over"). A paragraph ends at a line break or a
paragraph's opening spaces, and the subject with it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..structure import Layout
from .segmentation import tokens
from .vocabulary import words

PARAGRAPH = "paragraph"  # where a carried subject came from: an earlier name of the paragraph


@dataclass(frozen=True)
class Carried:
    name: str                  # the name, with the subject in front when one was carried
    subject: str | None        # the words carried, or None
    origin: str | None         # where they came from (PARAGRAPH), or None


class SubjectCarrier:
    """Walks a document's names in order, remembering each paragraph's subject."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.paragraph = -1
        self.subject = ""

    def carry(self, name: str, pos: int) -> Carried:
        paragraph = self.layout.paragraph_start(pos)
        if paragraph != self.paragraph:
            self.paragraph, self.subject = paragraph, ""
        heads = words().subject_heads
        if not any(h in name for h in heads):  # no head in it: nothing to carry or learn
            return Carried(name, None, None)
        toks = tokens(name)
        if toks and toks[0] in heads and self.subject and not name.startswith(self.subject):
            return Carried(self.subject + name, self.subject, PARAGRAPH)
        k = next((j for j, t in enumerate(toks) if j and t in heads), None)
        if k is not None and len(subject := "".join(toks[:k])) >= 2:
            self.subject = subject
        return Carried(name, None, None)
