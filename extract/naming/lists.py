"""Lists: the items of an enumeration and the figures after it (工业、制造业、工业技改投资分别
增长9.4%、13.3%、6.1%), a figure a list shares (A、B均为100%), and a qualifier written once
after a run of figures."""
from __future__ import annotations

import regex

from ..quantities import Quantity
from ..structure import Layout
from .placement import Boundaries, name_start
from .segmentation import tokens
from .trimming import clean
from .vocabulary import words

_NUMERAL = regex.compile(r"[一二三四五六七八九十]")


def split_items(body: str) -> list[str]:
    """The raw items of an enumeration: split at 、 and at 和/及/与 standing as words
    (及时 is no 及)."""
    parts: list[str] = []
    for piece in body.split("、"):
        current = ""
        for tok in tokens(piece):
            if tok in words().list_separators:
                parts.append(current)
                current = ""
            else:
                current += tok
        parts.append(current)
    return parts


def may_list(raw: str) -> bool:
    """Cheap test before segmenting: could ``raw`` hold an enumeration at all?"""
    return "、" in raw or any(sep in raw for sep in words().list_separators)


def may_share(raw: str) -> bool:
    """Cheap test before segmenting: could ``raw`` be a list that shares one figure
    (A、B均为…, or a list of rates)? :func:`distribute` needs one of those words."""
    w = words()
    return may_list(raw) and any(word in raw for word in w.shared_figure + w.shared_suffixes)


def distribute(raw: str, figures: int) -> list[str] | None:
    """Names for ``figures`` figures written after the enumeration ``raw``:

    * as many items as figures: one each, in order (工业、制造业、工业技改投资分别增长
      9.4%、13.3%、6.1% → 工业投资增长, 制造业投资增长, 工业技改投资增长);
    * one figure shared by a list (A、B均为100%, or a list of rates): one name per item.

    None when ``raw`` is no such enumeration.
    """
    w = words()
    items = split_items(raw.rstrip())
    if len(items) < 2:
        return None
    toks = tokens(items[-1])
    k = next((j for j, t in enumerate(toks) if j and t in w.predicate_start), len(toks))
    items[-1] = "".join(toks[:k])
    predicate = clean("".join(t for t in toks[k:]
                              if t not in w.strip_suffix and t not in w.respectively))
    names = _ordinals([clean(item) for item in items])
    if any(len(n) < 2 for n in names):
        return None
    shared = (any(marker in "".join(toks[k:]) for marker in w.shared_figure)
              or all(n.endswith(w.shared_suffixes) for n in names))
    rest = _parallel_rest(names)
    if rest:  # 城镇、农村居民人均可支配收入: 城镇 takes 居民人均可支配收入
        names = [n + rest for n in names[:-1]] + names[-1:]
    else:
        head = _head(names[-1])
        names = [n if n.endswith(head) or n[-1] in w.measure_chars or not head else n + head
                 for n in names]
    names = [n + predicate for n in names]
    if figures == len(names) or (figures == 1 and shared):
        return names
    return None


def _ordinals(names: list[str]) -> list[str]:
    """第一、二、三产业: the items after an ordinal that leave out its 第 get it back."""
    first = names[0] if names else ""
    if len(first) != 2 or not first.startswith("第") or not _NUMERAL.fullmatch(first[1]):
        return names
    return [first] + ["第" + n if _NUMERAL.match(n) and not n.startswith("第") else n
                      for n in names[1:]]


def _parallel_rest(names: list[str]) -> str:
    """When every item but the last is as long as the start of the last item, at a
    word boundary (城镇 | 农村居民人均可支配收入, 一产 | 二产 | 三产增加值) or sharing all
    but its last character with it (第二 | 第三产业: an ordinal), they are parallel
    modifiers and share the rest of the last item; "" otherwise."""
    size = len(names[0])
    last = names[-1]
    if size < 2 or len(last) <= size or any(len(n) != size for n in names[:-1]):
        return ""
    bounds, at = set(), 0
    for tok in tokens(last):
        at += len(tok)
        bounds.add(at)
    ordinal = all(n[:size - 1] == last[:size - 1] for n in names[:-1])
    return last[size:] if size in bounds or ordinal else ""


def _head(name: str) -> str:
    """The head noun of a name when it measures something (工业技改投资 → 投资)."""
    toks = tokens(name)
    head = toks[-1] if toks else ""
    if len(head) == 1 and len(toks) > 1:
        head = toks[-2] + head
    return head if head and head[-1] in words().measure_chars and head != name else ""


def enumerations(text: str, quantities: list[Quantity], boundaries: Boundaries,
                  layout: Layout) -> dict[int, list[str]]:
    """Names for figures that follow an enumeration of their subjects: a run of figures
    joined by 、 (A、B分别增长1%、2%) or one figure shared by a list (A、B均为100%)."""
    named: dict[int, list[str]] = {}
    for run in runs(text, quantities):
        first = quantities[run[0]]
        prev_end = boundaries.previous_end(run[0])
        raw = text[name_start(text, layout, first.pre_start, prev_end):first.pre_start]
        names = distribute(raw, len(run)) if len(run) > 1 or may_share(raw) else None
        if names:
            if len(run) == 1:
                named[run[0]] = names
            else:
                named.update({i: [name] for i, name in zip(run, names)})
    return named




def runs(text: str, quantities: list[Quantity]) -> list[list[int]]:
    """The quantities that may be named, grouped in runs joined by 、/和/及/与
    (分别增长1%、2%和3%), in order; a lone figure is a run of one."""
    live = [i for i, q in enumerate(quantities) if not q.drop and not q.needs_rule]
    out: list[list[int]] = []
    for i in live:
        between = (text[quantities[out[-1][-1]].after:quantities[i].pre_start].strip()
                   if out else None)
        if between is not None and (between == "、" or between in words().list_separators):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def share_qualifiers(text: str, quantities: list[Quantity]) -> None:
    """A qualifier written once after a run of figures in one unit is every figure's:
    失业率、涨幅分别控制在5%和3%以内 gives 5% under as well as 3% under. A rate's unit
    written once after a run is every figure's too (分别回落2.16和1.66个百分点), when
    the figures before it have none."""
    separators = ("、", *words().list_separators)
    for k in range(len(quantities) - 2, -1, -1):  # from the end: 1、2和3个百分点
        q, following = quantities[k], quantities[k + 1]
        if (not q.has_unit and q.needs_rule in ("", "unknown unit") and not q.drop
                and following.has_unit and following.kind == "rate" and not following.drop
                and text[q.after:following.pre_start].strip() in separators):
            q.unit, q.kind, q.has_unit, q.needs_rule = following.unit, following.kind, True, ""
    for run in runs(text, quantities):
        last = quantities[run[-1]]
        if len(run) < 2 or not last.post:
            continue
        for i in run[:-1]:
            q = quantities[i]
            if q.qualifier == "exact" and q.unit == last.unit and not q.post:
                q.qualifier = last.qualifier
