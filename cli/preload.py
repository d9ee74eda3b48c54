"""Imported by a parent before it forks workers, so every worker starts with jieba,
OpenCC, the default rules, the concepts and the division table already loaded (each
would otherwise spend a second or more on them)."""
from ..extract.concepts import default_concepts
from ..extract.naming import warm_up
from ..extract.normalise import _converter
from ..extract.report_meta import _names_pattern
from ..extract.rules import default_rules

warm_up()
_converter()
default_rules()
default_concepts()
_names_pattern()
