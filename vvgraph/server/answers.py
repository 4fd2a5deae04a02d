"""Answers kept in memory, by ETag.

The data changes only with a new build, so a query's answer is a pure function of its ETag
(data version, query text, dataset, media type). Public endpoints see the same queries again
and again (the examples of the query page, dashboards polling); answering those from memory
skips the worker round trip. Bounded by total bytes, least recently used first out.
"""

from __future__ import annotations

from collections import OrderedDict

from ..store import Answer


class AnswerCache:
    """An LRU of answers, at most ``max_bytes`` of bodies; one answer at most an eighth of it."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, Answer] = OrderedDict()

    def get(self, etag: str) -> Answer | None:
        answer = self.entries.get(etag)
        if answer is not None:
            self.entries.move_to_end(etag)
        return answer

    def put(self, etag: str, answer: Answer) -> None:
        """Keep ``answer`` unless it is too large to be worth a slot.

        >>> cache = AnswerCache(80)
        >>> cache.put("a", Answer("text/csv", b"x" * 10, None)); cache.put("b", Answer("text/csv", b"y" * 10, None))
        >>> cache.put("c", Answer("text/csv", b"z" * 11, None))   # over 80 // 8: not kept
        >>> [k for k in cache.entries], cache.get("a").body
        (['a', 'b'], b'xxxxxxxxxx')
        """
        size = len(answer.body)
        if size > self.max_bytes // 8 or etag in self.entries:
            return
        self.entries[etag] = answer
        self.size += size
        while self.size > self.max_bytes:
            _, old = self.entries.popitem(last=False)
            self.size -= len(old.body)
