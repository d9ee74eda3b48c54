"""Imported by a parent before it forks workers, so every worker starts with jieba,
OpenCC and the default rules already loaded (each would otherwise spend a second or
more on them)."""
from ..extract.naming import _segmenter, _tags
from ..extract.normalise import _converter
from ..extract.rules import default_rules

_segmenter()
_tags()
_converter()
default_rules()
