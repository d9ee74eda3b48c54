"""Imported by a parent before it forks workers, so every worker starts with jieba,
OpenCC and the default rules already loaded (each would otherwise spend a second or
more on them)."""
from ..extract.naming import _jieba, _tags
from ..extract.normalise import _converter
from ..extract.rules import default_rules

_jieba()
_tags()
_converter()
default_rules()
