"""Offsets from the working text back into the original text.

Normalisation only ever replaces a character by one character or deletes a stretch,
so the map is piecewise constant: a sorted list of working positions where the
number of deleted characters before them changes. Lookups are a bisect, and the map
costs memory per deletion, not per character.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    """Maps positions in the working text to positions in the original text."""

    def __init__(self) -> None:
        self._at: list[int] = [0]      # working positions where the shift changes
        self._shift: list[int] = [0]   # characters deleted before that position
        self._wide_at: list[int] = []  # working characters that stand for several (&#37;)
        self._width: list[int] = []

    def delete(self, working_pos: int, count: int) -> None:
        """Record that ``count`` original characters were dropped before ``working_pos``.

        Calls must come in increasing ``working_pos`` order (one pass over the text).
        """
        if count <= 0:
            return
        total = self._shift[-1] + count
        if self._at[-1] == working_pos:
            self._shift[-1] = total
        else:
            self._at.append(working_pos)
            self._shift.append(total)

    def widen(self, working_pos: int, width: int) -> None:
        """Record that the character at ``working_pos`` stands for ``width`` original
        characters (an entity: ``&#37;`` is ``%``), so a span ending with it ends after
        them all. Calls come in increasing order, as for :meth:`delete`."""
        self._wide_at.append(working_pos)
        self._width.append(width)

    def to_original(self, working_pos: int) -> int:
        """Original position of the character at ``working_pos``."""
        return working_pos + self._shift[bisect_right(self._at, working_pos) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering working ``[start, end)``."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        last = end - 1
        i = bisect_left(self._wide_at, last)
        width = self._width[i] if i < len(self._wide_at) and self._wide_at[i] == last else 1
        return self.to_original(start), self.to_original(last) + width


class ComposedMap:
    """Two maps in a row: ``inner`` from the working text to an intermediate text,
    ``outer`` from that to the original (markup removed, then normalised)."""

    def __init__(self, outer: OffsetMap, inner: OffsetMap):
        self.outer, self.inner = outer, inner

    def widen(self, working_pos: int, width: int) -> None:
        """Record that the character at ``working_pos`` stands for ``width`` original
        characters (an entity: ``&#37;`` is ``%``), so a span ending with it ends after
        them all. Calls come in increasing order, as for :meth:`delete`."""
        self._wide_at.append(working_pos)
        self._width.append(width)

    def to_original(self, working_pos: int) -> int:
        return self.outer.to_original(self.inner.to_original(working_pos))

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.outer.span(*self.inner.span(start, end))
